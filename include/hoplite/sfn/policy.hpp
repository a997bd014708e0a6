#pragma once
/// \file
/// The IAM permissions a state needs in the state machine's execution role.

#include <string>
#include <vector>

#include "hoplite/cfn/json.hpp"

namespace hoplite::sfn {

/// One `Effect: Allow` statement. Resources may be intrinsics (`cfn::ref(topic)`).
struct PolicyStatement {
  std::vector<std::string> actions;  ///< e.g. {"sns:Publish"}
  std::vector<cfn::Json> resources;  ///< ARNs; "*" only where the API cannot be scoped
  cfn::Json condition;               ///< IAM Condition block; null = none
};

}  // namespace hoplite::sfn
