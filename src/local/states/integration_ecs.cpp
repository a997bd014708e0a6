// `ecs:runTask` for the local Step Functions: request-response, `.sync` (the STOPPED task, as
// AWS reports it) and `.waitForTaskToken`, through EcsService's typed operations.
#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "hoplite/aws/ecs_wire.hpp"
#include "local/ecs/ecs_service.hpp"
#include "local/states/integration_output.hpp"
#include "local/states/states_integration.hpp"
#include "local/store/database.hpp"

namespace hoplite::local::states {
namespace {

using nlohmann::json;
namespace ecs_wire = aws::ecs::wire;

constexpr const char* kStartedBy = "AWS Step Functions";

// AWS's `.sync` rule: the task succeeded when its essential container exited and every container
// exited 0; a task that failed to start, was stopped, or had a container exit non-zero failed.
bool task_succeeded(const aws::ecs::Task& task) {
  if (task.stop_code != "EssentialContainerExited") return false;
  for (const auto& c : task.containers)
    if (!c.exit_code || *c.exit_code != 0) return false;
  return true;
}

}  // namespace

std::string Integrations::scheduled_parameters(const sfn::TaskRequest& r) {
  if (r.resource_type != "ecs" || r.pattern != sfn::Integration::run_job) return r.parameters;
  json params = json::parse(r.parameters, nullptr, false);
  if (!params.is_object() || params.contains("StartedBy")) return r.parameters;
  params["StartedBy"] = kStartedBy;
  return params.dump();
}

void Integrations::run_task(const sfn::TaskRequest& r, const sfn::TaskHandle& handle) {
  if (peers_.ecs == nullptr) return handle.failed("States.TaskFailed", "The local cloud runs no ECS here.");
  CallContext ctx = call_context(r, house_.clock.now());
  if (int port = house_.port->load(); port > 0) ctx.host = fmt::format("127.0.0.1:{}", port);
  const bool sync = r.pattern == sfn::Integration::run_job;

  // After a restart, a `.sync` Task attaches to the task it started before.
  if (sync && r.resumed) {
    auto row = house_.db.transaction<std::optional<store::Row>>([&](store::Tx& tx) {
      return tx.query_one("SELECT target FROM states_task_calls WHERE execution_arn = ? AND task_id = ?",
                          {r.execution_arn, r.task_id});
    });
    if (row && *row) {
      std::string task_arn = (*row)->text(0);
      // `arn:aws:ecs:<region>:<account>:task/<cluster>/<id>` names its cluster, which DescribeTasks
      // and StopTask need (without one they look in `default`, and the Task would wait forever).
      std::string cluster;
      if (auto at = task_arn.find(":task/"); at != std::string::npos) {
        auto name_end = task_arn.find('/', at + 6);
        if (name_end != std::string::npos)
          cluster = task_arn.substr(0, at) + ":cluster/" + task_arn.substr(at + 6, name_end - at - 6);
      }
      {
        std::lock_guard lock(mu_);
        task_watches_[task_arn] = TaskWatch{handle, r.task_id, ctx, cluster};
      }
      auto now = peers_.ecs->describe_tasks(
          ctx, {.cluster = cluster.empty() ? std::nullopt : std::optional<std::string>(cluster),
                .tasks = {task_arn},
                .include = {}});
      if (now && !now->tasks.empty() && now->tasks[0].last_status == "STOPPED") task_stopped(now->tasks[0]);
      return;
    }
  }

  json params = json::parse(scheduled_parameters(r), nullptr, false);
  if (!params.is_object()) params = json::object();
  auto request = ecs_wire::decode_run_task_request(camel_case(params));
  if (!request) return fail_with(handle, kEcsNames, request.error(), ctx.request_id);

  // IAM: ecs:RunTask on the task definition, iam:PassRole on every role the task will use.
  auto definition =
      peers_.ecs->describe_task_definition(ctx, {.task_definition = request->task_definition, .include = {}});
  if (!definition) return fail_with(handle, kEcsNames, definition.error(), ctx.request_id);
  const auto& td = definition->task_definition;
  if (auto ok = authorize(r, ctx, kEcsNames, "ecs:RunTask", td.task_definition_arn); !ok)
    return fail_with(handle, kEcsNames, ok.error(), ctx.request_id);
  std::vector<std::string> roles;
  if (td.task_role_arn) roles.push_back(*td.task_role_arn);
  if (td.execution_role_arn) roles.push_back(*td.execution_role_arn);
  if (request->overrides && request->overrides->task_role_arn) roles.push_back(*request->overrides->task_role_arn);
  if (request->overrides && request->overrides->execution_role_arn)
    roles.push_back(*request->overrides->execution_role_arn);
  for (const auto& role : roles)
    if (auto ok =
            authorize(r, ctx, kEcsNames, "iam:PassRole", role, {{"iam:PassedToService", {"ecs-tasks.amazonaws.com"}}});
        !ok)
      return fail_with(handle, kEcsNames, ok.error(), ctx.request_id);

  auto run = peers_.ecs->run_task(ctx, *request);
  if (!run) return fail_with(handle, kEcsNames, run.error(), ctx.request_id);
  json body = ecs_wire::encode_response(*run);
  json out = pascal_case(body);
  add_sdk_metadata(out, kEcsNames, ctx.request_id, body.dump().size(), ctx.now);
  if (r.pattern == sfn::Integration::request_response) return handle.succeeded(out.dump());
  if (r.pattern == sfn::Integration::wait_for_task_token) return handle.submitted(out.dump());
  if (run->tasks.empty()) return handle.failed("States.TaskFailed", out.dump());  // ECS's failures say why

  const std::string task_arn = run->tasks[0].task_arn;
  auto saved = house_.db.transaction([&](store::Tx& tx) {
    return tx.exec("INSERT OR REPLACE INTO states_task_calls (execution_arn, task_id, target) VALUES (?, ?, ?)",
                   {r.execution_arn, r.task_id, task_arn});
  });
  if (!saved) return handle.failed("States.TaskFailed", "cannot record the ECS task: " + saved.error().message);
  {
    std::lock_guard lock(mu_);
    task_watches_[task_arn] = TaskWatch{handle, r.task_id, ctx, run->tasks[0].cluster_arn};
  }
  handle.submitted(out.dump());
}

void Integrations::task_stopped(const aws::ecs::Task& task) {
  TaskWatch watch;
  {
    std::lock_guard lock(mu_);
    auto it = task_watches_.find(task.task_arn);
    if (it == task_watches_.end()) return;
    watch = std::move(it->second);
    task_watches_.erase(it);
  }
  (void)house_.db.transaction(
      [&](store::Tx& tx) { return tx.exec("DELETE FROM states_task_calls WHERE target = ?", {task.task_arn}); });
  std::string described = pascal_case(ecs_wire::encode(task)).dump();
  if (task_succeeded(task)) return watch.handle.succeeded(std::move(described));
  watch.handle.failed("States.TaskFailed", std::move(described));
}

void Integrations::stop_ecs_task(const std::string& task_id) {
  TaskWatch watch;
  std::string task_arn;
  {
    std::lock_guard lock(mu_);
    for (auto it = task_watches_.begin(); it != task_watches_.end(); ++it) {
      if (it->second.task_id != task_id) continue;
      task_arn = it->first;
      watch = std::move(it->second);
      task_watches_.erase(it);
      break;
    }
  }
  if (task_arn.empty() || peers_.ecs == nullptr) return;
  // As AWS: a stopped execution (or a timed-out Task) stops the task it was waiting for.
  (void)peers_.ecs->stop_task(
      watch.ctx, {.cluster = watch.cluster, .task = task_arn, .reason = "Task stopped by AWS Step Functions"});
}

}  // namespace hoplite::local::states
