#pragma once
/// \file
/// Timestamps as text and as numbers: RFC 3339 / ISO 8601 formatting and parsing, epoch
/// seconds and milliseconds. The one copy used by the AWS protocols (XML timestamps, JSON epoch
/// numbers), credential expirations, image configs, logs and the States Language.
///
/// Every function is total: hostile text or numbers (year 99999, NaN, 1e300 seconds) give nullopt,
/// never undefined behaviour. TimePoint holds nanoseconds, so representable times are roughly the
/// years 1678 to 2261; anything outside is refused rather than wrapped.
///
/// **Example**:
/// \code
///   auto t = core::parse_iso8601("2025-01-01T01:00:00.250+01:00");   // 2025-01-01T00:00:00.250Z
///   core::format_iso8601(*t);                                         // "2025-01-01T00:00:00Z"
///   core::format_iso8601_millis(*t);                                  // "2025-01-01T00:00:00.250Z"
///   core::from_epoch_seconds(1735689600.25);                          // the same instant
/// \endcode

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace hoplite::core {

/// A point in UTC time; hoplite's times come from a core::Clock.
using TimePoint = std::chrono::system_clock::time_point;

/// How strictly parse_iso8601 reads.
enum class TimestampSyntax {
  /// What AWS responses, credential files and image configs contain: `T`, `t` or a space between
  /// date and time; optional fraction; `Z`, `z`, `±hh:mm` or no zone at all (read as UTC).
  lenient,
  /// The Amazon States Language's RFC 3339 profile: upper-case `T`, a fraction of at least one
  /// digit if any, and a zone that is upper-case `Z` or `±hh:mm`.
  rfc3339,
};

/// Parses `YYYY-MM-DDThh:mm:ss[.fraction][zone]`. Fields are range-checked (month 1-12, the day
/// against the month, hour < 24, minute < 60, second <= 60 (a leap second reads as the next
/// second), zone offsets < 24:00); fractions keep nanoseconds and ignore further digits. nullopt
/// for anything else, or a time TimePoint cannot hold.
[[nodiscard]] std::optional<TimePoint> parse_iso8601(std::string_view text,
                                                     TimestampSyntax syntax = TimestampSyntax::lenient);

/// The HTTP date format (RFC 9110 section 5.6.7, IMF-fixdate): `Sun, 06 Nov 1994 08:49:37 GMT`, as
/// `Retry-After` and `Date` carry it. The obsolete RFC 850 and asctime forms give nullopt.
[[nodiscard]] std::optional<TimePoint> parse_http_date(std::string_view text);

/// `2026-11-26T05:39:02Z` (UTC, second precision; the fraction is dropped, not rounded).
[[nodiscard]] std::string format_iso8601(TimePoint t);

/// `2026-11-26T05:39:02.123Z` (UTC, millisecond precision, truncated) — log lines, event times.
[[nodiscard]] std::string format_iso8601_millis(TimePoint t);

/// A duration as people write it on a command line: a whole number followed by `ms`, `s`, `m` or
/// `h` (`90s`, `15m`, `1h`); a bare number is seconds. At most 7 days. nullopt otherwise.
[[nodiscard]] std::optional<std::chrono::milliseconds> parse_duration(std::string_view text);

/// Whole seconds since the Unix epoch (rounded towards negative infinity).
[[nodiscard]] std::int64_t to_epoch_seconds(TimePoint t);
/// Milliseconds since the Unix epoch (rounded towards negative infinity).
[[nodiscard]] std::int64_t to_epoch_millis(TimePoint t);

/// The instant `seconds` after the epoch, kept to the millisecond (JSON protocol timestamps are
/// numbers like `1735689600.25`). nullopt for NaN, infinities and values TimePoint cannot hold.
[[nodiscard]] std::optional<TimePoint> from_epoch_seconds(double seconds);
/// The instant `millis` after the epoch; nullopt when TimePoint cannot hold it.
[[nodiscard]] std::optional<TimePoint> from_epoch_millis(std::int64_t millis);

}  // namespace hoplite::core
