#include "describe/template_model.hpp"

#include <gtest/gtest.h>

#include "hoplite/core/file.hpp"
#include "support/golden.hpp"

namespace hoplite::describe {
namespace {

std::string servicefull() { return core::read_file(testing::testdata("fargate/servicefull.template.json")).value(); }

bool has(const Resource& r, const Reference& ref) {
  return std::find(r.references.begin(), r.references.end(), ref) != r.references.end();
}

TEST(ReadTemplate, ServicefullHasEveryResourceInTemplateOrder) {
  auto model = read_template(servicefull());
  ASSERT_TRUE(model.ok()) << model.error().to_string();
  ASSERT_EQ(model->resources.size(), 18u);
  EXPECT_EQ(model->resources.front().logical_id, "NetVpc");
  EXPECT_EQ(model->resources.back().logical_id, "Machine");
  EXPECT_EQ(model->description, "Step Function with this binary as a Fargate task");
  const Resource* vpc = model->find("NetVpc");
  ASSERT_NE(vpc, nullptr);
  EXPECT_EQ(vpc->service, "EC2");
  EXPECT_EQ(vpc->short_type, "VPC");
  EXPECT_TRUE(model->parameters.contains("ImageUri"));
  EXPECT_EQ(model->outputs.size(), 5u);
  EXPECT_EQ(model->find("Nope"), nullptr);
}

TEST(ReadTemplate, FindsEachKindOfReference) {
  auto model = read_template(servicefull());
  ASSERT_TRUE(model.ok());
  EXPECT_TRUE(has(*model->find("NetSubnet1"), {"NetVpc", RefKind::ref, ""}));
  EXPECT_TRUE(has(*model->find("TaskTaskDefinition"), {"TaskExecutionRole", RefKind::get_att, "Arn"}));
  EXPECT_TRUE(has(*model->find("TaskTaskDefinition"), {"ImageUri", RefKind::ref, ""}));  // a parameter
  EXPECT_TRUE(has(*model->find("NetDefaultRoute"), {"NetGatewayAttachment", RefKind::depends_on, ""}));
  EXPECT_TRUE(has(*model->find("MachineRole"), {"AWS::Partition", RefKind::sub, ""}));
  // The state machine's Fn::Sub map: its values are Ref/GetAtt; its keys are not references.
  const Resource& machine = *model->find("Machine");
  EXPECT_TRUE(has(machine, {"Cluster", RefKind::get_att, "Arn"}));
  EXPECT_TRUE(has(machine, {"Notifications", RefKind::ref, ""}));
  EXPECT_FALSE(has(machine, {"ClusterArn", RefKind::sub, ""}));
  EXPECT_TRUE(has(machine, {"MachineRole", RefKind::get_att, "Arn"}));
}

TEST(SubPlaceholders, ReadsNamesAndAttributesAndSkipsLiterals) {
  auto p = sub_placeholders("arn:${AWS::Partition}:x:${Role.Arn}/${!Literal}/${}/${Open");
  ASSERT_EQ(p.size(), 2u);
  EXPECT_EQ(p[0].name, "AWS::Partition");
  EXPECT_EQ(p[1].name, "Role");
  EXPECT_EQ(p[1].attribute, "Arn");
}

TEST(CollectReferences, HandlesEveryGetAttSpellingWithoutRepeats) {
  auto j = Json::parse(R"({"a": {"Fn::GetAtt": "Role.Arn"}, "b": [{"Ref": "X"}, {"Ref": "X"}],
                           "c": {"Fn::Sub": ["${V}-${Y}", {"V": {"Ref": "Z"}}]}})");
  auto refs = collect_references(j);
  ASSERT_EQ(refs.size(), 4u);
  EXPECT_EQ(refs[0], (Reference{"Role", RefKind::get_att, "Arn"}));
  EXPECT_EQ(refs[1], (Reference{"X", RefKind::ref, ""}));
  EXPECT_EQ(refs[2], (Reference{"Y", RefKind::sub, ""}));
  EXPECT_EQ(refs[3], (Reference{"Z", RefKind::ref, ""}));
}

TEST(ReadTemplate, RejectsWhatIsNotATemplate) {
  EXPECT_EQ(read_template("not json").error().code, "describe.template");
  EXPECT_NE(read_template("[]").error().message.find("not a JSON object"), std::string::npos);
  EXPECT_NE(read_template("{}").error().message.find("no Resources"), std::string::npos);
  EXPECT_NE(read_template(R"({"Resources": {"A": {"Properties": {}}}})").error().message.find("A has no Type"),
            std::string::npos);
  EXPECT_NE(read_template(R"({"Resources": {"A": 3}})").error().message.find("not an object"), std::string::npos);
}

TEST(ReadTemplate, RefusesDeepNestingBeforeParsing) {
  std::string deep = R"({"Resources": {"A": {"Type": "X", "Properties": )";
  deep += std::string(100000, '[') + std::string(100000, ']') + "}}}";
  auto r = read_template(deep);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().message.find("deeper than 64"), std::string::npos);
}

TEST(JsonDepth, SkipsBracketsInStrings) {
  EXPECT_EQ(json_depth(R"({"a": "[[[[{{{\"[["})", 64), 1u);
  EXPECT_EQ(json_depth("[[[]]]", 64), 3u);
}

}  // namespace
}  // namespace hoplite::describe
