// ECS's handler table (each operation decoded and encoded by the shared shapes, ecs_wire.hpp),
// its start-up recovery and the one place a task's stored state changes.
#include "local/ecs/ecs_service.hpp"

#include <cstdlib>
#include <stdexcept>

#include "hoplite/aws/ecs_wire.hpp"
#include "hoplite/core/log.hpp"
#include "hoplite/http/curl_client.hpp"
#include "local/ecs/ecs_state.hpp"
#include "local/ecs/image_cache.hpp"
#include "local/ecs/task_endpoints.hpp"
#include "local/ecs/task_supervisor.hpp"
#include "local/protocol/routes.hpp"
#include "local/runtime/select_runtime.hpp"
#include "local/store/database.hpp"

namespace hoplite::local::ecs {

namespace wire = aws::ecs::wire;

EcsService::EcsService(ServiceContext& house, EcsOptions options)
    : spec_{.signing_name = "ecs",
            .protocol = Protocol::json_1_1,
            .target_prefix = "AmazonEC2ContainerServiceV20141113",
            .api_version = {},
            .xml_namespace = {},
            .own_auth_prefix = std::string(kTaskEndpointPrefix)},
      api_(spec_),
      house_(house),
      options_(std::move(options)) {
  if (auto m = house_.db.migrate("ecs", migrations()); !m)
    throw std::runtime_error("local ecs: " + m.error().to_string());
  const auto dir = house_.data_dir / "ecs";
  if (!options_.runtime) {
    const char* configured = std::getenv(kRuntimeVariable);
    options_.runtime = runtime::select_runtime(configured != nullptr ? configured : "", dir / "crun");
  }
  if (!options_.registry_client) options_.registry_client = std::make_shared<http::CurlClient>();
  images_ = std::make_unique<ImageCache>(ImageCacheOptions{.dir = dir / "images"}, *options_.registry_client);
  recover();
  supervisor_ = std::make_unique<TaskSupervisor>(SupervisorOptions{
      .runtime = options_.runtime.get(),
      .images = images_.get(),
      .logs = options_.logs.get(),
      .clock = &house_.clock,
      .work_dir = dir / "tasks",
      .update = [this](const Scope& s, const std::string& id,
                       const std::function<void(aws::ecs::Task&)>& change) { return update_task(s, id, change); },
      .registry_credentials = options_.registry_credentials,
      .local_images = options_.local_images,
      .platform_env = [this](const StoredTask& t) { return platform_env(t); }});
  add_routes();
  on_task_stopped([this](const std::string&, const std::string&, const aws::ecs::Task& t) {
    if (t.started_by && t.started_by->starts_with("ecs-svc/")) poke_services();
  });
  reconciler_ = std::thread([this] { reconcile_loop(); });
}

EcsService::~EcsService() {
  {
    std::lock_guard lock(reconcile_mutex_);
    reconcile_quit_ = true;
  }
  reconcile_cv_.notify_all();
  reconciler_.join();
}

void EcsService::add_routes() {
  auto encode = [](const auto& r) { return wire::encode_response(r); };
  api_.add("CreateCluster", json_route(
                                wire::decode_create_cluster_request,
                                [this](auto& ctx, auto& r) { return create_cluster(ctx, r); }, encode));
  api_.add("DeleteCluster", json_route(
                                wire::decode_delete_cluster_request,
                                [this](auto& ctx, auto& r) { return delete_cluster(ctx, r); }, encode));
  api_.add("DescribeClusters", json_route(
                                   wire::decode_describe_clusters_request,
                                   [this](auto& ctx, auto& r) { return describe_clusters(ctx, r); }, encode));
  api_.add("ListClusters", json_route(
                               wire::decode_list_clusters_request,
                               [this](auto& ctx, auto& r) { return list_clusters(ctx, r); }, encode));
  api_.add("RegisterTaskDefinition",
           json_route(
               wire::decode_register_task_definition_request,
               [this](auto& ctx, auto& r) { return register_task_definition(ctx, r); }, encode));
  api_.add("DescribeTaskDefinition",
           json_route(
               wire::decode_describe_task_definition_request,
               [this](auto& ctx, auto& r) { return describe_task_definition(ctx, r); }, encode));
  api_.add("DeregisterTaskDefinition",
           json_route(
               wire::decode_deregister_task_definition_request,
               [this](auto& ctx, auto& r) { return deregister_task_definition(ctx, r); }, encode));
  api_.add("ListTaskDefinitions", json_route(
                                      wire::decode_list_task_definitions_request,
                                      [this](auto& ctx, auto& r) { return list_task_definitions(ctx, r); }, encode));
  api_.add("RunTask",
           json_route(
               wire::decode_run_task_request, [this](auto& ctx, auto& r) { return run_task(ctx, r); }, encode));
  api_.add("DescribeTasks", json_route(
                                wire::decode_describe_tasks_request,
                                [this](auto& ctx, auto& r) { return describe_tasks(ctx, r); }, encode));
  api_.add("ListTasks",
           json_route(
               wire::decode_list_tasks_request, [this](auto& ctx, auto& r) { return list_tasks(ctx, r); }, encode));
  api_.add("CreateService", json_route(
                                wire::decode_create_service_request,
                                [this](auto& ctx, auto& r) { return create_service(ctx, r); }, encode));
  api_.add("DescribeServices", json_route(
                                   wire::decode_describe_services_request,
                                   [this](auto& ctx, auto& r) { return describe_services(ctx, r); }, encode));
  api_.add("UpdateService", json_route(
                                wire::decode_update_service_request,
                                [this](auto& ctx, auto& r) { return update_service(ctx, r); }, encode));
  api_.add("DeleteService", json_route(
                                wire::decode_delete_service_request,
                                [this](auto& ctx, auto& r) { return delete_service(ctx, r); }, encode));
  api_.add("ListServices", json_route(
                               wire::decode_list_services_request,
                               [this](auto& ctx, auto& r) { return list_services(ctx, r); }, encode));
  api_.add("StopTask",
           json_route(
               wire::decode_stop_task_request, [this](auto& ctx, auto& r) { return stop_task(ctx, r); }, encode));
}

nlohmann::json EcsService::inspect() {
  auto out = inventory(house_.db);
  return out ? *out : nlohmann::json::object();
}

void EcsService::on_task_stopped(StopListener listener) {
  std::lock_guard lock(listeners_mutex_);
  listeners_.push_back(std::move(listener));
}

core::Result<aws::ecs::Task> EcsService::update_task(const Scope& scope, const std::string& id,
                                                     const std::function<void(aws::ecs::Task&)>& change) {
  bool stopped_now = false, running_now = false;
  auto task = house_.db.transaction<aws::ecs::Task>([&](store::Tx& tx) -> core::Result<aws::ecs::Task> {
    EcsTables tables(tx, scope);
    auto stored = tables.task(id);
    if (!stored) return stored.failure();
    if (!*stored) return core::fail("local.ecs", "task " + id + " is gone");
    std::string was = (*stored)->task.last_status;
    change((*stored)->task);
    ++(*stored)->task.version;
    stopped_now = was != "STOPPED" && (*stored)->task.last_status == "STOPPED";
    running_now = was != "RUNNING" && (*stored)->task.last_status == "RUNNING";
    if (auto w = tables.put_task(**stored); !w) return w.failure();
    return (*stored)->task;
  });
  // A service's task that starts may complete its deployment: the reconciler looks now, not at
  // its next periodic pass (whoever waits for the steady state, such as a stack, waits less).
  if (task && running_now && task->started_by && task->started_by->starts_with("ecs-svc/")) poke_services();
  if (task && stopped_now) {
    std::vector<StopListener> listeners;
    {
      std::lock_guard lock(listeners_mutex_);
      listeners = listeners_;
    }
    for (const auto& l : listeners) l(scope.account, scope.region, *task);
  }
  return task;
}

void EcsService::recover() {
  auto unfinished = house_.db.transaction<std::vector<StoredTask>>(
      [](store::Tx& tx) -> core::Result<std::vector<StoredTask>> { return unfinished_tasks(tx); });
  if (!unfinished) throw std::runtime_error("local ecs: " + unfinished.error().to_string());
  auto now = house_.clock.now();
  for (const auto& t : *unfinished) {
    for (std::size_t i = 0; i < t.definition.container_definitions.size(); ++i)
      options_.runtime->remove(runtime_id(t.id, i));
    bool ran = t.task.last_status == "RUNNING";
    const std::string reason = ran ? "Task stopped because the local cloud stopped while it ran"
                                   : "Task failed to start because the local cloud stopped before it started";
    auto r = update_task(t.scope, t.id, [&](aws::ecs::Task& task) {
      if (task.stop_code.empty() || !ran) {
        task.stop_code = ran ? "TerminationNotice" : "TaskFailedToStart";
        task.stopped_reason = reason;
      }
      task.last_status = "STOPPED";
      task.desired_status = "STOPPED";
      if (!task.stopping_at) task.stopping_at = now;
      task.execution_stopped_at = now;
      task.stopped_at = now;
      if (task.connectivity) task.connectivity = "DISCONNECTED";
      for (auto& c : task.containers) {
        c.last_status = "STOPPED";
        if (c.reason.empty()) c.reason = reason;
      }
    });
    if (!r) core::log::warn("ecs: cannot settle task {}: {}", t.id, r.error().to_string());
  }
  // Nothing of ours runs before the supervisor starts: whatever the runtime still knows is a
  // leftover of a crash.
  for (const auto& id : options_.runtime->list()) options_.runtime->remove(id);
  std::error_code ec;
  std::filesystem::remove_all(house_.data_dir / "ecs" / "tasks", ec);
}

std::vector<std::pair<std::string, std::string>> EcsService::platform_env(const StoredTask& task) {
  return task_endpoint_environment(task);
}

http::Response EcsService::handle(Call& call) {
  if (call.request.path().starts_with(kTaskEndpointPrefix)) {
    call.operation = "TaskEndpoint";
    return serve_task_endpoint(house_, call.request);
  }
  return api_.handle(call);
}

}  // namespace hoplite::local::ecs
