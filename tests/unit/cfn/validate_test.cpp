// Each validation rule fails synthesis with a stable id and a message naming the resource and the
// property (src/cfn/validate.cpp).

#include "cfn/validate.hpp"

#include <gtest/gtest.h>

#include "hoplite/cfn/intrinsics.hpp"
#include "hoplite/cfn/resources/ec2/security_group.hpp"
#include "hoplite/cfn/resources/ec2/subnet.hpp"
#include "hoplite/cfn/resources/ec2/vpc.hpp"
#include "hoplite/cfn/resources/ecs/task_definition.hpp"
#include "hoplite/cfn/resources/iam/role.hpp"
#include "hoplite/cfn/resources/sns/topic.hpp"
#include "hoplite/cfn/resources/sqs/queue.hpp"
#include "hoplite/cfn/template.hpp"
#include "hoplite/cfn/validation_error.hpp"
#include "support/golden.hpp"

namespace hoplite::cfn {
namespace {

ValidationError render_error(const Template& t) {
  try {
    (void)t.render();
  } catch (const ValidationError& e) {
    return e;
  }
  ADD_FAILURE() << "expected a ValidationError";
  return ValidationError("000", "", "", "none");
}

TEST(Validate, MissingRequiredTopLevelProperty) {
  Template t;
  t.add(ec2::Subnet{"Subnet", {.CidrBlock = "10.0.0.0/24"}});
  auto e = render_error(t);
  EXPECT_EQ(e.id(), "cfn.validate.001");
  EXPECT_EQ(e.resource(), "Subnet");
  EXPECT_EQ(e.property(), "VpcId");
  EXPECT_STREQ(e.what(),
               "[cfn.validate.001] resource 'Subnet' (AWS::EC2::Subnet): required property 'VpcId' is not set; set it "
               "(see http://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/"
               "aws-resource-ec2-subnet.html#cfn-ec2-subnet-vpcid)");
}

TEST(Validate, MissingRequiredNestedPropertyNamesThePath) {
  Template t;
  t.add(ecs::TaskDefinition{"Task", {.ContainerDefinitions = {{.Image = "busybox", .Name = "app"}, {.Name = "side"}}}});
  auto e = render_error(t);
  EXPECT_EQ(e.id(), "cfn.validate.001");
  EXPECT_EQ(e.property(), "ContainerDefinitions[1].Image");
  EXPECT_NE(std::string(e.what()).find("resource 'Task' (AWS::ECS::TaskDefinition): required property "
                                       "'ContainerDefinitions[1].Image' is not set"),
            std::string::npos);
}

TEST(Validate, MissingRequiredTagValue) {
  Template t;
  t.add(sns::Topic{"Topic", {.Tags = {{.Key = "team"}}}});
  EXPECT_THROW_WITH((void)t.render(), ValidationError, "required property 'Tags[0].Value' is not set");
}

TEST(Validate, RemovingARequiredPropertyByOverrideIsCaught) {
  Template t;
  auto& vpc = t.add(ec2::VPC{"Vpc", {.CidrBlock = "10.0.0.0/16"}});
  auto& subnet = t.add(ec2::Subnet{"Subnet", {.CidrBlock = "10.0.0.0/24", .VpcId = ref(vpc)}});
  subnet.remove_property("VpcId");
  EXPECT_THROW_WITH((void)t.render(), ValidationError, "[cfn.validate.001] resource 'Subnet'");
}

TEST(Validate, WrongPrimitiveTypeThroughAnOverride) {
  Template t;
  auto& q = t.add(sqs::Queue{"Jobs", {.VisibilityTimeout = 30}});
  q.set_property_override("VisibilityTimeout", "thirty");
  auto e = render_error(t);
  EXPECT_EQ(e.id(), "cfn.validate.002");
  EXPECT_EQ(e.resource(), "Jobs");
  EXPECT_EQ(e.property(), "VisibilityTimeout");
  EXPECT_STREQ(e.what(),
               "[cfn.validate.002] resource 'Jobs' (AWS::SQS::Queue): property 'VisibilityTimeout' must be Integer, "
               "got \"thirty\"; pass an integer (or an intrinsic)");
}

TEST(Validate, WrongPrimitiveTypeThroughJson) {
  Template t;
  t.add(ecs::TaskDefinition{
      "Task",
      {.ContainerDefinitions = {
           {.Essential = Value<bool>::from_json(Json::object()), .Image = "busybox", .Name = "app"}}}});
  EXPECT_THROW_WITH((void)t.render(), ValidationError,
                    "[cfn.validate.002] resource 'Task' (AWS::ECS::TaskDefinition): property "
                    "'ContainerDefinitions[0].Essential' must be Boolean, got {}");
}

TEST(Validate, ListPropertyGivenAScalar) {
  Template t;
  auto& sg = t.add(ec2::SecurityGroup{"Sg", {.GroupDescription = "x"}});
  sg.set_property_override("SecurityGroupIngress", "all");
  EXPECT_THROW_WITH((void)t.render(), ValidationError, "property 'SecurityGroupIngress' must be a list, got \"all\"");
}

TEST(Validate, NumericStringsAndIntrinsicsAreAcceptedWherePrimitivesAreExpected) {
  Template t;
  auto& q = t.add(sqs::Queue{"Jobs"});
  q.set_property_override("VisibilityTimeout", "30");
  q.set_property_override("DelaySeconds", Json::parse(R"({"Ref": "AWS::NoValue"})"));
  EXPECT_NO_THROW((void)t.render());
}

TEST(Validate, UnknownPropertyFromAnOverride) {
  Template t;
  auto& topic = t.add(sns::Topic{"Topic"});
  topic.set_property_override("TopicNmae", "x");
  auto e = render_error(t);
  EXPECT_EQ(e.id(), "cfn.validate.011");
  EXPECT_EQ(e.property(), "TopicNmae");
  EXPECT_NE(std::string(e.what()).find("resource 'Topic' (AWS::SNS::Topic): unknown property 'TopicNmae'"),
            std::string::npos);
}

TEST(Validate, RefToALogicalIdNotInTheTemplate) {
  Template t;
  ec2::VPC elsewhere{"OtherVpc", {.CidrBlock = "10.0.0.0/16"}};  // never added
  t.add(ec2::Subnet{"Subnet", {.CidrBlock = "10.0.0.0/24", .VpcId = ref(elsewhere)}});
  auto e = render_error(t);
  EXPECT_EQ(e.id(), "cfn.validate.003");
  EXPECT_EQ(e.resource(), "Subnet");
  EXPECT_EQ(e.property(), "VpcId");
  EXPECT_STREQ(e.what(),
               "[cfn.validate.003] resource 'Subnet' (AWS::EC2::Subnet): property 'VpcId' has Ref to 'OtherVpc', "
               "which is not a resource or parameter in this template; add it to the template (or fix the name)");
}

TEST(Validate, RefToARemovedResource) {
  Template t;
  auto& vpc = t.add(ec2::VPC{"Vpc", {.CidrBlock = "10.0.0.0/16"}});
  t.add(ec2::Subnet{"Subnet", {.CidrBlock = "10.0.0.0/24", .VpcId = ref(vpc)}});
  ASSERT_TRUE(t.remove("Vpc"));
  EXPECT_THROW_WITH((void)t.render(), ValidationError, "[cfn.validate.003] resource 'Subnet'");
}

TEST(Validate, SubReferenceToAnUnknownName) {
  Template t;
  t.add(sns::Topic{"Topic", {.DisplayName = sub("${Missing}-topic")}});
  EXPECT_THROW_WITH(
      (void)t.render(), ValidationError,
      "[cfn.validate.003] resource 'Topic' (AWS::SNS::Topic): property 'DisplayName' has Ref to 'Missing'");
}

TEST(Validate, GetAttToALogicalIdNotInTheTemplate) {
  Template t;
  iam::Role role{"Role", {.AssumeRolePolicyDocument = Json::object()}};  // never added
  t.add(sns::Topic{"Topic", {.DisplayName = get_att(role, "Arn")}});
  auto e = render_error(t);
  EXPECT_EQ(e.id(), "cfn.validate.004");
  EXPECT_EQ(e.property(), "DisplayName");
  EXPECT_NE(std::string(e.what()).find("has Fn::GetAtt to 'Role.Arn', but 'Role' is not a resource in this template"),
            std::string::npos);
}

TEST(Validate, GetAttToAnAttributeTheTypeDoesNotHave) {
  Template t;
  t.add(sns::Topic{"Topic"});
  auto& q = t.add(sqs::Queue{"Jobs"});
  // A hand-written reference (e.g. from a decorator) bypasses the construction-time check.
  q.set_property_override("QueueName", Json::parse(R"({"Fn::GetAtt": ["Topic", "Arn"]})"));
  auto e = render_error(t);
  EXPECT_EQ(e.id(), "cfn.validate.005");
  EXPECT_EQ(e.resource(), "Jobs");
  EXPECT_EQ(e.property(), "QueueName");
  EXPECT_NE(std::string(e.what()).find("AWS::SNS::Topic has no attribute 'Arn'; use one of: TopicArn, TopicName"),
            std::string::npos);
}

TEST(Validate, GetAttAfterTheTargetWasReplacedByAnotherType) {
  Template t;
  auto& q = t.add(sqs::Queue{"Target"});
  t.add(sns::Topic{"Topic", {.DisplayName = get_att(q, "Arn")}});
  t.replace(sns::Topic{"Target"});
  EXPECT_THROW_WITH((void)t.render(), ValidationError, "[cfn.validate.005] resource 'Topic'");
}

TEST(Validate, InvalidLogicalIds) {
  Template t;
  EXPECT_THROW_WITH(t.add(sns::Topic{"my-topic"}), ValidationError,
                    "[cfn.validate.006] resource logical ID 'my-topic' is invalid: it has characters other than "
                    "A-Z, a-z, 0-9; logical IDs are 1-255 letters and digits (e.g. 'mytopic')");
  EXPECT_THROW_WITH(t.add(sns::Topic{""}), ValidationError, "it is empty");
  EXPECT_THROW_WITH(t.add(sns::Topic{std::string(256, 'A')}), ValidationError, "longer than 255");
  EXPECT_NO_THROW(t.add(sns::Topic{std::string(255, 'A')}));
  EXPECT_THROW_WITH(t.add_output("Out-1", "x"), ValidationError, "[cfn.validate.006] output logical ID 'Out-1'");
  EXPECT_THROW_WITH(t.add_parameter("p_1"), ValidationError, "[cfn.validate.006] parameter logical ID 'p_1'");
}

TEST(Validate, DuplicateLogicalIds) {
  Template t;
  t.add(sns::Topic{"Thing"});
  try {
    t.add(sqs::Queue{"Thing"});
    ADD_FAILURE() << "expected a duplicate error";
  } catch (const ValidationError& e) {
    EXPECT_EQ(e.id(), "cfn.validate.007");
    EXPECT_EQ(e.resource(), "Thing");
    EXPECT_NE(std::string(e.what()).find("logical ID 'Thing' (AWS::SQS::Queue) is already used"), std::string::npos);
  }
  EXPECT_THROW_WITH(t.add_parameter("Thing"), ValidationError, "[cfn.validate.007] parameter 'Thing'");
  t.add_output("O", "x");
  EXPECT_THROW_WITH(t.add_output("O", "y"), ValidationError, "[cfn.validate.007] output 'O' is declared twice");
}

TEST(Validate, DependencyCycleThroughReferences) {
  Template t;
  auto& a = t.add(sqs::Queue{"A"});
  auto& b = t.add(sqs::Queue{"B", {.QueueName = get_att(a, "QueueName")}});
  a.props.RedrivePolicy = Json::object({{"deadLetterTargetArn", get_att(b, "Arn")}, {"maxReceiveCount", 3}});
  auto e = render_error(t);
  EXPECT_EQ(e.id(), "cfn.validate.008");
  EXPECT_EQ(e.resource(), "B");
  EXPECT_STREQ(e.what(),
               "[cfn.validate.008] resource 'B' (AWS::SQS::Queue): dependency cycle A -> B -> A; break it by "
               "removing a Ref/GetAtt or DependsOn on that path (e.g. move a rule into its own resource)");
}

TEST(Validate, DependencyCycleThroughDependsOn) {
  Template t;
  auto& a = t.add(sns::Topic{"A"});
  auto& b = t.add(sns::Topic{"B", {}, {.depends_on = {a}}});
  auto& c = t.add(sns::Topic{"C", {.DisplayName = ref(b)}});
  a.add_dependency(c);
  EXPECT_THROW_WITH((void)t.render(), ValidationError, "dependency cycle A -> C -> B -> A");
}

TEST(Validate, SelfReferenceIsACycle) {
  Template t;
  auto& a = t.add(sns::Topic{"A"});
  a.props.DisplayName = ref(a);
  EXPECT_THROW_WITH((void)t.render(), ValidationError, "dependency cycle A -> A");
}

TEST(Validate, DependsOnAnUnknownResource) {
  Template t;
  t.add(sns::Topic{"A", {}, {.depends_on = {"Ghost"}}});
  auto e = render_error(t);
  EXPECT_EQ(e.id(), "cfn.validate.009");
  EXPECT_EQ(e.property(), "DependsOn");
  EXPECT_NE(std::string(e.what()).find("resource 'A' (AWS::SNS::Topic): DependsOn 'Ghost'"), std::string::npos);
}

TEST(Validate, UnknownConditionAndMapping) {
  Template t;
  t.add(sns::Topic{"A", {.TopicName = if_("IsProd", "a", pseudo::no_value())}});
  EXPECT_THROW_WITH((void)t.render(), ValidationError,
                    "[cfn.validate.010] resource 'A' (AWS::SNS::Topic): property 'TopicName' uses condition 'IsProd'");
  Template u;
  u.add(sns::Topic{"A", {}, {.condition = "IsProd"}});
  EXPECT_THROW_WITH((void)u.render(), ValidationError, "[cfn.validate.010] resource 'A' (AWS::SNS::Topic): Condition");
  Template v;
  v.add(sns::Topic{"A", {.TopicName = find_in_map("Names", pseudo::region(), "Topic")}});
  EXPECT_THROW_WITH((void)v.render(), ValidationError,
                    "[cfn.validate.012] resource 'A' (AWS::SNS::Topic): property 'TopicName' uses mapping 'Names'");
}

TEST(Validate, OutputsAreCheckedToo) {
  Template t;
  sns::Topic ghost{"Ghost"};
  t.add_output("Arn", ref(ghost));
  EXPECT_THROW_WITH((void)t.render(), ValidationError,
                    "[cfn.validate.003] output 'Arn': property 'Value' has Ref to 'Ghost'");
}

TEST(Validate, ReferencesToParametersAndPseudoParametersAreFine) {
  Template t;
  const auto& env = t.add_parameter("Env", {.default_value = "dev"});
  t.add(sns::Topic{"A", {.TopicName = join("-", {ref(env), pseudo::region(), pseudo::account_id()})}});
  EXPECT_NO_THROW(t.validate());
}

}  // namespace
}  // namespace hoplite::cfn
