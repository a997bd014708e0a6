#pragma once
/// \file The local cloud's STS: GetCallerIdentity and AssumeRole (whose temporary credentials the
/// server accepts from then on). Typed operations first — what other services and the
/// CloudFormation engine call — and a thin query-protocol handler over them.

#include <functional>
#include <string>

#include "hoplite/aws/sts.hpp"
#include "local/auth/accounts.hpp"
#include "local/protocol/query.hpp"
#include "local/service.hpp"

namespace hoplite::local::sts {

/// What AssumeRole needs to know about a role.
struct RoleInfo {
  std::string role_id;             ///< `AROA…`, stable for the role
  int max_session_seconds = 3600;  ///< the role's MaxSessionDuration
};

/// Looks a role up for AssumeRole (its existence, id, session limit), or fails with the AWS error
/// (AccessDenied). The default — until IAM is emulated — accepts any well-formed role ARN and
/// derives a stable role id from it; the IAM service replaces it with a real lookup (and the trust
/// policy check).
using RoleResolver = std::function<core::Result<RoleInfo>(const std::string& role_arn, const auth::Principal& caller)>;

class StsService final : public Service {
 public:
  explicit StsService(ServiceContext& house, RoleResolver roles = {});

  [[nodiscard]] const ServiceSpec& spec() const override { return spec_; }
  http::Response handle(Call& call) override { return api_.handle(call); }
  nlohmann::json inspect() override;

  // ---- operations ----
  core::Result<aws::sts::CallerIdentity> get_caller_identity(const CallContext& ctx);
  core::Result<aws::sts::AssumeRoleResponse> assume_role(const CallContext& ctx,
                                                         const aws::sts::AssumeRoleRequest& request);

 private:
  ServiceSpec spec_;
  QueryApi api_;
  ServiceContext& house_;
  RoleResolver roles_;
};

/// The default RoleResolver (see above).
core::Result<RoleInfo> any_well_formed_role(const std::string& role_arn, const auth::Principal& caller);

}  // namespace hoplite::local::sts
