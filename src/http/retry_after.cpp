#include "hoplite/http/retry_after.hpp"

#include <algorithm>

namespace hoplite::http {
namespace {
constexpr long long kOneDayMs = 24LL * 3600 * 1000;
}  // namespace

std::optional<long long> retry_after_ms(const Response& response, core::TimePoint now) {
  auto value = response.headers.get("Retry-After");
  if (!value || value->empty()) return std::nullopt;
  const std::string& v = *value;
  if (std::all_of(v.begin(), v.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    // Digits only; more than 6 of them is more than a day anyway.
    if (v.size() > 6) return kOneDayMs;
    return std::min(kOneDayMs, std::stoll(v) * 1000);
  }
  auto when = core::parse_http_date(v);
  if (!when) return std::nullopt;
  // In whole milliseconds since the epoch: subtracting two far-apart TimePoints could overflow.
  long long ms = core::to_epoch_millis(*when) - core::to_epoch_millis(now);
  return std::clamp<long long>(ms, 0, kOneDayMs);
}

}  // namespace hoplite::http
