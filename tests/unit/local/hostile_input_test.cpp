// Fuzz-style checks of the local cloud's request parsers, deterministic so they run in every
// build: mangled query and JSON bodies, broken SigV4 headers, absurd targets and nesting. Every
// answer must be a 4xx that an AWS client can read (a code in the service's dialect), never a
// 5xx, never a crash. (The libFuzzer targets in tests/fuzz/ explore further.)
#include <random>

#include <gtest/gtest.h>

#include "hoplite/aws/protocol_json.hpp"
#include "local/protocol/json.hpp"
#include "local_fixture.hpp"

namespace hoplite::local {
namespace {

using testing::LocalCloudTest;

class HostileInputTest : public LocalCloudTest {
 protected:
  /// Sends `req` and checks the answer is an AWS-readable 4xx (or a 200).
  void expect_aws_answer(const http::Request& req, const std::string& what) {
    auto r = send(req);
    ASSERT_GE(r.status, 200) << what;
    ASSERT_LT(r.status, 500) << what << "\n" << r.body;
    if (r.status < 400) return;
    bool json = r.headers.get("Content-Type").value_or("").find("json") != std::string::npos;
    aws::ServiceError e = json ? aws::parse_json_error(r) : aws::parse_query_error(r);
    EXPECT_FALSE(e.code.empty()) << what;
    EXPECT_NE(e.code, aws::code_for_status(r.status)) << what << ": the body carries no AWS error\n" << r.body;
    // S3 (which answers unsigned requests) names its request id x-amz-request-id.
    EXPECT_FALSE(r.headers.get("x-amzn-RequestId").value_or(r.headers.get("x-amz-request-id").value_or("")).empty())
        << what;
  }

  std::mt19937 rng{20261126};
};

TEST_F(HostileInputTest, MangledQueryBodiesWithValidSignatures) {
  const std::string valid =
      "Action=AssumeRole&Version=2011-06-15&RoleArn=arn%3Aaws%3Aiam%3A%3A000000000000%3Arole%2Fr"
      "&RoleSessionName=s1&DurationSeconds=900";
  for (int i = 0; i < 300; ++i) {
    std::string body = valid;
    int edits = 1 + static_cast<int>(rng() % 8);
    for (int e = 0; e < edits; ++e) {
      std::size_t at = rng() % (body.size() + 1);
      switch (rng() % 4) {
        case 0:
          body.insert(at, 1, static_cast<char>(rng() % 256));
          break;
        case 1:
          if (at < body.size()) body.erase(at, 1 + rng() % 5);
          break;
        case 2:
          body.insert(at, "%");
          break;
        default:
          body.insert(at, "&");
      }
    }
    // Signed as sent: the parsers, not the signature check, must cope.
    expect_aws_answer(query_request("sts", body), "body: " + body);
  }
}

TEST_F(HostileInputTest, BrokenAuthorizationHeaders) {
  http::Request base = query_request("sts", "Action=GetCallerIdentity&Version=2011-06-15");
  const std::string auth = *base.headers.get("Authorization");
  const std::vector<std::string> fixed{
      "",
      "AWS4-HMAC-SHA256",
      "AWS4-HMAC-SHA256 ",
      "AWS4-HMAC-SHA256 Credential=",
      "AWS4-HMAC-SHA256 Credential=////, SignedHeaders=;, Signature=",
      "AWS4-HMAC-SHA256 Credential=test/20261126/us-east-1/sts/aws4_request, SignedHeaders=host, Signature=" +
          std::string(64, 'g'),
      "AWS4-HMAC-SHA256 Credential=test/99999999/us-east-1/sts/aws4_request, SignedHeaders=host, Signature=" +
          std::string(64, 'a'),
      "AWS4-HMAC-SHA256 Credential=" + std::string(5000, 'A') + "/20261126/us-east-1/sts/aws4_request",
      "AWS4-HMAC-SHA256 Credential=test/20261126/" + std::string(300, 'r') +
          "/sts/aws4_request, SignedHeaders=host, "
          "Signature=" +
          std::string(64, 'a'),
      "Bearer abc",
      "Basic dGVzdDp0ZXN0",
      std::string("AWS4-HMAC-SHA256 Credential=test\0/20261126", 42),
  };
  for (const auto& a : fixed) {
    http::Request req = base;
    req.headers.set("Authorization", a);
    expect_aws_answer(req, "Authorization: " + a.substr(0, 100));
  }
  for (int i = 0; i < 300; ++i) {
    std::string a = auth;
    for (int e = 0; e < 3; ++e) {
      std::size_t at = rng() % a.size();
      a[at] = static_cast<char>(" ,=/;\x01zZ9"[rng() % 10]);
    }
    http::Request req = base;
    req.headers.set("Authorization", a);
    expect_aws_answer(req, "Authorization: " + a);
  }
  for (const char* date : {"", "x", "20261126", "20261126T05082OZ", "99991231T235959Z", "00000101T000000Z"}) {
    http::Request req = base;
    req.headers.set("X-Amz-Date", date);
    expect_aws_answer(req, std::string("X-Amz-Date: ") + date);
  }
}

TEST_F(HostileInputTest, StrangeTargetsAndPresignedQueries) {
  for (const std::string& target :
       {std::string("/?X-Amz-Algorithm=AWS4-HMAC-SHA256"),
        std::string("/?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Algorithm=x"),
        std::string("/?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=a%2Fb&X-Amz-Date=20261126T050820Z&"
                    "X-Amz-Expires=-1&X-Amz-SignedHeaders=host&X-Amz-Signature=00"),
        std::string("/?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=test%2F20261126%2Fus-east-1%2Fsts%2F"
                    "aws4_request&X-Amz-Date=20261126T050820Z&X-Amz-Expires=99999999&X-Amz-SignedHeaders=host&"
                    "X-Amz-Signature=" +
                    std::string(64, 'a')),
        std::string("/%ZZ%"), std::string("/..%2F..%2Fetc%2Fpasswd"), std::string("/x/../_hoplite/"),
        std::string("/?") + std::string(6000, '&')}) {
    expect_aws_answer({"GET", "http://127.0.0.1:4566" + target, {}, {}, {}}, target.substr(0, 120));
  }
  http::Request json = query_request("sts", "{}");
  json.headers.set("X-Amz-Target", "AmazonEC2ContainerRegistry_V20150921.DescribeRepositories");
  expect_aws_answer(json, "a JSON target for a service that is not emulated");
}

TEST_F(HostileInputTest, ParametersThatAreNotUtf8AreRefused) {
  // Found by fuzzing (regressions/local_signed_request): an SNS message of raw 0xFF bytes was
  // stored, and answering it threw inside the JSON writer (HTTP 500).
  for (std::string body : {std::string("Action=GetCallerIdentity&Version=2011-06-15&x=\xff\xfe"),
                           std::string("Action=GetCallerIdentity&Version=2011-06-15&x=%FF%FE"),
                           std::string("Action=GetCallerIdentity&Version=2011-06-15&%C0%AF=1")}) {
    auto r = send(query_request("sts", body));
    EXPECT_EQ(r.status, 400) << body;
    EXPECT_EQ(aws::parse_query_error(r).code, "MalformedQueryString") << body;
  }
  auto ok = send(query_request("sts", "Action=GetCallerIdentity&Version=2011-06-15&x=%C3%A9%E2%82%AC"));
  EXPECT_EQ(ok.status, 200) << "valid UTF-8 (é€) passes";
}

TEST_F(HostileInputTest, TooManyParametersAreRefusedBeforeDecoding) {
  std::string body = "Action=GetCallerIdentity&Version=2011-06-15";
  for (int i = 0; i < 20000; ++i) body += "&a=1";
  auto r = send(query_request("sts", body));
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(aws::parse_query_error(r).code, "MalformedQueryString");
}

TEST(JsonBody, DepthIsCappedBeforeParsingAndErrorsAreSerializationException) {
  EXPECT_TRUE(parse_json_body("")->is_object());
  EXPECT_TRUE(parse_json_body(" \n")->is_object());
  EXPECT_EQ((*parse_json_body(R"({"a":"[[[[{{{{"})"))["a"], "[[[[{{{{") << "brackets in strings do not count";
  std::string deep = std::string(65, '[') + std::string(65, ']');
  auto r = parse_json_body("{\"a\":" + deep + "}");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "SerializationException");
  EXPECT_TRUE(parse_json_body("{\"a\":" + std::string(62, '[') + std::string(62, ']') + "}").ok());
  std::string very_deep(1 << 20, '[');
  EXPECT_EQ(parse_json_body(very_deep).error().code, "SerializationException");
  for (const char* bad : {"[]", "\"s\"", "1", "{", "{\"a\":}", "nul", "{\"a\":\"\\ud800\"}x"}) {
    auto b = parse_json_body(bad);
    ASSERT_FALSE(b.ok()) << bad;
    EXPECT_EQ(b.error().code, "SerializationException") << bad;
    EXPECT_EQ(b.error().http_status, 400) << bad;
  }
}

}  // namespace
}  // namespace hoplite::local
