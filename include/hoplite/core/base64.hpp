#pragma once
/// \file
/// Standard base64 (RFC 4648 section 4, `A-Za-z0-9+/`, `=` padding): HTTP Basic credentials,
/// docker `config.json` `auth` fields, ECR authorization tokens, S3's `Content-MD5`.

#include <optional>
#include <string>
#include <string_view>

namespace hoplite::core {

/// Base64 of `data`, padded with `=` to a multiple of 4 characters.
[[nodiscard]] std::string base64_encode(std::string_view data);

/// Decodes base64. Accepted: the standard alphabet, padding present or absent, and ASCII
/// whitespace anywhere (line breaks in PEM-style text, a trailing newline in a file). nullopt on
/// any other character, on `=` anywhere but at the end, on more than two `=`, or on a length that
/// leaves a dangling character (4n+1 symbols).
[[nodiscard]] std::optional<std::string> base64_decode(std::string_view text);

}  // namespace hoplite::core
