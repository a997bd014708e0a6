#include "hoplite/aws/error.hpp"

#include <array>
#include <string_view>

#include <fmt/format.h>

namespace hoplite::aws {
namespace {

// botocore/retryhandler + the SDKs' standard retry mode (THROTTLING_ERROR_CODES).
constexpr std::array<std::string_view, 14> kThrottlingCodes = {
    "Throttling",
    "ThrottlingException",
    "ThrottledException",
    "RequestThrottledException",
    "TooManyRequestsException",
    "ProvisionedThroughputExceededException",
    "TransactionInProgressException",
    "RequestLimitExceeded",
    "BandwidthLimitExceeded",
    "LimitExceededException",
    "RequestThrottled",
    "SlowDown",
    "PriorRequestNotComplete",
    "EC2ThrottledException",
};

// Standard mode's TRANSIENT_ERROR_CODES, plus the 5xx-named codes S3 and query services return.
constexpr std::array<std::string_view, 6> kTransientCodes = {
    "RequestTimeout",  "RequestTimeoutException", "InternalError",
    "InternalFailure", "ServiceUnavailable",      "IDPCommunicationError",
};

}  // namespace

bool is_throttling_code(std::string_view code) {
  for (auto c : kThrottlingCodes)
    if (c == code) return true;
  return false;
}

bool is_transient_code(std::string_view code) {
  for (auto c : kTransientCodes)
    if (c == code) return true;
  return false;
}

std::string request_id_from(const http::Headers& headers) {
  for (const char* name : {"x-amzn-RequestId", "x-amz-request-id", "x-amzn-request-id"})
    if (auto v = headers.get(name)) return *v;
  return {};
}

std::string code_for_status(int status) {
  switch (status) {
    case 301:
      return "PermanentRedirect";
    case 304:
      return "NotModified";
    case 400:
      return "BadRequest";
    case 403:
      return "Forbidden";
    case 404:
      return "NotFound";
    case 412:
      return "PreconditionFailed";
    case 500:
      return "InternalError";
    case 503:
      return "ServiceUnavailable";
    default:
      return fmt::format("HTTP{}", status);
  }
}

core::Error to_core_error(const ServiceError& e, std::string_view operation) {
  core::Error out;
  out.code = e.code.empty() ? code_for_status(e.http_status) : e.code;
  std::string text = e.message.empty() ? out.code : e.message;
  out.message = operation.empty() ? text : fmt::format("{}: {}", operation, text);
  if (!e.request_id.empty()) out.message += fmt::format(" (request id {})", e.request_id);
  if (e.http_status != 0) out.http_status = e.http_status;
  // AWS standard retry mode: throttling and transient codes, and the statuses that mean "the
  // service is struggling" (not 501 Not Implemented, which a retry cannot change).
  const int s = e.http_status;
  out.retryable = is_throttling_code(out.code) || is_transient_code(out.code) || s == 429 || s == 500 || s == 502 ||
                  s == 503 || s == 504;
  out.request_id = e.request_id;
  return out;
}

}  // namespace hoplite::aws
