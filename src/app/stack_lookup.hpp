#pragma once
/// \file Finding the service's deployed parts from its stack's resources (the state machine to
/// execute, the log group to read), so no ARN or name has to be given on the command line.

#include <string>
#include <vector>

#include "hoplite/aws/cloudformation.hpp"
#include "hoplite/core/result.hpp"

namespace hoplite::app {

/// The physical id of the stack's resource of `type`: the one named `logical_id` when given, else
/// the only one. Errors: `app.stack.not_found` (no stack: run provision), `app.stack.resource`
/// (none of that type, or several and none chosen — the message lists them).
core::Result<std::string> stack_resource_id(aws::cloudformation::Client& cfn, const std::string& stack,
                                            const std::string& type, const std::string& logical_id = "");

/// Every resource of the stack (ListStackResources, all pages); `app.stack.not_found` without a stack.
core::Result<std::vector<aws::cloudformation::StackResource>> stack_resources(aws::cloudformation::Client& cfn,
                                                                              const std::string& stack);

}  // namespace hoplite::app
