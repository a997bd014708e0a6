#pragma once
/// \file Identifiers the local cloud hands out: request ids, access keys, secrets, session tokens,
/// resource ids, in the alphabets and lengths AWS uses. Keys and secrets come from the kernel's
/// random generator; ids only need to be unique.

#include <cstddef>
#include <string>

namespace hoplite::local {

/// `xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx` (UUID v4), the form of AWS request ids.
[[nodiscard]] std::string request_id();
/// `n` characters of A-Z0-9 (access key ids, role ids).
[[nodiscard]] std::string random_upper_alnum(std::size_t n);
/// `n` characters of the base64 alphabet (secrets, session tokens).
[[nodiscard]] std::string random_base64ish(std::size_t n);
/// `n` lower-case hex digits (EC2-style resource ids: `vpc-` + 17 hex). Unique, not secret.
[[nodiscard]] std::string random_hex(std::size_t n);

}  // namespace hoplite::local
