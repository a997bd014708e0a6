// Secrecy (issue 5, item 8): real HTTP calls at the most verbose log level, with known secrets,
// log their per-request debug lines and none of the secrets, in logs or in errors.
#include <sstream>

#include <gtest/gtest.h>

#include "fakes/fake_aws_cloudformation.hpp"
#include "hoplite/aws/caller.hpp"
#include "hoplite/aws/cloudformation.hpp"
#include "hoplite/core/log.hpp"
#include "hoplite/http/curl_client.hpp"

namespace hoplite::aws {
namespace {

constexpr const char* kAccessKeyId = "AKIDSECRECYTEST00001";
constexpr const char* kSecretKey = "Zx9/secrecy+TEST+secret/key0000000000000";
constexpr const char* kSessionToken = "IQoJb3JpZ2luX2VjEHoaCXVzLWVhc3QtMSJHMEUCIQ-secrecy-session-token";

/// Every value that must not appear: the secret key, the session token, and each Authorization
/// header the fake received, whole and its signature alone.
std::vector<std::string> secrets(const testing::FakeAwsCloudFormation& fake) {
  std::vector<std::string> out{kSecretKey, kSessionToken};
  for (const auto& r : fake.received()) {
    auto it = r.headers.find("authorization");
    if (it == r.headers.end()) continue;
    out.push_back(it->second);
    auto sig = it->second.find("Signature=");
    if (sig != std::string::npos) out.push_back(it->second.substr(sig + 10));
  }
  return out;
}

void expect_no_secrets(const std::string& text, const std::vector<std::string>& values) {
  for (const auto& s : values) EXPECT_EQ(text.find(s), std::string::npos) << "leaked: " << s << "\nin:\n" << text;
}

testing::FakeAwsCloudFormation::Stack example_stack(const std::string& name) {
  return {.name = name,
          .status = "UPDATE_COMPLETE",
          .outputs = {{"StateMachineArn", "arn:aws:states:us-west-2:123456789012:stateMachine:svc"}},
          .resources = {{"Cluster", "svc-Cluster-1", "AWS::ECS::Cluster"},
                        {"Notifications", "arn:aws:sns:us-west-2:123456789012:svc-n", "AWS::SNS::Topic"}}};
}

TEST(PipelineSecrecy, DebugLogsAndErrorsOfRealHttpCallsCarryNoSecret) {
  testing::FakeAwsCloudFormation fake;
  fake.put_stack(example_stack("web"));
  http::CurlClient http;
  core::FixedClock clock{core::TimePoint{} + std::chrono::seconds(1795669691)};
  StaticCredentialsProvider credentials{
      Credentials{.access_key_id = kAccessKeyId, .secret_access_key = kSecretKey, .session_token = kSessionToken}};
  ClientConfig config{
      .region = "us-west-2", .credentials = credentials, .http = http, .clock = clock, .endpoint_url = fake.url()};
  cloudformation::Client cfn{config};
  std::ostringstream log;
  core::log::configure({.level = core::log::Level::trace}, log);

  auto ok = cfn.describe_stacks({.stack_name = "web"});
  auto missing = cfn.describe_stack_resources({.stack_name = "gone"});
  core::log::configure({});

  ASSERT_TRUE(ok.ok()) << ok.error().to_string();
  ASSERT_FALSE(missing.ok());
  EXPECT_NE(log.str().find("aws cloudformation DescribeStacks"), std::string::npos) << log.str();
  EXPECT_NE(log.str().find("aws cloudformation DescribeStackResources"), std::string::npos) << log.str();
  expect_no_secrets(log.str() + missing.error().to_string(), secrets(fake));
}

}  // namespace
}  // namespace hoplite::aws
