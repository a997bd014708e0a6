#include "hoplite/cfn/validation_error.hpp"

namespace hoplite::cfn {

ValidationError::ValidationError(std::string id, std::string resource, std::string property, const std::string& message)
    : std::runtime_error("[cfn.validate." + id + "] " + message),
      id_("cfn.validate." + std::move(id)),
      resource_(std::move(resource)),
      property_(std::move(property)) {}

}  // namespace hoplite::cfn
