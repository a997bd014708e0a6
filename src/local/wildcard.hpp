#pragma once
/// \file `*` (any run, `/` and `:` included) and `?` (one character) wildcard matching, as EC2
/// filters and IAM policies (actions, resources, StringLike/ArnLike) use it. Iterative with one
/// backtrack point — linear-ish, never exponential, no regex on request text.

#include <string_view>

namespace hoplite::local {

/// Longest pattern matched; a longer one matches nothing (bounds the worst case).
inline constexpr std::size_t kMaxWildcardPattern = 4096;

[[nodiscard]] bool wildcard_match(std::string_view pattern, std::string_view text, bool ignore_case = false);

}  // namespace hoplite::local
