#pragma once
/// \file The local cloud's CloudFormation: stacks, change sets, events, templates and exports
/// (query protocol, 2010-05-15), with an engine that provisions resources through the other
/// services' typed operations (engine.hpp, providers/). Typed operations first — what tools and
/// tests call — and a thin query handler over them (cfn_service.cpp). What is emulated:
/// docs/local.md ("CloudFormation").

#include <memory>
#include <vector>

#include "hoplite/aws/cloudformation.hpp"
#include "hoplite/aws/cloudformation_wire.hpp"
#include "local/cloudformation/engine.hpp"
#include "local/cloudformation/provider.hpp"
#include "local/protocol/query.hpp"
#include "local/service.hpp"

namespace hoplite::local::iam {
class IamService;
}  // namespace hoplite::local::iam
namespace hoplite::local::s3 {
class S3Service;
}  // namespace hoplite::local::s3

namespace hoplite::local::cloudformation {

namespace cf = aws::cloudformation;

class CloudFormationService final : public Service {
 public:
  /// `services`: the services built before this one, whose providers the engine uses (they must
  /// outlive this service). Resumes what a crash interrupted.
  CloudFormationService(ServiceContext& house, const std::vector<std::unique_ptr<Service>>& services,
                        EngineOptions options = {});
  ~CloudFormationService() override;

  [[nodiscard]] const ServiceSpec& spec() const override { return spec_; }
  http::Response handle(Call& call) override { return api_.handle(call); }
  nlohmann::json inspect() override;

  /// The engine (tests and benchmarks wait for it to be idle).
  Engine& engine() { return *engine_; }

  // ---- stacks (cfn_stacks.cpp) ----
  core::Result<cf::wire::StackIdResponse> create_stack(const CallContext& ctx, const cf::CreateStackRequest& r);
  core::Result<cf::wire::StackIdResponse> update_stack(const CallContext& ctx, const cf::UpdateStackRequest& r);
  core::Result<void> delete_stack(const CallContext& ctx, const cf::DeleteStackRequest& r);
  core::Result<void> cancel_update_stack(const CallContext& ctx, const cf::CancelUpdateStackRequest& r);
  core::Result<void> continue_update_rollback(const CallContext& ctx, const cf::ContinueUpdateRollbackRequest& r);

  // ---- reading (cfn_queries.cpp) ----
  core::Result<cf::DescribeStacksResponse> describe_stacks(const CallContext& ctx, const cf::DescribeStacksRequest& r);
  core::Result<cf::DescribeStackEventsResponse> describe_stack_events(const CallContext& ctx,
                                                                      const cf::DescribeStackEventsRequest& r);
  core::Result<cf::StackResource> describe_stack_resource(const CallContext& ctx,
                                                          const cf::DescribeStackResourceRequest& r);
  core::Result<std::vector<cf::StackResource>> describe_stack_resources(const CallContext& ctx,
                                                                        const cf::DescribeStackResourcesRequest& r);
  core::Result<cf::ListStackResourcesResponse> list_stack_resources(const CallContext& ctx,
                                                                    const cf::ListStackResourcesRequest& r);
  core::Result<cf::ListStacksResponse> list_stacks(const CallContext& ctx, const cf::ListStacksRequest& r);
  core::Result<cf::GetTemplateResponse> get_template(const CallContext& ctx, const cf::GetTemplateRequest& r);
  core::Result<cf::GetTemplateSummaryResponse> get_template_summary(const CallContext& ctx,
                                                                    const cf::GetTemplateSummaryRequest& r);
  core::Result<cf::ValidateTemplateResponse> validate_template(const CallContext& ctx, const cf::TemplateSource& r);
  core::Result<cf::ListExportsResponse> list_exports(const CallContext& ctx, const cf::ListExportsRequest& r);

  // ---- stack policies (cfn_policies.cpp): kept and shown, not enforced on updates ----
  /// Errors: stack_not_found; `Error validating stack policy: Invalid stack policy`.
  core::Result<void> set_stack_policy(const CallContext& ctx, const std::string& stack_name, const std::string& body);
  /// AWS's check of a policy document (the error set_stack_policy returns).
  static core::Result<void> check_stack_policy(const std::string& body);
  /// The policy's JSON text; nullopt when the stack has none.
  core::Result<std::optional<std::string>> get_stack_policy(const CallContext& ctx, const std::string& stack_name);

  // ---- change sets (cfn_change_sets.cpp) ----
  core::Result<cf::CreateChangeSetResponse> create_change_set(const CallContext& ctx,
                                                              const cf::CreateChangeSetRequest& r);
  core::Result<cf::DescribeChangeSetResponse> describe_change_set(const CallContext& ctx,
                                                                  const cf::DescribeChangeSetRequest& r);
  core::Result<void> execute_change_set(const CallContext& ctx, const cf::ExecuteChangeSetRequest& r);
  core::Result<void> delete_change_set(const CallContext& ctx, const cf::DeleteChangeSetRequest& r);
  core::Result<cf::ListChangeSetsResponse> list_change_sets(const CallContext& ctx, const cf::ListChangeSetsRequest& r);

 private:
  void add_routes();
  /// The template text of a request: the body, or a TemplateURL's object from the local S3
  /// (s3_url.hpp; AWS's errors when the URL is not S3's or the object cannot be read).
  core::Result<std::string> template_text(const CallContext& ctx, const cf::TemplateSource& source);
  /// A StackPolicyURL's object, as template_text reads a TemplateURL's.
  core::Result<std::string> policy_text(const CallContext& ctx, const std::string& url);

  /// RoleARN: a role of the local IAM, else AWS's "Role X is invalid or cannot be assumed"
  /// (without an IAM service any role is taken).
  core::Result<void> check_role(const CallContext& ctx, const std::optional<std::string>& role_arn);

  ServiceSpec spec_;
  QueryApi api_;
  ServiceContext& house_;
  ProviderRegistry providers_;
  iam::IamService* iam_ = nullptr;  ///< for RoleARN checks; none without an IAM service
  s3::S3Service* s3_ = nullptr;     ///< for TemplateURL and StackPolicyURL; none without an S3 service
  std::unique_ptr<Engine> engine_;
};

}  // namespace hoplite::local::cloudformation
