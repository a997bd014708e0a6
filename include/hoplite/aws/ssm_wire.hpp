#pragma once
/// \file
/// SSM Parameter Store on the wire, both directions (see docs/local.md, "Wire shapes"): the
/// client encodes requests and decodes responses, the local cloud decodes requests and encodes
/// responses, with the same functions. JSON 1.1: a shape is the request or response body.
///
/// Decoders check types only (a `Name` that is not a string is a `SerializationException`); the
/// service checks constraints. Response decoders fail with `aws.json`.

#include <nlohmann/json.hpp>

#include "hoplite/aws/ssm.hpp"
#include "hoplite/core/result.hpp"

namespace hoplite::aws::ssm::wire {

[[nodiscard]] nlohmann::json encode_request(const PutParameterRequest& request);
core::Result<PutParameterRequest> decode_put_parameter_request(const nlohmann::json& body);
[[nodiscard]] nlohmann::json encode_response(const PutParameterResponse& response);
core::Result<PutParameterResponse> decode_put_parameter_response(const nlohmann::json& body);

[[nodiscard]] nlohmann::json encode_request(const GetParameterRequest& request);
core::Result<GetParameterRequest> decode_get_parameter_request(const nlohmann::json& body);
[[nodiscard]] nlohmann::json encode_response(const GetParameterResponse& response);
core::Result<GetParameterResponse> decode_get_parameter_response(const nlohmann::json& body);

[[nodiscard]] nlohmann::json encode_request(const GetParametersRequest& request);
core::Result<GetParametersRequest> decode_get_parameters_request(const nlohmann::json& body);
[[nodiscard]] nlohmann::json encode_response(const GetParametersResponse& response);
core::Result<GetParametersResponse> decode_get_parameters_response(const nlohmann::json& body);

[[nodiscard]] nlohmann::json encode_request(const DeleteParameterRequest& request);
core::Result<DeleteParameterRequest> decode_delete_parameter_request(const nlohmann::json& body);

[[nodiscard]] nlohmann::json encode_request(const DeleteParametersRequest& request);
core::Result<DeleteParametersRequest> decode_delete_parameters_request(const nlohmann::json& body);
[[nodiscard]] nlohmann::json encode_response(const DeleteParametersResponse& response);
core::Result<DeleteParametersResponse> decode_delete_parameters_response(const nlohmann::json& body);

[[nodiscard]] nlohmann::json encode_request(const DescribeParametersRequest& request);
core::Result<DescribeParametersRequest> decode_describe_parameters_request(const nlohmann::json& body);
[[nodiscard]] nlohmann::json encode_response(const DescribeParametersResponse& response);
core::Result<DescribeParametersResponse> decode_describe_parameters_response(const nlohmann::json& body);

[[nodiscard]] nlohmann::json encode_request(const GetParametersByPathRequest& request);
core::Result<GetParametersByPathRequest> decode_get_parameters_by_path_request(const nlohmann::json& body);
[[nodiscard]] nlohmann::json encode_response(const GetParametersByPathResponse& response);
core::Result<GetParametersByPathResponse> decode_get_parameters_by_path_response(const nlohmann::json& body);

[[nodiscard]] nlohmann::json encode_request(const GetParameterHistoryRequest& request);
core::Result<GetParameterHistoryRequest> decode_get_parameter_history_request(const nlohmann::json& body);
[[nodiscard]] nlohmann::json encode_response(const GetParameterHistoryResponse& response);
core::Result<GetParameterHistoryResponse> decode_get_parameter_history_response(const nlohmann::json& body);

[[nodiscard]] nlohmann::json encode_request(const AddTagsToResourceRequest& request);
core::Result<AddTagsToResourceRequest> decode_add_tags_to_resource_request(const nlohmann::json& body);

[[nodiscard]] nlohmann::json encode_request(const RemoveTagsFromResourceRequest& request);
core::Result<RemoveTagsFromResourceRequest> decode_remove_tags_from_resource_request(const nlohmann::json& body);

[[nodiscard]] nlohmann::json encode_request(const ListTagsForResourceRequest& request);
core::Result<ListTagsForResourceRequest> decode_list_tags_for_resource_request(const nlohmann::json& body);
[[nodiscard]] nlohmann::json encode_response(const ListTagsForResourceResponse& response);
core::Result<ListTagsForResourceResponse> decode_list_tags_for_resource_response(const nlohmann::json& body);

}  // namespace hoplite::aws::ssm::wire
