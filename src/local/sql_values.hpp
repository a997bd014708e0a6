#pragma once
/// \file Small conversions between the services' values and SQL columns: optional text as NULL,
/// times as milliseconds since the epoch (what every service table stores).

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>

#include "hoplite/core/clock.hpp"
#include "local/store/database.hpp"

namespace hoplite::local {

/// NULL for an absent value.
inline store::Value nullable(const std::optional<std::string>& s) { return s ? store::Value{*s} : store::Value{}; }
inline store::Value nullable(const std::optional<std::int64_t>& n) { return n ? store::Value{*n} : store::Value{}; }

inline std::int64_t to_millis(core::TimePoint t) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(t.time_since_epoch()).count();
}

/// The smallest string greater than every string starting with `prefix` (the end of a range scan
/// `name >= prefix AND name < end`), or "" when there is none (a prefix of 0xFF bytes).
inline std::string prefix_end(std::string prefix) {
  while (!prefix.empty()) {
    auto& last = reinterpret_cast<unsigned char&>(prefix.back());
    if (last != 0xFF) {
      ++last;
      return prefix;
    }
    prefix.pop_back();
  }
  return {};
}

inline core::TimePoint from_millis(std::int64_t millis) {
  return core::TimePoint{} + std::chrono::milliseconds(millis);
}

}  // namespace hoplite::local
