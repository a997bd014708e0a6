#pragma once
/// \file Amazon ECR: registry credentials and repositories for the service image.
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
};

struct CreateRepositoryRequest {
  std::string repository_name;
  std::optional<std::string> image_tag_mutability;  ///< default: MUTABLE
  std::optional<bool> scan_on_push;                 ///< default: false
  std::map<std::string, std::string> tags;
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
  std::string image_digest;
  std::vector<std::string> image_tags;
  std::int64_t image_size_bytes = 0;
  std::optional<core::TimePoint> image_pushed_at;
  std::string image_manifest_media_type;
};

struct DescribeImagesRequest {
  std::string repository_name;
  std::vector<ImageId> image_ids;  ///< default: every image
  std::optional<std::string> next_token;
  std::optional<int> max_results;
};
struct DescribeImagesResponse {
  std::vector<ImageDetail> image_details;
  std::optional<std::string> next_token;
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

 private:
  Caller caller_;
};

}  // namespace hoplite::aws::ecr
