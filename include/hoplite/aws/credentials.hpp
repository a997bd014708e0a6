#pragma once
/// \file
/// AWS credentials and where they come from (the AWS CLI's default chain).

#include <memory>
#include <optional>
#include <string>

#include "hoplite/core/clock.hpp"
#include "hoplite/core/result.hpp"
#include "hoplite/http/client.hpp"

namespace hoplite::aws {

/// One set of AWS credentials. Deliberately has no operator<< and no to_string: the secret key and
/// session token must never reach a log or an error. Print `source` (and `redacted_key_id()`).
struct Credentials {
  std::string access_key_id;  ///< `AKIA…` (long-term) or `ASIA…` (temporary); not secret, but log redacted_key_id()
  std::string secret_access_key;              ///< the secret: never logged, never in an error
  std::string session_token;                  ///< empty for long-term keys
  std::optional<core::TimePoint> expiration;  ///< none for long-term keys
  std::string source;  ///< where they came from: "environment", "profile dev", "container", "imds", ...

  /// `AKIA…WXYZ`-style: enough to tell keys apart in a message, not enough to use.
  [[nodiscard]] std::string redacted_key_id() const;
};

/// Hands out credentials. Implementations that read temporary credentials cache them and fetch new
/// ones shortly before they expire (see `kRefreshWindow`), so callers just ask every time.
class CredentialsProvider {
 public:
  virtual ~CredentialsProvider() = default;
  /// The current credentials (fetched or refreshed when needed); an error when none can be found.
  virtual core::Result<Credentials> credentials() = 0;
};

/// Temporary credentials are refreshed when they expire within this window (5 minutes, as the SDKs do).
inline constexpr std::chrono::minutes kRefreshWindow{5};

/// Always returns the same credentials (tests, `--local`).
class StaticCredentialsProvider final : public CredentialsProvider {
 public:
  /// A provider that always returns `c`.
  explicit StaticCredentialsProvider(Credentials c) : credentials_(std::move(c)) {}
  core::Result<Credentials> credentials() override { return credentials_; }

 private:
  Credentials credentials_;
};

/// Inputs of the default chain. The environment is read with getenv at each lookup.
struct CredentialChainOptions {
  /// `--profile`; default: AWS_PROFILE, then AWS_DEFAULT_PROFILE, then "default".
  std::optional<std::string> profile;
  /// Used for STS, the container endpoint and IMDS; default (nullptr): a CurlClient owned by the
  /// chain, with 1 s connect / 5 s total timeouts for the metadata endpoints.
  http::Client* http = nullptr;
  /// Decides when cached credentials are stale; default (nullptr): the system clock.
  core::Clock* clock = nullptr;
};

/// The chain the AWS CLI uses, first match wins:
///  1. environment: AWS_ACCESS_KEY_ID + AWS_SECRET_ACCESS_KEY (+ AWS_SESSION_TOKEN);
///  2. the profile in AWS_SHARED_CREDENTIALS_FILE (~/.aws/credentials) and AWS_CONFIG_FILE
///     (~/.aws/config): static keys, `credential_process`, or `role_arn` + `source_profile`
///     (STS AssumeRole);
///  3. ECS/Fargate container credentials: AWS_CONTAINER_CREDENTIALS_RELATIVE_URI (on
///     169.254.170.2) or AWS_CONTAINER_CREDENTIALS_FULL_URI, with AWS_CONTAINER_AUTHORIZATION_TOKEN
///     or AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE;
///  4. EC2 instance metadata (IMDSv2 token first) unless AWS_EC2_METADATA_DISABLED=true; endpoint
///     overridable with AWS_EC2_METADATA_SERVICE_ENDPOINT.
/// The first source that is configured decides: if it fails (bad file, refused AssumeRole) that
/// error is returned rather than silently falling through. When no source is configured the error
/// (code `aws.credentials.not_found`) lists everything that was tried.
std::unique_ptr<CredentialsProvider> default_credentials_chain(CredentialChainOptions o);

}  // namespace hoplite::aws
