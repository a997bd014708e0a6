#include "hoplite/aws/retry.hpp"

#include <gtest/gtest.h>

#include "hoplite/core/file.hpp"
#include "unit/aws/env_guard.hpp"

namespace hoplite::aws {
namespace {

using std::chrono::milliseconds;

core::Error aws_error(std::string code, int status) {
  return core::Error{std::move(code), "message", status, false, "req-1"};
}
core::Error transport(bool retryable) {
  return core::Error{
      "http.transport", "POST https://sts.amazonaws.com/: connection reset", std::nullopt, retryable, {}};
}

RetryStrategy::Options fixed(double r, int attempts = 3) {
  return RetryStrategy::Options{.max_attempts = attempts, .random = [r] { return r; }};
}

TEST(RetryStrategy, ClassifiesErrorsLikeStandardMode) {
  RetryStrategy s;
  EXPECT_TRUE(s.is_retryable(aws_error("Throttling", 400)));
  EXPECT_TRUE(s.is_retryable(aws_error("ThrottlingException", 400)));
  EXPECT_TRUE(s.is_retryable(aws_error("TooManyRequestsException", 429)));
  EXPECT_TRUE(s.is_retryable(aws_error("SlowDown", 503)));
  EXPECT_TRUE(s.is_retryable(aws_error("InternalFailure", 500)));
  EXPECT_TRUE(s.is_retryable(aws_error("Whatever", 502)));
  EXPECT_TRUE(s.is_retryable(aws_error("RequestTimeout", 400)));
  EXPECT_TRUE(s.is_retryable(transport(true)));
  EXPECT_FALSE(s.is_retryable(transport(false)));  // e.g. TLS verification failed
  EXPECT_FALSE(s.is_retryable(aws_error("ValidationError", 400)));
  EXPECT_FALSE(s.is_retryable(aws_error("AccessDenied", 403)));
  EXPECT_FALSE(s.is_retryable(aws_error("NoSuchKey", 404)));
  EXPECT_FALSE(s.is_retryable(aws_error("NotImplemented", 501)));
  core::Error flagged = aws_error("ValidationError", 400);
  flagged.retryable = true;  // a protocol layer cannot make a 4xx validation error retryable
  EXPECT_FALSE(s.is_retryable(flagged));
}

TEST(RetryStrategy, FullJitterExponentialBackoffCappedAtTwentySeconds) {
  RetryStrategy top(RetryStrategy::Options{.max_attempts = 20, .random = [] { return 0.999999; }});
  core::Error e = aws_error("ThrottlingException", 400);
  EXPECT_EQ(top.next_delay(1, e), milliseconds(99));
  EXPECT_EQ(top.next_delay(2, e), milliseconds(199));
  EXPECT_EQ(top.next_delay(3, e), milliseconds(399));
  EXPECT_EQ(top.next_delay(12, e), milliseconds(19999));  // 100 ms * 2^11 = 204.8 s, capped
  RetryStrategy zero(RetryStrategy::Options{.max_attempts = 20, .random = [] { return 0.0; }});
  EXPECT_EQ(zero.next_delay(5, e), milliseconds(0));
  RetryStrategy half(fixed(0.5));
  EXPECT_EQ(half.next_delay(2, e), milliseconds(100));
}

TEST(RetryStrategy, GivesUpWhenAttemptsAreExhaustedOrErrorIsNotRetryable) {
  RetryStrategy s(fixed(0.5, 3));
  core::Error e = aws_error("InternalError", 500);
  EXPECT_TRUE(s.next_delay(1, e));
  EXPECT_TRUE(s.next_delay(2, e));
  EXPECT_FALSE(s.next_delay(3, e));
  EXPECT_FALSE(s.next_delay(1, aws_error("ValidationError", 400)));
}

TEST(RetryStrategy, TokenBucketStopsRetryStormsAndRefillsOnSuccess) {
  RetryStrategy s(RetryStrategy::Options{.max_attempts = 3, .bucket_capacity = 12, .random = [] { return 0.0; }});
  core::Error e = aws_error("ServiceUnavailable", 503);
  EXPECT_TRUE(s.next_delay(1, e));  // 12 -> 7
  EXPECT_TRUE(s.next_delay(1, e));  // 7 -> 2
  EXPECT_FALSE(s.next_delay(1, e)) << "bucket holds 2 tokens, a retry costs 5";
  EXPECT_EQ(s.tokens(), 2);
  s.on_success(2);  // a success after a retry returns that retry's cost
  EXPECT_EQ(s.tokens(), 7);
  s.on_success(1);
  EXPECT_EQ(s.tokens(), 8);
  EXPECT_FALSE(s.next_delay(1, transport(true))) << "transport retries cost 10";
  for (int i = 0; i < 10; ++i) s.on_success(2);
  EXPECT_EQ(s.tokens(), 12) << "never above capacity";
}

TEST(WithRetries, ThrottlingThenSuccess) {
  RetryStrategy s(fixed(0.5));
  core::FixedClock clock(core::TimePoint{});
  int calls = 0;
  auto r = with_retries<int>(s, clock, [&]() -> core::Result<int> {
    if (++calls == 1) return core::fail(aws_error("ThrottlingException", 400));
    return 42;
  });
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(*r, 42);
  EXPECT_EQ(calls, 2);
  EXPECT_EQ(clock.now(), core::TimePoint{} + milliseconds(50)) << "slept the jittered delay on the clock";
}

TEST(WithRetries, ServerErrorsUntilAttemptsRunOutSayHowManyAttempts) {
  RetryStrategy s(fixed(0.5, 3));
  core::FixedClock clock(core::TimePoint{});
  int calls = 0;
  auto r = with_retries<int>(s, clock, [&]() -> core::Result<int> {
    ++calls;
    return core::fail(aws_error("InternalFailure", 500));
  });
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(calls, 3);
  EXPECT_EQ(r.error().code, "InternalFailure");
  EXPECT_EQ(r.error().http_status, 500);
  EXPECT_NE(r.error().message.find("after 3 attempts"), std::string::npos) << r.error().message;
}

TEST(WithRetries, ValidationErrorIsNotRetried) {
  RetryStrategy s(fixed(0.5, 5));
  core::FixedClock clock(core::TimePoint{});
  int calls = 0;
  auto r = with_retries<int>(s, clock, [&]() -> core::Result<int> {
    ++calls;
    return core::fail(aws_error("ValidationError", 400));
  });
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(calls, 1);
  EXPECT_EQ(r.error().message, "message");
  EXPECT_EQ(clock.now(), core::TimePoint{});
}

TEST(RetryOptions, FromEnvironmentThenProfileThenDefault) {
  testing::EnvGuard env;
  auto d = retry_options(std::nullopt);
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(d->max_attempts, 3);
  std::filesystem::create_directories(env.home() / ".aws");
  ASSERT_TRUE(
      core::write_file_atomic(env.home() / ".aws/config", "[default]\nmax_attempts = 7\n[profile ci]\nmax_attempts=2\n")
          .ok());
  EXPECT_EQ(retry_options(std::nullopt)->max_attempts, 7);
  EXPECT_EQ(retry_options("ci")->max_attempts, 2);
  env.set("AWS_MAX_ATTEMPTS", "5");
  EXPECT_EQ(retry_options("ci")->max_attempts, 5);
  env.set("AWS_MAX_ATTEMPTS", "zero");
  auto bad = retry_options(std::nullopt);
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().code, "aws.retry.config");
  EXPECT_NE(bad.error().message.find("AWS_MAX_ATTEMPTS"), std::string::npos);
}

TEST(IdempotencyToken, IsAVersion4UuidAndFreshEachTime) {
  std::string a = idempotency_token();
  std::string b = idempotency_token();
  EXPECT_NE(a, b);
  ASSERT_EQ(a.size(), 36u);
  EXPECT_EQ(a[8], '-');
  EXPECT_EQ(a[14], '4');
  EXPECT_NE(std::string("89ab").find(a[19]), std::string::npos) << a;
  std::uint64_t n = 0;
  EXPECT_EQ(idempotency_token([&] { return n++ == 0 ? 0x0123456789abcdefULL : 0xfedcba9876543210ULL; }),
            "01234567-89ab-4def-bedc-ba9876543210");
}

}  // namespace
}  // namespace hoplite::aws
