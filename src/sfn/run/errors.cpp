// Failures of a state: Retry (with backoff and jitter), then Catch, then the frame fails.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "sfn/run/details.hpp"
#include "sfn/run/execution.hpp"

namespace hoplite::sfn::asl {
namespace {

// AWS's matching rules: States.ALL matches every error but the terminal States.Runtime and
// States.DataLimitExceeded; in a Task state States.TaskFailed matches every error but
// States.Timeout; otherwise names match exactly.
bool matches(const std::vector<std::string>& names, const StateError& e, StateType type) {
  const std::string name = e.error.value_or("");
  for (const auto& n : names) {
    if (n == name) return true;
    if (n == "States.ALL" && name != "States.Runtime" && name != "States.DataLimitExceeded") return true;
    if (n == "States.TaskFailed" && type == StateType::kTask && name != "States.Timeout" && name != "States.Runtime" &&
        name != "States.DataLimitExceeded")
      return true;
  }
  return false;
}

}  // namespace

void Execution::runtime_failure(Frame& f, const core::Error& e) {
  StateError error{e.code, state_prefix(f) + e.message};
  if (e.code == "States.Runtime") {
    // Not retriable, not catchable: the execution fails, whatever frame raised it.
    Details d;
    d.str("cause", *error.cause).str("error", *error.error);
    end_execution(ExecutionStatus::failed, d.done(), error.error, error.cause, std::nullopt);
    return;
  }
  fail_state(f, std::move(error));
}

void Execution::fail_state(Frame& f, StateError e, const Json* /*unused*/) {
  const StateNode* s = f.state;
  for (std::size_t i = 0; i < s->retriers.size(); ++i) {
    const Retrier& r = s->retriers[i];
    if (!matches(r.errors, e, s->type)) continue;
    if (f.retry_counts[i] < r.max_attempts) {
      double delay =
          static_cast<double>(r.interval_seconds) * std::pow(r.backoff_rate, static_cast<double>(f.retry_counts[i]));
      if (r.max_delay_seconds) delay = std::min(delay, static_cast<double>(*r.max_delay_seconds));
      delay = std::min(delay, 31622400.0);  // a year: keeps the time arithmetic finite
      if (r.full_jitter) delay *= static_cast<double>(engine_.random() % 1000001) / 1000000.0;
      ++f.retry_counts[i];
      f.phase = Phase::kRetryDelay;
      f.fan.reset();
      f.deadline = engine_.clock.now() + std::chrono::milliseconds(static_cast<std::int64_t>(delay * 1000.0));
      return;
    }
    break;  // the first matching retrier decides; once it is exhausted, Catch takes over
  }
  // No retry: a Parallel or Map reports its failure now.
  if (s->type == StateType::kParallel) emit(&f, EventType::ParallelStateFailed, "");
  if (s->type == StateType::kMap) emit(&f, EventType::MapStateFailed, "");
  for (const auto& c : s->catchers) {
    if (!matches(c.errors, e, s->type)) continue;
    Json error_output = Json::object();
    if (e.error) error_output["Error"] = *e.error;
    if (e.cause) error_output["Cause"] = *e.cause;
    ContextObject ctx = context_for(f);
    Environment env{ctx, engine_.random};
    auto output = c.flow->output(f.raw_input, std::move(error_output), env);
    if (!output) {
      // The catcher itself failed (its ResultPath): the frame fails with that error.
      return finish_frame(f, false, Json(), StateError{output.error().code, state_prefix(f) + output.error().message});
    }
    std::string text;
    if (!write_json_literal(text, *output, WriteLimits{})) {
      return finish_frame(f, false, Json(),
                          StateError{"States.DataLimitExceeded",
                                     fmt::format("The state/task '{}' returned a result with a size exceeding the "
                                                 "maximum number of bytes service limit.",
                                                 s->name)});
    }
    emit(&f, state_event(s->type, Moment::kExited),
         Details().str("name", s->name).payload_literal("output", text).done());
    return enter(f, c.next, std::move(*output));
  }
  finish_frame(f, false, Json(), std::move(e));
}

}  // namespace hoplite::sfn::asl
