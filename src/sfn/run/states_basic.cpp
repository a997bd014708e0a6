// Pass, Choice, Wait, Succeed and Fail states.
#include <fmt/format.h>

#include <cmath>

#include "sfn/query/jsonpath_condition.hpp"
#include "sfn/run/execution.hpp"

namespace hoplite::sfn::asl {
namespace {

// How AWS quotes a value in a Wait message: strings as they are, anything else as JSON.
std::string plain(const Json& v) { return v.is_string() ? v.get<std::string>() : to_text(v); }

}  // namespace

void Execution::run_pass(Frame& f) {
  ContextObject ctx = context_for(f);
  Environment env{ctx, engine_.random};
  auto effective = f.state->flow->effective_input(f.raw_input, env);
  if (!effective) return runtime_failure(f, effective.error());
  Json result = f.state->result ? *f.state->result : std::move(*effective);
  const std::string* appended = appends_member(f);
  auto output = f.state->flow->output(std::move(f.raw_input), std::move(result), env);
  if (!output) return runtime_failure(f, output.error());
  exit_state(f, std::move(*output), appended);
}

void Execution::run_choice(Frame& f) {
  ContextObject ctx = context_for(f);
  Environment env{ctx, engine_.random};
  auto effective = f.state->flow->effective_input(f.raw_input, env);
  if (!effective) return runtime_failure(f, effective.error());
  const StateNode* next = nullptr;
  for (const auto& rule : f.state->choices) {
    auto hit = rule.condition->test(*effective, env);
    if (!hit) return runtime_failure(f, hit.error());
    if (*hit) {
      next = rule.next;
      break;
    }
  }
  if (next == nullptr) next = f.state->default_next;
  if (next == nullptr)
    return fail_state(f, StateError{"States.NoChoiceMatched",
                                    state_prefix(f) + "No Choice rule matched the input and there is no Default"});
  // Choice has no ResultPath: its output is the effective input through OutputPath.
  auto output = f.state->flow->output(f.raw_input, std::move(*effective), env);
  if (!output) return runtime_failure(f, output.error());
  transition(f, next, std::move(*output));
}

void Execution::run_wait(Frame& f) {
  ContextObject ctx = context_for(f);
  Environment env{ctx, engine_.random};
  auto effective = f.state->flow->effective_input(f.raw_input, env);
  if (!effective) return runtime_failure(f, effective.error());
  const WaitSpec& w = *f.state->wait;
  const core::TimePoint now = engine_.clock.now();
  core::TimePoint until = now;
  auto fail = [&](std::string message) { runtime_failure(f, core::Error{"States.Runtime", std::move(message)}); };
  switch (w.kind) {
    case WaitSpec::Kind::kSeconds:
      until = now + std::chrono::seconds(w.seconds);
      break;
    case WaitSpec::Kind::kTimestamp:
      until = w.timestamp;
      break;
    case WaitSpec::Kind::kSecondsPath: {
      auto v = w.path->evaluate(*effective, env);
      if (!v) return fail(fmt::format("Invalid path '{}' : {}", w.path->text(), v.error().message));
      // Only whole numbers: 1.5 fails as on AWS; so do values beyond AWS's 99999999 seconds.
      bool whole =
          v->is_number_integer() || (v->is_number_float() && v->get<double>() == std::floor(v->get<double>()) &&
                                     std::fabs(v->get<double>()) < 1e15);
      if (!whole)
        return fail(fmt::format("The SecondsPath parameter cannot be parsed as a long value: {} == {}", w.path->text(),
                                plain(*v)));
      auto seconds = static_cast<std::int64_t>(v->get<double>());
      if (v->is_number_integer()) seconds = v->get<std::int64_t>();
      if (seconds < 0)
        return fail(
            fmt::format("The SecondsPath parameter references a negative value: {} == {}", w.path->text(), plain(*v)));
      until = now + std::chrono::seconds(std::min<std::int64_t>(seconds, 99999999));
      break;
    }
    case WaitSpec::Kind::kTimestampPath: {
      auto v = w.path->evaluate(*effective, env);
      if (!v) return fail(fmt::format("Invalid path '{}' : {}", w.path->text(), v.error().message));
      std::optional<core::TimePoint> t;
      if (v->is_string()) t = parse_asl_timestamp(v->get_ref<const std::string&>());
      if (!t)
        return fail(
            fmt::format("The TimestampPath parameter does not reference a valid ISO-8601 extended offset "
                        "date-time format string: {} == {}",
                        w.path->text(), plain(*v)));
      until = *t;
      break;
    }
  }
  f.effective = std::move(*effective);
  if (until <= now) return wait_done(f);
  f.phase = Phase::kWait;
  f.deadline = until;
}

void Execution::wait_done(Frame& f) {
  ContextObject ctx = context_for(f);
  Environment env{ctx, engine_.random};
  f.phase = Phase::kRun;
  auto output = f.state->flow->output(f.raw_input, std::move(f.effective), env);
  if (!output) return runtime_failure(f, output.error());
  exit_state(f, std::move(*output));
}

void Execution::run_succeed(Frame& f) {
  ContextObject ctx = context_for(f);
  Environment env{ctx, engine_.random};
  auto effective = f.state->flow->effective_input(f.raw_input, env);
  if (!effective) return runtime_failure(f, effective.error());
  auto output = f.state->flow->output(f.raw_input, std::move(*effective), env);
  if (!output) return runtime_failure(f, output.error());
  transition(f, nullptr, std::move(*output));
}

void Execution::run_fail(Frame& f) {
  ContextObject ctx = context_for(f);
  Environment env{ctx, engine_.random};
  const FailSpec& spec = *f.state->fail;
  StateError e{spec.error, spec.cause};
  // ErrorPath / CausePath read the state's input; they must name a string.
  for (auto [expr, field, slot] : {std::tuple{spec.error_path.get(), "ErrorPath", &e.error},
                                   std::tuple{spec.cause_path.get(), "CausePath", &e.cause}}) {
    if (expr == nullptr) continue;
    auto v = expr->evaluate(f.raw_input, env);
    if (!v) {
      if (v.error().code != "path.missing") return runtime_failure(f, v.error());
      return runtime_failure(
          f, core::Error{"States.Runtime",
                         fmt::format("The JSONPath '{}' specified for the field '{}' could not be found in the input "
                                     "'{}'",
                                     expr->text(), field, to_text(f.raw_input))});
    }
    if (!v->is_string())
      return runtime_failure(
          f, core::Error{"States.Runtime",
                         fmt::format("The value of the field '{}' must be a string, not {}", field, to_text(*v))});
    *slot = v->get<std::string>();
  }
  finish_frame(f, false, Json(), std::move(e));
}

}  // namespace hoplite::sfn::asl
