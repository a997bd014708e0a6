#include "hoplite/cfn/intrinsics.hpp"

#include <gtest/gtest.h>

#include "hoplite/cfn/render.hpp"
#include "hoplite/cfn/resources/ec2/vpc.hpp"
#include "hoplite/cfn/resources/iam/role.hpp"
#include "hoplite/cfn/resources/sns/topic.hpp"
#include "hoplite/cfn/template.hpp"
#include "hoplite/cfn/validation_error.hpp"
#include "support/golden.hpp"

namespace hoplite::cfn {
namespace {

std::string text(const Json& j) { return to_nlohmann(j).dump(); }

class IntrinsicsTest : public ::testing::Test {
 protected:
  sns::Topic topic{"Topic"};
  iam::Role role{"TaskRole", {.AssumeRolePolicyDocument = Json::object()}};
  Parameter env{"Env", {}};
};

TEST_F(IntrinsicsTest, RefTakesTheResourceObject) {
  Value<std::string> v = ref(topic);
  EXPECT_EQ(text(v), R"({"Ref":"Topic"})");
  ASSERT_EQ(Json(v).references().size(), 1u);
  EXPECT_EQ(Json(v).references()[0], (Reference{Reference::Kind::ref, "Topic", ""}));
}

TEST_F(IntrinsicsTest, RefOfAParameterConvertsToAnyValueType) {
  Value<int> count = ref(env);
  Value<std::string> name = ref(env);
  EXPECT_EQ(text(count), R"({"Ref":"Env"})");
  EXPECT_EQ(text(name), R"({"Ref":"Env"})");
}

TEST_F(IntrinsicsTest, GetAttRendersAndRecordsTheAttribute) {
  Value<std::string> arn = get_att(role, "Arn");
  EXPECT_EQ(text(arn), R"({"Fn::GetAtt":["TaskRole","Arn"]})");
  EXPECT_EQ(Json(arn).references()[0], (Reference{Reference::Kind::attribute, "TaskRole", "Arn"}));
}

TEST_F(IntrinsicsTest, GetAttOfAnUnknownAttributeFailsAtConstructionListingTheKnownOnes) {
  EXPECT_THROW_WITH((void)get_att(topic, "Arn"), ValidationError,
                    "[cfn.validate.005] resource 'Topic' (AWS::SNS::Topic) has no attribute 'Arn' for Fn::GetAtt; "
                    "use one of: TopicArn, TopicName");
}

TEST_F(IntrinsicsTest, GetAttOfAListAttributeFeedsSelect) {
  ec2::VPC vpc{"Vpc", {.CidrBlock = "10.0.0.0/16"}};
  Value<std::string> first = select(0, get_att(vpc, "Ipv6CidrBlocks"));
  EXPECT_EQ(text(first), R"({"Fn::Select":[0,{"Fn::GetAtt":["Vpc","Ipv6CidrBlocks"]}]})");
}

TEST_F(IntrinsicsTest, Join) {
  EXPECT_EQ(text(join(",", {"a", ref(topic)})), R"({"Fn::Join":[",",["a",{"Ref":"Topic"}]]})");
  EXPECT_EQ(Json(join("", {ref(topic)})).references().size(), 1u);
}

TEST_F(IntrinsicsTest, SubRecordsReferencesButNotPseudoParametersEscapesOrBoundVariables) {
  Value<std::string> s =
      sub("arn:${AWS::Partition}:sns:${AWS::Region}:${AWS::AccountId}:${Topic.TopicName}-${Env}${!Lit}");
  EXPECT_EQ(
      text(s),
      R"({"Fn::Sub":"arn:${AWS::Partition}:sns:${AWS::Region}:${AWS::AccountId}:${Topic.TopicName}-${Env}${!Lit}"})");
  auto refs = Json(s).references();
  ASSERT_EQ(refs.size(), 2u);
  EXPECT_EQ(refs[0], (Reference{Reference::Kind::attribute, "Topic", "TopicName"}));
  EXPECT_EQ(refs[1], (Reference{Reference::Kind::ref, "Env", ""}));
}

TEST_F(IntrinsicsTest, SubWithVariableMapTakesIntrinsics) {
  Value<std::string> s = sub("${Arn}/*", {{"Arn", get_att(role, "Arn")}, {"Plain", "x"}});
  EXPECT_EQ(text(s), R"({"Fn::Sub":["${Arn}/*",{"Arn":{"Fn::GetAtt":["TaskRole","Arn"]},"Plain":"x"}]})");
  auto refs = Json(s).references();
  ASSERT_EQ(refs.size(), 1u);  // ${Arn} is bound by the map; the GetAtt inside it is the reference
  EXPECT_EQ(refs[0], (Reference{Reference::Kind::attribute, "TaskRole", "Arn"}));
}

TEST_F(IntrinsicsTest, SelectSplitGetAzs) {
  EXPECT_EQ(text(select(1, get_azs())), R"({"Fn::Select":[1,{"Fn::GetAZs":""}]})");
  EXPECT_EQ(text(get_azs("eu-west-1")), R"({"Fn::GetAZs":"eu-west-1"})");
  EXPECT_EQ(text(get_azs(pseudo::region())), R"({"Fn::GetAZs":{"Ref":"AWS::Region"}})");
  EXPECT_EQ(text(split(",", "a,b")), R"({"Fn::Split":[",","a,b"]})");
  EXPECT_EQ(text(select(0, split(",", ref(env)))), R"({"Fn::Select":[0,{"Fn::Split":[",",{"Ref":"Env"}]}]})");
}

TEST_F(IntrinsicsTest, ConditionFunctions) {
  Condition is_prod = equals(ref(env), "prod");
  EXPECT_EQ(text(is_prod.json()), R"({"Fn::Equals":[{"Ref":"Env"},"prod"]})");
  EXPECT_EQ(text(not_(is_prod).json()), R"({"Fn::Not":[{"Fn::Equals":[{"Ref":"Env"},"prod"]}]})");
  EXPECT_EQ(text(and_({ConditionName("IsProd"), equals("a", "a")}).json()),
            R"({"Fn::And":[{"Condition":"IsProd"},{"Fn::Equals":["a","a"]}]})");
  EXPECT_EQ(text(or_({ConditionName("A"), ConditionName("B")}).json()),
            R"({"Fn::Or":[{"Condition":"A"},{"Condition":"B"}]})");
  EXPECT_EQ(Json(ConditionName("A").operator Condition().json()).references()[0],
            (Reference{Reference::Kind::condition, "A", ""}));
}

TEST_F(IntrinsicsTest, AndOrNeedTwoToTenConditions) {
  EXPECT_THROW_WITH((void)and_({equals("a", "b")}), ValidationError, "[cfn.validate.013] Fn::And takes 2 to 10");
  std::vector<Condition> eleven(11, equals("a", "b"));
  EXPECT_THROW_WITH((void)or_(eleven), ValidationError, "Fn::Or takes 2 to 10 conditions, got 11");
}

TEST_F(IntrinsicsTest, IfWithNoValue) {
  Value<std::string> name = if_("IsProd", "prod-topic", pseudo::no_value());
  EXPECT_EQ(text(name), R"({"Fn::If":["IsProd","prod-topic",{"Ref":"AWS::NoValue"}]})");
  EXPECT_EQ(Json(name).references()[0], (Reference{Reference::Kind::condition, "IsProd", ""}));
  Value<int> size = if_("IsProd", 3, 1);
  EXPECT_EQ(text(size), R"({"Fn::If":["IsProd",3,1]})");
}

TEST_F(IntrinsicsTest, Base64FindInMapImportValue) {
  EXPECT_EQ(text(base64(sub("#!/bin/sh\necho ${AWS::StackName}"))),
            R"({"Fn::Base64":{"Fn::Sub":"#!/bin/sh\necho ${AWS::StackName}"}})");
  Value<std::string> ami = find_in_map("Images", pseudo::region(), "Ami");
  EXPECT_EQ(text(ami), R"({"Fn::FindInMap":["Images",{"Ref":"AWS::Region"},"Ami"]})");
  EXPECT_EQ(Json(ami).references()[0], (Reference{Reference::Kind::mapping, "Images", ""}));
  Value<std::string> vpc_id = import_value(sub("${AWS::StackName}-vpc"));
  EXPECT_EQ(text(vpc_id), R"({"Fn::ImportValue":{"Fn::Sub":"${AWS::StackName}-vpc"}})");
}

TEST_F(IntrinsicsTest, PseudoParameters) {
  EXPECT_EQ(text(pseudo::region()), R"({"Ref":"AWS::Region"})");
  EXPECT_EQ(text(pseudo::account_id()), R"({"Ref":"AWS::AccountId"})");
  EXPECT_EQ(text(pseudo::partition()), R"({"Ref":"AWS::Partition"})");
  EXPECT_EQ(text(pseudo::stack_name()), R"({"Ref":"AWS::StackName"})");
  EXPECT_EQ(text(pseudo::stack_id()), R"({"Ref":"AWS::StackId"})");
  EXPECT_EQ(text(pseudo::url_suffix()), R"({"Ref":"AWS::URLSuffix"})");
  EXPECT_EQ(text(pseudo::no_value()), R"({"Ref":"AWS::NoValue"})");
  EXPECT_EQ(text(pseudo::notification_arns()), R"({"Ref":"AWS::NotificationARNs"})");
  EXPECT_TRUE(Json(pseudo::region()).references().empty());  // nothing to declare
  EXPECT_TRUE(pseudo::is_pseudo_parameter("AWS::URLSuffix"));
  EXPECT_FALSE(pseudo::is_pseudo_parameter("AWS::Bogus"));
}

TEST_F(IntrinsicsTest, NestedIntrinsicsCollectEveryReference) {
  Json j = Json::object({{"A", join("-", {ref(topic), get_att(role, "Arn")})}, {"B", Json::array({ref(env)})}});
  auto refs = j.references();
  ASSERT_EQ(refs.size(), 3u);
  EXPECT_EQ(refs[0].id, "Topic");
  EXPECT_EQ(refs[1].id, "TaskRole");
  EXPECT_EQ(refs[2].id, "Env");
}

}  // namespace
}  // namespace hoplite::cfn
