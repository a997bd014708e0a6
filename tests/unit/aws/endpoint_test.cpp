#include "hoplite/aws/endpoint.hpp"

#include <gtest/gtest.h>

#include "unit/aws/env_guard.hpp"

namespace hoplite::aws {
namespace {

std::string endpoint(std::string_view service, std::string_view region, EndpointOptions o = {}) {
  auto r = resolve_endpoint(service, region, o);
  return r ? *r : "error: " + r.error().message;
}

TEST(Endpoint, DefaultsPerServiceAndPartition) {
  ::hoplite::testing::EnvGuard env;
  EXPECT_EQ(endpoint("cloudformation", "eu-west-1"), "https://cloudformation.eu-west-1.amazonaws.com");
  EXPECT_EQ(endpoint("sts", "us-east-1"), "https://sts.us-east-1.amazonaws.com");
  EXPECT_EQ(endpoint("s3", "us-west-2"), "https://s3.us-west-2.amazonaws.com");
  EXPECT_EQ(endpoint("api.ecr", "us-east-1"), "https://api.ecr.us-east-1.amazonaws.com");
  EXPECT_EQ(endpoint("ecr", "us-east-1"), "https://api.ecr.us-east-1.amazonaws.com");
  EXPECT_EQ(endpoint("states", "ap-southeast-2"), "https://states.ap-southeast-2.amazonaws.com");
  EXPECT_EQ(endpoint("ecs", "eu-central-1"), "https://ecs.eu-central-1.amazonaws.com");
  EXPECT_EQ(endpoint("logs", "eu-central-1"), "https://logs.eu-central-1.amazonaws.com");
  EXPECT_EQ(endpoint("sns", "eu-central-1"), "https://sns.eu-central-1.amazonaws.com");
  EXPECT_EQ(endpoint("cloudformation", "cn-north-1"), "https://cloudformation.cn-north-1.amazonaws.com.cn");
  EXPECT_EQ(endpoint("states", "us-gov-west-1"), "https://states.us-gov-west-1.amazonaws.com");
  EXPECT_EQ(partition_of("cn-northwest-1"), "aws-cn");
  EXPECT_EQ(partition_of("us-gov-east-1"), "aws-us-gov");
  EXPECT_EQ(partition_of("eu-north-1"), "aws");
}

TEST(Endpoint, OverridesInTheAwsCliOrder) {
  ::hoplite::testing::EnvGuard env;
  env.set("AWS_ENDPOINT_URL", "http://127.0.0.1:4566/");
  EXPECT_EQ(endpoint("sts", "us-east-1"), "http://127.0.0.1:4566");
  env.set("AWS_ENDPOINT_URL_CLOUDFORMATION", "http://localhost:5000");
  env.set("AWS_ENDPOINT_URL_SFN", "http://localhost:8083");
  env.set("AWS_ENDPOINT_URL_ECR", "http://localhost:5001");
  env.set("AWS_ENDPOINT_URL_CLOUDWATCH_LOGS", "http://localhost:5002");
  EXPECT_EQ(endpoint("cloudformation", "us-east-1"), "http://localhost:5000");
  EXPECT_EQ(endpoint("states", "us-east-1"), "http://localhost:8083");
  EXPECT_EQ(endpoint("api.ecr", "us-east-1"), "http://localhost:5001");
  EXPECT_EQ(endpoint("logs", "us-east-1"), "http://localhost:5002");
  EXPECT_EQ(endpoint("sts", "us-east-1"), "http://127.0.0.1:4566");
  EXPECT_EQ(endpoint("cloudformation", "us-east-1", {.endpoint_url = "https://flag.example"}), "https://flag.example");
  env.set("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "true");
  EXPECT_EQ(endpoint("cloudformation", "us-east-1"), "https://cloudformation.us-east-1.amazonaws.com");
  EXPECT_EQ(endpoint("cloudformation", "us-east-1", {.endpoint_url = "https://flag.example"}), "https://flag.example");
}

TEST(Endpoint, RejectsBadOverridesAndRegions) {
  ::hoplite::testing::EnvGuard env;
  EXPECT_EQ(resolve_endpoint("sts", "us-east-1", {.endpoint_url = "localhost:4566"}).error().code, "aws.endpoint");
  env.set("AWS_ENDPOINT_URL_STS", "ftp://x");
  auto bad = resolve_endpoint("sts", "us-east-1", {});
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.error().message.find("AWS_ENDPOINT_URL_STS"), std::string::npos);
  env.unset("AWS_ENDPOINT_URL_STS");
  EXPECT_FALSE(resolve_endpoint("sts", "", {}).ok());
  EXPECT_FALSE(resolve_endpoint("sts", "us-east-1.evil.com/", {}).ok());
}

TEST(Endpoint, EnvSuffixes) {
  EXPECT_EQ(endpoint_env_suffix("cloudformation"), "CLOUDFORMATION");
  EXPECT_EQ(endpoint_env_suffix("states"), "SFN");
  EXPECT_EQ(endpoint_env_suffix("logs"), "CLOUDWATCH_LOGS");
  EXPECT_EQ(endpoint_env_suffix("api.ecr"), "ECR");
  EXPECT_EQ(endpoint_env_suffix("s3"), "S3");
}

}  // namespace
}  // namespace hoplite::aws
