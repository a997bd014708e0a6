#include "hoplite/cfn/template.hpp"

#include <cstdlib>
#include <filesystem>

#include <gtest/gtest.h>

#include "hoplite/cfn/render.hpp"
#include "hoplite/cfn/resources/ec2/subnet.hpp"
#include "hoplite/cfn/resources/ec2/vpc.hpp"
#include "hoplite/cfn/resources/logs/log_group.hpp"
#include "hoplite/cfn/resources/sns/topic.hpp"
#include "hoplite/cfn/resources/sqs/queue.hpp"
#include "hoplite/cfn/validation_error.hpp"
#include "support/golden.hpp"
#include "unit/cfn/examples.hpp"

namespace hoplite::cfn {
namespace {

TEST(Template, RendersMinimalTopicWithOutput) {
  Template t{"description"};
  auto& topic = t.add(sns::Topic{"Notifications", {.TopicName = "x"}});
  t.add_output("TopicArn", ref(topic), {.description = "the topic", .export_name = sub("${AWS::StackName}-topic")});
  EXPECT_EQ(t.render(),
            R"({
  "AWSTemplateFormatVersion": "2010-09-09",
  "Description": "description",
  "Resources": {
    "Notifications": {
      "Type": "AWS::SNS::Topic",
      "Properties": {
        "TopicName": "x"
      }
    }
  },
  "Outputs": {
    "TopicArn": {
      "Description": "the topic",
      "Value": {
        "Ref": "Notifications"
      },
      "Export": {
        "Name": {
          "Fn::Sub": "${AWS::StackName}-topic"
        }
      }
    }
  }
}
)");
}

// Golden files: refresh with UPDATE_GOLDEN=1 (tests/support/golden.hpp) and review the diff.
TEST(Template, NetworkGolden) { EXPECT_GOLDEN("cfn/network.template.json", testing_examples::network().render()); }

TEST(Template, ServiceGolden) { EXPECT_GOLDEN("cfn/service.template.json", testing_examples::service().render()); }

TEST(Template, RenderingIsDeterministic) {
  // Same inputs, same bytes: two independently built templates, and a deep copy.
  std::string first = testing_examples::service().render();
  std::string second = testing_examples::service().render();
  EXPECT_EQ(first, second);
  Template original = testing_examples::network();
  Template copy = original;  // NOLINT(performance-unnecessary-copy-initialization): the copy is the point
  EXPECT_EQ(copy.render(), original.render());
}

TEST(Template, OutputDoesNotDependOnUserTimeZoneOrWorkingDirectory) {
  std::string before = testing_examples::service().render();
  hoplite::testing::TempDir elsewhere;
  auto cwd = std::filesystem::current_path();
  ::setenv("TZ", "Asia/Kolkata", 1);
  ::setenv("USER", "someone-else", 1);
  std::filesystem::current_path(elsewhere.path());
  std::string after = testing_examples::service().render();
  std::filesystem::current_path(cwd);
  EXPECT_EQ(before, after);
  EXPECT_EQ(after.find("someone-else"), std::string::npos);
}

TEST(Template, SectionsComeInTheDocumentedOrder) {
  auto j = testing_examples::network().to_json();
  std::vector<std::string> keys;
  for (auto it = j.begin(); it != j.end(); ++it) keys.push_back(it.key());
  EXPECT_EQ(keys, (std::vector<std::string>{"AWSTemplateFormatVersion", "Description", "Metadata", "Parameters",
                                            "Mappings", "Conditions", "Resources", "Outputs"}));
}

TEST(Template, ResourcesKeepInsertionOrderAndAttributeOrder) {
  Template t;
  t.add(sqs::Queue{"Zeta"});
  t.add(sns::Topic{"Alpha"});
  t.add_condition("Always", equals("a", "a"));
  t.add(logs::LogGroup{"Middle",
                       {.RetentionInDays = 7},
                       {.depends_on = {"Zeta"},
                        .deletion_policy = DeletionPolicy::retain,
                        .update_replace_policy = DeletionPolicy::snapshot,
                        .condition = "Always",
                        .metadata = Json::object({{"note", "kept"}})}});
  auto j = t.to_json();
  std::vector<std::string> ids;
  for (auto it = j["Resources"].begin(); it != j["Resources"].end(); ++it) ids.push_back(it.key());
  EXPECT_EQ(ids, (std::vector<std::string>{"Zeta", "Alpha", "Middle"}));
  std::vector<std::string> keys;
  for (auto it = j["Resources"]["Middle"].begin(); it != j["Resources"]["Middle"].end(); ++it) keys.push_back(it.key());
  EXPECT_EQ(keys, (std::vector<std::string>{"Type", "Condition", "DependsOn", "Properties", "DeletionPolicy",
                                            "UpdateReplacePolicy", "Metadata"}));
  EXPECT_EQ(j["Resources"]["Middle"]["DeletionPolicy"], "Retain");
  EXPECT_EQ(j["Resources"]["Middle"]["UpdateReplacePolicy"], "Snapshot");
}

TEST(Template, TwoSpaceIndentTrailingNewlineAndUtf8AsIs) {
  Template t{"Insert your Fargate code here! \xF0\x9F\x8E\x89"};
  t.add(sns::Topic{"T", {.DisplayName = "caf\xC3\xA9"}});
  std::string text = t.render();
  EXPECT_NE(text.find("\"Description\": \"Insert your Fargate code here! \xF0\x9F\x8E\x89\""), std::string::npos);
  EXPECT_NE(text.find("\n  \"Resources\": {\n    \"T\": {\n"), std::string::npos);
  EXPECT_NE(text.find("caf\xC3\xA9"), std::string::npos);
  EXPECT_EQ(text.find("\\u"), std::string::npos);
  EXPECT_EQ(text.back(), '\n');
}

TEST(Template, DecoratorsCanIterateFindEditReplaceAndRemove) {
  Template t = testing_examples::network();
  // Iterate: every resource with Tags gets one more.
  int tagged = 0;
  for (Resource& r : t.resources()) {
    if (auto* vpc = dynamic_cast<ec2::VPC*>(&r)) {
      vpc->props.Tags.push_back({.Key = "cost-center", .Value = "42"});
      ++tagged;
    }
  }
  EXPECT_EQ(tagged, 1);
  // Find by logical ID and change a typed property.
  auto* vpc = t.find_as<ec2::VPC>("Vpc");
  ASSERT_NE(vpc, nullptr);
  EXPECT_TRUE(vpc->props.EnableDnsHostnames.is_literal());
  EXPECT_EQ(vpc->props.EnableDnsHostnames, Value<bool>(true));
  vpc->props.EnableDnsHostnames = false;
  EXPECT_EQ(t.find_as<sns::Topic>("Vpc"), nullptr);  // wrong class
  EXPECT_EQ(t.find("Nope"), nullptr);
  // Replace keeps the position.
  t.replace(sns::Topic{"ProdAlarms", {.DisplayName = "replaced"}}).options().condition = "IsProd";
  // Remove.
  EXPECT_TRUE(t.remove("ProdAlarms"));
  EXPECT_FALSE(t.remove("ProdAlarms"));
  auto j = t.to_json();
  EXPECT_EQ(j["Resources"]["Vpc"]["Properties"]["EnableDnsHostnames"], false);
  EXPECT_EQ(j["Resources"]["Vpc"]["Properties"]["Tags"].back()["Key"], "cost-center");
  EXPECT_FALSE(j["Resources"].contains("ProdAlarms"));
  EXPECT_THROW((void)t.replace(sns::Topic{"Ghost"}), std::out_of_range);
}

TEST(Template, ParametersMappingsConditionsMetadataRender) {
  Template t;
  const auto& p = t.add_parameter("Size", {.type = "Number",
                                           .default_value = 3,
                                           .description = "how many",
                                           .allowed_values = {"1", "3"},
                                           .constraint_description = "1 or 3",
                                           .min_value = 1,
                                           .max_value = 3,
                                           .no_echo = true});
  EXPECT_EQ(t.find_parameter("Size"), &p);
  t.add_mapping("M", Json::object({{"k", Json::object({{"v", 1}})}}));
  auto cond = t.add_condition("Big", equals(ref(p), 3));
  t.set_metadata("A", 1);
  t.set_metadata("A", 2);  // replaces
  t.add(sqs::Queue{"Q", {.DelaySeconds = if_(cond, ref(p), find_in_map("M", "k", "v"))}});
  auto j = t.to_json();
  EXPECT_EQ(j["Parameters"]["Size"].dump(),
            R"({"Type":"Number","Description":"how many","Default":3,"AllowedValues":["1","3"],)"
            R"("ConstraintDescription":"1 or 3","MinValue":1.0,"MaxValue":3.0,"NoEcho":true})");
  EXPECT_EQ(j["Mappings"].dump(), R"({"M":{"k":{"v":1}}})");
  EXPECT_EQ(j["Conditions"].dump(), R"({"Big":{"Fn::Equals":[{"Ref":"Size"},3]}})");
  EXPECT_EQ(j["Metadata"].dump(), R"({"A":2})");
  EXPECT_EQ(j["Resources"]["Q"]["Properties"]["DelaySeconds"].dump(),
            R"({"Fn::If":["Big",{"Ref":"Size"},{"Fn::FindInMap":["M","k","v"]}]})");
}

TEST(Template, ReferencesReturnedByAddStayValid) {
  Template t;
  auto& first = t.add(sns::Topic{"First"});
  for (int i = 0; i < 100; ++i) t.add(sns::Topic{"T" + std::to_string(i)});
  EXPECT_EQ(first.logical_id(), "First");
  first.props.DisplayName = "still here";
  EXPECT_EQ(t.to_json()["Resources"]["First"]["Properties"]["DisplayName"], "still here");
}

TEST(Template, DependenciesAndCreationOrder) {
  Template t;
  auto& topic = t.add(sns::Topic{"Topic", {.DisplayName = "t"}});
  auto& queue = t.add(sqs::Queue{"Queue", {.QueueName = sub("${Topic.TopicName}-q")}});
  auto& logs = t.add(logs::LogGroup{"Logs", {}, {.depends_on = {queue}}});
  t.add(sns::Topic{"Early"});
  topic.props.DisplayName = join("-", {ref(logs), "x"});  // now Topic needs Logs, which needs Queue...
  EXPECT_EQ(t.dependencies("Queue"), (std::vector<std::string>{"Topic"}));
  EXPECT_EQ(t.dependencies("Logs"), (std::vector<std::string>{"Queue"}));
  EXPECT_THROW_WITH((void)t.creation_order(), ValidationError, "dependency cycle Topic -> Logs -> Queue -> Topic");
  topic.props.DisplayName = "plain";
  EXPECT_EQ(t.creation_order(), (std::vector<std::string>{"Topic", "Queue", "Logs", "Early"}));
  EXPECT_TRUE(t.dependencies("Missing").empty());
}

TEST(Template, DocsExampleWorks) {  // docs/cfn.md "Use"
  Template t{"Nightly job"};
  auto& dlq = t.add(sqs::Queue{"DeadLetters", {.MessageRetentionPeriod = 1209600}});
  auto& jobs = t.add(sqs::Queue{
      "Jobs", {.RedrivePolicy = Json::object({{"deadLetterTargetArn", get_att(dlq, "Arn")}, {"maxReceiveCount", 3}})}});
  auto& topic =
      t.add(sns::Topic{"Notifications", {.DisplayName = "results", .Tags = {{.Key = "team", .Value = "infra"}}}});
  topic.options().deletion_policy = DeletionPolicy::retain;
  t.add_output("TopicArn", ref(topic), {.description = "results", .export_name = sub("${AWS::StackName}-topic")});
  EXPECT_EQ(t.dependencies(jobs.logical_id()), (std::vector<std::string>{"DeadLetters"}));
  EXPECT_NE(t.render().find("\"DeletionPolicy\": \"Retain\""), std::string::npos);
}

}  // namespace
}  // namespace hoplite::cfn
