#include "hoplite/cfn/resource.hpp"

#include <gtest/gtest.h>

#include "hoplite/cfn/intrinsics.hpp"
#include "hoplite/cfn/render.hpp"
#include "hoplite/cfn/resources/ecs/task_definition.hpp"
#include "hoplite/cfn/resources/sns/topic.hpp"
#include "hoplite/cfn/template.hpp"
#include "hoplite/cfn/validation_error.hpp"
#include "support/golden.hpp"

namespace hoplite::cfn {
namespace {

TEST(Resource, KnowsItsLogicalIdTypeAndAttributes) {
  sns::Topic topic{"Notifications", {.TopicName = "x"}};
  EXPECT_EQ(topic.logical_id(), "Notifications");
  EXPECT_EQ(topic.type(), "AWS::SNS::Topic");
  EXPECT_TRUE(topic.has_attribute("TopicArn"));
  EXPECT_FALSE(topic.has_attribute("Arn"));
  EXPECT_EQ(topic.attribute_names().size(), 2u);
}

TEST(Resource, PropertiesRenderInSpecOrderAndSkipUnsetOnes) {
  sns::Topic topic{"T", {.DisplayName = "d", .Tags = {{.Key = "k", .Value = "v"}}, .TopicName = "x"}};
  EXPECT_EQ(topic.properties().dump(), R"({"DisplayName":"d","Tags":[{"Key":"k","Value":"v"}],"TopicName":"x"})");
  EXPECT_EQ(sns::Topic{"Empty"}.properties().dump(), "{}");
}

TEST(Resource, NestedPropertyTypesMapsAndLists) {
  ecs::TaskDefinition td{
      "Task",
      {.ContainerDefinitions = {{.Command = {"fargateTask", "--flag"},
                                 .Image = "img",
                                 .LogConfiguration = {.LogDriver = "awslogs", .Options = {{"awslogs-group", "g"}}},
                                 .Name = "app"}},
       .RuntimePlatform = {.CpuArchitecture = "X86_64", .OperatingSystemFamily = "LINUX"}}};
  EXPECT_EQ(td.properties().dump(),
            R"({"ContainerDefinitions":[{"Command":["fargateTask","--flag"],"Image":"img",)"
            R"("LogConfiguration":{"LogDriver":"awslogs","Options":{"awslogs-group":"g"}},"Name":"app"}],)"
            R"("RuntimePlatform":{"CpuArchitecture":"X86_64","OperatingSystemFamily":"LINUX"}})");
}

TEST(Resource, OverridesSetNestedPathsAndRemoveProperties) {
  sns::Topic topic{"T", {.DisplayName = "d", .TopicName = "x"}};
  topic.set_property_override("DataProtectionPolicy.Name", "p").remove_property("TopicName");
  topic.remove_property("Not.There");  // removing what is absent is a no-op
  EXPECT_EQ(topic.properties().dump(), R"({"DisplayName":"d","DataProtectionPolicy":{"Name":"p"}})");
}

TEST(Resource, OverridesIndexListItems) {
  ecs::TaskDefinition td{"Task",
                         {.ContainerDefinitions = {{.Image = "a", .Name = "one"}, {.Image = "b", .Name = "two"}}}};
  td.set_property_override("ContainerDefinitions.1.Image", "patched");
  td.set_property_override("ContainerDefinitions.0.ReadonlyRootFilesystem", true);
  td.set_property_override("ContainerDefinitions.7.Image", "ignored");  // no such item
  EXPECT_EQ(td.properties().dump(),
            R"({"ContainerDefinitions":[{"Image":"a","Name":"one","ReadonlyRootFilesystem":true},)"
            R"({"Image":"patched","Name":"two"}]})");
  td.remove_property("ContainerDefinitions.0");
  EXPECT_EQ(td.properties().dump(), R"({"ContainerDefinitions":[{"Image":"patched","Name":"two"}]})");
}

TEST(Resource, OptionsAndDependencies) {
  sns::Topic a{"A"};
  sns::Topic b{"B", {}, {.depends_on = {a, "C"}, .deletion_policy = DeletionPolicy::retain}};
  b.add_dependency(a);  // already there: not added twice
  ASSERT_EQ(b.options().depends_on.size(), 2u);
  EXPECT_EQ(b.options().depends_on[0].logical_id, "A");
  EXPECT_EQ(b.options().depends_on[1].logical_id, "C");
  EXPECT_EQ(to_string(*b.options().deletion_policy), "Retain");
  EXPECT_EQ(to_string(DeletionPolicy::delete_), "Delete");
  EXPECT_EQ(to_string(DeletionPolicy::snapshot), "Snapshot");
}

TEST(Resource, CloneIsADeepCopyOfTheSameType) {
  sns::Topic topic{"T", {.TopicName = "x"}};
  auto copy = topic.clone();
  topic.props.TopicName = "changed";
  auto* typed = dynamic_cast<sns::Topic*>(copy.get());
  ASSERT_NE(typed, nullptr);
  EXPECT_EQ(typed->properties().dump(), R"({"TopicName":"x"})");
}

TEST(RawResource, CoversTypesOutsideTheSubset) {
  Template t;
  auto& custom = t.add(RawResource{"Thing", "Custom::Thing", Json::object({{"ServiceToken", "arn:x"}}), {"Out"}});
  t.add(sns::Topic{"T", {.DisplayName = get_att(custom, "Out")}});
  auto copy = custom.clone();
  EXPECT_EQ(copy->type(), "Custom::Thing");
  EXPECT_TRUE(copy->has_attribute("Out"));
  auto j = t.to_json();
  EXPECT_EQ(j["Resources"]["Thing"].dump(), R"({"Type":"Custom::Thing","Properties":{"ServiceToken":"arn:x"}})");
  EXPECT_THROW_WITH((void)get_att(custom, "Missing"), ValidationError, "use one of: Out");
}

TEST(RawResource, OfAKnownTypeIsStillCheckedAgainstTheSpec) {
  Template t;
  t.add(RawResource{"Q", "AWS::SQS::Queue", Json::object({{"VisibilityTimout", 3}})});
  EXPECT_THROW_WITH((void)t.render(), ValidationError, "[cfn.validate.011] resource 'Q' (AWS::SQS::Queue)");
}

}  // namespace
}  // namespace hoplite::cfn
