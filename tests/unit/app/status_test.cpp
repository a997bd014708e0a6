// `status` through the command's AWS session: --local's endpoint, region and key; a missing stack
// is said as such (a typed result, exit 1); a usage error in the session exits 2.
#include <sstream>

#include <gtest/gtest.h>

#include "fakes/fake_http_client.hpp"
#include "hoplite/app/run.hpp"
#include "hoplite/cfn/resource.hpp"

namespace hoplite::app {
namespace {

constexpr const char* kMissing =
    "<ErrorResponse xmlns=\"http://cloudformation.amazonaws.com/doc/2010-05-15/\"><Error><Type>Sender</Type>"
    "<Code>ValidationError</Code><Message>Stack with id Web does not exist</Message></Error>"
    "<RequestId>r-1</RequestId></ErrorResponse>";

class StatusTest : public ::testing::Test {
 protected:
  StatusTest() : svc_("Web", "status tests") { svc_.add(cfn::RawResource{"Topic", "AWS::SNS::Topic"}); }
  ~StatusTest() override { core::log::configure(core::log::Options{}); }

  int run(std::vector<std::string> args, std::map<std::string, std::string> env = {}) {
    out_.str("");
    err_.str("");
    env.emplace("PATH", "/nonexistent");
    return app::run(svc_, {.program = "web",
                           .args = std::move(args),
                           .out = &out_,
                           .err = &err_,
                           .environment = std::move(env),
                           .http = &http_});
  }

  Service svc_;
  testing::FakeHttpClient http_;
  std::ostringstream out_;
  std::ostringstream err_;
};

TEST_F(StatusTest, LocalSendsSignedCallsToTheLocalCloud) {
  http_.handler = [](const http::Request& r) -> core::Result<http::Response> {
    if (r.url.ends_with("/_hoplite/health")) return http::Response{.status = 200, .body = "ok"};
    return http::Response{.status = 400, .body = kMissing};
  };
  EXPECT_EQ(run({"--local", "status"}), kExitFailure);
  EXPECT_NE(err_.str().find("status: stack Web does not exist in the local cloud at http://127.0.0.1:4566 "
                            "(us-east-1) (run provision first)"),
            std::string::npos)
      << err_.str();
  EXPECT_EQ(out_.str(), "");
  ASSERT_EQ(http_.requests.size(), 2u) << "one probe, one DescribeStacks; a missing stack is not retried";
  const http::Request& call = http_.requests[1];
  EXPECT_EQ(call.url, "http://127.0.0.1:4566/");
  EXPECT_NE(call.headers.get("Authorization").value_or("").find("Credential=test/"), std::string::npos);
  EXPECT_NE(call.headers.get("Authorization").value_or("").find("/us-east-1/cloudformation/aws4_request"),
            std::string::npos);
}

TEST_F(StatusTest, LocalUrlFromTheEnvironment) {
  http_.handler = [](const http::Request& r) -> core::Result<http::Response> {
    if (r.url.ends_with("/_hoplite/health")) return http::Response{.status = 200, .body = "ok"};
    return http::Response{.status = 400, .body = kMissing};
  };
  EXPECT_EQ(run({"status", "--local", "--region", "eu-west-1"}, {{"HOPLITE_LOCAL_URL", "http://127.0.0.1:9"}}),
            kExitFailure);
  ASSERT_FALSE(http_.requests.empty());
  EXPECT_EQ(http_.requests[0].url, "http://127.0.0.1:9/_hoplite/health");
  EXPECT_NE(err_.str().find("http://127.0.0.1:9 (eu-west-1)"), std::string::npos) << err_.str();
}

TEST_F(StatusTest, BadLocalUrlIsAUsageError) {
  EXPECT_EQ(run({"--local", "status"}, {{"HOPLITE_LOCAL_URL", "not a url"}}), kExitUsage);
  EXPECT_NE(err_.str().find("status: HOPLITE_LOCAL_URL is not a usable URL"), std::string::npos) << err_.str();
  EXPECT_TRUE(http_.requests.empty());
}

TEST_F(StatusTest, NothingListeningSaysWhatToRun) {
  http_.fail_transport("connection refused");
  EXPECT_EQ(run({"--local", "status"}), kExitFailure);
  EXPECT_NE(err_.str().find("hoplite local up --port 4566"), std::string::npos) << err_.str();
}

}  // namespace
}  // namespace hoplite::app
