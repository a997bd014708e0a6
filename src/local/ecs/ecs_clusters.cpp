// ECS clusters: CreateCluster (idempotent), DeleteCluster, DescribeClusters, ListClusters.
#include "hoplite/core/result.hpp"
#include "local/ecs/ecs_service.hpp"
#include "local/ecs/ecs_state.hpp"
#include "local/paging.hpp"
#include "local/store/database.hpp"

namespace hoplite::local::ecs {
namespace {

using aws::ecs::Cluster;

/// A cluster with its live task counts.
core::Result<Cluster> with_counts(EcsTables& tables, Cluster c) {
  auto running = tables.count_tasks(c.cluster_name, "RUNNING");
  if (!running) return running.failure();
  auto provisioning = tables.count_tasks(c.cluster_name, "PROVISIONING");
  if (!provisioning) return provisioning.failure();
  auto pending = tables.count_tasks(c.cluster_name, "PENDING");
  if (!pending) return pending.failure();
  c.running_tasks_count = static_cast<int>(*running);
  c.pending_tasks_count = static_cast<int>(*provisioning + *pending);
  return c;
}

core::Failure invalid_cluster_name() {
  return invalid_parameter(
      "Cluster name is invalid: up to 255 letters (uppercase and lowercase), numbers, underscores, and hyphens are "
      "allowed.");
}

}  // namespace

core::Result<aws::ecs::ClusterResponse> EcsService::create_cluster(const CallContext& ctx,
                                                                   const aws::ecs::CreateClusterRequest& request) {
  const Scope scope = scope_of(ctx);
  std::string name = request.cluster_name.value_or("default");
  if (!valid_cluster_name(name)) return invalid_cluster_name();
  if (request.tags.size() > 50) return invalid_parameter("Too many tags: at most 50 are allowed.");
  return house_.db.transaction<aws::ecs::ClusterResponse>(
      [&](store::Tx& tx) -> core::Result<aws::ecs::ClusterResponse> {
        EcsTables tables(tx, scope);
        auto existing = tables.cluster(name);
        if (!existing) return existing.failure();
        // CreateCluster of an ACTIVE cluster answers it unchanged, as ECS does.
        if (*existing && (*existing)->status == "ACTIVE") {
          auto c = with_counts(tables, **existing);
          if (!c) return c.failure();
          return aws::ecs::ClusterResponse{std::move(*c)};
        }
        Cluster c{.cluster_arn = cluster_arn(scope, name),
                  .cluster_name = name,
                  .status = "ACTIVE",
                  .tags = request.tags,
                  .capacity_providers = request.capacity_providers};
        if (auto w = tables.put_cluster(c); !w) return w.failure();
        return aws::ecs::ClusterResponse{std::move(c)};
      });
}

core::Result<aws::ecs::ClusterResponse> EcsService::delete_cluster(const CallContext& ctx,
                                                                   const aws::ecs::DeleteClusterRequest& request) {
  const Scope scope = scope_of(ctx);
  if (request.cluster.empty()) return invalid_parameter("Cluster must be specified.");
  auto name = cluster_name(scope, request.cluster);
  if (!name) return cluster_not_found();
  return house_.db.transaction<aws::ecs::ClusterResponse>(
      [&](store::Tx& tx) -> core::Result<aws::ecs::ClusterResponse> {
        EcsTables tables(tx, scope);
        auto existing = tables.cluster(*name);
        if (!existing) return existing.failure();
        if (!*existing || (*existing)->status != "ACTIVE") return cluster_not_found();
        auto c = with_counts(tables, **existing);
        if (!c) return c.failure();
        auto services = tables.service_names(*name, "", 1);
        if (!services) return services.failure();
        if (!services->empty())
          return aws_error("ClusterContainsServicesException",
                           "The Cluster cannot be deleted while Services are active.");
        if (c->running_tasks_count + c->pending_tasks_count > 0)
          return aws_error("ClusterContainsTasksException", "The Cluster cannot be deleted while Tasks are active.");
        c->status = "INACTIVE";
        if (auto w = tables.put_cluster(*c); !w) return w.failure();
        return aws::ecs::ClusterResponse{std::move(*c)};
      });
}

core::Result<aws::ecs::DescribeClustersResponse> EcsService::describe_clusters(
    const CallContext& ctx, const aws::ecs::DescribeClustersRequest& request) {
  const Scope scope = scope_of(ctx);
  if (request.clusters.size() > 100) return invalid_parameter("Clusters cannot have more than 100 elements");
  std::vector<std::string> wanted = request.clusters;
  if (wanted.empty()) wanted.emplace_back("default");
  bool tags = false;
  for (const auto& i : request.include) tags = tags || i == "TAGS";
  return house_.db.transaction<aws::ecs::DescribeClustersResponse>(
      [&](store::Tx& tx) -> core::Result<aws::ecs::DescribeClustersResponse> {
        EcsTables tables(tx, scope);
        aws::ecs::DescribeClustersResponse out;
        for (const auto& reference : wanted) {
          auto name = cluster_name(scope, reference);
          std::optional<Cluster> found;
          if (name) {
            auto c = tables.cluster(*name);
            if (!c) return c.failure();
            found = std::move(*c);
          }
          if (!found) {
            out.failures.push_back({.arn = reference.starts_with("arn:") ? reference : cluster_arn(scope, reference),
                                    .reason = "MISSING",
                                    .detail = ""});
            continue;
          }
          auto c = with_counts(tables, std::move(*found));
          if (!c) return c.failure();
          if (!tags) c->tags.clear();
          out.clusters.push_back(std::move(*c));
        }
        return out;
      });
}

core::Result<aws::ecs::ListClustersResponse> EcsService::list_clusters(const CallContext& ctx,
                                                                       const aws::ecs::ListClustersRequest& request) {
  const Scope scope = scope_of(ctx);
  int max = request.max_results.value_or(100);
  if (max < 1 || max > 100) return invalid_parameter("maxResults must be between 1 and 100.");
  std::string after;
  if (request.next_token) {
    auto position = read_page_token("ecs.ListClusters", *request.next_token);
    if (!position) return invalid_parameter("Invalid token");
    after = *position;
  }
  return house_.db.transaction<aws::ecs::ListClustersResponse>(
      [&](store::Tx& tx) -> core::Result<aws::ecs::ListClustersResponse> {
        EcsTables tables(tx, scope);
        auto names = tables.cluster_names(after, static_cast<std::size_t>(max) + 1);
        if (!names) return names.failure();
        aws::ecs::ListClustersResponse out;
        for (std::size_t i = 0; i < names->size() && i < static_cast<std::size_t>(max); ++i)
          out.cluster_arns.push_back(cluster_arn(scope, (*names)[i]));
        if (names->size() > static_cast<std::size_t>(max))
          out.next_token = page_token("ecs.ListClusters", (*names)[static_cast<std::size_t>(max) - 1]);
        return out;
      });
}

}  // namespace hoplite::local::ecs
