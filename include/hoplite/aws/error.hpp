#pragma once
/// \file
/// AWS error responses as core::Error values: the AWS error code becomes `Error::code`, so
/// callers branch on `ThrottlingException` or `ValidationError` the way the AWS docs name them.

#include <string>
#include <string_view>

#include "hoplite/core/error.hpp"
#include "hoplite/http/message.hpp"

namespace hoplite::aws {

/// What an AWS service said when it refused a request, before it becomes a core::Error.
struct ServiceError {
  std::string code;        ///< AWS error code, e.g. `ThrottlingException` (never a `prefix#` form)
  std::string message;     ///< the service's sentence; may be empty
  std::string request_id;  ///< x-amzn-RequestId / x-amz-request-id / the body's RequestId
  int http_status = 0;     ///< the response's HTTP status
};

/// True for the codes AWS uses to say "slow down" (Throttling, ThrottlingException, SlowDown,
/// RequestLimitExceeded, … — the list botocore's standard retry mode treats as throttling).
[[nodiscard]] bool is_throttling_code(std::string_view code);

/// True for codes that name a transient server-side condition (RequestTimeout, InternalError, …).
[[nodiscard]] bool is_transient_code(std::string_view code);

/// The request id AWS put in the response headers (`x-amzn-RequestId`, `x-amz-request-id`), or "".
[[nodiscard]] std::string request_id_from(const http::Headers& headers);

/// Turns a service error into a core::Error: `code` = the AWS code, `retryable` (what the retry
/// engine goes by) when the code is a throttling or transient code or the status is 429, 500, 502,
/// 503 or 504 — the AWS standard retry mode's rules. The message names the operation:
/// `DescribeStacks: Stack with id x does not exist (request id 1234)`.
[[nodiscard]] core::Error to_core_error(const ServiceError& e, std::string_view operation);

/// A code that is AWS-shaped from a bare HTTP status, for responses without a body (HEAD):
/// 301 PermanentRedirect, 304 NotModified, 400 BadRequest, 403 Forbidden, 404 NotFound,
/// 412 PreconditionFailed, 500 InternalError, 503 ServiceUnavailable, else `HTTP<status>`.
[[nodiscard]] std::string code_for_status(int status);

}  // namespace hoplite::aws
