#pragma once
/// \file The pagination loop every `*_all` call shares.

#include <set>
#include <string>

#include "hoplite/core/result.hpp"

namespace hoplite::aws::detail {

/// Calls `fetch(request)` and `append(page)` until a page has no `next_token`. A token that comes
/// back a second time ends the loop too: a misbehaving peer must not make us loop forever.
template <typename Req, typename Fetch, typename Append>
core::Result<void> each_page(Req& request, Fetch fetch, Append append) {
  std::set<std::string> seen;
  for (;;) {
    auto page = fetch(request);
    if (!page) return page.failure();
    append(*page);
    if (!page->next_token || page->next_token->empty() || !seen.insert(*page->next_token).second) return core::ok();
    request.next_token = page->next_token;
  }
}

}  // namespace hoplite::aws::detail
