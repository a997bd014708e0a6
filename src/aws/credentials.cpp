#include "hoplite/aws/credentials.hpp"

#include <cstdlib>
#include <vector>

#include "aws/credential_sources.hpp"
#include "aws/environment.hpp"
#include "hoplite/http/curl_client.hpp"

namespace hoplite::aws {

std::string Credentials::redacted_key_id() const {
  if (access_key_id.size() <= 8) return std::string(access_key_id.size(), '*');
  return access_key_id.substr(0, 4) + "..." + access_key_id.substr(access_key_id.size() - 4);
}

namespace detail {

core::Result<Credentials> RefreshingProvider::credentials() {
  std::lock_guard lock(mutex_);
  core::TimePoint now = clock_.now();
  if (cached_ && (!cached_->expiration || *cached_->expiration - now > kRefreshWindow)) return *cached_;
  auto fresh = fetch_();
  if (!fresh) {
    // Still valid for a while: keep working and try again on the next call.
    if (cached_ && cached_->expiration && *cached_->expiration > now) return *cached_;
    return fresh;
  }
  cached_ = *fresh;
  return fresh;
}

std::optional<core::Result<Credentials>> from_environment() {
  const char* id = std::getenv("AWS_ACCESS_KEY_ID");
  const char* secret = std::getenv("AWS_SECRET_ACCESS_KEY");
  bool has_id = id != nullptr && *id != '\0';
  bool has_secret = secret != nullptr && *secret != '\0';
  if (!has_id && !has_secret) return std::nullopt;
  if (!has_id || !has_secret)
    return core::Result<Credentials>(core::fail("aws.credentials.environment",
                                                has_id ? "AWS_ACCESS_KEY_ID is set but AWS_SECRET_ACCESS_KEY is not"
                                                       : "AWS_SECRET_ACCESS_KEY is set but AWS_ACCESS_KEY_ID is not"));
  Credentials c;
  c.access_key_id = id;
  c.secret_access_key = secret;
  if (const char* token = std::getenv("AWS_SESSION_TOKEN"); token != nullptr) c.session_token = token;
  c.source = "environment";
  return core::Result<Credentials>(std::move(c));
}

}  // namespace detail

namespace {

/// The default chain. Which source applies is decided on first use and then kept, so a process
/// does not switch identities halfway; the chosen source caches and refreshes on its own.
class DefaultChain final : public CredentialsProvider {
 public:
  explicit DefaultChain(CredentialChainOptions o) : options_(std::move(o)) {
    if (options_.http == nullptr) {
      owned_http_ = std::make_unique<http::CurlClient>();
      // Metadata endpoints answer in milliseconds or not at all (not on EC2/ECS): fail fast.
      http::CurlClientOptions short_timeouts;
      short_timeouts.connect_timeout = std::chrono::milliseconds(1000);
      short_timeouts.total_timeout = std::chrono::milliseconds(5000);
      owned_metadata_ = std::make_unique<http::CurlClient>(short_timeouts);
    }
    http::Client& http = options_.http ? *options_.http : *owned_http_;
    http::Client& metadata = options_.http ? *options_.http : *owned_metadata_;
    core::Clock& clock = options_.clock ? *options_.clock : core::system_clock();
    ctx_ = std::make_unique<detail::SourceContext>(detail::SourceContext{http, metadata, clock});
  }

  core::Result<Credentials> credentials() override {
    std::lock_guard lock(mutex_);
    if (!chosen_) {
      auto chosen = choose();
      if (!chosen) return chosen.failure();
      chosen_ = *chosen;
    }
    return chosen_->credentials();
  }

 private:
  core::Result<std::shared_ptr<CredentialsProvider>> choose() {
    std::vector<std::string> tried;
    // 1. Environment.
    if (auto env = detail::from_environment()) {
      if (!*env) return env->failure("reading credentials from the environment");
      return std::shared_ptr<CredentialsProvider>(std::make_shared<StaticCredentialsProvider>(**env));
    }
    tried.push_back("environment (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY): not set");
    // 2. Shared config files.
    auto cfg = load_shared_config();
    if (!cfg) return cfg.failure("reading AWS profiles");
    std::string name = selected_profile(options_.profile);
    bool explicit_profile = (options_.profile && !options_.profile->empty()) ||
                            detail::env_value("AWS_PROFILE").has_value() ||
                            detail::env_value("AWS_DEFAULT_PROFILE").has_value();
    auto profile = cfg->profile(name);
    if (!profile && explicit_profile)
      return core::fail("aws.credentials.profile", "profile '" + name + "' is not defined in " + cfg->config_path +
                                                       " or " + cfg->credentials_path);
    if (profile) {
      auto p = detail::profile_provider(*cfg, name, *ctx_);
      if (!p) return p.failure();
      if (*p) return *p;
    }
    tried.push_back("profile '" + name + "' in " + cfg->credentials_path + " and " + cfg->config_path + ": " +
                    (profile ? "defines no credentials" : "not found"));
    // 3. ECS / Fargate container endpoint.
    if (detail::env_value("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI").has_value() ||
        detail::env_value("AWS_CONTAINER_CREDENTIALS_FULL_URI").has_value()) {
      detail::SourceContext* ctx = ctx_.get();
      return std::shared_ptr<CredentialsProvider>(std::make_shared<detail::RefreshingProvider>(
          [ctx]() -> core::Result<Credentials> { return *detail::from_container(*ctx); }, ctx->clock));
    }
    tried.push_back("container credentials (AWS_CONTAINER_CREDENTIALS_RELATIVE_URI / _FULL_URI): not set");
    // 4. EC2 instance metadata.
    if (detail::env_true("AWS_EC2_METADATA_DISABLED")) {
      tried.push_back("EC2 instance metadata: disabled by AWS_EC2_METADATA_DISABLED");
    } else {
      auto first = detail::from_imds(*ctx_);
      if (first) {
        detail::SourceContext* ctx = ctx_.get();
        auto provider = std::make_shared<detail::RefreshingProvider>(
            [ctx]() -> core::Result<Credentials> { return detail::from_imds(*ctx); }, ctx->clock, *first);
        return std::shared_ptr<CredentialsProvider>(provider);
      }
      tried.push_back("EC2 instance metadata: " + first.error().message);
    }
    std::string msg = "no AWS credentials found. Tried:";
    for (const auto& t : tried) msg += "\n  - " + t;
    msg += "\nSet AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, pass --profile, or run `aws configure`.";
    return core::fail("aws.credentials.not_found", msg);
  }

  CredentialChainOptions options_;
  std::unique_ptr<http::Client> owned_http_;
  std::unique_ptr<http::Client> owned_metadata_;
  std::unique_ptr<detail::SourceContext> ctx_;
  std::mutex mutex_;
  std::shared_ptr<CredentialsProvider> chosen_;
};

}  // namespace

std::unique_ptr<CredentialsProvider> default_credentials_chain(CredentialChainOptions o) {
  return std::make_unique<DefaultChain>(std::move(o));
}

}  // namespace hoplite::aws
