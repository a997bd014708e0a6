#pragma once
/// \file
/// Execution history events, exactly as Step Functions' GetExecutionHistory reports them: type
/// names, ids, `previousEventId`, and one `…EventDetails` member with AWS's field names.

#include <cstdint>
#include <string>

#include "hoplite/core/clock.hpp"

namespace hoplite::sfn {

struct HistoryEvent {
  std::int64_t id = 0;                 ///< 1, 2, ... in the order the events happened
  std::int64_t previous_event_id = 0;  ///< the event this one follows from (0 for the first)
  core::TimePoint timestamp{};
  std::string type;            ///< `ExecutionStarted`, `PassStateEntered`, `TaskScheduled`, ...
  std::string details_member;  ///< `stateEnteredEventDetails`, ...; empty for events without details
  std::string details;         ///< the details member's value, a JSON object (text); empty when none

  /// The event as one element of GetExecutionHistory's `events` (JSON object text; `timestamp`
  /// is epoch seconds with milliseconds, as the JSON protocol writes timestamps).
  [[nodiscard]] std::string to_json() const;
};

}  // namespace hoplite::sfn
