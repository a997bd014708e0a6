// Credentials served over HTTP by the platform: the ECS/Fargate container endpoint and EC2 IMDSv2.

#include <cstdlib>

#include <nlohmann/json.hpp>

#include "aws/credential_sources.hpp"
#include "aws/url.hpp"
#include "hoplite/core/file.hpp"
#include "hoplite/core/json.hpp"
#include "hoplite/core/time_format.hpp"

namespace hoplite::aws::detail {
namespace {

// The documented limits (docs/aws.md), carried by each request so they hold whichever client
// sends it: 1 s to learn whether an instance metadata service exists, 5 s for any answer.
constexpr std::chrono::milliseconds kMetadataProbeTimeout{1000};
constexpr std::chrono::milliseconds kMetadataTimeout{5000};

constexpr const char* kContainerHost = "http://169.254.170.2";
constexpr const char* kImdsDefault = "http://169.254.169.254";

std::string env_or(const char* name, std::string fallback = {}) {
  const char* v = std::getenv(name);
  return v != nullptr && *v != '\0' ? std::string(v) : fallback;
}

core::Failure failure(const std::string& code, std::string message, std::optional<int> status = std::nullopt) {
  bool retryable = status && *status >= 500;
  return core::fail(core::Error{code, std::move(message), status, retryable, {}});
}

/// The JSON both endpoints return: AccessKeyId, SecretAccessKey, Token, Expiration.
core::Result<Credentials> parse_credentials_json(const std::string& body, const std::string& what,
                                                 const std::string& source) {
  auto parsed = core::parse_json(body, what + "'s response", core::kSmallDocumentLimits);
  if (!parsed || !parsed->is_object())
    return failure("aws.credentials." + source, what + ": response is not a JSON object");
  const nlohmann::json j = std::move(*parsed);
  if (j.contains("Code") && j["Code"].is_string() && j["Code"] != "Success")
    return failure("aws.credentials." + source, what + ": endpoint answered Code=" + j["Code"].get<std::string>());
  auto str = [&](const char* key) {
    return j.contains(key) && j[key].is_string() ? j[key].get<std::string>() : std::string{};
  };
  Credentials c{str("AccessKeyId"), str("SecretAccessKey"), str("Token"), std::nullopt, source};
  if (c.access_key_id.empty() || c.secret_access_key.empty())
    return failure("aws.credentials." + source, what + ": response lacks AccessKeyId or SecretAccessKey");
  if (std::string exp = str("Expiration"); !exp.empty()) {
    c.expiration = core::parse_iso8601(exp);
    if (!c.expiration) return failure("aws.credentials." + source, what + ": unreadable Expiration '" + exp + "'");
  }
  return c;
}

/// FULL_URI over plain http is only allowed to the loopback or the ECS agent addresses, so a
/// misconfigured variable cannot send the authorization token across the network unencrypted.
bool allowed_full_uri(const UrlParts& u) {
  if (u.scheme == "https") return true;
  if (u.scheme != "http") return false;
  std::string host = u.host;  // without the port
  if (!host.empty() && host.front() == '[') {
    host = host.substr(0, host.find(']') + 1);
  } else if (std::size_t colon = host.rfind(':'); colon != std::string::npos) {
    host.erase(colon);
  }
  return host == "localhost" || host.rfind("127.", 0) == 0 || host == "[::1]" || host == "169.254.170.2" ||
         host == "169.254.170.23" || host == "[fd00:ec2::23]";
}

}  // namespace

std::optional<core::Result<Credentials>> from_container(SourceContext& ctx) {
  std::string relative = env_or("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI");
  std::string full = env_or("AWS_CONTAINER_CREDENTIALS_FULL_URI");
  if (relative.empty() && full.empty()) return std::nullopt;
  std::string url;
  if (!relative.empty()) {
    url = std::string(kContainerHost) + (relative.front() == '/' ? "" : "/") + relative;
  } else {
    auto parts = split_url(full);
    if (!parts || !allowed_full_uri(*parts))
      return core::Result<Credentials>(
          failure("aws.credentials.container",
                  "AWS_CONTAINER_CREDENTIALS_FULL_URI must be https, or http to a loopback or ECS "
                  "agent address; got " +
                      http::redact_url(full)));
    url = full;
  }
  http::Request req{"GET", url, {}, {}, {}};
  req.headers.add("Accept", "application/json");
  std::string token;
  if (std::string file = env_or("AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE"); !file.empty()) {
    auto t = core::read_file(file, core::kSmallDocumentLimits.max_bytes);
    if (!t) return core::Result<Credentials>(t.failure("reading AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE"));
    token = *t;
  } else {
    token = env_or("AWS_CONTAINER_AUTHORIZATION_TOKEN");
  }
  while (!token.empty() && (token.back() == '\n' || token.back() == '\r')) token.pop_back();
  if (token.find_first_of("\r\n") != std::string::npos)
    return core::Result<Credentials>(
        failure("aws.credentials.container", "container authorization token contains a line break"));
  if (!token.empty()) req.headers.add("Authorization", token);
  std::string what = "container credentials from " + http::redact_url(url);
  req.timeout = kMetadataTimeout;
  auto resp = ctx.metadata.send(req);
  if (!resp) return core::Result<Credentials>(resp.failure("fetching " + what));
  if (resp->status != 200)
    return core::Result<Credentials>(
        failure("aws.credentials.container", what + ": HTTP " + std::to_string(resp->status), resp->status));
  return parse_credentials_json(resp->body, what, "container");
}

core::Result<Credentials> from_imds(SourceContext& ctx) {
  std::string base = env_or("AWS_EC2_METADATA_SERVICE_ENDPOINT", kImdsDefault);
  while (!base.empty() && base.back() == '/') base.pop_back();
  // IMDSv2: a session token first (PUT), then every read carries it.
  http::Request token_req{"PUT", base + "/latest/api/token", {}, {}, {}};
  // The first request decides whether there is an IMDS at all: off EC2 it never answers.
  token_req.timeout = kMetadataProbeTimeout;
  token_req.headers.add("X-aws-ec2-metadata-token-ttl-seconds", "21600");
  auto token = ctx.metadata.send(token_req);
  if (!token) return token.failure("getting an IMDSv2 token from " + base);
  if (token->status != 200)
    return failure("aws.credentials.imds",
                   "IMDSv2 token request to " + base + ": HTTP " + std::to_string(token->status), token->status);
  auto get = [&](const std::string& path) {
    http::Request r{"GET", base + path, {}, {}, {}};
    r.timeout = kMetadataTimeout;
    r.headers.add("X-aws-ec2-metadata-token", token->body);
    return ctx.metadata.send(r);
  };
  const std::string roles_path = "/latest/meta-data/iam/security-credentials/";
  auto roles = get(roles_path);
  if (!roles) return roles.failure("listing the instance's IAM role");
  if (roles->status == 404) return failure("aws.credentials.imds", "the instance has no IAM role attached", 404);
  if (roles->status != 200)
    return failure("aws.credentials.imds", "GET " + base + roles_path + ": HTTP " + std::to_string(roles->status),
                   roles->status);
  std::string role = roles->body.substr(0, roles->body.find_first_of("\r\n"));
  if (role.empty()) return failure("aws.credentials.imds", "the instance has no IAM role attached");
  auto creds = get(roles_path + role);
  if (!creds) return creds.failure("fetching credentials of instance role " + role);
  if (creds->status != 200)
    return failure("aws.credentials.imds",
                   "GET " + base + roles_path + role + ": HTTP " + std::to_string(creds->status), creds->status);
  return parse_credentials_json(creds->body, "instance role " + role, "imds");
}

}  // namespace hoplite::aws::detail
