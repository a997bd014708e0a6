#include "hoplite/core/definition_error.hpp"

#include <utility>

namespace hoplite::core {

namespace {

std::string describe(const std::string& code, const std::string& message, const std::string& remedy) {
  std::string out = "[" + code + "] " + message;
  if (!remedy.empty()) out += "; " + remedy;
  return out;
}

}  // namespace

DefinitionError::DefinitionError(std::string code, std::string message, std::string remedy)
    : std::logic_error(describe(code, message, remedy)),
      code_(std::move(code)),
      message_(std::move(message)),
      remedy_(std::move(remedy)) {}

}  // namespace hoplite::core
