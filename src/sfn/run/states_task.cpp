// Task states: Parameters, the service call through the TaskIntegration seam, its reports,
// timeouts and heartbeats.
#include <fmt/format.h>

#include <cmath>

#include "sfn/json/text.hpp"
#include "sfn/run/details.hpp"
#include "sfn/run/execution.hpp"
#include "sfn/run/task_inbox.hpp"

namespace hoplite::sfn::asl {
namespace {

// TimeoutSecondsPath / HeartbeatSecondsPath: a positive whole number.
core::Result<std::optional<std::int64_t>> seconds(const DynamicNumber& n, const char* field, const Json& input,
                                                  const Environment& env) {
  if (n.literal) return std::optional<std::int64_t>(static_cast<std::int64_t>(*n.literal));
  if (!n.path) return std::optional<std::int64_t>();
  auto v = n.path->evaluate(input, env);
  if (!v) return core::fail("States.Runtime", fmt::format("Invalid path '{}' : {}", n.path->text(), v.error().message));
  if (!v->is_number_integer() || v->get<std::int64_t>() < 1 || v->get<std::int64_t>() > 99999999)
    return core::fail("States.Runtime",
                      fmt::format("The {}Path field refers to value \"{}\" which is not a valid "
                                  "positive integer: {}",
                                  field, v->is_string() ? v->get<std::string>() : to_text(*v), n.path->text()));
  return std::optional<std::int64_t>(v->get<std::int64_t>());
}

std::string random_token(const std::function<std::uint64_t()>& random) {
  // 64 hex characters: unguessable, and safe in any JSON or URL.
  return fmt::format("{:016x}{:016x}{:016x}{:016x}", random(), random(), random(), random());
}

}  // namespace

void Execution::run_task(Frame& f) {
  const TaskSpec& spec = *f.state->task;
  if (!f.task_token.empty()) engine_.tokens.erase(f.task_token);
  f.task_token.clear();
  if (spec.arn.pattern == Integration::wait_for_task_token) {
    f.task_token = random_token(engine_.random);
    engine_.tokens[f.task_token] = info.execution_arn;
  }
  ContextObject ctx = context_for(f);
  Environment env{ctx, engine_.random};
  auto parameters = f.state->flow->effective_input(f.raw_input, env);
  if (!parameters) return runtime_failure(f, parameters.error());
  auto timeout = seconds(spec.timeout_seconds, "TimeoutSeconds", f.raw_input, env);
  if (!timeout) return runtime_failure(f, timeout.error());
  auto heartbeat = seconds(spec.heartbeat_seconds, "HeartbeatSeconds", f.raw_input, env);
  if (!heartbeat) return runtime_failure(f, heartbeat.error());

  TaskRequest& r = f.task;
  r = TaskRequest{};
  r.execution_arn = info.execution_arn;
  r.state_name = f.state->name;
  r.task_id = std::to_string(++next_task_seq_);
  r.resource = spec.resource;
  r.resource_type = spec.arn.resource_type;
  r.action = spec.arn.action;
  r.pattern = spec.arn.pattern;
  r.parameters = to_text(*parameters);
  r.task_token = f.task_token;
  r.timeout_seconds = *timeout;
  r.heartbeat_seconds = *heartbeat;
  r.role_arn = info.role_arn;
  r.region = engine_.options.region;
  r.account = engine_.options.account;
  f.task_id = r.task_id;
  f.task_submitted = false;

  std::string shown = engine_.integration ? engine_.integration->scheduled_parameters(r) : r.parameters;
  Details scheduled;
  scheduled.str("parameters", shown)
      .str("region", r.region)
      .str("resource", r.action)
      .str("resourceType", r.resource_type);
  if (r.timeout_seconds) scheduled.num("timeoutInSeconds", *r.timeout_seconds);
  if (r.heartbeat_seconds) scheduled.num("heartbeatInSeconds", *r.heartbeat_seconds);
  emit(&f, EventType::TaskScheduled, scheduled.done());
  emit(&f, EventType::TaskStarted, Details().str("resource", r.action).str("resourceType", r.resource_type).done());

  const core::TimePoint now = engine_.clock.now();
  f.phase = Phase::kTask;
  f.deadline.reset();
  f.heartbeat_deadline.reset();
  if (r.timeout_seconds) f.deadline = now + std::chrono::seconds(*r.timeout_seconds);
  if (r.heartbeat_seconds) f.heartbeat_deadline = now + std::chrono::seconds(*r.heartbeat_seconds);
  if (engine_.integration == nullptr) {
    engine_.inbox->post({TaskReport::Kind::kFailed,
                         info.execution_arn,
                         r.task_id,
                         {},
                         "States.TaskFailed",
                         fmt::format("No service integration runs {} in this interpreter", r.resource)});
    return;
  }
  // Persist before the side effect, so a crash cannot lose a request already made.
  if (engine_.flush) engine_.flush(*this);
  engine_.integration->start(r, TaskHandle(engine_.inbox, info.execution_arn, r.task_id));
}

void Execution::task_report(Frame& f, const TaskReport& report) {
  const TaskRequest& r = f.task;
  switch (report.kind) {
    case TaskReport::Kind::kHeartbeat:
      if (f.heartbeat_deadline && r.heartbeat_seconds)
        f.heartbeat_deadline = engine_.clock.now() + std::chrono::seconds(*r.heartbeat_seconds);
      return;
    case TaskReport::Kind::kSubmitted: {
      if (f.task_submitted) return;
      f.task_submitted = true;
      auto parsed = parse_json(report.output);
      std::string text = parsed ? to_text(*parsed) : report.output;
      emit(&f, EventType::TaskSubmitted,
           Details().payload("output", text).str("resource", r.action).str("resourceType", r.resource_type).done());
      return;
    }
    case TaskReport::Kind::kFailed: {
      f.phase = Phase::kRun;
      f.deadline.reset();
      f.heartbeat_deadline.reset();
      if (!f.task_token.empty()) engine_.tokens.erase(f.task_token);
      Details d;
      if (!report.cause.empty()) d.str("cause", report.cause);
      d.str("error", report.error).str("resource", r.action).str("resourceType", r.resource_type);
      emit(&f, EventType::TaskFailed, d.done());
      StateError e{report.error, std::nullopt};
      if (!report.cause.empty()) e.cause = report.cause;
      return fail_state(f, std::move(e));
    }
    case TaskReport::Kind::kSucceeded:
      break;
  }
  f.phase = Phase::kRun;
  f.deadline.reset();
  f.heartbeat_deadline.reset();
  if (!f.task_token.empty()) engine_.tokens.erase(f.task_token);
  auto result = parse_json(report.output, JsonLimits{.max_bytes = 262144, .max_depth = kMaxJsonDepth});
  if (!result) {
    bool too_large = result.error().code == "json.too_large";
    Details d;
    std::string error = too_large ? "States.DataLimitExceeded" : "States.Runtime";
    std::string cause = too_large ? fmt::format(
                                        "The state/task '{}' returned a result with a size exceeding the "
                                        "maximum number of bytes service limit.",
                                        f.state->name)
                                  : fmt::format("The task's result is not JSON: {}", result.error().message);
    d.str("cause", cause).str("error", error).str("resource", r.action).str("resourceType", r.resource_type);
    emit(&f, EventType::TaskFailed, d.done());
    return fail_state(f, StateError{error, cause});
  }
  emit(&f, EventType::TaskSucceeded,
       Details()
           .payload("output", to_text(*result))
           .str("resource", r.action)
           .str("resourceType", r.resource_type)
           .done());
  ContextObject ctx = context_for(f);
  Environment env{ctx, engine_.random};
  auto selected = f.state->flow->select_result(std::move(*result), env);
  if (!selected) return runtime_failure(f, selected.error());
  const std::string* appended = appends_member(f);
  // A copy: a failing ResultPath is caught with the raw input.
  auto output = f.state->flow->output(f.raw_input, std::move(*selected), env);
  if (!output) return runtime_failure(f, output.error());
  exit_state(f, std::move(*output), appended);
}

void Execution::task_timeout(Frame& f, bool heartbeat) {
  (void)heartbeat;  // AWS reports a missed heartbeat as States.Timeout too
  const TaskRequest& r = f.task;
  f.phase = Phase::kRun;
  f.deadline.reset();
  f.heartbeat_deadline.reset();
  if (!f.task_token.empty()) engine_.tokens.erase(f.task_token);
  emit(&f, EventType::TaskTimedOut,
       Details().str("error", "States.Timeout").str("resource", r.action).str("resourceType", r.resource_type).done());
  if (engine_.integration) engine_.integration->cancel(r);
  fail_state(f, StateError{"States.Timeout", std::nullopt});
}

}  // namespace hoplite::sfn::asl
