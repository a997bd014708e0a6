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

/// AWS's `Parameter` data type: https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_Parameter.html
struct Parameter {
  std::string key;                  ///< `Key` on the wire
  std::string value;                ///< `Value` on the wire
  bool use_previous_value = false;  ///< send UsePreviousValue=true instead of a value (updates)
  /// DescribeStacks only: the value an `AWS::SSM::Parameter::Value<…>` parameter resolved to.
  /// Default: none.
  std::optional<std::string> resolved_value;
};

/// AWS's `Output` data type: https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_Output.html
struct Output {
  std::string key;          ///< `Key` on the wire
  std::string value;        ///< `Value` on the wire
  std::string description;  ///< `Description` on the wire
  std::string export_name;  ///< `ExportName` on the wire
};

/// AWS's `OperationEntry` data type (a member of `Stack.LastOperations`).
struct OperationEntry {
  std::string operation_type;  ///< `OperationType`: CREATE_STACK, UPDATE_STACK, DELETE_STACK, …
  std::string operation_id;    ///< `OperationId` on the wire (a UUID)
};

/// AWS's `Stack` data type: https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_Stack.html
struct Stack {
  std::string stack_id;                              ///< `StackId` on the wire
  std::string stack_name;                            ///< `StackName` on the wire
  std::string stack_status;                          ///< CREATE_COMPLETE, UPDATE_ROLLBACK_IN_PROGRESS, …
  std::string stack_status_reason;                   ///< `StackStatusReason` on the wire
  std::string description;                           ///< `Description` on the wire
  std::optional<core::TimePoint> creation_time;      ///< `CreationTime` on the wire
  std::optional<core::TimePoint> last_updated_time;  ///< `LastUpdatedTime` on the wire
  std::vector<Parameter> parameters;                 ///< `Parameters` on the wire
  std::vector<Output> outputs;                       ///< `Outputs` on the wire
  std::vector<std::string> capabilities;             ///< `Capabilities` on the wire
  std::map<std::string, std::string> tags;           ///< `Tags` on the wire
  std::optional<std::string> change_set_id;          ///< the change set that last changed the stack; default none
  std::optional<core::TimePoint> deletion_time;      ///< set once a delete started; default none
  bool disable_rollback = false;                     ///< default false (AWS's default)
  bool enable_termination_protection = false;        ///< default false
  std::vector<std::string> notification_arns;        ///< default none
  std::optional<std::string> role_arn;               ///< default none
  std::string drift_status = "NOT_CHECKED";          ///< DriftInformation.StackDriftStatus
  std::vector<OperationEntry> last_operations;       ///< `LastOperations` on the wire; default none
};

/// AWS's `StackEvent` data type: https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_StackEvent.html
struct StackEvent {
  std::string event_id;                      ///< `EventId` on the wire
  std::string stack_name;                    ///< `StackName` on the wire
  std::string logical_resource_id;           ///< `LogicalResourceId` on the wire
  std::string physical_resource_id;          ///< `PhysicalResourceId` on the wire
  std::string resource_type;                 ///< `ResourceType` on the wire
  std::string resource_status;               ///< `ResourceStatus` on the wire
  std::string resource_status_reason;        ///< `ResourceStatusReason` on the wire
  std::optional<core::TimePoint> timestamp;  ///< `Timestamp` on the wire
  std::string client_request_token;          ///< `ClientRequestToken` on the wire
  std::string stack_id;                      ///< `StackId` on the wire
  /// The resource's properties as JSON text (resource events only); default none.
  std::optional<std::string> resource_properties;
};

/// AWS's `StackResource` data type:
/// https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_StackResource.html
struct StackResource {
  std::string logical_resource_id;           ///< `LogicalResourceId` on the wire
  std::string physical_resource_id;          ///< `PhysicalResourceId` on the wire
  std::string resource_type;                 ///< `ResourceType` on the wire
  std::string resource_status;               ///< `ResourceStatus` on the wire
  std::string resource_status_reason;        ///< `ResourceStatusReason` on the wire
  std::optional<core::TimePoint> timestamp;  ///< `Timestamp` on the wire
  std::string stack_id;                      ///< DescribeStackResource(s) only
  std::string stack_name;                    ///< DescribeStackResource(s) only
  std::string description;                   ///< `Description` on the wire
  std::string drift_status = "NOT_CHECKED";  ///< DriftInformation.StackResourceDriftStatus
  std::optional<std::string> metadata;       ///< DescribeStackResource only: the Metadata JSON text
};

/// Template source: exactly one of `template_body` or `template_url` (an S3 URL, needed above 51 200 bytes).
struct TemplateSource {
  std::optional<std::string> template_body;  ///< `TemplateBody` on the wire
  std::optional<std::string> template_url;   ///< `TemplateURL` on the wire
};

/// AWS's `RollbackTrigger` data type (a member of `RollbackConfiguration.RollbackTriggers`).
struct RollbackTrigger {
  std::string arn;   ///< `Arn`: a CloudWatch alarm's ARN
  std::string type;  ///< `Type`: AWS::CloudWatch::Alarm
};

/// The parameters of CreateStack (Client::create_stack).
struct CreateStackRequest {
  std::string stack_name;                             ///< `StackName` on the wire
  TemplateSource source;                              ///< the template: body or S3 URL
  std::vector<Parameter> parameters;                  ///< `Parameters` on the wire
  std::vector<std::string> capabilities;              ///< CAPABILITY_IAM, CAPABILITY_NAMED_IAM, …
  std::map<std::string, std::string> tags;            ///< `Tags` on the wire
  std::optional<std::string> role_arn;                ///< `RoleARN` on the wire
  std::optional<std::string> on_failure;              ///< ROLLBACK (default), DELETE or DO_NOTHING
  std::optional<std::string> client_request_token;    ///< default: derived from the inputs
  std::optional<bool> disable_rollback;               ///< default: not sent (false)
  std::optional<bool> enable_termination_protection;  ///< default: not sent (false)
  std::vector<std::string> notification_arns;         ///< default none
  std::vector<RollbackTrigger> rollback_triggers;     ///< `RollbackConfiguration.RollbackTriggers`; default none
  std::vector<std::string> resource_types;            ///< `ResourceTypes` the template may use; default any
};

/// The parameters of UpdateStack (Client::update_stack).
struct UpdateStackRequest {
  std::string stack_name;                           ///< `StackName` on the wire
  TemplateSource source;                            ///< the template: body or S3 URL
  bool use_previous_template = false;               ///< `UsePreviousTemplate` on the wire
  std::vector<Parameter> parameters;                ///< `Parameters` on the wire
  std::vector<std::string> capabilities;            ///< `Capabilities` on the wire
  std::map<std::string, std::string> tags;          ///< `Tags` on the wire
  std::optional<std::string> role_arn;              ///< `RoleARN` on the wire
  std::optional<std::string> client_request_token;  ///< default: derived from the inputs
  std::optional<bool> disable_rollback;             ///< default: not sent (false)
  std::vector<RollbackTrigger> rollback_triggers;   ///< `RollbackConfiguration.RollbackTriggers`; default none
  std::vector<std::string> resource_types;          ///< `ResourceTypes` the template may use; default any
};

/// The parameters of DeleteStack (Client::delete_stack).
struct DeleteStackRequest {
  std::string stack_name;                           ///< `StackName` on the wire
  std::optional<std::string> role_arn;              ///< `RoleARN` on the wire
  std::vector<std::string> retain_resources;        ///< `RetainResources` on the wire
  std::optional<std::string> client_request_token;  ///< default: derived from the inputs
};

/// The parameters of DescribeStacks (Client::describe_stacks).
struct DescribeStacksRequest {
  std::optional<std::string> stack_name;  ///< default: every stack in the region
  std::optional<std::string> next_token;  ///< `NextToken` on the wire
};
/// What DescribeStacks returns.
struct DescribeStacksResponse {
  std::vector<Stack> stacks;              ///< `Stacks` on the wire
  std::optional<std::string> next_token;  ///< `NextToken` on the wire
};

/// The parameters of DescribeStackEvents (Client::describe_stack_events).
struct DescribeStackEventsRequest {
  std::string stack_name;                 ///< `StackName` on the wire
  std::optional<std::string> next_token;  ///< `NextToken` on the wire
};
/// What DescribeStackEvents returns.
struct DescribeStackEventsResponse {
  std::vector<StackEvent> events;         ///< newest first, as the API returns them
  std::optional<std::string> next_token;  ///< `NextToken` on the wire
};

/// The parameters of DescribeStackResource (Client::describe_stack_resource).
struct DescribeStackResourceRequest {
  std::string stack_name;           ///< `StackName` on the wire
  std::string logical_resource_id;  ///< `LogicalResourceId` on the wire
};

/// The parameters of DescribeStackResources (Client::describe_stack_resources).
struct DescribeStackResourcesRequest {
  std::string stack_name;                          ///< `StackName` on the wire
  std::optional<std::string> logical_resource_id;  ///< `LogicalResourceId` on the wire
};

/// The parameters of ListStackResources (Client::list_stack_resources).
struct ListStackResourcesRequest {
  std::string stack_name;                 ///< `StackName` on the wire
  std::optional<std::string> next_token;  ///< `NextToken` on the wire
};
/// What ListStackResources returns.
struct ListStackResourcesResponse {
  std::vector<StackResource> resources;   ///< `timestamp` is the LastUpdatedTimestamp
  std::optional<std::string> next_token;  ///< `NextToken` on the wire
};

/// The parameters of CreateChangeSet (Client::create_change_set).
struct CreateChangeSetRequest {
  std::string stack_name;                          ///< `StackName` on the wire
  std::string change_set_name;                     ///< `ChangeSetName` on the wire
  TemplateSource source;                           ///< the template: body or S3 URL
  bool use_previous_template = false;              ///< `UsePreviousTemplate` on the wire
  std::vector<Parameter> parameters;               ///< `Parameters` on the wire
  std::vector<std::string> capabilities;           ///< `Capabilities` on the wire
  std::map<std::string, std::string> tags;         ///< `Tags` on the wire
  std::optional<std::string> role_arn;             ///< `RoleARN` on the wire
  std::string change_set_type = "UPDATE";          ///< CREATE for a stack that does not exist yet, UPDATE, IMPORT
  std::optional<std::string> description;          ///< `Description` on the wire
  std::optional<std::string> client_token;         ///< default: derived from the inputs
  std::vector<RollbackTrigger> rollback_triggers;  ///< `RollbackConfiguration.RollbackTriggers`; default none
  std::vector<std::string> resource_types;         ///< `ResourceTypes` the template may use; default any
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
  ChangeTarget target;         ///< `Target` on the wire
  std::string evaluation;      ///< Static, Dynamic
  std::string change_source;   ///< DirectModification, ResourceReference, ParameterReference, ResourceAttribute, ...
  std::string causing_entity;  ///< "" = absent
};
/// What CreateChangeSet returns.
struct CreateChangeSetResponse {
  std::string id;        ///< change set ARN
  std::string stack_id;  ///< `StackId` on the wire
};

/// AWS's `ResourceChange` data type:
/// https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_ResourceChange.html
struct ResourceChange {
  std::string action;                         ///< Add, Modify, Remove, Import, Dynamic
  std::string logical_resource_id;            ///< `LogicalResourceId` on the wire
  std::string physical_resource_id;           ///< `PhysicalResourceId` on the wire
  std::string resource_type;                  ///< `ResourceType` on the wire
  std::string replacement;                    ///< True, False, Conditional (Modify only)
  std::string policy_action;                  ///< Delete, Retain, ReplaceAndDelete, ...; "" = absent
  std::vector<std::string> scope;             ///< Properties, Metadata, Tags, ...
  std::vector<ChangeDetail> details;          ///< `Details` on the wire
  std::optional<std::string> before_context;  ///< IncludePropertyValues only: JSON text
  std::optional<std::string> after_context;   ///< IncludePropertyValues only: JSON text
};

/// The parameters of DescribeChangeSet (Client::describe_change_set).
struct DescribeChangeSetRequest {
  std::string change_set_name;            ///< name or ARN
  std::optional<std::string> stack_name;  ///< needed when `change_set_name` is a name
  std::optional<std::string> next_token;  ///< `NextToken` on the wire
  bool include_property_values = false;   ///< IncludePropertyValues: Before/After values and contexts
};
/// What DescribeChangeSet returns.
struct DescribeChangeSetResponse {
  std::string change_set_name;                   ///< `ChangeSetName` on the wire
  std::string change_set_id;                     ///< `ChangeSetId` on the wire
  std::string stack_id;                          ///< `StackId` on the wire
  std::string stack_name;                        ///< `StackName` on the wire
  std::string status;                            ///< CREATE_PENDING, CREATE_IN_PROGRESS, CREATE_COMPLETE, FAILED, …
  std::string status_reason;                     ///< `StatusReason` on the wire
  std::string execution_status;                  ///< UNAVAILABLE, AVAILABLE, EXECUTE_IN_PROGRESS, …
  std::vector<ResourceChange> changes;           ///< `Changes` on the wire
  std::optional<std::string> next_token;         ///< `NextToken` on the wire
  std::optional<std::string> description;        ///< `Description` on the wire
  std::vector<Parameter> parameters;             ///< `Parameters` on the wire
  std::vector<std::string> capabilities;         ///< `Capabilities` on the wire
  std::map<std::string, std::string> tags;       ///< `Tags` on the wire
  std::vector<std::string> notification_arns;    ///< SNS topics for stack events (`NotificationARNs`)
  std::optional<core::TimePoint> creation_time;  ///< `CreationTime` on the wire
  bool include_nested_stacks = false;            ///< `IncludeNestedStacks` on the wire
};

/// The parameters of ListChangeSets (Client::list_change_sets).
struct ListChangeSetsRequest {
  std::string stack_name;                 ///< `StackName` on the wire
  std::optional<std::string> next_token;  ///< `NextToken` on the wire
};
/// AWS's `ChangeSetSummary` data type:
/// https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_ChangeSetSummary.html
struct ChangeSetSummary {
  std::string stack_id;                          ///< `StackId` on the wire
  std::string stack_name;                        ///< `StackName` on the wire
  std::string change_set_id;                     ///< `ChangeSetId` on the wire
  std::string change_set_name;                   ///< `ChangeSetName` on the wire
  std::string execution_status;                  ///< `ExecutionStatus` on the wire
  std::string status;                            ///< `Status` on the wire
  std::string status_reason;                     ///< `StatusReason` on the wire
  std::optional<core::TimePoint> creation_time;  ///< `CreationTime` on the wire
  std::optional<std::string> description;        ///< `Description` on the wire
  bool include_nested_stacks = false;            ///< `IncludeNestedStacks` on the wire
};
/// What ListChangeSets returns.
struct ListChangeSetsResponse {
  std::vector<ChangeSetSummary> summaries;  ///< `Summaries` on the wire
  std::optional<std::string> next_token;    ///< `NextToken` on the wire
};

/// The parameters of ListStacks (Client::list_stacks).
struct ListStacksRequest {
  std::vector<std::string> status_filter;  ///< StackStatusFilter; empty = every status
  std::optional<std::string> next_token;   ///< `NextToken` on the wire
};
/// AWS's `StackSummary` data type:
/// https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_StackSummary.html
struct StackSummary {
  std::string stack_id;                              ///< `StackId` on the wire
  std::string stack_name;                            ///< `StackName` on the wire
  std::optional<std::string> template_description;   ///< `TemplateDescription` on the wire
  std::optional<core::TimePoint> creation_time;      ///< `CreationTime` on the wire
  std::optional<core::TimePoint> last_updated_time;  ///< `LastUpdatedTime` on the wire
  std::optional<core::TimePoint> deletion_time;      ///< `DeletionTime` on the wire
  std::string stack_status;                          ///< `StackStatus` on the wire
  std::string stack_status_reason;                   ///< `StackStatusReason` on the wire
  std::string drift_status = "NOT_CHECKED";          ///< drift detection status; default NOT_CHECKED
};
/// What ListStacks returns.
struct ListStacksResponse {
  std::vector<StackSummary> summaries;    ///< `Summaries` on the wire
  std::optional<std::string> next_token;  ///< `NextToken` on the wire
};

/// The parameters of ListExports (Client::list_exports).
struct ListExportsRequest {
  std::optional<std::string> next_token;  ///< `NextToken` on the wire
};
/// AWS's `Export` data type: https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_Export.html
struct Export {
  std::string exporting_stack_id;  ///< `ExportingStackId` on the wire
  std::string name;                ///< `Name` on the wire
  std::string value;               ///< `Value` on the wire
};
/// What ListExports returns.
struct ListExportsResponse {
  std::vector<Export> exports;            ///< `Exports` on the wire
  std::optional<std::string> next_token;  ///< `NextToken` on the wire
};

/// The parameters of CancelUpdateStack (Client::cancel_update_stack).
struct CancelUpdateStackRequest {
  std::string stack_name;                           ///< `StackName` on the wire
  std::optional<std::string> client_request_token;  ///< `ClientRequestToken` on the wire
};

/// The parameters of ContinueUpdateRollback (Client::continue_update_rollback).
struct ContinueUpdateRollbackRequest {
  std::string stack_name;                           ///< `StackName` on the wire
  std::vector<std::string> resources_to_skip;       ///< `ResourcesToSkip` on the wire
  std::optional<std::string> client_request_token;  ///< `ClientRequestToken` on the wire
};

/// The parameters of GetTemplateSummary (Client::get_template_summary).
struct GetTemplateSummaryRequest {
  TemplateSource source;                  ///< the template: body or S3 URL
  std::optional<std::string> stack_name;  ///< instead of a source: the stack's template
};

/// The parameters of ExecuteChangeSet (Client::execute_change_set).
struct ExecuteChangeSetRequest {
  std::string change_set_name;                      ///< `ChangeSetName` on the wire
  std::optional<std::string> stack_name;            ///< `StackName` on the wire
  std::optional<std::string> client_request_token;  ///< default: derived from the inputs
};

/// The parameters of DeleteChangeSet (Client::delete_change_set).
struct DeleteChangeSetRequest {
  std::string change_set_name;            ///< `ChangeSetName` on the wire
  std::optional<std::string> stack_name;  ///< `StackName` on the wire
};

/// AWS's `TemplateParameter` data type:
/// https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_TemplateParameter.html
struct TemplateParameter {
  std::string key;                           ///< `Key` on the wire
  std::optional<std::string> default_value;  ///< `DefaultValue` on the wire
  bool no_echo = false;                      ///< `NoEcho` on the wire
  std::string description;                   ///< `Description` on the wire
  std::string type;                          ///< GetTemplateSummary only: ParameterType
  std::vector<std::string> allowed_values;   ///< GetTemplateSummary only: ParameterConstraints
};
/// What ValidateTemplate returns.
struct ValidateTemplateResponse {
  std::vector<TemplateParameter> parameters;     ///< `Parameters` on the wire
  std::string description;                       ///< `Description` on the wire
  std::vector<std::string> capabilities;         ///< what CreateStack will need, e.g. CAPABILITY_IAM
  std::string capabilities_reason;               ///< `CapabilitiesReason` on the wire
  std::vector<std::string> declared_transforms;  ///< `DeclaredTransforms` on the wire
};
/// What GetTemplateSummary returns.
struct GetTemplateSummaryResponse {
  std::vector<TemplateParameter> parameters;     ///< `Parameters` on the wire
  std::optional<std::string> description;        ///< `Description` on the wire
  std::vector<std::string> capabilities;         ///< `Capabilities` on the wire
  std::string capabilities_reason;               ///< `CapabilitiesReason` on the wire
  std::vector<std::string> resource_types;       ///< sorted, each once
  std::string version;                           ///< AWSTemplateFormatVersion; "" = absent
  std::vector<std::string> declared_transforms;  ///< `DeclaredTransforms` on the wire
  /// ResourceIdentifierSummaries: per type, the logical IDs of its resources (template order).
  std::vector<std::pair<std::string, std::vector<std::string>>> resource_identifier_summaries;
};

/// The parameters of GetTemplate (Client::get_template).
struct GetTemplateRequest {
  std::optional<std::string> stack_name;       ///< `StackName` on the wire
  std::optional<std::string> change_set_name;  ///< `ChangeSetName` on the wire
  std::optional<std::string> template_stage;   ///< Original (default) or Processed
};
/// What GetTemplate returns.
struct GetTemplateResponse {
  std::string template_body;                  ///< `TemplateBody` on the wire
  std::vector<std::string> stages_available;  ///< Original, Processed
};

/// True when `e` is CloudFormation's answer about a stack that does not exist — a ValidationError
/// whose message is "Stack with id X does not exist" (AWS has no code of its own for it). The one
/// place that reads that message; everything else branches on find_stack()'s nullopt.
[[nodiscard]] bool is_stack_not_found(const core::Error& e);

/// The CloudFormation client: one method per action, each signed, sent and retried through a Caller.
class Client {
 public:
  /// A client that signs and sends with `config` (region, credentials, HTTP client, clock, endpoint, retries).
  explicit Client(const ClientConfig& config);

  /// Returns the new stack's id.
  core::Result<std::string> create_stack(const CreateStackRequest& request);
  /// Returns the stack id. "No updates are to be performed." is a ValidationError, as AWS sends it.
  core::Result<std::string> update_stack(const UpdateStackRequest& request);
  /// Calls DeleteStack: https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_DeleteStack.html
  core::Result<void> delete_stack(const DeleteStackRequest& request);
  /// One page.
  core::Result<DescribeStacksResponse> describe_stacks(const DescribeStacksRequest& request);
  /// Every page.
  core::Result<std::vector<Stack>> describe_stacks_all(DescribeStacksRequest request);
  /// The stack called (or with the id) `name`, or nullopt when there is none: the typed form of
  /// DescribeStacks' "Stack with id … does not exist". A stack in DELETE_COMPLETE (only found by
  /// id) counts as none.
  core::Result<std::optional<Stack>> find_stack(const std::string& name);
  /// Calls DescribeStackEvents:
  /// https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_DescribeStackEvents.html
  core::Result<DescribeStackEventsResponse> describe_stack_events(const DescribeStackEventsRequest& request);
  /// Every page (newest first). Use for a whole stack history; progress streaming wants one page.
  core::Result<std::vector<StackEvent>> describe_stack_events_all(DescribeStackEventsRequest request);
  /// Not paginated by the API (up to 100 resources; larger stacks need ListStackResources).
  core::Result<std::vector<StackResource>> describe_stack_resources(const DescribeStackResourcesRequest& request);
  /// One page of ListStackResources (any number of resources, unlike DescribeStackResources).
  core::Result<ListStackResourcesResponse> list_stack_resources(const ListStackResourcesRequest& request);
  /// Every page.
  core::Result<std::vector<StackResource>> list_stack_resources_all(ListStackResourcesRequest request);
  /// Calls CreateChangeSet: https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_CreateChangeSet.html
  core::Result<CreateChangeSetResponse> create_change_set(const CreateChangeSetRequest& request);
  /// Calls DescribeChangeSet:
  /// https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_DescribeChangeSet.html
  core::Result<DescribeChangeSetResponse> describe_change_set(const DescribeChangeSetRequest& request);
  /// Every page of changes, merged into the first page's description.
  core::Result<DescribeChangeSetResponse> describe_change_set_all(DescribeChangeSetRequest request);
  /// Calls ExecuteChangeSet:
  /// https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_ExecuteChangeSet.html
  core::Result<void> execute_change_set(const ExecuteChangeSetRequest& request);
  /// Calls DeleteChangeSet: https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_DeleteChangeSet.html
  core::Result<void> delete_change_set(const DeleteChangeSetRequest& request);
  /// Calls ValidateTemplate:
  /// https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_ValidateTemplate.html
  core::Result<ValidateTemplateResponse> validate_template(const TemplateSource& source);
  /// The template body as stored (JSON or YAML text).
  core::Result<std::string> get_template(const GetTemplateRequest& request);
  /// Calls DescribeStackResource:
  /// https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_DescribeStackResource.html
  core::Result<StackResource> describe_stack_resource(const DescribeStackResourceRequest& request);
  /// One page.
  core::Result<ListStacksResponse> list_stacks(const ListStacksRequest& request);
  /// One page.
  core::Result<ListChangeSetsResponse> list_change_sets(const ListChangeSetsRequest& request);
  /// Calls GetTemplateSummary:
  /// https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_GetTemplateSummary.html
  core::Result<GetTemplateSummaryResponse> get_template_summary(const GetTemplateSummaryRequest& request);
  /// One page.
  core::Result<ListExportsResponse> list_exports(const ListExportsRequest& request);
  /// Calls CancelUpdateStack:
  /// https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_CancelUpdateStack.html
  core::Result<void> cancel_update_stack(const CancelUpdateStackRequest& request);
  /// Calls ContinueUpdateRollback:
  /// https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_ContinueUpdateRollback.html
  core::Result<void> continue_update_rollback(const ContinueUpdateRollbackRequest& request);

 private:
  Caller caller_;
};

}  // namespace hoplite::aws::cloudformation
