#include "hoplite/fargate/task.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "hoplite/cfn/render.hpp"
#include "hoplite/cfn/template.hpp"
#include "hoplite/fargate/cluster.hpp"
#include "hoplite/fargate/error.hpp"
#include "hoplite/fargate/network.hpp"
#include "support/golden.hpp"

namespace hoplite::fargate {
namespace {

using Json = nlohmann::ordered_json;

TEST(Task, InvalidMemoryForCpuListsTheValidValues) {
  EXPECT_THROW_WITH((Task{"Task", {.command = {"fargateTask"}, .cpu = 256, .memory_mib = 4096}}), DefinitionError,
                    "[fargate.definition.102] task 'Task' has cpu 256 with memory 4096 MiB, which Fargate does not "
                    "offer; valid memory for cpu 256: 512, 1024, 2048 MiB");
}

TEST(Task, InvalidCpuListsTheValidCpus) {
  EXPECT_THROW_WITH((Task{"Task", {.command = {"fargateTask"}, .cpu = 300}}), DefinitionError,
                    "[fargate.definition.101] task 'Task' has cpu 300, which Fargate does not offer; valid cpu values: "
                    "256, 512, 1024, 2048, 4096, 8192, 16384");
}

TEST(Task, NeedsACommandAndAValidRetention) {
  EXPECT_THROW_WITH((Task{"Task", {}}), DefinitionError, "[fargate.definition.104] task 'Task' needs a command");
  EXPECT_THROW_WITH((Task{"Task", {.command = {"x"}, .log_retention_days = 31}}), DefinitionError,
                    "[fargate.definition.105] log retention of task 'Task' is 31 days");
}

Json rendered(const Task& task) {
  cfn::Template t;
  task.add_to(t);
  return Json::parse(t.render());
}

TEST(Task, Arm64EnvironmentAndTaskRolePolicy) {
  Task task{"Worker",
            {.command = {"work", "--fast"},
             .cpu = 1024,
             .memory_mib = 2048,
             .architecture = Architecture::arm64,
             .environment = {{"MODE", "batch"}},
             .log_retention_days = 7,
             .container_name = "app"}};
  task.add_to_task_role({{"s3:GetObject"}, {"arn:aws:s3:::bucket/*"}, {}});
  Json t = rendered(task);
  const Json& p = t["Resources"]["WorkerTaskDefinition"]["Properties"];
  EXPECT_EQ(p["RuntimePlatform"], Json::parse(R"({"CpuArchitecture": "ARM64", "OperatingSystemFamily": "LINUX"})"));
  EXPECT_EQ(p["Cpu"], "1024");
  EXPECT_EQ(p["ContainerDefinitions"][0]["Name"], "app");
  EXPECT_EQ(p["ContainerDefinitions"][0]["Command"], Json::array({"work", "--fast"}));
  EXPECT_EQ(p["ContainerDefinitions"][0]["Environment"], Json::parse(R"([{"Name": "MODE", "Value": "batch"}])"));
  EXPECT_EQ(t["Resources"]["WorkerLogGroup"]["Properties"]["RetentionInDays"], 7);
  const Json& policy = t["Resources"]["WorkerTaskRole"]["Properties"]["Policies"][0]["PolicyDocument"];
  EXPECT_EQ(policy["Statement"][0]["Action"], Json::array({"s3:GetObject"}));
  EXPECT_EQ(t["Parameters"]["ImageUri"]["Type"], "String");
}

TEST(Task, TwoTasksShareTheImageParameter) {
  cfn::Template t;
  Task{"A", {.command = {"a"}}}.add_to(t);
  Task{"B", {.command = {"b"}}}.add_to(t);
  EXPECT_EQ(t.parameters().size(), 1u);
  EXPECT_NO_THROW((void)t.render());
}

TEST(Task, RunOnGivesTypedRunTaskProps) {
  Task task{"Task", {.command = {"fargateTask"}}};
  Cluster cluster{"Cluster"};
  Network mine{.subnets = {"subnet-1"}, .security_groups = {"sg-1"}};
  sfn::EcsRunTaskProps p = task.run_on(cluster, mine);
  EXPECT_EQ(p.launch_type, "FARGATE");
  EXPECT_EQ(p.platform_version, "LATEST");
  EXPECT_EQ(p.cluster.json().dump(), R"({"Fn::GetAtt":["Cluster","Arn"]})");
  EXPECT_EQ(p.task_definition.json().dump(), R"({"Ref":"TaskTaskDefinition"})");
  ASSERT_EQ(p.subnets.size(), 1u);
  EXPECT_EQ(p.subnets[0].dump(), R"("subnet-1")");
  EXPECT_FALSE(p.assign_public_ip);
  ASSERT_EQ(p.pass_roles.size(), 2u);
  EXPECT_EQ(p.pass_roles[1].json().dump(), R"({"Fn::GetAtt":["TaskTaskRole","Arn"]})");
  EXPECT_EQ(p.integration, sfn::Integration::run_job);
}

}  // namespace
}  // namespace hoplite::fargate
