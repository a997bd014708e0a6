// The fake CloudFormation endpoint's own tests, through the real stack: CurlClient → pipeline →
// cloudformation::Client → HTTP → the fake.
#include "fakes/fake_aws_cloudformation.hpp"

#include <gtest/gtest.h>

#include "hoplite/aws/cloudformation.hpp"
#include "hoplite/http/curl_client.hpp"
#include "unit/aws/client_fixture.hpp"

namespace hoplite::testing {
namespace {

class FakeAwsCloudFormationTest : public ::testing::Test {
 protected:
  FakeAwsCloudFormation fake;
  http::CurlClient http;
  core::FixedClock clock{aws::testing::wire_time()};
  aws::StaticCredentialsProvider credentials{aws::testing::wire_credentials()};
  aws::ClientConfig config{
      .region = "us-east-1", .credentials = credentials, .http = http, .clock = clock, .endpoint_url = fake.url()};
  aws::cloudformation::Client cfn{config};
};

TEST_F(FakeAwsCloudFormationTest, AnswersDescribeStacksAndResourcesOverHttp) {
  fake.put_stack({.name = "web",
                  .status = "UPDATE_COMPLETE",
                  .outputs = {{"Url", "https://example.com/a?b&c"}},
                  .resources = {{"Topic", "arn:sns:t", "AWS::SNS::Topic"}, {"Cluster", "web-c", "AWS::ECS::Cluster"}}});

  auto stacks = cfn.describe_stacks({.stack_name = "web"});
  ASSERT_TRUE(stacks.ok()) << stacks.error().to_string();
  ASSERT_EQ(stacks->stacks.size(), 1u);
  EXPECT_EQ(stacks->stacks[0].stack_status, "UPDATE_COMPLETE");
  EXPECT_EQ(stacks->stacks[0].outputs.at(0).value, "https://example.com/a?b&c");

  auto resources = cfn.describe_stack_resources({.stack_name = "web"});
  ASSERT_TRUE(resources.ok()) << resources.error().to_string();
  ASSERT_EQ(resources->size(), 2u);
  EXPECT_EQ((*resources)[1].resource_type, "AWS::ECS::Cluster");

  auto received = fake.received();
  ASSERT_EQ(received.size(), 2u);
  EXPECT_EQ(received[0].param("Action"), "DescribeStacks");
  EXPECT_TRUE(received[0].headers.at("authorization").starts_with("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/"));
  EXPECT_EQ(received[0].headers.at("x-amz-security-token"), "peers-example-session-token");
}

TEST_F(FakeAwsCloudFormationTest, MissingStackIsAValidationError) {
  auto r = cfn.describe_stacks({.stack_name = "nope"});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "ValidationError");
  EXPECT_NE(r.error().message.find("Stack with id nope does not exist"), std::string::npos);
  EXPECT_EQ(r.error().http_status, 400);
}

TEST_F(FakeAwsCloudFormationTest, UnknownActionIsInvalidAction) {
  auto r = cfn.delete_stack({.stack_name = "web"});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "InvalidAction");
}

TEST(FakeAwsCloudFormationProtocol, ParsesForms) {
  auto p = FakeAwsCloudFormation::parse_form("Action=DescribeStacks&StackName=a%2Fb+c&Empty=");
  ASSERT_EQ(p.size(), 3u);
  EXPECT_EQ(p[1].second, "a/b c");
  EXPECT_EQ(p[2].second, "");
}

}  // namespace
}  // namespace hoplite::testing
