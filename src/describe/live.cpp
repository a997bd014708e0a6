#include "hoplite/describe/live.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "describe/json_input.hpp"

namespace hoplite::describe {

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
