#include "local/cloudformation/cfn_lookup.hpp"

#include "local/cloudformation/cfn_names.hpp"
#include "local/cloudformation/template_prep.hpp"
#include "local/ids.hpp"
#include "local/sql_values.hpp"

namespace hoplite::local::cloudformation {
namespace {

/// `arn:<p>:cloudformation:<region>:<account>:<kind>/...` belongs to the caller's account and region.
bool owned(const std::string& arn, const CallContext& ctx) {
  std::string prefix =
      "arn:" + partition_of(ctx.region) + ":cloudformation:" + ctx.region + ":" + ctx.principal.account_id + ":";
  return arn.starts_with(prefix);
}

std::optional<core::TimePoint> time_of(const std::optional<std::int64_t>& millis) {
  if (!millis) return std::nullopt;
  return from_millis(*millis);
}

}  // namespace

core::Result<std::optional<StackRow>> find_stack_optional(StackTable& table, const CallContext& ctx,
                                                          const std::string& name_or_arn, bool deleted_ok) {
  if (is_arn(name_or_arn)) {
    if (!owned(name_or_arn, ctx)) return std::optional<StackRow>{};
    auto s = table.stack(name_or_arn);
    if (!s) return s.failure();
    if (*s && !deleted_ok && (*s)->status == "DELETE_COMPLETE") return std::optional<StackRow>{};
    return s;
  }
  return table.live_stack(ctx.principal.account_id, ctx.region, name_or_arn);
}

core::Result<StackRow> find_stack(StackTable& table, const CallContext& ctx, const std::string& name_or_arn,
                                  bool deleted_ok) {
  auto s = find_stack_optional(table, ctx, name_or_arn, deleted_ok);
  if (!s) return s.failure();
  if (!*s) return stack_not_found(name_or_arn);
  return std::move(**s);
}

core::Result<ChangeSetRow> find_change_set(StackTable& table, const CallContext& ctx, const std::string& name_or_arn,
                                           const std::optional<std::string>& stack_name) {
  if (name_or_arn.empty())
    return aws_error("ValidationError",
                     "1 validation error detected: Value null at 'changeSetName' failed to satisfy constraint: "
                     "Member must not be null");
  if (is_arn(name_or_arn)) {
    if (!owned(name_or_arn, ctx)) return change_set_not_found(name_or_arn);
    auto c = table.change_set(name_or_arn);
    if (!c) return c.failure();
    if (!*c) return change_set_not_found(name_or_arn);
    return std::move(**c);
  }
  if (!stack_name || stack_name->empty())
    return aws_error("ValidationError", "StackName must be specified if ChangeSetName is not specified as an ARN.");
  auto stack = find_stack_optional(table, ctx, *stack_name, true);
  if (!stack) return stack.failure();
  // Recorded on AWS: a change set named in a stack that does not exist is the stack's error.
  if (!*stack) return aws_error("ValidationError", "Stack [" + *stack_name + "] does not exist");
  auto c = table.change_set_by_name((*stack)->id, name_or_arn);
  if (!c) return c.failure();
  if (!*c) return change_set_not_found(name_or_arn);
  return std::move(**c);
}

aws::cloudformation::Stack to_api(const StackRow& row) {
  aws::cloudformation::Stack s;
  s.stack_id = row.id;
  s.stack_name = row.name;
  s.stack_status = row.status;
  s.stack_status_reason = row.reason;
  s.description = row.description;
  s.creation_time = from_millis(row.created);
  s.last_updated_time = time_of(row.updated);
  s.deletion_time = time_of(row.deleted);
  s.parameters = shown_parameters(row.parameters);
  for (const auto& o : row.outputs)
    s.outputs.push_back({.key = o.value("key", ""),
                         .value = o.value("value", ""),
                         .description = o.value("description", ""),
                         .export_name = o.value("export", "")});
  s.capabilities = row.capabilities;
  for (const auto& [k, v] : row.tags.items()) s.tags[k] = v.is_string() ? v.get<std::string>() : v.dump();
  // AWS forgets the change set that made a stack once the stack is deleted, or rolled back after
  // its creation failed (recorded: cfn-logs-handle_existing_log_group and
  // cfn-change_set_exports_imports-describe_change_set_import_non_existent_export).
  if (row.status != "DELETE_COMPLETE" && row.status != "ROLLBACK_COMPLETE") s.change_set_id = row.change_set_id;
  s.disable_rollback = row.disable_rollback;
  s.enable_termination_protection = row.termination_protection;
  s.notification_arns = row.notification_arns;
  s.role_arn = row.role_arn;
  for (const auto& o : row.last_operations)
    s.last_operations.push_back({.operation_type = o.value("type", ""), .operation_id = o.value("id", "")});
  return s;
}

aws::cloudformation::StackResource to_api(const StackRow& stack, const ResourceRow& row) {
  aws::cloudformation::StackResource r;
  r.logical_resource_id = row.logical_id;
  r.physical_resource_id = row.physical_id;
  r.resource_type = row.type;
  r.resource_status = row.status;
  r.resource_status_reason = row.reason;
  r.timestamp = from_millis(row.updated);
  r.stack_id = stack.id;
  r.stack_name = stack.name;
  if (!row.metadata.empty()) r.metadata = row.metadata;
  return r;
}

aws::cloudformation::StackEvent to_api(const EventRow& row) {
  return {.event_id = row.event_id,
          .stack_name = row.stack_name,
          .logical_resource_id = row.logical_id,
          .physical_resource_id = row.physical_id,
          .resource_type = row.type,
          .resource_status = row.status,
          .resource_status_reason = row.reason,
          .timestamp = from_millis(row.time),
          .client_request_token = row.token,
          .stack_id = row.stack_id,
          .resource_properties = row.properties};
}

EventRow stack_event(const StackRow& stack, const std::string& status, const std::string& reason, std::int64_t time) {
  return EventRow{.seq = 0,
                  .event_id = request_id(),
                  .stack_id = stack.id,
                  .stack_name = stack.name,
                  .logical_id = stack.name,
                  .physical_id = stack.id,
                  .type = "AWS::CloudFormation::Stack",
                  .status = status,
                  .reason = reason,
                  .properties = std::nullopt,
                  .time = time,
                  .token = stack.token};
}

}  // namespace hoplite::local::cloudformation
