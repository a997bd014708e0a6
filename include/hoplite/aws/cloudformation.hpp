#pragma once
/// \file AWS CloudFormation: stacks, change sets, events, templates.
/// API: https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/
///
/// Mutating calls that accept a `ClientRequestToken` get one derived from their inputs (see
/// `idempotency_token`) unless the request names its own, so a call retried by the pipeline or a
/// command re-run with the same inputs is recognised as the same request, never performed twice.
///
/// **Example**:
/// \code
///   aws::cloudformation::Client cfn(config);
///   auto stacks = cfn.describe_stacks({.stack_name = "web"});
///   if (!stacks) return stacks.error();
///   for (const auto& s : stacks->stacks) fmt::print("{} {}\n", s.stack_name, s.stack_status);
/// \endcode

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "hoplite/aws/caller.hpp"
#include "hoplite/core/clock.hpp"

namespace hoplite::aws::cloudformation {

/// Query protocol, version 2010-05-15, signing name `cloudformation`.
[[nodiscard]] ServiceInfo service_info();

struct Parameter {
  std::string key;
  std::string value;
  bool use_previous_value = false;  ///< send UsePreviousValue=true instead of a value (updates)
};

struct Output {
  std::string key;
  std::string value;
  std::string description;
  std::string export_name;
};

struct Stack {
  std::string stack_id;
  std::string stack_name;
  std::string stack_status;  ///< CREATE_COMPLETE, UPDATE_ROLLBACK_IN_PROGRESS, …
  std::string stack_status_reason;
  std::string description;
  std::optional<core::TimePoint> creation_time;
  std::optional<core::TimePoint> last_updated_time;
  std::vector<Parameter> parameters;
  std::vector<Output> outputs;
  std::vector<std::string> capabilities;
  std::map<std::string, std::string> tags;
};

struct StackEvent {
  std::string event_id;
  std::string stack_name;
  std::string logical_resource_id;
  std::string physical_resource_id;
  std::string resource_type;
  std::string resource_status;
  std::string resource_status_reason;
  std::optional<core::TimePoint> timestamp;
  std::string client_request_token;
};

struct StackResource {
  std::string logical_resource_id;
  std::string physical_resource_id;
  std::string resource_type;
  std::string resource_status;
  std::string resource_status_reason;
  std::optional<core::TimePoint> timestamp;
};

/// Template source: exactly one of `template_body` or `template_url` (an S3 URL, needed above 51 200 bytes).
struct TemplateSource {
  std::optional<std::string> template_body;
  std::optional<std::string> template_url;
};

struct CreateStackRequest {
  std::string stack_name;
  TemplateSource source;
  std::vector<Parameter> parameters;
  std::vector<std::string> capabilities;  ///< CAPABILITY_IAM, CAPABILITY_NAMED_IAM, …
  std::map<std::string, std::string> tags;
  std::optional<std::string> role_arn;
  std::optional<std::string> on_failure;            ///< ROLLBACK (default), DELETE or DO_NOTHING
  std::optional<std::string> client_request_token;  ///< default: derived from the inputs
};

struct UpdateStackRequest {
  std::string stack_name;
  TemplateSource source;
  bool use_previous_template = false;
  std::vector<Parameter> parameters;
  std::vector<std::string> capabilities;
  std::map<std::string, std::string> tags;
  std::optional<std::string> role_arn;
  std::optional<std::string> client_request_token;  ///< default: derived from the inputs
};

struct DeleteStackRequest {
  std::string stack_name;
  std::optional<std::string> role_arn;
  std::vector<std::string> retain_resources;
  std::optional<std::string> client_request_token;  ///< default: derived from the inputs
};

struct DescribeStacksRequest {
  std::optional<std::string> stack_name;  ///< default: every stack in the region
  std::optional<std::string> next_token;
};
struct DescribeStacksResponse {
  std::vector<Stack> stacks;
  std::optional<std::string> next_token;
};

struct DescribeStackEventsRequest {
  std::string stack_name;
  std::optional<std::string> next_token;
};
struct DescribeStackEventsResponse {
  std::vector<StackEvent> events;  ///< newest first, as the API returns them
  std::optional<std::string> next_token;
};

struct DescribeStackResourcesRequest {
  std::string stack_name;
  std::optional<std::string> logical_resource_id;
};

struct ListStackResourcesRequest {
  std::string stack_name;
  std::optional<std::string> next_token;
};
struct ListStackResourcesResponse {
  std::vector<StackResource> resources;  ///< `timestamp` is the LastUpdatedTimestamp
  std::optional<std::string> next_token;
};

struct CreateChangeSetRequest {
  std::string stack_name;
  std::string change_set_name;
  TemplateSource source;
  bool use_previous_template = false;
  std::vector<Parameter> parameters;
  std::vector<std::string> capabilities;
  std::map<std::string, std::string> tags;
  std::optional<std::string> role_arn;
  std::string change_set_type = "UPDATE";  ///< CREATE for a stack that does not exist yet, UPDATE, IMPORT
  std::optional<std::string> description;
  std::optional<std::string> client_token;  ///< default: derived from the inputs
};
struct CreateChangeSetResponse {
  std::string id;  ///< change set ARN
  std::string stack_id;
};

struct ResourceChange {
  std::string action;  ///< Add, Modify, Remove, Import, Dynamic
  std::string logical_resource_id;
  std::string physical_resource_id;
  std::string resource_type;
  std::string replacement;  ///< True, False, Conditional (Modify only)
};

struct DescribeChangeSetRequest {
  std::string change_set_name;            ///< name or ARN
  std::optional<std::string> stack_name;  ///< needed when `change_set_name` is a name
  std::optional<std::string> next_token;
};
struct DescribeChangeSetResponse {
  std::string change_set_name;
  std::string change_set_id;
  std::string stack_id;
  std::string stack_name;
  std::string status;  ///< CREATE_PENDING, CREATE_IN_PROGRESS, CREATE_COMPLETE, FAILED, …
  std::string status_reason;
  std::string execution_status;  ///< UNAVAILABLE, AVAILABLE, EXECUTE_IN_PROGRESS, …
  std::vector<ResourceChange> changes;
  std::optional<std::string> next_token;
};

struct ExecuteChangeSetRequest {
  std::string change_set_name;
  std::optional<std::string> stack_name;
  std::optional<std::string> client_request_token;  ///< default: derived from the inputs
};

struct DeleteChangeSetRequest {
  std::string change_set_name;
  std::optional<std::string> stack_name;
};

struct TemplateParameter {
  std::string key;
  std::optional<std::string> default_value;
  bool no_echo = false;
  std::string description;
};
struct ValidateTemplateResponse {
  std::vector<TemplateParameter> parameters;
  std::string description;
  std::vector<std::string> capabilities;  ///< what CreateStack will need, e.g. CAPABILITY_IAM
  std::string capabilities_reason;
};

struct GetTemplateRequest {
  std::optional<std::string> stack_name;
  std::optional<std::string> change_set_name;
  std::optional<std::string> template_stage;  ///< Original (default) or Processed
};

class Client {
 public:
  explicit Client(const ClientConfig& config);

  /// Returns the new stack's id.
  core::Result<std::string> create_stack(const CreateStackRequest& request);
  /// Returns the stack id. "No updates are to be performed." is a ValidationError, as AWS sends it.
  core::Result<std::string> update_stack(const UpdateStackRequest& request);
  core::Result<void> delete_stack(const DeleteStackRequest& request);
  /// One page.
  core::Result<DescribeStacksResponse> describe_stacks(const DescribeStacksRequest& request);
  /// Every page.
  core::Result<std::vector<Stack>> describe_stacks_all(DescribeStacksRequest request);
  core::Result<DescribeStackEventsResponse> describe_stack_events(const DescribeStackEventsRequest& request);
  /// Every page (newest first). Use for a whole stack history; progress streaming wants one page.
  core::Result<std::vector<StackEvent>> describe_stack_events_all(DescribeStackEventsRequest request);
  /// Not paginated by the API (up to 100 resources; larger stacks need ListStackResources).
  core::Result<std::vector<StackResource>> describe_stack_resources(const DescribeStackResourcesRequest& request);
  /// One page of ListStackResources (any number of resources, unlike DescribeStackResources).
  core::Result<ListStackResourcesResponse> list_stack_resources(const ListStackResourcesRequest& request);
  /// Every page.
  core::Result<std::vector<StackResource>> list_stack_resources_all(ListStackResourcesRequest request);
  core::Result<CreateChangeSetResponse> create_change_set(const CreateChangeSetRequest& request);
  core::Result<DescribeChangeSetResponse> describe_change_set(const DescribeChangeSetRequest& request);
  /// Every page of changes, merged into the first page's description.
  core::Result<DescribeChangeSetResponse> describe_change_set_all(DescribeChangeSetRequest request);
  core::Result<void> execute_change_set(const ExecuteChangeSetRequest& request);
  core::Result<void> delete_change_set(const DeleteChangeSetRequest& request);
  core::Result<ValidateTemplateResponse> validate_template(const TemplateSource& source);
  /// The template body as stored (JSON or YAML text).
  core::Result<std::string> get_template(const GetTemplateRequest& request);

 private:
  Caller caller_;
};

}  // namespace hoplite::aws::cloudformation
