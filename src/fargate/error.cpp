#include "hoplite/fargate/error.hpp"

#include <fmt/format.h>

namespace hoplite::fargate {

DefinitionError::DefinitionError(int id, const std::string& message)
    : core::DefinitionError(fmt::format("fargate.definition.{}", id), message), id_(id) {}

}  // namespace hoplite::fargate
