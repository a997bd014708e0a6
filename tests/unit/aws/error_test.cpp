#include "hoplite/aws/error.hpp"

#include <gtest/gtest.h>

namespace hoplite::aws {
namespace {

TEST(AwsError, EveryThrottlingCodeIsRetryable) {
  for (const char* code :
       {"Throttling", "ThrottlingException", "ThrottledException", "RequestThrottledException",
        "TooManyRequestsException", "ProvisionedThroughputExceededException", "TransactionInProgressException",
        "RequestLimitExceeded", "BandwidthLimitExceeded", "LimitExceededException", "RequestThrottled", "SlowDown",
        "PriorRequestNotComplete", "EC2ThrottledException"}) {
    EXPECT_TRUE(is_throttling_code(code)) << code;
    EXPECT_TRUE(to_core_error({.code = code, .http_status = 400}, "Op").retryable) << code;
  }
  EXPECT_FALSE(is_throttling_code("ValidationError"));
  EXPECT_FALSE(is_throttling_code("throttling")) << "codes are case-sensitive, as AWS sends them";
}

TEST(AwsError, ServerErrorsAreRetryableClientErrorsAreNot) {
  EXPECT_TRUE(to_core_error({.code = "InternalFailure", .http_status = 500}, "Op").retryable);
  EXPECT_TRUE(to_core_error({.code = "Whatever", .http_status = 502}, "Op").retryable);
  EXPECT_TRUE(to_core_error({.code = "RequestTimeout", .http_status = 400}, "Op").retryable);
  EXPECT_FALSE(to_core_error({.code = "AccessDenied", .http_status = 403}, "Op").retryable);
  EXPECT_FALSE(to_core_error({.code = "ValidationError", .http_status = 400}, "Op").retryable);
  EXPECT_FALSE(to_core_error({.code = "NotImplemented", .http_status = 501}, "Op").retryable)
      << "a retry cannot implement what the service lacks";
  EXPECT_TRUE(to_core_error({.code = "", .http_status = 429}, "Op").retryable);
}

TEST(AwsError, CarriesCodeMessageRequestIdAndStatus) {
  core::Error e = to_core_error(
      {.code = "AccessDenied", .message = "not allowed", .request_id = "abc-123", .http_status = 403}, "CreateStack");
  EXPECT_EQ(e.code, "AccessDenied");
  EXPECT_EQ(e.message, "CreateStack: not allowed (request id abc-123)");
  EXPECT_EQ(e.http_status, 403);
  EXPECT_EQ(e.request_id, "abc-123");
  EXPECT_EQ(e.to_string(), "CreateStack: not allowed (request id abc-123) [AccessDenied, HTTP 403]");
}

TEST(AwsError, MissingCodeFallsBackToTheStatus) {
  EXPECT_EQ(to_core_error({.http_status = 404}, "HeadObject").code, "NotFound");
  EXPECT_EQ(to_core_error({.http_status = 418}, "HeadObject").code, "HTTP418");
  EXPECT_EQ(to_core_error({.http_status = 404}, "HeadObject").message, "HeadObject: NotFound");
}

TEST(AwsError, RequestIdComesFromEitherHeaderSpelling) {
  http::Headers a;
  a.add("X-Amzn-RequestId", "one");
  EXPECT_EQ(request_id_from(a), "one");
  http::Headers b;
  b.add("x-amz-request-id", "two");
  EXPECT_EQ(request_id_from(b), "two");
  EXPECT_EQ(request_id_from({}), "");
}

}  // namespace
}  // namespace hoplite::aws
