#pragma once
/// \file
/// Amazon ECR on the wire, both directions (see docs/local.md, "Wire shapes"): the client
/// encodes requests and decodes responses, the local cloud decodes requests and encodes responses,
/// with the same functions. JSON 1.1: a shape is the request or response body. Member names from
/// the API model (botocore `ecr/2015-09-21/service-2.json`).
///
/// Decoders check types only (a `repositoryName` that is not a string is a
/// `SerializationException`); the service checks constraints. Response decoders fail with `aws.json`.

#include <nlohmann/json.hpp>

#include "hoplite/aws/ecr.hpp"
#include "hoplite/core/result.hpp"

namespace hoplite::aws::ecr::wire {

[[nodiscard]] nlohmann::json encode_request(const CreateRepositoryRequest& request);
core::Result<CreateRepositoryRequest> decode_create_repository_request(const nlohmann::json& body);
[[nodiscard]] nlohmann::json encode_response(const CreateRepositoryResponse& response);
core::Result<CreateRepositoryResponse> decode_create_repository_response(const nlohmann::json& body);

[[nodiscard]] nlohmann::json encode_request(const DescribeRepositoriesRequest& request);
core::Result<DescribeRepositoriesRequest> decode_describe_repositories_request(const nlohmann::json& body);
[[nodiscard]] nlohmann::json encode_response(const DescribeRepositoriesResponse& response);
core::Result<DescribeRepositoriesResponse> decode_describe_repositories_response(const nlohmann::json& body);

[[nodiscard]] nlohmann::json encode_request(const DeleteRepositoryRequest& request);
core::Result<DeleteRepositoryRequest> decode_delete_repository_request(const nlohmann::json& body);
[[nodiscard]] nlohmann::json encode_response(const DeleteRepositoryResponse& response);
core::Result<DeleteRepositoryResponse> decode_delete_repository_response(const nlohmann::json& body);

[[nodiscard]] nlohmann::json encode_request(const GetAuthorizationTokenRequest& request);
core::Result<GetAuthorizationTokenRequest> decode_get_authorization_token_request(const nlohmann::json& body);
[[nodiscard]] nlohmann::json encode_response(const GetAuthorizationTokenResponse& response);
core::Result<GetAuthorizationTokenResponse> decode_get_authorization_token_response(const nlohmann::json& body);

[[nodiscard]] nlohmann::json encode_request(const DescribeImagesRequest& request);
core::Result<DescribeImagesRequest> decode_describe_images_request(const nlohmann::json& body);
[[nodiscard]] nlohmann::json encode_response(const DescribeImagesResponse& response);
core::Result<DescribeImagesResponse> decode_describe_images_response(const nlohmann::json& body);

[[nodiscard]] nlohmann::json encode_request(const ListImagesRequest& request);
core::Result<ListImagesRequest> decode_list_images_request(const nlohmann::json& body);
[[nodiscard]] nlohmann::json encode_response(const ListImagesResponse& response);
core::Result<ListImagesResponse> decode_list_images_response(const nlohmann::json& body);

[[nodiscard]] nlohmann::json encode_request(const BatchGetImageRequest& request);
core::Result<BatchGetImageRequest> decode_batch_get_image_request(const nlohmann::json& body);
[[nodiscard]] nlohmann::json encode_response(const BatchGetImageResponse& response);
core::Result<BatchGetImageResponse> decode_batch_get_image_response(const nlohmann::json& body);

[[nodiscard]] nlohmann::json encode_request(const BatchDeleteImageRequest& request);
core::Result<BatchDeleteImageRequest> decode_batch_delete_image_request(const nlohmann::json& body);
[[nodiscard]] nlohmann::json encode_response(const BatchDeleteImageResponse& response);
core::Result<BatchDeleteImageResponse> decode_batch_delete_image_response(const nlohmann::json& body);

[[nodiscard]] nlohmann::json encode_request(const PutImageTagMutabilityRequest& request);
core::Result<PutImageTagMutabilityRequest> decode_put_image_tag_mutability_request(const nlohmann::json& body);
[[nodiscard]] nlohmann::json encode_response(const PutImageTagMutabilityResponse& response);
core::Result<PutImageTagMutabilityResponse> decode_put_image_tag_mutability_response(const nlohmann::json& body);

[[nodiscard]] nlohmann::json encode_request(const BatchCheckLayerAvailabilityRequest& request);
core::Result<BatchCheckLayerAvailabilityRequest> decode_batch_check_layer_availability_request(
    const nlohmann::json& body);
[[nodiscard]] nlohmann::json encode_response(const BatchCheckLayerAvailabilityResponse& response);
core::Result<BatchCheckLayerAvailabilityResponse> decode_batch_check_layer_availability_response(
    const nlohmann::json& body);

}  // namespace hoplite::aws::ecr::wire
