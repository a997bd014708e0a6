#pragma once
/// \file
/// The request pipeline every AWS client shares: build the request for the service's
/// protocol → resolve the endpoint → sign (SigV4) → send → turn an error response into a typed
/// core::Error → retry (core/retry.hpp: AWS standard mode, `Retry-After`, a deadline, sleeping on
/// the injected Clock, each retry logged at info) → one debug log line.
///
/// **Example** (what a client does for one query-protocol operation):
/// \code
///   aws::Caller caller(aws::cloudformation_service(), config);
///   aws::QueryParams p;
///   p.add("StackName", "web");
///   core::Result<http::Response> r = caller.query("DescribeStacks", p);
/// \endcode

#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "hoplite/aws/credentials.hpp"
#include "hoplite/aws/protocol_query.hpp"
#include "hoplite/aws/retry.hpp"
#include "hoplite/core/clock.hpp"
#include "hoplite/core/result.hpp"
#include "hoplite/http/client.hpp"

namespace hoplite::aws {

/// The wire protocol a service speaks.
enum class Protocol {
  query,     ///< form-encoded POST, XML responses (CloudFormation, STS, SNS)
  json_1_0,  ///< JSON with X-Amz-Target, application/x-amz-json-1.0 (Step Functions)
  json_1_1,  ///< JSON with X-Amz-Target, application/x-amz-json-1.1 (ECR, ECS, Logs)
  rest_xml,  ///< REST with XML bodies (S3)
};

/// Static facts about one AWS service (from its Smithy model).
struct ServiceInfo {
  std::string name;                     ///< for logs and messages: "cloudformation"
  std::string endpoint_id;              ///< the `resolve_endpoint` id: "cloudformation", "api.ecr", "states"
  std::string signing_name;             ///< SigV4 service name: "cloudformation", "ecr", "states"
  Protocol protocol = Protocol::query;  ///< the wire protocol; default query
  std::string api_version;              ///< query protocol `Version=`, e.g. "2010-05-15"
  std::string target_prefix;            ///< JSON protocols' X-Amz-Target prefix, e.g. "AWSStepFunctions"
};

/// What every client of one command shares. The referenced objects must outlive the clients.
struct ClientConfig {
  std::string region;                       ///< e.g. "eu-west-1"; see resolve_region()
  CredentialsProvider& credentials;         ///< asked before every attempt (it caches and refreshes)
  http::Client& http;                       ///< CurlClient in production, a fake in tests
  core::Clock& clock;                       ///< request time for signing, retry sleeps, latency
  std::optional<std::string> endpoint_url;  ///< `--endpoint-url`; default: the partition's endpoint
  /// Shared retry policy (its token bucket spans every call made with it); default (nullptr): each
  /// client owns a core::RetryStrategy built from `retry_options(profile)` (AWS_MAX_ATTEMPTS, else
  /// the profile's `max_attempts`, else 3 attempts).
  core::RetryStrategy* retry = nullptr;
  /// The profile whose `max_attempts` applies when `retry` is not given (`--profile`); default:
  /// AWS_PROFILE, then "default".
  std::optional<std::string> profile;
  /// Limit for one call, retries and waits included (`--timeout`); each attempt gets its share of
  /// what is left as its HTTP timeout. Default 10 minutes; zero means no limit.
  std::chrono::milliseconds timeout{10 * 60'000};
};

/// A REST call (S3). `path` is the object key part, already percent-encoded except `/`.
struct RestRequest {
  std::string operation;       ///< "PutObject": for logs and error messages
  std::string method = "GET";  ///< the HTTP method; default GET
  std::string bucket;          ///< addressed path-style or virtual-hosted (see Caller::rest)
  std::string key;             ///< the object key, unencoded; empty for bucket operations
  std::vector<std::pair<std::string, std::string>> query;  ///< unencoded; `{"location", ""}` renders `?location`
  http::Headers headers;                   ///< extra headers (Content-Type, x-amz-*); the caller adds the signing ones
  std::string body;                        ///< the request body; used when `stream` is not set
  std::optional<http::BodyStream> stream;  ///< large uploads; default: `body`
  bool unsigned_payload = false;           ///< sign with UNSIGNED-PAYLOAD (streams over TLS)
};

/// Sends calls for one service. Thread-compatible: share one per thread or guard it.
class Caller {
 public:
  /// A caller for `service` with `config`'s region, credentials, HTTP client, clock and retries.
  Caller(ServiceInfo service, const ClientConfig& config);

  /// Query protocol: POSTs `Action=<operation>&Version=…&<params>`. A 2xx response is returned as
  /// is; anything else becomes an error whose code is the AWS code.
  core::Result<http::Response> query(std::string_view operation, const QueryParams& params);

  /// JSON protocols: POSTs `json_body` with `X-Amz-Target: <prefix>.<operation>`.
  core::Result<http::Response> json(std::string_view operation, std::string json_body);

  /// REST-XML (S3). Addressing: virtual-hosted (`https://bucket.s3.region.amazonaws.com/key`) for
  /// DNS-compatible bucket names on AWS endpoints; path-style (`https://host/bucket/key`) for custom
  /// endpoints (`--endpoint-url`, IP addresses, the local cloud) and names with dots or capitals.
  /// A redirect to another region (301/307/400 with `x-amz-bucket-region`) is followed once and
  /// remembered for the bucket. Signs with `x-amz-content-sha256`, no path normalization.
  core::Result<http::Response> rest(const RestRequest& request);

  /// The service this caller talks to.
  [[nodiscard]] const ServiceInfo& service() const { return service_; }
  /// The region requests are signed for.
  [[nodiscard]] const std::string& region() const { return region_; }
  /// The clock used for signing and retry waits.
  [[nodiscard]] core::Clock& clock() const { return clock_; }

 private:
  core::Result<http::Response> run(std::string_view operation, const std::string& region,
                                   const std::function<core::Result<http::Request>(const std::string& base_url)>& build,
                                   http::Headers* last_headers, bool s3_signing, bool unsigned_payload);
  core::Result<http::Request> build_rest(const RestRequest& request, const std::string& base_url) const;

  ServiceInfo service_;
  std::string region_;
  CredentialsProvider& credentials_;
  http::Client& http_;
  core::Clock& clock_;
  std::optional<std::string> endpoint_url_;
  std::chrono::milliseconds timeout_;
  std::unique_ptr<core::RetryStrategy> owned_retry_;
  core::RetryStrategy* retry_;
  std::mutex bucket_regions_mutex_;
  std::map<std::string, std::string> bucket_regions_;  ///< learnt from S3 region redirects
};

/// A client request token that is the same for the same inputs (so a retried or re-run command is
/// recognised by the service as the same request) and differs when any input differs:
/// `hoplite-<32 hex of sha256(operation, parts…)>`. Valid for CloudFormation ClientRequestToken
/// (`[a-zA-Z][-a-zA-Z0-9]*`, ≤128) and ECR/ECS/SFN client tokens.
[[nodiscard]] std::string idempotency_token(std::string_view operation, const std::vector<std::string>& parts);

/// True when `bucket` can be a DNS label under s3.amazonaws.com (virtual-hosted addressing):
/// 3–63 characters of a-z, 0-9 and '-', starting and ending with a letter or digit.
[[nodiscard]] bool is_virtual_hostable_bucket(std::string_view bucket);

}  // namespace hoplite::aws
