#pragma once
/// \file The local cloud's Amazon ECR: repositories per account and region, authorization tokens,
/// images — and the OCI registry behind them at `/v2/` (ecr_registry.hpp), which accepts the
/// tokens as Basic auth (`AWS:<password>`) and whose pushes are the images DescribeImages lists.
/// Typed operations first — what the CloudFormation engine's `AWS::ECR::Repository` provider and
/// the ECS runner call — and a thin JSON 1.1 handler over them.
///
/// What is emulated and what not: docs/local.md ("ECR").

#include <memory>

#include "hoplite/aws/ecr.hpp"
#include "local/ecr/ecr_registry.hpp"
#include "local/protocol/json.hpp"
#include "local/service.hpp"

namespace hoplite::local::ecr {

/// How long a GetAuthorizationToken password is accepted: 12 hours, as ECR's.
inline constexpr std::chrono::hours kTokenLifetime{12};

class EcrService final : public Service {
 public:
  explicit EcrService(ServiceContext& house);
  ~EcrService() override;

  [[nodiscard]] const ServiceSpec& spec() const override { return spec_; }
  /// `/v2/…` goes to the registry, everything else to the JSON API.
  http::Response handle(Call& call) override;
  nlohmann::json inspect() override;

  // ---- operations (errors: ECR's codes and messages, see ecr_names.hpp) ----
  core::Result<aws::ecr::CreateRepositoryResponse> create_repository(const CallContext& ctx,
                                                                     const aws::ecr::CreateRepositoryRequest& request);
  core::Result<aws::ecr::DescribeRepositoriesResponse> describe_repositories(
      const CallContext& ctx, const aws::ecr::DescribeRepositoriesRequest& request);
  core::Result<aws::ecr::DeleteRepositoryResponse> delete_repository(const CallContext& ctx,
                                                                     const aws::ecr::DeleteRepositoryRequest& request);
  core::Result<aws::ecr::GetAuthorizationTokenResponse> get_authorization_token(
      const CallContext& ctx, const aws::ecr::GetAuthorizationTokenRequest& request);
  core::Result<aws::ecr::PutImageTagMutabilityResponse> put_image_tag_mutability(
      const CallContext& ctx, const aws::ecr::PutImageTagMutabilityRequest& request);
  core::Result<aws::ecr::DescribeImagesResponse> describe_images(const CallContext& ctx,
                                                                 const aws::ecr::DescribeImagesRequest& request);
  core::Result<aws::ecr::ListImagesResponse> list_images(const CallContext& ctx,
                                                         const aws::ecr::ListImagesRequest& request);
  core::Result<aws::ecr::BatchGetImageResponse> batch_get_image(const CallContext& ctx,
                                                                const aws::ecr::BatchGetImageRequest& request);
  core::Result<aws::ecr::BatchDeleteImageResponse> batch_delete_image(const CallContext& ctx,
                                                                      const aws::ecr::BatchDeleteImageRequest& request);
  core::Result<aws::ecr::BatchCheckLayerAvailabilityResponse> batch_check_layer_availability(
      const CallContext& ctx, const aws::ecr::BatchCheckLayerAvailabilityRequest& request);

  /// The registry's storage: images by account and region, for in-process readers (the ECS runner
  /// pulls task images through it without HTTP). Tenant: registry_tenant(account, region).
  [[nodiscard]] EcrRegistryStorage& registry_storage() { return *storage_; }

 private:
  void add_routes();

  ServiceSpec spec_;
  JsonApi api_;
  ServiceContext& house_;
  std::unique_ptr<EcrRegistryStorage> storage_;
  std::unique_ptr<oci::RegistryServer> registry_;
};

}  // namespace hoplite::local::ecr
