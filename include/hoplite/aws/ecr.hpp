#pragma once
/// \file
/// Amazon ECR: registry credentials and repositories for the service image.
/// API: https://docs.aws.amazon.com/AmazonECR/latest/APIReference/

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "hoplite/aws/caller.hpp"
#include "hoplite/core/clock.hpp"

namespace hoplite::aws::ecr {

/// JSON 1.1, target prefix AmazonEC2ContainerRegistry_V20150921, endpoint `api.ecr`, signing name `ecr`.
[[nodiscard]] ServiceInfo service_info();

/// Docker/OCI registry credentials. `password` is a secret: never log it.
struct AuthorizationData {
  std::string username;                       ///< decoded from the token; always "AWS"
  std::string password;                       ///< decoded from the token
  std::string proxy_endpoint;                 ///< https://123456789012.dkr.ecr.us-east-1.amazonaws.com
  std::optional<core::TimePoint> expires_at;  ///< 12 hours after issue
};

struct Repository {
  std::string repository_arn;
  std::string registry_id;
  std::string repository_name;
  std::string repository_uri;  ///< 123456789012.dkr.ecr.us-east-1.amazonaws.com/name
  std::optional<core::TimePoint> created_at;
  std::string image_tag_mutability;  ///< MUTABLE or IMMUTABLE
  bool scan_on_push = false;         ///< imageScanningConfiguration.scanOnPush; default false
  std::string encryption_type;       ///< encryptionConfiguration.encryptionType: AES256 or KMS; "" when absent
};

struct CreateRepositoryRequest {
  std::optional<std::string> registry_id;  ///< default: the caller's account
  std::string repository_name;
  std::optional<std::string> image_tag_mutability;  ///< default: MUTABLE
  std::optional<bool> scan_on_push;                 ///< default: false
  std::map<std::string, std::string> tags;
};
struct CreateRepositoryResponse {
  Repository repository;
};

struct DeleteRepositoryRequest {
  std::optional<std::string> registry_id;
  std::string repository_name;
  bool force = false;  ///< delete even when it holds images; default false (RepositoryNotEmptyException)
};
struct DeleteRepositoryResponse {
  Repository repository;
};

/// One entry of GetAuthorizationToken's answer, as on the wire. `authorization_token` is a secret.
struct AuthorizationToken {
  std::string authorization_token;  ///< base64 of `AWS:<password>`
  std::optional<core::TimePoint> expires_at;
  std::string proxy_endpoint;
};
struct GetAuthorizationTokenRequest {
  std::vector<std::string> registry_ids;  ///< deprecated by AWS; default none
};
struct GetAuthorizationTokenResponse {
  std::vector<AuthorizationToken> authorization_data;
};

struct DescribeRepositoriesRequest {
  std::vector<std::string> repository_names;  ///< default: every repository
  std::optional<std::string> registry_id;
  std::optional<std::string> next_token;
  std::optional<int> max_results;
};
struct DescribeRepositoriesResponse {
  std::vector<Repository> repositories;
  std::optional<std::string> next_token;
};

struct ImageId {
  std::optional<std::string> image_digest;
  std::optional<std::string> image_tag;
};

struct ImageDetail {
  std::string registry_id;
  std::string repository_name;
  std::string image_digest;
  std::vector<std::string> image_tags;
  std::int64_t image_size_bytes = 0;
  std::optional<core::TimePoint> image_pushed_at;
  std::string image_manifest_media_type;
  std::string artifact_media_type;  ///< the config's media type; "" for an index
};

struct DescribeImagesRequest {
  std::optional<std::string> registry_id;
  std::string repository_name;
  std::vector<ImageId> image_ids;         ///< default: every image
  std::optional<std::string> tag_status;  ///< filter.tagStatus: TAGGED, UNTAGGED or ANY; default ANY
  std::optional<std::string> next_token;
  std::optional<int> max_results;
};
struct DescribeImagesResponse {
  std::vector<ImageDetail> image_details;
  std::optional<std::string> next_token;
};

struct ListImagesRequest {
  std::optional<std::string> registry_id;
  std::string repository_name;
  std::optional<std::string> next_token;
  std::optional<int> max_results;         ///< 1–1000; default 100
  std::optional<std::string> tag_status;  ///< filter.tagStatus; default ANY
};
struct ListImagesResponse {
  std::vector<ImageId> image_ids;  ///< one per tag; an untagged image once, without a tag
  std::optional<std::string> next_token;
};

/// Why one image of a batch call failed.
struct ImageFailure {
  ImageId image_id;
  std::string failure_code;  ///< ImageNotFound, InvalidImageDigest, InvalidImageTag, ImageTagDoesNotMatchDigest, …
  std::string failure_reason;
};

struct Image {
  std::string registry_id;
  std::string repository_name;
  ImageId image_id;
  std::string image_manifest;  ///< the manifest's bytes, as pushed
  std::string image_manifest_media_type;
};
struct BatchGetImageRequest {
  std::optional<std::string> registry_id;
  std::string repository_name;
  std::vector<ImageId> image_ids;
  std::vector<std::string> accepted_media_types;  ///< default: any
};
struct BatchGetImageResponse {
  std::vector<Image> images;
  std::vector<ImageFailure> failures;
};

struct BatchDeleteImageRequest {
  std::optional<std::string> registry_id;
  std::string repository_name;
  std::vector<ImageId> image_ids;
};
struct BatchDeleteImageResponse {
  std::vector<ImageId> image_ids;  ///< what was deleted
  std::vector<ImageFailure> failures;
};

struct PutImageTagMutabilityRequest {
  std::optional<std::string> registry_id;
  std::string repository_name;
  std::string image_tag_mutability;  ///< MUTABLE or IMMUTABLE
};
struct PutImageTagMutabilityResponse {
  std::string registry_id;
  std::string repository_name;
  std::string image_tag_mutability;
};

struct BatchCheckLayerAvailabilityRequest {
  std::optional<std::string> registry_id;
  std::string repository_name;
  std::vector<std::string> layer_digests;
};

struct Layer {
  std::string layer_digest;
  bool available = false;  ///< layerAvailability == AVAILABLE
  std::optional<std::int64_t> layer_size;
};
struct LayerFailure {
  std::string layer_digest;
  std::string failure_code;  ///< InvalidLayerDigest, MissingLayerDigest
  std::string failure_reason;
};
struct BatchCheckLayerAvailabilityResponse {
  std::vector<Layer> layers;
  std::vector<LayerFailure> failures;
};

class Client {
 public:
  explicit Client(const ClientConfig& config);

  /// The default registry's credentials (the first authorizationData entry).
  core::Result<AuthorizationData> get_authorization_token();
  core::Result<Repository> create_repository(const CreateRepositoryRequest& request);
  core::Result<DescribeRepositoriesResponse> describe_repositories(const DescribeRepositoriesRequest& request);
  core::Result<std::vector<Repository>> describe_repositories_all(DescribeRepositoriesRequest request);
  core::Result<DescribeImagesResponse> describe_images(const DescribeImagesRequest& request);
  core::Result<std::vector<ImageDetail>> describe_images_all(DescribeImagesRequest request);
  core::Result<BatchCheckLayerAvailabilityResponse> batch_check_layer_availability(
      const std::string& repository_name, const std::vector<std::string>& layer_digests);
  core::Result<DeleteRepositoryResponse> delete_repository(const DeleteRepositoryRequest& request);
  core::Result<ListImagesResponse> list_images(const ListImagesRequest& request);
  core::Result<BatchGetImageResponse> batch_get_image(const BatchGetImageRequest& request);
  core::Result<BatchDeleteImageResponse> batch_delete_image(const BatchDeleteImageRequest& request);
  core::Result<PutImageTagMutabilityResponse> put_image_tag_mutability(const PutImageTagMutabilityRequest& request);

 private:
  Caller caller_;
};

}  // namespace hoplite::aws::ecr
