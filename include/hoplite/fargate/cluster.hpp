#pragma once
/// \file
/// fargate::Cluster — the ECS cluster the tasks run in (AWS::ECS::Cluster, logical ID = the
/// name without non-alphanumerics), with an Output `<id>Name` (its name).

#include <string>

#include "hoplite/cfn/resources/ecs/cluster.hpp"

namespace hoplite::cfn {
class Template;
}

namespace hoplite::fargate {

/// The cluster's optional settings.
struct ClusterProps {
  std::string cluster_name;  ///< ClusterName; default: CloudFormation generates one (stack-unique)
  /// Container Insights metrics (ClusterSettings containerInsights=enabled); default false.
  bool container_insights = false;
};

/// An ECS cluster for Fargate tasks (one AWS::ECS::Cluster resource).
class Cluster {
 public:
  /// A cluster whose logical ID comes from `name`.
  explicit Cluster(std::string name, ClusterProps props = {});
  /// Adds the cluster resource to `t`.
  void add_to(cfn::Template& t) const;

  /// The name given at construction.
  [[nodiscard]] const std::string& name() const { return name_; }
  /// The AWS::ECS::Cluster resource (for cfn::ref and Fn::GetAtt).
  [[nodiscard]] const cfn::ecs::Cluster& resource() const { return cluster_; }

 private:
  std::string name_;
  cfn::ecs::Cluster cluster_;
};

}  // namespace hoplite::fargate
