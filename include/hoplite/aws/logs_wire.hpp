#pragma once
/// \file
/// CloudWatch Logs on the wire, both directions (see docs/local.md, "Wire shapes"): the client
/// encodes requests and decodes responses, the local cloud decodes requests and encodes responses,
/// with the same functions. JSON 1.1: a shape is the request or response body.
///
/// Decoders check types only (a `logGroupName` that is not a string is a `SerializationException`);
/// the service checks constraints. Response decoders fail with `aws.json`.

#include <nlohmann/json.hpp>

#include "hoplite/aws/logs.hpp"
#include "hoplite/core/result.hpp"

namespace hoplite::aws::logs::wire {

[[nodiscard]] nlohmann::json encode_request(const CreateLogGroupRequest& request);
core::Result<CreateLogGroupRequest> decode_create_log_group_request(const nlohmann::json& body);

[[nodiscard]] nlohmann::json encode_request(const DeleteLogGroupRequest& request);
core::Result<DeleteLogGroupRequest> decode_delete_log_group_request(const nlohmann::json& body);

[[nodiscard]] nlohmann::json encode_request(const DescribeLogGroupsRequest& request);
core::Result<DescribeLogGroupsRequest> decode_describe_log_groups_request(const nlohmann::json& body);
[[nodiscard]] nlohmann::json encode_response(const DescribeLogGroupsResponse& response);
core::Result<DescribeLogGroupsResponse> decode_describe_log_groups_response(const nlohmann::json& body);

[[nodiscard]] nlohmann::json encode_request(const PutRetentionPolicyRequest& request);
core::Result<PutRetentionPolicyRequest> decode_put_retention_policy_request(const nlohmann::json& body);

[[nodiscard]] nlohmann::json encode_request(const DeleteRetentionPolicyRequest& request);
core::Result<DeleteRetentionPolicyRequest> decode_delete_retention_policy_request(const nlohmann::json& body);

[[nodiscard]] nlohmann::json encode_request(const CreateLogStreamRequest& request);
core::Result<CreateLogStreamRequest> decode_create_log_stream_request(const nlohmann::json& body);

[[nodiscard]] nlohmann::json encode_request(const DeleteLogStreamRequest& request);
core::Result<DeleteLogStreamRequest> decode_delete_log_stream_request(const nlohmann::json& body);

[[nodiscard]] nlohmann::json encode_request(const DescribeLogStreamsRequest& request);
core::Result<DescribeLogStreamsRequest> decode_describe_log_streams_request(const nlohmann::json& body);
[[nodiscard]] nlohmann::json encode_response(const DescribeLogStreamsResponse& response);
core::Result<DescribeLogStreamsResponse> decode_describe_log_streams_response(const nlohmann::json& body);

[[nodiscard]] nlohmann::json encode_request(const PutLogEventsRequest& request);
core::Result<PutLogEventsRequest> decode_put_log_events_request(const nlohmann::json& body);
[[nodiscard]] nlohmann::json encode_response(const PutLogEventsResponse& response);
core::Result<PutLogEventsResponse> decode_put_log_events_response(const nlohmann::json& body);

/// `startFromHead` is always sent; absent on the wire it is false (AWS's default).
[[nodiscard]] nlohmann::json encode_request(const GetLogEventsRequest& request);
core::Result<GetLogEventsRequest> decode_get_log_events_request(const nlohmann::json& body);
[[nodiscard]] nlohmann::json encode_response(const GetLogEventsResponse& response);
core::Result<GetLogEventsResponse> decode_get_log_events_response(const nlohmann::json& body);

[[nodiscard]] nlohmann::json encode_request(const FilterLogEventsRequest& request);
core::Result<FilterLogEventsRequest> decode_filter_log_events_request(const nlohmann::json& body);
[[nodiscard]] nlohmann::json encode_response(const FilterLogEventsResponse& response);
core::Result<FilterLogEventsResponse> decode_filter_log_events_response(const nlohmann::json& body);

[[nodiscard]] nlohmann::json encode_request(const TagLogGroupRequest& request);
core::Result<TagLogGroupRequest> decode_tag_log_group_request(const nlohmann::json& body);
[[nodiscard]] nlohmann::json encode_request(const UntagLogGroupRequest& request);
core::Result<UntagLogGroupRequest> decode_untag_log_group_request(const nlohmann::json& body);
[[nodiscard]] nlohmann::json encode_request(const ListTagsLogGroupRequest& request);
core::Result<ListTagsLogGroupRequest> decode_list_tags_log_group_request(const nlohmann::json& body);
[[nodiscard]] nlohmann::json encode_request(const TagResourceRequest& request);
core::Result<TagResourceRequest> decode_tag_resource_request(const nlohmann::json& body);
[[nodiscard]] nlohmann::json encode_request(const UntagResourceRequest& request);
core::Result<UntagResourceRequest> decode_untag_resource_request(const nlohmann::json& body);
[[nodiscard]] nlohmann::json encode_request(const ListTagsForResourceRequest& request);
core::Result<ListTagsForResourceRequest> decode_list_tags_for_resource_request(const nlohmann::json& body);
/// ListTagsLogGroup and ListTagsForResource answer `{"tags": {…}}` both.
[[nodiscard]] nlohmann::json encode_response(const ListTagsResponse& response);
core::Result<ListTagsResponse> decode_list_tags_response(const nlohmann::json& body);

}  // namespace hoplite::aws::logs::wire
