// The generated classes (include/hoplite/cfn/resources/**): every type in the spec subset has one,
// and each agrees with the spec tables validation uses.

#include "hoplite/cfn/resources/all.hpp"

#include <set>
#include <tuple>

#include <gtest/gtest.h>

#include "cfn/spec_table.hpp"
#include "hoplite/cfn/template.hpp"
#include "hoplite/cfn/validation_error.hpp"

namespace hoplite::cfn {
namespace {

using AllTypes =
    std::tuple<ec2::InternetGateway, ec2::Route, ec2::RouteTable, ec2::SecurityGroup, ec2::Subnet,
               ec2::SubnetRouteTableAssociation, ec2::VPC, ec2::VPCGatewayAttachment, ecr::Repository, ecs::Cluster,
               ecs::Service, ecs::TaskDefinition, events::Rule, iam::Policy, iam::Role, lambda::Function,
               logs::LogGroup, logs::LogStream, s3::Bucket, s3::BucketPolicy, sns::Subscription, sns::Topic, sqs::Queue,
               sqs::QueuePolicy, ssm::Parameter, stepfunctions::StateMachine>;

template <class F, std::size_t... I>
void for_each_type(F&& f, std::index_sequence<I...>) {
  (f(std::tuple_element_t<I, AllTypes>{"Probe"}), ...);
}
template <class F>
void for_each_type(F&& f) {
  for_each_type(f, std::make_index_sequence<std::tuple_size_v<AllTypes>>{});
}

TEST(GeneratedResources, EveryTypeInTheSubsetHasAClassThatMatchesTheSpec) {
  std::set<std::string> classes;
  for_each_type([&](const Resource& r) {
    classes.emplace(r.type());
    const detail::TypeSpec* spec = detail::find_resource_spec(r.type());
    ASSERT_NE(spec, nullptr) << r.type();
    std::vector<std::string_view> attrs(r.attribute_names().begin(), r.attribute_names().end());
    std::vector<std::string_view> spec_attrs(spec->attributes.begin(), spec->attributes.end());
    EXPECT_EQ(attrs, spec_attrs) << r.type();
  });
  std::set<std::string> in_spec;
  for (const auto& t : detail::resource_specs()) in_spec.emplace(t.name);
  EXPECT_EQ(classes, in_spec);
  EXPECT_EQ(in_spec.size(), 26u);
}

TEST(GeneratedResources, AnEmptyResourceFailsOnItsFirstRequiredPropertyOrRendersEmpty) {
  for_each_type([](const Resource& r) {
    const detail::TypeSpec* spec = detail::find_resource_spec(r.type());
    ASSERT_NE(spec, nullptr);
    const detail::PropertySpec* first_required = nullptr;
    for (const auto& p : spec->properties) {
      if (p.required) {
        first_required = &p;
        break;
      }
    }
    Template t;
    t.add(r.clone());
    if (first_required == nullptr) {
      EXPECT_NO_THROW(t.validate()) << r.type();
    } else {
      try {
        t.validate();
        ADD_FAILURE() << r.type() << " rendered without its required " << first_required->name;
      } catch (const ValidationError& e) {
        EXPECT_EQ(e.id(), "cfn.validate.001") << e.what();
        EXPECT_EQ(e.resource(), "Probe");
        EXPECT_EQ(e.property(), first_required->name) << e.what();
      }
    }
    EXPECT_EQ(r.properties().dump(), "{}") << r.type();
  });
}

TEST(GeneratedResources, DesignatedInitializersReadLikeTheSpec) {
  ec2::VPC vpc{"Vpc", {.CidrBlock = "10.0.0.0/16"}};
  iam::Role role{"Role",
                 {.AssumeRolePolicyDocument = Json::object({{"Version", "2012-10-17"}}),
                  .Policies = {{.PolicyDocument = Json::object(), .PolicyName = "p"}},
                  .RoleName = "r"}};
  s3::Bucket bucket{
      "Bucket",
      {.BucketEncryption = {.ServerSideEncryptionConfiguration = {{.ServerSideEncryptionByDefault = {.SSEAlgorithm =
                                                                                                         "AES256"}}}},
       .VersioningConfiguration = {.Status = "Enabled"}}};
  lambda::Function fn{"Fn",
                      {.Code = {.ZipFile = "exports.handler = async () => 1;"},
                       .Environment = {.Variables = {{"MODE", "x"}}},
                       .Handler = "index.handler",
                       .Role = get_att(role, "Arn"),
                       .Runtime = "nodejs18.x"}};
  EXPECT_EQ(vpc.properties().dump(), R"({"CidrBlock":"10.0.0.0/16"})");
  EXPECT_EQ(bucket.properties().dump(),
            R"({"BucketEncryption":{"ServerSideEncryptionConfiguration":[{"ServerSideEncryptionByDefault":)"
            R"({"SSEAlgorithm":"AES256"}}]},"VersioningConfiguration":{"Status":"Enabled"}})");
  EXPECT_EQ(fn.properties().dump(),
            R"({"Code":{"ZipFile":"exports.handler = async () => 1;"},"Environment":{"Variables":{"MODE":"x"}},)"
            R"("Handler":"index.handler","Role":{"Fn::GetAtt":["Role","Arn"]},"Runtime":"nodejs18.x"})");
}

TEST(GeneratedResources, TypedAttributeAccessors) {
  ec2::VPC vpc{"Vpc", {.CidrBlock = "10.0.0.0/16"}};
  lambda::Function fn{"Fn"};
  Value<std::string> id = vpc.attr_vpc_id();
  List<std::string> blocks = vpc.attr_ipv6_cidr_blocks();  // list attributes are lists
  EXPECT_EQ(Json(id).dump(), R"({"Fn::GetAtt":["Vpc","VpcId"]})");
  EXPECT_EQ(Json(blocks).dump(), R"({"Fn::GetAtt":["Vpc","Ipv6CidrBlocks"]})");
  EXPECT_EQ(Json(fn.attr_snap_start_response_apply_on()).dump(),
            R"({"Fn::GetAtt":["Fn","SnapStartResponse.ApplyOn"]})");
}

}  // namespace
}  // namespace hoplite::cfn
