// compute_changes: replacement rules, sources of change, policy actions, no-change detection.
// (The recorded-case runner, tests/recorded, checks the same code against AWS's own responses.)

#include "hoplite/cfn/change_set.hpp"

#include <gtest/gtest.h>

#include "eval_fixture.hpp"

namespace hoplite::cfn {
namespace {

using testing::FakeResolver;

struct Compared {
  ChangeSetResult result;
  std::string error;
};

TemplateDocument change_doc_of(const std::string& text) {
  auto d = read_template(text);
  EXPECT_TRUE(d.ok()) << (d.ok() ? "" : d.error().message);
  return d.ok() ? *d : TemplateDocument{};
}

// Deployed `before` with `before_given`, submitted `after` with `after_given` (the result holds
// values only, so the documents can go when this returns).
Compared compare(const std::string& before, const std::string& after, bool values,
                 std::vector<GivenParameter> before_given = {}, std::vector<GivenParameter> after_given = {}) {
  FakeResolver resolver;
  TemplateDocument b = before.empty() ? TemplateDocument{} : change_doc_of(before);
  TemplateDocument a = change_doc_of(after);
  auto pb = bind_parameters(b, before_given, {}, &resolver);
  auto pa = bind_parameters(a, after_given, pb.ok() ? *pb : std::vector<ParameterValue>{}, &resolver);
  EXPECT_TRUE(pb.ok() && pa.ok());
  StackContext context;
  context.stack_name = "s";
  ChangeSetInput in{before.empty() ? nullptr : &b,
                    pb.ok() ? *pb : std::vector<ParameterValue>{},
                    &a,
                    pa.ok() ? *pa : std::vector<ParameterValue>{},
                    context,
                    &resolver};
  auto r = compute_changes(in, {values});
  if (!r) return {{}, r.error().message};
  return {*r, ""};
}

ResourceChange only(const Compared& c) {
  EXPECT_EQ(c.error, "");
  EXPECT_EQ(c.result.changes.size(), 1u);
  return c.result.changes.empty() ? ResourceChange{} : c.result.changes[0];
}

TEST(ChangeSet, CreateAddsEveryActiveResource) {
  auto c = compare("", R"(
Conditions: {No: !Equals [a, b]}
Resources:
  B: {Type: AWS::SNS::Topic, Properties: {DisplayName: x}}
  A: {Type: AWS::SNS::Topic, Properties: {DisplayName: !Ref B}}
  Skipped: {Type: AWS::SNS::Topic, Condition: No}
)",
                   true);
  ASSERT_EQ(c.result.changes.size(), 2u);
  EXPECT_EQ(c.result.changes[0].logical_id, "A");  // sorted by logical ID
  EXPECT_EQ(c.result.changes[0].action, "Add");
  EXPECT_EQ(c.result.changes[0].after_context->dump(),
            R"({"Properties":{"DisplayName":"{{changeSet:KNOWN_AFTER_APPLY}}"}})");
  EXPECT_EQ(c.result.changes[1].after_context->dump(), R"({"Properties":{"DisplayName":"x"}})");
  EXPECT_EQ(c.result.changes[1].replacement, "");
  EXPECT_TRUE(c.result.has_changes());
}

TEST(ChangeSet, ImmutablePropertyMeansReplacement) {
  const ResourceChange ch =
      only(compare("Resources: {V: {Type: AWS::EC2::VPC, Properties: {CidrBlock: 10.0.0.0/16}}}",
                   "Resources: {V: {Type: AWS::EC2::VPC, Properties: {CidrBlock: 10.1.0.0/16}}}", true));
  EXPECT_EQ(ch.action, "Modify");
  EXPECT_EQ(ch.replacement, "True");
  EXPECT_EQ(ch.policy_action, "ReplaceAndDelete");
  EXPECT_EQ(ch.physical_id, "V-physical");
  EXPECT_EQ(ch.scope, (std::vector<std::string>{"Properties"}));
  ASSERT_EQ(ch.details.size(), 1u);
  EXPECT_EQ(ch.details[0].target.requires_recreation, "Always");
  EXPECT_EQ(ch.details[0].target.before_value, "10.0.0.0/16");
  EXPECT_EQ(ch.details[0].target.after_value, "10.1.0.0/16");
  EXPECT_EQ(ch.details[0].target.path, "/Properties/CidrBlock");
  EXPECT_EQ(ch.details[0].change_source, "DirectModification");
  EXPECT_EQ(ch.details[0].evaluation, "Static");
}

TEST(ChangeSet, MutablePropertyIsUpdatedInPlace) {
  const ResourceChange ch =
      only(compare("Resources: {T: {Type: AWS::SNS::Topic, Properties: {DisplayName: a}}}",
                   "Resources: {T: {Type: AWS::SNS::Topic, Properties: {DisplayName: b}}}", false));
  EXPECT_EQ(ch.replacement, "False");
  EXPECT_EQ(ch.policy_action, "");
  EXPECT_EQ(ch.details[0].target.requires_recreation, "Never");
  EXPECT_EQ(ch.details[0].target.path, "");  // classic: no values
  EXPECT_FALSE(ch.before_context.has_value());
}

TEST(ChangeSet, ConditionalUpdateTypeMeansConditionalReplacement) {
  const ResourceChange ch = only(compare(
      "Resources: {V: {Type: AWS::EC2::VPC, Properties: {CidrBlock: 10.0.0.0/16}}}",
      "Resources: {V: {Type: AWS::EC2::VPC, Properties: {CidrBlock: 10.0.0.0/16, InstanceTenancy: default}}}", true));
  EXPECT_EQ(ch.replacement, "Conditional");
  EXPECT_EQ(ch.details[0].target.requires_recreation, "Conditionally");
  EXPECT_EQ(ch.details[0].target.attribute_change_type, "Add");
  EXPECT_EQ(ch.policy_action, "ReplaceAndDelete");
}

TEST(ChangeSet, ParameterIntoAnImmutablePropertyAsAwsReportsIt) {
  // AWS (recorded: cfn-change_set_parameters-update_parameter_default_value) reports True, with a
  // ParameterReference (Static) and a DirectModification (Dynamic).
  const std::string t =
      "Parameters: {Name: {Type: String}}\nResources: {T: {Type: AWS::SNS::Topic, Properties: {TopicName: !Ref Name}}}";
  for (bool values : {true, false}) {
    auto c = compare(t, t, values, {{"Name", "one"}}, {{"Name", "two"}});
    const ResourceChange ch = only(c);
    EXPECT_EQ(ch.replacement, "True");
    ASSERT_EQ(ch.details.size(), 2u);
    EXPECT_EQ(ch.details[0].change_source, "ParameterReference");
    EXPECT_EQ(ch.details[0].causing_entity, "Name");
    EXPECT_EQ(ch.details[0].evaluation, "Static");
    EXPECT_EQ(ch.details[1].change_source, "DirectModification");
    EXPECT_EQ(ch.details[1].evaluation, "Dynamic");
  }
  // The same parameter value: nothing to do.
  EXPECT_FALSE(compare(t, t, true, {{"Name", "one"}}, {{"Name", "one"}}).result.has_changes());
}

TEST(ChangeSet, ReferencesToAReplacedOrModifiedResource) {
  const std::string before = R"(
Resources:
  P: {Type: AWS::SSM::Parameter, Properties: {Type: String, Value: v, Name: n1, Description: d1}}
  Q: {Type: AWS::SSM::Parameter, Properties: {Type: String, Value: !GetAtt P.Value, Name: !Ref P}}
)";
  // P replaced (Name is Immutable): Q's Ref and GetAtt of P become unknown.
  const std::string replaced = R"(
Resources:
  P: {Type: AWS::SSM::Parameter, Properties: {Type: String, Value: v, Name: n2, Description: d1}}
  Q: {Type: AWS::SSM::Parameter, Properties: {Type: String, Value: !GetAtt P.Value, Name: !Ref P}}
)";
  auto values = compare(before, replaced, true);
  ASSERT_EQ(values.result.changes.size(), 2u);
  const ResourceChange& q = values.result.changes[1];
  EXPECT_EQ(q.logical_id, "Q");
  EXPECT_EQ(q.replacement, "True");  // its own Name (Immutable) changes: Static ResourceReference
  std::vector<std::string> sources;
  for (const auto& d : q.details)
    sources.push_back(d.target.name + ":" + d.change_source + ":" + d.evaluation + ":" + d.causing_entity);
  EXPECT_EQ(sources,
            (std::vector<std::string>{"Name:DirectModification:Dynamic:", "Name:ResourceReference:Static:P",
                                      "Value:DirectModification:Dynamic:", "Value:ResourceAttribute:Static:P.Value"}));
  // P only modified in place (Description): with values nothing changes for Q; without values
  // AWS flags the GetAtt as a possible change and, into the Immutable Name... only Value here.
  const std::string modified = R"(
Resources:
  P: {Type: AWS::SSM::Parameter, Properties: {Type: String, Value: v, Name: n1, Description: d2}}
  Q: {Type: AWS::SSM::Parameter, Properties: {Type: String, Value: !GetAtt P.Value, Name: !Ref P}}
)";
  EXPECT_EQ(compare(before, modified, true).result.changes.size(), 1u);
  auto classic = compare(before, modified, false);
  ASSERT_EQ(classic.result.changes.size(), 2u);
  const ResourceChange& q2 = classic.result.changes[1];
  ASSERT_EQ(q2.details.size(), 1u);
  EXPECT_EQ(q2.details[0].change_source, "ResourceAttribute");
  EXPECT_EQ(q2.details[0].evaluation, "Dynamic");
  EXPECT_EQ(q2.details[0].causing_entity, "P.Value");
  EXPECT_EQ(q2.replacement, "False");
}

TEST(ChangeSet, DynamicChangeOfAnImmutablePropertyIsConditional) {
  const std::string before = R"(
Resources:
  P: {Type: AWS::SSM::Parameter, Properties: {Type: String, Value: v, Description: d1}}
  Q: {Type: AWS::SSM::Parameter, Properties: {Type: String, Value: x, Name: !GetAtt P.Value}}
)";
  std::string after = before;
  after.replace(after.find("d1"), 2, "d2");
  auto classic = compare(before, after, false);
  ASSERT_EQ(classic.result.changes.size(), 2u);
  EXPECT_EQ(classic.result.changes[1].replacement, "Conditional");
  EXPECT_EQ(classic.result.changes[1].policy_action, "ReplaceAndDelete");
  EXPECT_EQ(classic.result.changes[1].details[0].target.requires_recreation, "Always");
}

TEST(ChangeSet, RemovalsAndPolicies) {
  auto c = compare(R"(
Resources:
  Keep: {Type: AWS::SNS::Topic}
  Gone: {Type: AWS::SNS::Topic, DeletionPolicy: Retain, Properties: {DisplayName: !Ref Keep}}
  Replaced: {Type: AWS::EC2::VPC, UpdateReplacePolicy: Retain, Properties: {CidrBlock: 10.0.0.0/16}}
)",
                   R"(
Resources:
  Keep: {Type: AWS::SNS::Topic}
  Replaced: {Type: AWS::EC2::VPC, UpdateReplacePolicy: Retain, Properties: {CidrBlock: 10.2.0.0/16}}
)",
                   true);
  ASSERT_EQ(c.result.changes.size(), 2u);
  EXPECT_EQ(c.result.changes[0].action, "Remove");
  EXPECT_EQ(c.result.changes[0].policy_action, "Retain");
  EXPECT_EQ(c.result.changes[0].physical_id, "Gone-physical");
  // AWS shows a removed resource's references as not known.
  EXPECT_EQ(c.result.changes[0].before_context->dump(),
            R"({"Properties":{"DisplayName":"{{changeSet:KNOWN_AFTER_APPLY}}"}})");
  EXPECT_EQ(c.result.changes[1].policy_action, "ReplaceAndRetain");
}

TEST(ChangeSet, MetadataChangesAreScoped) {
  const ResourceChange ch = only(compare("Resources: {T: {Type: AWS::SNS::Topic, Metadata: {a: 1}}}",
                                         "Resources: {T: {Type: AWS::SNS::Topic, Metadata: {a: 2}}}", false));
  EXPECT_EQ(ch.scope, (std::vector<std::string>{"Metadata"}));
  EXPECT_EQ(ch.details[0].target.attribute, "Metadata");
  EXPECT_EQ(ch.replacement, "False");
}

TEST(ChangeSet, NoChangesAndOutputOnlyChanges) {
  const std::string t = "Resources: {T: {Type: AWS::SNS::Topic}}\nOutputs: {O: {Value: !Ref T}}";
  auto same = compare(t, t, true);
  EXPECT_TRUE(same.result.changes.empty());
  EXPECT_FALSE(same.result.has_changes());
  auto outputs =
      compare(t, "Resources: {T: {Type: AWS::SNS::Topic}}\nOutputs: {O: {Value: !GetAtt T.TopicName}}", true);
  EXPECT_TRUE(outputs.result.changes.empty());
  EXPECT_TRUE(outputs.result.has_changes());
  EXPECT_EQ(kNoChangesReason,
            "The submitted information didn't contain changes. Submit different information to create a change set.");
}

TEST(ChangeSet, ResourceTypeChangesAreRefused) {
  auto c = compare("Resources: {T: {Type: AWS::SNS::Topic}}", "Resources: {T: {Type: AWS::SQS::Queue}}", true);
  EXPECT_EQ(c.error,
            "Update of resource type is not permitted. The new template modifies resource type of the following "
            "resources: [T]");
}

TEST(ChangeSet, MissingExportIsAWarningWithValues) {
  auto c = compare(
      "", "Resources: {P: {Type: AWS::SSM::Parameter, Properties: {Type: String, Value: !ImportValue nope}}}", true);
  ASSERT_EQ(c.error, "");
  EXPECT_EQ(c.result.status_reason,
            "[WARN] --include-property-values option can return incomplete ChangeSet data because: ChangeSet creation "
            "failed for resource [P] because: No export named nope");
}

TEST(ChangeSet, JsonHasAwsMemberNames) {
  auto c = compare("Resources: {T: {Type: AWS::SNS::Topic, Properties: {DisplayName: a}}}",
                   "Resources: {T: {Type: AWS::SNS::Topic, Properties: {DisplayName: b}}}", true);
  EXPECT_EQ(
      changes_to_json(c.result.changes, false).dump(),
      R"([{"ResourceChange":{"Action":"Modify","Details":[{"ChangeSource":"DirectModification","Evaluation":"Static",)"
      R"("Target":{"Attribute":"Properties","Name":"DisplayName","RequiresRecreation":"Never"}}],)"
      R"("LogicalResourceId":"T","PhysicalResourceId":"T-physical","Replacement":"False","ResourceType":"AWS::SNS::Topic",)"
      R"("Scope":["Properties"]},"Type":"Resource"}])");
  auto with_values = changes_to_json(c.result.changes, true);
  EXPECT_EQ(with_values[0]["ResourceChange"]["BeforeContext"].dump(), R"({"Properties":{"DisplayName":"a"}})");
  EXPECT_EQ(with_values[0]["ResourceChange"]["Details"][0]["Target"]["AfterValue"], "b");
  EXPECT_EQ(with_values[0]["ResourceChange"]["Details"][0]["Target"]["AttributeChangeType"], "Modify");
}

}  // namespace
}  // namespace hoplite::cfn
