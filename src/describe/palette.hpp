#pragma once
/// \file Which of the page's 12 accent colours (CSS classes c0…c11) a service gets: well-known
/// services have fixed ones so pages look alike; any other name hashes to one, deterministically.

#include <cstddef>
#include <string_view>

namespace hoplite::describe {

inline constexpr std::size_t kPaletteSize = 12;

[[nodiscard]] std::size_t palette_index(std::string_view service);

}  // namespace hoplite::describe
