#pragma once
/// \file
/// The one retry engine: every network operation in hoplite (AWS API calls, credential
/// fetches, registry requests) retries through `with_retries`, so they all back off the same way,
/// log the same way and stop at the same deadline.
///
/// The policy is the AWS SDKs' "standard" retry mode: full-jitter exponential backoff capped at
/// 20 s, a token bucket that stops retry storms when a peer is struggling, and a bounded number
/// of attempts; plus what the standard mode leaves out and a deployer needs: the peer's
/// `Retry-After` is honoured (capped), every retry is logged at info level, and an operation has an
/// overall deadline that no attempt or wait outlives.
///
/// **Example**:
/// \code
///   core::RetryStrategy strategy({.max_attempts = 5});
///   core::RetryCall call{.what = "uploading blob sha256:ab…", .deadline = clock.now() + 20min};
///   auto r = core::with_retries<http::Response>(strategy, clock, call, [&](const core::Attempt& a) {
///     request.timeout = a.budget.value_or(0ms);   // no single attempt eats the whole deadline
///     return client.send(request);
///   });
/// \endcode

#include <chrono>
#include <cstdint>
#include <functional>
#include <mutex>
#include <optional>
#include <string>

#include "hoplite/core/clock.hpp"
#include "hoplite/core/error.hpp"
#include "hoplite/core/result.hpp"

namespace hoplite::core {

/// How many times and how long to retry.
struct RetryOptions {
  /// Attempts in total, the first included. Default 3 (the AWS default; AWS_MAX_ATTEMPTS and a
  /// profile's `max_attempts` set it for AWS calls). Values below 1 count as 1.
  int max_attempts = 3;
  /// Backoff before attempt n+1 is uniform in [0, min(cap, base * 2^(n-1))]. Default 100 ms.
  std::chrono::milliseconds base{100};
  /// Largest backoff. Default 20 s.
  std::chrono::milliseconds cap{20'000};
  /// Largest `Retry-After` honoured: a peer asking for more gets this much. Default 20 s.
  std::chrono::milliseconds max_retry_after{20'000};
  /// Tokens in the retry bucket; a retry takes 5 (10 after a transport failure), a success puts
  /// back what its retries took (1 when it needed none). Default 500.
  int bucket_capacity = 500;
  /// Uniform random numbers in [0, 1) for the jitter. Default: a seeded std::mt19937_64.
  std::function<double()> random;
};

/// Decides whether and when to retry. Thread-safe; share one per client so that its token bucket
/// sees every call of that client.
///
/// An error is retried when its producer marked it `retryable` (each protocol layer knows its
/// transient failures: AWS throttling codes and 5xx, registry 5xx/408/429, dropped connections).
class RetryStrategy {
 public:
  RetryStrategy();
  /// A strategy with these delays and attempt limits.
  explicit RetryStrategy(RetryOptions options);

  /// The options the strategy was made with.
  [[nodiscard]] const RetryOptions& options() const { return options_; }

  /// After attempt `attempt` (1-based) failed with `e`: how long to wait before the next one, or
  /// nullopt to give up (not retryable, attempts exhausted, or bucket empty). Takes bucket tokens.
  /// The wait is the jittered backoff, or the peer's `Retry-After` (capped) when it sent one.
  std::optional<std::chrono::milliseconds> next_delay(int attempt, const Error& e);

  /// Call when an operation succeeded after `attempts` attempts; refills the bucket.
  void on_success(int attempts = 1);

  /// Tokens left (for tests and debug logs).
  [[nodiscard]] int tokens() const;

 private:
  RetryOptions options_;
  mutable std::mutex mutex_;
  int tokens_;
};

/// What a retry loop reports to observers (progress displays, tests) besides its log line.
struct RetryEvent {
  const std::string& what;          ///< RetryCall::what
  const Error& error;               ///< why the attempt failed
  int next_attempt;                 ///< the attempt about to start after the wait (2, 3, …)
  std::chrono::milliseconds delay;  ///< the wait
};

/// One operation to retry.
struct RetryCall {
  /// What is being done, for the log line of each retry: `aws cloudformation DescribeStacks`,
  /// `uploading blob sha256:ab…`. Default: empty.
  std::string what;
  /// The instant by which the operation must be over; default none. No wait ends after it, and a
  /// failure after it gives up with code `deadline_exceeded`.
  std::optional<TimePoint> deadline;
  /// Called before each wait, after the engine has logged the retry at info level; default none.
  std::function<void(const RetryEvent&)> on_retry;
};

/// What the attempt function learns about its attempt.
struct Attempt {
  int number = 1;  ///< 1 for the first attempt
  /// The time this attempt may take: what is left before the deadline, shared evenly among the
  /// attempts left, so one stalled request cannot use up the whole deadline. Callers pass it on as
  /// the request timeout. nullopt without a deadline.
  std::optional<std::chrono::milliseconds> budget;
};

namespace detail {

/// The non-template part of with_retries: deadline, logging, sleeping.
class RetryLoop {
 public:
  RetryLoop(RetryStrategy& strategy, Clock& clock, const RetryCall& call);
  /// The attempt about to start.
  [[nodiscard]] Attempt attempt() const;
  /// After the current attempt failed with `e`: waits and returns true to try again, or returns
  /// false with the error to report in `final`.
  bool retry(const Error& e, Error& final);
  void succeeded() { strategy_.on_success(number_); }

 private:
  RetryStrategy& strategy_;
  Clock& clock_;
  const RetryCall& call_;
  int number_ = 1;
};

}  // namespace detail

/// Calls `fn` until it succeeds, fails with an error that is not retryable, the strategy gives up
/// or the deadline passes, sleeping on `clock` in between. Each retry is logged at info level:
/// `<what>: <error>; retrying in 1.2 s (attempt 2 of 3)`. A final error after retries says so:
/// `gave up after 3 attempts: <error>`; past the deadline its code is `deadline_exceeded` and
/// its message `gave up at the deadline after 2 attempts (last error http.transport): <error>`.
template <typename T>
Result<T> with_retries(RetryStrategy& strategy, Clock& clock, const RetryCall& call,
                       const std::function<Result<T>(const Attempt&)>& fn) {
  detail::RetryLoop loop(strategy, clock, call);
  for (;;) {
    Result<T> r = fn(loop.attempt());
    if (r.ok()) {
      loop.succeeded();
      return r;
    }
    Error final;
    if (!loop.retry(r.error(), final)) return fail(std::move(final));
  }
}

/// `1.2 s`, `250 ms`, `3 min` — a wait for people.
[[nodiscard]] std::string describe_duration(std::chrono::milliseconds d);

}  // namespace hoplite::core
