// path_of(): an execution's history → the states it entered and how each ended. Kept apart from
// fetch_live() (which needs the AWS clients) so it can be tested and fuzzed on its own.
#include <map>

#include "describe/json_input.hpp"
#include "hoplite/describe/live.hpp"

namespace hoplite::describe {
namespace {

bool ends_with(std::string_view s, std::string_view suffix) { return s.ends_with(suffix); }

/// Failure events that end a state's work (the state is found through previousEventId).
bool is_state_failure(std::string_view type) {
  return (ends_with(type, "Failed") || ends_with(type, "TimedOut")) && !type.starts_with("Execution") &&
         !type.starts_with("MapRun");
}

std::string name_in(const std::string& details) {
  if (details.empty()) return {};
  auto j = parse_json(details, "an event's details", {.max_bytes = 1u << 20, .max_depth = 64});
  return j ? str_or(*j, "name") : std::string();
}

}  // namespace

std::vector<LiveVisit> path_of(const std::vector<aws::sfn::HistoryEvent>& history) {
  std::vector<LiveVisit> visits;
  std::map<std::int64_t, std::size_t> entered_by_event;  // StateEntered event id → visit
  std::map<std::int64_t, std::int64_t> previous;         // event id → previous event id
  bool execution_ended = false;
  bool execution_failed = false;
  for (const auto& e : history) {
    previous[e.id] = e.previous_event_id;
    if (ends_with(e.type, "StateEntered")) {
      entered_by_event[e.id] = visits.size();
      visits.push_back({name_in(e.details), e.type == "FailStateEntered" ? "failed" : "running"});
    } else if (ends_with(e.type, "StateExited")) {
      const std::string name = name_in(e.details);
      for (auto it = visits.rbegin(); it != visits.rend(); ++it) {
        if (it->state != name) continue;
        if (it->outcome == "running") it->outcome = "succeeded";
        break;
      }
    } else if (e.type.starts_with("Execution") && e.type != "ExecutionStarted") {
      execution_ended = true;
      execution_failed = e.type != "ExecutionSucceeded";
    } else if (is_state_failure(e.type)) {
      // Walk back to the state that was entered; the walk is bounded by the history's length.
      std::int64_t at = e.previous_event_id;
      for (std::size_t steps = 0; steps <= history.size() && at != 0; ++steps) {
        if (auto v = entered_by_event.find(at); v != entered_by_event.end()) {
          visits[v->second].outcome = "failed";
          break;
        }
        auto p = previous.find(at);
        if (p == previous.end()) break;
        at = p->second;
      }
    }
  }
  if (execution_ended && execution_failed) {
    for (auto& v : visits)
      if (v.outcome == "running") v.outcome = "failed";
  }
  return visits;
}

}  // namespace hoplite::describe
