#pragma once
/// \file What the CloudFormation operations share: finding a stack or change set by name or
/// ARN within the caller's account and region, and turning state rows into API shapes.

#include <optional>
#include <string>

#include "hoplite/aws/cloudformation.hpp"
#include "local/cloudformation/cfn_state.hpp"
#include "local/service.hpp"

namespace hoplite::local::cloudformation {

/// The stack a request names: an ARN finds any stack of the caller's account and region (a
/// deleted one too, when `deleted_ok`); a name finds the live stack. Errors: stack_not_found.
core::Result<StackRow> find_stack(StackTable& table, const CallContext& ctx, const std::string& name_or_arn,
                                  bool deleted_ok);
/// The same, nullopt instead of an error when there is none.
core::Result<std::optional<StackRow>> find_stack_optional(StackTable& table, const CallContext& ctx,
                                                          const std::string& name_or_arn, bool deleted_ok);

/// A change set by ARN, or by name within `stack_name`. Errors: AWS's for a missing StackName,
/// ChangeSetNotFound.
core::Result<ChangeSetRow> find_change_set(StackTable& table, const CallContext& ctx, const std::string& name_or_arn,
                                           const std::optional<std::string>& stack_name);

[[nodiscard]] aws::cloudformation::Stack to_api(const StackRow& row);
[[nodiscard]] aws::cloudformation::StackResource to_api(const StackRow& stack, const ResourceRow& row);
[[nodiscard]] aws::cloudformation::StackEvent to_api(const EventRow& row);

/// The stack's own event (LogicalResourceId = stack name, type AWS::CloudFormation::Stack).
[[nodiscard]] EventRow stack_event(const StackRow& stack, const std::string& status, const std::string& reason,
                                   std::int64_t time);

}  // namespace hoplite::local::cloudformation
