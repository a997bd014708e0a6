#include "hoplite/sfn/error.hpp"

#include <fmt/format.h>

namespace hoplite::sfn {

DefinitionError::DefinitionError(DefinitionRule rule, const std::string& message)
    : core::DefinitionError(fmt::format("sfn.definition.{}", static_cast<int>(rule)), message), rule_(rule) {}

}  // namespace hoplite::sfn
