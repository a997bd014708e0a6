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

}  // namespace hoplite::core
