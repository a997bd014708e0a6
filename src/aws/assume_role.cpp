// STS AssumeRole for profiles with role_arn: one signed AWS-query call, parsed here, so credential
// resolution does not depend on the service clients that themselves need credentials.

#include <chrono>
#include <functional>
#include <vector>

#include "aws/credential_sources.hpp"
#include "aws/protocol/response.hpp"
#include "hoplite/aws/endpoint.hpp"
#include "hoplite/aws/error.hpp"
#include "hoplite/aws/protocol_query.hpp"
#include "hoplite/aws/sigv4.hpp"
#include "hoplite/core/percent.hpp"
#include "hoplite/core/retry.hpp"
#include "hoplite/core/time_format.hpp"
#include "hoplite/http/retry_after.hpp"

namespace hoplite::aws::detail {

core::Result<Credentials> assume_role(SourceContext& ctx, const Credentials& source, const std::string& role_arn,
                                      const std::string& session_name, const std::optional<std::string>& external_id,
                                      const std::optional<std::string>& duration_seconds, const std::string& region) {
  auto endpoint = resolve_endpoint("sts", region, {});
  if (!endpoint) return endpoint.failure("assuming role " + role_arn);
  std::vector<core::FormField> fields{
      {"Action", "AssumeRole"}, {"Version", "2011-06-15"}, {"RoleArn", role_arn}, {"RoleSessionName", session_name}};
  if (external_id) fields.emplace_back("ExternalId", *external_id);
  if (duration_seconds) fields.emplace_back("DurationSeconds", *duration_seconds);
  std::string body = core::form_encode(fields);

  core::RetryStrategy retry;
  std::function<core::Result<http::Response>(const core::Attempt&)> attempt =
      [&](const core::Attempt& a) -> core::Result<http::Response> {
    http::Request req{"POST", *endpoint + "/", {}, body, {}};
    req.headers.add("Content-Type", std::string(kQueryContentType));
    if (a.budget) req.timeout = *a.budget;
    SigningOptions o{.service = "sts", .region = region, .time = ctx.clock.now()};
    if (auto s = sign_request(req, source, o); !s) return s.failure();
    auto resp = ctx.http.send(req);
    if (!resp || resp->status == 200) return resp;
    core::Error e = to_core_error(parse_query_error(*resp), "STS AssumeRole");
    e.retry_after_ms = http::retry_after_ms(*resp, ctx.clock.now());
    return core::fail(std::move(e));
  };
  core::RetryCall call{.what = "aws sts AssumeRole", .deadline = ctx.clock.now() + std::chrono::minutes(2)};
  auto resp = core::with_retries<http::Response>(retry, ctx.clock, call, attempt);
  if (!resp) return resp.failure("assuming role " + role_arn + " with credentials from " + source.source);

  auto doc = query_result(*resp, "AssumeRole");
  if (!doc) return doc.failure("assuming role " + role_arn);
  Credentials c{doc->text_at("Credentials/AccessKeyId"),
                doc->text_at("Credentials/SecretAccessKey"),
                doc->text_at("Credentials/SessionToken"),
                std::nullopt,
                {}};
  if (c.access_key_id.empty() || c.secret_access_key.empty() || c.session_token.empty())
    return core::fail("aws.sts", "assuming role " + role_arn + ": STS response has no credentials");
  std::string exp = doc->text_at("Credentials/Expiration");
  c.expiration = core::parse_iso8601(exp);
  if (!c.expiration)
    return core::fail("aws.sts", "assuming role " + role_arn + ": unreadable Expiration '" + exp + "'");
  return c;
}

}  // namespace hoplite::aws::detail
