#include "hoplite/core/retry.hpp"

#include <algorithm>
#include <memory>
#include <random>
#include <utility>

#include <fmt/format.h>

#include "hoplite/core/log.hpp"

namespace hoplite::core {
namespace {

constexpr int kRetryCost = 5;            // tokens a retry takes
constexpr int kTransportRetryCost = 10;  // ... after a dropped connection or timeout
constexpr int kNoRetryIncrement = 1;     // tokens a first-try success puts back

}  // namespace

RetryStrategy::RetryStrategy() : RetryStrategy(RetryOptions{}) {}

RetryStrategy::RetryStrategy(RetryOptions o) : options_(std::move(o)), tokens_(options_.bucket_capacity) {
  if (options_.max_attempts < 1) options_.max_attempts = 1;
  if (!options_.random) {
    auto state = std::make_shared<std::pair<std::mutex, std::mt19937_64>>();
    state->second.seed(std::random_device{}());
    options_.random = [state] {
      std::lock_guard lock(state->first);
      return std::uniform_real_distribution<double>(0.0, 1.0)(state->second);
    };
  }
}

std::optional<std::chrono::milliseconds> RetryStrategy::next_delay(int attempt, const Error& e) {
  if (attempt >= options_.max_attempts || !e.retryable) return std::nullopt;
  int cost = e.code == "http.transport" ? kTransportRetryCost : kRetryCost;
  {
    std::lock_guard lock(mutex_);
    if (tokens_ < cost) return std::nullopt;
    tokens_ -= cost;
  }
  if (e.retry_after_ms) {
    // The peer said when; a hostile or confused peer does not get to park us for an hour.
    long long asked = std::max(0LL, *e.retry_after_ms);
    return std::chrono::milliseconds(std::min<long long>(asked, options_.max_retry_after.count()));
  }
  // Full jitter: uniform in [0, min(cap, base * 2^(attempt-1))].
  double ceiling = static_cast<double>(options_.base.count());
  for (int i = 1; i < attempt && ceiling < static_cast<double>(options_.cap.count()); ++i) ceiling *= 2;
  ceiling = std::min(ceiling, static_cast<double>(options_.cap.count()));
  double r = std::clamp(options_.random(), 0.0, 1.0);
  return std::chrono::milliseconds(static_cast<std::int64_t>(r * ceiling));
}

void RetryStrategy::on_success(int attempts) {
  std::lock_guard lock(mutex_);
  tokens_ = std::min(options_.bucket_capacity, tokens_ + (attempts > 1 ? kRetryCost : kNoRetryIncrement));
}

int RetryStrategy::tokens() const {
  std::lock_guard lock(mutex_);
  return tokens_;
}

namespace detail {

RetryLoop::RetryLoop(RetryStrategy& strategy, Clock& clock, const RetryCall& call)
    : strategy_(strategy), clock_(clock), call_(call) {}

Attempt RetryLoop::attempt() const {
  Attempt a{.number = number_};
  if (call_.deadline) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(*call_.deadline - clock_.now());
    int attempts_left = std::max(1, strategy_.options().max_attempts - number_ + 1);
    // At least 1 ms: a zero budget would read as "no limit" to a client.
    a.budget = std::max(std::chrono::milliseconds(1), left / attempts_left);
  }
  return a;
}

bool RetryLoop::retry(const Error& e, Error& final) {
  const TimePoint now = clock_.now();
  // Budgets are whole milliseconds (attempt() rounds what is left down), so an attempt that used
  // the rest of the deadline ends up to 1 ms before it: that attempt was stopped by the deadline.
  bool past_deadline = call_.deadline && now + std::chrono::milliseconds(1) > *call_.deadline;
  std::optional<std::chrono::milliseconds> delay;
  if (!past_deadline) delay = strategy_.next_delay(number_, e);
  if (delay && call_.deadline && now + *delay >= *call_.deadline) {
    past_deadline = true;
    delay.reset();
  }
  if (!delay) {
    // The error already says what failed (each layer adds its context); the loop adds how it ended.
    final = e;
    if (past_deadline && e.retryable) {
      final.code = "deadline_exceeded";
      final.retryable = false;
      final = final.context(fmt::format("gave up at the deadline after {} attempt{} (last error {})", number_,
                                        number_ == 1 ? "" : "s", e.code));
    } else if (number_ > 1) {
      final = final.context(fmt::format("gave up after {} attempts", number_));
    }
    return false;
  }
  ++number_;
  log::info("{}{}; retrying in {} (attempt {} of {})", call_.what.empty() ? "" : call_.what + ": ", e.to_string(),
            describe_duration(*delay), number_, strategy_.options().max_attempts);
  if (call_.on_retry) call_.on_retry(RetryEvent{call_.what, e, number_, *delay});
  clock_.sleep_for(*delay);
  return true;
}

}  // namespace detail

std::string describe_duration(std::chrono::milliseconds d) {
  long long ms = d.count();
  if (ms < 1000) return fmt::format("{} ms", ms);
  if (ms < 60'000) return fmt::format("{:.1f} s", static_cast<double>(ms) / 1000.0);
  if (ms < 3'600'000) return fmt::format("{} min {} s", ms / 60'000, ms % 60'000 / 1000);
  return fmt::format("{} h {} min", ms / 3'600'000, ms % 3'600'000 / 60'000);
}

}  // namespace hoplite::core
