#pragma once
/// \file The AWS "standard" retry mode: which errors to retry, how long to wait, and a token bucket
/// that stops retry storms when a service is struggling.

#include <chrono>
#include <cstdint>
#include <functional>
#include <mutex>
#include <optional>
#include <string>

#include "hoplite/core/clock.hpp"
#include "hoplite/core/error.hpp"
#include "hoplite/core/result.hpp"

namespace hoplite::aws {

/// Decides whether and when to retry a failed call. One instance per client (the bucket is shared
/// by every call of that client); thread-safe.
///
/// - Retryable: throttling codes (Throttling, ThrottlingException, TooManyRequestsException,
///   RequestLimitExceeded, SlowDown, ...), transient codes (RequestTimeout, InternalError, ...),
///   HTTP 500/502/503/504, and transport errors marked retryable. Never other 4xx (validation,
///   access denied, not found).
/// - Delay before attempt n+1: uniform in [0, min(cap, base * 2^(n-1))] ("full jitter").
/// - Each retry takes 5 tokens from the bucket (10 after a timeout); a success puts back what its
///   retries took, or 1 token when it needed none. An empty bucket means: give up now.
class RetryStrategy {
 public:
  struct Options {
    int max_attempts = 3;  ///< total attempts including the first; AWS_MAX_ATTEMPTS / config `max_attempts`
    std::chrono::milliseconds base{100};
    std::chrono::milliseconds cap{20'000};
    int bucket_capacity = 500;
    /// Uniform random numbers in [0, 1); default: a seeded std::mt19937_64. Tests inject their own.
    std::function<double()> random;
  };

  RetryStrategy();
  explicit RetryStrategy(Options o);

  [[nodiscard]] const Options& options() const { return options_; }

  /// True for errors a retry may fix (see the class comment).
  [[nodiscard]] bool is_retryable(const core::Error& e) const;
  /// True for throttling error codes (HTTP 429 included).
  [[nodiscard]] static bool is_throttling(const core::Error& e);

  /// After attempt `attempt` (1-based) failed with `e`: how long to wait before the next one, or
  /// nullopt to give up (not retryable, attempts exhausted, or bucket empty). Takes bucket tokens.
  std::optional<std::chrono::milliseconds> next_delay(int attempt, const core::Error& e);

  /// Call when a call succeeded after `attempts` attempts; refills the bucket.
  void on_success(int attempts = 1);

  /// Tokens left (for tests and debug logs).
  [[nodiscard]] int tokens() const;

 private:
  Options options_;
  mutable std::mutex mutex_;
  int tokens_;
};

/// Retry options from the environment and config: AWS_MAX_ATTEMPTS, else the profile's
/// `max_attempts` (profile: `profile` or AWS_PROFILE/"default"), else 3. AWS_RETRY_MODE /
/// `retry_mode` other than "standard" ("legacy", "adaptive") is accepted and treated as standard.
/// Error `aws.retry.config` for a value that is not a positive integer.
core::Result<RetryStrategy::Options> retry_options(const std::optional<std::string>& profile);

/// A fresh idempotency token (a random UUID v4, `3f2b…-…`) for APIs that take one
/// (CloudFormation `ClientRequestToken`, ECS `clientToken`, ...). Make it once per logical call,
/// before the retry loop, so every retry of that call carries the same token and the service
/// runs the operation at most once. `random` (default: std::random_device) is for tests.
std::string idempotency_token(const std::function<std::uint64_t()>& random = {});

/// Calls `fn` until it succeeds, fails with an error that is not retryable, or `strategy` gives up,
/// sleeping on `clock` in between. The final error's message says how many attempts were made:
/// `after 3 attempts: <error>`. Used by the request pipeline and by credential fetches.
template <typename T>
core::Result<T> with_retries(RetryStrategy& strategy, core::Clock& clock, const std::function<core::Result<T>()>& fn) {
  for (int attempt = 1;; ++attempt) {
    core::Result<T> r = fn();
    if (r.ok()) {
      strategy.on_success(attempt);
      return r;
    }
    std::optional<std::chrono::milliseconds> delay = strategy.next_delay(attempt, r.error());
    if (!delay) {
      if (attempt == 1) return r;
      return core::fail(r.error().context("after " + std::to_string(attempt) + " attempts"));
    }
    clock.sleep_for(*delay);
  }
}

}  // namespace hoplite::aws
