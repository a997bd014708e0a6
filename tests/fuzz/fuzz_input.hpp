#pragma once
// Helpers shared by the fuzz targets: the input as text, and splitting one input into fields so a
// target can fuzz several arguments at once.

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>
#include <vector>

namespace hoplite::fuzz {

inline std::string_view text(const std::uint8_t* data, std::size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

/// `input` split at each `\0` into at most `n` fields (the last takes the rest); missing fields
/// are empty. Seeds write their fields separated by NUL bytes.
inline std::vector<std::string_view> fields(std::string_view input, std::size_t n) {
  std::vector<std::string_view> out;
  while (out.size() + 1 < n) {
    std::size_t nul = input.find('\0');
    if (nul == std::string_view::npos) break;
    out.push_back(input.substr(0, nul));
    input.remove_prefix(nul + 1);
  }
  out.push_back(input);
  out.resize(n);
  return out;
}

/// Aborts (a finding) when a property the code promises does not hold.
inline void check(bool property) {
  if (!property) std::abort();
}

}  // namespace hoplite::fuzz
