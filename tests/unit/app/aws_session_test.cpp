#include "app/aws_session.hpp"

#include <gtest/gtest.h>

#include "fakes/fake_http_client.hpp"

namespace hoplite::app {
namespace {

AwsSessionInputs local_inputs(std::map<std::string, std::string> env = {}) {
  static testing::FakeHttpClient http;
  return {.local = true, .environment = std::move(env), .http = &http};
}

TEST(AwsSession, LocalDefaultsToTheDocumentedUrlRegionAndTestKey) {
  auto s = AwsSession::open(local_inputs());
  ASSERT_TRUE(s) << s.error().to_string();
  EXPECT_TRUE((*s)->local());
  EXPECT_EQ((*s)->endpoint_url(), "http://127.0.0.1:4566");
  EXPECT_EQ((*s)->region(), "us-east-1");
  auto creds = (*s)->config().credentials.credentials();
  ASSERT_TRUE(creds);
  EXPECT_EQ(creds->access_key_id, "test");
  EXPECT_EQ(creds->secret_access_key, "test");
  EXPECT_EQ((*s)->config().endpoint_url, "http://127.0.0.1:4566");
  EXPECT_EQ((*s)->where(), "the local cloud at http://127.0.0.1:4566 (us-east-1)");
}

TEST(AwsSession, LocalUrlAndRegionComeFromTheCommandsEnvironment) {
  auto s =
      AwsSession::open(local_inputs({{"HOPLITE_LOCAL_URL", "http://localhost:9001/"}, {"AWS_REGION", "eu-west-3"}}));
  ASSERT_TRUE(s) << s.error().to_string();
  EXPECT_EQ((*s)->endpoint_url(), "http://localhost:9001");
  EXPECT_EQ((*s)->region(), "eu-west-3");

  auto in = local_inputs({{"HOPLITE_LOCAL_URL", "http://localhost:9001"}, {"AWS_DEFAULT_REGION", "ap-south-1"}});
  in.endpoint_url = "http://127.0.0.1:7000";
  in.region = "us-west-2";
  s = AwsSession::open(in);
  ASSERT_TRUE(s) << s.error().to_string();
  EXPECT_EQ((*s)->endpoint_url(), "http://127.0.0.1:7000") << "--endpoint-url names where the local cloud is";
  EXPECT_EQ((*s)->region(), "us-west-2") << "--region wins over the environment";
}

TEST(AwsSession, MalformedLocalUrlIsAUsageError) {
  auto s = AwsSession::open(local_inputs({{"HOPLITE_LOCAL_URL", "ftp://x"}}));
  ASSERT_FALSE(s);
  EXPECT_EQ(s.error().code, "app.usage");
  EXPECT_NE(s.error().message.find("HOPLITE_LOCAL_URL"), std::string::npos) << s.error().message;
}

TEST(AwsSession, AwsCredentialsComeFromTheInjectedEnvironment) {
  testing::FakeHttpClient http;
  auto s = AwsSession::open({.endpoint_url = "http://127.0.0.1:1234",
                             .environment = {{"AWS_ACCESS_KEY_ID", "AKIDINJECTED"},
                                             {"AWS_SECRET_ACCESS_KEY", "s3cr3t"},
                                             {"AWS_SESSION_TOKEN", "tok"},
                                             {"AWS_REGION", "eu-central-1"},
                                             {"AWS_MAX_ATTEMPTS", "1"}},
                             .http = &http});
  ASSERT_TRUE(s) << s.error().to_string();
  EXPECT_FALSE((*s)->local());
  auto creds = (*s)->config().credentials.credentials();
  ASSERT_TRUE(creds);
  EXPECT_EQ(creds->access_key_id, "AKIDINJECTED");
  EXPECT_EQ(creds->session_token, "tok");
  EXPECT_EQ((*s)->where(), "http://127.0.0.1:1234 (eu-central-1)");
  EXPECT_NE((*s)->config().retry, nullptr) << "one retry policy shared by every client of the command";
  EXPECT_EQ(&(*s)->config().http, &http);
}

}  // namespace
}  // namespace hoplite::app
