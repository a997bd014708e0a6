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

struct ClusterProps {
  std::string cluster_name;  ///< ClusterName; default: CloudFormation generates one (stack-unique)
  /// Container Insights metrics (ClusterSettings containerInsights=enabled); default false.
  bool container_insights = false;
};

class Cluster {
 public:
  explicit Cluster(std::string name, ClusterProps props = {});
  void add_to(cfn::Template& t) const;

  [[nodiscard]] const std::string& name() const { return name_; }
  [[nodiscard]] const cfn::ecs::Cluster& resource() const { return cluster_; }

 private:
  std::string name_;
  cfn::ecs::Cluster cluster_;
};

}  // namespace hoplite::fargate
