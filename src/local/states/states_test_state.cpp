// TestState: one state run on its own. The state becomes a machine of its own whose transition
// targets are Succeed states, run by a private interpreter on a private clock (a Wait takes no
// time); what it did is read back from that machine's history.
#include <fmt/format.h>

#include <algorithm>
#include <condition_variable>
#include <mutex>
#include <set>

#include <nlohmann/json.hpp>

#include "hoplite/core/json.hpp"
#include "hoplite/sfn/asl.hpp"
#include "hoplite/sfn/engine.hpp"
#include "local/states/states_integration.hpp"
#include "local/states/states_names.hpp"
#include "local/states/states_service.hpp"
#include "local/validation.hpp"

namespace hoplite::local::states {
namespace {

using json = nlohmann::ordered_json;

// How long TestState waits for a Task's service (AWS's own limit for TestState is 5 minutes).
constexpr auto kTaskWait = std::chrono::minutes(5);

void collect_targets(const json& state, std::set<std::string>& out) {
  auto add = [&](const json& j, const char* key) {
    if (j.is_object() && j.contains(key) && j[key].is_string()) out.insert(j[key].get<std::string>());
  };
  add(state, "Next");
  add(state, "Default");
  for (const char* list : {"Choices", "Catch"})
    if (state.contains(list) && state[list].is_array())
      for (const auto& item : state[list]) add(item, "Next");
}

core::Failure invalid_definition(std::string message) {
  return aws_error("InvalidDefinition", "Invalid State Machine Definition: '" + message + "'");
}

}  // namespace

core::Result<aws::sfn::TestStateResponse> StatesService::test_state(const CallContext& ctx,
                                                                    const aws::sfn::TestStateRequest& r) {
  Violations v;
  v.length("definition", r.definition, 1, sfn::kMaxDefinitionBytes);
  v.length("roleArn", r.role_arn, 1, 256);
  v.length("input", r.input, 0, 262144);
  v.one_of("inspectionLevel", r.inspection_level, {"INFO", "DEBUG", "TRACE"});
  if (auto ok = v.finish(); !ok) return ok.failure();
  if (r.role_arn && !is_role_arn(*r.role_arn)) return invalid_arn("Invalid ARN prefix: " + r.role_arn->substr(0, 256));
  // Depth and size checked before the (recursive) parser runs.
  auto parsed = core::parse_ordered_json(r.definition, "the state's definition",
                                         core::DocumentLimits{.max_bytes = sfn::kMaxDefinitionBytes, .max_depth = 128});
  json state = parsed ? std::move(*parsed) : json();
  if (!state.is_object() || !state.contains("Type"))
    return invalid_definition(
        "SCHEMA_VALIDATION_FAILED: The definition must be a single state (a JSON object with "
        "a Type) at /");
  const std::string type = state["Type"].is_string() ? state["Type"].get<std::string>() : "";
  if (type == "Map" || type == "Parallel")
    return invalid_definition(
        "SCHEMA_VALIDATION_FAILED: TestState runs Task, Pass, Wait, Choice, Succeed and Fail "
        "states, not " +
        type + " at /Type");
  // AWS's TestState does not retry; it reports what one attempt did.
  state.erase("Retry");
  std::set<std::string> targets;
  collect_targets(state, targets);
  std::string name = "TestState";
  while (targets.contains(name)) name += "_";
  json machine{{"StartAt", name}, {"States", {{name, state}}}};
  for (const auto& t : targets) machine["States"][t] = json{{"Type", "Succeed"}};
  auto model = sfn::read_definition(machine.dump());
  if (!model) return model.failure();

  // Without a Task nothing waits on a service: time jumps to each timer. A Task's timeouts run on
  // the house's clock while its service works.
  const bool task = type == "Task";
  core::FixedClock fake(ctx.now);
  core::Clock& clock = task ? house_.clock : static_cast<core::Clock&>(fake);
  std::mutex mu;
  std::condition_variable cv;
  bool woken = false;
  sfn::Engine engine(sfn::EngineOptions{.clock = &clock,
                                        .integration = integrations_.get(),
                                        .observer = nullptr,
                                        .region = ctx.region,
                                        .account = ctx.principal.account_id,
                                        .random = {},
                                        .wake =
                                            [&] {
                                              std::lock_guard lock(mu);
                                              woken = true;
                                              cv.notify_one();
                                            },
                                        .max_history_events = 25000,
                                        .keep_history = true});
  auto arn = engine.start(sfn::StartRequest{.definition = *model,
                                            .state_machine_arn = state_machine_arn(ctx, "TestState"),
                                            .name = "test-state",
                                            .input = r.input.value_or("{}"),
                                            .role_arn = r.role_arn.value_or("")});
  if (!arn) return arn.failure();
  for (;;) {
    engine.run();
    if (engine.describe(*arn)->status != sfn::ExecutionStatus::running) break;
    auto next = engine.next_deadline();
    if (next && !task) {
      fake.set(*next);
      continue;
    }
    std::unique_lock lock(mu);
    if (next) {
      cv.wait_for(lock,
                  std::clamp(std::chrono::duration_cast<std::chrono::milliseconds>(*next - clock.now()),
                             std::chrono::milliseconds(0), std::chrono::milliseconds(100)),
                  [&] { return woken; });
      woken = false;
      continue;
    }
    if (!cv.wait_for(lock, kTaskWait, [&] { return woken; })) {
      (void)engine.stop(*arn, "States.Timeout", "TestState waited 5 minutes for the task.");
      break;
    }
    woken = false;
  }

  const sfn::ExecutionInfo& info = *engine.describe(*arn);
  aws::sfn::TestStateResponse out;
  // The first state after the tested one, and how the tested one ended.
  bool caught = false;
  std::optional<std::string> error;
  std::optional<std::string> cause;
  for (const auto& ev : engine.history(*arn)) {
    // The engine's own text (its depth was capped on the way in).
    json details = json::parse(ev.details.empty() ? std::string("{}") : ev.details, nullptr, false);
    if (!details.is_object()) continue;
    std::string event = sfn::to_string(ev.type);
    if (event.ends_with("Failed") && details.contains("error")) {
      error = details.value("error", "");
      cause = details.value("cause", "");
    }
    if (event.ends_with("StateExited") && details.value("name", "") == name) out.output = details.value("output", "");
    if (event.ends_with("StateEntered") && details.value("name", "") != name) {
      out.next_state = details.value("name", "");
      caught = error.has_value();
      break;
    }
  }
  if (info.status == sfn::ExecutionStatus::succeeded) {
    out.status = caught ? "CAUGHT_ERROR" : "SUCCEEDED";
    if (caught) {
      out.error = error;
      out.cause = cause;
    }
    if (!out.output) out.output = info.output;
  } else {
    out.status = "FAILED";
    out.output.reset();
    out.error = info.error;
    out.cause = info.cause;
  }
  return out;
}

}  // namespace hoplite::local::states
