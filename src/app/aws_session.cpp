#include "app/aws_session.hpp"

#include <fmt/format.h>

#include "hoplite/aws/region.hpp"
#include "hoplite/aws/retry.hpp"
#include "hoplite/http/curl_client.hpp"
#include "hoplite/http/url.hpp"

namespace hoplite::app {
namespace {

std::optional<std::string> non_empty(const std::string& value) {
  if (value.empty()) return std::nullopt;
  return value;
}

std::optional<std::string> lookup(const std::map<std::string, std::string>& env, const char* name) {
  auto it = env.find(name);
  if (it == env.end() || it->second.empty()) return std::nullopt;
  return it->second;
}

// The region: the flag, then the command's environment, then what the aws module finds (the
// process environment and the profile). `--local` falls back to a fixed region rather than fail:
// the local cloud serves every region and a new user has none configured.
core::Result<std::string> region_for(const AwsSessionInputs& in) {
  if (!in.region.empty()) return in.region;
  for (const char* name : {"AWS_REGION", "AWS_DEFAULT_REGION"})
    if (auto v = lookup(in.environment, name)) return *v;
  if (in.local) return std::string(kDefaultLocalRegion);
  return aws::resolve_region(std::nullopt, non_empty(in.profile));
}

// The local cloud's URL: --endpoint-url wins (a local cloud elsewhere), then HOPLITE_LOCAL_URL.
core::Result<std::string> local_url_for(const AwsSessionInputs& in) {
  std::string text = in.endpoint_url;
  const char* from = "--endpoint-url";
  if (text.empty()) {
    text = lookup(in.environment, "HOPLITE_LOCAL_URL").value_or(kDefaultLocalUrl);
    from = "HOPLITE_LOCAL_URL";
  }
  auto url = http::parse_url(text);
  if (!url) return core::fail("app.usage", fmt::format("{} is not a usable URL: {}", from, url.error().message));
  std::string base = http::origin(*url);
  if (url->path != "/") base += url->path;
  while (!base.empty() && base.back() == '/') base.pop_back();
  return base;
}

}  // namespace

AwsSession::~AwsSession() = default;

core::Result<std::unique_ptr<AwsSession>> AwsSession::open(AwsSessionInputs in) {
  std::unique_ptr<AwsSession> s(new AwsSession());
  auto region = region_for(in);
  if (!region) return region.failure();
  s->region_ = std::move(*region);
  s->local_ = in.local;
  if (in.http != nullptr) {
    s->http_ = in.http;
  } else {
    s->owned_http_ = std::make_unique<http::CurlClient>();
    s->http_ = s->owned_http_.get();
  }
  s->clock_ = in.clock != nullptr ? in.clock : &core::system_clock();

  core::RetryOptions retry;
  if (in.local) {
    auto url = local_url_for(in);
    if (!url) return url.failure();
    s->endpoint_url_ = std::move(*url);
    // The local cloud's default account (docs/local.md, "Accounts and keys").
    s->credentials_ = std::make_unique<aws::StaticCredentialsProvider>(
        aws::Credentials{.access_key_id = "test", .secret_access_key = "test", .source = "the local cloud's test key"});
  } else {
    s->endpoint_url_ = in.endpoint_url;
    auto id = lookup(in.environment, "AWS_ACCESS_KEY_ID");
    auto secret = lookup(in.environment, "AWS_SECRET_ACCESS_KEY");
    if (id && secret) {
      // The command's environment decides (it is the process's outside tests); the chain below
      // reads the process environment and the profile files.
      s->credentials_ = std::make_unique<aws::StaticCredentialsProvider>(
          aws::Credentials{.access_key_id = *id,
                           .secret_access_key = *secret,
                           .session_token = lookup(in.environment, "AWS_SESSION_TOKEN").value_or(""),
                           .source = "environment"});
    } else {
      s->credentials_ = aws::default_credentials_chain({.profile = non_empty(in.profile), .clock = s->clock_});
    }
    auto options = aws::retry_options(non_empty(in.profile));
    if (!options) return options.failure();
    retry = *options;
  }
  s->retry_ = std::make_unique<core::RetryStrategy>(retry);
  s->config_ = std::make_unique<aws::ClientConfig>(aws::ClientConfig{.region = s->region_,
                                                                     .credentials = *s->credentials_,
                                                                     .http = *s->http_,
                                                                     .clock = *s->clock_,
                                                                     .endpoint_url = non_empty(s->endpoint_url_),
                                                                     .retry = s->retry_.get(),
                                                                     .profile = non_empty(in.profile),
                                                                     .timeout = in.timeout});
  return s;
}

std::string AwsSession::where() const {
  if (local_) return fmt::format("the local cloud at {} ({})", endpoint_url_, region_);
  if (endpoint_url_.empty()) return "AWS " + region_;
  return fmt::format("{} ({})", endpoint_url_, region_);
}

}  // namespace hoplite::app
