#pragma once
/// \file
/// AWS STS: who am I, and temporary credentials for a role.
/// API: https://docs.aws.amazon.com/STS/latest/APIReference/

#include <optional>
#include <string>

#include "hoplite/aws/caller.hpp"
#include "hoplite/aws/credentials.hpp"

namespace hoplite::aws::sts {

/// Query protocol, version 2011-06-15, signing name `sts`.
[[nodiscard]] ServiceInfo service_info();

/// Who the credentials belong to: what GetCallerIdentity returns.
struct CallerIdentity {
  std::string account;  ///< 12-digit account id
  std::string arn;      ///< arn:aws:iam::123456789012:user/name or an assumed-role ARN
  std::string user_id;  ///< `UserId` on the wire
};

/// The parameters of AssumeRole (Client::assume_role).
struct AssumeRoleRequest {
  std::string role_arn;                    ///< `RoleArn` on the wire
  std::string role_session_name;           ///< 2–64 characters; shows up in CloudTrail
  std::optional<int> duration_seconds;     ///< default: the role's setting (1 hour)
  std::optional<std::string> external_id;  ///< default: none
  std::optional<std::string> policy;       ///< session policy JSON; default: none
};

/// What AssumeRole returns.
struct AssumeRoleResponse {
  Credentials credentials;       ///< source "assume-role <role arn>"; has a session token and expiration
  std::string assumed_role_arn;  ///< the assumed role user's ARN (`Arn` on the wire)
  std::string assumed_role_id;   ///< `AssumedRoleId` on the wire
};

/// The STS client: one method per action, each signed, sent and retried through a Caller.
class Client {
 public:
  /// A client that signs and sends with `config` (region, credentials, HTTP client, clock, endpoint, retries).
  explicit Client(const ClientConfig& config);

  /// Calls GetCallerIdentity: https://docs.aws.amazon.com/STS/latest/APIReference/API_GetCallerIdentity.html
  core::Result<CallerIdentity> get_caller_identity();
  /// Calls AssumeRole: https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumeRole.html
  core::Result<AssumeRoleResponse> assume_role(const AssumeRoleRequest& request);

 private:
  Caller caller_;
};

}  // namespace hoplite::aws::sts
