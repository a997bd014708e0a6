// Acceptance tests of the servicefull stack (issue 3): the resource list, the wiring that Sparta's
// example got wrong, the state machine role against a reviewed golden policy, cfn-lint and
// asl-validator over what we emit, and byte-identical output.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "hoplite/cfn/render.hpp"
#include "hoplite/core/process.hpp"
#include "support/golden.hpp"
#include "unit/fargate/servicefull_stack.hpp"

namespace hoplite::fargate {
namespace {

using Json = nlohmann::ordered_json;

Json stack_json() { return Json::parse(testing::servicefull_stack().render()); }

const Json& resource(const Json& t, const std::string& id) { return t.at("Resources").at(id); }

TEST(Servicefull, EmitsExactlyTheIssuesResourceList) {
  Json t = stack_json();
  std::vector<std::pair<std::string, std::string>> actual;
  for (const auto& [id, r] : t["Resources"].items()) actual.emplace_back(id, r["Type"].get<std::string>());
  std::vector<std::pair<std::string, std::string>> expected = {
      {"NetVpc", "AWS::EC2::VPC"},
      {"NetSubnet1", "AWS::EC2::Subnet"},
      {"NetSubnet2", "AWS::EC2::Subnet"},
      {"NetInternetGateway", "AWS::EC2::InternetGateway"},
      {"NetGatewayAttachment", "AWS::EC2::VPCGatewayAttachment"},
      {"NetRouteTable", "AWS::EC2::RouteTable"},
      {"NetDefaultRoute", "AWS::EC2::Route"},
      {"NetSubnet1RouteTableAssociation", "AWS::EC2::SubnetRouteTableAssociation"},
      {"NetSubnet2RouteTableAssociation", "AWS::EC2::SubnetRouteTableAssociation"},
      {"NetSecurityGroup", "AWS::EC2::SecurityGroup"},
      {"Cluster", "AWS::ECS::Cluster"},
      {"TaskLogGroup", "AWS::Logs::LogGroup"},
      {"TaskExecutionRole", "AWS::IAM::Role"},
      {"TaskTaskRole", "AWS::IAM::Role"},
      {"TaskTaskDefinition", "AWS::ECS::TaskDefinition"},
      {"Notifications", "AWS::SNS::Topic"},
      {"MachineRole", "AWS::IAM::Role"},
      {"Machine", "AWS::StepFunctions::StateMachine"},
  };
  EXPECT_EQ(actual, expected);
  std::set<std::string> outputs;
  for (const auto& [name, o] : t["Outputs"].items()) outputs.insert(name);
  EXPECT_EQ(outputs, (std::set<std::string>{"ClusterName", "TaskTaskDefinition", "TaskLogGroup",
                                            "NotificationsTopicArn", "MachineArn"}));
}

TEST(Servicefull, SubnetsAreInDistinctAvailabilityZones) {
  Json t = stack_json();
  for (int i = 0; i < 2; ++i) {
    const Json& az = resource(t, "NetSubnet" + std::to_string(i + 1))["Properties"]["AvailabilityZone"];
    EXPECT_EQ(az, Json::parse(R"({"Fn::Select": [)" + std::to_string(i) + R"(, {"Fn::GetAZs": ""}]})"));
  }
  EXPECT_EQ(resource(t, "NetDefaultRoute")["DependsOn"], Json::array({"NetGatewayAttachment"}));
}

TEST(Servicefull, RunTaskUsesTheStacksSubnetsAndSecurityGroup) {
  Json t = stack_json();
  const Json& sub = resource(t, "Machine")["Properties"]["DefinitionString"]["Fn::Sub"];
  Json asl = Json::parse(sub[0].get<std::string>());
  const Json& vpc = asl["States"]["Run Fargate Task"]["Parameters"]["NetworkConfiguration"]["AwsvpcConfiguration"];
  EXPECT_EQ(vpc["SecurityGroups"], Json::array({"${NetSecurityGroup}"}));
  EXPECT_EQ(vpc["Subnets"], Json::array({"${NetSubnet1}", "${NetSubnet2}"}));
  EXPECT_EQ(vpc["AssignPublicIp"], "ENABLED");
  EXPECT_EQ(sub[1]["NetSecurityGroup"], Json::parse(R"({"Ref": "NetSecurityGroup"})"));
  EXPECT_EQ(sub[1]["NetSubnet1"], Json::parse(R"({"Ref": "NetSubnet1"})"));
  EXPECT_EQ(sub[1]["TaskTaskDefinition"], Json::parse(R"({"Ref": "TaskTaskDefinition"})"));
  EXPECT_EQ(sub[1]["ClusterArn"], Json::parse(R"({"Fn::GetAtt": ["Cluster", "Arn"]})"));
}

TEST(Servicefull, TaskDefinitionIsFargateWithLogsInTheStacksLogGroup) {
  Json t = stack_json();
  const Json& p = resource(t, "TaskTaskDefinition")["Properties"];
  EXPECT_EQ(p["Cpu"], "256");
  EXPECT_EQ(p["Memory"], "512");
  EXPECT_EQ(p["NetworkMode"], "awsvpc");
  EXPECT_EQ(p["RequiresCompatibilities"], Json::array({"FARGATE"}));
  const Json& c = p["ContainerDefinitions"][0];
  EXPECT_EQ(c["Command"], Json::array({"fargateTask"}));
  EXPECT_EQ(c["Essential"], true);
  EXPECT_EQ(c["Image"], Json::parse(R"({"Ref": "ImageUri"})"));
  EXPECT_EQ(c["LogConfiguration"]["LogDriver"], "awslogs");
  EXPECT_EQ(c["LogConfiguration"]["Options"]["awslogs-group"], Json::parse(R"({"Ref": "TaskLogGroup"})"));
  EXPECT_EQ(resource(t, "TaskLogGroup")["Properties"]["RetentionInDays"], 30);
  EXPECT_EQ(
      resource(t, "TaskExecutionRole")["Properties"]["ManagedPolicyArns"],
      Json::parse(
          R"([{"Fn::Sub": "arn:${AWS::Partition}:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy"}])"));
}

// The reviewed policy: a permission added to or missing from the derivation fails here.
TEST(Servicefull, StateMachineRolePolicyEqualsTheReviewedGolden) {
  Json t = stack_json();
  const Json& role = resource(t, "MachineRole")["Properties"];
  EXPECT_EQ(role["AssumeRolePolicyDocument"]["Statement"][0]["Principal"]["Service"], "states.amazonaws.com");
  ASSERT_EQ(role["Policies"].size(), 1u);
  EXPECT_GOLDEN("sfn/servicefull-machine-role-policy.json", role["Policies"][0]["PolicyDocument"].dump(2) + "\n");
}

TEST(Servicefull, TemplateMatchesGolden) {
  EXPECT_GOLDEN("fargate/servicefull.template.json", testing::servicefull_stack().render());
}

// The example binary prints the same template (its main.cpp holds the same definition).
TEST(Servicefull, ExampleSynthPrintsTheGoldenTemplate) {
  // HOPLITE_BINARY_DIR when set; else the build tree this test executable lives in
  // (<build>/tests/unit/fargate/hoplite_fargate_tests).
  const char* env = std::getenv("HOPLITE_BINARY_DIR");
  std::filesystem::path binary_dir =
      env != nullptr
          ? std::filesystem::path(env)
          : std::filesystem::read_symlink("/proc/self/exe").parent_path().parent_path().parent_path().parent_path();
  auto exe = binary_dir / "examples/servicefull/servicefull";
  ASSERT_TRUE(std::filesystem::exists(exe)) << exe;
  core::PosixProcessRunner runner;
  auto first = runner.run({.argv = {exe.string(), "synth"}, .timeout = std::chrono::seconds(60)});
  ASSERT_TRUE(first.ok()) << first.error().to_string();
  ASSERT_EQ(first->exit_code, 0) << first->err;
  EXPECT_GOLDEN("fargate/servicefull.template.json", first->out);
  auto second = runner.run({.argv = {exe.string(), "synth"}, .timeout = std::chrono::seconds(60)});
  ASSERT_TRUE(second.ok());
  EXPECT_EQ(first->out, second->out) << "synth must be byte-identical across runs";
}

// README.md shows the example's main.cpp; the two must not drift apart. The README block is the
// file from its first #include on (the file's leading comment stays out of the README).
TEST(Servicefull, ReadmeShowsTheExampleVerbatim) {
  auto read = [](const std::filesystem::path& p) {
    std::ifstream in(p, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  };
  std::string main_cpp = read(testing::source_dir() / "examples/servicefull/main.cpp");
  std::string readme = read(testing::source_dir() / "README.md");
  auto code = main_cpp.find("#include");
  ASSERT_NE(code, std::string::npos);
  std::string expected = "```cpp\n" + main_cpp.substr(code) + "```\n";
  EXPECT_NE(readme.find(expected), std::string::npos)
      << "README.md's servicefull block differs from examples/servicefull/main.cpp; copy the file into it";
}

TEST(Servicefull, OutputIsByteIdentical) {
  EXPECT_EQ(testing::servicefull_stack().render(), testing::servicefull_stack().render());
}

std::string validator(const char* name) {
  auto p = testing::source_dir() / "tools/validators/node_modules/.bin" / name;
  EXPECT_TRUE(std::filesystem::exists(p)) << p << " is missing: run scripts/setup (npm validators)";
  return p.string();
}

std::string strip_ansi(const std::string& s) { return std::regex_replace(s, std::regex("\x1b\\[[0-9;]*m"), ""); }

// cfn-lint@1.9.7 bundles a 2019 resource specification; these properties are newer and are
// reported as "not a valid property". Each is needed (see docs/fargate.md); nothing else may fail.
const std::set<std::string> kNewerThanCfnLintSpec = {
    "Resources > TaskTaskDefinition > Properties > RuntimePlatform",
    "Resources > Machine > Properties > StateMachineType",
};

TEST(Servicefull, PassesCfnLintExceptPropertiesNewerThanItsSpec) {
  testing::TempDir dir;
  std::ofstream(dir / "template.json") << testing::servicefull_stack().render();
  core::PosixProcessRunner runner;
  auto r = runner.run({.argv = {validator("cfn-lint"), "validate", (dir / "template.json").string()},
                       .timeout = std::chrono::seconds(120)});
  ASSERT_TRUE(r.ok()) << r.error().to_string();
  std::string out = strip_ansi(r->out + r->err);
  std::set<std::string> reported;
  std::regex entry("Resource: ([^\n]*)\nMessage: ([^\n]*)");
  for (auto it = std::sregex_iterator(out.begin(), out.end(), entry); it != std::sregex_iterator(); ++it) {
    std::string where = (*it)[1];
    std::string message = (*it)[2];
    if (kNewerThanCfnLintSpec.contains(where) && message.find("is not a valid property") != std::string::npos) {
      reported.insert(where);
    } else {
      ADD_FAILURE() << "cfn-lint: " << where << ": " << message;
    }
  }
  EXPECT_EQ(reported, kNewerThanCfnLintSpec) << out;
  EXPECT_NE(out.find("0 warn"), std::string::npos) << out;
  EXPECT_NE(out.find(std::to_string(kNewerThanCfnLintSpec.size()) + " crit"), std::string::npos) << out;
}

TEST(Servicefull, ResolvedDefinitionPassesAslValidator) {
  Json t = stack_json();
  const Json& sub = resource(t, "Machine")["Properties"]["DefinitionString"]["Fn::Sub"];
  std::string asl = sub[0].get<std::string>();
  for (const auto& [name, value] : sub[1].items()) {
    std::string fake = "arn:aws:fake:us-east-1:123456789012:" + name;
    for (std::size_t pos; (pos = asl.find("${" + name + "}")) != std::string::npos;)
      asl.replace(pos, name.size() + 3, fake);
  }
  ASSERT_EQ(asl.find("${"), std::string::npos) << asl;
  testing::TempDir dir;
  std::ofstream(dir / "machine.asl.json") << asl;
  core::PosixProcessRunner runner;
  auto r = runner.run({.argv = {validator("asl-validator"), "--json-path", (dir / "machine.asl.json").string()},
                       .timeout = std::chrono::seconds(120)});
  ASSERT_TRUE(r.ok()) << r.error().to_string();
  EXPECT_EQ(r->exit_code, 0) << r->out << r->err;
}

}  // namespace
}  // namespace hoplite::fargate
