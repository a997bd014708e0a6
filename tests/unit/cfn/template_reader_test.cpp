// read_template: every section's structure checks with AWS's messages (the ones quoted "recorded"
// come from AWS's responses in tests/testdata/cfn/aws-recorded).

#include <string>

#include <gtest/gtest.h>

#include "hoplite/cfn/template_reader.hpp"

namespace hoplite::cfn {
namespace {

TemplateDocument read_ok(std::string_view text) {
  auto r = read_template(text);
  EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().message);
  return r.ok() ? *r : TemplateDocument{};
}

std::string read_error(std::string_view text) {
  auto r = read_template(text);
  EXPECT_FALSE(r.ok());
  return r.ok() ? "" : r.error().message;
}

TEST(TemplateReader, ReadsEverySection) {
  auto doc = read_ok(R"(
AWSTemplateFormatVersion: "2010-09-09"
Description: demo
Transform: AWS::LanguageExtensions
Parameters:
  Env: {Type: String, Default: dev, AllowedValues: [dev, prod], Description: where}
  Size: {Type: Number, Default: 5, MinValue: 1, MaxValue: "10", NoEcho: true}
  Name: {Type: String, AllowedPattern: "[a-z]+", MinLength: 1, MaxLength: 8, ConstraintDescription: lower}
Mappings:
  Regions: {us-east-1: {Ami: ami-1, Zones: [a, b]}}
Conditions:
  IsProd: !Equals [!Ref Env, prod]
Resources:
  Topic:
    Type: AWS::SNS::Topic
    Condition: IsProd
    DependsOn: Queue
    DeletionPolicy: Retain
    Properties: {DisplayName: x}
    Metadata: {a: 1}
  Queue:
    Type: AWS::SQS::Queue
    DependsOn: [Topic2]
  Topic2: {Type: AWS::SNS::Topic}
Outputs:
  Arn:
    Value: !Ref Topic
    Description: the topic
    Export: {Name: !Sub "${AWS::StackName}-arn"}
    Condition: IsProd
)");
  EXPECT_EQ(doc.format_version, "2010-09-09");
  EXPECT_EQ(doc.description, "demo");
  EXPECT_TRUE(doc.language_extensions());
  ASSERT_EQ(doc.parameters.size(), 3u);
  EXPECT_EQ(doc.parameters[0].allowed_values, (std::vector<std::string>{"dev", "prod"}));
  EXPECT_EQ(doc.parameters[1].default_value, "5");
  EXPECT_EQ(doc.parameters[1].max_value, 10.0);
  EXPECT_TRUE(doc.parameters[1].no_echo);
  EXPECT_EQ(doc.parameters[2].allowed_pattern, "[a-z]+");
  EXPECT_EQ(doc.parameters[2].max_length, 8u);
  ASSERT_EQ(doc.conditions.size(), 1u);
  ASSERT_EQ(doc.resources.size(), 3u);
  const TemplateResource* topic = doc.find_resource("Topic");
  ASSERT_NE(topic, nullptr);
  EXPECT_EQ(topic->type, "AWS::SNS::Topic");
  EXPECT_EQ(topic->condition, "IsProd");
  EXPECT_EQ(topic->depends_on, (std::vector<std::string>{"Queue"}));
  EXPECT_EQ(topic->deletion_policy, "Retain");
  EXPECT_EQ(topic->properties.dump(), R"({"DisplayName":"x"})");
  EXPECT_EQ(doc.find_resource("Queue")->depends_on, (std::vector<std::string>{"Topic2"}));
  EXPECT_TRUE(doc.find_resource("Topic2")->properties.empty());
  ASSERT_EQ(doc.outputs.size(), 1u);
  EXPECT_EQ(doc.outputs[0].export_name.dump(), R"({"Fn::Sub":"${AWS::StackName}-arn"})");
  EXPECT_EQ(doc.outputs[0].condition, "IsProd");
  EXPECT_NE(doc.find_parameter("Env"), nullptr);
  EXPECT_NE(doc.find_condition("IsProd"), nullptr);
  EXPECT_EQ(doc.find_resource("Nope"), nullptr);
}

TEST(TemplateReader, RecordedStructureErrors) {
  EXPECT_EQ(read_error("{}"), "Template format error: At least one Resources member must be defined.");
  EXPECT_EQ(read_error(R"({"Resources": "", "Outputs": ""})"),
            "Template format error: Any Resources member must be an object.");
  EXPECT_EQ(read_error(R"({"Resources": {"A": {"Properties": {}}}})"),
            "Template format error: [/Resources/A] Every Resources object must contain a Type member.");
  EXPECT_EQ(read_error(R"({"Resources": {"A": {"Type": "AWS::SNS::Topic", "Invalid": 10}}})"),
            "Invalid template resource property 'Invalid'");
  EXPECT_EQ(read_error(R"({"Resources": {"Foo": {"Type": "AWS::SNS::Topic"}}, "Outputs": {"MyOutput": {}}})"),
            "Template format error: Every Outputs member must contain a Value object");
  EXPECT_EQ(read_error(R"({"Resources": {"Foo": {"Type": "AWS::SNS::Topic"}},
                           "Outputs": {"MyOutput": {"Value": null, "AnotherValue": null}}})"),
            "[/Outputs/MyOutput/Value] 'null' values are not allowed in templates");
  EXPECT_EQ(read_error(R"({"Parameters": {"AWS::NoValue": {"Type": "String", "Default": "foo"}},
                           "Resources": {"P": {"Type": "AWS::SSM::Parameter"}}})"),
            "Template format error: Parameter name AWS::NoValue is non alphanumeric.");
  EXPECT_EQ(read_error(R"({"Resources": {"AWS::NoValue": {"Type": "AWS::SSM::Parameter"}}})"),
            "Template format error: Resource name AWS::NoValue is non alphanumeric.");
  EXPECT_EQ(read_error("Resources: {T: {Type: AWS::SNS::Topic}}\nMappings:\n  M:\n    A: suffix-a\n"),
            "Template format error: Every Mappings member A must be a map");
  EXPECT_EQ(read_error("Resources: {T: {Type: AWS::SNS::Topic}}\nMappings:\n  M:\n    A: {S: {V: x}}\n"),
            "Template format error: Every Mappings attribute must be a String or a List.");
  EXPECT_EQ(read_error("Resources: {T: {Type: AWS::SNS::Topic}}\nMappings:\n  M:\n    A: {S: !Ref X}\n"),
            "Template format error: Every Mappings attribute must be a String or a List.");
  EXPECT_EQ(read_error("Resources: {T: {Type: AWS::SNS::Topic}}\nTransform: [{Name: {Ref: M}}]\n"),
            "Key Name of transform definition must be a string.");
}

TEST(TemplateReader, NullsAnywhereAreRejectedWithTheirPath) {
  EXPECT_EQ(
      read_error("Resources:\n  T:\n    Type: AWS::SNS::Topic\n    Properties:\n      Tags: [{Key: a, Value:}]\n"),
      "[/Resources/T/Properties/Tags/0/Value] 'null' values are not allowed in templates");
}

TEST(TemplateReader, OtherStructureErrors) {
  const std::string res = R"("Resources": {"T": {"Type": "AWS::SNS::Topic"}})";
  EXPECT_EQ(read_error("{" + res + R"(, "Foo": 1, "Bar": 2})"),
            "Template format error: Invalid template property or properties [Foo, Bar]");
  EXPECT_EQ(read_error(R"({"Resources": {"T": {"Type": 5}}})"),
            "Template format error: [/Resources/T] Every Type member must be a string.");
  EXPECT_EQ(read_error(R"({"Resources": {"T": 5}})"), "Template format error: Any Resources member must be an object.");
  EXPECT_EQ(read_error("{" + res + R"(, "Parameters": {"P": {"Default": "x"}}})"),
            "Template format error: Every Parameters object must contain a Type member.");
  EXPECT_EQ(read_error("{" + res + R"(, "Parameters": {"P": {"Type": "Strin"}}})"),
            "Template format error: Unrecognized parameter type: Strin");
  EXPECT_EQ(read_error("{" + res + R"(, "Parameters": {"P": {"Type": "String", "Properties": 1}}})"),
            "Template format error: Invalid template parameter property 'Properties'");
  EXPECT_EQ(read_error(R"({"Parameters": {"T": {"Type": "String"}}, "Resources": {"T": {"Type": "AWS::SNS::Topic"}}})"),
            "Template format error: Parameter and resource names must be unique: T is both.");
  EXPECT_EQ(read_error(R"({"Resources": {"T": {"Type": "AWS::SNS::Topic", "DependsOn": 3}}})"),
            "Template format error: DependsOn must be a string or list of strings.");
  EXPECT_EQ(read_error(R"({"Resources": {"T": {"Type": "AWS::SNS::Topic", "DeletionPolicy": "Keep"}}})"),
            "Template format error: Unrecognized DeletionPolicy Keep for resource T");
  EXPECT_EQ(read_error("{" + res + R"(, "AWSTemplateFormatVersion": "2011-01-01"})"),
            "Template format error: Unsupported template format version 2011-01-01. The only valid version is "
            "2010-09-09.");
  EXPECT_EQ(read_error("{" + res + R"(, "Outputs": {"O": {"Value": "x", "Export": {"Nam": "y"}}}})"),
            "Template format error: Every Export member must contain a Name object");
}

TEST(TemplateReader, CountsAreLimitedAsOnAws) {
  std::string many = R"({"Resources": {)";
  for (int i = 0; i < 501; ++i)
    many += (i ? "," : "") + std::string(R"("R)") + std::to_string(i) + R"(": {"Type": "AWS::SNS::Topic"})";
  many += "}}";
  TemplateLimits limits;
  limits.max_body_bytes = kMaxTemplateUrlBytes;
  auto r = read_template(many, limits);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().message, "Template format error: Number of resources, 501, is greater than maximum allowed, 500");
  std::string name(256, 'a');
  EXPECT_EQ(read_error(R"({"Resources": {")" + name + R"(": {"Type": "AWS::SNS::Topic"}}})"),
            "Template format error: Resource name " + name + " is non alphanumeric.");
}

TEST(TemplateReader, ReadsAValueThatWasNotText) {
  TemplateValue body = {{"Resources", {{"T", {{"Type", "AWS::SNS::Topic"}}}}}};
  auto r = read_template_value(body);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->resources.at(0).logical_id, "T");
}

TEST(TemplateReader, AlphanumericNames) {
  EXPECT_TRUE(is_alphanumeric_name("Abc123"));
  EXPECT_FALSE(is_alphanumeric_name(""));
  EXPECT_FALSE(is_alphanumeric_name("a-b"));
  EXPECT_FALSE(is_alphanumeric_name("ä"));
  EXPECT_FALSE(is_alphanumeric_name("abc", 2));
}

}  // namespace
}  // namespace hoplite::cfn
