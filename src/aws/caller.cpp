#include "hoplite/aws/caller.hpp"

#include <chrono>
#include <utility>

#include <fmt/format.h>

#include "hoplite/aws/endpoint.hpp"
#include "hoplite/aws/error.hpp"
#include "hoplite/aws/protocol_json.hpp"
#include "hoplite/aws/sigv4.hpp"
#include "hoplite/core/hex.hpp"
#include "hoplite/core/log.hpp"
#include "hoplite/core/percent.hpp"
#include "hoplite/core/sha256.hpp"
#include "hoplite/http/retry_after.hpp"

namespace hoplite::aws {
namespace {

constexpr std::string_view kUserAgent = "hoplite";

struct UrlParts {
  std::string scheme;  // "https"
  std::string host;    // "s3.amazonaws.com:443" (authority, port kept)
  std::string path;    // "" or "/prefix"
};

UrlParts split_url(std::string_view url) {
  UrlParts p;
  auto scheme_end = url.find("://");
  if (scheme_end == std::string_view::npos) return p;
  p.scheme = std::string(url.substr(0, scheme_end));
  std::string_view rest = url.substr(scheme_end + 3);
  auto slash = rest.find('/');
  p.host = std::string(rest.substr(0, slash));
  if (slash != std::string_view::npos) p.path = std::string(rest.substr(slash));
  while (!p.path.empty() && p.path.back() == '/') p.path.pop_back();
  return p;
}

bool is_aws_host(std::string_view host) {
  auto colon = host.rfind(':');
  if (colon != std::string_view::npos) host = host.substr(0, colon);
  return host.ends_with(".amazonaws.com") || host.ends_with(".amazonaws.com.cn");
}

}  // namespace

Caller::Caller(ServiceInfo service, const ClientConfig& config)
    : service_(std::move(service)),
      region_(config.region),
      credentials_(config.credentials),
      http_(config.http),
      clock_(config.clock),
      endpoint_url_(config.endpoint_url),
      timeout_(config.timeout),
      retry_(config.retry) {
  if (retry_ == nullptr) {
    auto options = retry_options(config.profile);
    if (!options) core::log::warn("aws {}: {}; using 3 attempts", service_.name, options.error().to_string());
    owned_retry_ = std::make_unique<core::RetryStrategy>(options ? *options : core::RetryOptions{});
    retry_ = owned_retry_.get();
  }
}

core::Result<http::Response> Caller::query(std::string_view operation, const QueryParams& params) {
  std::string body = encode_query_body(operation, service_.api_version, params);
  return run(
      operation, region_,
      [&](const std::string& base_url) -> core::Result<http::Request> {
        http::Request req;
        req.method = "POST";
        req.url = base_url + "/";
        req.headers.set("Content-Type", std::string(kQueryContentType));
        req.body = body;
        return req;
      },
      nullptr, false, false);
}

core::Result<http::Response> Caller::json(std::string_view operation, std::string json_body) {
  JsonVersion version = service_.protocol == Protocol::json_1_0 ? JsonVersion::v1_0 : JsonVersion::v1_1;
  return run(
      operation, region_,
      [&](const std::string& base_url) -> core::Result<http::Request> {
        http::Request req;
        req.method = "POST";
        req.url = base_url + "/";
        req.headers.set("X-Amz-Target", json_target(service_.target_prefix, operation));
        req.headers.set("Content-Type", std::string(json_content_type(version)));
        req.body = json_body;
        return req;
      },
      nullptr, false, false);
}

core::Result<http::Request> Caller::build_rest(const RestRequest& request, const std::string& base_url) const {
  UrlParts base = split_url(base_url);
  if (base.scheme.empty()) return core::fail("aws.endpoint", fmt::format("not an absolute URL: {}", base_url));
  bool virtual_hosted =
      !request.bucket.empty() && !endpoint_url_ && is_aws_host(base.host) && is_virtual_hostable_bucket(request.bucket);
  std::string url;
  std::string key_path = request.key.empty() ? std::string{} : "/" + core::percent_encode_path(request.key);
  if (virtual_hosted) {
    url = fmt::format("{}://{}.{}{}{}", base.scheme, request.bucket, base.host, base.path,
                      key_path.empty() ? std::string("/") : key_path);
  } else if (request.bucket.empty()) {
    url = fmt::format("{}://{}{}/", base.scheme, base.host, base.path);
  } else {
    url = fmt::format("{}://{}{}/{}{}", base.scheme, base.host, base.path, core::percent_encode(request.bucket),
                      key_path);
  }
  char sep = '?';
  for (const auto& [k, v] : request.query) {
    url += sep;
    url += core::percent_encode(k);
    if (!v.empty()) url += "=" + core::percent_encode(v);
    sep = '&';
  }
  http::Request req;
  req.method = request.method;
  req.url = std::move(url);
  req.headers = request.headers;
  req.body = request.body;
  req.stream = request.stream;
  return req;
}

core::Result<http::Response> Caller::rest(const RestRequest& request) {
  std::string region = region_;
  if (!request.bucket.empty()) {
    std::lock_guard lock(bucket_regions_mutex_);
    if (auto it = bucket_regions_.find(request.bucket); it != bucket_regions_.end()) region = it->second;
  }
  auto build = [&](const std::string& base_url) { return build_rest(request, base_url); };
  http::Headers last_headers;
  auto r = run(request.operation, region, build, &last_headers, true, request.unsigned_payload);
  if (r.ok() || request.bucket.empty()) return r;
  const core::Error& e = r.error();
  auto redirect_region = last_headers.get("x-amz-bucket-region");
  bool redirect_status = e.http_status == 301 || e.http_status == 307 || e.http_status == 400;
  if (!redirect_status || !redirect_region || redirect_region->empty() || *redirect_region == region) return r;
  core::log::debug("aws s3: bucket {} is in {}, not {}; sending {} there", request.bucket, *redirect_region, region,
                   request.operation);
  {
    std::lock_guard lock(bucket_regions_mutex_);
    bucket_regions_[request.bucket] = *redirect_region;
  }
  return run(request.operation, *redirect_region, build, nullptr, true, request.unsigned_payload);
}

core::Result<http::Response> Caller::run(
    std::string_view operation, const std::string& region,
    const std::function<core::Result<http::Request>(const std::string& base_url)>& build, http::Headers* last_headers,
    bool s3_signing, bool unsigned_payload) {
  auto base_url = resolve_endpoint(service_.endpoint_id, region, EndpointOptions{endpoint_url_});
  if (!base_url) return base_url.failure(fmt::format("{} {}", service_.name, operation));

  const core::TimePoint start = clock_.now();
  int attempts = 0;
  int last_status = 0;
  std::function<core::Result<http::Response>(const core::Attempt&)> attempt =
      [&](const core::Attempt& a) -> core::Result<http::Response> {
    ++attempts;
    auto req = build(*base_url);
    if (!req) return req.failure(operation);
    if (a.budget) req->timeout = *a.budget;
    auto creds = credentials_.credentials();
    if (!creds) return creds.failure(fmt::format("{}: getting credentials", operation));
    SigningOptions signing{.service = service_.signing_name,
                           .region = region,
                           .time = clock_.now(),
                           .normalize_path = !s3_signing,
                           .double_uri_encode = !s3_signing,
                           .payload = unsigned_payload ? PayloadSigning::unsigned_payload : PayloadSigning::signed_body,
                           .add_content_sha256_header = s3_signing};
    if (auto s = sign_request(*req, *creds, signing); !s) return s.failure(fmt::format("{}: signing", operation));
    // Not signed, as the AWS CLI does not sign it either: proxies may rewrite it.
    req->headers.set("User-Agent", std::string(kUserAgent));
    auto response = http_.send(*req);
    if (!response) {
      last_status = 0;
      // The transport error already names the method and the redacted URL.
      return response.failure(operation);
    }
    last_status = response->status;
    if (last_headers != nullptr) *last_headers = response->headers;
    if (response->status >= 200 && response->status < 300) return response;
    ServiceError se = (service_.protocol == Protocol::json_1_0 || service_.protocol == Protocol::json_1_1)
                          ? parse_json_error(*response)
                          : parse_query_error(*response);
    core::Error e = to_core_error(se, operation);
    e.retry_after_ms = http::retry_after_ms(*response, clock_.now());
    return core::fail(std::move(e));
  };
  core::RetryCall call{.what = fmt::format("aws {} {}", service_.name, operation)};
  if (timeout_.count() > 0) call.deadline = start + timeout_;
  auto result = core::with_retries<http::Response>(*retry_, clock_, call, attempt);
  auto latency = std::chrono::duration_cast<std::chrono::milliseconds>(clock_.now() - start);
  if (core::log::enabled(core::log::Level::debug)) {
    // One line per call (not per attempt): what was called, how it ended, how long it took.
    // Never the URL's query, headers or body: they may carry signatures or secrets.
    std::vector<core::log::Field> fields{{"service", service_.name}, {"operation", std::string(operation)},
                                         {"region", region},         {"status", last_status},
                                         {"attempts", attempts},     {"latency_ms", latency.count()}};
    if (!result.ok()) fields.emplace_back("error", result.error().code);
    core::log::write(core::log::Level::debug, fmt::format("aws {} {}", service_.name, operation), fields);
  }
  return result;
}

std::string idempotency_token(std::string_view operation, const std::vector<std::string>& parts) {
  core::Sha256 h;
  h.update(operation);
  for (const auto& p : parts) {
    // Length-prefixed so ("ab","c") and ("a","bc") differ.
    h.update(fmt::format("\n{}:", p.size()));
    h.update(p);
  }
  return "hoplite-" + h.finish_hex().substr(0, 32);
}

bool is_virtual_hostable_bucket(std::string_view bucket) {
  if (bucket.size() < 3 || bucket.size() > 63) return false;
  auto alnum = [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); };
  if (!alnum(bucket.front()) || !alnum(bucket.back())) return false;
  for (char c : bucket)
    if (!alnum(c) && c != '-') return false;
  return true;
}

}  // namespace hoplite::aws
