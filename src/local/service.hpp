#pragma once
/// \file What every emulated service implements, and what it is handed for each call. The house
/// (cloud.cpp) routes a request to a service, reads and checks its signature, and passes a `Call`;
/// the service decodes its protocol (protocol/*.hpp), runs the operation and encodes the answer.
/// See docs/local.md, "How to add a service".

#include <atomic>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "hoplite/aws/error_response.hpp"
#include "hoplite/aws/sigv4_verify.hpp"
#include "hoplite/core/clock.hpp"
#include "hoplite/http/handler.hpp"
#include "local/auth/accounts.hpp"

namespace hoplite::local {

/// The wire protocol a service speaks (and so how its errors look).
enum class Protocol {
  query,      ///< form-encoded `Action=…`, XML results (STS, IAM, SNS, SQS, CloudFormation)
  ec2,        ///< EC2's variant of query: flattened lists, `<Response><Errors>` errors
  json_1_0,   ///< X-Amz-Target + JSON 1.0 (Step Functions, SQS in newer SDKs)
  json_1_1,   ///< X-Amz-Target + JSON 1.1 (ECR, Logs, ECS)
  rest_xml,   ///< REST with XML bodies (S3)
  rest_json,  ///< REST with JSON bodies (Lambda): routes by method and path (protocol/rest_json.hpp)
};

[[nodiscard]] aws::ErrorDialect dialect_of(Protocol p);

/// The protocol-level facts the house needs about a service.
struct ServiceSpec {
  std::string signing_name;  ///< credential-scope service name: "sts", "ecr", "states", "s3"
  Protocol protocol = Protocol::query;
  std::string target_prefix;  ///< JSON protocols: the X-Amz-Target prefix, e.g. "AmazonEC2ContainerRegistry_V20150921"
  std::string api_version;    ///< query protocols: the expected Version, e.g. "2011-06-15"
  std::string xml_namespace;  ///< query protocols: the xmlns of results and errors
  /// A path prefix whose requests reach this service without a SigV4 check, because the service
  /// authenticates them itself (the OCI registry: `/v2/`, Basic auth with an ECR token). Default:
  /// none.
  std::string own_auth_prefix;
  /// Largest request body the house reads into memory for this service (all protocols but REST,
  /// whose bodies stream). Default 2 MiB: above every AWS API's own limit for these services.
  std::uint64_t max_body_bytes = 2 << 20;
};

namespace store {
class Database;
class BlobStore;
}  // namespace store

/// What the house lends every service: state, accounts and time. All outlive the services.
struct ServiceContext {
  store::Database& db;
  store::BlobStore& blobs;
  auth::Accounts& accounts;
  core::Clock& clock;
  /// The state directory, for services that keep files besides the database and blobs (ECS:
  /// unpacked images, containers' writable layers).
  std::filesystem::path data_dir;
  /// The TCP port the server listens on at 127.0.0.1, once it has bound one (0 until then): for
  /// work that is not a request but hands out the local cloud's address (a Step Functions
  /// execution running an ECS task after a restart). A request's own Host header comes first.
  std::shared_ptr<std::atomic<int>> port = std::make_shared<std::atomic<int>>(0);
};

/// Everything an operation knows about its call besides its input.
struct CallContext {
  std::string request_id;  ///< also sent as x-amzn-RequestId
  std::string region;      ///< from the credential scope
  auth::Principal principal;
  core::TimePoint now;  ///< the server's clock when the request arrived
  std::string host;     ///< the Host header, for URLs the service hands out
};

/// One call, as the house hands it to a service.
struct Call {
  http::ServerRequest& request;
  CallContext context;
  /// The verified SigV4 claim (none for `own_auth_prefix` requests). A REST service needs it, with
  /// `signing_secret`, to check an `aws-chunked` body's chunk signatures (auth/aws_chunked.hpp)
  /// and, for a signed payload hash, to compare it with the body as it streams.
  std::optional<aws::SignatureClaim> claim;
  /// The secret of the key that signed the request; never log it. Empty without a claim.
  std::string signing_secret;
  /// The body, already read (its hash was part of the signature). Empty for REST-XML services,
  /// which read `request.body` themselves as it streams.
  std::string body;
  /// Set by the service's protocol layer once it knows the operation ("AssumeRole"), for the
  /// request log.
  std::string operation;
};

class Service {
 public:
  virtual ~Service() = default;
  [[nodiscard]] virtual const ServiceSpec& spec() const = 0;
  /// Answers a call whose signature was verified. Never throws on bad input.
  virtual http::Response handle(Call& call) = 0;
  /// This service's resources for /_hoplite/ and `hoplite local status`: a JSON object keyed by
  /// account id (`{}` when there are none). Keys sorted, so the page is deterministic.
  virtual nlohmann::json inspect() = 0;
};

/// An AWS error an operation returns: `code` is the AWS code (`NoSuchBucket`), `status` its HTTP
/// status. Codes with a dot that start lower-case (`local.store`) are the house's own and become
/// InternalFailure; AWS's dotted codes (`AWS.SimpleQueueService.NonExistentQueue`) pass.
[[nodiscard]] core::Failure aws_error(std::string code, std::string message, int status = 400);

/// The response for a failed operation in the service's dialect. Errors that are not AWS codes
/// are logged and answered as `InternalFailure` (500) without their details. `extra`: REST-XML
/// elements after `<Message>` (S3's `BucketName`), for AWS errors only.
[[nodiscard]] http::Response render_error(const ServiceSpec& spec, const core::Error& error,
                                          const std::string& request_id,
                                          std::vector<std::pair<std::string, std::string>> extra = {});

}  // namespace hoplite::local
