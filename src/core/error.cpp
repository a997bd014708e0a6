#include "hoplite/core/error.hpp"

#include <fmt/format.h>

namespace hoplite::core {

Error Error::context(std::string_view what) const {
  Error e = *this;
  e.message = fmt::format("{}: {}", what, message);
  return e;
}

std::string Error::to_string() const {
  if (http_status) return fmt::format("{} [{}, HTTP {}]", message, code, *http_status);
  return fmt::format("{} [{}]", message, code);
}

}  // namespace hoplite::core
