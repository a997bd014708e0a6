#pragma once
/// \file
/// The one seam for time. Nothing in hoplite reads the wall clock except through a Clock, so
/// tests can fix time and builds can be reproducible (SOURCE_DATE_EPOCH).

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>

#include "hoplite/core/time_format.hpp"  // TimePoint (and the text forms of times)

namespace hoplite::core {

/// Tells the time. Abstract so tests can fix or advance it; the real one is SystemClock.
class Clock {
 public:
  virtual ~Clock() = default;
  /// The current time (a fake's fixed or advanced time).
  [[nodiscard]] virtual TimePoint now() const = 0;
  /// Sleeps (the real clock) or advances time (a fake), so retry loops are testable instantly.
  virtual void sleep_for(std::chrono::milliseconds d) = 0;
};

/// The machine's clock.
class SystemClock final : public Clock {
 public:
  [[nodiscard]] TimePoint now() const override;
  void sleep_for(std::chrono::milliseconds d) override;
};

/// A clock that stands still until told to move; `sleep_for` advances it.
class FixedClock final : public Clock {
 public:
  /// A clock that reads `t` until set() or sleep_for() moves it.
  explicit FixedClock(TimePoint t) : now_(t) {}
  [[nodiscard]] TimePoint now() const override { return now_; }
  void sleep_for(std::chrono::milliseconds d) override { now_ += d; }
  /// Moves the clock to `t` (backwards too).
  void set(TimePoint t) { now_ = t; }

 private:
  TimePoint now_;
};

/// The process-wide real clock.
Clock& system_clock();

/// Seconds from `SOURCE_DATE_EPOCH` (https://reproducible-builds.org/specs/source-date-epoch/);
/// nullopt when unset. A set but malformed value is an error the caller reports (`error` filled).
[[nodiscard]] std::optional<std::int64_t> source_date_epoch(std::string* error = nullptr);

/// The time reproducible artifacts are stamped with: SOURCE_DATE_EPOCH, else the Unix epoch (0).
/// Never the wall clock.
[[nodiscard]] std::int64_t build_epoch_seconds();

}  // namespace hoplite::core
