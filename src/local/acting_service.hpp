#pragma once
/// \file Calls a service makes to another on a principal's behalf, as AWS's services do
/// (CloudFormation creating a stack's VPC). Such a call carries the stack's account as principal
/// and, as its access key id, `service:` plus the calling service's name: no request from outside
/// can carry that id, since every key a caller signs with is one the house knows and none holds a
/// `:` (`--credentials ID:SECRET` splits on it; IAM makes `AKIA…` ids). Services allow such a
/// caller what AWS keeps to itself, e.g. EC2's `aws:cloudformation:*` tags.

#include <string_view>

#include "local/service.hpp"

namespace hoplite::local {

/// The access key id of the CloudFormation engine's calls.
inline constexpr std::string_view kCloudFormationCaller = "service:cloudformation.amazonaws.com";

/// True for a call the CloudFormation engine makes for a stack.
[[nodiscard]] inline bool called_by_cloudformation(const CallContext& ctx) {
  return ctx.principal.access_key_id == kCloudFormationCaller;
}

}  // namespace hoplite::local
