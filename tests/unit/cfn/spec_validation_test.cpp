// Validation against the spec subset: types, attributes, evaluated properties (the messages
// marked "recorded" are AWS's own).

#include "hoplite/cfn/spec_validation.hpp"

#include <gtest/gtest.h>

#include "hoplite/cfn/evaluator.hpp"

namespace hoplite::cfn {
namespace {

TemplateDocument spec_doc_of(const std::string& text) {
  auto d = read_template(text);
  EXPECT_TRUE(d.ok()) << (d.ok() ? "" : d.error().message);
  return d.ok() ? *d : TemplateDocument{};
}

std::string props_error(std::string_view type, const std::string& json) {
  auto r = validate_properties(type, TemplateValue::parse(json));
  return r.ok() ? "" : r.error().message;
}

TEST(SpecValidation, ResourceTypes) {
  EXPECT_TRUE(is_supported_resource_type("AWS::SSM::Parameter"));
  EXPECT_TRUE(is_supported_resource_type("AWS::Logs::LogStream"));
  EXPECT_FALSE(is_supported_resource_type("AWS::DynamoDB::Table"));
  EXPECT_TRUE(check_resource_types(spec_doc_of("Resources:\n  A: {Type: AWS::SNS::Topic}\n")).ok());
  auto r = check_resource_types(spec_doc_of(
      "Resources:\n  A: {Type: AWS::Foo::Bar}\n  B: {Type: AWS::SNS::Topic}\n  C: {Type: AWS::Foo::Bar}\n  D: {Type: "
      "Custom::Thing}\n"));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().message, "Template format error: Unrecognized resource types: [AWS::Foo::Bar, Custom::Thing]");
}

TEST(SpecValidation, GetAttOfAnAttributeTheTypeDoesNotHave) {
  // Recorded (cfn-attributes-invalid_getatt_fails); AWS adds " Rollback requested by user.".
  auto r = check_attributes(spec_doc_of(R"(
Resources:
  MyResource:
    Type: AWS::SSM::Parameter
    Properties: {Type: String, Value: unimportant}
Outputs:
  InvalidOutput:
    Value: !GetAtt MyResource.Invalid
)"));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().message,
            "[Error] /Outputs/InvalidOutput/Value/Fn::GetAtt: Resource type AWS::SSM::Parameter does not support "
            "attribute {Invalid}.");
  auto in_sub = check_attributes(spec_doc_of(R"(
Resources:
  T: {Type: AWS::SNS::Topic}
  P: {Type: AWS::SSM::Parameter, Properties: {Type: String, Value: !Sub '${T.Nope}'}}
)"));
  ASSERT_FALSE(in_sub.ok());
  EXPECT_EQ(in_sub.error().message,
            "[Error] /Resources/P/Properties/Value/Fn::Sub: Resource type AWS::SNS::Topic does not support attribute "
            "{Nope}.");
  // Spec attributes and top-level properties (recorded cases read Topic.DisplayName) are fine.
  EXPECT_TRUE(check_attributes(spec_doc_of(R"(
Resources:
  T: {Type: AWS::SNS::Topic}
  P: {Type: AWS::SSM::Parameter, Properties: {Type: String, Value: !GetAtt T.DisplayName, Description: !GetAtt T.TopicArn}}
  X: {Type: AWS::Foo::Bar}
  Q: {Type: AWS::SSM::Parameter, Properties: {Type: String, Value: !GetAtt X.Anything}}
)"))
                  .ok());
}

TEST(SpecValidation, RequiredProperties) {
  // Recorded (cfn-template_engine-invalid_stack_deploy).
  EXPECT_EQ(props_error("AWS::SSM::Parameter", R"({"Value": "abc123"})"),
            "Property validation failure: [The property {/Type} is required]");
  EXPECT_EQ(props_error("AWS::ECS::TaskDefinition", R"({"ContainerDefinitions": [{"Name": "a"}]})"),
            "Property validation failure: [The property {/ContainerDefinitions/0/Image} is required]");
  EXPECT_EQ(props_error("AWS::SSM::Parameter", R"({"Type": "String", "Value": "x"})"), "");
}

TEST(SpecValidation, UnsupportedProperties) {
  EXPECT_EQ(props_error("AWS::SNS::Topic", R"({"Name": "x", "Other": 1})"),
            "Property validation failure: [Encountered unsupported properties in {/}: [Name, Other]]");
  EXPECT_EQ(props_error("AWS::SQS::Queue", R"({"Tags": [{"Key": "a", "Value": "b", "Extra": 1}]})"),
            "Property validation failure: [Encountered unsupported properties in {/Tags/0}: [Extra]]");
}

TEST(SpecValidation, TypesWithCloudFormationsConversions) {
  EXPECT_EQ(props_error("AWS::SQS::Queue", R"({"DelaySeconds": "2", "FifoQueue": "true", "QueueName": 5})"), "");
  EXPECT_EQ(props_error("AWS::SQS::Queue", R"({"DelaySeconds": "two"})"),
            "Property validation failure: [Value of property {/DelaySeconds} does not match type {Integer}]");
  EXPECT_EQ(props_error("AWS::SQS::Queue", R"({"FifoQueue": "yes"})"),
            "Property validation failure: [Value of property {/FifoQueue} does not match type {Boolean}]");
  EXPECT_EQ(props_error("AWS::SQS::Queue", R"({"Tags": {"a": "b"}})"),
            "Property validation failure: [Value of property {/Tags} does not match type {Array}]");
  EXPECT_EQ(props_error("AWS::SQS::Queue", R"({"Tags": ["x"]})"),
            "Property validation failure: [Value of property {/Tags/0} does not match type {Object}]");
  EXPECT_EQ(props_error("AWS::SNS::Topic", R"({"DisplayName": {"a": 1}})"),
            "Property validation failure: [Value of property {/DisplayName} does not match type {String}]");
  EXPECT_EQ(props_error("AWS::SSM::Parameter", R"({"Type": "String", "Value": "{{changeSet:KNOWN_AFTER_APPLY}}"})"),
            "");
  EXPECT_EQ(props_error("AWS::SQS::Queue", R"({"DelaySeconds": "{{changeSet:KNOWN_AFTER_APPLY}}"})"), "");
}

TEST(SpecValidation, AllProblemsInOneMessage) {
  EXPECT_EQ(props_error("AWS::SSM::Parameter", R"({"Value": [1], "Bad": 1})"),
            "Property validation failure: [Value of property {/Value} does not match type {String}, The property "
            "{/Type} is required, Encountered unsupported properties in {/}: [Bad]]");
}

}  // namespace
}  // namespace hoplite::cfn
