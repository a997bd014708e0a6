#include "hoplite/aws/caller.hpp"

#include <cstdlib>
#include <sstream>

#include <gtest/gtest.h>

#include "hoplite/core/log.hpp"
#include "unit/aws/client_fixture.hpp"

namespace hoplite::aws {
namespace {

using testing::ClientTest;

ServiceInfo query_service() {
  return {.name = "cloudformation",
          .endpoint_id = "cloudformation",
          .signing_name = "cloudformation",
          .protocol = Protocol::query,
          .api_version = "2010-05-15"};
}

std::string query_error(const std::string& code, const std::string& message) {
  return "<ErrorResponse "
         "xmlns=\"http://cloudformation.amazonaws.com/doc/2010-05-15/\"><Error><Type>Sender</Type><Code>" +
         code + "</Code><Message>" + message + "</Message></Error><RequestId>rid-" + code +
         "</RequestId></ErrorResponse>";
}

const std::string kOk =
    "<DescribeStacksResponse><DescribeStacksResult><Stacks/></DescribeStacksResult></DescribeStacksResponse>";

class CallerTest : public ClientTest {};

TEST_F(CallerTest, ThrottlingIsRetriedAfterASleepOnTheClockAndThenSucceeds) {
  http.respond(400, query_error("Throttling", "Rate exceeded"));
  http.respond(200, kOk);
  Caller caller(query_service(), config);
  core::TimePoint before = clock.now();

  auto r = caller.query("DescribeStacks", {});

  ASSERT_TRUE(r.ok()) << r.error().to_string();
  EXPECT_EQ(http.requests.size(), 2u);
  EXPECT_GT(clock.now(), before) << "the backoff sleeps on the injected clock";
  EXPECT_EQ(http.requests[0].body, http.requests[1].body);
}

TEST_F(CallerTest, ServerErrorsUntilAttemptsRunOutSayHowManyAttemptsWereMade) {
  for (int i = 0; i < 3; ++i) http.respond(503, query_error("ServiceUnavailable", "try later"));
  Caller caller(query_service(), config);

  auto r = caller.query("DescribeStacks", {});

  ASSERT_FALSE(r.ok());
  EXPECT_EQ(http.requests.size(), 3u);
  EXPECT_EQ(r.error().code, "ServiceUnavailable");
  EXPECT_EQ(r.error().http_status, 503);
  EXPECT_EQ(r.error().request_id, "rid-ServiceUnavailable");
  EXPECT_NE(r.error().message.find("after 3 attempts"), std::string::npos) << r.error().message;
  EXPECT_NE(r.error().message.find("DescribeStacks: try later"), std::string::npos) << r.error().message;
}

TEST_F(CallerTest, AValidationErrorIsNotRetried) {
  http.respond(400, query_error("ValidationError", "Stack with id web does not exist"));
  http.respond(200, kOk);  // must stay unused
  Caller caller(query_service(), config);

  auto r = caller.query("DescribeStacks", {});

  ASSERT_FALSE(r.ok());
  EXPECT_EQ(http.requests.size(), 1u);
  EXPECT_EQ(r.error().code, "ValidationError");
  EXPECT_FALSE(r.error().retryable);
  EXPECT_EQ(r.error().to_string(),
            "DescribeStacks: Stack with id web does not exist (request id rid-ValidationError) [ValidationError, HTTP "
            "400]");
}

TEST_F(CallerTest, ATransientTransportFailureIsRetried) {
  http.fail_transport("connection reset by peer");
  http.respond(200, kOk);
  Caller caller(query_service(), config);

  auto r = caller.query("DescribeStacks", {});

  ASSERT_TRUE(r.ok()) << r.error().to_string();
  EXPECT_EQ(http.requests.size(), 2u);
}

TEST_F(CallerTest, MaxAttemptsFromTheRetryStrategyBoundTheLoop) {
  core::RetryStrategy five{core::RetryOptions{.max_attempts = 5, .random = [] { return 0.0; }}};
  config.retry = &five;
  for (int i = 0; i < 5; ++i) http.respond(500, query_error("InternalFailure", "boom"));
  Caller caller(query_service(), config);

  auto r = caller.query("DescribeStacks", {});

  ASSERT_FALSE(r.ok());
  EXPECT_EQ(http.requests.size(), 5u);
  EXPECT_NE(r.error().message.find("after 5 attempts"), std::string::npos) << r.error().message;
}

TEST_F(CallerTest, WithoutASharedStrategyMaxAttemptsComesFromTheEnvironment) {
  config.retry = nullptr;
  ::setenv("AWS_MAX_ATTEMPTS", "4", 1);
  for (int i = 0; i < 4; ++i) http.respond(500, query_error("InternalFailure", "boom"));
  Caller caller(query_service(), config);
  ::unsetenv("AWS_MAX_ATTEMPTS");

  auto r = caller.query("DescribeStacks", {});

  ASSERT_FALSE(r.ok());
  EXPECT_EQ(http.requests.size(), 4u);
  EXPECT_NE(r.error().message.find("after 4 attempts"), std::string::npos) << r.error().message;
}

TEST_F(CallerTest, JsonCallsCarryTargetAndContentTypeAndParseTypedErrors) {
  ServiceInfo sfn{.name = "states",
                  .endpoint_id = "states",
                  .signing_name = "states",
                  .protocol = Protocol::json_1_0,
                  .target_prefix = "AWSStepFunctions"};
  http::Headers h;
  h.add("x-amzn-RequestId", "rid-json");
  http.respond(400, R"({"__type":"com.amazonaws.swf.base.model#ExecutionDoesNotExist","message":"no such execution"})",
               h);
  Caller caller(sfn, config);

  auto r = caller.json("DescribeExecution", R"({"executionArn":"x"})");

  ASSERT_FALSE(r.ok());
  const auto& req = only_request();
  EXPECT_EQ(req.method, "POST");
  EXPECT_EQ(req.url, "http://127.0.0.1:8765/");
  EXPECT_EQ(req.headers.get("X-Amz-Target"), "AWSStepFunctions.DescribeExecution");
  EXPECT_EQ(req.headers.get("Content-Type"), "application/x-amz-json-1.0");
  EXPECT_NE(req.headers.get("Authorization").value_or("").find("/us-east-1/states/aws4_request"), std::string::npos);
  EXPECT_EQ(r.error().code, "ExecutionDoesNotExist");
  EXPECT_EQ(r.error().request_id, "rid-json");
  EXPECT_NE(r.error().message.find("no such execution"), std::string::npos);
}

TEST_F(CallerTest, EveryAttemptIsSignedWithTheCredentialsAndTime) {
  http.respond(200, kOk);
  Caller caller(query_service(), config);
  ASSERT_TRUE(caller.query("DescribeStacks", {}).ok());
  const auto& req = only_request();
  EXPECT_EQ(req.headers.get("X-Amz-Date"), "20261126T050811Z");
  EXPECT_EQ(req.headers.get("X-Amz-Security-Token"), "peers-example-session-token");
  EXPECT_EQ(req.headers.get("Content-Type"), "application/x-www-form-urlencoded; charset=utf-8");
  EXPECT_TRUE(
      req.headers.get("Authorization")
          .value_or("")
          .starts_with("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20261126/us-east-1/cloudformation/aws4_request"));
}

TEST_F(CallerTest, LogsOneDebugLinePerCallAndOneInfoLinePerRetryWithoutSecrets) {
  std::ostringstream out;
  core::log::configure({.level = core::log::Level::debug, .format = core::log::Format::text}, out);
  http.respond(429, query_error("Throttling", "Rate exceeded"));
  http.respond(200, kOk);
  Caller caller(query_service(), config);

  ASSERT_TRUE(caller.query("DescribeStacks", {}).ok());
  core::log::configure({});
  std::string text = out.str();

  EXPECT_NE(text.find("aws cloudformation DescribeStacks"), std::string::npos) << text;
  EXPECT_NE(text.find("attempts=2"), std::string::npos) << text;
  EXPECT_NE(text.find("status=200"), std::string::npos) << text;
  EXPECT_NE(text.find("latency_ms="), std::string::npos) << text;
  EXPECT_EQ(std::count(text.begin(), text.end(), '\n'), 2) << text;
  EXPECT_NE(text.find("INFO  aws cloudformation DescribeStacks: DescribeStacks: Rate exceeded"), std::string::npos)
      << "the retry is announced: " << text;
  EXPECT_NE(text.find("retrying in 50 ms (attempt 2 of 3)"), std::string::npos) << text;
  auto auth = http.requests.back().headers.get("Authorization").value_or("");
  std::string signature = auth.substr(auth.find("Signature=") + 10);
  for (const std::string& secret :
       {testing::wire_credentials().secret_access_key, testing::wire_credentials().session_token, signature})
    EXPECT_EQ(text.find(secret), std::string::npos) << "leaked into the log: " << secret;
}

TEST_F(CallerTest, S3UsesPathStyleOnACustomEndpoint) {
  http.respond(200);
  Caller caller({.name = "s3", .endpoint_id = "s3", .signing_name = "s3", .protocol = Protocol::rest_xml}, config);

  ASSERT_TRUE(caller.rest({.operation = "GetObject", .bucket = "my-bucket", .key = "a b/c.json"}).ok());

  const auto& req = only_request();
  EXPECT_EQ(req.url, "http://127.0.0.1:8765/my-bucket/a%20b/c.json");
  EXPECT_EQ(req.headers.get("x-amz-content-sha256"),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

TEST_F(CallerTest, S3UsesVirtualHostedStyleOnAwsForDnsCompatibleBuckets) {
  config.endpoint_url.reset();
  config.region = "eu-west-1";
  http.respond(200);
  http.respond(200);
  Caller caller({.name = "s3", .endpoint_id = "s3", .signing_name = "s3", .protocol = Protocol::rest_xml}, config);

  ASSERT_TRUE(caller.rest({.operation = "GetObject", .bucket = "my-bucket", .key = "k"}).ok());
  ASSERT_TRUE(caller.rest({.operation = "GetObject", .bucket = "my.dotted.bucket", .key = "k"}).ok());

  ASSERT_EQ(http.requests.size(), 2u);
  EXPECT_EQ(http.requests[0].url, "https://my-bucket.s3.eu-west-1.amazonaws.com/k");
  EXPECT_TRUE(http.requests[1].url.ends_with("amazonaws.com/my.dotted.bucket/k")) << http.requests[1].url;
  EXPECT_TRUE(http.requests[1].url.starts_with("https://s3.")) << http.requests[1].url;
}

TEST_F(CallerTest, S3RegionRedirectIsFollowedOnceAndRemembered) {
  config.endpoint_url.reset();
  http::Headers moved;
  moved.add("x-amz-bucket-region", "eu-central-1");
  moved.add("x-amz-request-id", "rid-301");
  http.respond(301, "", moved);
  http.respond(200);
  http.respond(200);
  Caller caller({.name = "s3", .endpoint_id = "s3", .signing_name = "s3", .protocol = Protocol::rest_xml}, config);

  ASSERT_TRUE(caller.rest({.operation = "HeadBucket", .method = "HEAD", .bucket = "far-bucket"}).ok());
  ASSERT_TRUE(caller.rest({.operation = "GetObject", .bucket = "far-bucket", .key = "x"}).ok());

  ASSERT_EQ(http.requests.size(), 3u);
  EXPECT_NE(http.requests[0].headers.get("Authorization")->find("/us-east-1/s3/"), std::string::npos);
  EXPECT_NE(http.requests[1].headers.get("Authorization")->find("/eu-central-1/s3/"), std::string::npos);
  EXPECT_NE(http.requests[1].url.find("eu-central-1"), std::string::npos) << http.requests[1].url;
  EXPECT_NE(http.requests[2].headers.get("Authorization")->find("/eu-central-1/s3/"), std::string::npos)
      << "the bucket's region is remembered";
}

TEST_F(CallerTest, S3ErrorWithoutBodyGetsItsCodeFromTheStatus) {
  http::Headers h;
  h.add("x-amz-request-id", "rid-404");
  http.respond(404, "", h);
  Caller caller({.name = "s3", .endpoint_id = "s3", .signing_name = "s3", .protocol = Protocol::rest_xml}, config);

  auto r = caller.rest({.operation = "HeadObject", .method = "HEAD", .bucket = "b", .key = "missing"});

  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "NotFound");
  EXPECT_EQ(r.error().request_id, "rid-404");
  EXPECT_EQ(http.requests.size(), 1u);
}

TEST(IdempotencyToken, IsStableForTheSameInputsAndDiffersOtherwise) {
  std::string a = idempotency_token("CreateStack", {"web", "{}"});
  EXPECT_EQ(a, idempotency_token("CreateStack", {"web", "{}"}));
  EXPECT_NE(a, idempotency_token("UpdateStack", {"web", "{}"}));
  EXPECT_NE(a, idempotency_token("CreateStack", {"web", "{ }"}));
  EXPECT_NE(idempotency_token("X", {"ab", "c"}), idempotency_token("X", {"a", "bc"}));
  EXPECT_TRUE(a.starts_with("hoplite-"));
  EXPECT_EQ(a.size(), 8u + 32u);
}

TEST(VirtualHostableBucket, FollowsDnsLabelRules) {
  EXPECT_TRUE(is_virtual_hostable_bucket("my-bucket-1"));
  EXPECT_FALSE(is_virtual_hostable_bucket("my.bucket"));
  EXPECT_FALSE(is_virtual_hostable_bucket("MyBucket"));
  EXPECT_FALSE(is_virtual_hostable_bucket("ab"));
  EXPECT_FALSE(is_virtual_hostable_bucket("-bucket"));
}

}  // namespace
}  // namespace hoplite::aws
