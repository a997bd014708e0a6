#include "local/states/states_integration.hpp"

#include <fmt/format.h>

#include <chrono>

#include <nlohmann/json.hpp>

#include "hoplite/core/hex.hpp"
#include "hoplite/core/sha256.hpp"
#include "local/ecs/ecs_service.hpp"
#include "local/iam/iam_service.hpp"
#include "local/ids.hpp"
#include "local/sql_values.hpp"
#include "local/states/integration_output.hpp"
#include "local/states/states_service.hpp"

namespace hoplite::local::states {
namespace {

using nlohmann::json;

// `<ms since epoch>`: how the integrations' outputs write dates (the Java SDK's serialisation).
std::int64_t millis(core::TimePoint t) { return to_millis(t); }

// A child execution's name when the Parameters give none: derived from the task (not random), so a
// task started again after a restart finds the child it started before.
std::string child_name(const sfn::TaskRequest& r) {
  std::string h = core::to_hex(core::sha256(r.execution_arn + "\n" + r.task_id)).substr(0, 32);
  return h.substr(0, 8) + "-" + h.substr(8, 4) + "-4" + h.substr(13, 3) + "-a" + h.substr(17, 3) + "-" +
         h.substr(20, 12);
}

// DescribeExecution as `.sync` reports it (PascalCase; `.sync:2` has Input/Output as JSON).
json described(const sfn::ExecutionInfo& info, bool v2) {
  auto payload = [&](const std::string& text) -> json {
    if (!v2) return text;
    json parsed = json::parse(text, nullptr, false);
    return parsed.is_discarded() ? json(text) : parsed;
  };
  json out{{"ExecutionArn", info.execution_arn},
           {"Input", payload(info.input)},
           {"InputDetails", {{"Included", true}}},
           {"Name", info.name}};
  if (info.output) {
    out["Output"] = payload(*info.output);
    out["OutputDetails"] = {{"Included", true}};
  }
  if (info.error) out["Error"] = *info.error;
  if (info.cause) out["Cause"] = *info.cause;
  out["StartDate"] = millis(info.start_date);
  out["StateMachineArn"] = info.state_machine_arn;
  out["Status"] = sfn::to_string(info.status);
  if (info.stop_date) out["StopDate"] = millis(*info.stop_date);
  return out;
}

}  // namespace

Integrations::Integrations(StatesService& states, ServiceContext& house, StatesPeers peers)
    : states_(states), house_(house), peers_(peers), relay_(std::make_shared<Relay>()) {
  if (peers_.ecs != nullptr) {
    // ECS outlives this object; the relay is how its listener stops reaching us (detach()).
    peers_.ecs->on_task_stopped([relay = relay_](const std::string&, const std::string&, const aws::ecs::Task& task) {
      std::lock_guard lock(relay->mu);
      if (relay->post) relay->post([relay, task] { relay->task_stopped(task); });
    });
  }
}

Integrations::~Integrations() { detach(); }

void Integrations::set_poster(std::function<void(std::function<void()>)> post) {
  post_ = post;
  std::lock_guard lock(relay_->mu);
  relay_->post = std::move(post);
  relay_->task_stopped = [this](const aws::ecs::Task& task) { task_stopped(task); };
}

void Integrations::detach() {
  std::lock_guard lock(relay_->mu);
  relay_->post = nullptr;
  relay_->task_stopped = nullptr;
}

void Integrations::start(const sfn::TaskRequest& request, sfn::TaskHandle handle) {
  using Work = void (Integrations::*)(const sfn::TaskRequest&, const sfn::TaskHandle&);
  Work work = nullptr;
  if (request.resource_type == "states" && request.action.starts_with("startExecution")) {
    work = &Integrations::start_execution;
  } else if (request.resource_type == "ecs" && request.action.starts_with("runTask")) {
    work = &Integrations::run_task;
  } else if (request.resource_type == "sns" && request.action == "publish") {
    work = &Integrations::publish;
  } else if (request.resource_type == "sqs" && request.action == "sendMessage") {
    work = &Integrations::send_message;
  } else if (request.resource_type.starts_with("aws-sdk:")) {
    work = &Integrations::sdk_call;
  }
  if (work != nullptr) {
    if (!post_) return handle.failed("States.TaskFailed", "The local cloud's Step Functions is shutting down.");
    post_([this, work, request, handle] { (this->*work)(request, handle); });
    return;
  }
  if (request.resource_type == "lambda" || request.resource.find(":lambda:") != std::string::npos)
    return handle.failed("States.TaskFailed",
                         fmt::format("{} is not run by the local cloud: it has no Lambda service. Run the function's "
                                     "work as an ECS task (ecs:runTask) or test this state against AWS.",
                                     request.resource));
  handle.failed("States.TaskFailed", fmt::format("{} is not run by the local cloud: no local service serves '{}:{}'.",
                                                 request.resource, request.resource_type, request.action));
}

void Integrations::cancel(const sfn::TaskRequest& request) {
  if (request.resource_type == "ecs") {
    // Posted: cancel is called with the engine's lock held, and StopTask takes ECS's.
    if (post_) post_([this, id = request.task_id] { stop_ecs_task(id); });
    return;
  }
  // A `.sync` child is left running, as on AWS (its parent stops waiting for it).
  std::lock_guard lock(mu_);
  for (auto it = watches_.begin(); it != watches_.end(); ++it) {
    if (it->second.handle.task_id() == request.task_id) {
      watches_.erase(it);
      return;
    }
  }
}

core::Result<void> Integrations::authorize(const sfn::TaskRequest& r, const CallContext& ctx,
                                           const ServiceNames& service, const std::string& action,
                                           const std::string& resource,
                                           std::map<std::string, std::vector<std::string>> keys) {
  if (peers_.iam == nullptr) return {};
  auto verdict =
      peers_.iam->authorize(r.account, r.role_arn, ctx.principal.arn,
                            iam::RequestContext{.action = action, .resource = resource, .keys = std::move(keys)});
  if (verdict || verdict.error().code != "AccessDenied") return verdict;
  return aws_error(std::string(service.access_denied), verdict.error().message, service.access_denied_status);
}

void Integrations::start_execution(const sfn::TaskRequest& r, const sfn::TaskHandle& handle) {
  json params = json::parse(r.parameters, nullptr, false);
  if (!params.is_object()) params = json::object();
  aws::sfn::StartExecutionRequest call;
  if (params.contains("StateMachineArn") && params["StateMachineArn"].is_string())
    call.state_machine_arn = params["StateMachineArn"].get<std::string>();
  call.name = params.contains("Name") && params["Name"].is_string() ? params["Name"].get<std::string>() : child_name(r);
  const json input = params.contains("Input") ? params["Input"] : json();
  if (input.is_string()) {
    call.input = input.get<std::string>();
  } else if (!input.is_null()) {
    call.input = input.dump();
  }
  CallContext ctx = call_context(r, house_.clock.now());
  const bool wait = r.pattern == sfn::Integration::run_job;
  if (auto ok = authorize(r, ctx, kStatesNames, "states:StartExecution", call.state_machine_arn); !ok)
    return fail_with(handle, kStatesNames, ok.error(), ctx.request_id);
  auto started = states_.start_execution(ctx, call);
  if (!started && !(wait && r.resumed && started.error().code == "ExecutionAlreadyExists"))
    return fail_with(handle, kStatesNames, started.error(), ctx.request_id);
  if (!wait) {
    json out{{"ExecutionArn", started->execution_arn}};
    out["StartDate"] = millis(started->start_date.value_or(ctx.now));
    add_sdk_metadata(out, kStatesNames, ctx.request_id, out.dump().size(), ctx.now);
    if (r.pattern == sfn::Integration::wait_for_task_token) return handle.submitted(out.dump());
    return handle.succeeded(out.dump());
  }
  // `.sync`: submitted now, the outcome when the child finishes (perhaps it already has).
  std::string child_arn = started ? started->execution_arn : std::string();
  if (child_arn.empty()) {
    child_arn = call.state_machine_arn;
    child_arn.replace(child_arn.rfind(":stateMachine:"), 14, ":execution:");
    child_arn += ":" + *call.name;
  }
  json submitted{{"ExecutionArn", child_arn}, {"StartDate", millis(ctx.now)}};
  add_sdk_metadata(submitted, kStatesNames, ctx.request_id, submitted.dump().size(), ctx.now);
  handle.submitted(submitted.dump());
  {
    std::lock_guard lock(mu_);
    watches_[child_arn] = Watch{handle, r.pattern, r.action.ends_with(":2")};
  }
  auto now = states_.describe_execution(ctx, aws::sfn::DescribeExecutionRequest{child_arn});
  if (now && now->status != "RUNNING") {
    sfn::ExecutionInfo info;
    info.execution_arn = now->execution_arn;
    info.name = now->name;
    info.state_machine_arn = now->state_machine_arn;
    info.status = now->status == "SUCCEEDED"   ? sfn::ExecutionStatus::succeeded
                  : now->status == "TIMED_OUT" ? sfn::ExecutionStatus::timed_out
                  : now->status == "ABORTED"   ? sfn::ExecutionStatus::aborted
                                               : sfn::ExecutionStatus::failed;
    info.start_date = now->start_date.value_or(ctx.now);
    info.stop_date = now->stop_date;
    info.input = now->input.value_or("{}");
    info.output = now->output;
    info.error = now->error;
    info.cause = now->cause;
    execution_finished(info);
  }
}

void Integrations::execution_finished(const sfn::ExecutionInfo& info) {
  Watch watch;
  {
    std::lock_guard lock(mu_);
    auto it = watches_.find(info.execution_arn);
    if (it == watches_.end()) return;
    watch = std::move(it->second);
    watches_.erase(it);
  }
  json out = described(info, watch.v2);
  if (info.status == sfn::ExecutionStatus::succeeded) return watch.handle.succeeded(out.dump());
  // AWS: the child's failure is the parent's States.TaskFailed, its description the cause.
  watch.handle.failed("States.TaskFailed", out.dump());
}

}  // namespace hoplite::local::states
