#include "hoplite/aws/retry.hpp"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <random>
#include <string_view>

#include "hoplite/aws/profile.hpp"

namespace hoplite::aws {
namespace {

constexpr int kRetryCost = 5;            // tokens a retry takes
constexpr int kTransportRetryCost = 10;  // ... after a dropped connection or timeout
constexpr int kNoRetryIncrement = 1;     // tokens a first-try success puts back

bool is_one_of(std::string_view code, std::initializer_list<std::string_view> codes) {
  return std::find(codes.begin(), codes.end(), code) != codes.end();
}

}  // namespace

RetryStrategy::RetryStrategy() : RetryStrategy(Options{}) {}

RetryStrategy::RetryStrategy(Options o) : options_(std::move(o)), tokens_(options_.bucket_capacity) {
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

bool RetryStrategy::is_throttling(const core::Error& e) {
  if (e.http_status == 429) return true;
  return is_one_of(
      e.code, {"Throttling", "ThrottlingException", "ThrottledException", "RequestThrottledException",
               "TooManyRequestsException", "ProvisionedThroughputExceededException", "TransactionInProgressException",
               "RequestLimitExceeded", "BandwidthLimitExceeded", "LimitExceededException", "RequestThrottled",
               "SlowDown", "PriorRequestNotComplete", "EC2ThrottledException"});
}

bool RetryStrategy::is_retryable(const core::Error& e) const {
  if (is_throttling(e)) return true;
  if (is_one_of(e.code, {"RequestTimeout", "RequestTimeoutException", "InternalError", "InternalFailure",
                         "ServiceUnavailable", "IDPCommunicationError"}))
    return true;
  if (e.http_status &&
      (*e.http_status == 500 || *e.http_status == 502 || *e.http_status == 503 || *e.http_status == 504))
    return true;
  // Other 4xx answers (validation, access denied, not found) will not change on a retry.
  if (e.http_status && *e.http_status >= 400 && *e.http_status < 500) return false;
  return e.retryable;  // transport errors say themselves whether a retry may help
}

std::optional<std::chrono::milliseconds> RetryStrategy::next_delay(int attempt, const core::Error& e) {
  if (attempt >= options_.max_attempts || !is_retryable(e)) return std::nullopt;
  int cost = e.code == "http.transport" ? kTransportRetryCost : kRetryCost;
  {
    std::lock_guard lock(mutex_);
    if (tokens_ < cost) return std::nullopt;
    tokens_ -= cost;
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

std::string idempotency_token(const std::function<std::uint64_t()>& random) {
  std::uint64_t hi = 0, lo = 0;
  if (random) {
    hi = random();
    lo = random();
  } else {
    std::random_device rd;
    hi = (std::uint64_t{rd()} << 32) | rd();
    lo = (std::uint64_t{rd()} << 32) | rd();
  }
  hi = (hi & ~std::uint64_t{0xF000}) | 0x4000;                           // version 4
  lo = (lo & ~(std::uint64_t{0xC} << 60)) | (std::uint64_t{0x8} << 60);  // RFC 4122 variant
  char buf[37];
  std::snprintf(buf, sizeof buf, "%08x-%04x-%04x-%04x-%012llx", static_cast<unsigned>(hi >> 32),
                static_cast<unsigned>((hi >> 16) & 0xFFFF), static_cast<unsigned>(hi & 0xFFFF),
                static_cast<unsigned>(lo >> 48), static_cast<unsigned long long>(lo & 0xFFFFFFFFFFFFULL));
  return buf;
}

core::Result<RetryStrategy::Options> retry_options(const std::optional<std::string>& profile) {
  RetryStrategy::Options o;
  std::string source;
  std::optional<std::string> raw;
  if (const char* env = std::getenv("AWS_MAX_ATTEMPTS"); env != nullptr && *env != '\0') {
    raw = env;
    source = "AWS_MAX_ATTEMPTS";
  } else {
    auto cfg = load_shared_config();
    if (!cfg) return cfg.failure("reading retry settings");
    std::string name = selected_profile(profile);
    if (auto p = cfg->profile(name)) {
      raw = p->get("max_attempts");
      source = "max_attempts in profile " + name;
    }
  }
  if (raw) {
    char* end = nullptr;
    long v = std::strtol(raw->c_str(), &end, 10);
    if (end == raw->c_str() || *end != '\0' || v < 1 || v > 100)
      return core::fail("aws.retry.config", source + "='" + *raw + "' is not a whole number from 1 to 100");
    o.max_attempts = static_cast<int>(v);
  }
  return o;
}

}  // namespace hoplite::aws
