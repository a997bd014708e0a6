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

#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include "hoplite/aws/ec2.hpp"
#include "hoplite/aws/ecs.hpp"
#include "hoplite/http/client.hpp"
#include "local/ecs/ecs_names.hpp"
#include "local/ecs/image_cache.hpp"
#include "local/ecs/task_logs.hpp"
#include "local/protocol/json.hpp"
#include "local/runtime/container_runtime.hpp"
#include "local/service.hpp"

namespace hoplite::local::store {
class Tx;
}  // namespace hoplite::local::store

namespace hoplite::local::ecs {

class TaskSupervisor;
struct StoredTask;
struct ServiceKey;

/// Environment variable naming the container runtime: `crun` (default), a path to a crun binary,
/// or `podman`/`docker` (recognised, not supported yet: tasks then fail to start saying so).
inline constexpr const char* kRuntimeVariable = "HOPLITE_CONTAINER_RUNTIME";

/// Where RunTask finds the subnets and security groups an awsvpc configuration names: the local
/// EC2's, read in ECS's own transaction (they share the database). services.cpp connects it
/// (task_network_from_ec2.hpp). Nullopt from a lookup: no such resource in that account and region.
struct NetworkLookup {
  std::function<core::Result<std::optional<aws::ec2::Subnet>>(store::Tx&, const Scope&, const std::string& id)> subnet;
  std::function<core::Result<std::optional<aws::ec2::SecurityGroup>>(store::Tx&, const Scope&, const std::string& id)>
      security_group;
};

struct EcsOptions {
  /// Runs the containers. Default: chosen from HOPLITE_CONTAINER_RUNTIME (crun, with its state in
  /// `<data dir>/ecs/crun`).
  std::unique_ptr<runtime::ContainerRuntime> runtime;
  /// Receives the tasks' output (the awslogs driver). Default: none — output is dropped.
  std::shared_ptr<TaskLogSink> logs;
  /// Logs in to the registry of a task's image, as the task's execution role does with ECR.
  /// Default: anonymous pulls (services.cpp connects the local ECR).
  RegistryCredentials registry_credentials;
  /// Reads the images a registry in process holds without HTTP. Default: none (services.cpp
  /// connects the local ECR).
  LocalImages local_images;
  /// Pulls images. Default: a libcurl client.
  std::shared_ptr<http::Client> registry_client;
  /// Checks RunTask's subnets and security groups. Default: none — a local cloud without EC2 checks
  /// only their form.
  std::optional<NetworkLookup> network;
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

  /// REPLICA services on Fargate: a reconciler (its own thread) keeps `desiredCount` tasks of the
  /// service's deployment running (`startedBy` the deployment id, group `service:<name>`): a task
  /// that stops is replaced, scaling in stops the newest, DeleteService drains them.
  core::Result<aws::ecs::ServiceResponse> create_service(const CallContext& ctx,
                                                         const aws::ecs::CreateServiceRequest& request);
  core::Result<aws::ecs::DescribeServicesResponse> describe_services(const CallContext& ctx,
                                                                     const aws::ecs::DescribeServicesRequest& request);
  /// A new task definition or network configuration is a new deployment: the old one's tasks are
  /// stopped at once and the new one's started (AWS rolls them; docs/local.md).
  core::Result<aws::ecs::ServiceResponse> update_service(const CallContext& ctx,
                                                         const aws::ecs::UpdateServiceRequest& request);
  core::Result<aws::ecs::ServiceResponse> delete_service(const CallContext& ctx,
                                                         const aws::ecs::DeleteServiceRequest& request);
  core::Result<aws::ecs::ListServicesResponse> list_services(const CallContext& ctx,
                                                             const aws::ecs::ListServicesRequest& request);

  /// Called once for every task that reaches STOPPED from now on (on the supervisor's thread,
  /// after the state committed; also for tasks a restart found unfinished, during construction,
  /// before any listener can exist — a caller that must not miss a stop subscribes, then reads
  /// the task with describe_tasks). Listeners must not block: hand the work to your own queue.
  using StopListener =
      std::function<void(const std::string& account, const std::string& region, const aws::ecs::Task& task)>;
  void on_task_stopped(StopListener listener);

 private:
  void add_routes();
  /// Wakes the reconciler (a service changed, or one of its tasks stopped).
  void poke_services();
  void reconcile_loop();
  void reconcile(const ServiceKey& key);
  /// Settles what a previous run left: unfinished tasks become STOPPED, their containers are
  /// removed, and the runtime forgets every container of ours.
  void recover();
  core::Result<aws::ecs::Task> update_task(const Scope& scope, const std::string& id,
                                           const std::function<void(aws::ecs::Task&)>& change);
  std::vector<std::pair<std::string, std::string>> platform_env(const StoredTask& task);
  /// The awsvpc configuration's subnets and security groups as the local EC2 has them (when it
  /// runs): the first subnet's CIDR block, or nullopt when nothing was checked.
  core::Result<std::optional<std::string>> check_network_exists(store::Tx& tx, const Scope& scope,
                                                                const aws::ecs::AwsVpcConfiguration& v);

  ServiceSpec spec_;
  JsonApi api_;
  ServiceContext& house_;
  EcsOptions options_;
  std::unique_ptr<ImageCache> images_;
  std::mutex listeners_mutex_;
  std::vector<StopListener> listeners_;
  std::mutex reconcile_mutex_;
  std::condition_variable reconcile_cv_;
  bool reconcile_poked_ = false;
  bool reconcile_quit_ = false;
  std::thread reconciler_;                      ///< joined in the destructor, before anything goes
  std::unique_ptr<TaskSupervisor> supervisor_;  ///< last: stopped first (its stop listeners poke the reconciler)
};

}  // namespace hoplite::local::ecs
