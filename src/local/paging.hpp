#pragma once
/// \file Pagination tokens the local services hand out: the position after a page's last item,
/// wrapped so that a token is opaque to clients (as AWS's are), tied to the listing that issued
/// it, and checked when it comes back — a token that is not ours is the service's
/// `InvalidNextToken`-style error, never a crash or a silently wrong page.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace hoplite::local {

/// Longest token read back; anything longer is not one of ours.
inline constexpr std::size_t kMaxPageTokenBytes = 8192;

/// A token for `listing` ("ssm.DescribeParameters") that resumes after `position`.
[[nodiscard]] std::string page_token(std::string_view listing, std::string_view position);

/// The position in a token `page_token(listing, …)` made, or nullopt.
[[nodiscard]] std::optional<std::string> read_page_token(std::string_view listing, std::string_view token);

}  // namespace hoplite::local
