#include "hoplite/core/time_format.hpp"

#include <cmath>
#include <limits>

#include <fmt/format.h>

namespace hoplite::core {
namespace {

using Nanos = TimePoint::duration;

// Seconds a TimePoint can hold either side of the epoch, with a margin for the fraction.
constexpr std::int64_t kMaxSeconds = std::numeric_limits<Nanos::rep>::max() / Nanos::period::den - 1;

/// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil): exact for
/// any year, no time_t or time zone involved.
constexpr std::int64_t days_from_civil(std::int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const auto yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

struct Civil {
  std::int64_t year;
  unsigned month;
  unsigned day;
};

/// The inverse of days_from_civil.
constexpr Civil civil_from_days(std::int64_t z) {
  z += 719468;
  const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const auto doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  return {static_cast<std::int64_t>(yoe) + era * 400 + (m <= 2), m, d};
}

constexpr bool is_leap(std::int64_t y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

constexpr unsigned days_in_month(std::int64_t y, unsigned m) {
  constexpr unsigned kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && is_leap(y) ? 29 : kDays[m - 1];
}

/// Reads exactly `n` decimal digits at `pos`.
bool read_digits(std::string_view s, std::size_t pos, std::size_t n, int& out) {
  if (pos + n > s.size()) return false;
  int v = 0;
  for (std::size_t i = pos; i < pos + n; ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
    v = v * 10 + (s[i] - '0');
  }
  out = v;
  return true;
}

std::string format(TimePoint t, bool millis) {
  const std::int64_t ms = to_epoch_millis(t);
  std::int64_t secs = ms >= 0 ? ms / 1000 : -((-ms + 999) / 1000);
  const auto frac = static_cast<int>(ms - secs * 1000);
  std::int64_t days = secs >= 0 ? secs / 86400 : -((-secs + 86399) / 86400);
  const std::int64_t rem = secs - days * 86400;
  const Civil c = civil_from_days(days);
  const auto hh = static_cast<int>(rem / 3600), mm = static_cast<int>(rem % 3600 / 60), ss = static_cast<int>(rem % 60);
  if (millis)
    return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:03}Z", c.year, c.month, c.day, hh, mm, ss, frac);
  return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z", c.year, c.month, c.day, hh, mm, ss);
}

}  // namespace

std::optional<TimePoint> parse_iso8601(std::string_view s, TimestampSyntax syntax) {
  const bool strict = syntax == TimestampSyntax::rfc3339;
  int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0;
  if (!read_digits(s, 0, 4, year) || s.size() < 19 || s[4] != '-' || !read_digits(s, 5, 2, month) || s[7] != '-' ||
      !read_digits(s, 8, 2, day) || !read_digits(s, 11, 2, hour) || s[13] != ':' || !read_digits(s, 14, 2, minute) ||
      s[16] != ':' || !read_digits(s, 17, 2, second))
    return std::nullopt;
  if (!(s[10] == 'T' || (!strict && (s[10] == 't' || s[10] == ' ')))) return std::nullopt;
  if (month < 1 || month > 12 || day < 1 || static_cast<unsigned>(day) > days_in_month(year, month) || hour > 23 ||
      minute > 59 || second > 60)
    return std::nullopt;
  std::size_t pos = 19;
  std::int64_t nanos = 0;
  if (pos < s.size() && s[pos] == '.') {
    ++pos;
    std::size_t start = pos;
    std::int64_t scale = 100'000'000;
    while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9') {
      nanos += (s[pos] - '0') * scale;
      scale /= 10;
      ++pos;
    }
    if (pos == start) return std::nullopt;
  }
  std::int64_t offset_seconds = 0;
  if (pos < s.size() && (s[pos] == '+' || s[pos] == '-')) {
    int oh = 0, om = 0;
    if (!read_digits(s, pos + 1, 2, oh) || pos + 3 >= s.size() || s[pos + 3] != ':' ||
        !read_digits(s, pos + 4, 2, om) || oh > 23 || om > 59)
      return std::nullopt;
    offset_seconds = (oh * 3600 + om * 60) * (s[pos] == '-' ? -1 : 1);
    pos += 6;
  } else if (pos < s.size() && (s[pos] == 'Z' || (!strict && s[pos] == 'z'))) {
    ++pos;
  } else if (strict) {
    return std::nullopt;  // RFC 3339 requires a zone
  }
  if (pos != s.size()) return std::nullopt;
  const std::int64_t secs = days_from_civil(year, static_cast<unsigned>(month), static_cast<unsigned>(day)) * 86400 +
                            hour * 3600 + minute * 60 + second - offset_seconds;
  if (secs > kMaxSeconds || secs < -kMaxSeconds) return std::nullopt;
  return TimePoint{} + std::chrono::duration_cast<Nanos>(std::chrono::seconds(secs) + std::chrono::nanoseconds(nanos));
}

std::optional<TimePoint> parse_http_date(std::string_view s) {
  // "Sun, 06 Nov 1994 08:49:37 GMT": fixed width, 29 characters.
  static constexpr std::string_view kDays[] = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
  static constexpr std::string_view kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                 "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  if (s.size() != 29 || s.substr(3, 2) != ", " || s[7] != ' ' || s[11] != ' ' || s[16] != ' ' || s[19] != ':' ||
      s[22] != ':' || s.substr(25) != " GMT")
    return std::nullopt;
  bool day_name_ok = false;
  for (auto d : kDays) day_name_ok = day_name_ok || s.substr(0, 3) == d;
  int month = 0;
  for (int i = 0; i < 12; ++i)
    if (s.substr(8, 3) == kMonths[i]) month = i + 1;
  int day = 0, year = 0, hour = 0, minute = 0, second = 0;
  if (!day_name_ok || month == 0 || !read_digits(s, 5, 2, day) || !read_digits(s, 12, 4, year) ||
      !read_digits(s, 17, 2, hour) || !read_digits(s, 20, 2, minute) || !read_digits(s, 23, 2, second))
    return std::nullopt;
  return parse_iso8601(fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z", year, month, day, hour, minute, second),
                       TimestampSyntax::rfc3339);
}

std::optional<std::chrono::milliseconds> parse_duration(std::string_view s) {
  std::size_t digits = 0;
  std::int64_t n = 0;
  while (digits < s.size() && s[digits] >= '0' && s[digits] <= '9') {
    if (digits == 9) return std::nullopt;  // no sensible duration needs ten digits
    n = n * 10 + (s[digits] - '0');
    ++digits;
  }
  if (digits == 0) return std::nullopt;
  std::string_view unit = s.substr(digits);
  std::int64_t ms = 0;
  if (unit == "ms") {
    ms = n;
  } else if (unit.empty() || unit == "s") {
    ms = n * 1000;
  } else if (unit == "m") {
    ms = n * 60'000;
  } else if (unit == "h") {
    ms = n * 3'600'000;
  } else {
    return std::nullopt;
  }
  if (ms > 7LL * 24 * 3'600'000) return std::nullopt;
  return std::chrono::milliseconds(ms);
}

std::string format_iso8601(TimePoint t) { return format(t, false); }

std::string format_iso8601_millis(TimePoint t) { return format(t, true); }

std::int64_t to_epoch_seconds(TimePoint t) {
  return std::chrono::floor<std::chrono::seconds>(t.time_since_epoch()).count();
}

std::int64_t to_epoch_millis(TimePoint t) {
  return std::chrono::floor<std::chrono::milliseconds>(t.time_since_epoch()).count();
}

std::optional<TimePoint> from_epoch_seconds(double seconds) {
  if (!std::isfinite(seconds) || seconds > static_cast<double>(kMaxSeconds) ||
      seconds < -static_cast<double>(kMaxSeconds))
    return std::nullopt;
  return from_epoch_millis(std::llround(seconds * 1000.0));
}

std::optional<TimePoint> from_epoch_millis(std::int64_t millis) {
  if (millis > kMaxSeconds * 1000 || millis < -kMaxSeconds * 1000) return std::nullopt;
  return TimePoint{} + std::chrono::duration_cast<Nanos>(std::chrono::milliseconds(millis));
}

}  // namespace hoplite::core
