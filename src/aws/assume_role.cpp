// STS AssumeRole for profiles with role_arn: one signed AWS-query call, parsed here, so credential
// resolution does not depend on the service clients that themselves need credentials.

#include <cstdlib>

#include <pugixml.hpp>

#include "aws/credential_sources.hpp"
#include "hoplite/aws/endpoint.hpp"
#include "hoplite/aws/retry.hpp"
#include "hoplite/aws/sigv4.hpp"

namespace hoplite::aws::detail {
namespace {

std::string text_at(const pugi::xml_node& root, const char* path) {
  pugi::xml_node n = root;
  std::string_view p = path;
  while (!p.empty() && n) {
    std::size_t slash = p.find('/');
    n = n.child(std::string(p.substr(0, slash)).c_str());
    p = slash == std::string_view::npos ? std::string_view{} : p.substr(slash + 1);
  }
  return n ? n.text().as_string() : "";
}

}  // namespace

core::Result<Credentials> assume_role(SourceContext& ctx, const Credentials& source, const std::string& role_arn,
                                      const std::string& session_name, const std::optional<std::string>& external_id,
                                      const std::optional<std::string>& duration_seconds, const std::string& region) {
  auto endpoint = resolve_endpoint("sts", region, {});
  if (!endpoint) return endpoint.failure("assuming role " + role_arn);
  std::string body = "Action=AssumeRole&Version=2011-06-15&RoleArn=" + uri_encode(role_arn, false) +
                     "&RoleSessionName=" + uri_encode(session_name, false);
  if (external_id) body += "&ExternalId=" + uri_encode(*external_id, false);
  if (duration_seconds) body += "&DurationSeconds=" + uri_encode(*duration_seconds, false);

  RetryStrategy retry;
  std::function<core::Result<http::Response>()> attempt = [&]() -> core::Result<http::Response> {
    http::Request req{"POST", *endpoint + "/", {}, body, {}};
    req.headers.add("Content-Type", "application/x-www-form-urlencoded; charset=utf-8");
    SigningOptions o{.service = "sts", .region = region, .time = ctx.clock.now()};
    if (auto s = sign_request(req, source, o); !s) return s.failure();
    auto resp = ctx.http.send(req);
    if (!resp) return resp;
    if (resp->status == 200) return resp;
    pugi::xml_document doc;
    doc.load_string(resp->body.c_str());
    pugi::xml_node root = doc.first_child();
    std::string code = text_at(root, "Error/Code");
    std::string message = text_at(root, "Error/Message");
    core::Error e{code.empty() ? "aws.sts" : code,
                  "STS AssumeRole: " + (message.empty() ? "HTTP " + std::to_string(resp->status) : message),
                  resp->status, false, text_at(root, "RequestId")};
    e.retryable = retry.is_retryable(e);
    return core::fail(std::move(e));
  };
  auto resp = with_retries<http::Response>(retry, ctx.clock, attempt);
  if (!resp) return resp.failure("assuming role " + role_arn + " with credentials from " + source.source);

  pugi::xml_document doc;
  if (!doc.load_string(resp->body.c_str()))
    return core::fail("aws.sts", "assuming role " + role_arn + ": STS answered with unreadable XML");
  pugi::xml_node result = doc.child("AssumeRoleResponse").child("AssumeRoleResult");
  Credentials c{text_at(result, "Credentials/AccessKeyId"),
                text_at(result, "Credentials/SecretAccessKey"),
                text_at(result, "Credentials/SessionToken"),
                std::nullopt,
                {}};
  if (c.access_key_id.empty() || c.secret_access_key.empty() || c.session_token.empty())
    return core::fail("aws.sts", "assuming role " + role_arn + ": STS response has no credentials");
  std::string exp = text_at(result, "Credentials/Expiration");
  c.expiration = parse_iso8601(exp);
  if (!c.expiration)
    return core::fail("aws.sts", "assuming role " + role_arn + ": unreadable Expiration '" + exp + "'");
  return c;
}

}  // namespace hoplite::aws::detail
