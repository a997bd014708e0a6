#include "hoplite/aws/sts.hpp"

#include <string>

#include "aws/protocol/response.hpp"

namespace hoplite::aws::sts {

ServiceInfo service_info() {
  return {.name = "sts",
          .endpoint_id = "sts",
          .signing_name = "sts",
          .protocol = Protocol::query,
          .api_version = "2011-06-15"};
}

Client::Client(const ClientConfig& config) : caller_(service_info(), config) {}

core::Result<CallerIdentity> Client::get_caller_identity() {
  auto r = caller_.query("GetCallerIdentity", {});
  if (!r) return r.failure();
  auto x = detail::query_result(*r, "GetCallerIdentity");
  if (!x) return x.failure();
  return CallerIdentity{.account = x->text_at("Account"), .arn = x->text_at("Arn"), .user_id = x->text_at("UserId")};
}

core::Result<AssumeRoleResponse> Client::assume_role(const AssumeRoleRequest& request) {
  QueryParams p;
  p.add("RoleArn", request.role_arn).add("RoleSessionName", request.role_session_name);
  if (request.duration_seconds) p.add("DurationSeconds", std::to_string(*request.duration_seconds));
  p.add("ExternalId", request.external_id).add("Policy", request.policy);
  auto r = caller_.query("AssumeRole", p);
  if (!r) return r.failure();
  auto x = detail::query_result(*r, "AssumeRole");
  if (!x) return x.failure();
  AssumeRoleResponse out;
  out.credentials.access_key_id = x->text_at("Credentials/AccessKeyId");
  out.credentials.secret_access_key = x->text_at("Credentials/SecretAccessKey");
  out.credentials.session_token = x->text_at("Credentials/SessionToken");
  out.credentials.expiration = detail::time_at(*x, "Credentials/Expiration");
  out.credentials.source = "assume-role " + request.role_arn;
  out.assumed_role_arn = x->text_at("AssumedRoleUser/Arn");
  out.assumed_role_id = x->text_at("AssumedRoleUser/AssumedRoleId");
  if (out.credentials.access_key_id.empty() || out.credentials.secret_access_key.empty())
    return core::fail("aws.sts", "AssumeRole response has no credentials");
  return out;
}

}  // namespace hoplite::aws::sts
