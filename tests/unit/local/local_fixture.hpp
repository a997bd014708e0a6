#pragma once
/// \file What the local cloud's tests share: a LocalCloud on a temporary directory with a fixed
/// clock, reached in process (InProcessClient) by the production AWS clients or by hand-signed
/// requests.

#include <memory>
#include <string>

#include <gtest/gtest.h>

#include "hoplite/aws/caller.hpp"
#include "hoplite/aws/credentials.hpp"
#include "hoplite/aws/error.hpp"
#include "hoplite/aws/protocol_json.hpp"
#include "hoplite/aws/protocol_query.hpp"
#include "hoplite/aws/retry.hpp"
#include "hoplite/aws/sigv4.hpp"
#include "hoplite/core/clock.hpp"
#include "hoplite/http/in_process_client.hpp"
#include "hoplite/local/cloud.hpp"
#include "support/golden.hpp"

namespace hoplite::local::testing {

/// 2026-11-26T05:08:20Z, when tests/testdata/aws-wire/requests/008-GetCallerIdentity was signed.
inline core::TimePoint wire_time() { return core::TimePoint{} + std::chrono::seconds(1795669700); }

inline aws::Credentials test_credentials() {
  return {
      .access_key_id = "test", .secret_access_key = "test", .session_token = {}, .expiration = {}, .source = "test"};
}

class LocalCloudTest : public ::testing::Test {
 protected:
  void SetUp() override { open_cloud(); }
  /// The cloud closes before any fixture member is destroyed: its threads (tasks stopping, stacks
  /// finishing) may still call back into a derived fixture's members. (ThreadSanitizer found the
  /// ECS tests' `stopped` map destroyed under a running callback.)
  void TearDown() override {
    http_.reset();
    cloud.reset();
  }

  void open_cloud(LocalCloudOptions options = {}) {
    http_.reset();
    cloud.reset();
    options.data_dir = dir.path();
    options.clock = &clock;
    auto c = LocalCloud::open(std::move(options));
    ASSERT_TRUE(c.ok()) << c.error().to_string();
    cloud = std::move(*c);
    http_ = std::make_unique<http::InProcessClient>(*cloud);
  }

  http::Client& http() { return *http_; }

  /// A client config for the production AWS clients, aimed at the local cloud.
  aws::ClientConfig config(aws::CredentialsProvider& creds, const std::string& region = "us-east-1") {
    return aws::ClientConfig{.region = region,
                             .credentials = creds,
                             .http = *http_,
                             .clock = clock,
                             .endpoint_url = std::string("http://127.0.0.1:4566"),
                             .retry = &no_retries};
  }

  /// A query-protocol POST signed for `service` with `creds`, as the AWS CLI sends it.
  http::Request query_request(const std::string& service, const std::string& body,
                              const aws::Credentials& creds = test_credentials(),
                              const std::string& region = "us-east-1") {
    http::Request req{"POST", "http://127.0.0.1:4566/", {}, body, {}};
    req.headers.set("Content-Type", std::string(aws::kQueryContentType));
    EXPECT_TRUE(aws::sign_request(req, creds, {.service = service, .region = region, .time = clock.now()}).ok());
    return req;
  }

  /// Sends and returns the response (a transport error fails the test).
  http::Response send(const http::Request& req) {
    auto r = http_->send(req);
    EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().to_string());
    return r.ok() ? *r : http::Response{};
  }

  hoplite::testing::TempDir dir;
  core::FixedClock clock{wire_time()};
  core::RetryStrategy no_retries{core::RetryOptions{.max_attempts = 1}};
  std::unique_ptr<LocalCloud> cloud;

 private:
  std::unique_ptr<http::InProcessClient> http_;
};

}  // namespace hoplite::local::testing
