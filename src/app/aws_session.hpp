#pragma once
/// \file The AWS session of one command: region, credentials, HTTP client, endpoint and retry
/// policy, resolved once (CommandEnv::aws()) and shared by every client the command makes, so a
/// command never resolves credentials twice and all its calls share one retry token bucket.

#include <chrono>
#include <map>
#include <memory>
#include <optional>
#include <string>

#include "hoplite/aws/caller.hpp"
#include "hoplite/aws/credentials.hpp"
#include "hoplite/core/clock.hpp"
#include "hoplite/core/result.hpp"
#include "hoplite/core/retry.hpp"
#include "hoplite/http/client.hpp"

namespace hoplite::app {

/// What a session is made from: the global flags and the command's (injected) environment.
struct AwsSessionInputs {
  std::string region;        ///< `--region`; "" = AWS_REGION, AWS_DEFAULT_REGION, the profile's
  std::string profile;       ///< `--profile`; "" = AWS_PROFILE / "default"
  std::string endpoint_url;  ///< `--endpoint-url`; "" = AWS's endpoints (or the local cloud's)
  bool local = false;        ///< `--local`: the local cloud's endpoint, `test`/`test`, a default region
  std::chrono::milliseconds timeout{30 * 60'000};  ///< `--timeout`: one call, retries included
  /// The command's environment (Invocation::environment): HOPLITE_LOCAL_URL, AWS_REGION,
  /// AWS_DEFAULT_REGION and PATH are read from here, not from the process.
  std::map<std::string, std::string> environment;
  /// The HTTP client every call goes through; default (nullptr): a CurlClient owned by the session.
  http::Client* http = nullptr;
  /// Signing time and retry sleeps; default (nullptr): the system clock.
  core::Clock* clock = nullptr;
};

/// Where `--local` sends calls when HOPLITE_LOCAL_URL is not set (docs/local.md).
inline constexpr const char* kDefaultLocalUrl = "http://127.0.0.1:4566";
/// The region `--local` uses when neither --region nor AWS_REGION/AWS_DEFAULT_REGION says one.
inline constexpr const char* kDefaultLocalRegion = "us-east-1";

class AwsSession {
 public:
  /// Resolves region, credentials and endpoint. With `local`, the endpoint is `--endpoint-url`,
  /// else HOPLITE_LOCAL_URL, else kDefaultLocalUrl, and the credentials are `test`/`test` (the
  /// local cloud's default account); nothing is sent yet (see ensure_local_cloud()). Errors:
  /// `aws.region.not_found`, `aws.credentials.*`, `app.usage` (a malformed local URL).
  static core::Result<std::unique_ptr<AwsSession>> open(AwsSessionInputs inputs);

  AwsSession(const AwsSession&) = delete;
  AwsSession& operator=(const AwsSession&) = delete;
  ~AwsSession();

  /// What every client of the command is built from (`aws::cloudformation::Client cfn(s.config())`).
  [[nodiscard]] const aws::ClientConfig& config() const { return *config_; }
  [[nodiscard]] const std::string& region() const { return region_; }
  /// The endpoint every call goes to; "" = AWS's own endpoints.
  [[nodiscard]] const std::string& endpoint_url() const { return endpoint_url_; }
  [[nodiscard]] bool local() const { return local_; }
  [[nodiscard]] http::Client& http() const { return *http_; }
  [[nodiscard]] core::Clock& clock() const { return *clock_; }
  /// For messages: "AWS eu-west-1", "the local cloud at http://127.0.0.1:4566 (us-east-1)",
  /// "http://host:9000 (us-east-1)".
  [[nodiscard]] std::string where() const;

 private:
  AwsSession() = default;

  std::string region_;
  std::string endpoint_url_;
  bool local_ = false;
  std::unique_ptr<http::Client> owned_http_;
  http::Client* http_ = nullptr;
  core::Clock* clock_ = nullptr;
  std::unique_ptr<aws::CredentialsProvider> credentials_;
  std::unique_ptr<core::RetryStrategy> retry_;
  std::unique_ptr<aws::ClientConfig> config_;
};

}  // namespace hoplite::app
