// Change sets: CreateChangeSet computes the changes at once (both of DescribeChangeSet's forms,
// docs/cfn.md "Change sets") and stores them; a change set without changes ends FAILED with
// AWS's reason. ExecuteChangeSet hands the stack to the engine as CreateStack/UpdateStack do.
#include "hoplite/cfn/change_set.hpp"
#include "local/cloudformation/cfn_lookup.hpp"
#include "local/cloudformation/cfn_names.hpp"
#include "local/cloudformation/cfn_service.hpp"
#include "local/cloudformation/stack_resolver.hpp"
#include "local/cloudformation/template_prep.hpp"
#include "local/sql_values.hpp"
#include "local/store/database.hpp"

namespace hoplite::local::cloudformation {
namespace {

std::string text_of(const nlohmann::json& j, const char* key) {
  auto it = j.find(key);
  if (it == j.end() || it->is_null()) return "";
  return it->is_string() ? it->get<std::string>() : it->dump();
}

std::optional<std::string> optional_text_of(const nlohmann::json& j, const char* key) {
  if (!j.contains(key) || j[key].is_null()) return std::nullopt;
  return text_of(j, key);
}

std::vector<cf::ResourceChange> api_changes(const nlohmann::json& changes) {
  std::vector<cf::ResourceChange> out;
  for (const auto& c : changes) {
    const nlohmann::json& rc = c.contains("ResourceChange") ? c["ResourceChange"] : c;
    cf::ResourceChange change{.action = text_of(rc, "Action"),
                              .logical_resource_id = text_of(rc, "LogicalResourceId"),
                              .physical_resource_id = text_of(rc, "PhysicalResourceId"),
                              .resource_type = text_of(rc, "ResourceType"),
                              .replacement = text_of(rc, "Replacement"),
                              .policy_action = text_of(rc, "PolicyAction"),
                              .scope = {},
                              .details = {},
                              .before_context = optional_text_of(rc, "BeforeContext"),
                              .after_context = optional_text_of(rc, "AfterContext")};
    for (const auto& s : rc.value("Scope", nlohmann::json::array()))
      if (s.is_string()) change.scope.push_back(s.get<std::string>());
    for (const auto& d : rc.value("Details", nlohmann::json::array())) {
      const nlohmann::json t = d.value("Target", nlohmann::json::object());
      change.details.push_back({.target = {.attribute = text_of(t, "Attribute"),
                                           .name = text_of(t, "Name"),
                                           .requires_recreation = text_of(t, "RequiresRecreation"),
                                           .path = text_of(t, "Path"),
                                           .attribute_change_type = text_of(t, "AttributeChangeType"),
                                           .before_value = optional_text_of(t, "BeforeValue"),
                                           .after_value = optional_text_of(t, "AfterValue")},
                                .evaluation = text_of(d, "Evaluation"),
                                .change_source = text_of(d, "ChangeSource"),
                                .causing_entity = text_of(d, "CausingEntity")});
    }
    out.push_back(std::move(change));
  }
  return out;
}

/// The submitted template as a change set sees it: an export that does not exist (yet) is
/// `{{changeSet:KNOWN_AFTER_APPLY}}`, so the change set is created and DescribeChangeSet warns
/// (cfn::compute_changes); executing it fails the resource unless the export exists by then
/// (recorded: cfn-change_set_exports_imports-describe_change_set_import_non_existent_export*).
class ImportsKnownAfterApply final : public cfn::Resolver {
 public:
  explicit ImportsKnownAfterApply(cfn::Resolver& base) : base_(base) {}
  core::Result<cfn::TemplateValue> resource_ref(const cfn::TemplateResource& resource) override {
    return base_.resource_ref(resource);
  }
  core::Result<cfn::TemplateValue> resource_attribute(const cfn::TemplateResource& resource,
                                                      const std::string& attribute) override {
    return base_.resource_attribute(resource, attribute);
  }
  core::Result<std::string> import_value(const std::string& name) override {
    auto v = base_.import_value(name);
    if (!v && v.error().message.starts_with("No export named ")) return std::string(cfn::kKnownAfterApply);
    return v;
  }
  std::vector<std::string> availability_zones(const std::string& region) override {
    return base_.availability_zones(region);
  }
  core::Result<std::string> ssm_parameter(const std::string& name) override { return base_.ssm_parameter(name); }

 private:
  cfn::Resolver& base_;
};

/// A CREATE change set for a stack that is already live.
core::Failure already_exists(const cf::CreateChangeSetRequest& r) {
  return aws_error("ValidationError", "Stack [" + r.stack_name +
                                          "] already exists and cannot be created again with the changeSet [" +
                                          r.change_set_name + "].");
}

}  // namespace

core::Result<cf::CreateChangeSetResponse> CloudFormationService::create_change_set(
    const CallContext& ctx, const cf::CreateChangeSetRequest& r) {
  if (auto ok = check_change_set_name(r.change_set_name); !ok) return ok.failure();
  if (r.stack_name.empty())
    return aws_error("ValidationError",
                     "1 validation error detected: Value null at 'stackName' failed to satisfy "
                     "constraint: Member must not be null");
  if (r.change_set_type != "CREATE" && r.change_set_type != "UPDATE")
    return aws_error("ValidationError", "1 validation error detected: Value '" + r.change_set_type.substr(0, 64) +
                                            "' at 'changeSetType' failed to satisfy constraint: Member must satisfy "
                                            "enum value set: [CREATE, UPDATE, IMPORT]");
  bool create = r.change_set_type == "CREATE";
  // A CREATE may name its stack by id (a REVIEW_IN_PROGRESS stack's, from an earlier CREATE);
  // the id of any other stack, deleted ones too, already exists (recorded:
  // cfn-changesets-create_changeset_with_stack_id).
  const bool by_id = create && is_arn(r.stack_name);
  if (create && !by_id) {
    if (auto ok = check_stack_name(r.stack_name); !ok) return ok.failure();
  }
  if (auto ok = check_rollback_triggers(r.rollback_triggers); !ok) return ok.failure();
  if (auto ok = check_role(ctx, r.role_arn); !ok) return ok.failure();
  // The stack (and, for UPDATE, what is deployed), read in one transaction.
  struct Found {
    std::optional<StackRow> stack;
    std::map<std::string, ResourceRow> rows;
    std::optional<ChangeSetRow> same_token;
  };
  auto found = house_.db.transaction<Found>([&](store::Tx& tx) -> core::Result<Found> {
    StackTable table(tx);
    Found out;
    // An UPDATE naming a deleted stack by its id finds it, to say so (recorded:
    // cfn-update_stack-update_deleted_stack); by name only live stacks are found.
    auto stack = find_stack_optional(table, ctx, r.stack_name, by_id || (!create && is_arn(r.stack_name)));
    if (!stack) return stack.failure();
    if (!create && *stack && (*stack)->status == "DELETE_COMPLETE")
      return aws_error("ValidationError",
                       "Stack:" + (*stack)->id + " is in DELETE_COMPLETE state and can not be updated.");
    out.stack = std::move(*stack);
    if (!out.stack && by_id) {
      if (auto ok = check_stack_name(r.stack_name); !ok) return ok.failure();
    }
    if (!out.stack) return out;
    // A CREATE on a live stack fails before its change set name is looked at, and AWS echoes the
    // StackName as given, a name or an id (recorded: cfn-changesets-name_conflicts,
    // cfn-changesets-create_changeset_with_stack_id).
    if (create && out.stack->status != "REVIEW_IN_PROGRESS") return already_exists(r);
    auto existing = table.change_set_by_name(out.stack->id, r.change_set_name);
    if (!existing) return existing.failure();
    if (*existing) {
      if (r.client_token && (*existing)->client_token == *r.client_token) {
        out.same_token = std::move(**existing);
        return out;
      }
      return aws_error("AlreadyExistsException", "ChangeSet " + r.change_set_name +
                                                     " cannot be created due to a "
                                                     "mismatch with existing attribute ClientToken");
    }
    auto rows = table.resources(out.stack->id);
    if (!rows) return rows.failure();
    for (auto& row : *rows) out.rows.emplace(row.logical_id, std::move(row));
    return out;
  });
  if (!found) return found.failure();
  if (found->same_token)
    return cf::CreateChangeSetResponse{.id = found->same_token->id, .stack_id = found->same_token->stack_id};
  if (!create && !found->stack) return aws_error("ValidationError", "Stack [" + r.stack_name + "] does not exist");
  if (!create && found->stack->status == "REVIEW_IN_PROGRESS")
    return aws_error("ValidationError", "Stack [" + found->stack->id +
                                            "] does not exist or is in REVIEW_IN_PROGRESS state; use ChangeSetType "
                                            "CREATE");

  StackRow stack;
  if (found->stack) {
    stack = *found->stack;
  } else {
    stack.id = new_stack_id(ctx.region, ctx.principal.account_id, r.stack_name);
    stack.account = ctx.principal.account_id;
    stack.region = ctx.region;
    stack.name = r.stack_name;
    stack.status = "REVIEW_IN_PROGRESS";
    stack.reason = "User Initiated";
    stack.created = to_millis(ctx.now);
  }
  std::string body;
  if (r.use_previous_template) {
    if (create) return aws_error("ValidationError", "UsePreviousTemplate cannot be used with ChangeSetType CREATE.");
    body = stack.template_body;
  } else {
    auto text = template_text(ctx, r.source);
    if (!text) return text.failure();
    body = *text;
  }
  auto previous_params = create ? std::vector<cfn::ParameterValue>{} : parameters_from_json(stack.parameters);
  StackResolver resolver(house_, ctx, create ? nullptr : &found->rows, providers_.ssm);
  cfn::StackContext context = stack_context(stack);
  ImportsKnownAfterApply preview(resolver);
  auto prepared = prepare_template(body, r.parameters, previous_params, context, preview);
  if (!prepared) return prepared.failure();
  if (auto ok = check_capabilities(prepared->doc, r.capabilities); !ok) return ok.failure();
  if (auto ok = check_resource_types(prepared->doc, r.resource_types); !ok) return ok.failure();
  std::optional<cfn::TemplateDocument> before;
  if (!create) {
    auto doc = cfn::read_template(stack.template_body, {.max_body_bytes = cfn::kMaxTemplateUrlBytes * 2});
    if (!doc) return doc.failure();
    before = std::move(*doc);
  }
  cfn::ChangeSetInput input{.before = before ? &*before : nullptr,
                            .before_parameters = previous_params,
                            .after = &prepared->doc,
                            .after_parameters = prepared->parameters,
                            .context = context,
                            .deployed = &resolver};
  auto with_values = cfn::compute_changes(input, {.include_property_values = true});
  if (!with_values) return with_values.failure();
  auto plain = cfn::compute_changes(input, {.include_property_values = false});
  if (!plain) return plain.failure();

  ChangeSetRow cs;
  cs.id = new_change_set_id(ctx.region, ctx.principal.account_id, r.change_set_name);
  cs.stack_id = stack.id;
  cs.name = r.change_set_name;
  cs.type = r.change_set_type;
  cs.created = to_millis(ctx.now);
  cs.description = r.description;
  cs.template_body = body;
  cs.parameters = parameters_to_json(prepared->parameters);
  cs.capabilities = kept_capabilities(prepared->doc, r.capabilities);
  cs.tags = r.tags.empty() && !create ? stack.tags : nlohmann::json(r.tags);
  cs.role_arn = r.role_arn;
  cs.client_token = r.client_token.value_or("");
  cs.changes = nlohmann::json::parse(cfn::changes_to_json(plain->changes, false).dump());
  cs.changes_with_values = {{"changes", nlohmann::json::parse(cfn::changes_to_json(with_values->changes, true).dump())},
                            {"status_reason", with_values->status_reason}};
  bool changed = plain->has_changes() || (!create && cs.tags != stack.tags);
  if (create || changed) {
    cs.status = "CREATE_COMPLETE";
    cs.execution_status = "AVAILABLE";
  } else {
    cs.status = "FAILED";
    cs.reason = std::string(cfn::kNoChangesReason);
    cs.execution_status = "UNAVAILABLE";
  }
  auto written = house_.db.transaction([&](store::Tx& tx) -> core::Result<void> {
    StackTable table(tx);
    if (!found->stack) {
      auto raced = table.live_stack(stack.account, stack.region, stack.name);
      if (!raced) return raced.failure();
      if (*raced) return already_exists(r);
      if (auto ok = table.put_stack(stack); !ok) return ok;
      if (auto ok = table.add_event(stack_event(stack, "REVIEW_IN_PROGRESS", "User Initiated", stack.created)); !ok)
        return ok;
    }
    return table.put_change_set(cs);
  });
  if (!written) return written.failure();
  return cf::CreateChangeSetResponse{.id = cs.id, .stack_id = stack.id};
}

core::Result<cf::DescribeChangeSetResponse> CloudFormationService::describe_change_set(
    const CallContext& ctx, const cf::DescribeChangeSetRequest& r) {
  return house_.db.transaction<cf::DescribeChangeSetResponse>(
      [&](store::Tx& tx) -> core::Result<cf::DescribeChangeSetResponse> {
        StackTable table(tx);
        auto cs = find_change_set(table, ctx, r.change_set_name, r.stack_name);
        if (!cs) return cs.failure();
        auto stack = table.stack(cs->stack_id);
        if (!stack) return stack.failure();
        cf::DescribeChangeSetResponse out;
        out.change_set_name = cs->name;
        out.change_set_id = cs->id;
        out.stack_id = cs->stack_id;
        out.stack_name = *stack ? (*stack)->name : "";
        out.status = cs->status;
        out.status_reason = cs->reason;
        out.execution_status = cs->execution_status;
        out.description = cs->description;
        out.parameters = shown_parameters(cs->parameters);
        out.capabilities = cs->capabilities;
        for (const auto& [k, v] : cs->tags.items()) out.tags[k] = v.is_string() ? v.get<std::string>() : v.dump();
        out.notification_arns = cs->notification_arns;
        out.creation_time = from_millis(cs->created);
        if (r.include_property_values) {
          out.changes = api_changes(cs->changes_with_values.value("changes", nlohmann::json::array()));
          std::string warn = cs->changes_with_values.value("status_reason", "");
          if (out.status_reason.empty()) out.status_reason = warn;
        } else {
          out.changes = api_changes(cs->changes);
        }
        return out;
      });
}

core::Result<void> CloudFormationService::execute_change_set(const CallContext& ctx,
                                                             const cf::ExecuteChangeSetRequest& r) {
  auto now = to_millis(ctx.now);
  auto id =
      house_.db.transaction<std::optional<std::string>>([&](store::Tx& tx) -> core::Result<std::optional<std::string>> {
        StackTable table(tx);
        auto cs = find_change_set(table, ctx, r.change_set_name, r.stack_name);
        if (!cs) return cs.failure();
        auto found = table.stack(cs->stack_id);
        if (!found) return found.failure();
        if (!*found) return change_set_not_found(r.change_set_name);
        StackRow stack = std::move(**found);
        if (r.client_request_token && !r.client_request_token->empty() && stack.token == *r.client_request_token &&
            stack.change_set_id == cs->id)
          return std::optional<std::string>{};  // a retry
        if (cs->execution_status != "AVAILABLE")
          return aws_error("InvalidChangeSetStatus", "ChangeSet [" + cs->id +
                                                         "] cannot be executed in its current execution status of [" +
                                                         cs->execution_status + "]");
        bool create = stack.status == "REVIEW_IN_PROGRESS";
        if (!create && stack.status != "CREATE_COMPLETE" && stack.status != "UPDATE_COMPLETE" &&
            stack.status != "UPDATE_ROLLBACK_COMPLETE")
          return aws_error(
              "InvalidChangeSetStatus",
              "ChangeSet [" + cs->id + "] cannot be executed in its current status of [" + stack.status + "]");
        auto doc = cfn::read_template(cs->template_body, {.max_body_bytes = cfn::kMaxTemplateUrlBytes * 2});
        if (!create) {
          stack.previous_template = stack.template_body;
          stack.previous_parameters = stack.parameters;
        }
        stack.template_body = cs->template_body;
        stack.parameters = cs->parameters;
        stack.capabilities = cs->capabilities;
        stack.tags = cs->tags;
        if (cs->role_arn) stack.role_arn = cs->role_arn;
        stack.description = doc ? doc->description : "";
        stack.status = create ? "CREATE_IN_PROGRESS" : "UPDATE_IN_PROGRESS";
        start_operation(stack, create ? "CREATE_STACK" : "UPDATE_STACK", ctx.principal);
        stack.reason = "User Initiated";
        stack.updated = now;
        stack.change_set_id = cs->id;
        stack.token = r.client_request_token.value_or("");
        if (auto ok = table.put_stack(stack); !ok) return ok.failure();
        if (auto ok = table.add_event(stack_event(stack, stack.status, "User Initiated", now)); !ok)
          return ok.failure();
        auto all = table.change_sets(stack.id);
        if (!all) return all.failure();
        for (auto& other : *all) {
          other.execution_status = other.id == cs->id ? "EXECUTE_IN_PROGRESS" : "OBSOLETE";
          if (auto ok = table.put_change_set(other); !ok) return ok.failure();
        }
        return std::optional<std::string>(stack.id);
      });
  if (!id) return id.failure();
  if (*id) engine_->start(**id);
  return core::ok();
}

core::Result<void> CloudFormationService::delete_change_set(const CallContext& ctx,
                                                            const cf::DeleteChangeSetRequest& r) {
  return house_.db.transaction([&](store::Tx& tx) -> core::Result<void> {
    StackTable table(tx);
    auto cs = find_change_set(table, ctx, r.change_set_name, r.stack_name);
    if (!cs) return cs.failure();
    if (cs->execution_status == "EXECUTE_IN_PROGRESS")
      return aws_error("InvalidChangeSetStatus", "Cannot delete ChangeSet in status " + cs->execution_status);
    return table.remove_change_set(cs->id);
  });
}

core::Result<cf::ListChangeSetsResponse> CloudFormationService::list_change_sets(const CallContext& ctx,
                                                                                 const cf::ListChangeSetsRequest& r) {
  return house_.db.transaction<cf::ListChangeSetsResponse>(
      [&](store::Tx& tx) -> core::Result<cf::ListChangeSetsResponse> {
        StackTable table(tx);
        auto stack = find_stack(table, ctx, r.stack_name, true);
        if (!stack) return stack.failure();
        auto all = table.change_sets(stack->id);
        if (!all) return all.failure();
        cf::ListChangeSetsResponse out;
        for (const auto& cs : *all) {
          // Executing a change set removes the stack's change sets from the list (AWS's
          // ExecuteChangeSet; recorded): the executed one stays describable by its ARN.
          if (cs.execution_status.starts_with("EXECUTE_") || cs.execution_status == "OBSOLETE") continue;
          out.summaries.push_back({.stack_id = stack->id,
                                   .stack_name = stack->name,
                                   .change_set_id = cs.id,
                                   .change_set_name = cs.name,
                                   .execution_status = cs.execution_status,
                                   .status = cs.status,
                                   .status_reason = cs.reason,
                                   .creation_time = from_millis(cs.created),
                                   .description = cs.description,
                                   .include_nested_stacks = false});
        }
        return out;
      });
}

}  // namespace hoplite::local::cloudformation
