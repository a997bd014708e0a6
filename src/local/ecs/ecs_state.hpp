#pragma once
/// \file ECS's tables. Clusters, task definitions and tasks are kept per account and region; task
/// definitions and tasks are stored in their wire form (ecs_wire.hpp), with the columns the
/// listings filter on beside them. Runs inside the caller's transaction.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "hoplite/aws/ecs.hpp"
#include "hoplite/core/result.hpp"
#include "local/ecs/ecs_names.hpp"
#include "local/store/database.hpp"

namespace hoplite::local::ecs {

/// Schema steps of the `ecs` component (never edit a released one: add the next).
[[nodiscard]] const std::vector<store::Migration>& migrations();

/// A task as stored, with what the runner needs that the API does not show.
struct StoredTask {
  Scope scope;
  std::string id;
  std::string cluster;
  aws::ecs::Task task;
  /// The task definition revision it runs (its wire form), fixed at RunTask.
  aws::ecs::TaskDefinition definition;
  /// The endpoint the task's containers reach the local cloud at (`http://127.0.0.1:4566`).
  std::string endpoint;
  /// What the task's containers present to read their role's credentials
  /// (`AWS_CONTAINER_AUTHORIZATION_TOKEN`): random, per task. Never logged.
  std::string token;
};

/// Where a service is: its account and region, cluster and name.
struct ServiceKey {
  Scope scope;
  std::string cluster;
  std::string name;
  std::string host;  ///< where its tasks reach the local cloud (the creating call's Host)
};

/// The statements of one transaction, scoped to an account and a region.
class EcsTables {
 public:
  EcsTables(store::Tx& tx, Scope scope) : tx_(tx), scope_(std::move(scope)) {}

  // clusters
  core::Result<std::optional<aws::ecs::Cluster>> cluster(const std::string& name);
  core::Result<void> put_cluster(const aws::ecs::Cluster& cluster);
  /// Names of ACTIVE clusters after `after`, in name order, at most `limit`.
  core::Result<std::vector<std::string>> cluster_names(const std::string& after, std::size_t limit);
  /// Tasks of a cluster per last status (for the cluster's counts).
  core::Result<std::int64_t> count_tasks(const std::string& cluster, std::string_view last_status);

  // task definitions
  core::Result<std::optional<aws::ecs::TaskDefinition>> task_definition(const std::string& family,
                                                                        std::optional<int> revision);
  core::Result<int> last_revision(const std::string& family);
  core::Result<void> put_task_definition(const aws::ecs::TaskDefinition& definition,
                                         const std::vector<aws::ecs::Tag>& tags);
  core::Result<std::vector<aws::ecs::Tag>> task_definition_tags(const std::string& family, int revision);
  /// ARNs in (family, revision) order after `after` ("family:revision" zero-padded key).
  core::Result<std::vector<std::pair<std::string, std::string>>> task_definition_arns(
      const std::string& family_prefix, std::optional<std::string_view> status, bool descending,
      const std::string& after, std::size_t limit);

  // tasks
  core::Result<std::optional<StoredTask>> task(const std::string& id);
  core::Result<void> put_task(const StoredTask& task);
  /// Task ids of a cluster with the given desired status, filtered, in creation order.
  core::Result<std::vector<std::pair<std::string, std::string>>> task_ids(const std::string& cluster,
                                                                          const std::string& desired_status,
                                                                          const std::optional<std::string>& family,
                                                                          const std::optional<std::string>& started_by,
                                                                          const std::string& after, std::size_t limit);

  // services (stored in their wire form; running and pending counts are computed when read)
  core::Result<std::optional<aws::ecs::Service>> service(const std::string& cluster, const std::string& name);
  /// Inserts or replaces; `host` is kept from the insert.
  core::Result<void> put_service(const std::string& cluster, const aws::ecs::Service& service,
                                 const std::string& host = {});
  /// Names of a cluster's services not yet INACTIVE after `after`, in name order, at most `limit`.
  core::Result<std::vector<std::string>> service_names(const std::string& cluster, const std::string& after,
                                                       std::size_t limit);

 private:
  store::Tx& tx_;
  Scope scope_;
};

/// The task with this id in whichever scope holds it (task ids are random and unique): the
/// containers' metadata and credentials endpoints name a task by id only.
core::Result<std::optional<StoredTask>> task_by_id(store::Tx& tx, const std::string& id);

/// The cluster a request names (name, ARN or none = `default`), which must exist and be ACTIVE;
/// else ECS's ClusterNotFoundException.
core::Result<std::string> active_cluster(EcsTables& tables, const Scope& scope,
                                         const std::optional<std::string>& reference);

/// Every service not yet INACTIVE, in every scope (what the reconciler keeps running).
core::Result<std::vector<ServiceKey>> live_services(store::Tx& tx);

/// Every task not yet STOPPED, in every scope (what a restart must settle).
core::Result<std::vector<StoredTask>> unfinished_tasks(store::Tx& tx);

/// Counts per account for /_hoplite/: clusters, task definitions, tasks by last status.
core::Result<nlohmann::json> inventory(store::Database& db);

}  // namespace hoplite::local::ecs
