// Dependency order: edges from Ref/GetAtt/Sub/DependsOn, waves for parallel create and reverse
// delete, the Schedule an engine drives, cycles, and conditions.

#include "hoplite/cfn/dependency_graph.hpp"

#include <gtest/gtest.h>

#include "eval_fixture.hpp"

namespace hoplite::cfn {
namespace {

using Waves = std::vector<std::vector<std::string>>;

TemplateDocument graph_doc_of(const std::string& resources) {
  auto d = read_template("Resources:\n" + resources);
  EXPECT_TRUE(d.ok()) << (d.ok() ? "" : d.error().message);
  return d.ok() ? *d : TemplateDocument{};
}

TEST(DependencyGraph, WavesFromEveryKindOfReference) {
  auto doc = graph_doc_of(R"(
  Vpc: {Type: AWS::EC2::VPC}
  Igw: {Type: AWS::EC2::InternetGateway}
  Attach: {Type: AWS::EC2::VPCGatewayAttachment, Properties: {VpcId: !Ref Vpc, InternetGatewayId: !GetAtt Igw.InternetGatewayId}}
  Subnet1: {Type: AWS::EC2::Subnet, Properties: {VpcId: !Sub '${Vpc}'}}
  Subnet2: {Type: AWS::EC2::Subnet, Properties: {VpcId: !Sub '${Vpc.VpcId}'}}
  Route: {Type: AWS::EC2::Route, DependsOn: Attach, Properties: {RouteTableId: x}}
  Lonely: {Type: AWS::SNS::Topic}
)");
  auto g = build_dependency_graph(doc);
  ASSERT_TRUE(g.ok()) << g.error().message;
  EXPECT_EQ(g->creation_waves(), (Waves{{"Vpc", "Igw", "Lonely"}, {"Attach", "Subnet1", "Subnet2"}, {"Route"}}));
  EXPECT_EQ(g->deletion_waves(), (Waves{{"Lonely", "Route", "Subnet2", "Subnet1"}, {"Attach"}, {"Igw", "Vpc"}}));
}

TEST(DependencyGraph, RecordedDeployOrderCases) {
  // cfn-stacks-stack_deploy_order-*: A <- B <- C through Ref, plus DependsOn.
  auto doc = graph_doc_of(R"(
  C: {Type: AWS::SSM::Parameter, Properties: {Type: String, Value: !Ref B}}
  B: {Type: AWS::SSM::Parameter, Properties: {Type: String, Value: !Ref A}}
  A: {Type: AWS::SSM::Parameter, DependsOn: Dummy, Properties: {Type: String, Value: root}}
  Dummy: {Type: AWS::SSM::Parameter, Properties: {Type: String, Value: dummy}}
)");
  auto g = build_dependency_graph(doc);
  ASSERT_TRUE(g.ok());
  EXPECT_EQ(g->creation_waves(), (Waves{{"Dummy"}, {"A"}, {"B"}, {"C"}}));
  EXPECT_EQ(g->deletion_waves(), (Waves{{"C"}, {"B"}, {"A"}, {"Dummy"}}));
}

TEST(DependencyGraph, ScheduleHandsOutWorkAsSoonAsItIsReady) {
  auto doc = graph_doc_of(R"(
  A: {Type: AWS::SNS::Topic}
  B: {Type: AWS::SNS::Topic}
  C: {Type: AWS::SNS::Topic, DependsOn: [A]}
  D: {Type: AWS::SNS::Topic, DependsOn: [B, C]}
)");
  auto g = build_dependency_graph(doc);
  ASSERT_TRUE(g.ok());
  Schedule create(*g, Schedule::Direction::create);
  EXPECT_EQ(create.ready(), (std::vector<std::string>{"A", "B"}));
  EXPECT_EQ(create.complete("A"), (std::vector<std::string>{"C"}));  // C need not wait for B
  EXPECT_EQ(create.complete("C"), (std::vector<std::string>{}));
  EXPECT_EQ(create.complete("C"), (std::vector<std::string>{}));  // repeated: ignored
  EXPECT_EQ(create.complete("D"), (std::vector<std::string>{}));  // not ready yet: ignored
  EXPECT_EQ(create.complete("B"), (std::vector<std::string>{"D"}));
  EXPECT_FALSE(create.done());
  EXPECT_EQ(create.complete("D"), (std::vector<std::string>{}));
  EXPECT_TRUE(create.done());

  Schedule remove(*g, Schedule::Direction::remove);
  EXPECT_EQ(remove.ready(), (std::vector<std::string>{"D"}));
  EXPECT_EQ(remove.complete("D"), (std::vector<std::string>{"C", "B"}));
  EXPECT_EQ(remove.complete("C"), (std::vector<std::string>{"A"}));
}

TEST(DependencyGraph, CyclesAreReportedWithTheResourcesInvolved) {
  auto doc = graph_doc_of(R"(
  Free: {Type: AWS::SNS::Topic}
  A: {Type: AWS::SNS::Topic, Properties: {DisplayName: !Ref B}}
  B: {Type: AWS::SNS::Topic, Properties: {DisplayName: !GetAtt C.TopicName}}
  C: {Type: AWS::SNS::Topic, DependsOn: A}
)");
  auto g = build_dependency_graph(doc);
  ASSERT_FALSE(g.ok());
  EXPECT_EQ(g.error().message, "Template format error: Circular dependency between resources: [A, B, C]");
  auto checked = check_template(doc);
  ASSERT_FALSE(checked.ok());
  EXPECT_EQ(checked.error().message, g.error().message);
}

TEST(DependencyGraph, ConditionsDecideNodesAndBranches) {
  testing::Evaluated e(R"(
Conditions: {Yes: !Equals [a, a], No: !Equals [a, b]}
Resources:
  Maybe: {Type: AWS::SNS::Topic, Condition: No}
  Base: {Type: AWS::SNS::Topic}
  User: {Type: AWS::SNS::Topic, Properties: {DisplayName: !If [No, !Ref Maybe, !Ref AWS::NoValue], KmsMasterKeyId: !If [Yes, !Ref Base, x]}}
)");
  ASSERT_EQ(e.error, "");
  auto all = build_dependency_graph(e.doc);
  ASSERT_TRUE(all.ok());
  EXPECT_EQ(all->creation_waves(), (Waves{{"Maybe", "Base"}, {"User"}}));
  auto active = build_dependency_graph(e.doc, e.evaluator.get());
  ASSERT_TRUE(active.ok());
  EXPECT_EQ(active->nodes, (std::vector<std::string>{"Base", "User"}));
  EXPECT_EQ(active->creation_waves(), (Waves{{"Base"}, {"User"}}));
}

}  // namespace
}  // namespace hoplite::cfn
