#pragma once
/// \file The individual credential sources behind default_credentials_chain (private).

#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "hoplite/aws/credentials.hpp"
#include "hoplite/aws/profile.hpp"

namespace hoplite::aws::detail {

/// What every source may need.
struct SourceContext {
  http::Client& http;      ///< STS calls
  http::Client& metadata;  ///< container and instance metadata endpoints (short timeouts)
  core::Clock& clock;
};

/// Caches what `fetch` returns and calls it again when the credentials expire within
/// kRefreshWindow. A failed refresh while the old credentials are still valid keeps the old ones.
class RefreshingProvider final : public CredentialsProvider {
 public:
  RefreshingProvider(std::function<core::Result<Credentials>()> fetch, core::Clock& clock)
      : fetch_(std::move(fetch)), clock_(clock) {}
  /// `initial`: credentials already fetched (e.g. while probing the source), used until they go stale.
  /// (Two constructors rather than a defaulted std::optional parameter: GCC 12 with sanitizers
  /// reports a false maybe-uninitialized for moving an empty optional of strings.)
  RefreshingProvider(std::function<core::Result<Credentials>()> fetch, core::Clock& clock, Credentials initial)
      : fetch_(std::move(fetch)), clock_(clock), cached_(std::move(initial)) {}
  core::Result<Credentials> credentials() override;

 private:
  std::function<core::Result<Credentials>()> fetch_;
  core::Clock& clock_;
  std::mutex mutex_;
  std::optional<Credentials> cached_;
};

/// AWS_ACCESS_KEY_ID + AWS_SECRET_ACCESS_KEY (+ AWS_SESSION_TOKEN); nullopt when not set.
std::optional<core::Result<Credentials>> from_environment();

/// ECS/Fargate task credentials; nullopt when neither AWS_CONTAINER_CREDENTIALS_* variable is set.
std::optional<core::Result<Credentials>> from_container(SourceContext& ctx);

/// EC2 instance metadata, IMDSv2. `endpoint` from AWS_EC2_METADATA_SERVICE_ENDPOINT or the default.
core::Result<Credentials> from_imds(SourceContext& ctx);

/// Runs `credential_process` and reads its JSON (Version 1).
core::Result<Credentials> from_process(const std::string& command, const std::string& profile_name);

/// STS AssumeRole with `source`, via the STS endpoint of `region` (AWS_ENDPOINT_URL_STS honoured).
core::Result<Credentials> assume_role(SourceContext& ctx, const Credentials& source, const std::string& role_arn,
                                      const std::string& session_name, const std::optional<std::string>& external_id,
                                      const std::optional<std::string>& duration_seconds, const std::string& region);

/// A provider for profile `name` if it defines credentials (keys, credential_process or role_arn),
/// nullptr when it defines none; errors for broken definitions.
core::Result<std::shared_ptr<CredentialsProvider>> profile_provider(const SharedConfig& cfg, const std::string& name,
                                                                    SourceContext& ctx);

}  // namespace hoplite::aws::detail
