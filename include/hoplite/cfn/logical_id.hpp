#pragma once
/// \file
/// Deterministic logical IDs.
///
/// CloudFormation logical IDs are 1-255 ASCII letters and digits. Building blocks that create
/// several resources from one user-facing name need IDs that are stable across runs and machines
/// (no random, no clock — unlike Sparta's rand.Int63()), so the suffix is a hash of the parts.
///
///     cfn::logical_id("Subnet", "Net", "public", "1")   // "SubnetXXXXXXXX" (8 hex digits, same every run)

#include <initializer_list>
#include <string>
#include <string_view>

namespace hoplite::cfn {

/// `prefix` with every non-alphanumeric character dropped (truncated so the result fits 255), then
/// the first 8 hex digits (upper case) of SHA-256 over the length-prefixed parts.
[[nodiscard]] std::string logical_id(std::string_view prefix, std::initializer_list<std::string_view> parts);

/// The same, with the parts as separate arguments (anything convertible to std::string_view).
template <class... Parts>
[[nodiscard]] std::string logical_id(std::string_view prefix, const Parts&... parts) {
  return logical_id(prefix, {std::string_view(parts)...});
}

/// True for 1-255 ASCII letters and digits.
[[nodiscard]] bool is_valid_logical_id(std::string_view id);

/// `name` with every non-alphanumeric character removed ("my-topic.v2" -> "mytopicv2").
[[nodiscard]] std::string sanitize_logical_id(std::string_view name);

}  // namespace hoplite::cfn
