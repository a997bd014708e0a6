#include "aws/environment.hpp"

#include <cstdlib>

#include "hoplite/core/ascii.hpp"

namespace hoplite::aws::detail {

std::optional<std::string> env_value(const char* name) {
  const char* v = std::getenv(name);
  if (v == nullptr || *v == '\0') return std::nullopt;
  return std::string(v);
}

bool env_true(const char* name) {
  auto v = env_value(name);
  return v && core::ascii_lower(*v) == "true";
}

}  // namespace hoplite::aws::detail
