#pragma once
/// \file The local cloud's Amazon ECS: clusters, task definitions (revisions, Fargate sizes) and
/// Fargate tasks that run as real containers (task_supervisor.hpp), per account and region. Typed
/// operations first — what the Step Functions integration (`ecs:runTask`, `.sync`) and the
/// CloudFormation providers (Cluster, TaskDefinition) call — and a thin JSON 1.1 handler over
/// them (ecs_service.cpp).
///
/// **Example** (a `.sync` integration):
/// \code
///   ecs.on_task_stopped([&](const std::string& account, const std::string& region, const aws::ecs::Task& t) {
///     // t.last_status == "STOPPED", t.containers[i].exit_code, t.stop_code, t.stopped_reason
///   });
///   auto run = ecs.run_task(ctx, {.cluster = "c", .launch_type = "FARGATE", .task_definition = "svc:3", …});
/// \endcode
///
/// What is emulated and what not: docs/local.md ("ECS").

#include <functional>
#include <memory>
#include <mutex>
#include <vector>

#include "hoplite/aws/ecs.hpp"
#include "hoplite/http/client.hpp"
#include "local/ecs/ecs_names.hpp"
#include "local/ecs/image_cache.hpp"
#include "local/ecs/task_logs.hpp"
#include "local/protocol/json.hpp"
#include "local/runtime/container_runtime.hpp"
#include "local/service.hpp"

namespace hoplite::local::ecs {

class TaskSupervisor;
struct StoredTask;

/// Environment variable naming the container runtime: `crun` (default), a path to a crun binary,
/// or `podman`/`docker` (recognised, not supported yet: tasks then fail to start saying so).
inline constexpr const char* kRuntimeVariable = "HOPLITE_CONTAINER_RUNTIME";

struct EcsOptions {
  /// Runs the containers. Default: chosen from HOPLITE_CONTAINER_RUNTIME (crun, with its state in
  /// `<data dir>/ecs/crun`).
  std::unique_ptr<runtime::ContainerRuntime> runtime;
  /// Receives the tasks' output (the awslogs driver). Default: none — output is dropped.
  std::shared_ptr<TaskLogSink> logs;
  /// Logs in to the registry of a task's image, as the task's execution role does with ECR.
  /// Default: anonymous pulls (services.cpp connects the local ECR).
  RegistryCredentials registry_credentials;
  /// Pulls images. Default: a libcurl client.
  std::shared_ptr<http::Client> registry_client;
};

class EcsService final : public Service {
 public:
  EcsService(ServiceContext& house, EcsOptions options = {});
  ~EcsService() override;

  [[nodiscard]] const ServiceSpec& spec() const override { return spec_; }
  /// The JSON API, and the task endpoints under `/_ecs/` (task_endpoints.hpp).
  http::Response handle(Call& call) override;
  nlohmann::json inspect() override;

  // ---- operations (errors: ECS's codes and messages, see ecs_names.hpp) ----
  core::Result<aws::ecs::ClusterResponse> create_cluster(const CallContext& ctx,
                                                         const aws::ecs::CreateClusterRequest& request);
  core::Result<aws::ecs::ClusterResponse> delete_cluster(const CallContext& ctx,
                                                         const aws::ecs::DeleteClusterRequest& request);
  core::Result<aws::ecs::DescribeClustersResponse> describe_clusters(const CallContext& ctx,
                                                                     const aws::ecs::DescribeClustersRequest& request);
  core::Result<aws::ecs::ListClustersResponse> list_clusters(const CallContext& ctx,
                                                             const aws::ecs::ListClustersRequest& request);

  core::Result<aws::ecs::TaskDefinitionResponse> register_task_definition(
      const CallContext& ctx, const aws::ecs::RegisterTaskDefinitionRequest& request);
  core::Result<aws::ecs::TaskDefinitionResponse> describe_task_definition(
      const CallContext& ctx, const aws::ecs::DescribeTaskDefinitionRequest& request);
  core::Result<aws::ecs::TaskDefinitionResponse> deregister_task_definition(
      const CallContext& ctx, const aws::ecs::DeregisterTaskDefinitionRequest& request);
  core::Result<aws::ecs::ListTaskDefinitionsResponse> list_task_definitions(
      const CallContext& ctx, const aws::ecs::ListTaskDefinitionsRequest& request);

  /// Stores the tasks PROVISIONING and returns at once; they run on the supervisor's thread.
  /// `ctx.host` is the address the tasks' containers reach the local cloud at.
  core::Result<aws::ecs::RunTaskResponse> run_task(const CallContext& ctx, const aws::ecs::RunTaskRequest& request);
  core::Result<aws::ecs::DescribeTasksResponse> describe_tasks(const CallContext& ctx,
                                                               const aws::ecs::DescribeTasksRequest& request);
  core::Result<aws::ecs::ListTasksResponse> list_tasks(const CallContext& ctx,
                                                       const aws::ecs::ListTasksRequest& request);
  /// Desired status STOPPED at once (stopCode UserInitiated); the containers get SIGTERM, then
  /// SIGKILL after their stopTimeout, and the task reaches STOPPED when they have exited.
  core::Result<aws::ecs::StopTaskResponse> stop_task(const CallContext& ctx, const aws::ecs::StopTaskRequest& request);

  /// Called once for every task that reaches STOPPED from now on (on the supervisor's thread,
  /// after the state committed; also for tasks a restart found unfinished, during construction,
  /// before any listener can exist — a caller that must not miss a stop subscribes, then reads
  /// the task with describe_tasks). Listeners must not block: hand the work to your own queue.
  using StopListener =
      std::function<void(const std::string& account, const std::string& region, const aws::ecs::Task& task)>;
  void on_task_stopped(StopListener listener);

 private:
  void add_routes();
  /// Settles what a previous run left: unfinished tasks become STOPPED, their containers are
  /// removed, and the runtime forgets every container of ours.
  void recover();
  core::Result<aws::ecs::Task> update_task(const Scope& scope, const std::string& id,
                                           const std::function<void(aws::ecs::Task&)>& change);
  std::vector<std::pair<std::string, std::string>> platform_env(const StoredTask& task);

  ServiceSpec spec_;
  JsonApi api_;
  ServiceContext& house_;
  EcsOptions options_;
  std::unique_ptr<ImageCache> images_;
  std::mutex listeners_mutex_;
  std::vector<StopListener> listeners_;
  std::unique_ptr<TaskSupervisor> supervisor_;  ///< last: stopped first
};

}  // namespace hoplite::local::ecs
