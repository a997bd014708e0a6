#pragma once
/// \file The local cloud's IAM: roles (trust policy, inline and managed policies), customer
/// managed policies and a few AWS managed ones, per account (IAM is global: no region), with
/// IAM's checks, DeleteConflict rules and errors. Typed operations first — what the CloudFormation
/// engine's `AWS::IAM::*` providers call — a thin query-protocol handler over them, and what other
/// services ask IAM:
///
/// - `authorize`: evaluates a role's identity policies for one request (policy.hpp) and answers
///   AccessDenied in AWS's words — how Step Functions integrations enforce the state machine
///   role's permissions;
/// - `pass_role`: checks a role a caller hands to a service exists (and that the service may
///   assume it) and records the iam:PassRole for /_hoplite/.
///
/// What is emulated and what not: docs/local.md ("IAM").

#include "hoplite/aws/iam.hpp"
#include "local/iam/policy.hpp"
#include "local/protocol/query.hpp"
#include "local/service.hpp"

namespace hoplite::local::iam {

/// Most managed policies attached to one role (IAM's default quota).
inline constexpr std::size_t kMaxAttachedPolicies = 10;

class IamService final : public Service {
 public:
  explicit IamService(ServiceContext& house);

  [[nodiscard]] const ServiceSpec& spec() const override { return spec_; }
  http::Response handle(Call& call) override { return api_.handle(call); }
  nlohmann::json inspect() override;

  // ---- operations (errors: IAM's codes and messages) ----
  core::Result<aws::iam::RoleResponse> create_role(const CallContext& ctx, const aws::iam::CreateRoleRequest& request);
  core::Result<aws::iam::RoleResponse> get_role(const CallContext& ctx, const aws::iam::RoleNameRequest& request);
  core::Result<aws::iam::ListRolesResponse> list_roles(const CallContext& ctx,
                                                       const aws::iam::ListRolesRequest& request);
  core::Result<void> delete_role(const CallContext& ctx, const aws::iam::RoleNameRequest& request);
  core::Result<void> update_assume_role_policy(const CallContext& ctx,
                                               const aws::iam::UpdateAssumeRolePolicyRequest& request);
  core::Result<void> update_role(const CallContext& ctx, const aws::iam::UpdateRoleRequest& request);
  core::Result<void> tag_role(const CallContext& ctx, const aws::iam::TagRoleRequest& request);
  core::Result<void> untag_role(const CallContext& ctx, const aws::iam::UntagRoleRequest& request);
  core::Result<aws::iam::ListRoleTagsResponse> list_role_tags(const CallContext& ctx,
                                                              const aws::iam::RoleNameRequest& request);
  core::Result<void> put_role_policy(const CallContext& ctx, const aws::iam::RolePolicyRequest& request);
  core::Result<aws::iam::GetRolePolicyResponse> get_role_policy(const CallContext& ctx,
                                                                const aws::iam::RolePolicyRequest& request);
  core::Result<void> delete_role_policy(const CallContext& ctx, const aws::iam::RolePolicyRequest& request);
  core::Result<aws::iam::ListRolePoliciesResponse> list_role_policies(const CallContext& ctx,
                                                                      const aws::iam::RoleNameRequest& request);
  core::Result<aws::iam::PolicyResponse> create_policy(const CallContext& ctx,
                                                       const aws::iam::CreatePolicyRequest& request);
  core::Result<aws::iam::PolicyResponse> get_policy(const CallContext& ctx, const aws::iam::PolicyArnRequest& request);
  core::Result<aws::iam::GetPolicyVersionResponse> get_policy_version(const CallContext& ctx,
                                                                      const aws::iam::GetPolicyVersionRequest& request);
  core::Result<void> delete_policy(const CallContext& ctx, const aws::iam::PolicyArnRequest& request);
  core::Result<aws::iam::ListPoliciesResponse> list_policies(const CallContext& ctx,
                                                             const aws::iam::ListPoliciesRequest& request);
  core::Result<void> attach_role_policy(const CallContext& ctx, const aws::iam::RolePolicyArnRequest& request);
  core::Result<void> detach_role_policy(const CallContext& ctx, const aws::iam::RolePolicyArnRequest& request);
  core::Result<aws::iam::ListAttachedRolePoliciesResponse> list_attached_role_policies(
      const CallContext& ctx, const aws::iam::RoleNameRequest& request);

  // ---- what other services ask ----

  /// Whether role `role_arn` of `account` may do `request`: its inline and attached policies are
  /// evaluated. `session_arn` (the assumed-role ARN acting) names the caller in the message:
  /// "User: <session_arn> is not authorized to perform: <action> on resource: <resource> because
  /// no identity-based policy allows the <action> action" (or "with an explicit deny in an
  /// identity-based policy"). Errors: AccessDenied (400 in query services; callers map it to
  /// their own dialect), NoSuchEntity when the role is gone.
  core::Result<void> authorize(const std::string& account, const std::string& role_arn, const std::string& session_arn,
                               const RequestContext& request);

  /// iam:PassRole: `ctx`'s caller hands `role_arn` to `service` (e.g. `states.amazonaws.com`).
  /// The role must exist in the caller's account (NoSuchEntity otherwise) and its trust policy
  /// must let the service assume it (AccessDenied otherwise); the pass is recorded.
  core::Result<aws::iam::Role> pass_role(const CallContext& ctx, const std::string& role_arn,
                                         const std::string& service);

 private:
  void add_routes();

  ServiceSpec spec_;
  QueryApi api_;
  ServiceContext& house_;
};

}  // namespace hoplite::local::iam
