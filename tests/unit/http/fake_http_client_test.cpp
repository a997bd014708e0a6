// The fake must behave like the seam it replaces, or tests built on it prove nothing.

#include "fakes/fake_http_client.hpp"

#include <gtest/gtest.h>

namespace hoplite::testing {
namespace {

TEST(FakeHttpClient, AnswersInOrderThenFromTheHandlerAndRecordsEveryRequest) {
  FakeHttpClient fake;
  fake.respond(503, "busy");
  fake.fail_transport("connection reset");
  fake.handler = [](const http::Request& r) -> core::Result<http::Response> {
    return http::Response{200, {}, "handled " + r.method};
  };
  auto first = fake.send(http::Request{"GET", "https://a/1", {}, {}, {}});
  auto second = fake.send(http::Request{"POST", "https://a/2", {}, "body", {}});
  auto third = fake.send(http::Request{"DELETE", "https://a/3", {}, {}, {}});
  ASSERT_TRUE(first.ok());
  EXPECT_EQ(first->status, 503);
  ASSERT_FALSE(second.ok());
  EXPECT_EQ(second.error().code, "http.transport");
  EXPECT_TRUE(second.error().retryable);
  ASSERT_TRUE(third.ok());
  EXPECT_EQ(third->body, "handled DELETE");
  ASSERT_EQ(fake.requests.size(), 3u);
  EXPECT_EQ(fake.requests[1].body, "body");
}

TEST(FakeHttpClient, UnscriptedRequestsFailLoudly) {
  FakeHttpClient fake;
  auto r = fake.send(http::Request{"GET", "https://a/x?X-Amz-Signature=secret", {}, {}, {}});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "fake.unscripted");
  EXPECT_EQ(r.error().message.find("secret"), std::string::npos);
}

TEST(FakeHttpClient, ReadsStreamedBodiesSoTestsCanCheckThem) {
  FakeHttpClient fake;
  fake.respond(201);
  http::Request req{"PUT", "https://a/blob", {}, {}, {}};
  req.stream = http::BodyStream{11, [] {
                                  auto done = std::make_shared<bool>(false);
                                  return http::BodyReader([done](char* buf, std::size_t) -> std::int64_t {
                                    if (*done) return 0;
                                    *done = true;
                                    std::string_view s = "hello world";
                                    std::copy(s.begin(), s.end(), buf);
                                    return 11;
                                  });
                                }};
  ASSERT_TRUE(fake.send(req).ok());
  EXPECT_EQ(fake.requests[0].body, "hello world");
}

}  // namespace
}  // namespace hoplite::testing
