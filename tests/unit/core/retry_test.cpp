#include "hoplite/core/retry.hpp"

#include <set>
#include <sstream>

#include <gtest/gtest.h>

#include "hoplite/core/log.hpp"

namespace hoplite::core {
namespace {

using std::chrono::milliseconds;

Error retryable(std::string code = "InternalError", int status = 500) {
  return Error{std::move(code), "boom", status, true, {}};
}
Error permanent() { return Error{"ValidationError", "bad input", 400, false, {}}; }
Error transport() { return Error{"http.transport", "GET http://x/: connection reset", std::nullopt, true, {}}; }

RetryOptions fixed(double r, int attempts = 3) {
  return RetryOptions{.max_attempts = attempts, .random = [r] { return r; }};
}

class RetryTest : public ::testing::Test {
 protected:
  void SetUp() override { log::configure({.level = log::Level::info}, log_); }
  void TearDown() override { log::configure(log::Options{}); }
  std::ostringstream log_;
  FixedClock clock_{TimePoint{}};
};

TEST(RetryStrategy, FullJitterExponentialBackoffCappedAtTwentySeconds) {
  RetryStrategy top(RetryOptions{.max_attempts = 20, .random = [] { return 0.999999; }});
  EXPECT_EQ(top.next_delay(1, retryable()), milliseconds(99));
  EXPECT_EQ(top.next_delay(2, retryable()), milliseconds(199));
  EXPECT_EQ(top.next_delay(3, retryable()), milliseconds(399));
  EXPECT_EQ(top.next_delay(12, retryable()), milliseconds(19999));  // 100 ms * 2^11 = 204.8 s, capped
  RetryStrategy zero(RetryOptions{.max_attempts = 20, .random = [] { return 0.0; }});
  EXPECT_EQ(zero.next_delay(5, retryable()), milliseconds(0));
  RetryStrategy half(fixed(0.5));
  EXPECT_EQ(half.next_delay(2, retryable()), milliseconds(100));
}

TEST(RetryStrategy, DefaultJitterVaries) {
  RetryStrategy s(RetryOptions{.max_attempts = 100});
  std::set<long long> seen;
  for (int i = 0; i < 20; ++i) seen.insert(s.next_delay(10, retryable())->count());
  EXPECT_GT(seen.size(), 5u) << "full jitter spreads retries of many clients apart";
}

TEST(RetryStrategy, GivesUpWhenAttemptsAreExhaustedOrErrorIsNotRetryable) {
  RetryStrategy s(fixed(0.5, 3));
  EXPECT_TRUE(s.next_delay(1, retryable()));
  EXPECT_TRUE(s.next_delay(2, retryable()));
  EXPECT_FALSE(s.next_delay(3, retryable()));
  EXPECT_FALSE(s.next_delay(1, permanent()));
}

TEST(RetryStrategy, HonoursRetryAfterUpToItsCap) {
  RetryStrategy s(
      RetryOptions{.max_attempts = 5, .max_retry_after = milliseconds(20'000), .random = [] { return 0.0; }});
  Error e = retryable("SlowDown", 503);
  e.retry_after_ms = 3000;
  EXPECT_EQ(s.next_delay(1, e), milliseconds(3000)) << "the peer's wait, not the jitter";
  e.retry_after_ms = 3'600'000;
  EXPECT_EQ(s.next_delay(1, e), milliseconds(20'000)) << "a peer cannot park us for an hour";
  e.retry_after_ms = -5;
  EXPECT_EQ(s.next_delay(1, e), milliseconds(0));
}

TEST(RetryStrategy, TokenBucketStopsRetryStormsAndRefillsOnSuccess) {
  RetryStrategy s(RetryOptions{.max_attempts = 3, .bucket_capacity = 12, .random = [] { return 0.0; }});
  EXPECT_TRUE(s.next_delay(1, retryable()));  // 12 -> 7
  EXPECT_TRUE(s.next_delay(1, retryable()));  // 7 -> 2
  EXPECT_FALSE(s.next_delay(1, retryable())) << "bucket holds 2 tokens, a retry costs 5";
  EXPECT_EQ(s.tokens(), 2);
  s.on_success(2);  // a success after a retry returns that retry's cost
  EXPECT_EQ(s.tokens(), 7);
  s.on_success(1);
  EXPECT_EQ(s.tokens(), 8);
  EXPECT_FALSE(s.next_delay(1, transport())) << "transport retries cost 10";
  for (int i = 0; i < 10; ++i) s.on_success(2);
  EXPECT_EQ(s.tokens(), 12) << "never above capacity";
}

TEST_F(RetryTest, RetriesUntilSuccessSleepingOnTheClockAndLoggingEachRetry) {
  RetryStrategy s(fixed(0.5));
  int calls = 0;
  std::vector<int> attempts_seen;
  RetryCall call{.what = "aws sts GetCallerIdentity",
                 .on_retry = [&](const RetryEvent& e) { attempts_seen.push_back(e.next_attempt); }};
  auto r = with_retries<int>(s, clock_, call, [&](const Attempt& a) -> Result<int> {
    EXPECT_EQ(a.number, calls + 1);
    EXPECT_FALSE(a.budget) << "no deadline, no budget";
    if (++calls == 1) return fail(retryable("ThrottlingException", 400));
    return 42;
  });
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(*r, 42);
  EXPECT_EQ(clock_.now(), TimePoint{} + milliseconds(50)) << "slept the jittered delay on the clock";
  EXPECT_EQ(attempts_seen, std::vector<int>{2});
  EXPECT_NE(log_.str().find("INFO  aws sts GetCallerIdentity: boom [ThrottlingException, HTTP 400]; retrying in "
                            "50 ms (attempt 2 of 3)"),
            std::string::npos)
      << log_.str();
}

TEST_F(RetryTest, FailuresUntilAttemptsRunOutSayHowManyAttempts) {
  RetryStrategy s(fixed(0.5, 3));
  int calls = 0;
  auto r = with_retries<void>(s, clock_, {.what = "x"}, [&](const Attempt&) -> Result<void> {
    ++calls;
    return fail(retryable());
  });
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(calls, 3);
  EXPECT_EQ(r.error().code, "InternalError");
  EXPECT_EQ(r.error().http_status, 500);
  EXPECT_EQ(r.error().message, "gave up after 3 attempts: boom");
}

TEST_F(RetryTest, PermanentErrorIsReturnedAsIsWithoutWaiting) {
  RetryStrategy s(fixed(0.5, 5));
  int calls = 0;
  auto r = with_retries<void>(s, clock_, {}, [&](const Attempt&) -> Result<void> {
    ++calls;
    return fail(permanent());
  });
  EXPECT_EQ(calls, 1);
  EXPECT_EQ(r.error().message, "bad input");
  EXPECT_EQ(clock_.now(), TimePoint{});
  EXPECT_EQ(log_.str(), "") << "nothing retried, nothing logged";
}

TEST_F(RetryTest, EachAttemptGetsItsShareOfTheTimeLeft) {
  RetryStrategy s(RetryOptions{.max_attempts = 4, .random = [] { return 0.0; }});
  std::vector<long long> budgets;
  RetryCall call{.deadline = TimePoint{} + milliseconds(8000)};
  auto r = with_retries<void>(s, clock_, call, [&](const Attempt& a) -> Result<void> {
    budgets.push_back(a.budget->count());
    clock_.sleep_for(*a.budget);  // the attempt uses all its time (a stalled peer)
    return fail(transport());
  });
  ASSERT_FALSE(r.ok());
  // 8000/4, then (8000-2000)/3, (8000-4000)/2, (8000-6000)/1: the deadline is met, never overrun.
  EXPECT_EQ(budgets, (std::vector<long long>{2000, 2000, 2000, 2000}));
  EXPECT_EQ(clock_.now(), TimePoint{} + milliseconds(8000));
  EXPECT_EQ(r.error().code, "deadline_exceeded");
  EXPECT_FALSE(r.error().retryable);
  EXPECT_NE(r.error().message.find("gave up at the deadline after 4 attempts (last error http.transport)"),
            std::string::npos)
      << r.error().message;
}

TEST_F(RetryTest, AnAttemptThatUsedTheRestOfTheDeadlineEndedAtTheDeadline) {
  // Budgets are whole milliseconds: with 8000.6 ms left the last attempt ends 0.6 ms early, and
  // it was still the deadline that stopped it (cli_hardening_test's dripping registry saw this).
  RetryStrategy s(RetryOptions{.max_attempts = 4, .random = [] { return 0.0; }});
  RetryCall call{.deadline = TimePoint{} + std::chrono::microseconds(8'000'600)};
  auto r = with_retries<void>(s, clock_, call, [&](const Attempt& a) -> Result<void> {
    clock_.sleep_for(*a.budget);
    return fail(transport());
  });
  ASSERT_FALSE(r.ok());
  EXPECT_LT(clock_.now(), *call.deadline);
  EXPECT_EQ(r.error().code, "deadline_exceeded");
  EXPECT_NE(r.error().message.find("gave up at the deadline after 4 attempts"), std::string::npos) << r.error().message;
}

TEST_F(RetryTest, NoWaitOutlastsTheDeadline) {
  RetryStrategy s(RetryOptions{.max_attempts = 10, .random = [] { return 0.0; }});
  Error slow = retryable("SlowDown", 503);
  slow.retry_after_ms = 15'000;
  int calls = 0;
  auto r = with_retries<void>(s, clock_, {.deadline = TimePoint{} + milliseconds(20'000)},
                              [&](const Attempt&) -> Result<void> {
                                ++calls;
                                return fail(slow);
                              });
  EXPECT_EQ(calls, 2) << "the third wait would end after the deadline";
  EXPECT_EQ(clock_.now(), TimePoint{} + milliseconds(15'000));
  EXPECT_EQ(r.error().code, "deadline_exceeded");
}

TEST_F(RetryTest, PermanentErrorAfterTheDeadlineKeepsItsCode) {
  RetryStrategy s(fixed(0.0));
  clock_.set(TimePoint{} + milliseconds(5000));
  auto r = with_retries<void>(s, clock_, {.deadline = TimePoint{} + milliseconds(1000)},
                              [&](const Attempt& a) -> Result<void> {
                                EXPECT_EQ(a.budget, milliseconds(1)) << "a budget is never zero (no limit)";
                                return fail(permanent());
                              });
  EXPECT_EQ(r.error().code, "ValidationError");
}

TEST(DescribeDuration, ReadsLikeAPersonWouldSayIt) {
  EXPECT_EQ(describe_duration(milliseconds(250)), "250 ms");
  EXPECT_EQ(describe_duration(milliseconds(1234)), "1.2 s");
  EXPECT_EQ(describe_duration(milliseconds(185'000)), "3 min 5 s");
  EXPECT_EQ(describe_duration(milliseconds(3'900'000)), "1 h 5 min");
}

}  // namespace
}  // namespace hoplite::core
