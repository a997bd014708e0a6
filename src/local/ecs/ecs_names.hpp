#pragma once
/// \file ECS names and ARNs as the service checks and writes them, and ECS's errors (codes and
/// messages as the service words them). References to clusters, task definitions and tasks may be
/// a name/id or a full ARN; an ARN of another account or region names nothing here.

#include <optional>
#include <string>
#include <string_view>

#include "hoplite/core/result.hpp"
#include "local/service.hpp"

namespace hoplite::local::ecs {

/// The account and region a resource lives in (every table is keyed by both).
struct Scope {
  std::string account;
  std::string region;
};
[[nodiscard]] Scope scope_of(const CallContext& ctx);

/// Cluster names: 1–255 of letters, digits, `-` and `_`.
[[nodiscard]] bool valid_cluster_name(std::string_view name);
/// Family names: 1–255 of letters, digits, `-` and `_`.
[[nodiscard]] bool valid_family(std::string_view family);

[[nodiscard]] std::string cluster_arn(const Scope& s, std::string_view name);
[[nodiscard]] std::string task_definition_arn(const Scope& s, std::string_view family, int revision);
/// `arn:…:task/<cluster>/<id>` (the long ARN format, the only one new accounts get).
[[nodiscard]] std::string task_arn(const Scope& s, std::string_view cluster, std::string_view id);
/// `arn:…:service/<cluster>/<name>` (the long ARN format).
[[nodiscard]] std::string service_arn(const Scope& s, std::string_view cluster, std::string_view name);
[[nodiscard]] std::string container_arn(const Scope& s, std::string_view cluster, std::string_view task_id,
                                        std::string_view container_id);

/// The cluster a reference names: a name, or a cluster ARN of this scope. Absent or empty:
/// "default". nullopt when the reference cannot name a cluster here.
[[nodiscard]] std::optional<std::string> cluster_name(const Scope& s, const std::optional<std::string>& reference);

/// A task definition reference: `family`, `family:revision` or its ARN.
struct TaskDefinitionRef {
  std::string family;
  std::optional<int> revision;  ///< none: the latest ACTIVE revision
};
[[nodiscard]] std::optional<TaskDefinitionRef> parse_task_definition(const Scope& s, std::string_view reference);

/// A task reference: its id, or a task ARN (`task/<cluster>/<id>` or the old `task/<id>`) of this
/// scope. nullopt when it cannot name a task here.
[[nodiscard]] std::optional<std::string> task_id(const Scope& s, std::string_view reference);

// ---- errors ----
[[nodiscard]] core::Failure client_error(std::string message);
[[nodiscard]] core::Failure invalid_parameter(std::string message);
/// `ClusterNotFoundException`: "Cluster not found."
[[nodiscard]] core::Failure cluster_not_found();

}  // namespace hoplite::local::ecs
