// The AWS::Events::Rule and AWS::IAM::Policy providers, and the identity stacks act with: stacks
// deployed through the production CloudFormation client, then checked through the services' own APIs.
#include <chrono>
#include <map>
#include <thread>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "hoplite/aws/cloudformation.hpp"
#include "hoplite/aws/events.hpp"
#include "hoplite/aws/iam.hpp"
#include "hoplite/aws/sns.hpp"
#include "local_fixture.hpp"

namespace hoplite::local {
namespace {

using testing::LocalCloudTest;
namespace cf = aws::cloudformation;

class ProviderStackTest : public LocalCloudTest {
 protected:
  cf::Client cfn() { return cf::Client(config(creds)); }
  aws::events::Client events() { return aws::events::Client(config(creds)); }
  aws::iam::Client iam() { return aws::iam::Client(config(creds)); }

  /// Polls DescribeStacks until the stack leaves *_IN_PROGRESS.
  cf::Stack settle(const std::string& stack) {
    for (int i = 0; i < 20000; ++i) {
      auto d = cfn().describe_stacks({.stack_name = stack});
      EXPECT_TRUE(d.ok()) << d.error().to_string();
      if (!d.ok() || d->stacks.empty()) return {};
      if (!d->stacks[0].stack_status.ends_with("_IN_PROGRESS")) return d->stacks[0];
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    ADD_FAILURE() << "stack " << stack << " never settled";
    return {};
  }

  std::string create(const std::string& name, const std::string& body) {
    auto id =
        cfn().create_stack({.stack_name = name, .source = {.template_body = body}, .capabilities = {"CAPABILITY_IAM"}});
    EXPECT_TRUE(id.ok()) << id.error().to_string();
    return id.ok() ? *id : "";
  }

  void update(const std::string& id, const std::string& body) {
    auto u =
        cfn().update_stack({.stack_name = id, .source = {.template_body = body}, .capabilities = {"CAPABILITY_IAM"}});
    ASSERT_TRUE(u.ok()) << u.error().to_string();
  }

  static std::map<std::string, std::string> outputs(const cf::Stack& stack) {
    std::map<std::string, std::string> out;
    for (const auto& o : stack.outputs) out[o.key] = o.value;
    return out;
  }

  /// The reason of the first resource that failed to create.
  std::string failure_reason(const std::string& stack) {
    auto stack_events = cfn().describe_stack_events_all({.stack_name = stack});
    EXPECT_TRUE(stack_events.ok()) << stack_events.error().to_string();
    if (!stack_events.ok()) return "";
    for (auto it = stack_events->rbegin(); it != stack_events->rend(); ++it)
      if (it->resource_status == "CREATE_FAILED" && !it->resource_status_reason.empty())
        return it->resource_status_reason;
    // No resource failed: the stack's own reason (ROLLBACK_IN_PROGRESS), e.g. an output that
    // could not be resolved.
    for (auto it = stack_events->rbegin(); it != stack_events->rend(); ++it)
      if (it->resource_status == "ROLLBACK_IN_PROGRESS") return it->resource_status_reason;
    return "";
  }

  std::vector<std::string> target_ids(const std::string& rule) {
    auto t = events().list_targets_by_rule({.rule = rule});
    EXPECT_TRUE(t.ok()) << t.error().to_string();
    std::vector<std::string> out;
    if (t.ok())
      for (const auto& target : t->targets) out.push_back(target.id);
    return out;
  }

  aws::StaticCredentialsProvider creds{testing::test_credentials()};
};

constexpr const char* kRuleStack = R"json({
  "Resources": {
    "Nightly": {"Type": "AWS::Events::Rule",
                "Properties": {"ScheduleExpression": "cron(0 1 * * ? *)", "Description": "nightly",
                               "Targets": [{"Id": "queue", "Arn": "arn:aws:sqs:us-east-1:000000000000:q",
                                            "Input": "{\"k\":1}",
                                            "RetryPolicy": {"MaximumRetryAttempts": 2}}]}},
    "Named": {"Type": "AWS::Events::Rule",
              "Properties": {"Name": "on-ec2", "State": "DISABLED",
                             "EventPattern": {"source": ["aws.ec2"]}}}
  },
  "Outputs": {"Nightly": {"Value": {"Ref": "Nightly"}}, "NightlyArn": {"Value": {"Fn::GetAtt": ["Nightly", "Arn"]}},
              "Named": {"Value": {"Ref": "Named"}}}
})json";

TEST_F(ProviderStackTest, EventsRuleIsMadeChangedAndDeletedThroughEventBridge) {
  std::string id = create("Rules", kRuleStack);
  auto stack = settle(id);
  ASSERT_EQ(stack.stack_status, "CREATE_COMPLETE") << stack.stack_status_reason << failure_reason(id);
  auto out = outputs(stack);
  const std::string nightly = out["Nightly"];
  // <stack>-<logical id>-<12 upper-case letters and digits>
  ASSERT_TRUE(nightly.starts_with("Rules-Nightly-")) << nightly;
  ASSERT_EQ(nightly.size(), std::string("Rules-Nightly-").size() + 12);
  for (char c : nightly.substr(14)) EXPECT_TRUE((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) << nightly;
  EXPECT_EQ(out["NightlyArn"], "arn:aws:events:us-east-1:000000000000:rule/" + nightly);
  EXPECT_EQ(out["Named"], "on-ec2");

  auto rule = events().describe_rule({.name = nightly});
  ASSERT_TRUE(rule.ok()) << rule.error().to_string();
  EXPECT_EQ(rule->schedule_expression, "cron(0 1 * * ? *)");
  EXPECT_EQ(rule->description, "nightly");
  EXPECT_EQ(rule->state, "ENABLED");
  auto targets = events().list_targets_by_rule({.rule = nightly});
  ASSERT_TRUE(targets.ok()) << targets.error().to_string();
  ASSERT_EQ(targets->targets.size(), 1u);
  EXPECT_EQ(targets->targets[0].input, R"({"k":1})");
  EXPECT_EQ(targets->targets[0].other, nlohmann::json({{"RetryPolicy", {{"MaximumRetryAttempts", 2}}}}));
  auto named = events().describe_rule({.name = "on-ec2"});
  ASSERT_TRUE(named.ok()) << named.error().to_string();
  EXPECT_EQ(named->state, "DISABLED");
  EXPECT_EQ(nlohmann::json::parse(named->event_pattern.value_or("null")),
            nlohmann::json::parse(R"({"source": ["aws.ec2"]})"));

  // In place: a new schedule, one target swapped for two others; the rule keeps its name.
  nlohmann::json doc = nlohmann::json::parse(kRuleStack);
  auto& props = doc["Resources"]["Nightly"]["Properties"];
  props["ScheduleExpression"] = "rate(1 hour)";
  props["Targets"] = nlohmann::json::array({{{"Id", "a"}, {"Arn", "arn:aws:sns:us-east-1:000000000000:t"}},
                                            {{"Id", "b"}, {"Arn", "arn:aws:sns:us-east-1:000000000000:t"}}});
  update(id, doc.dump());
  stack = settle(id);
  ASSERT_EQ(stack.stack_status, "UPDATE_COMPLETE") << stack.stack_status_reason;
  EXPECT_EQ(outputs(stack)["Nightly"], nightly);
  EXPECT_EQ(events().describe_rule({.name = nightly})->schedule_expression, "rate(1 hour)");
  EXPECT_EQ(target_ids(nightly), (std::vector<std::string>{"a", "b"}));

  // A new Name replaces the rule: the old one is gone.
  doc["Resources"]["Named"]["Properties"]["Name"] = "on-ec2-v2";
  update(id, doc.dump());
  stack = settle(id);
  ASSERT_EQ(stack.stack_status, "UPDATE_COMPLETE") << stack.stack_status_reason;
  EXPECT_EQ(outputs(stack)["Named"], "on-ec2-v2");
  EXPECT_TRUE(events().describe_rule({.name = "on-ec2-v2"}).ok());
  EXPECT_FALSE(events().describe_rule({.name = "on-ec2"}).ok());

  // Deleting removes the targets, then the rules.
  ASSERT_TRUE(cfn().delete_stack({.stack_name = id}).ok());
  EXPECT_EQ(settle(id).stack_status, "DELETE_COMPLETE");
  auto gone = events().describe_rule({.name = nightly});
  ASSERT_FALSE(gone.ok());
  EXPECT_EQ(gone.error().code, "ResourceNotFoundException");
  EXPECT_FALSE(events().describe_rule({.name = "on-ec2-v2"}).ok());
}

TEST_F(ProviderStackTest, EventsRuleWithABadScheduleFailsWithEventBridgesMessage) {
  std::string id = create("BadRule", R"json({"Resources": {"R": {"Type": "AWS::Events::Rule",
      "Properties": {"ScheduleExpression": "rate(5 minute)"}}}})json");
  auto stack = settle(id);
  EXPECT_EQ(stack.stack_status, "ROLLBACK_COMPLETE");
  EXPECT_NE(failure_reason(id).find("Parameter ScheduleExpression is not valid."), std::string::npos)
      << failure_reason(id);
  auto rules = events().list_rules({});
  ASSERT_TRUE(rules.ok()) << rules.error().to_string();
  EXPECT_TRUE(rules->rules.empty());
}

constexpr const char* kPolicyStack = R"({
  "Resources": {
    "RoleA": {"Type": "AWS::IAM::Role", "Properties": {"AssumeRolePolicyDocument": {
      "Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Service": "ecs-tasks.amazonaws.com"},
                                              "Action": "sts:AssumeRole"}]}}},
    "RoleB": {"Type": "AWS::IAM::Role", "Properties": {"AssumeRolePolicyDocument": {
      "Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Service": "ecs-tasks.amazonaws.com"},
                                              "Action": "sts:AssumeRole"}]}}},
    "ReadLogs": {"Type": "AWS::IAM::Policy",
                 "Properties": {"PolicyName": "read-logs", "Roles": [{"Ref": "RoleA"}],
                                "PolicyDocument": {"Version": "2012-10-17", "Statement": [
                                  {"Effect": "Allow", "Action": "logs:GetLogEvents", "Resource": "*"}]}}}
  },
  "Outputs": {"Policy": {"Value": {"Ref": "ReadLogs"}},
              "RoleA": {"Value": {"Ref": "RoleA"}}, "RoleB": {"Value": {"Ref": "RoleB"}}}
})";

TEST_F(ProviderStackTest, IamPolicyIsAnInlinePolicyOnEachRole) {
  std::string id = create("PolicyStack", kPolicyStack);
  auto stack = settle(id);
  ASSERT_EQ(stack.stack_status, "CREATE_COMPLETE") << stack.stack_status_reason << failure_reason(id);
  auto out = outputs(stack);
  // <stack, 5>-<logical id, 5>-<12 upper-case letters and digits>
  ASSERT_TRUE(out["Policy"].starts_with("Polic-ReadL-")) << out["Policy"];
  EXPECT_EQ(out["Policy"].size(), std::string("Polic-ReadL-").size() + 12);

  auto doc = iam().get_role_policy({.role_name = out["RoleA"], .policy_name = "read-logs"});
  ASSERT_TRUE(doc.ok()) << doc.error().to_string();
  EXPECT_NE(doc->policy_document.find("logs:GetLogEvents"), std::string::npos) << doc->policy_document;

  // Renamed and moved to both roles, in place.
  nlohmann::json t = nlohmann::json::parse(kPolicyStack);
  auto& props = t["Resources"]["ReadLogs"]["Properties"];
  props["PolicyName"] = "logs-reader";
  props["Roles"] = nlohmann::json::array({{{"Ref", "RoleA"}}, {{"Ref", "RoleB"}}});
  update(id, t.dump());
  stack = settle(id);
  ASSERT_EQ(stack.stack_status, "UPDATE_COMPLETE") << stack.stack_status_reason;
  EXPECT_EQ(outputs(stack)["Policy"], out["Policy"]);
  for (const auto& role : {out["RoleA"], out["RoleB"]}) {
    auto names = iam().list_role_policies({.role_name = role});
    ASSERT_TRUE(names.ok()) << names.error().to_string();
    EXPECT_EQ(names->policy_names, (std::vector<std::string>{"logs-reader"})) << role;
  }

  // Off RoleA again: only RoleB keeps it.
  props["Roles"] = nlohmann::json::array({{{"Ref", "RoleB"}}});
  update(id, t.dump());
  ASSERT_EQ(settle(id).stack_status, "UPDATE_COMPLETE");
  EXPECT_TRUE(iam().list_role_policies({.role_name = out["RoleA"]})->policy_names.empty());
  EXPECT_TRUE(iam().get_role_policy({.role_name = out["RoleB"], .policy_name = "logs-reader"}).ok());

  ASSERT_TRUE(cfn().delete_stack({.stack_name = id}).ok());
  EXPECT_EQ(settle(id).stack_status, "DELETE_COMPLETE");
}

TEST_F(ProviderStackTest, IamRoleDescriptionSessionAndTagsChangeInPlace) {
  nlohmann::json t = nlohmann::json::parse(kPolicyStack);
  auto& props = t["Resources"]["RoleA"]["Properties"];
  props["Description"] = "reads logs";
  props["Tags"] = nlohmann::json::array({{{"Key", "team"}, {"Value", "blue"}}, {{"Key", "env"}, {"Value", "dev"}}});
  std::string id = create("RoleStack", t.dump());
  auto stack = settle(id);
  ASSERT_EQ(stack.stack_status, "CREATE_COMPLETE") << stack.stack_status_reason << failure_reason(id);
  std::string name = outputs(stack)["RoleA"];
  auto before = iam().get_role({.role_name = name});
  ASSERT_TRUE(before.ok()) << before.error().to_string();

  // The spec says Mutable for all three: the same role (same RoleId) takes the new values.
  props.erase("Description");
  props["MaxSessionDuration"] = 7200;
  props["Tags"] = nlohmann::json::array({{{"Key", "team"}, {"Value", "red"}}});
  update(id, t.dump());
  stack = settle(id);
  ASSERT_EQ(stack.stack_status, "UPDATE_COMPLETE") << stack.stack_status_reason << failure_reason(id);
  EXPECT_EQ(outputs(stack)["RoleA"], name);
  auto after = iam().get_role({.role_name = name});
  ASSERT_TRUE(after.ok()) << after.error().to_string();
  EXPECT_EQ(after->role.role_id, before->role.role_id);
  EXPECT_EQ(after->role.description, std::nullopt);
  EXPECT_EQ(after->role.max_session_duration, 7200);
  EXPECT_EQ(after->role.tags, (std::vector<aws::iam::Tag>{{"team", "red"}}));

  ASSERT_TRUE(cfn().delete_stack({.stack_name = id}).ok());
  EXPECT_EQ(settle(id).stack_status, "DELETE_COMPLETE");
}

TEST_F(ProviderStackTest, IamPolicyForAUserOrAMissingRoleFails) {
  std::string users = create("Users", R"({"Resources": {"P": {"Type": "AWS::IAM::Policy",
      "Properties": {"PolicyName": "p", "Users": ["alice"], "PolicyDocument": {"Statement": []}}}}})");
  EXPECT_EQ(settle(users).stack_status, "ROLLBACK_COMPLETE");
  EXPECT_NE(failure_reason(users).find("The user with name alice cannot be found."), std::string::npos)
      << failure_reason(users);

  std::string missing = create("Missing", R"({"Resources": {"P": {"Type": "AWS::IAM::Policy",
      "Properties": {"PolicyName": "p", "Roles": ["no-such-role"], "PolicyDocument": {"Version": "2012-10-17",
        "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]}}}}})");
  EXPECT_EQ(settle(missing).stack_status, "ROLLBACK_COMPLETE");
  EXPECT_NE(failure_reason(missing).find("no-such-role"), std::string::npos) << failure_reason(missing);

  std::string none = create("NoEntity", R"({"Resources": {"P": {"Type": "AWS::IAM::Policy",
      "Properties": {"PolicyName": "p", "PolicyDocument": {"Statement": []}}}}})");
  EXPECT_EQ(settle(none).stack_status, "ROLLBACK_COMPLETE");
  EXPECT_NE(failure_reason(none).find("At least one of [Groups,Roles,Users] must be non-empty."), std::string::npos)
      << failure_reason(none);
}

TEST_F(ProviderStackTest, AStackActsAsTheCallerThatStartedIt) {
  // CloudFormation makes resources with the caller's identity (no RoleARN here): an SNS
  // subscription the stack makes names the IAM user whose key created the stack.
  open_cloud({.credentials = {{.access_key_id = "AKIAUSER",
                               .secret_access_key = "user-secret",
                               .account_id = "000000000000",
                               .session_token = "",
                               .user_name = "deployer"}}});
  aws::StaticCredentialsProvider user({.access_key_id = "AKIAUSER", .secret_access_key = "user-secret"});
  cf::Client as_user(config(user));
  auto id = as_user.create_stack({.stack_name = "subscribed", .source = {.template_body = R"({
    "Resources": {
      "Topic": {"Type": "AWS::SNS::Topic"},
      "Queue": {"Type": "AWS::SQS::Queue"},
      "Subscription": {"Type": "AWS::SNS::Subscription", "Properties": {
        "Protocol": "sqs", "TopicArn": {"Ref": "Topic"}, "Endpoint": {"Fn::GetAtt": ["Queue", "Arn"]}}}
    },
    "Outputs": {"Subscription": {"Value": {"Ref": "Subscription"}}}
  })"}});
  ASSERT_TRUE(id.ok()) << id.error().to_string();
  cf::Stack stack = settle(*id);
  ASSERT_EQ(stack.stack_status, "CREATE_COMPLETE") << stack.stack_status_reason;
  auto attributes =
      aws::sns::Client(config(creds)).get_subscription_attributes({.subscription_arn = outputs(stack)["Subscription"]});
  ASSERT_TRUE(attributes.ok()) << attributes.error().to_string();
  EXPECT_EQ(attributes->attributes["SubscriptionPrincipal"], "arn:aws:iam::000000000000:user/deployer");
}

}  // namespace
}  // namespace hoplite::local
