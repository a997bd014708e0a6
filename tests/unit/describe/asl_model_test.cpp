#include "describe/asl_model.hpp"

#include <gtest/gtest.h>

namespace hoplite::describe {
namespace {

Json parse(const char* text) { return Json::parse(text); }

std::vector<std::string> names(const AslMachine& m) {
  std::vector<std::string> out;
  for (const auto& s : m.states) out.push_back(s.name);
  return out;
}

TEST(ReadAsl, TheServicefullMachine) {
  auto m = read_asl(parse(R"({"StartAt": "Run", "States": {
      "Run": {"Type": "Task", "Resource": "arn:aws:states:::ecs:runTask.sync",
              "Catch": [{"ErrorEquals": ["States.ALL"], "ResultPath": "$.error", "Next": "Failed"}],
              "Next": "Ok"},
      "Ok": {"Type": "Task", "Resource": "arn:aws:states:::sns:publish", "End": true},
      "Failed": {"Type": "Task", "Resource": "arn:${AWS::Partition}:states:::sns:publish", "Next": "Done"},
      "Done": {"Type": "Fail", "Error": "E"}}})"));
  ASSERT_TRUE(m.ok()) << m.error().to_string();
  EXPECT_EQ(names(*m), (std::vector<std::string>{"Run", "Ok", "Failed", "Done"}));
  EXPECT_EQ(m->scopes.size(), 1u);
  EXPECT_EQ(m->scopes[0].start, 0u);
  EXPECT_EQ(m->states[0].integration, "ecs:runTask.sync");
  EXPECT_EQ(m->states[2].integration, "sns:publish");
  EXPECT_TRUE(m->states[1].end);
  EXPECT_TRUE(m->states[3].end);  // Fail ends the machine
  ASSERT_EQ(m->transitions.size(), 3u);
  EXPECT_EQ(m->transitions[0].kind, TransitionKind::next);
  EXPECT_EQ(m->transitions[1].kind, TransitionKind::catch_error);
  EXPECT_EQ(m->transitions[1].label, "catch States.ALL");
  EXPECT_EQ(m->transitions[1].text, "catch States.ALL → ResultPath $.error");
  EXPECT_EQ(*m->transitions[1].to, 2u);
  EXPECT_TRUE(m->problems.empty());
}

TEST(ReadAsl, ChoiceRetryParallelAndMap) {
  auto m = read_asl(parse(R"({"StartAt": "Pick", "States": {
      "Pick": {"Type": "Choice", "Choices": [
          {"Variable": "$.kind", "StringEquals": "fan", "Next": "Fan"},
          {"And": [{"Variable": "$.n", "NumericGreaterThan": 3}, {"Not": {"Variable": "$.skip", "IsPresent": true}}],
           "Next": "Each"}], "Default": "Fan"},
      "Fan": {"Type": "Parallel", "Branches": [
          {"StartAt": "A", "States": {"A": {"Type": "Pass", "End": true}}},
          {"StartAt": "B", "States": {"B": {"Type": "Wait", "Seconds": 1, "End": true}}}], "End": true},
      "Each": {"Type": "Map", "ItemProcessor": {"StartAt": "C", "States": {
          "C": {"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:1:function:f",
                "Retry": [{"ErrorEquals": ["States.Timeout"], "MaxAttempts": 2, "IntervalSeconds": 3}], "End": true}}},
          "End": true}}})"));
  ASSERT_TRUE(m.ok()) << m.error().to_string();
  EXPECT_EQ(names(*m), (std::vector<std::string>{"Pick", "Fan", "Each", "A", "B", "C"}));
  ASSERT_EQ(m->scopes.size(), 4u);
  EXPECT_EQ(m->scopes[1].label, "Branch 1");
  EXPECT_EQ(m->scopes[1].owner, 1u);
  EXPECT_EQ(m->scopes[3].label, "Item processor");
  EXPECT_EQ(m->scopes[3].owner, 2u);
  EXPECT_EQ(m->states[1].children, (std::vector<std::size_t>{1, 2}));
  EXPECT_EQ(m->states[5].integration, "lambda:invoke");
  EXPECT_FALSE(m->states[1].definition.contains("Branches"));
  std::vector<std::string> labels;
  for (const auto& t : m->transitions) labels.push_back(std::string(to_string(t.kind)) + ":" + t.label);
  EXPECT_EQ(labels, (std::vector<std::string>{"choice:$.kind == \"fan\"", "choice:$.n > 3 and not ($.skip is present)",
                                              "default:default", "retry:retry ×2"}));
  EXPECT_EQ(m->transitions[3].text, "retry States.Timeout ×2 (every 3s, backoff ×2)");
  EXPECT_TRUE(m->problems.empty());
}

TEST(ReadAsl, ReportsDanglingNamesInsteadOfFailing) {
  auto m = read_asl(parse(R"({"StartAt": "Nope", "States": {"A": {"Type": "Pass", "Next": "Ghost"}, "B": 7}})"));
  ASSERT_TRUE(m.ok());
  EXPECT_FALSE(m->scopes[0].start);
  ASSERT_EQ(m->problems.size(), 3u);
  EXPECT_NE(m->problems[0].find("'B' is not a JSON object"), std::string::npos);
  EXPECT_NE(m->problems[1].find("StartAt names 'Nope'"), std::string::npos);
  EXPECT_NE(m->problems[2].find("'A': Next names 'Ghost'"), std::string::npos);
  EXPECT_TRUE(m->transitions.empty());
}

TEST(ReadAsl, WrongTypesDoNotThrow) {
  auto m = read_asl(parse(R"({"StartAt": 3, "States": {"A": {"Type": 1, "End": "yes", "Next": [],
      "Retry": [{"ErrorEquals": "x", "MaxAttempts": "many"}], "Catch": [3], "Choices": {"x": 1}}}})"));
  ASSERT_TRUE(m.ok());
  EXPECT_EQ(m->states[0].type, "?");
  EXPECT_FALSE(m->states[0].end);
  EXPECT_FALSE(m->problems.empty());
}

TEST(ReadAsl, RejectsWhatIsNotAMachine) {
  EXPECT_EQ(read_asl(parse("[]")).error().code, "describe.asl");
  EXPECT_NE(read_asl(parse(R"({"StartAt": "A"})")).error().message.find("no States"), std::string::npos);
}

TEST(ChoiceRuleText, ComparisonsPathsAndTypeTests) {
  EXPECT_EQ(choice_rule_text(parse(R"({"Variable": "$.a", "NumericLessThanEqualsPath": "$.b"})")), "$.a <= $.b");
  EXPECT_EQ(choice_rule_text(parse(R"({"Variable": "$.t", "TimestampGreaterThan": "2020-01-01T00:00:00Z"})")),
            "$.t > \"2020-01-01T00:00:00Z\"");
  EXPECT_EQ(choice_rule_text(parse(R"({"Variable": "$.b", "BooleanEquals": false})")), "$.b == false");
  EXPECT_EQ(choice_rule_text(parse(R"({"Variable": "$.s", "StringMatches": "log-*"})")), "$.s matches \"log-*\"");
  EXPECT_EQ(choice_rule_text(parse(R"({"Variable": "$.x", "IsNull": false})")), "$.x is not null");
  EXPECT_EQ(choice_rule_text(parse(R"({"Variable": "$.x", "IsPresent": false})")), "$.x is absent");
  EXPECT_EQ(choice_rule_text(parse(R"({"Or": [{"And": [{"Variable": "$.a", "IsString": true},
      {"Variable": "$.a", "StringEquals": "z"}]}, {"Variable": "$.c", "NumericEquals": 1.5}]})")),
            "($.a is string and $.a == \"z\") or $.c == 1.5");
  EXPECT_EQ(choice_rule_text(parse(R"({"Condition": "{% $x > 1 %}"})")), "{% $x > 1 %}");
  EXPECT_EQ(choice_rule_text(parse(R"({"Variable": "$.x", "Unknown": 1})")), "?");
}

TEST(ChoiceRuleText, DeepNestingIsCut) {
  std::string rule = R"({"Variable": "$.x", "IsNull": true})";
  for (int i = 0; i < 30; ++i) rule = R"({"Not": )" + rule + "}";
  const std::string text = choice_rule_text(parse(rule.c_str()));
  EXPECT_NE(text.find("…"), std::string::npos);
}

TEST(IntegrationOf, RecognisesTheArnForms) {
  EXPECT_EQ(integration_of("arn:aws:states:::sns:publish"), "sns:publish");
  EXPECT_EQ(integration_of("arn:aws-cn:states:::states:startExecution.sync:2"), "states:startExecution.sync:2");
  EXPECT_EQ(integration_of("arn:aws:lambda:eu-west-1:123:function:f:1"), "lambda:invoke");
  EXPECT_EQ(integration_of("arn:aws:states:eu-west-1:123:activity:a"), "activity");
  EXPECT_EQ(integration_of("${Something}"), "");
}

}  // namespace
}  // namespace hoplite::describe
