// CreateStack, UpdateStack, DeleteStack, CancelUpdateStack, ContinueUpdateRollback: check the
// request, write the stack's new *_IN_PROGRESS status with its "User Initiated" event, and hand
// the stack to the engine. Each returns at once; the engine works in the background.
#include "hoplite/cfn/change_set.hpp"
#include "local/cloudformation/cfn_lookup.hpp"
#include "local/cloudformation/cfn_names.hpp"
#include "local/cloudformation/cfn_service.hpp"
#include "local/cloudformation/stack_resolver.hpp"
#include "local/cloudformation/template_prep.hpp"
#include "local/iam/iam_service.hpp"
#include "local/sql_values.hpp"
#include "local/store/database.hpp"

namespace hoplite::local::cloudformation {
namespace {

bool updatable(const std::string& status) {
  return status == "CREATE_COMPLETE" || status == "UPDATE_COMPLETE" || status == "UPDATE_ROLLBACK_COMPLETE";
}

/// The stack and its resources as deployed, read in one transaction.
struct Deployed {
  StackRow stack;
  std::map<std::string, ResourceRow> rows;
};

core::Result<Deployed> read_deployed(store::Database& db, const CallContext& ctx, const std::string& name) {
  return db.transaction<Deployed>([&](store::Tx& tx) -> core::Result<Deployed> {
    StackTable table(tx);
    auto stack = find_stack(table, ctx, name, false);
    if (!stack) return stack.failure();
    auto rows = table.resources(stack->id);
    if (!rows) return rows.failure();
    Deployed out{.stack = std::move(*stack), .rows = {}};
    for (auto& r : *rows) out.rows.emplace(r.logical_id, std::move(r));
    return out;
  });
}

}  // namespace

core::Result<void> CloudFormationService::check_role(const CallContext& ctx,
                                                     const std::optional<std::string>& role_arn) {
  if (!role_arn || iam_ == nullptr) return core::ok();
  // arn:<partition>:iam::<account>:role/<path><name>
  auto invalid = [&] { return aws_error("ValidationError", "Role " + *role_arn + " is invalid or cannot be assumed"); };
  const std::string& arn = *role_arn;
  auto iam_at = arn.find(":iam::");
  auto role_at = arn.find(":role/");
  if (!arn.starts_with("arn:") || iam_at == std::string::npos || role_at == std::string::npos || role_at < iam_at)
    return invalid();
  std::string account = arn.substr(iam_at + 6, role_at - iam_at - 6);
  std::string name = arn.substr(arn.rfind('/') + 1);
  if (name.empty()) return invalid();
  CallContext owner = ctx;
  owner.principal.account_id = account;
  auto role = iam_->get_role(owner, {.role_name = name, .marker = std::nullopt, .max_items = std::nullopt});
  if (!role) return invalid();
  return core::ok();
}

core::Result<cf::wire::StackIdResponse> CloudFormationService::create_stack(const CallContext& ctx,
                                                                            const cf::CreateStackRequest& r) {
  if (auto ok = check_stack_name(r.stack_name); !ok) return ok.failure();
  if (r.disable_rollback && r.on_failure)
    return aws_error("ValidationError", "You cannot specify both DisableRollback and OnFailure.");
  if (r.on_failure && *r.on_failure != "ROLLBACK" && *r.on_failure != "DELETE" && *r.on_failure != "DO_NOTHING")
    return aws_error("ValidationError", "1 validation error detected: Value '" + r.on_failure->substr(0, 64) +
                                            "' at 'onFailure' failed to satisfy constraint: Member must satisfy enum "
                                            "value set: [ROLLBACK, DELETE, DO_NOTHING]");
  if (auto ok = check_rollback_triggers(r.rollback_triggers); !ok) return ok.failure();
  if (auto ok = check_role(ctx, r.role_arn); !ok) return ok.failure();
  // A retry of the request that created the stack answers as the first call did.
  auto existing = house_.db.transaction<std::optional<StackRow>>([&](store::Tx& tx) {
    StackTable table(tx);
    return table.live_stack(ctx.principal.account_id, ctx.region, r.stack_name);
  });
  if (!existing) return existing.failure();
  if (*existing) {
    if (r.client_request_token && (*existing)->token == *r.client_request_token)
      return cf::wire::StackIdResponse{(*existing)->id};
    return aws_error("AlreadyExistsException", "Stack [" + r.stack_name + "] already exists");
  }
  auto body = template_text(ctx, r.source);
  if (!body) return body.failure();

  StackRow stack;
  stack.id = new_stack_id(ctx.region, ctx.principal.account_id, r.stack_name);
  stack.account = ctx.principal.account_id;
  stack.region = ctx.region;
  stack.name = r.stack_name;
  StackResolver preview(house_, ctx, nullptr, providers_.ssm);
  auto prepared = prepare_template(*body, r.parameters, {}, stack_context(stack), preview);
  if (!prepared) return prepared.failure();
  if (auto ok = check_capabilities(prepared->doc, r.capabilities); !ok) return ok.failure();
  if (auto ok = check_resource_types(prepared->doc, r.resource_types); !ok) return ok.failure();

  auto now = to_millis(ctx.now);
  stack.status = "CREATE_IN_PROGRESS";
  start_operation(stack, "CREATE_STACK", ctx.principal);
  stack.created = now;
  stack.template_body = *body;
  stack.parameters = parameters_to_json(prepared->parameters);
  stack.tags = nlohmann::json(r.tags);
  stack.capabilities = kept_capabilities(prepared->doc, r.capabilities);
  stack.notification_arns = r.notification_arns;
  stack.role_arn = r.role_arn;
  stack.description = prepared->doc.description;
  stack.disable_rollback = r.disable_rollback.value_or(false);
  stack.on_failure = r.on_failure.value_or("ROLLBACK");
  stack.termination_protection = r.enable_termination_protection.value_or(false);
  stack.token = r.client_request_token.value_or("");
  auto written =
      house_.db.transaction<std::optional<std::string>>([&](store::Tx& tx) -> core::Result<std::optional<std::string>> {
        StackTable table(tx);
        auto raced = table.live_stack(stack.account, stack.region, stack.name);
        if (!raced) return raced.failure();
        if (*raced) return aws_error("AlreadyExistsException", "Stack [" + r.stack_name + "] already exists");
        if (auto ok = table.put_stack(stack); !ok) return ok.failure();
        if (auto ok = table.add_event(stack_event(stack, "CREATE_IN_PROGRESS", "User Initiated", now)); !ok)
          return ok.failure();
        return std::optional<std::string>(stack.id);
      });
  if (!written) return written.failure();
  engine_->start(stack.id);
  return cf::wire::StackIdResponse{stack.id};
}

core::Result<cf::wire::StackIdResponse> CloudFormationService::update_stack(const CallContext& ctx,
                                                                            const cf::UpdateStackRequest& r) {
  if (r.stack_name.empty())
    return aws_error("ValidationError",
                     "1 validation error detected: Value null at 'stackName' failed to satisfy "
                     "constraint: Member must not be null");
  auto deployed = read_deployed(house_.db, ctx, r.stack_name);
  if (!deployed) return deployed.failure();
  StackRow stack = deployed->stack;
  if (r.client_request_token && !r.client_request_token->empty() && stack.token == *r.client_request_token)
    return cf::wire::StackIdResponse{stack.id};
  if (!updatable(stack.status))
    return aws_error("ValidationError",
                     "Stack:" + stack.id + " is in " + stack.status + " state and can not be updated.");
  if (auto ok = check_rollback_triggers(r.rollback_triggers); !ok) return ok.failure();
  if (auto ok = check_role(ctx, r.role_arn); !ok) return ok.failure();
  std::string body;
  if (r.use_previous_template) {
    if (r.source.template_body || r.source.template_url)
      return aws_error("ValidationError",
                       "You cannot specify both usePreviousTemplate and Template Body/Template Url.");
    body = stack.template_body;
  } else {
    auto text = template_text(ctx, r.source);
    if (!text) return text.failure();
    body = *text;
  }
  auto previous_params = parameters_from_json(stack.parameters);
  StackResolver resolver(house_, ctx, &deployed->rows, providers_.ssm);
  cfn::StackContext context = stack_context(stack);
  auto prepared = prepare_template(body, r.parameters, previous_params, context, resolver);
  if (!prepared) return prepared.failure();
  if (auto ok = check_capabilities(prepared->doc, r.capabilities); !ok) return ok.failure();
  if (auto ok = check_resource_types(prepared->doc, r.resource_types); !ok) return ok.failure();
  auto before = cfn::read_template(stack.template_body, {.max_body_bytes = cfn::kMaxTemplateUrlBytes * 2});
  if (!before) return before.failure();
  cfn::ChangeSetInput input{.before = &*before,
                            .before_parameters = previous_params,
                            .after = &prepared->doc,
                            .after_parameters = prepared->parameters,
                            .context = context,
                            .deployed = &resolver};
  auto changes = cfn::compute_changes(input, {.include_property_values = false});
  if (!changes) return changes.failure();
  nlohmann::json tags = r.tags.empty() ? stack.tags : nlohmann::json(r.tags);
  if (!changes->has_changes() && tags == stack.tags)
    return aws_error("ValidationError", std::string(cfn::kNoUpdatesMessage));

  auto now = to_millis(ctx.now);
  auto written = house_.db.transaction([&](store::Tx& tx) -> core::Result<void> {
    StackTable table(tx);
    auto current = table.stack(stack.id);
    if (!current) return current.failure();
    if (!*current || !updatable((*current)->status))
      return aws_error("ValidationError", "Stack:" + stack.id + " is in " +
                                              ((*current) ? (*current)->status : "DELETE_COMPLETE") +
                                              " state and can not be updated.");
    StackRow next = **current;
    next.previous_template = next.template_body;
    next.previous_parameters = next.parameters;
    next.template_body = body;
    next.parameters = parameters_to_json(prepared->parameters);
    next.tags = tags;
    next.capabilities = kept_capabilities(prepared->doc, r.capabilities);
    if (r.role_arn) next.role_arn = r.role_arn;
    if (r.disable_rollback) next.disable_rollback = *r.disable_rollback;
    next.description = prepared->doc.description;
    next.status = "UPDATE_IN_PROGRESS";
    start_operation(next, "UPDATE_STACK", ctx.principal);
    next.reason = "User Initiated";
    next.updated = now;
    next.change_set_id.reset();
    next.token = r.client_request_token.value_or("");
    if (auto ok = table.put_stack(next); !ok) return ok;
    return table.add_event(stack_event(next, "UPDATE_IN_PROGRESS", "User Initiated", now));
  });
  if (!written) return written.failure();
  engine_->start(stack.id);
  return cf::wire::StackIdResponse{stack.id};
}

core::Result<void> CloudFormationService::delete_stack(const CallContext& ctx, const cf::DeleteStackRequest& r) {
  if (r.stack_name.empty())
    return aws_error("ValidationError",
                     "1 validation error detected: Value null at 'stackName' failed to satisfy "
                     "constraint: Member must not be null");
  auto now = to_millis(ctx.now);
  auto started =
      house_.db.transaction<std::optional<std::string>>([&](store::Tx& tx) -> core::Result<std::optional<std::string>> {
        StackTable table(tx);
        auto found = find_stack_optional(table, ctx, r.stack_name, true);
        if (!found) return found.failure();
        // Deleting a stack that does not exist (any more) succeeds, as on AWS.
        if (!*found) return std::optional<std::string>{};
        StackRow stack = std::move(**found);
        if (stack.status == "DELETE_COMPLETE" || stack.status == "DELETE_IN_PROGRESS")
          return std::optional<std::string>{};
        if (stack.termination_protection)
          return aws_error("ValidationError",
                           "Stack [" + stack.name + "] cannot be deleted while TerminationProtection is enabled");
        if (is_in_progress(stack.status))
          return aws_error("ValidationError",
                           "Stack [" + stack.name + "] cannot be deleted while in status " + stack.status);
        if (!r.retain_resources.empty()) {
          if (stack.status != "DELETE_FAILED")
            return aws_error("ValidationError", "Invalid operation on stack [" + stack.id +
                                                    "]: RetainResources can only be specified when a stack is in the "
                                                    "DELETE_FAILED state");
          for (const auto& id : r.retain_resources) {
            auto row = table.resource(stack.id, id);
            if (!row) return row.failure();
            if (!*row) continue;
            (*row)->status = "DELETE_SKIPPED";
            if (auto ok = table.put_resource(**row); !ok) return ok.failure();
          }
        }
        stack.status = "DELETE_IN_PROGRESS";
        start_operation(stack, "DELETE_STACK", ctx.principal);
        stack.reason = "User Initiated";
        stack.token = r.client_request_token.value_or("");
        if (auto ok = table.put_stack(stack); !ok) return ok.failure();
        if (auto ok = table.add_event(stack_event(stack, "DELETE_IN_PROGRESS", "User Initiated", now)); !ok)
          return ok.failure();
        return std::optional<std::string>(stack.id);
      });
  if (!started) return started.failure();
  if (*started) engine_->start(**started);
  return core::ok();
}

core::Result<void> CloudFormationService::cancel_update_stack(const CallContext& ctx,
                                                              const cf::CancelUpdateStackRequest& r) {
  auto stack = house_.db.transaction<StackRow>([&](store::Tx& tx) {
    StackTable table(tx);
    return find_stack(table, ctx, r.stack_name, false);
  });
  if (!stack) return stack.failure();
  if (stack->status != "UPDATE_IN_PROGRESS" || !engine_->cancel(stack->id))
    return aws_error("ValidationError", "CancelUpdateStack cannot be called from current stack status");
  return core::ok();
}

core::Result<void> CloudFormationService::continue_update_rollback(const CallContext& ctx,
                                                                   const cf::ContinueUpdateRollbackRequest& r) {
  auto now = to_millis(ctx.now);
  auto id = house_.db.transaction<std::string>([&](store::Tx& tx) -> core::Result<std::string> {
    StackTable table(tx);
    auto stack = find_stack(table, ctx, r.stack_name, false);
    if (!stack) return stack.failure();
    if (stack->status != "UPDATE_ROLLBACK_FAILED")
      return aws_error("ValidationError", "Stack " + stack->name + " is in " + stack->status +
                                              " state and can not continue update rollback.");
    for (const auto& skip : r.resources_to_skip) {
      auto row = table.resource(stack->id, skip);
      if (!row) return row.failure();
      if (!*row) return aws_error("ValidationError", "Resource " + skip + " does not exist for stack " + stack->name);
      (*row)->touch = Touch::none;
      (*row)->status = "UPDATE_COMPLETE";
      (*row)->reason = "Resource skipped during rollback";
      if (auto ok = table.put_resource(**row); !ok) return ok.failure();
    }
    stack->status = "UPDATE_ROLLBACK_IN_PROGRESS";
    stack->reason = "";
    stack->token = r.client_request_token.value_or("");
    if (auto ok = table.put_stack(*stack); !ok) return ok.failure();
    if (auto ok = table.add_event(stack_event(*stack, "UPDATE_ROLLBACK_IN_PROGRESS", "", now)); !ok)
      return ok.failure();
    return stack->id;
  });
  if (!id) return id.failure();
  engine_->start(*id);
  return core::ok();
}

}  // namespace hoplite::local::cloudformation
