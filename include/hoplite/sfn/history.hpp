#pragma once
/// \file
/// Execution history events, exactly as Step Functions' GetExecutionHistory reports them: type
/// names, ids, `previousEventId`, and one `…EventDetails` member with AWS's field names.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "hoplite/core/clock.hpp"

namespace hoplite::sfn {

/// Every HistoryEventType of the Step Functions API, spelled as AWS spells them (so they grep
/// with AWS's documentation).
enum class EventType : std::uint8_t {
  ActivityFailed,
  ActivityScheduled,
  ActivityScheduleFailed,
  ActivityStarted,
  ActivitySucceeded,
  ActivityTimedOut,
  ChoiceStateEntered,
  ChoiceStateExited,
  ExecutionAborted,
  ExecutionFailed,
  ExecutionStarted,
  ExecutionSucceeded,
  ExecutionTimedOut,
  FailStateEntered,
  LambdaFunctionFailed,
  LambdaFunctionScheduled,
  LambdaFunctionScheduleFailed,
  LambdaFunctionStarted,
  LambdaFunctionStartFailed,
  LambdaFunctionSucceeded,
  LambdaFunctionTimedOut,
  MapIterationAborted,
  MapIterationFailed,
  MapIterationStarted,
  MapIterationSucceeded,
  MapStateAborted,
  MapStateEntered,
  MapStateExited,
  MapStateFailed,
  MapStateStarted,
  MapStateSucceeded,
  ParallelStateAborted,
  ParallelStateEntered,
  ParallelStateExited,
  ParallelStateFailed,
  ParallelStateStarted,
  ParallelStateSucceeded,
  PassStateEntered,
  PassStateExited,
  SucceedStateEntered,
  SucceedStateExited,
  TaskFailed,
  TaskScheduled,
  TaskStarted,
  TaskStartFailed,
  TaskStateAborted,
  TaskStateEntered,
  TaskStateExited,
  TaskSubmitFailed,
  TaskSubmitted,
  TaskSucceeded,
  TaskTimedOut,
  WaitStateAborted,
  WaitStateEntered,
  WaitStateExited,
  MapRunAborted,
  MapRunFailed,
  MapRunStarted,
  MapRunSucceeded,
};

/// `PassStateEntered`, ... (the API's `type`).
[[nodiscard]] const char* to_string(EventType type);
/// The type named `name`; nullopt for any other text.
[[nodiscard]] std::optional<EventType> parse_event_type(std::string_view name);
/// The member that holds the event's details (`stateEnteredEventDetails`); "" for types that
/// have none (`ParallelStateStarted`, `MapStateSucceeded`, ...).
[[nodiscard]] const char* details_member(EventType type);

/// One event of an execution's history, as GetExecutionHistory returns it.
struct HistoryEvent {
  std::int64_t id = 0;                           ///< 1, 2, ... in the order the events happened
  std::int64_t previous_event_id = 0;            ///< the event this one follows from (0 for the first)
  core::TimePoint timestamp{};                   ///< when it happened (the engine's clock)
  EventType type = EventType::ExecutionStarted;  ///< which event; it names the details member
  std::string details;  ///< the details member's value, a JSON object (text); empty for types without

  /// The event as one element of GetExecutionHistory's `events` (JSON object text; `timestamp`
  /// is epoch seconds with milliseconds, as the JSON protocol writes timestamps).
  [[nodiscard]] std::string to_json() const;
};

}  // namespace hoplite::sfn
