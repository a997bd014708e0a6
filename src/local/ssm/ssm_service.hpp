#pragma once
/// \file The local cloud's SSM Parameter Store: parameters with versions, types (String,
/// StringList, SecureString), tiers, paths, filters and tags, per account and region. Typed
/// operations first — what the CloudFormation engine's `AWS::SSM::Parameter` provider and the
/// template parameter resolver call — and a thin JSON 1.1 handler over them (ssm_service.cpp).
///
/// What is emulated and what not: docs/local.md ("SSM").

#include "hoplite/aws/ssm.hpp"
#include "local/protocol/json.hpp"
#include "local/service.hpp"

namespace hoplite::local::ssm {

/// Most versions a parameter keeps; writing the next one drops the oldest (as AWS does).
inline constexpr std::int64_t kMaxVersions = 100;
/// Most tags on a parameter.
inline constexpr std::size_t kMaxTags = 50;

class SsmService final : public Service {
 public:
  explicit SsmService(ServiceContext& house);

  [[nodiscard]] const ServiceSpec& spec() const override { return spec_; }
  http::Response handle(Call& call) override { return api_.handle(call); }
  nlohmann::json inspect() override;

  // ---- operations (errors: AWS codes and messages, see ssm_names.hpp) ----
  core::Result<aws::ssm::PutParameterResponse> put_parameter(const CallContext& ctx,
                                                             const aws::ssm::PutParameterRequest& request);
  core::Result<aws::ssm::GetParameterResponse> get_parameter(const CallContext& ctx,
                                                             const aws::ssm::GetParameterRequest& request);
  core::Result<aws::ssm::GetParametersResponse> get_parameters(const CallContext& ctx,
                                                               const aws::ssm::GetParametersRequest& request);
  core::Result<void> delete_parameter(const CallContext& ctx, const aws::ssm::DeleteParameterRequest& request);
  core::Result<aws::ssm::DeleteParametersResponse> delete_parameters(const CallContext& ctx,
                                                                     const aws::ssm::DeleteParametersRequest& request);
  core::Result<aws::ssm::DescribeParametersResponse> describe_parameters(
      const CallContext& ctx, const aws::ssm::DescribeParametersRequest& request);
  core::Result<aws::ssm::GetParametersByPathResponse> get_parameters_by_path(
      const CallContext& ctx, const aws::ssm::GetParametersByPathRequest& request);
  core::Result<aws::ssm::GetParameterHistoryResponse> get_parameter_history(
      const CallContext& ctx, const aws::ssm::GetParameterHistoryRequest& request);
  core::Result<void> add_tags_to_resource(const CallContext& ctx, const aws::ssm::AddTagsToResourceRequest& request);
  core::Result<void> remove_tags_from_resource(const CallContext& ctx,
                                               const aws::ssm::RemoveTagsFromResourceRequest& request);
  core::Result<aws::ssm::ListTagsForResourceResponse> list_tags_for_resource(
      const CallContext& ctx, const aws::ssm::ListTagsForResourceRequest& request);

 private:
  void add_routes();

  ServiceSpec spec_;
  JsonApi api_;
  ServiceContext& house_;
};

}  // namespace hoplite::local::ssm
