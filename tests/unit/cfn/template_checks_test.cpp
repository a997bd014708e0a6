// check_template and check_active_references: AWS's reference errors (the ones marked
// "recorded" come from AWS's responses in tests/testdata/cfn/aws-recorded).

#include <gtest/gtest.h>

#include "eval_fixture.hpp"

namespace hoplite::cfn {
namespace {

using testing::Evaluated;

std::string error_of(const std::string& text, std::vector<GivenParameter> given = {}) {
  return Evaluated(text, std::move(given)).error;
}

TEST(TemplateChecks, RecordedReferenceErrors) {
  EXPECT_EQ(error_of(R"(
Resources:
  MyResource:
    Type: AWS::SSM::Parameter
    Properties: {Type: String, Value: Something}
    DependsOn: [NonExistingResource]
)"),
            "Template format error: Unresolved resource dependencies [NonExistingResource] in the Resources block of "
            "the template");
  // cfn-conditions-dependent_get_att: a GetAtt of a resource whose condition is false.
  const std::string conditional = R"(
Parameters:
  OptionParameter: {Type: String, AllowedValues: [option-a, option-b]}
Resources:
  MyTopic: {Type: AWS::SNS::Topic, Condition: ShouldCreateTopic}
  MySsmParam: {Type: AWS::SSM::Parameter, Properties: {Type: String, Value: !GetAtt MyTopic.TopicName}}
Conditions:
  ShouldCreateTopic: !Equals [!Ref OptionParameter, option-a]
)";
  EXPECT_EQ(error_of(conditional, {{"OptionParameter", "option-b"}}),
            "Template format error: Unresolved resource dependencies [MyTopic] in the Resources block of the template");
  EXPECT_EQ(error_of(conditional, {{"OptionParameter", "option-a"}}), "");
  // cfn-conditions-output_reference_to_skipped_resource.
  EXPECT_EQ(error_of(R"(
Parameters:
  OptionParameter: {Type: String, AllowedValues: [option-a, option-b]}
Resources:
  MyTopic: {Type: AWS::SNS::Topic, Condition: ShouldCreateTopic}
Conditions:
  ShouldCreateTopic: !Equals [!Ref OptionParameter, option-a]
Outputs:
  TopicRef: {Value: !Ref MyTopic}
)",
                     {{"OptionParameter", "option-b"}}),
            "Unresolved resource dependencies [MyTopic] in the Outputs block of the template");
}

TEST(TemplateChecks, EveryUnresolvedNameIsListed) {
  EXPECT_EQ(error_of(R"(
Resources:
  A: {Type: AWS::SNS::Topic, Properties: {DisplayName: !Sub '${X}-${Y}-${X}'}}
  B: {Type: AWS::SNS::Topic, DependsOn: [Z], Properties: {DisplayName: !Ref Y}}
)"),
            "Template format error: Unresolved resource dependencies [X, Y, Z] in the Resources block of the template");
  EXPECT_EQ(error_of("Resources:\n  A: {Type: AWS::SNS::Topic}\nOutputs:\n  O: {Value: !Ref Nope}\n"),
            "Template format error: Unresolved resource dependencies [Nope] in the Outputs block of the template");
  EXPECT_EQ(error_of("Resources:\n  A: {Type: AWS::SNS::Topic}\nOutputs:\n  O: {Value: !GetAtt Nope.Arn}\n"),
            "Template error: instance of Fn::GetAtt references undefined resource Nope");
}

TEST(TemplateChecks, ConditionsMustBeDeclared) {
  EXPECT_EQ(error_of("Resources:\n  A: {Type: AWS::SNS::Topic, Condition: Nope}\n"),
            "Template format error: Unresolved condition dependency Nope in resource A");
  EXPECT_EQ(error_of("Resources:\n  A: {Type: AWS::SNS::Topic, Properties: {DisplayName: !If [Nope, a, b]}}\n"),
            "Template error: unresolved condition dependency Nope in Fn::If");
  EXPECT_EQ(error_of("Resources:\n  A: {Type: AWS::SNS::Topic}\nOutputs:\n  O: {Value: x, Condition: Nope}\n"),
            "Template format error: Unresolved condition dependency Nope in output O");
}

TEST(TemplateChecks, DependsOnAnInactiveResourceOrTakenBranchReference) {
  const std::string base = R"(
Conditions: {No: !Equals [a, b]}
Resources:
  Maybe: {Type: AWS::SNS::Topic, Condition: No}
)";
  EXPECT_EQ(error_of(base + "  A: {Type: AWS::SNS::Topic, DependsOn: Maybe}\n"),
            "Template format error: Unresolved resource dependencies [Maybe] in the Resources block of the template");
  EXPECT_EQ(error_of(base + "  A: {Type: AWS::SNS::Topic, Properties: {DisplayName: !If [No, !Ref Maybe, x]}}\n"), "");
  EXPECT_EQ(error_of(base + "  A: {Type: AWS::SNS::Topic, Condition: No, Properties: {DisplayName: !Ref Maybe}}\n"),
            "");
}

}  // namespace
}  // namespace hoplite::cfn
