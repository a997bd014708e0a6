#include "local/paging.hpp"

#include "hoplite/core/base64.hpp"

namespace hoplite::local {

std::string page_token(std::string_view listing, std::string_view position) {
  std::string plain(listing);
  plain += '\n';
  plain += position;
  return core::base64_encode(plain);
}

std::optional<std::string> read_page_token(std::string_view listing, std::string_view token) {
  if (token.empty() || token.size() > kMaxPageTokenBytes) return std::nullopt;
  auto plain = core::base64_decode(token);
  if (!plain || plain->size() <= listing.size() || plain->compare(0, listing.size(), listing) != 0 ||
      (*plain)[listing.size()] != '\n')
    return std::nullopt;
  return plain->substr(listing.size() + 1);
}

}  // namespace hoplite::local
