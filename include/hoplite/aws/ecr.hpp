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

/// AWS's `Repository` data type: https://docs.aws.amazon.com/AmazonECR/latest/APIReference/API_Repository.html
struct Repository {
  std::string repository_arn;                 ///< `repositoryArn` on the wire
  std::string registry_id;                    ///< `registryId` on the wire
  std::string repository_name;                ///< `repositoryName` on the wire
  std::string repository_uri;                 ///< 123456789012.dkr.ecr.us-east-1.amazonaws.com/name
  std::optional<core::TimePoint> created_at;  ///< `createdAt` on the wire
  std::string image_tag_mutability;           ///< MUTABLE or IMMUTABLE
  bool scan_on_push = false;                  ///< imageScanningConfiguration.scanOnPush; default false
  std::string encryption_type;                ///< encryptionConfiguration.encryptionType: AES256 or KMS; "" when absent
};

/// The parameters of CreateRepository (Client::create_repository).
struct CreateRepositoryRequest {
  std::optional<std::string> registry_id;           ///< default: the caller's account
  std::string repository_name;                      ///< `repositoryName` on the wire
  std::optional<std::string> image_tag_mutability;  ///< default: MUTABLE
  std::optional<bool> scan_on_push;                 ///< default: false
  std::map<std::string, std::string> tags;          ///< `tags` on the wire
};
/// What CreateRepository returns.
struct CreateRepositoryResponse {
  Repository repository;  ///< `repository` on the wire
};

/// The parameters of DeleteRepository (Client::delete_repository).
struct DeleteRepositoryRequest {
  std::optional<std::string> registry_id;  ///< `registryId` on the wire
  std::string repository_name;             ///< `repositoryName` on the wire
  bool force = false;  ///< delete even when it holds images; default false (RepositoryNotEmptyException)
};
/// What DeleteRepository returns.
struct DeleteRepositoryResponse {
  Repository repository;  ///< `repository` on the wire
};

/// One entry of GetAuthorizationToken's answer, as on the wire. `authorization_token` is a secret.
struct AuthorizationToken {
  std::string authorization_token;            ///< base64 of `AWS:<password>`
  std::optional<core::TimePoint> expires_at;  ///< `expiresAt` on the wire
  std::string proxy_endpoint;                 ///< `proxyEndpoint` on the wire
};
/// The parameters of GetAuthorizationToken (Client::get_authorization_token).
struct GetAuthorizationTokenRequest {
  std::vector<std::string> registry_ids;  ///< deprecated by AWS; default none
};
/// What GetAuthorizationToken returns.
struct GetAuthorizationTokenResponse {
  std::vector<AuthorizationToken> authorization_data;  ///< `authorizationData` on the wire
};

/// The parameters of DescribeRepositories (Client::describe_repositories).
struct DescribeRepositoriesRequest {
  std::vector<std::string> repository_names;  ///< default: every repository
  std::optional<std::string> registry_id;     ///< `registryId` on the wire
  std::optional<std::string> next_token;      ///< `nextToken` on the wire
  std::optional<int> max_results;             ///< `maxResults` on the wire
};
/// What DescribeRepositories returns.
struct DescribeRepositoriesResponse {
  std::vector<Repository> repositories;   ///< `repositories` on the wire
  std::optional<std::string> next_token;  ///< `nextToken` on the wire
};

/// An image named by digest, tag or both (AWS's `ImageIdentifier`).
struct ImageId {
  std::optional<std::string> image_digest;  ///< `imageDigest` on the wire
  std::optional<std::string> image_tag;     ///< `imageTag` on the wire
};

/// AWS's `ImageDetail` data type: https://docs.aws.amazon.com/AmazonECR/latest/APIReference/API_ImageDetail.html
struct ImageDetail {
  std::string registry_id;                         ///< `registryId` on the wire
  std::string repository_name;                     ///< `repositoryName` on the wire
  std::string image_digest;                        ///< `imageDigest` on the wire
  std::vector<std::string> image_tags;             ///< `imageTags` on the wire
  std::int64_t image_size_bytes = 0;               ///< `imageSizeInBytes` on the wire
  std::optional<core::TimePoint> image_pushed_at;  ///< `imagePushedAt` on the wire
  std::string image_manifest_media_type;           ///< `imageManifestMediaType` on the wire
  std::string artifact_media_type;                 ///< the config's media type; "" for an index
};

/// The parameters of DescribeImages (Client::describe_images).
struct DescribeImagesRequest {
  std::optional<std::string> registry_id;  ///< `registryId` on the wire
  std::string repository_name;             ///< `repositoryName` on the wire
  std::vector<ImageId> image_ids;          ///< default: every image
  std::optional<std::string> tag_status;   ///< filter.tagStatus: TAGGED, UNTAGGED or ANY; default ANY
  std::optional<std::string> next_token;   ///< `nextToken` on the wire
  std::optional<int> max_results;          ///< `maxResults` on the wire
};
/// What DescribeImages returns.
struct DescribeImagesResponse {
  std::vector<ImageDetail> image_details;  ///< `imageDetails` on the wire
  std::optional<std::string> next_token;   ///< `nextToken` on the wire
};

/// The parameters of ListImages (Client::list_images).
struct ListImagesRequest {
  std::optional<std::string> registry_id;  ///< `registryId` on the wire
  std::string repository_name;             ///< `repositoryName` on the wire
  std::optional<std::string> next_token;   ///< `nextToken` on the wire
  std::optional<int> max_results;          ///< 1–1000; default 100
  std::optional<std::string> tag_status;   ///< filter.tagStatus; default ANY
};
/// What ListImages returns.
struct ListImagesResponse {
  std::vector<ImageId> image_ids;         ///< one per tag; an untagged image once, without a tag
  std::optional<std::string> next_token;  ///< `nextToken` on the wire
};

/// Why one image of a batch call failed.
struct ImageFailure {
  ImageId image_id;            ///< `imageId` on the wire
  std::string failure_code;    ///< ImageNotFound, InvalidImageDigest, InvalidImageTag, ImageTagDoesNotMatchDigest, …
  std::string failure_reason;  ///< `failureReason` on the wire
};

/// AWS's `Image` data type: https://docs.aws.amazon.com/AmazonECR/latest/APIReference/API_Image.html
struct Image {
  std::string registry_id;                ///< `registryId` on the wire
  std::string repository_name;            ///< `repositoryName` on the wire
  ImageId image_id;                       ///< `imageId` on the wire
  std::string image_manifest;             ///< the manifest's bytes, as pushed
  std::string image_manifest_media_type;  ///< `imageManifestMediaType` on the wire
};
/// The parameters of BatchGetImage (Client::batch_get_image).
struct BatchGetImageRequest {
  std::optional<std::string> registry_id;         ///< `registryId` on the wire
  std::string repository_name;                    ///< `repositoryName` on the wire
  std::vector<ImageId> image_ids;                 ///< `imageIds` on the wire
  std::vector<std::string> accepted_media_types;  ///< default: any
};
/// What BatchGetImage returns.
struct BatchGetImageResponse {
  std::vector<Image> images;           ///< `images` on the wire
  std::vector<ImageFailure> failures;  ///< `failures` on the wire
};

/// The parameters of BatchDeleteImage (Client::batch_delete_image).
struct BatchDeleteImageRequest {
  std::optional<std::string> registry_id;  ///< `registryId` on the wire
  std::string repository_name;             ///< `repositoryName` on the wire
  std::vector<ImageId> image_ids;          ///< `imageIds` on the wire
};
/// What BatchDeleteImage returns.
struct BatchDeleteImageResponse {
  std::vector<ImageId> image_ids;      ///< what was deleted
  std::vector<ImageFailure> failures;  ///< `failures` on the wire
};

/// The parameters of PutImageTagMutability (Client::put_image_tag_mutability).
struct PutImageTagMutabilityRequest {
  std::optional<std::string> registry_id;  ///< `registryId` on the wire
  std::string repository_name;             ///< `repositoryName` on the wire
  std::string image_tag_mutability;        ///< MUTABLE or IMMUTABLE
};
/// What PutImageTagMutability returns.
struct PutImageTagMutabilityResponse {
  std::string registry_id;           ///< `registryId` on the wire
  std::string repository_name;       ///< `repositoryName` on the wire
  std::string image_tag_mutability;  ///< `imageTagMutability` on the wire
};

/// The parameters of BatchCheckLayerAvailability (Client::batch_check_layer_availability).
struct BatchCheckLayerAvailabilityRequest {
  std::optional<std::string> registry_id;  ///< `registryId` on the wire
  std::string repository_name;             ///< `repositoryName` on the wire
  std::vector<std::string> layer_digests;  ///< `layerDigests` on the wire
};

/// AWS's `Layer` data type: https://docs.aws.amazon.com/AmazonECR/latest/APIReference/API_Layer.html
struct Layer {
  std::string layer_digest;                ///< `layerDigest` on the wire
  bool available = false;                  ///< layerAvailability == AVAILABLE
  std::optional<std::int64_t> layer_size;  ///< `layerSize` on the wire
};
/// AWS's `LayerFailure` data type: https://docs.aws.amazon.com/AmazonECR/latest/APIReference/API_LayerFailure.html
struct LayerFailure {
  std::string layer_digest;    ///< `layerDigest` on the wire
  std::string failure_code;    ///< InvalidLayerDigest, MissingLayerDigest
  std::string failure_reason;  ///< `failureReason` on the wire
};
/// What BatchCheckLayerAvailability returns.
struct BatchCheckLayerAvailabilityResponse {
  std::vector<Layer> layers;           ///< `layers` on the wire
  std::vector<LayerFailure> failures;  ///< `failures` on the wire
};

/// The ECR client: one method per action, each signed, sent and retried through a Caller.
class Client {
 public:
  /// A client that signs and sends with `config` (region, credentials, HTTP client, clock, endpoint, retries).
  explicit Client(const ClientConfig& config);

  /// The default registry's credentials (the first authorizationData entry).
  core::Result<AuthorizationData> get_authorization_token();
  /// Calls CreateRepository: https://docs.aws.amazon.com/AmazonECR/latest/APIReference/API_CreateRepository.html
  core::Result<Repository> create_repository(const CreateRepositoryRequest& request);
  /// Calls DescribeRepositories:
  /// https://docs.aws.amazon.com/AmazonECR/latest/APIReference/API_DescribeRepositories.html
  core::Result<DescribeRepositoriesResponse> describe_repositories(const DescribeRepositoriesRequest& request);
  /// Every repository: describe_repositories page after page.
  core::Result<std::vector<Repository>> describe_repositories_all(DescribeRepositoriesRequest request);
  /// Calls DescribeImages: https://docs.aws.amazon.com/AmazonECR/latest/APIReference/API_DescribeImages.html
  core::Result<DescribeImagesResponse> describe_images(const DescribeImagesRequest& request);
  /// Every image: describe_images page after page.
  core::Result<std::vector<ImageDetail>> describe_images_all(DescribeImagesRequest request);
  /// Calls BatchCheckLayerAvailability:
  /// https://docs.aws.amazon.com/AmazonECR/latest/APIReference/API_BatchCheckLayerAvailability.html
  core::Result<BatchCheckLayerAvailabilityResponse> batch_check_layer_availability(
      const std::string& repository_name, const std::vector<std::string>& layer_digests);
  /// Calls DeleteRepository: https://docs.aws.amazon.com/AmazonECR/latest/APIReference/API_DeleteRepository.html
  core::Result<DeleteRepositoryResponse> delete_repository(const DeleteRepositoryRequest& request);
  /// Calls ListImages: https://docs.aws.amazon.com/AmazonECR/latest/APIReference/API_ListImages.html
  core::Result<ListImagesResponse> list_images(const ListImagesRequest& request);
  /// Calls BatchGetImage: https://docs.aws.amazon.com/AmazonECR/latest/APIReference/API_BatchGetImage.html
  core::Result<BatchGetImageResponse> batch_get_image(const BatchGetImageRequest& request);
  /// Calls BatchDeleteImage: https://docs.aws.amazon.com/AmazonECR/latest/APIReference/API_BatchDeleteImage.html
  core::Result<BatchDeleteImageResponse> batch_delete_image(const BatchDeleteImageRequest& request);
  /// Calls PutImageTagMutability:
  /// https://docs.aws.amazon.com/AmazonECR/latest/APIReference/API_PutImageTagMutability.html
  core::Result<PutImageTagMutabilityResponse> put_image_tag_mutability(const PutImageTagMutabilityRequest& request);

 private:
  Caller caller_;
};

}  // namespace hoplite::aws::ecr
