#pragma once
/// \file
/// AWS CloudFormation: stacks, change sets, events, templates.
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
  /// DescribeStacks only: the value an `AWS::SSM::Parameter::Value<…>` parameter resolved to.
  /// Default: none.
  std::optional<std::string> resolved_value;
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
  std::optional<std::string> change_set_id;      ///< the change set that last changed the stack; default none
  std::optional<core::TimePoint> deletion_time;  ///< set once a delete started; default none
  bool disable_rollback = false;                 ///< default false (AWS's default)
  bool enable_termination_protection = false;    ///< default false
  std::vector<std::string> notification_arns;    ///< default none
  std::optional<std::string> role_arn;           ///< default none
  std::string drift_status = "NOT_CHECKED";      ///< DriftInformation.StackDriftStatus
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
  std::string stack_id;
  /// The resource's properties as JSON text (resource events only); default none.
  std::optional<std::string> resource_properties;
};

struct StackResource {
  std::string logical_resource_id;
  std::string physical_resource_id;
  std::string resource_type;
  std::string resource_status;
  std::string resource_status_reason;
  std::optional<core::TimePoint> timestamp;
  std::string stack_id;    ///< DescribeStackResource(s) only
  std::string stack_name;  ///< DescribeStackResource(s) only
  std::string description;
  std::string drift_status = "NOT_CHECKED";  ///< DriftInformation.StackResourceDriftStatus
  std::optional<std::string> metadata;       ///< DescribeStackResource only: the Metadata JSON text
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
  std::optional<std::string> on_failure;              ///< ROLLBACK (default), DELETE or DO_NOTHING
  std::optional<std::string> client_request_token;    ///< default: derived from the inputs
  std::optional<bool> disable_rollback;               ///< default: not sent (false)
  std::optional<bool> enable_termination_protection;  ///< default: not sent (false)
  std::vector<std::string> notification_arns;         ///< default none
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
  std::optional<bool> disable_rollback;             ///< default: not sent (false)
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

struct DescribeStackResourceRequest {
  std::string stack_name;
  std::string logical_resource_id;
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

/// ResourceTargetDefinition of a change's detail.
struct ChangeTarget {
  std::string attribute;                    ///< Properties, Metadata, Tags
  std::string name;                         ///< the property; "" = absent
  std::string requires_recreation;          ///< Never, Conditionally, Always; "" = absent
  std::string path;                         ///< IncludePropertyValues only: "/Properties/Name"
  std::string attribute_change_type;        ///< IncludePropertyValues only: Add, Remove, Modify
  std::optional<std::string> before_value;  ///< IncludePropertyValues only
  std::optional<std::string> after_value;   ///< IncludePropertyValues only
};

/// ResourceChangeDetail.
struct ChangeDetail {
  ChangeTarget target;
  std::string evaluation;      ///< Static, Dynamic
  std::string change_source;   ///< DirectModification, ResourceReference, ParameterReference, ResourceAttribute, ...
  std::string causing_entity;  ///< "" = absent
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
  std::string replacement;         ///< True, False, Conditional (Modify only)
  std::string policy_action;       ///< Delete, Retain, ReplaceAndDelete, ...; "" = absent
  std::vector<std::string> scope;  ///< Properties, Metadata, Tags, ...
  std::vector<ChangeDetail> details;
  std::optional<std::string> before_context;  ///< IncludePropertyValues only: JSON text
  std::optional<std::string> after_context;   ///< IncludePropertyValues only: JSON text
};

struct DescribeChangeSetRequest {
  std::string change_set_name;            ///< name or ARN
  std::optional<std::string> stack_name;  ///< needed when `change_set_name` is a name
  std::optional<std::string> next_token;
  bool include_property_values = false;  ///< IncludePropertyValues: Before/After values and contexts
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
  std::optional<std::string> description;
  std::vector<Parameter> parameters;
  std::vector<std::string> capabilities;
  std::map<std::string, std::string> tags;
  std::vector<std::string> notification_arns;
  std::optional<core::TimePoint> creation_time;
  bool include_nested_stacks = false;
};

struct ListChangeSetsRequest {
  std::string stack_name;
  std::optional<std::string> next_token;
};
struct ChangeSetSummary {
  std::string stack_id;
  std::string stack_name;
  std::string change_set_id;
  std::string change_set_name;
  std::string execution_status;
  std::string status;
  std::string status_reason;
  std::optional<core::TimePoint> creation_time;
  std::optional<std::string> description;
  bool include_nested_stacks = false;
};
struct ListChangeSetsResponse {
  std::vector<ChangeSetSummary> summaries;
  std::optional<std::string> next_token;
};

struct ListStacksRequest {
  std::vector<std::string> status_filter;  ///< StackStatusFilter; empty = every status
  std::optional<std::string> next_token;
};
struct StackSummary {
  std::string stack_id;
  std::string stack_name;
  std::optional<std::string> template_description;
  std::optional<core::TimePoint> creation_time;
  std::optional<core::TimePoint> last_updated_time;
  std::optional<core::TimePoint> deletion_time;
  std::string stack_status;
  std::string stack_status_reason;
  std::string drift_status = "NOT_CHECKED";
};
struct ListStacksResponse {
  std::vector<StackSummary> summaries;
  std::optional<std::string> next_token;
};

struct ListExportsRequest {
  std::optional<std::string> next_token;
};
struct Export {
  std::string exporting_stack_id;
  std::string name;
  std::string value;
};
struct ListExportsResponse {
  std::vector<Export> exports;
  std::optional<std::string> next_token;
};

struct CancelUpdateStackRequest {
  std::string stack_name;
  std::optional<std::string> client_request_token;
};

struct ContinueUpdateRollbackRequest {
  std::string stack_name;
  std::vector<std::string> resources_to_skip;
  std::optional<std::string> client_request_token;
};

struct GetTemplateSummaryRequest {
  TemplateSource source;
  std::optional<std::string> stack_name;  ///< instead of a source: the stack's template
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
  std::string type;                         ///< GetTemplateSummary only: ParameterType
  std::vector<std::string> allowed_values;  ///< GetTemplateSummary only: ParameterConstraints
};
struct ValidateTemplateResponse {
  std::vector<TemplateParameter> parameters;
  std::string description;
  std::vector<std::string> capabilities;  ///< what CreateStack will need, e.g. CAPABILITY_IAM
  std::string capabilities_reason;
  std::vector<std::string> declared_transforms;
};
struct GetTemplateSummaryResponse {
  std::vector<TemplateParameter> parameters;
  std::optional<std::string> description;
  std::vector<std::string> capabilities;
  std::string capabilities_reason;
  std::vector<std::string> resource_types;  ///< sorted, each once
  std::string version;                      ///< AWSTemplateFormatVersion; "" = absent
  std::vector<std::string> declared_transforms;
  /// ResourceIdentifierSummaries: per type, the logical IDs of its resources (template order).
  std::vector<std::pair<std::string, std::vector<std::string>>> resource_identifier_summaries;
};

struct GetTemplateRequest {
  std::optional<std::string> stack_name;
  std::optional<std::string> change_set_name;
  std::optional<std::string> template_stage;  ///< Original (default) or Processed
};
struct GetTemplateResponse {
  std::string template_body;
  std::vector<std::string> stages_available;  ///< Original, Processed
};

/// True when `e` is CloudFormation's answer about a stack that does not exist — a ValidationError
/// whose message is "Stack with id X does not exist" (AWS has no code of its own for it). The one
/// place that reads that message; everything else branches on find_stack()'s nullopt.
[[nodiscard]] bool is_stack_not_found(const core::Error& e);

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
  /// The stack called (or with the id) `name`, or nullopt when there is none: the typed form of
  /// DescribeStacks' "Stack with id … does not exist". A stack in DELETE_COMPLETE (only found by
  /// id) counts as none.
  core::Result<std::optional<Stack>> find_stack(const std::string& name);
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
  core::Result<StackResource> describe_stack_resource(const DescribeStackResourceRequest& request);
  /// One page.
  core::Result<ListStacksResponse> list_stacks(const ListStacksRequest& request);
  /// One page.
  core::Result<ListChangeSetsResponse> list_change_sets(const ListChangeSetsRequest& request);
  core::Result<GetTemplateSummaryResponse> get_template_summary(const GetTemplateSummaryRequest& request);
  /// One page.
  core::Result<ListExportsResponse> list_exports(const ListExportsRequest& request);
  core::Result<void> cancel_update_stack(const CancelUpdateStackRequest& request);
  core::Result<void> continue_update_rollback(const ContinueUpdateRollbackRequest& request);

 private:
  Caller caller_;
};

}  // namespace hoplite::aws::cloudformation
