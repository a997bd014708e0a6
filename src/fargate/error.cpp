#include "hoplite/fargate/error.hpp"

#include <fmt/format.h>

namespace hoplite::fargate {

DefinitionError::DefinitionError(int id, const std::string& message)
    : std::logic_error(fmt::format("[fargate.definition.{}] {}", id, message)), id_(id) {}

}  // namespace hoplite::fargate
