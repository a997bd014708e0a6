#include "hoplite/fargate/cluster.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "hoplite/cfn/template.hpp"

namespace hoplite::fargate {
namespace {

TEST(Cluster, ResourceAndOutput) {
  cfn::Template t;
  Cluster{"Jobs", {.cluster_name = "jobs", .container_insights = true}}.add_to(t);
  auto j = nlohmann::ordered_json::parse(t.render());
  EXPECT_EQ(j["Resources"]["Jobs"]["Type"], "AWS::ECS::Cluster");
  EXPECT_EQ(j["Resources"]["Jobs"]["Properties"]["ClusterName"], "jobs");
  EXPECT_EQ(j["Resources"]["Jobs"]["Properties"]["ClusterSettings"][0]["Value"], "enabled");
  EXPECT_EQ(j["Outputs"]["JobsName"]["Value"]["Ref"], "Jobs");
}

}  // namespace
}  // namespace hoplite::fargate
