#include "hoplite/core/clock.hpp"

#include <cerrno>
#include <cstdlib>
#include <ctime>
#include <thread>

#include <fmt/format.h>

namespace hoplite::core {

TimePoint SystemClock::now() const { return std::chrono::system_clock::now(); }

void SystemClock::sleep_for(std::chrono::milliseconds d) { std::this_thread::sleep_for(d); }

Clock& system_clock() {
  static SystemClock clock;
  return clock;
}

std::optional<std::int64_t> source_date_epoch(std::string* error) {
  const char* raw = std::getenv("SOURCE_DATE_EPOCH");
  if (raw == nullptr || *raw == '\0') return std::nullopt;
  char* end = nullptr;
  errno = 0;
  long long v = std::strtoll(raw, &end, 10);
  if (errno != 0 || end == raw || *end != '\0' || v < 0) {
    if (error) *error = fmt::format("SOURCE_DATE_EPOCH='{}' is not a non-negative integer of seconds", raw);
    return std::nullopt;
  }
  return static_cast<std::int64_t>(v);
}

std::int64_t build_epoch_seconds() { return source_date_epoch().value_or(0); }

std::string format_iso8601(TimePoint t) {
  std::time_t secs = std::chrono::system_clock::to_time_t(t);
  std::tm tm{};
  gmtime_r(&secs, &tm);
  return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour,
                     tm.tm_min, tm.tm_sec);
}

}  // namespace hoplite::core
