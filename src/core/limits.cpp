#include "hoplite/core/limits.hpp"

#include <fmt/format.h>

namespace hoplite::core {

Result<void> check_size(std::size_t size, std::string_view what, const DocumentLimits& limits) {
  if (size <= limits.max_bytes) return ok();
  return fail("limits.size",
              fmt::format("{} is {} bytes, more than the {} bytes accepted", what, size, limits.max_bytes));
}

Result<void> check_json_limits(std::string_view text, std::string_view what, const DocumentLimits& limits) {
  if (auto sized = check_size(text.size(), what, limits); !sized) return sized;
  std::size_t depth = 0;
  bool in_string = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (in_string) {
      if (c == '\\') {
        ++i;  // the escaped character cannot end the string
      } else if (c == '"') {
        in_string = false;
      }
      continue;
    }
    if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      if (++depth > limits.max_depth)
        return fail("limits.depth",
                    fmt::format("{} nests deeper than {} levels (at byte {})", what, limits.max_depth, i));
    } else if ((c == ']' || c == '}') && depth > 0) {
      --depth;
    }
  }
  return ok();
}

}  // namespace hoplite::core
