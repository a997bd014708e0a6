#pragma once
/// \file
/// CloudFormation on the wire, both directions (query protocol, 2010-05-15). Every
/// operation's request shape has `encode_request` (client) and `decode_*_request` (local cloud),
/// every response shape `encode_response` (local cloud, the members of `<ActionResult>`) and
/// `decode_*_response` (client). The pattern: docs/local.md ("Wire shapes").
///
/// Decoders check types only (a `DisableRollback` that is not a boolean is a `ValidationError`);
/// the service checks constraints with its own messages.

#include <string>
#include <vector>

#include "hoplite/aws/cloudformation.hpp"
#include "hoplite/aws/protocol_query.hpp"
#include "hoplite/aws/xml.hpp"
#include "hoplite/aws/xml_writer.hpp"
#include "hoplite/core/result.hpp"

namespace hoplite::aws::cloudformation::wire {

inline constexpr std::string_view kXmlNamespace = "http://cloudformation.amazonaws.com/doc/2010-05-15/";

/// CreateStack / UpdateStack: the stack's id.
struct StackIdResponse {
  std::string stack_id;
};

// ---- requests ----
[[nodiscard]] QueryParams encode_request(const CreateStackRequest& r);
[[nodiscard]] QueryParams encode_request(const UpdateStackRequest& r);
[[nodiscard]] QueryParams encode_request(const DeleteStackRequest& r);
[[nodiscard]] QueryParams encode_request(const DescribeStacksRequest& r);
[[nodiscard]] QueryParams encode_request(const DescribeStackEventsRequest& r);
[[nodiscard]] QueryParams encode_request(const DescribeStackResourceRequest& r);
[[nodiscard]] QueryParams encode_request(const DescribeStackResourcesRequest& r);
[[nodiscard]] QueryParams encode_request(const ListStackResourcesRequest& r);
[[nodiscard]] QueryParams encode_request(const ListStacksRequest& r);
[[nodiscard]] QueryParams encode_request(const CreateChangeSetRequest& r);
[[nodiscard]] QueryParams encode_request(const DescribeChangeSetRequest& r);
[[nodiscard]] QueryParams encode_request(const ExecuteChangeSetRequest& r);
[[nodiscard]] QueryParams encode_request(const DeleteChangeSetRequest& r);
[[nodiscard]] QueryParams encode_request(const ListChangeSetsRequest& r);
[[nodiscard]] QueryParams encode_request(const TemplateSource& r);  ///< ValidateTemplate
[[nodiscard]] QueryParams encode_request(const GetTemplateRequest& r);
[[nodiscard]] QueryParams encode_request(const GetTemplateSummaryRequest& r);
[[nodiscard]] QueryParams encode_request(const ListExportsRequest& r);
[[nodiscard]] QueryParams encode_request(const CancelUpdateStackRequest& r);
[[nodiscard]] QueryParams encode_request(const ContinueUpdateRollbackRequest& r);

core::Result<CreateStackRequest> decode_create_stack_request(const QueryParams& p);
core::Result<UpdateStackRequest> decode_update_stack_request(const QueryParams& p);
core::Result<DeleteStackRequest> decode_delete_stack_request(const QueryParams& p);
core::Result<DescribeStacksRequest> decode_describe_stacks_request(const QueryParams& p);
core::Result<DescribeStackEventsRequest> decode_describe_stack_events_request(const QueryParams& p);
core::Result<DescribeStackResourceRequest> decode_describe_stack_resource_request(const QueryParams& p);
core::Result<DescribeStackResourcesRequest> decode_describe_stack_resources_request(const QueryParams& p);
core::Result<ListStackResourcesRequest> decode_list_stack_resources_request(const QueryParams& p);
core::Result<ListStacksRequest> decode_list_stacks_request(const QueryParams& p);
core::Result<CreateChangeSetRequest> decode_create_change_set_request(const QueryParams& p);
core::Result<DescribeChangeSetRequest> decode_describe_change_set_request(const QueryParams& p);
core::Result<ExecuteChangeSetRequest> decode_execute_change_set_request(const QueryParams& p);
core::Result<DeleteChangeSetRequest> decode_delete_change_set_request(const QueryParams& p);
core::Result<ListChangeSetsRequest> decode_list_change_sets_request(const QueryParams& p);
core::Result<TemplateSource> decode_validate_template_request(const QueryParams& p);
core::Result<GetTemplateRequest> decode_get_template_request(const QueryParams& p);
core::Result<GetTemplateSummaryRequest> decode_get_template_summary_request(const QueryParams& p);
core::Result<ListExportsRequest> decode_list_exports_request(const QueryParams& p);
core::Result<CancelUpdateStackRequest> decode_cancel_update_stack_request(const QueryParams& p);
core::Result<ContinueUpdateRollbackRequest> decode_continue_update_rollback_request(const QueryParams& p);

// ---- responses ----
void encode_response(const StackIdResponse& r, XmlWriter& out);
void encode_response(const DescribeStacksResponse& r, XmlWriter& out);
void encode_response(const DescribeStackEventsResponse& r, XmlWriter& out);
/// DescribeStackResource: `<StackResourceDetail>`.
void encode_stack_resource_detail(const StackResource& r, XmlWriter& out);
/// DescribeStackResources: `<StackResources>`.
void encode_stack_resources(const std::vector<StackResource>& r, XmlWriter& out);
void encode_response(const ListStackResourcesResponse& r, XmlWriter& out);
void encode_response(const ListStacksResponse& r, XmlWriter& out);
void encode_response(const CreateChangeSetResponse& r, XmlWriter& out);
void encode_response(const DescribeChangeSetResponse& r, XmlWriter& out);
void encode_response(const ListChangeSetsResponse& r, XmlWriter& out);
void encode_response(const ValidateTemplateResponse& r, XmlWriter& out);
void encode_response(const GetTemplateResponse& r, XmlWriter& out);
void encode_response(const GetTemplateSummaryResponse& r, XmlWriter& out);
void encode_response(const ListExportsResponse& r, XmlWriter& out);

core::Result<StackIdResponse> decode_stack_id_response(const XmlElement& x);
core::Result<DescribeStacksResponse> decode_describe_stacks_response(const XmlElement& x);
core::Result<DescribeStackEventsResponse> decode_describe_stack_events_response(const XmlElement& x);
core::Result<StackResource> decode_describe_stack_resource_response(const XmlElement& x);
core::Result<std::vector<StackResource>> decode_describe_stack_resources_response(const XmlElement& x);
core::Result<ListStackResourcesResponse> decode_list_stack_resources_response(const XmlElement& x);
core::Result<ListStacksResponse> decode_list_stacks_response(const XmlElement& x);
core::Result<CreateChangeSetResponse> decode_create_change_set_response(const XmlElement& x);
core::Result<DescribeChangeSetResponse> decode_describe_change_set_response(const XmlElement& x);
core::Result<ListChangeSetsResponse> decode_list_change_sets_response(const XmlElement& x);
core::Result<ValidateTemplateResponse> decode_validate_template_response(const XmlElement& x);
core::Result<GetTemplateResponse> decode_get_template_response(const XmlElement& x);
core::Result<GetTemplateSummaryResponse> decode_get_template_summary_response(const XmlElement& x);
core::Result<ListExportsResponse> decode_list_exports_response(const XmlElement& x);

}  // namespace hoplite::aws::cloudformation::wire
