#include "hoplite/describe/live.hpp"

#include <algorithm>
#include <map>

#include <fmt/format.h>

#include "describe/json_input.hpp"

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

core::Result<LiveStatus> fetch_live(aws::cloudformation::Client& cfn, aws::sfn::Client& states,
                                    const std::string& stack_name, const LiveOptions& options) {
  LiveStatus live;
  live.where = options.where;
  live.stack_name = stack_name;
  auto stacks = cfn.describe_stacks({.stack_name = stack_name});
  if (!stacks) {
    const core::Error& e = stacks.error();
    if (e.code == "ValidationError" && e.message.find("does not exist") != std::string::npos) return live;
    return stacks.failure("reading stack " + stack_name);
  }
  if (stacks->stacks.empty()) return live;
  const auto& stack = stacks->stacks.front();
  live.stack_exists = true;
  live.stack_status = stack.stack_status;
  live.stack_status_reason = stack.stack_status_reason;
  live.created = stack.creation_time;
  live.updated = stack.last_updated_time;
  live.outputs = stack.outputs;
  std::sort(live.outputs.begin(), live.outputs.end(), [](const auto& a, const auto& b) { return a.key < b.key; });

  auto resources = cfn.list_stack_resources_all({.stack_name = stack_name});
  if (!resources) return resources.failure("listing the resources of " + stack_name);
  for (const auto& r : *resources) {
    live.resources.push_back({.logical_id = r.logical_resource_id,
                              .physical_id = r.physical_resource_id,
                              .type = r.resource_type,
                              .status = r.resource_status,
                              .reason = r.resource_status_reason});
  }
  std::sort(live.resources.begin(), live.resources.end(),
            [](const auto& a, const auto& b) { return a.logical_id < b.logical_id; });

  for (const auto& r : live.resources) {
    if (r.type != "AWS::StepFunctions::StateMachine" || r.physical_id.empty()) continue;
    LiveMachine m{.logical_id = r.logical_id, .arn = r.physical_id};
    auto listed =
        states.list_executions({.state_machine_arn = r.physical_id,
                                .max_results = static_cast<int>(std::max<std::size_t>(1, options.recent_executions))});
    if (!listed) {
      live.warnings.push_back(fmt::format("executions of {}: {}", r.logical_id, listed.error().to_string()));
      live.machines.push_back(std::move(m));
      continue;
    }
    for (const auto& e : listed->executions)
      m.recent.push_back(
          {.name = e.name, .arn = e.execution_arn, .status = e.status, .start = e.start_date, .stop = e.stop_date});
    std::stable_sort(m.recent.begin(), m.recent.end(), [](const LiveExecution& a, const LiveExecution& b) {
      return a.start.value_or(core::TimePoint{}) > b.start.value_or(core::TimePoint{});
    });
    if (m.recent.size() > options.recent_executions) m.recent.resize(options.recent_executions);
    if (!m.recent.empty()) {
      std::vector<aws::sfn::HistoryEvent> history;
      aws::sfn::GetExecutionHistoryRequest req{.execution_arn = m.recent.front().arn, .max_results = 1000};
      // Bounded by pages as well as events: a peer that keeps answering with a token and no events
      // must not keep us here.
      for (std::size_t pages = 0; pages <= options.max_history_events / 1000; ++pages) {
        auto page = states.get_execution_history(req);
        if (!page) {
          live.warnings.push_back(fmt::format("history of {}: {}", m.recent.front().name, page.error().to_string()));
          break;
        }
        history.insert(history.end(), page->events.begin(), page->events.end());
        if (!page->next_token || page->next_token == req.next_token || history.size() >= options.max_history_events)
          break;
        req.next_token = page->next_token;
      }
      m.last_path = path_of(history);
      for (const auto& e : history) {
        if (e.type != "ExecutionFailed" && e.type != "ExecutionTimedOut" && e.type != "ExecutionAborted") continue;
        auto details = parse_json(e.details.empty() ? "{}" : e.details, "an event's details");
        if (details) {
          m.last_error = str_or(*details, "error");
          m.last_cause = str_or(*details, "cause");
        }
      }
    }
    live.machines.push_back(std::move(m));
  }
  return live;
}

}  // namespace hoplite::describe
