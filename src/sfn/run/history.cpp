#include "hoplite/sfn/history.hpp"

#include <fmt/format.h>

#include <array>
#include <string>

#include "hoplite/core/time_format.hpp"
#include "sfn/json/text.hpp"

namespace hoplite::sfn {
namespace {

constexpr std::array<const char*, 59> kNames = {
    "ActivityFailed",
    "ActivityScheduled",
    "ActivityScheduleFailed",
    "ActivityStarted",
    "ActivitySucceeded",
    "ActivityTimedOut",
    "ChoiceStateEntered",
    "ChoiceStateExited",
    "ExecutionAborted",
    "ExecutionFailed",
    "ExecutionStarted",
    "ExecutionSucceeded",
    "ExecutionTimedOut",
    "FailStateEntered",
    "LambdaFunctionFailed",
    "LambdaFunctionScheduled",
    "LambdaFunctionScheduleFailed",
    "LambdaFunctionStarted",
    "LambdaFunctionStartFailed",
    "LambdaFunctionSucceeded",
    "LambdaFunctionTimedOut",
    "MapIterationAborted",
    "MapIterationFailed",
    "MapIterationStarted",
    "MapIterationSucceeded",
    "MapStateAborted",
    "MapStateEntered",
    "MapStateExited",
    "MapStateFailed",
    "MapStateStarted",
    "MapStateSucceeded",
    "ParallelStateAborted",
    "ParallelStateEntered",
    "ParallelStateExited",
    "ParallelStateFailed",
    "ParallelStateStarted",
    "ParallelStateSucceeded",
    "PassStateEntered",
    "PassStateExited",
    "SucceedStateEntered",
    "SucceedStateExited",
    "TaskFailed",
    "TaskScheduled",
    "TaskStarted",
    "TaskStartFailed",
    "TaskStateAborted",
    "TaskStateEntered",
    "TaskStateExited",
    "TaskSubmitFailed",
    "TaskSubmitted",
    "TaskSucceeded",
    "TaskTimedOut",
    "WaitStateAborted",
    "WaitStateEntered",
    "WaitStateExited",
    "MapRunAborted",
    "MapRunFailed",
    "MapRunStarted",
    "MapRunSucceeded",
};

// The API model's rule: `<type with a lower-case first letter>EventDetails`, except that every
// state's Entered/Exited share `stateEnteredEventDetails` / `stateExitedEventDetails`, and some
// types carry nothing.
const std::array<std::string, 59>& members() {
  static const std::array<std::string, 59> table = [] {
    std::array<std::string, 59> t;
    for (std::size_t i = 0; i < kNames.size(); ++i) {
      std::string_view name = kNames[i];
      if (name.ends_with("StateEntered")) {
        t[i] = "stateEnteredEventDetails";
      } else if (name.ends_with("StateExited")) {
        t[i] = "stateExitedEventDetails";
      } else if (name.ends_with("StateAborted") || name.starts_with("ParallelState") || name == "MapStateFailed" ||
                 name == "MapStateSucceeded" || name == "MapRunSucceeded" || name == "MapRunAborted") {
        t[i] = "";
      } else {
        t[i] = std::string(1, static_cast<char>(name[0] - 'A' + 'a')) + std::string(name.substr(1)) + "EventDetails";
      }
    }
    return t;
  }();
  return table;
}

}  // namespace

const char* to_string(EventType type) { return kNames[static_cast<std::size_t>(type)]; }

std::optional<EventType> parse_event_type(std::string_view name) {
  for (std::size_t i = 0; i < kNames.size(); ++i)
    if (name == kNames[i]) return static_cast<EventType>(i);
  return std::nullopt;
}

const char* details_member(EventType type) { return members()[static_cast<std::size_t>(type)].c_str(); }

std::string HistoryEvent::to_json() const {
  std::string out = "{\"timestamp\":";
  std::int64_t ms = core::to_epoch_millis(timestamp);
  // Epoch seconds with milliseconds, as the JSON protocol writes timestamps (1700000000.123).
  std::int64_t seconds = ms >= 0 ? ms / 1000 : -((-ms + 999) / 1000);
  fmt::format_to(std::back_inserter(out), "{}.{:03d}", seconds, static_cast<int>(ms - seconds * 1000));
  fmt::format_to(std::back_inserter(out), ",\"type\":\"{}\",\"id\":{},\"previousEventId\":{}", to_string(type), id,
                 previous_event_id);
  const char* member = details_member(type);
  if (*member != '\0') {
    fmt::format_to(std::back_inserter(out), ",\"{}\":", member);
    out += details.empty() ? "{}" : details;
  }
  out += '}';
  return out;
}

}  // namespace hoplite::sfn
