#include "hoplite/aws/cloudformation.hpp"

#include <utility>

#include <fmt/format.h>

#include "aws/protocol/pages.hpp"
#include "aws/protocol/response.hpp"
#include "hoplite/aws/cloudformation_wire.hpp"

namespace hoplite::aws::cloudformation {
namespace {

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

}  // namespace

ServiceInfo service_info() {
  return {.name = "cloudformation",
          .endpoint_id = "cloudformation",
          .signing_name = "cloudformation",
          .protocol = Protocol::query,
          .api_version = "2010-05-15"};
}

Client::Client(const ClientConfig& config) : caller_(service_info(), config) {}

namespace {

/// Sends one query call and decodes its `<ActionResult>` with `decode`.
template <typename Decode>
auto call(Caller& caller, std::string_view action, const QueryParams& p, Decode decode)
    -> decltype(decode(std::declval<const XmlElement&>())) {
  auto resp = caller.query(std::string(action), p);
  if (!resp) return resp.failure();
  auto x = detail::query_result(*resp, action);
  if (!x) return x.failure();
  return decode(*x);
}

core::Result<void> call_void(Caller& caller, std::string_view action, const QueryParams& p) {
  auto resp = caller.query(std::string(action), p);
  if (!resp) return resp.failure();
  return core::ok();
}

}  // namespace

core::Result<std::string> Client::create_stack(const CreateStackRequest& request) {
  CreateStackRequest r = request;
  if (!r.client_request_token)
    r.client_request_token = idempotency_token(
        "CreateStack", token_parts(r.stack_name, r.source, r.parameters, r.capabilities, r.tags, r.role_arn));
  auto out = call(caller_, "CreateStack", wire::encode_request(r), wire::decode_stack_id_response);
  if (!out) return out.failure();
  return out->stack_id;
}

core::Result<std::string> Client::update_stack(const UpdateStackRequest& request) {
  UpdateStackRequest r = request;
  if (!r.client_request_token) {
    auto parts = token_parts(r.stack_name, r.source, r.parameters, r.capabilities, r.tags, r.role_arn);
    parts.emplace_back(r.use_previous_template ? "previous-template" : "");
    r.client_request_token = idempotency_token("UpdateStack", parts);
  }
  auto out = call(caller_, "UpdateStack", wire::encode_request(r), wire::decode_stack_id_response);
  if (!out) return out.failure();
  return out->stack_id;
}

core::Result<void> Client::delete_stack(const DeleteStackRequest& request) {
  DeleteStackRequest r = request;
  if (!r.client_request_token) {
    std::vector<std::string> parts{r.stack_name, r.role_arn.value_or("")};
    parts.insert(parts.end(), r.retain_resources.begin(), r.retain_resources.end());
    r.client_request_token = idempotency_token("DeleteStack", parts);
  }
  return call_void(caller_, "DeleteStack", wire::encode_request(r));
}

core::Result<DescribeStacksResponse> Client::describe_stacks(const DescribeStacksRequest& r) {
  return call(caller_, "DescribeStacks", wire::encode_request(r), wire::decode_describe_stacks_response);
}

bool is_stack_not_found(const core::Error& e) {
  return e.code == "ValidationError" && e.message.find("Stack with id") != std::string::npos &&
         e.message.find("does not exist") != std::string::npos;
}

core::Result<std::optional<Stack>> Client::find_stack(const std::string& name) {
  auto r = describe_stacks({.stack_name = name});
  if (!r) {
    if (is_stack_not_found(r.error())) return std::optional<Stack>();
    return r.failure();
  }
  for (auto& s : r->stacks) {
    if (s.stack_status != "DELETE_COMPLETE") return std::optional<Stack>(std::move(s));
  }
  return std::optional<Stack>();
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
  return call(caller_, "DescribeStackEvents", wire::encode_request(r), wire::decode_describe_stack_events_response);
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
  return call(caller_, "DescribeStackResources", wire::encode_request(r),
              wire::decode_describe_stack_resources_response);
}

core::Result<ListStackResourcesResponse> Client::list_stack_resources(const ListStackResourcesRequest& r) {
  return call(caller_, "ListStackResources", wire::encode_request(r), wire::decode_list_stack_resources_response);
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

core::Result<CreateChangeSetResponse> Client::create_change_set(const CreateChangeSetRequest& request) {
  CreateChangeSetRequest r = request;
  if (!r.client_token) {
    auto parts = token_parts(r.stack_name, r.source, r.parameters, r.capabilities, r.tags, r.role_arn);
    parts.push_back(r.change_set_name);
    parts.push_back(r.change_set_type);
    r.client_token = idempotency_token("CreateChangeSet", parts);
  }
  return call(caller_, "CreateChangeSet", wire::encode_request(r), wire::decode_create_change_set_response);
}

core::Result<DescribeChangeSetResponse> Client::describe_change_set(const DescribeChangeSetRequest& r) {
  return call(caller_, "DescribeChangeSet", wire::encode_request(r), wire::decode_describe_change_set_response);
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

core::Result<void> Client::execute_change_set(const ExecuteChangeSetRequest& request) {
  ExecuteChangeSetRequest r = request;
  if (!r.client_request_token)
    r.client_request_token = idempotency_token("ExecuteChangeSet", {r.change_set_name, r.stack_name.value_or("")});
  return call_void(caller_, "ExecuteChangeSet", wire::encode_request(r));
}

core::Result<void> Client::delete_change_set(const DeleteChangeSetRequest& r) {
  return call_void(caller_, "DeleteChangeSet", wire::encode_request(r));
}

core::Result<ValidateTemplateResponse> Client::validate_template(const TemplateSource& source) {
  return call(caller_, "ValidateTemplate", wire::encode_request(source), wire::decode_validate_template_response);
}

core::Result<std::string> Client::get_template(const GetTemplateRequest& r) {
  auto out = call(caller_, "GetTemplate", wire::encode_request(r), wire::decode_get_template_response);
  if (!out) return out.failure();
  return out->template_body;
}

core::Result<StackResource> Client::describe_stack_resource(const DescribeStackResourceRequest& r) {
  return call(caller_, "DescribeStackResource", wire::encode_request(r), wire::decode_describe_stack_resource_response);
}

core::Result<ListStacksResponse> Client::list_stacks(const ListStacksRequest& r) {
  return call(caller_, "ListStacks", wire::encode_request(r), wire::decode_list_stacks_response);
}

core::Result<ListChangeSetsResponse> Client::list_change_sets(const ListChangeSetsRequest& r) {
  return call(caller_, "ListChangeSets", wire::encode_request(r), wire::decode_list_change_sets_response);
}

core::Result<GetTemplateSummaryResponse> Client::get_template_summary(const GetTemplateSummaryRequest& r) {
  return call(caller_, "GetTemplateSummary", wire::encode_request(r), wire::decode_get_template_summary_response);
}

core::Result<ListExportsResponse> Client::list_exports(const ListExportsRequest& r) {
  return call(caller_, "ListExports", wire::encode_request(r), wire::decode_list_exports_response);
}

core::Result<void> Client::cancel_update_stack(const CancelUpdateStackRequest& r) {
  return call_void(caller_, "CancelUpdateStack", wire::encode_request(r));
}

core::Result<void> Client::continue_update_rollback(const ContinueUpdateRollbackRequest& r) {
  return call_void(caller_, "ContinueUpdateRollback", wire::encode_request(r));
}

}  // namespace hoplite::aws::cloudformation
