#include "hoplite/cfn/validation_error.hpp"

namespace hoplite::cfn {

ValidationError::ValidationError(std::string id, std::string resource, std::string property, const std::string& message)
    : core::DefinitionError("cfn.validate." + std::move(id), message),
      resource_(std::move(resource)),
      property_(std::move(property)) {}

}  // namespace hoplite::cfn
