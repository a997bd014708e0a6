#include "hoplite/aws/sts_wire.hpp"

#include "aws/protocol/response.hpp"
#include "hoplite/core/clock.hpp"

namespace hoplite::aws::sts::wire {

void encode_response(const CallerIdentity& identity, XmlWriter& result) {
  // The member order of STS's own answers (API reference examples).
  result.element("Arn", identity.arn).element("UserId", identity.user_id).element("Account", identity.account);
}

core::Result<CallerIdentity> decode_caller_identity(const XmlElement& result) {
  return CallerIdentity{
      .account = result.text_at("Account"), .arn = result.text_at("Arn"), .user_id = result.text_at("UserId")};
}

QueryParams encode_request(const AssumeRoleRequest& request) {
  QueryParams p;
  p.add("RoleArn", request.role_arn).add("RoleSessionName", request.role_session_name);
  if (request.duration_seconds) p.add("DurationSeconds", std::to_string(*request.duration_seconds));
  p.add("ExternalId", request.external_id).add("Policy", request.policy);
  return p;
}

core::Result<AssumeRoleRequest> decode_assume_role_request(const QueryParams& params) {
  QueryReader in(params);
  AssumeRoleRequest r;
  r.role_arn = in.string("RoleArn").value_or("");
  r.role_session_name = in.string("RoleSessionName").value_or("");
  auto duration = in.integer("DurationSeconds", "durationSeconds");
  if (!duration) return duration.failure();
  if (*duration) r.duration_seconds = static_cast<int>(**duration);
  r.external_id = in.string("ExternalId");
  r.policy = in.string("Policy");
  return r;
}

void encode_response(const AssumeRoleResponse& response, XmlWriter& result) {
  const Credentials& c = response.credentials;
  result.open("AssumedRoleUser")
      .element("Arn", response.assumed_role_arn)
      .element("AssumedRoleId", response.assumed_role_id)
      .close()
      .open("Credentials")
      .element("AccessKeyId", c.access_key_id)
      .element("SecretAccessKey", c.secret_access_key)
      .element("SessionToken", c.session_token)
      .optional_element("Expiration",
                        c.expiration ? std::optional<std::string>(core::format_iso8601(*c.expiration)) : std::nullopt)
      .close();
}

core::Result<AssumeRoleResponse> decode_assume_role_response(const XmlElement& result) {
  AssumeRoleResponse out;
  out.credentials.access_key_id = result.text_at("Credentials/AccessKeyId");
  out.credentials.secret_access_key = result.text_at("Credentials/SecretAccessKey");
  out.credentials.session_token = result.text_at("Credentials/SessionToken");
  out.credentials.expiration = detail::time_at(result, "Credentials/Expiration");
  out.assumed_role_arn = result.text_at("AssumedRoleUser/Arn");
  out.assumed_role_id = result.text_at("AssumedRoleUser/AssumedRoleId");
  if (out.credentials.access_key_id.empty() || out.credentials.secret_access_key.empty())
    return core::fail("aws.sts", "AssumeRole response has no credentials");
  return out;
}

}  // namespace hoplite::aws::sts::wire
