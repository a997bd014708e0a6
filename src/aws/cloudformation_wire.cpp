// CloudFormation's request and response shapes, both directions (see cloudformation_wire.hpp).
// Member names and order follow the API model (botocore's cloudformation/2010-05-15).
#include "hoplite/aws/cloudformation_wire.hpp"

#include "aws/protocol/response.hpp"
#include "hoplite/core/time_format.hpp"

namespace hoplite::aws::cloudformation::wire {
namespace {

using detail::time_at;

// ---- request helpers ----

void add_source(QueryParams& p, const TemplateSource& s) {
  p.add("TemplateBody", s.template_body).add("TemplateURL", s.template_url);
}

void add_parameters(QueryParams& p, const std::vector<Parameter>& params) {
  for (std::size_t i = 0; i < params.size(); ++i) {
    std::string m = QueryParams::member("Parameters", i + 1);
    p.add(m + ".ParameterKey", params[i].key);
    if (params[i].use_previous_value) {
      p.add(m + ".UsePreviousValue", "true");
    } else {
      p.add(m + ".ParameterValue", params[i].value);
    }
  }
}

void add_tags(QueryParams& p, const std::map<std::string, std::string>& tags) {
  std::size_t i = 0;
  for (const auto& [k, v] : tags) {
    std::string m = QueryParams::member("Tags", ++i);
    p.add(m + ".Key", k).add(m + ".Value", v);
  }
}

void add_bool(QueryParams& p, const std::string& key, const std::optional<bool>& v) {
  if (v) p.add(key, *v ? "true" : "false");
}

TemplateSource read_source(const QueryReader& in) {
  return {.template_body = in.string("TemplateBody"), .template_url = in.string("TemplateURL")};
}

core::Result<std::vector<Parameter>> read_parameters(const QueryReader& in) {
  std::vector<Parameter> out;
  for (std::size_t i = 1;; ++i) {
    std::string m = QueryParams::member("Parameters", i);
    auto key = in.string(m + ".ParameterKey");
    auto value = in.string(m + ".ParameterValue");
    auto previous = in.boolean(m + ".UsePreviousValue", "usePreviousValue");
    if (!previous) return previous.failure();
    if (!key && !value && !*previous) break;
    out.push_back(
        {.key = key.value_or(""), .value = value.value_or(""), .use_previous_value = previous->value_or(false)});
  }
  return out;
}

std::map<std::string, std::string> read_tags(const QueryReader& in) {
  std::map<std::string, std::string> out;
  for (std::size_t i = 1;; ++i) {
    std::string m = QueryParams::member("Tags", i);
    auto key = in.string(m + ".Key");
    if (!key) break;
    out[*key] = in.string(m + ".Value").value_or("");
  }
  return out;
}

std::vector<RollbackTrigger> read_rollback_triggers(const QueryReader& in) {
  std::vector<RollbackTrigger> out;
  for (std::size_t i = 1;; ++i) {
    std::string m = QueryParams::member("RollbackConfiguration.RollbackTriggers", i);
    auto arn = in.string(m + ".Arn");
    auto type = in.string(m + ".Type");
    if (!arn && !type) break;
    out.push_back({.arn = arn.value_or(""), .type = type.value_or("")});
  }
  return out;
}

void add_stack_options(QueryParams& p, const std::vector<RollbackTrigger>& triggers,
                       const std::vector<std::string>& resource_types) {
  for (std::size_t i = 0; i < triggers.size(); ++i) {
    std::string m = QueryParams::member("RollbackConfiguration.RollbackTriggers", i + 1);
    p.add(m + ".Arn", triggers[i].arn).add(m + ".Type", triggers[i].type);
  }
  p.add_list("ResourceTypes", resource_types);
}

core::Result<std::optional<bool>> read_bool(const QueryReader& in, std::string_view key) {
  std::string member(key);
  if (!member.empty()) member[0] = static_cast<char>(member[0] - 'A' + 'a');
  return in.boolean(key, member);
}

// ---- response helpers ----

void write_time(XmlWriter& out, std::string_view name, const std::optional<core::TimePoint>& t) {
  if (t) out.element(name, core::format_iso8601_millis(*t));
}

void write_list(XmlWriter& out, std::string_view name, const std::vector<std::string>& values) {
  out.open(name);
  for (const auto& v : values) out.element("member", v);
  out.close();
}

void write_parameters(XmlWriter& out, const std::vector<Parameter>& params) {
  out.open("Parameters");
  for (const auto& p : params) {
    out.open("member").element("ParameterKey", p.key).element("ParameterValue", p.value);
    out.optional_element("ResolvedValue", p.resolved_value).close();
  }
  out.close();
}

void write_tags(XmlWriter& out, const std::map<std::string, std::string>& tags) {
  out.open("Tags");
  for (const auto& [k, v] : tags) out.open("member").element("Key", k).element("Value", v).close();
  out.close();
}

void write_optional(XmlWriter& out, std::string_view name, const std::string& text) {
  if (!text.empty()) out.element(name, text);
}

std::vector<std::string> texts(const XmlElement& x, std::string_view path) {
  std::vector<std::string> out;
  for (const auto* m : x.members(path)) out.push_back(m->text);
  return out;
}

std::vector<Parameter> read_parameters(const XmlElement& x) {
  std::vector<Parameter> out;
  for (const auto* p : x.members("Parameters"))
    out.push_back({.key = p->text_at("ParameterKey"),
                   .value = p->text_at("ParameterValue"),
                   .resolved_value = p->optional_text("ResolvedValue")});
  return out;
}

std::map<std::string, std::string> read_tags(const XmlElement& x) {
  std::map<std::string, std::string> out;
  for (const auto* t : x.members("Tags")) out[t->text_at("Key")] = t->text_at("Value");
  return out;
}

std::optional<std::string> read_next_token(const XmlElement& x) {
  auto t = x.optional_text("NextToken");
  if (t && t->empty()) return std::nullopt;
  return t;
}

void write_stack(XmlWriter& out, const Stack& s) {
  out.open("member").element("StackId", s.stack_id).element("StackName", s.stack_name);
  out.optional_element("ChangeSetId", s.change_set_id);
  write_optional(out, "Description", s.description);
  if (!s.parameters.empty()) write_parameters(out, s.parameters);  // AWS leaves out an empty list here
  write_time(out, "CreationTime", s.creation_time);
  write_time(out, "DeletionTime", s.deletion_time);
  write_time(out, "LastUpdatedTime", s.last_updated_time);
  out.open("RollbackConfiguration").close();
  out.element("StackStatus", s.stack_status);
  write_optional(out, "StackStatusReason", s.stack_status_reason);
  out.boolean("DisableRollback", s.disable_rollback);
  write_list(out, "NotificationARNs", s.notification_arns);
  if (!s.capabilities.empty()) write_list(out, "Capabilities", s.capabilities);
  if (!s.outputs.empty()) {
    out.open("Outputs");
    for (const auto& o : s.outputs) {
      out.open("member").element("OutputKey", o.key).element("OutputValue", o.value);
      write_optional(out, "Description", o.description);
      write_optional(out, "ExportName", o.export_name);
      out.close();
    }
    out.close();
  }
  out.optional_element("RoleARN", s.role_arn);
  write_tags(out, s.tags);
  // A deleted stack has no termination protection to show (as recorded on AWS).
  if (s.stack_status != "DELETE_COMPLETE") out.boolean("EnableTerminationProtection", s.enable_termination_protection);
  out.open("DriftInformation").element("StackDriftStatus", s.drift_status).close();
  if (!s.last_operations.empty()) {
    out.open("LastOperations");
    for (const auto& o : s.last_operations)
      out.open("member").element("OperationType", o.operation_type).element("OperationId", o.operation_id).close();
    out.close();
  }
  out.close();
}

Stack read_stack(const XmlElement& m) {
  Stack s;
  s.stack_id = m.text_at("StackId");
  s.stack_name = m.text_at("StackName");
  s.change_set_id = m.optional_text("ChangeSetId");
  s.stack_status = m.text_at("StackStatus");
  s.stack_status_reason = m.text_at("StackStatusReason");
  s.description = m.text_at("Description");
  s.creation_time = time_at(m, "CreationTime");
  s.last_updated_time = time_at(m, "LastUpdatedTime");
  s.deletion_time = time_at(m, "DeletionTime");
  s.parameters = read_parameters(m);
  for (const auto* o : m.members("Outputs"))
    s.outputs.push_back({.key = o->text_at("OutputKey"),
                         .value = o->text_at("OutputValue"),
                         .description = o->text_at("Description"),
                         .export_name = o->text_at("ExportName")});
  s.capabilities = texts(m, "Capabilities");
  s.tags = read_tags(m);
  s.disable_rollback = detail::xml_bool(m, "DisableRollback");
  s.enable_termination_protection = detail::xml_bool(m, "EnableTerminationProtection");
  s.notification_arns = texts(m, "NotificationARNs");
  s.role_arn = m.optional_text("RoleARN");
  if (auto d = m.optional_text("DriftInformation/StackDriftStatus")) s.drift_status = *d;
  for (const auto* o : m.members("LastOperations"))
    s.last_operations.push_back(
        {.operation_type = o->text_at("OperationType"), .operation_id = o->text_at("OperationId")});
  return s;
}

void write_event(XmlWriter& out, const StackEvent& e) {
  out.open("member").element("StackId", e.stack_id).element("EventId", e.event_id).element("StackName", e.stack_name);
  out.element("LogicalResourceId", e.logical_resource_id);
  // Present even when empty: a resource's first CREATE_IN_PROGRESS and a CREATE_FAILED before
  // anything was made show "" (recorded: cfn-template_engine-invalid_stack_deploy).
  out.element("PhysicalResourceId", e.physical_resource_id);
  out.element("ResourceType", e.resource_type);
  write_time(out, "Timestamp", e.timestamp);
  out.element("ResourceStatus", e.resource_status);
  write_optional(out, "ResourceStatusReason", e.resource_status_reason);
  out.optional_element("ResourceProperties", e.resource_properties);
  write_optional(out, "ClientRequestToken", e.client_request_token);
  out.close();
}

StackEvent read_event(const XmlElement& m) {
  return {.event_id = m.text_at("EventId"),
          .stack_name = m.text_at("StackName"),
          .logical_resource_id = m.text_at("LogicalResourceId"),
          .physical_resource_id = m.text_at("PhysicalResourceId"),
          .resource_type = m.text_at("ResourceType"),
          .resource_status = m.text_at("ResourceStatus"),
          .resource_status_reason = m.text_at("ResourceStatusReason"),
          .timestamp = time_at(m, "Timestamp"),
          .client_request_token = m.text_at("ClientRequestToken"),
          .stack_id = m.text_at("StackId"),
          .resource_properties = m.optional_text("ResourceProperties")};
}

/// The members DescribeStackResource(s) and ListStackResources share; `time_name` is `Timestamp`
/// or `LastUpdatedTimestamp`.
void write_resource(XmlWriter& out, const StackResource& r, std::string_view time_name, bool with_stack) {
  if (with_stack) out.element("StackName", r.stack_name).element("StackId", r.stack_id);
  out.element("LogicalResourceId", r.logical_resource_id);
  write_optional(out, "PhysicalResourceId", r.physical_resource_id);
  out.element("ResourceType", r.resource_type);
  write_time(out, time_name, r.timestamp);
  out.element("ResourceStatus", r.resource_status);
  write_optional(out, "ResourceStatusReason", r.resource_status_reason);
  write_optional(out, "Description", r.description);
  out.optional_element("Metadata", r.metadata);
  out.open("DriftInformation").element("StackResourceDriftStatus", r.drift_status).close();
}

StackResource read_resource(const XmlElement& m, std::string_view time_name) {
  StackResource r{.logical_resource_id = m.text_at("LogicalResourceId"),
                  .physical_resource_id = m.text_at("PhysicalResourceId"),
                  .resource_type = m.text_at("ResourceType"),
                  .resource_status = m.text_at("ResourceStatus"),
                  .resource_status_reason = m.text_at("ResourceStatusReason"),
                  .timestamp = time_at(m, time_name),
                  .stack_id = m.text_at("StackId"),
                  .stack_name = m.text_at("StackName"),
                  .description = m.text_at("Description"),
                  .metadata = m.optional_text("Metadata")};
  if (auto d = m.optional_text("DriftInformation/StackResourceDriftStatus")) r.drift_status = *d;
  return r;
}

void write_template_parameters(XmlWriter& out, const std::vector<TemplateParameter>& params, bool summary) {
  out.open("Parameters");
  for (const auto& p : params) {
    out.open("member").element("ParameterKey", p.key);
    out.optional_element("DefaultValue", p.default_value);
    if (summary) out.element("ParameterType", p.type);
    out.boolean("NoEcho", p.no_echo);
    write_optional(out, "Description", p.description);
    if (summary) {
      out.open("ParameterConstraints");
      if (!p.allowed_values.empty()) write_list(out, "AllowedValues", p.allowed_values);
      out.close();
    }
    out.close();
  }
  out.close();
}

std::vector<TemplateParameter> read_template_parameters(const XmlElement& x) {
  std::vector<TemplateParameter> out;
  for (const auto* m : x.members("Parameters")) {
    out.push_back({.key = m->text_at("ParameterKey"),
                   .default_value = m->optional_text("DefaultValue"),
                   .no_echo = detail::xml_bool(*m, "NoEcho"),
                   .description = m->text_at("Description"),
                   .type = m->text_at("ParameterType"),
                   .allowed_values = texts(*m, "ParameterConstraints/AllowedValues")});
  }
  return out;
}

}  // namespace

// ================= requests =================

QueryParams encode_request(const CreateStackRequest& r) {
  QueryParams p;
  p.add("StackName", r.stack_name);
  add_source(p, r.source);
  add_parameters(p, r.parameters);
  add_bool(p, "DisableRollback", r.disable_rollback);
  p.add_list("NotificationARNs", r.notification_arns);
  p.add_list("Capabilities", r.capabilities);
  p.add("RoleARN", r.role_arn).add("OnFailure", r.on_failure);
  add_tags(p, r.tags);
  p.add("ClientRequestToken", r.client_request_token);
  add_bool(p, "EnableTerminationProtection", r.enable_termination_protection);
  add_stack_options(p, r.rollback_triggers, r.resource_types);
  return p;
}

core::Result<CreateStackRequest> decode_create_stack_request(const QueryParams& params) {
  QueryReader in(params);
  CreateStackRequest r;
  r.stack_name = in.string("StackName").value_or("");
  r.source = read_source(in);
  auto ps = read_parameters(in);
  if (!ps) return ps.failure();
  r.parameters = std::move(*ps);
  auto disable = read_bool(in, "DisableRollback");
  if (!disable) return disable.failure();
  r.disable_rollback = *disable;
  auto protect = read_bool(in, "EnableTerminationProtection");
  if (!protect) return protect.failure();
  r.enable_termination_protection = *protect;
  r.notification_arns = in.list("NotificationARNs");
  r.capabilities = in.list("Capabilities");
  r.role_arn = in.string("RoleARN");
  r.on_failure = in.string("OnFailure");
  r.tags = read_tags(in);
  r.client_request_token = in.string("ClientRequestToken");
  r.rollback_triggers = read_rollback_triggers(in);
  r.resource_types = in.list("ResourceTypes");
  return r;
}

QueryParams encode_request(const UpdateStackRequest& r) {
  QueryParams p;
  p.add("StackName", r.stack_name);
  add_source(p, r.source);
  if (r.use_previous_template) p.add("UsePreviousTemplate", "true");
  add_parameters(p, r.parameters);
  p.add_list("Capabilities", r.capabilities);
  p.add("RoleARN", r.role_arn);
  add_tags(p, r.tags);
  add_bool(p, "DisableRollback", r.disable_rollback);
  p.add("ClientRequestToken", r.client_request_token);
  add_stack_options(p, r.rollback_triggers, r.resource_types);
  return p;
}

core::Result<UpdateStackRequest> decode_update_stack_request(const QueryParams& params) {
  QueryReader in(params);
  UpdateStackRequest r;
  r.stack_name = in.string("StackName").value_or("");
  r.source = read_source(in);
  auto previous = read_bool(in, "UsePreviousTemplate");
  if (!previous) return previous.failure();
  r.use_previous_template = previous->value_or(false);
  auto ps = read_parameters(in);
  if (!ps) return ps.failure();
  r.parameters = std::move(*ps);
  r.capabilities = in.list("Capabilities");
  r.role_arn = in.string("RoleARN");
  r.tags = read_tags(in);
  auto disable = read_bool(in, "DisableRollback");
  if (!disable) return disable.failure();
  r.disable_rollback = *disable;
  r.client_request_token = in.string("ClientRequestToken");
  r.rollback_triggers = read_rollback_triggers(in);
  r.resource_types = in.list("ResourceTypes");
  return r;
}

QueryParams encode_request(const DeleteStackRequest& r) {
  QueryParams p;
  p.add("StackName", r.stack_name);
  p.add_list("RetainResources", r.retain_resources);
  p.add("RoleARN", r.role_arn).add("ClientRequestToken", r.client_request_token);
  return p;
}

core::Result<DeleteStackRequest> decode_delete_stack_request(const QueryParams& params) {
  QueryReader in(params);
  return DeleteStackRequest{.stack_name = in.string("StackName").value_or(""),
                            .role_arn = in.string("RoleARN"),
                            .retain_resources = in.list("RetainResources"),
                            .client_request_token = in.string("ClientRequestToken")};
}

QueryParams encode_request(const DescribeStacksRequest& r) {
  QueryParams p;
  p.add("StackName", r.stack_name).add("NextToken", r.next_token);
  return p;
}

core::Result<DescribeStacksRequest> decode_describe_stacks_request(const QueryParams& params) {
  QueryReader in(params);
  return DescribeStacksRequest{.stack_name = in.string("StackName"), .next_token = in.string("NextToken")};
}

QueryParams encode_request(const DescribeStackEventsRequest& r) {
  QueryParams p;
  p.add("StackName", r.stack_name).add("NextToken", r.next_token);
  return p;
}

core::Result<DescribeStackEventsRequest> decode_describe_stack_events_request(const QueryParams& params) {
  QueryReader in(params);
  return DescribeStackEventsRequest{.stack_name = in.string("StackName").value_or(""),
                                    .next_token = in.string("NextToken")};
}

QueryParams encode_request(const DescribeStackResourceRequest& r) {
  QueryParams p;
  p.add("StackName", r.stack_name).add("LogicalResourceId", r.logical_resource_id);
  return p;
}

core::Result<DescribeStackResourceRequest> decode_describe_stack_resource_request(const QueryParams& params) {
  QueryReader in(params);
  return DescribeStackResourceRequest{.stack_name = in.string("StackName").value_or(""),
                                      .logical_resource_id = in.string("LogicalResourceId").value_or("")};
}

QueryParams encode_request(const DescribeStackResourcesRequest& r) {
  QueryParams p;
  p.add("StackName", r.stack_name).add("LogicalResourceId", r.logical_resource_id);
  return p;
}

core::Result<DescribeStackResourcesRequest> decode_describe_stack_resources_request(const QueryParams& params) {
  QueryReader in(params);
  return DescribeStackResourcesRequest{.stack_name = in.string("StackName").value_or(""),
                                       .logical_resource_id = in.string("LogicalResourceId")};
}

QueryParams encode_request(const ListStackResourcesRequest& r) {
  QueryParams p;
  p.add("StackName", r.stack_name).add("NextToken", r.next_token);
  return p;
}

core::Result<ListStackResourcesRequest> decode_list_stack_resources_request(const QueryParams& params) {
  QueryReader in(params);
  return ListStackResourcesRequest{.stack_name = in.string("StackName").value_or(""),
                                   .next_token = in.string("NextToken")};
}

QueryParams encode_request(const ListStacksRequest& r) {
  QueryParams p;
  p.add("NextToken", r.next_token);
  p.add_list("StackStatusFilter", r.status_filter);
  return p;
}

core::Result<ListStacksRequest> decode_list_stacks_request(const QueryParams& params) {
  QueryReader in(params);
  return ListStacksRequest{.status_filter = in.list("StackStatusFilter"), .next_token = in.string("NextToken")};
}

QueryParams encode_request(const CreateChangeSetRequest& r) {
  QueryParams p;
  p.add("StackName", r.stack_name);
  add_source(p, r.source);
  if (r.use_previous_template) p.add("UsePreviousTemplate", "true");
  add_parameters(p, r.parameters);
  p.add_list("Capabilities", r.capabilities);
  p.add("RoleARN", r.role_arn);
  add_tags(p, r.tags);
  p.add("ChangeSetName", r.change_set_name);
  p.add("ClientToken", r.client_token);
  p.add("Description", r.description);
  p.add("ChangeSetType", r.change_set_type);
  add_stack_options(p, r.rollback_triggers, r.resource_types);
  return p;
}

core::Result<CreateChangeSetRequest> decode_create_change_set_request(const QueryParams& params) {
  QueryReader in(params);
  CreateChangeSetRequest r;
  r.stack_name = in.string("StackName").value_or("");
  r.source = read_source(in);
  auto previous = read_bool(in, "UsePreviousTemplate");
  if (!previous) return previous.failure();
  r.use_previous_template = previous->value_or(false);
  auto ps = read_parameters(in);
  if (!ps) return ps.failure();
  r.parameters = std::move(*ps);
  r.capabilities = in.list("Capabilities");
  r.role_arn = in.string("RoleARN");
  r.tags = read_tags(in);
  r.change_set_name = in.string("ChangeSetName").value_or("");
  r.client_token = in.string("ClientToken");
  r.description = in.string("Description");
  r.change_set_type = in.string("ChangeSetType").value_or("UPDATE");
  r.rollback_triggers = read_rollback_triggers(in);
  r.resource_types = in.list("ResourceTypes");
  return r;
}

QueryParams encode_request(const DescribeChangeSetRequest& r) {
  QueryParams p;
  p.add("ChangeSetName", r.change_set_name).add("StackName", r.stack_name).add("NextToken", r.next_token);
  if (r.include_property_values) p.add("IncludePropertyValues", "true");
  return p;
}

core::Result<DescribeChangeSetRequest> decode_describe_change_set_request(const QueryParams& params) {
  QueryReader in(params);
  auto values = read_bool(in, "IncludePropertyValues");
  if (!values) return values.failure();
  return DescribeChangeSetRequest{.change_set_name = in.string("ChangeSetName").value_or(""),
                                  .stack_name = in.string("StackName"),
                                  .next_token = in.string("NextToken"),
                                  .include_property_values = values->value_or(false)};
}

QueryParams encode_request(const ExecuteChangeSetRequest& r) {
  QueryParams p;
  p.add("ChangeSetName", r.change_set_name).add("StackName", r.stack_name);
  p.add("ClientRequestToken", r.client_request_token);
  return p;
}

core::Result<ExecuteChangeSetRequest> decode_execute_change_set_request(const QueryParams& params) {
  QueryReader in(params);
  return ExecuteChangeSetRequest{.change_set_name = in.string("ChangeSetName").value_or(""),
                                 .stack_name = in.string("StackName"),
                                 .client_request_token = in.string("ClientRequestToken")};
}

QueryParams encode_request(const DeleteChangeSetRequest& r) {
  QueryParams p;
  p.add("ChangeSetName", r.change_set_name).add("StackName", r.stack_name);
  return p;
}

core::Result<DeleteChangeSetRequest> decode_delete_change_set_request(const QueryParams& params) {
  QueryReader in(params);
  return DeleteChangeSetRequest{.change_set_name = in.string("ChangeSetName").value_or(""),
                                .stack_name = in.string("StackName")};
}

QueryParams encode_request(const ListChangeSetsRequest& r) {
  QueryParams p;
  p.add("StackName", r.stack_name).add("NextToken", r.next_token);
  return p;
}

core::Result<ListChangeSetsRequest> decode_list_change_sets_request(const QueryParams& params) {
  QueryReader in(params);
  return ListChangeSetsRequest{.stack_name = in.string("StackName").value_or(""), .next_token = in.string("NextToken")};
}

QueryParams encode_request(const TemplateSource& r) {
  QueryParams p;
  add_source(p, r);
  return p;
}

core::Result<TemplateSource> decode_validate_template_request(const QueryParams& params) {
  QueryReader in(params);
  return read_source(in);
}

QueryParams encode_request(const GetTemplateRequest& r) {
  QueryParams p;
  p.add("StackName", r.stack_name).add("ChangeSetName", r.change_set_name).add("TemplateStage", r.template_stage);
  return p;
}

core::Result<GetTemplateRequest> decode_get_template_request(const QueryParams& params) {
  QueryReader in(params);
  return GetTemplateRequest{.stack_name = in.string("StackName"),
                            .change_set_name = in.string("ChangeSetName"),
                            .template_stage = in.string("TemplateStage")};
}

QueryParams encode_request(const GetTemplateSummaryRequest& r) {
  QueryParams p;
  add_source(p, r.source);
  p.add("StackName", r.stack_name);
  return p;
}

core::Result<GetTemplateSummaryRequest> decode_get_template_summary_request(const QueryParams& params) {
  QueryReader in(params);
  return GetTemplateSummaryRequest{.source = read_source(in), .stack_name = in.string("StackName")};
}

QueryParams encode_request(const ListExportsRequest& r) {
  QueryParams p;
  p.add("NextToken", r.next_token);
  return p;
}

core::Result<ListExportsRequest> decode_list_exports_request(const QueryParams& params) {
  QueryReader in(params);
  return ListExportsRequest{.next_token = in.string("NextToken")};
}

QueryParams encode_request(const CancelUpdateStackRequest& r) {
  QueryParams p;
  p.add("StackName", r.stack_name).add("ClientRequestToken", r.client_request_token);
  return p;
}

core::Result<CancelUpdateStackRequest> decode_cancel_update_stack_request(const QueryParams& params) {
  QueryReader in(params);
  return CancelUpdateStackRequest{.stack_name = in.string("StackName").value_or(""),
                                  .client_request_token = in.string("ClientRequestToken")};
}

QueryParams encode_request(const ContinueUpdateRollbackRequest& r) {
  QueryParams p;
  p.add("StackName", r.stack_name);
  p.add_list("ResourcesToSkip", r.resources_to_skip);
  p.add("ClientRequestToken", r.client_request_token);
  return p;
}

core::Result<ContinueUpdateRollbackRequest> decode_continue_update_rollback_request(const QueryParams& params) {
  QueryReader in(params);
  return ContinueUpdateRollbackRequest{.stack_name = in.string("StackName").value_or(""),
                                       .resources_to_skip = in.list("ResourcesToSkip"),
                                       .client_request_token = in.string("ClientRequestToken")};
}

// ================= responses =================

void encode_response(const StackIdResponse& r, XmlWriter& out) { out.element("StackId", r.stack_id); }

core::Result<StackIdResponse> decode_stack_id_response(const XmlElement& x) {
  return StackIdResponse{.stack_id = x.text_at("StackId")};
}

void encode_response(const DescribeStacksResponse& r, XmlWriter& out) {
  out.open("Stacks");
  for (const auto& s : r.stacks) write_stack(out, s);
  out.close();
  out.optional_element("NextToken", r.next_token);
}

core::Result<DescribeStacksResponse> decode_describe_stacks_response(const XmlElement& x) {
  DescribeStacksResponse out;
  for (const auto* m : x.members("Stacks")) out.stacks.push_back(read_stack(*m));
  out.next_token = read_next_token(x);
  return out;
}

void encode_response(const DescribeStackEventsResponse& r, XmlWriter& out) {
  out.open("StackEvents");
  for (const auto& e : r.events) write_event(out, e);
  out.close();
  out.optional_element("NextToken", r.next_token);
}

core::Result<DescribeStackEventsResponse> decode_describe_stack_events_response(const XmlElement& x) {
  DescribeStackEventsResponse out;
  for (const auto* m : x.members("StackEvents")) out.events.push_back(read_event(*m));
  out.next_token = read_next_token(x);
  return out;
}

void encode_stack_resource_detail(const StackResource& r, XmlWriter& out) {
  out.open("StackResourceDetail");
  write_resource(out, r, "LastUpdatedTimestamp", true);
  out.close();
}

core::Result<StackResource> decode_describe_stack_resource_response(const XmlElement& x) {
  const XmlElement* d = x.child("StackResourceDetail");
  if (d == nullptr)
    return core::fail("aws.cloudformation", "DescribeStackResource response has no StackResourceDetail");
  return read_resource(*d, "LastUpdatedTimestamp");
}

void encode_stack_resources(const std::vector<StackResource>& resources, XmlWriter& out) {
  out.open("StackResources");
  for (const auto& r : resources) {
    out.open("member");
    write_resource(out, r, "Timestamp", true);
    out.close();
  }
  out.close();
}

core::Result<std::vector<StackResource>> decode_describe_stack_resources_response(const XmlElement& x) {
  std::vector<StackResource> out;
  for (const auto* m : x.members("StackResources")) out.push_back(read_resource(*m, "Timestamp"));
  return out;
}

void encode_response(const ListStackResourcesResponse& r, XmlWriter& out) {
  out.open("StackResourceSummaries");
  for (const auto& res : r.resources) {
    out.open("member");
    write_resource(out, res, "LastUpdatedTimestamp", false);
    out.close();
  }
  out.close();
  out.optional_element("NextToken", r.next_token);
}

core::Result<ListStackResourcesResponse> decode_list_stack_resources_response(const XmlElement& x) {
  ListStackResourcesResponse out;
  for (const auto* m : x.members("StackResourceSummaries"))
    out.resources.push_back(read_resource(*m, "LastUpdatedTimestamp"));
  out.next_token = read_next_token(x);
  return out;
}

void encode_response(const ListStacksResponse& r, XmlWriter& out) {
  out.open("StackSummaries");
  for (const auto& s : r.summaries) {
    out.open("member").element("StackId", s.stack_id).element("StackName", s.stack_name);
    out.optional_element("TemplateDescription", s.template_description);
    write_time(out, "CreationTime", s.creation_time);
    write_time(out, "LastUpdatedTime", s.last_updated_time);
    write_time(out, "DeletionTime", s.deletion_time);
    out.element("StackStatus", s.stack_status);
    write_optional(out, "StackStatusReason", s.stack_status_reason);
    out.open("DriftInformation").element("StackDriftStatus", s.drift_status).close();
    out.close();
  }
  out.close();
  out.optional_element("NextToken", r.next_token);
}

core::Result<ListStacksResponse> decode_list_stacks_response(const XmlElement& x) {
  ListStacksResponse out;
  for (const auto* m : x.members("StackSummaries")) {
    StackSummary s{.stack_id = m->text_at("StackId"),
                   .stack_name = m->text_at("StackName"),
                   .template_description = m->optional_text("TemplateDescription"),
                   .creation_time = time_at(*m, "CreationTime"),
                   .last_updated_time = time_at(*m, "LastUpdatedTime"),
                   .deletion_time = time_at(*m, "DeletionTime"),
                   .stack_status = m->text_at("StackStatus"),
                   .stack_status_reason = m->text_at("StackStatusReason")};
    if (auto d = m->optional_text("DriftInformation/StackDriftStatus")) s.drift_status = *d;
    out.summaries.push_back(std::move(s));
  }
  out.next_token = read_next_token(x);
  return out;
}

void encode_response(const CreateChangeSetResponse& r, XmlWriter& out) {
  out.element("Id", r.id).element("StackId", r.stack_id);
}

core::Result<CreateChangeSetResponse> decode_create_change_set_response(const XmlElement& x) {
  return CreateChangeSetResponse{.id = x.text_at("Id"), .stack_id = x.text_at("StackId")};
}

void encode_response(const DescribeChangeSetResponse& r, XmlWriter& out) {
  out.element("ChangeSetName", r.change_set_name).element("ChangeSetId", r.change_set_id);
  out.element("StackId", r.stack_id).element("StackName", r.stack_name);
  out.optional_element("Description", r.description);
  if (!r.parameters.empty()) write_parameters(out, r.parameters);  // AWS leaves out empty Parameters and Tags
  write_time(out, "CreationTime", r.creation_time);
  out.element("ExecutionStatus", r.execution_status).element("Status", r.status);
  write_optional(out, "StatusReason", r.status_reason);
  write_list(out, "NotificationARNs", r.notification_arns);
  out.open("RollbackConfiguration").close();
  write_list(out, "Capabilities", r.capabilities);
  if (!r.tags.empty()) write_tags(out, r.tags);
  out.open("Changes");
  for (const auto& c : r.changes) {
    out.open("member").element("Type", "Resource").open("ResourceChange");
    write_optional(out, "PolicyAction", c.policy_action);
    out.element("Action", c.action).element("LogicalResourceId", c.logical_resource_id);
    write_optional(out, "PhysicalResourceId", c.physical_resource_id);
    out.element("ResourceType", c.resource_type);
    write_optional(out, "Replacement", c.replacement);
    write_list(out, "Scope", c.scope);
    out.open("Details");
    for (const auto& d : c.details) {
      out.open("member").open("Target").element("Attribute", d.target.attribute);
      write_optional(out, "Name", d.target.name);
      write_optional(out, "RequiresRecreation", d.target.requires_recreation);
      write_optional(out, "Path", d.target.path);
      out.optional_element("BeforeValue", d.target.before_value);
      out.optional_element("AfterValue", d.target.after_value);
      write_optional(out, "AttributeChangeType", d.target.attribute_change_type);
      out.close();
      write_optional(out, "Evaluation", d.evaluation);
      write_optional(out, "ChangeSource", d.change_source);
      write_optional(out, "CausingEntity", d.causing_entity);
      out.close();
    }
    out.close();
    out.optional_element("BeforeContext", c.before_context);
    out.optional_element("AfterContext", c.after_context);
    out.close().close();
  }
  out.close();
  out.optional_element("NextToken", r.next_token);
  out.boolean("IncludeNestedStacks", r.include_nested_stacks);
}

core::Result<DescribeChangeSetResponse> decode_describe_change_set_response(const XmlElement& x) {
  DescribeChangeSetResponse out;
  out.change_set_name = x.text_at("ChangeSetName");
  out.change_set_id = x.text_at("ChangeSetId");
  out.stack_id = x.text_at("StackId");
  out.stack_name = x.text_at("StackName");
  out.status = x.text_at("Status");
  out.status_reason = x.text_at("StatusReason");
  out.execution_status = x.text_at("ExecutionStatus");
  out.description = x.optional_text("Description");
  out.parameters = read_parameters(x);
  out.capabilities = texts(x, "Capabilities");
  out.tags = read_tags(x);
  out.notification_arns = texts(x, "NotificationARNs");
  out.creation_time = time_at(x, "CreationTime");
  out.include_nested_stacks = detail::xml_bool(x, "IncludeNestedStacks");
  for (const auto* c : x.members("Changes")) {
    const XmlElement* rc = c->child("ResourceChange");
    if (rc == nullptr) continue;
    ResourceChange change{.action = rc->text_at("Action"),
                          .logical_resource_id = rc->text_at("LogicalResourceId"),
                          .physical_resource_id = rc->text_at("PhysicalResourceId"),
                          .resource_type = rc->text_at("ResourceType"),
                          .replacement = rc->text_at("Replacement"),
                          .policy_action = rc->text_at("PolicyAction"),
                          .scope = texts(*rc, "Scope"),
                          .details = {},
                          .before_context = rc->optional_text("BeforeContext"),
                          .after_context = rc->optional_text("AfterContext")};
    for (const auto* d : rc->members("Details")) {
      change.details.push_back({.target = {.attribute = d->text_at("Target/Attribute"),
                                           .name = d->text_at("Target/Name"),
                                           .requires_recreation = d->text_at("Target/RequiresRecreation"),
                                           .path = d->text_at("Target/Path"),
                                           .attribute_change_type = d->text_at("Target/AttributeChangeType"),
                                           .before_value = d->optional_text("Target/BeforeValue"),
                                           .after_value = d->optional_text("Target/AfterValue")},
                                .evaluation = d->text_at("Evaluation"),
                                .change_source = d->text_at("ChangeSource"),
                                .causing_entity = d->text_at("CausingEntity")});
    }
    out.changes.push_back(std::move(change));
  }
  out.next_token = read_next_token(x);
  return out;
}

void encode_response(const ListChangeSetsResponse& r, XmlWriter& out) {
  out.open("Summaries");
  for (const auto& s : r.summaries) {
    out.open("member").element("StackId", s.stack_id).element("StackName", s.stack_name);
    out.element("ChangeSetId", s.change_set_id).element("ChangeSetName", s.change_set_name);
    out.element("ExecutionStatus", s.execution_status).element("Status", s.status);
    write_optional(out, "StatusReason", s.status_reason);
    write_time(out, "CreationTime", s.creation_time);
    out.optional_element("Description", s.description);
    out.boolean("IncludeNestedStacks", s.include_nested_stacks);
    out.close();
  }
  out.close();
  out.optional_element("NextToken", r.next_token);
}

core::Result<ListChangeSetsResponse> decode_list_change_sets_response(const XmlElement& x) {
  ListChangeSetsResponse out;
  for (const auto* m : x.members("Summaries")) {
    out.summaries.push_back({.stack_id = m->text_at("StackId"),
                             .stack_name = m->text_at("StackName"),
                             .change_set_id = m->text_at("ChangeSetId"),
                             .change_set_name = m->text_at("ChangeSetName"),
                             .execution_status = m->text_at("ExecutionStatus"),
                             .status = m->text_at("Status"),
                             .status_reason = m->text_at("StatusReason"),
                             .creation_time = time_at(*m, "CreationTime"),
                             .description = m->optional_text("Description"),
                             .include_nested_stacks = detail::xml_bool(*m, "IncludeNestedStacks")});
  }
  out.next_token = read_next_token(x);
  return out;
}

void encode_response(const ValidateTemplateResponse& r, XmlWriter& out) {
  write_template_parameters(out, r.parameters, false);
  write_optional(out, "Description", r.description);
  if (!r.capabilities.empty()) write_list(out, "Capabilities", r.capabilities);
  write_optional(out, "CapabilitiesReason", r.capabilities_reason);
  write_list(out, "DeclaredTransforms", r.declared_transforms);
}

core::Result<ValidateTemplateResponse> decode_validate_template_response(const XmlElement& x) {
  ValidateTemplateResponse out;
  out.parameters = read_template_parameters(x);
  out.description = x.text_at("Description");
  out.capabilities = texts(x, "Capabilities");
  out.capabilities_reason = x.text_at("CapabilitiesReason");
  out.declared_transforms = texts(x, "DeclaredTransforms");
  return out;
}

void encode_response(const GetTemplateResponse& r, XmlWriter& out) {
  out.element("TemplateBody", r.template_body);
  write_list(out, "StagesAvailable", r.stages_available);
}

core::Result<GetTemplateResponse> decode_get_template_response(const XmlElement& x) {
  return GetTemplateResponse{.template_body = x.text_at("TemplateBody"),
                             .stages_available = texts(x, "StagesAvailable")};
}

void encode_response(const GetTemplateSummaryResponse& r, XmlWriter& out) {
  write_template_parameters(out, r.parameters, true);
  out.optional_element("Description", r.description);
  if (!r.capabilities.empty()) write_list(out, "Capabilities", r.capabilities);
  write_optional(out, "CapabilitiesReason", r.capabilities_reason);
  write_list(out, "ResourceTypes", r.resource_types);
  write_optional(out, "Version", r.version);
  write_list(out, "DeclaredTransforms", r.declared_transforms);
  out.open("ResourceIdentifierSummaries");
  for (const auto& [type, ids] : r.resource_identifier_summaries) {
    out.open("member").element("ResourceType", type);
    write_list(out, "LogicalResourceIds", ids);
    out.close();
  }
  out.close();
}

core::Result<GetTemplateSummaryResponse> decode_get_template_summary_response(const XmlElement& x) {
  GetTemplateSummaryResponse out;
  out.parameters = read_template_parameters(x);
  out.description = x.optional_text("Description");
  out.capabilities = texts(x, "Capabilities");
  out.capabilities_reason = x.text_at("CapabilitiesReason");
  out.resource_types = texts(x, "ResourceTypes");
  out.version = x.text_at("Version");
  out.declared_transforms = texts(x, "DeclaredTransforms");
  for (const auto* m : x.members("ResourceIdentifierSummaries"))
    out.resource_identifier_summaries.emplace_back(m->text_at("ResourceType"), texts(*m, "LogicalResourceIds"));
  return out;
}

void encode_response(const ListExportsResponse& r, XmlWriter& out) {
  out.open("Exports");
  for (const auto& e : r.exports)
    out.open("member")
        .element("ExportingStackId", e.exporting_stack_id)
        .element("Name", e.name)
        .element("Value", e.value)
        .close();
  out.close();
  out.optional_element("NextToken", r.next_token);
}

core::Result<ListExportsResponse> decode_list_exports_response(const XmlElement& x) {
  ListExportsResponse out;
  for (const auto* m : x.members("Exports"))
    out.exports.push_back({.exporting_stack_id = m->text_at("ExportingStackId"),
                           .name = m->text_at("Name"),
                           .value = m->text_at("Value")});
  out.next_token = read_next_token(x);
  return out;
}

}  // namespace hoplite::aws::cloudformation::wire
