#include "local/sts/sts_service.hpp"

#include <algorithm>

#include "hoplite/aws/sts_wire.hpp"
#include "hoplite/core/sha256.hpp"
#include "local/protocol/json.hpp"

namespace hoplite::local::sts {
namespace {

constexpr int kDefaultDurationSeconds = 3600;
constexpr int kMinDurationSeconds = 900;
constexpr int kMaxDurationSeconds = 43200;
constexpr int kRoleChainingLimitSeconds = 3600;

/// `[\w+=,.@-]`: the characters of role names and session names.
bool is_name_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '+' ||
         c == '=' || c == ',' || c == '.' || c == '@' || c == '-';
}

core::Failure validation(const std::string& message) { return aws_error("ValidationError", message); }

/// `1 validation error detected: Value '…' at 'member' failed to satisfy constraint: …`, the
/// sentence STS uses for constraint violations.
core::Failure constraint(std::string_view value, std::string_view member, std::string_view rule) {
  return validation("1 validation error detected: Value '" + std::string(value.substr(0, 256)) + "' at '" +
                    std::string(member) + "' failed to satisfy constraint: " + std::string(rule));
}

struct RoleArn {
  std::string partition;
  std::string account;
  std::string name;  ///< the last path segment
};

/// `arn:<partition>:iam::<account>:role/<path/>name`, or nullopt.
std::optional<RoleArn> parse_role_arn(std::string_view arn) {
  auto take = [&](std::string_view& rest) {
    auto colon = rest.find(':');
    std::string_view part = rest.substr(0, colon);
    rest = colon == std::string_view::npos ? std::string_view{} : rest.substr(colon + 1);
    return part;
  };
  std::string_view rest = arn;
  if (take(rest) != "arn") return std::nullopt;
  std::string_view partition = take(rest);
  if (partition != "aws" && partition != "aws-cn" && partition != "aws-us-gov") return std::nullopt;
  if (take(rest) != "iam" || !take(rest).empty()) return std::nullopt;
  std::string_view account = take(rest);
  if (!auth::is_account_id(account) || !rest.starts_with("role/")) return std::nullopt;
  std::string_view resource = rest.substr(5);
  std::string_view name = resource.substr(resource.rfind('/') == std::string_view::npos ? 0 : resource.rfind('/') + 1);
  if (name.empty() || name.size() > 64 || !std::all_of(name.begin(), name.end(), is_name_char)) return std::nullopt;
  if (resource.size() > 512 ||
      !std::all_of(resource.begin(), resource.end(), [](char c) { return c == '/' || is_name_char(c); }))
    return std::nullopt;
  return RoleArn{std::string(partition), std::string(account), std::string(name)};
}

}  // namespace

core::Result<RoleInfo> any_well_formed_role(const std::string& role_arn, const auth::Principal&) {
  // A real role id is random but fixed for the role's life; hashing the ARN gives the same property.
  std::string digest = core::sha256(role_arn);
  std::string id = "AROA";
  for (std::size_t i = 0; i < 17; ++i)
    id += "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"[static_cast<unsigned char>(digest[i]) % 32];
  return RoleInfo{id, kDefaultDurationSeconds};
}

StsService::StsService(ServiceContext& house, RoleResolver roles)
    : spec_{.signing_name = "sts",
            .protocol = Protocol::query,
            .api_version = "2011-06-15",
            .xml_namespace = std::string(aws::sts::wire::kXmlNamespace)},
      api_(spec_),
      house_(house),
      roles_(roles ? std::move(roles) : RoleResolver(any_well_formed_role)) {
  api_.add("GetCallerIdentity",
           [this](const QueryRequest&, CallContext& ctx, aws::XmlWriter& out) -> core::Result<void> {
             auto r = get_caller_identity(ctx);
             if (!r) return r.failure();
             aws::sts::wire::encode_response(*r, out);
             return core::ok();
           });
  api_.add("AssumeRole", [this](const QueryRequest& in, CallContext& ctx, aws::XmlWriter& out) -> core::Result<void> {
    auto request = aws::sts::wire::decode_assume_role_request(in.params);
    if (!request) return request.failure();
    auto r = assume_role(ctx, *request);
    if (!r) return r.failure();
    aws::sts::wire::encode_response(*r, out);
    return core::ok();
  });
}

core::Result<aws::sts::CallerIdentity> StsService::get_caller_identity(const CallContext& ctx) {
  const auth::Principal& p = ctx.principal;
  return aws::sts::CallerIdentity{.account = p.account_id, .arn = p.arn, .user_id = p.user_id};
}

core::Result<aws::sts::AssumeRoleResponse> StsService::assume_role(const CallContext& ctx,
                                                                   const aws::sts::AssumeRoleRequest& request) {
  if (request.role_arn.empty()) return constraint("null", "roleArn", "Member must not be null");
  if (request.role_arn.size() < 20 || request.role_arn.size() > 2048)
    return constraint(request.role_arn, "roleArn", "Member must have length between 20 and 2048");
  auto arn = parse_role_arn(request.role_arn);
  if (!arn) return validation(request.role_arn.substr(0, 256) + " is invalid");
  const std::string& session = request.role_session_name;
  if (session.empty()) return constraint("null", "roleSessionName", "Member must not be null");
  if (session.size() < 2 || session.size() > 64)
    return constraint(session, "roleSessionName", "Member must have length between 2 and 64");
  if (!std::all_of(session.begin(), session.end(), is_name_char))
    return constraint(session, "roleSessionName", "Member must satisfy regular expression pattern: [\\w+=,.@-]*");
  if (request.external_id && (request.external_id->size() < 2 || request.external_id->size() > 1224))
    return constraint(*request.external_id, "externalId", "Member must have length between 2 and 1224");
  if (request.policy) {
    if (request.policy->size() > 2048)
      return aws_error("PackedPolicyTooLarge", "Packed size of consumed session policies exceeds the limit.");
    auto doc = parse_json_body(*request.policy);
    if (!doc || request.policy->find_first_not_of(" \t\r\n") == std::string::npos)
      return aws_error("MalformedPolicyDocument", "The policy is not in the valid JSON format.");
  }
  auto role = roles_(request.role_arn, ctx.principal);
  if (!role) return role.failure();
  int duration = request.duration_seconds.value_or(kDefaultDurationSeconds);
  if (duration < kMinDurationSeconds)
    return constraint(std::to_string(duration), "durationSeconds",
                      "Member must have value greater than or equal to " + std::to_string(kMinDurationSeconds));
  if (duration > kMaxDurationSeconds)
    return constraint(std::to_string(duration), "durationSeconds",
                      "Member must have value less than or equal to " + std::to_string(kMaxDurationSeconds));
  if (ctx.principal.temporary && duration > kRoleChainingLimitSeconds)
    return validation(
        "The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role "
        "chaining.");
  if (duration > role->max_session_seconds)
    return validation("The requested DurationSeconds exceeds the MaxSessionDuration set for this role.");

  std::string assumed_arn =
      "arn:" + arn->partition + ":sts::" + arn->account + ":assumed-role/" + arn->name + "/" + session;
  std::string assumed_id = role->role_id + ":" + session;
  if (auto purged = house_.accounts.purge_expired(ctx.now); !purged) return purged.failure();
  auto key = house_.accounts.issue_temporary(
      auth::Principal{.account_id = arn->account, .arn = assumed_arn, .user_id = assumed_id},
      ctx.now + std::chrono::seconds(duration));
  if (!key) return key.failure();
  aws::sts::AssumeRoleResponse out;
  out.credentials.access_key_id = key->id;
  out.credentials.secret_access_key = key->secret;
  out.credentials.session_token = key->session_token;
  out.credentials.expiration = key->expires;
  out.assumed_role_arn = assumed_arn;
  out.assumed_role_id = assumed_id;
  return out;
}

nlohmann::json StsService::inspect() {
  nlohmann::json out = nlohmann::json::object();
  auto counts = house_.accounts.counts(house_.clock.now());
  if (!counts) return out;
  for (const auto& [account, c] : *counts)
    out[account] = {{"access_keys", c.long_term}, {"temporary_credentials", c.temporary}};
  return out;
}

}  // namespace hoplite::local::sts
