#include "hoplite/aws/cloudformation.hpp"

#include <utility>

#include <fmt/format.h>

#include "aws/protocol/pages.hpp"
#include "aws/protocol/response.hpp"

namespace hoplite::aws::cloudformation {
namespace {

using detail::XmlElement;

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

/// The inputs that make two requests "the same request", for idempotency tokens.
std::vector<std::string> token_parts(const std::string& stack, const TemplateSource& s,
                                     const std::vector<Parameter>& params, const std::vector<std::string>& caps,
                                     const std::map<std::string, std::string>& tags,
                                     const std::optional<std::string>& role) {
  std::vector<std::string> parts{stack, s.template_body.value_or(""), s.template_url.value_or(""), role.value_or("")};
  for (const auto& p : params) parts.push_back(fmt::format("{}={}{}", p.key, p.value, p.use_previous_value ? "*" : ""));
  for (const auto& c : caps) parts.push_back(c);
  for (const auto& [k, v] : tags) parts.push_back(k + "=" + v);
  return parts;
}

Stack parse_stack(const XmlElement& m) {
  Stack s;
  s.stack_id = m.text_at("StackId");
  s.stack_name = m.text_at("StackName");
  s.stack_status = m.text_at("StackStatus");
  s.stack_status_reason = m.text_at("StackStatusReason");
  s.description = m.text_at("Description");
  s.creation_time = detail::time_at(m, "CreationTime");
  s.last_updated_time = detail::time_at(m, "LastUpdatedTime");
  for (const auto* p : m.members("Parameters"))
    s.parameters.push_back({.key = p->text_at("ParameterKey"), .value = p->text_at("ParameterValue")});
  for (const auto* o : m.members("Outputs"))
    s.outputs.push_back({.key = o->text_at("OutputKey"),
                         .value = o->text_at("OutputValue"),
                         .description = o->text_at("Description"),
                         .export_name = o->text_at("ExportName")});
  for (const auto* c : m.members("Capabilities")) s.capabilities.push_back(c->text);
  for (const auto* t : m.members("Tags")) s.tags[t->text_at("Key")] = t->text_at("Value");
  return s;
}

StackEvent parse_event(const XmlElement& m) {
  return {.event_id = m.text_at("EventId"),
          .stack_name = m.text_at("StackName"),
          .logical_resource_id = m.text_at("LogicalResourceId"),
          .physical_resource_id = m.text_at("PhysicalResourceId"),
          .resource_type = m.text_at("ResourceType"),
          .resource_status = m.text_at("ResourceStatus"),
          .resource_status_reason = m.text_at("ResourceStatusReason"),
          .timestamp = detail::time_at(m, "Timestamp"),
          .client_request_token = m.text_at("ClientRequestToken")};
}

std::optional<std::string> next_token(const XmlElement& x) {
  auto t = x.optional_text("NextToken");
  if (t && t->empty()) return std::nullopt;
  return t;
}

}  // namespace

ServiceInfo service_info() {
  return {.name = "cloudformation",
          .endpoint_id = "cloudformation",
          .signing_name = "cloudformation",
          .protocol = Protocol::query,
          .api_version = "2010-05-15"};
}

Client::Client(const ClientConfig& config) : caller_(service_info(), config) {}

core::Result<std::string> Client::create_stack(const CreateStackRequest& r) {
  QueryParams p;
  p.add("StackName", r.stack_name);
  add_source(p, r.source);
  add_parameters(p, r.parameters);
  p.add_list("Capabilities", r.capabilities);
  p.add("RoleARN", r.role_arn).add("OnFailure", r.on_failure);
  add_tags(p, r.tags);
  p.add("ClientRequestToken",
        r.client_request_token.value_or(idempotency_token(
            "CreateStack", token_parts(r.stack_name, r.source, r.parameters, r.capabilities, r.tags, r.role_arn))));
  auto resp = caller_.query("CreateStack", p);
  if (!resp) return resp.failure();
  auto x = detail::query_result(*resp, "CreateStack");
  if (!x) return x.failure();
  return x->text_at("StackId");
}

core::Result<std::string> Client::update_stack(const UpdateStackRequest& r) {
  QueryParams p;
  p.add("StackName", r.stack_name);
  add_source(p, r.source);
  if (r.use_previous_template) p.add("UsePreviousTemplate", "true");
  add_parameters(p, r.parameters);
  p.add_list("Capabilities", r.capabilities);
  p.add("RoleARN", r.role_arn);
  add_tags(p, r.tags);
  auto parts = token_parts(r.stack_name, r.source, r.parameters, r.capabilities, r.tags, r.role_arn);
  parts.emplace_back(r.use_previous_template ? "previous-template" : "");
  p.add("ClientRequestToken", r.client_request_token.value_or(idempotency_token("UpdateStack", parts)));
  auto resp = caller_.query("UpdateStack", p);
  if (!resp) return resp.failure();
  auto x = detail::query_result(*resp, "UpdateStack");
  if (!x) return x.failure();
  return x->text_at("StackId");
}

core::Result<void> Client::delete_stack(const DeleteStackRequest& r) {
  QueryParams p;
  p.add("StackName", r.stack_name);
  p.add_list("RetainResources", r.retain_resources);
  p.add("RoleARN", r.role_arn);
  std::vector<std::string> parts{r.stack_name, r.role_arn.value_or("")};
  parts.insert(parts.end(), r.retain_resources.begin(), r.retain_resources.end());
  p.add("ClientRequestToken", r.client_request_token.value_or(idempotency_token("DeleteStack", parts)));
  auto resp = caller_.query("DeleteStack", p);
  if (!resp) return resp.failure();
  return core::ok();
}

core::Result<DescribeStacksResponse> Client::describe_stacks(const DescribeStacksRequest& r) {
  QueryParams p;
  p.add("StackName", r.stack_name).add("NextToken", r.next_token);
  auto resp = caller_.query("DescribeStacks", p);
  if (!resp) return resp.failure();
  auto x = detail::query_result(*resp, "DescribeStacks");
  if (!x) return x.failure();
  DescribeStacksResponse out;
  for (const auto* m : x->members("Stacks")) out.stacks.push_back(parse_stack(*m));
  out.next_token = next_token(*x);
  return out;
}

core::Result<std::vector<Stack>> Client::describe_stacks_all(DescribeStacksRequest r) {
  std::vector<Stack> all;
  auto done = detail::each_page(
      r, [this](const DescribeStacksRequest& req) { return describe_stacks(req); },
      [&](DescribeStacksResponse& page) {
        std::move(page.stacks.begin(), page.stacks.end(), std::back_inserter(all));
      });
  if (!done) return done.failure();
  return all;
}

core::Result<DescribeStackEventsResponse> Client::describe_stack_events(const DescribeStackEventsRequest& r) {
  QueryParams p;
  p.add("StackName", r.stack_name).add("NextToken", r.next_token);
  auto resp = caller_.query("DescribeStackEvents", p);
  if (!resp) return resp.failure();
  auto x = detail::query_result(*resp, "DescribeStackEvents");
  if (!x) return x.failure();
  DescribeStackEventsResponse out;
  for (const auto* m : x->members("StackEvents")) out.events.push_back(parse_event(*m));
  out.next_token = next_token(*x);
  return out;
}

core::Result<std::vector<StackEvent>> Client::describe_stack_events_all(DescribeStackEventsRequest r) {
  std::vector<StackEvent> all;
  auto done = detail::each_page(
      r, [this](const DescribeStackEventsRequest& req) { return describe_stack_events(req); },
      [&](DescribeStackEventsResponse& page) {
        std::move(page.events.begin(), page.events.end(), std::back_inserter(all));
      });
  if (!done) return done.failure();
  return all;
}

core::Result<std::vector<StackResource>> Client::describe_stack_resources(const DescribeStackResourcesRequest& r) {
  QueryParams p;
  p.add("StackName", r.stack_name).add("LogicalResourceId", r.logical_resource_id);
  auto resp = caller_.query("DescribeStackResources", p);
  if (!resp) return resp.failure();
  auto x = detail::query_result(*resp, "DescribeStackResources");
  if (!x) return x.failure();
  std::vector<StackResource> out;
  for (const auto* m : x->members("StackResources")) {
    out.push_back({.logical_resource_id = m->text_at("LogicalResourceId"),
                   .physical_resource_id = m->text_at("PhysicalResourceId"),
                   .resource_type = m->text_at("ResourceType"),
                   .resource_status = m->text_at("ResourceStatus"),
                   .resource_status_reason = m->text_at("ResourceStatusReason"),
                   .timestamp = detail::time_at(*m, "Timestamp")});
  }
  return out;
}

core::Result<ListStackResourcesResponse> Client::list_stack_resources(const ListStackResourcesRequest& r) {
  QueryParams p;
  p.add("StackName", r.stack_name).add("NextToken", r.next_token);
  auto resp = caller_.query("ListStackResources", p);
  if (!resp) return resp.failure();
  auto x = detail::query_result(*resp, "ListStackResources");
  if (!x) return x.failure();
  ListStackResourcesResponse page;
  for (const auto* m : x->members("StackResourceSummaries")) {
    page.resources.push_back({.logical_resource_id = m->text_at("LogicalResourceId"),
                              .physical_resource_id = m->text_at("PhysicalResourceId"),
                              .resource_type = m->text_at("ResourceType"),
                              .resource_status = m->text_at("ResourceStatus"),
                              .resource_status_reason = m->text_at("ResourceStatusReason"),
                              .timestamp = detail::time_at(*m, "LastUpdatedTimestamp")});
  }
  page.next_token = next_token(*x);
  return page;
}

core::Result<std::vector<StackResource>> Client::list_stack_resources_all(ListStackResourcesRequest r) {
  std::vector<StackResource> all;
  auto done = detail::each_page(
      r, [this](const ListStackResourcesRequest& req) { return list_stack_resources(req); },
      [&](ListStackResourcesResponse& page) {
        std::move(page.resources.begin(), page.resources.end(), std::back_inserter(all));
      });
  if (!done) return done.failure();
  return all;
}

core::Result<CreateChangeSetResponse> Client::create_change_set(const CreateChangeSetRequest& r) {
  QueryParams p;
  p.add("StackName", r.stack_name);
  add_source(p, r.source);
  if (r.use_previous_template) p.add("UsePreviousTemplate", "true");
  add_parameters(p, r.parameters);
  p.add_list("Capabilities", r.capabilities);
  p.add("RoleARN", r.role_arn);
  add_tags(p, r.tags);
  p.add("ChangeSetName", r.change_set_name);
  auto parts = token_parts(r.stack_name, r.source, r.parameters, r.capabilities, r.tags, r.role_arn);
  parts.push_back(r.change_set_name);
  parts.push_back(r.change_set_type);
  p.add("ClientToken", r.client_token.value_or(idempotency_token("CreateChangeSet", parts)));
  p.add("Description", r.description);
  p.add("ChangeSetType", r.change_set_type);
  auto resp = caller_.query("CreateChangeSet", p);
  if (!resp) return resp.failure();
  auto x = detail::query_result(*resp, "CreateChangeSet");
  if (!x) return x.failure();
  return CreateChangeSetResponse{.id = x->text_at("Id"), .stack_id = x->text_at("StackId")};
}

core::Result<DescribeChangeSetResponse> Client::describe_change_set(const DescribeChangeSetRequest& r) {
  QueryParams p;
  p.add("ChangeSetName", r.change_set_name).add("StackName", r.stack_name).add("NextToken", r.next_token);
  auto resp = caller_.query("DescribeChangeSet", p);
  if (!resp) return resp.failure();
  auto x = detail::query_result(*resp, "DescribeChangeSet");
  if (!x) return x.failure();
  DescribeChangeSetResponse out;
  out.change_set_name = x->text_at("ChangeSetName");
  out.change_set_id = x->text_at("ChangeSetId");
  out.stack_id = x->text_at("StackId");
  out.stack_name = x->text_at("StackName");
  out.status = x->text_at("Status");
  out.status_reason = x->text_at("StatusReason");
  out.execution_status = x->text_at("ExecutionStatus");
  for (const auto* c : x->members("Changes")) {
    const XmlElement* rc = c->child("ResourceChange");
    if (rc == nullptr) continue;
    out.changes.push_back({.action = rc->text_at("Action"),
                           .logical_resource_id = rc->text_at("LogicalResourceId"),
                           .physical_resource_id = rc->text_at("PhysicalResourceId"),
                           .resource_type = rc->text_at("ResourceType"),
                           .replacement = rc->text_at("Replacement")});
  }
  out.next_token = next_token(*x);
  return out;
}

core::Result<DescribeChangeSetResponse> Client::describe_change_set_all(DescribeChangeSetRequest r) {
  std::optional<DescribeChangeSetResponse> merged;
  auto done = detail::each_page(
      r, [this](const DescribeChangeSetRequest& req) { return describe_change_set(req); },
      [&](DescribeChangeSetResponse& page) {
        if (!merged) {
          merged = page;
        } else {
          std::move(page.changes.begin(), page.changes.end(), std::back_inserter(merged->changes));
        }
      });
  if (!done) return done.failure();
  merged->next_token.reset();
  return *merged;
}

core::Result<void> Client::execute_change_set(const ExecuteChangeSetRequest& r) {
  QueryParams p;
  p.add("ChangeSetName", r.change_set_name).add("StackName", r.stack_name);
  p.add("ClientRequestToken", r.client_request_token.value_or(idempotency_token(
                                  "ExecuteChangeSet", {r.change_set_name, r.stack_name.value_or("")})));
  auto resp = caller_.query("ExecuteChangeSet", p);
  if (!resp) return resp.failure();
  return core::ok();
}

core::Result<void> Client::delete_change_set(const DeleteChangeSetRequest& r) {
  QueryParams p;
  p.add("ChangeSetName", r.change_set_name).add("StackName", r.stack_name);
  auto resp = caller_.query("DeleteChangeSet", p);
  if (!resp) return resp.failure();
  return core::ok();
}

core::Result<ValidateTemplateResponse> Client::validate_template(const TemplateSource& source) {
  QueryParams p;
  add_source(p, source);
  auto resp = caller_.query("ValidateTemplate", p);
  if (!resp) return resp.failure();
  auto x = detail::query_result(*resp, "ValidateTemplate");
  if (!x) return x.failure();
  ValidateTemplateResponse out;
  for (const auto* m : x->members("Parameters")) {
    out.parameters.push_back({.key = m->text_at("ParameterKey"),
                              .default_value = m->optional_text("DefaultValue"),
                              .no_echo = detail::xml_bool(*m, "NoEcho"),
                              .description = m->text_at("Description")});
  }
  out.description = x->text_at("Description");
  for (const auto* c : x->members("Capabilities")) out.capabilities.push_back(c->text);
  out.capabilities_reason = x->text_at("CapabilitiesReason");
  return out;
}

core::Result<std::string> Client::get_template(const GetTemplateRequest& r) {
  QueryParams p;
  p.add("StackName", r.stack_name).add("ChangeSetName", r.change_set_name).add("TemplateStage", r.template_stage);
  auto resp = caller_.query("GetTemplate", p);
  if (!resp) return resp.failure();
  auto x = detail::query_result(*resp, "GetTemplate");
  if (!x) return x.failure();
  return x->text_at("TemplateBody");
}

}  // namespace hoplite::aws::cloudformation
