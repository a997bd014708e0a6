#include "hoplite/aws/ecr.hpp"

#include "aws/protocol/json_call.hpp"
#include "aws/protocol/pages.hpp"
#include "hoplite/aws/ecr_wire.hpp"
#include "hoplite/core/base64.hpp"

namespace hoplite::aws::ecr {
namespace {

/// Encodes `request`, calls `operation`, decodes the answer with `decode` (ecr_wire.hpp).
template <typename Request, typename Decode>
auto call(Caller& caller, std::string_view operation, const Request& request, Decode decode)
    -> decltype(decode(nlohmann::json{})) {
  auto out = detail::json_call(caller, operation, wire::encode_request(request));
  if (!out) return out.failure();
  return decode(*out);
}

}  // namespace

ServiceInfo service_info() {
  return {.name = "ecr",
          .endpoint_id = "api.ecr",
          .signing_name = "ecr",
          .protocol = Protocol::json_1_1,
          .target_prefix = "AmazonEC2ContainerRegistry_V20150921"};
}

Client::Client(const ClientConfig& config) : caller_(service_info(), config) {}

core::Result<AuthorizationData> Client::get_authorization_token() {
  auto out = call(caller_, "GetAuthorizationToken", GetAuthorizationTokenRequest{},
                  wire::decode_get_authorization_token_response);
  if (!out) return out.failure();
  if (out->authorization_data.empty())
    return core::fail("aws.ecr", "GetAuthorizationToken returned no authorization data");
  const AuthorizationToken& d = out->authorization_data.front();
  auto decoded = core::base64_decode(d.authorization_token);
  auto colon = decoded ? decoded->find(':') : std::string::npos;
  // The token is not printed: it is a registry password.
  if (colon == std::string::npos) return core::fail("aws.ecr", "GetAuthorizationToken returned a malformed token");
  return AuthorizationData{.username = decoded->substr(0, colon),
                           .password = decoded->substr(colon + 1),
                           .proxy_endpoint = d.proxy_endpoint,
                           .expires_at = d.expires_at};
}

core::Result<Repository> Client::create_repository(const CreateRepositoryRequest& r) {
  auto out = call(caller_, "CreateRepository", r, wire::decode_create_repository_response);
  if (!out) return out.failure();
  return out->repository;
}

core::Result<DescribeRepositoriesResponse> Client::describe_repositories(const DescribeRepositoriesRequest& r) {
  return call(caller_, "DescribeRepositories", r, wire::decode_describe_repositories_response);
}

core::Result<std::vector<Repository>> Client::describe_repositories_all(DescribeRepositoriesRequest r) {
  std::vector<Repository> all;
  auto done = detail::each_page(
      r, [this](const DescribeRepositoriesRequest& req) { return describe_repositories(req); },
      [&](DescribeRepositoriesResponse& p) { all.insert(all.end(), p.repositories.begin(), p.repositories.end()); });
  if (!done) return done.failure();
  return all;
}

core::Result<DescribeImagesResponse> Client::describe_images(const DescribeImagesRequest& r) {
  return call(caller_, "DescribeImages", r, wire::decode_describe_images_response);
}

core::Result<std::vector<ImageDetail>> Client::describe_images_all(DescribeImagesRequest r) {
  std::vector<ImageDetail> all;
  auto done = detail::each_page(
      r, [this](const DescribeImagesRequest& req) { return describe_images(req); },
      [&](DescribeImagesResponse& p) { all.insert(all.end(), p.image_details.begin(), p.image_details.end()); });
  if (!done) return done.failure();
  return all;
}

core::Result<BatchCheckLayerAvailabilityResponse> Client::batch_check_layer_availability(
    const std::string& repository_name, const std::vector<std::string>& layer_digests) {
  BatchCheckLayerAvailabilityRequest r{
      .registry_id = {}, .repository_name = repository_name, .layer_digests = layer_digests};
  return call(caller_, "BatchCheckLayerAvailability", r, wire::decode_batch_check_layer_availability_response);
}

core::Result<DeleteRepositoryResponse> Client::delete_repository(const DeleteRepositoryRequest& r) {
  return call(caller_, "DeleteRepository", r, wire::decode_delete_repository_response);
}

core::Result<ListImagesResponse> Client::list_images(const ListImagesRequest& r) {
  return call(caller_, "ListImages", r, wire::decode_list_images_response);
}

core::Result<BatchGetImageResponse> Client::batch_get_image(const BatchGetImageRequest& r) {
  return call(caller_, "BatchGetImage", r, wire::decode_batch_get_image_response);
}

core::Result<BatchDeleteImageResponse> Client::batch_delete_image(const BatchDeleteImageRequest& r) {
  return call(caller_, "BatchDeleteImage", r, wire::decode_batch_delete_image_response);
}

core::Result<PutImageTagMutabilityResponse> Client::put_image_tag_mutability(const PutImageTagMutabilityRequest& r) {
  return call(caller_, "PutImageTagMutability", r, wire::decode_put_image_tag_mutability_response);
}

}  // namespace hoplite::aws::ecr
