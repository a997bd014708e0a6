#pragma once
/// \file The `Tags` property of the ECS resource types as the local ECS service takes them; one
/// reader for the Cluster and Service providers (defined in ecs_cluster.cpp).

#include <vector>

#include <nlohmann/json.hpp>

#include "hoplite/aws/ecs.hpp"

namespace hoplite::local::cloudformation {

/// `Tags` ([{"Key": ..., "Value": ...}]) as ECS tags; entries that are not objects are skipped.
[[nodiscard]] std::vector<aws::ecs::Tag> ecs_tags(const nlohmann::json& props);

}  // namespace hoplite::local::cloudformation
