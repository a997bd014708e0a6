#pragma once
/// \file
/// ASCII case folding, as protocols (header names, SigV4, URL schemes, AWS's case-insensitive names)
/// define it: only A–Z change, whatever the locale.

#include <string>
#include <string_view>

namespace hoplite::core {

/// `s` with A–Z turned into a–z; every other byte unchanged.
[[nodiscard]] std::string ascii_lower(std::string_view s);

/// `s` with a–z turned into A–Z; every other byte unchanged.
[[nodiscard]] std::string ascii_upper(std::string_view s);

}  // namespace hoplite::core
