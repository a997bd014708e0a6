#include "describe/permissions.hpp"

#include <gtest/gtest.h>

#include "hoplite/core/file.hpp"
#include "support/golden.hpp"

namespace hoplite::describe {
namespace {

struct Roles {
  TemplateModel model;
  std::vector<MachineInfo> machines;
  std::vector<RoleInfo> roles;
  const RoleInfo& role(const std::string& id) const {
    for (const auto& r : roles)
      if (r.logical_id == id) return r;
    throw std::runtime_error("no role " + id);
  }
};

Roles load(const std::string& text, std::vector<std::string> tasks = {"fargateTask"}) {
  Roles r{read_template(text).value(), {}, {}};
  r.machines = read_machines(r.model);
  r.roles = read_roles(r.model, r.machines, tasks);
  return r;
}

const StatementInfo& with_action(const RoleInfo& role, const std::string& action) {
  for (const auto& st : role.statements)
    if (std::find(st.actions.begin(), st.actions.end(), action) != st.actions.end()) return st;
  throw std::runtime_error("no statement with " + action);
}

TEST(ReadRoles, EachMachineStatementNamesTheStatesThatNeedIt) {
  auto r = load(core::read_file(testing::testdata("fargate/servicefull.template.json")).value());
  ASSERT_EQ(r.roles.size(), 3u);
  const RoleInfo& machine = r.role("MachineRole");
  EXPECT_EQ(machine.trusted, (std::vector<std::string>{"states.amazonaws.com"}));
  EXPECT_EQ(machine.used_by, (std::vector<std::string>{"Machine (RoleArn)"}));
  ASSERT_EQ(machine.statements.size(), 5u);
  EXPECT_EQ(machine.statements[0].policy, "MachinePolicy");
  const std::vector<std::string> run{"state 'Run Fargate Task'"};
  EXPECT_EQ(with_action(machine, "ecs:RunTask").needed_by, run);
  EXPECT_EQ(with_action(machine, "ecs:StopTask").needed_by, run);
  EXPECT_EQ(with_action(machine, "events:PutRule").needed_by, run);
  EXPECT_EQ(with_action(machine, "iam:PassRole").needed_by, run);
  EXPECT_EQ(with_action(machine, "sns:Publish").needed_by,
            (std::vector<std::string>{"state 'Notify Success'", "state 'Notify Failure'"}));
  EXPECT_FALSE(with_action(machine, "iam:PassRole").condition.is_null());
}

TEST(ReadRoles, TaskRolesNameTheTaskAndTheirUsers) {
  auto r = load(core::read_file(testing::testdata("fargate/servicefull.template.json")).value());
  const RoleInfo& exec = r.role("TaskExecutionRole");
  EXPECT_EQ(exec.trusted, (std::vector<std::string>{"ecs-tasks.amazonaws.com"}));
  EXPECT_EQ(exec.managed_policies.size(), 1u);
  EXPECT_EQ(exec.used_by,
            (std::vector<std::string>{"TaskTaskDefinition (ExecutionRoleArn)", "MachineRole (named in its policy)"}));
  const RoleInfo& task = r.role("TaskTaskRole");
  EXPECT_TRUE(task.statements.empty());
}

TEST(ReadRoles, SeparatePoliciesTaskRolesAndUnmatchedStatements) {
  auto r = load(R"({"Resources": {
    "Bucket": {"Type": "AWS::S3::Bucket"},
    "AppRole": {"Type": "AWS::IAM::Role", "Properties": {"AssumeRolePolicyDocument": {"Statement": [
        {"Effect": "Allow", "Principal": {"Service": ["ecs-tasks.amazonaws.com"], "AWS": "arn:aws:iam::1:root"},
         "Action": "sts:AssumeRole"}]}}},
    "AppPolicy": {"Type": "AWS::IAM::Policy", "Properties": {"PolicyName": "p", "Roles": [{"Ref": "AppRole"}],
        "PolicyDocument": {"Statement": {"Effect": "Allow", "Action": "s3:GetObject",
                                         "Resource": {"Fn::Sub": "${Bucket.Arn}/*"}}}}},
    "Def": {"Type": "AWS::ECS::TaskDefinition", "Properties": {"TaskRoleArn": {"Fn::GetAtt": ["AppRole", "Arn"]},
        "ContainerDefinitions": [{"Name": "c", "Command": ["worker", "--fast"]}]}}}})",
                {"worker"});
  const RoleInfo& role = r.role("AppRole");
  EXPECT_EQ(role.trusted, (std::vector<std::string>{"ecs-tasks.amazonaws.com", "arn:aws:iam::1:root"}));
  ASSERT_EQ(role.statements.size(), 1u);
  EXPECT_EQ(role.statements[0].policy, "AppPolicy");
  EXPECT_EQ(role.statements[0].needed_by, (std::vector<std::string>{"task worker (Def)"}));
  EXPECT_EQ(role.used_by, (std::vector<std::string>{"AppPolicy (Roles)", "Def (TaskRoleArn)"}));
}

TEST(ReadRoles, AStatementNoStateNeedsStaysUnmatched) {
  auto r = load(R"({"Resources": {
    "R": {"Type": "AWS::IAM::Role", "Properties": {"Policies": [{"PolicyName": "extra", "PolicyDocument": {
        "Statement": [{"Effect": "Allow", "Action": ["dynamodb:GetItem"], "Resource": "*"},
                      {"Effect": "Deny", "NotAction": "sns:*", "Resource": "*"}]}}]}},
    "M": {"Type": "AWS::StepFunctions::StateMachine", "Properties": {"RoleArn": {"Fn::GetAtt": ["R", "Arn"]},
        "DefinitionString": "{\"StartAt\":\"P\",\"States\":{\"P\":{\"Type\":\"Pass\",\"End\":true}}}"}}}})");
  const RoleInfo& role = r.role("R");
  ASSERT_EQ(role.statements.size(), 2u);
  EXPECT_TRUE(role.statements[0].needed_by.empty());
  EXPECT_EQ(role.statements[1].effect, "Deny");
  EXPECT_EQ(role.statements[1].actions, (std::vector<std::string>{"not sns:*"}));
}

}  // namespace
}  // namespace hoplite::describe
