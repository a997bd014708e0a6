#include "hoplite/fargate/cluster.hpp"

#include <fmt/format.h>

#include "hoplite/cfn/intrinsics.hpp"
#include "hoplite/cfn/logical_id.hpp"
#include "hoplite/cfn/template.hpp"
#include "hoplite/fargate/error.hpp"

namespace hoplite::fargate {

Cluster::Cluster(std::string name, ClusterProps props)
    : name_(std::move(name)), cluster_(cfn::sanitize_logical_id(name_)) {
  if (cluster_.logical_id().empty())
    throw DefinitionError(104, fmt::format("cluster name '{}' needs a letter or digit", name_));
  if (!props.cluster_name.empty()) cluster_.props.ClusterName = props.cluster_name;
  if (props.container_insights)
    cluster_.props.ClusterSettings.push_back({.Name = "containerInsights", .Value = "enabled"});
}

void Cluster::add_to(cfn::Template& t) const {
  t.add(cluster_);
  t.add_output(cluster_.logical_id() + "Name", cfn::ref(cluster_), {.description = "ECS cluster"});
}

}  // namespace hoplite::fargate
