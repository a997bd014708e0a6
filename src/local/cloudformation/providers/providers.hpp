#pragma once
/// \file The provider factories, one per resource type (one file each in this folder), and the
/// registry that finds each one's service (registry.cpp). Adding a type: a file here with its
/// factory, a declaration below, a line in registry.cpp.

#include <memory>

#include "local/cloudformation/provider.hpp"

namespace hoplite::local::ssm {
class SsmService;
}

namespace hoplite::local::cloudformation {

[[nodiscard]] std::unique_ptr<Provider> make_ssm_parameter_provider(ssm::SsmService& ssm);

}  // namespace hoplite::local::cloudformation
