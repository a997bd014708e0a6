#pragma once
/// \file
/// Lower-case hexadecimal encoding, as digests and SigV4 use it.

#include <optional>
#include <string>
#include <string_view>

namespace hoplite::core {

/// Lower-case hex of the bytes of `data`.
[[nodiscard]] std::string to_hex(std::string_view data);

/// Bytes from hex (either case); nullopt when `hex` has an odd length or a non-hex character.
[[nodiscard]] std::optional<std::string> from_hex(std::string_view hex);

}  // namespace hoplite::core
