// The local CloudFormation through the production client (aws::cloudformation::Client over
// InProcessClient): stacks of SSM parameters created, updated, rolled back and deleted by the
// engine, checked through CloudFormation's API and through SSM's own.
#include <chrono>
#include <thread>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "hoplite/aws/cloudformation.hpp"
#include "hoplite/aws/ec2.hpp"
#include "hoplite/aws/ecr.hpp"
#include "hoplite/aws/logs.hpp"
#include "hoplite/aws/protocol_query.hpp"
#include "hoplite/aws/s3.hpp"
#include "hoplite/aws/sfn.hpp"
#include "hoplite/aws/sqs.hpp"
#include "hoplite/aws/ssm.hpp"
#include "hoplite/aws/xml.hpp"
#include "local_fixture.hpp"

namespace hoplite::local {
namespace {

using testing::LocalCloudTest;
namespace cf = aws::cloudformation;
namespace ssm = aws::ssm;

constexpr const char* kThreeParameters = R"({
  "Resources": {
    "A": {"Type": "AWS::SSM::Parameter", "Properties": {"Type": "String", "Value": "root"}},
    "B": {"Type": "AWS::SSM::Parameter", "Properties": {"Type": "String", "Value": {"Ref": "A"}}},
    "C": {"Type": "AWS::SSM::Parameter", "Properties": {"Type": "String", "Value": {"Fn::GetAtt": ["B", "Value"]}}}
  },
  "Outputs": {
    "CName": {"Value": {"Ref": "C"}, "Export": {"Name": "c-name"}},
    "AValue": {"Value": {"Fn::GetAtt": ["A", "Value"]}, "Description": "what A holds"}
  }
})";

class CloudFormationTest : public LocalCloudTest {
 protected:
  cf::Client cfn() { return cf::Client(config(creds)); }
  ssm::Client parameters() { return ssm::Client(config(creds)); }

  /// Polls DescribeStacks until the stack leaves *_IN_PROGRESS (what the CLI's waiters do).
  cf::Stack wait_stable(const std::string& stack) {
    for (int i = 0; i < 20000; ++i) {
      auto d = cfn().describe_stacks({.stack_name = stack});
      EXPECT_TRUE(d.ok()) << d.error().to_string();
      if (!d.ok() || d->stacks.empty()) return {};
      if (!d->stacks[0].stack_status.ends_with("_IN_PROGRESS")) return d->stacks[0];
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    ADD_FAILURE() << "stack " << stack << " never settled";
    return {};
  }

  std::string create(const std::string& name, const std::string& body, std::vector<cf::Parameter> params = {}) {
    auto id = cfn().create_stack({.stack_name = name, .source = {.template_body = body}, .parameters = params});
    EXPECT_TRUE(id.ok()) << id.error().to_string();
    return id.ok() ? *id : "";
  }

  /// Resource statuses in the order they happened: "A CREATE_IN_PROGRESS", ...
  std::vector<std::string> history(const std::string& stack) {
    auto events = cfn().describe_stack_events_all({.stack_name = stack});
    EXPECT_TRUE(events.ok()) << events.error().to_string();
    std::vector<std::string> out;
    if (!events.ok()) return out;
    for (auto it = events->rbegin(); it != events->rend(); ++it)
      out.push_back(it->logical_resource_id + " " + it->resource_status);
    return out;
  }

  std::optional<std::string> parameter(const std::string& name) {
    auto p = parameters().get_parameter({.name = name});
    if (!p.ok()) return std::nullopt;
    return p->parameter.value;
  }

  static std::size_t index_of(const std::vector<std::string>& v, const std::string& s) {
    return static_cast<std::size_t>(std::find(v.begin(), v.end(), s) - v.begin());
  }

  /// A signed S3 REST request (the S3 client has no bucket-policy calls).
  http::Response s3_request(const std::string& method, const std::string& path) {
    http::Request req{method, "http://127.0.0.1:4566" + path, {}, {}, {}};
    EXPECT_TRUE(aws::sign_request(req, testing::test_credentials(),
                                  {.service = "s3",
                                   .region = "us-east-1",
                                   .time = clock.now(),
                                   .normalize_path = false,
                                   .double_uri_encode = false,
                                   .add_content_sha256_header = true})
                    .ok());
    return send(req);
  }

  /// The client prefixes the operation and appends the request id; AWS's text is in between.
  static void expect_message(const core::Error& e, const std::string& text) {
    EXPECT_NE(e.message.find(": " + text + " (request id"), std::string::npos) << e.message;
  }

  aws::StaticCredentialsProvider creds{testing::test_credentials()};
};

TEST_F(CloudFormationTest, CreatesInDependencyOrderWithAwsEventsAndOutputs) {
  std::string id = create("chain", kThreeParameters);
  EXPECT_TRUE(id.starts_with("arn:aws:cloudformation:us-east-1:000000000000:stack/chain/")) << id;
  cf::Stack s = wait_stable("chain");
  EXPECT_EQ(s.stack_status, "CREATE_COMPLETE") << s.stack_status_reason;
  EXPECT_EQ(s.stack_id, id);

  auto resources = cfn().describe_stack_resources({.stack_name = "chain"});
  ASSERT_TRUE(resources.ok()) << resources.error().to_string();
  ASSERT_EQ(resources->size(), 3u);
  std::map<std::string, std::string> physical;
  for (const auto& r : *resources) {
    EXPECT_EQ(r.resource_status, "CREATE_COMPLETE");
    EXPECT_EQ(r.stack_id, id);
    physical[r.logical_resource_id] = r.physical_resource_id;
  }
  // AWS's generated SSM names: CFN-<logical id>-<12 letters and digits>.
  EXPECT_TRUE(physical["A"].starts_with("CFN-A-")) << physical["A"];
  EXPECT_EQ(physical["A"].size(), 6u + 12u);
  // The parameters exist in SSM, with the values the references resolved to.
  EXPECT_EQ(parameter(physical["A"]), "root");
  EXPECT_EQ(parameter(physical["B"]), physical["A"]);
  EXPECT_EQ(parameter(physical["C"]), physical["A"]);

  std::map<std::string, std::string> outputs;
  for (const auto& o : s.outputs) outputs[o.key] = o.value;
  EXPECT_EQ(outputs["CName"], physical["C"]);
  EXPECT_EQ(outputs["AValue"], "root");
  auto exports = cfn().list_exports({});
  ASSERT_TRUE(exports.ok()) << exports.error().to_string();
  ASSERT_EQ(exports->exports.size(), 1u);
  EXPECT_EQ(exports->exports[0].name, "c-name");
  EXPECT_EQ(exports->exports[0].value, physical["C"]);

  auto h = history("chain");
  EXPECT_EQ(h.front(), "chain CREATE_IN_PROGRESS");
  EXPECT_EQ(h.back(), "chain CREATE_COMPLETE");
  for (const char* r : {"A", "B", "C"}) {
    std::string n(r);
    EXPECT_LT(index_of(h, n + " CREATE_IN_PROGRESS"), index_of(h, n + " CREATE_COMPLETE")) << n;
  }
  EXPECT_LT(index_of(h, "A CREATE_COMPLETE"), index_of(h, "B CREATE_IN_PROGRESS"));
  EXPECT_LT(index_of(h, "B CREATE_COMPLETE"), index_of(h, "C CREATE_IN_PROGRESS"));
  auto events = cfn().describe_stack_events_all({.stack_name = "chain"});
  ASSERT_TRUE(events.ok());
  int initiated = 0;
  for (const auto& e : *events) {
    if (e.resource_status_reason == "Resource creation Initiated") ++initiated;
    if (e.logical_resource_id == "chain" && e.resource_status == "CREATE_IN_PROGRESS") {
      EXPECT_EQ(e.resource_status_reason, "User Initiated");
    }
  }
  EXPECT_EQ(initiated, 3);
}

TEST_F(CloudFormationTest, DeleteRemovesEveryResourceInReverseOrder) {
  create("chain", kThreeParameters);
  wait_stable("chain");
  auto resources = cfn().describe_stack_resources({.stack_name = "chain"});
  ASSERT_TRUE(resources.ok());
  ASSERT_TRUE(cfn().delete_stack({.stack_name = "chain"}).ok());
  auto d = cfn().describe_stacks({.stack_name = "chain"});
  // By name, a deleting stack is still there; once deleted only its id finds it.
  std::string id = resources->front().stack_id;
  cf::Stack s = wait_stable(id);
  EXPECT_EQ(s.stack_status, "DELETE_COMPLETE");
  EXPECT_TRUE(s.deletion_time.has_value());
  for (const auto& r : *resources) EXPECT_FALSE(parameter(r.physical_resource_id)) << r.physical_resource_id;
  auto gone = cfn().describe_stacks({.stack_name = "chain"});
  ASSERT_FALSE(gone.ok());
  EXPECT_EQ(gone.error().code, "ValidationError");
  expect_message(gone.error(), "Stack with id chain does not exist");
  // DescribeStackEvents words it as change sets do (recorded: cfn-stacks-name_conflicts).
  auto no_events = cfn().describe_stack_events({.stack_name = "chain"});
  ASSERT_FALSE(no_events.ok());
  expect_message(no_events.error(), "Stack [chain] does not exist");
  auto h = history(id);
  EXPECT_LT(index_of(h, "C DELETE_COMPLETE"), index_of(h, "B DELETE_IN_PROGRESS"));
  EXPECT_LT(index_of(h, "B DELETE_COMPLETE"), index_of(h, "A DELETE_IN_PROGRESS"));
  EXPECT_EQ(h.back(), "chain DELETE_COMPLETE");
  // Deleting what is gone succeeds, as on AWS.
  EXPECT_TRUE(cfn().delete_stack({.stack_name = "chain"}).ok());
  // An UPDATE change set names the deleted stack by id to learn that it is deleted; by name the
  // stack does not exist (recorded: cfn-update_stack-update_deleted_stack).
  auto by_id = cfn().create_change_set({.stack_name = id,
                                        .change_set_name = "late",
                                        .source = {.template_body = kThreeParameters},
                                        .change_set_type = "UPDATE"});
  ASSERT_FALSE(by_id.ok());
  expect_message(by_id.error(), "Stack:" + id + " is in DELETE_COMPLETE state and can not be updated.");
  auto by_name = cfn().create_change_set({.stack_name = "chain",
                                          .change_set_name = "late",
                                          .source = {.template_body = kThreeParameters},
                                          .change_set_type = "UPDATE"});
  ASSERT_FALSE(by_name.ok());
  expect_message(by_name.error(), "Stack [chain] does not exist");
  auto listed = cfn().list_stacks({.status_filter = {"DELETE_COMPLETE"}});
  ASSERT_TRUE(listed.ok());
  ASSERT_EQ(listed->summaries.size(), 1u);
  EXPECT_EQ(listed->summaries[0].stack_id, id);
}

TEST_F(CloudFormationTest, ThirdResourceFailsAndTheFirstTwoAreRolledBack) {
  // C's name is in SSM's reserved namespace: SSM refuses it, as AWS's would.
  std::string body = R"({"Resources": {
    "A": {"Type": "AWS::SSM::Parameter", "Properties": {"Type": "String", "Value": "a"}},
    "B": {"Type": "AWS::SSM::Parameter", "Properties": {"Type": "String", "Value": {"Ref": "A"}}},
    "C": {"Type": "AWS::SSM::Parameter",
          "Properties": {"Name": "/aws/reserved/c", "Type": "String", "Value": {"Ref": "B"}}}}})";
  std::string id = create("failing", body);
  cf::Stack s = wait_stable("failing");
  EXPECT_EQ(s.stack_status, "ROLLBACK_COMPLETE");
  auto events = cfn().describe_stack_events_all({.stack_name = "failing"});
  ASSERT_TRUE(events.ok());
  std::string rollback_reason, c_reason;
  for (const auto& e : *events) {
    if (e.resource_status == "ROLLBACK_IN_PROGRESS") rollback_reason = e.resource_status_reason;
    if (e.logical_resource_id == "C" && e.resource_status == "CREATE_FAILED") c_reason = e.resource_status_reason;
  }
  EXPECT_EQ(rollback_reason, "The following resource(s) failed to create: [C]. Rollback requested by user.");
  EXPECT_TRUE(c_reason.starts_with("Resource handler returned message: ")) << c_reason;
  auto resources = cfn().describe_stack_resources({.stack_name = "failing"});
  ASSERT_TRUE(resources.ok());
  for (const auto& r : *resources) {
    EXPECT_EQ(r.resource_status, "DELETE_COMPLETE") << r.logical_resource_id;
    if (!r.physical_resource_id.empty()) {
      EXPECT_FALSE(parameter(r.physical_resource_id)) << r.physical_resource_id;
    }
  }
  auto h = history("failing");
  EXPECT_LT(index_of(h, "B DELETE_COMPLETE"), index_of(h, "A DELETE_IN_PROGRESS"));
  EXPECT_EQ(h.back(), "failing ROLLBACK_COMPLETE");
  // A rolled-back stack cannot be updated, only deleted.
  auto update = cfn().update_stack({.stack_name = "failing", .source = {.template_body = body}});
  ASSERT_FALSE(update.ok());
  expect_message(update.error(), "Stack:" + id + " is in ROLLBACK_COMPLETE state and can not be updated.");
}

TEST_F(CloudFormationTest, UpdateInPlaceReplacementAndNoUpdates) {
  std::string body = R"({"Parameters": {"V": {"Type": "String"}},
    "Resources": {
      "Named": {"Type": "AWS::SSM::Parameter", "Properties": {"Name": "/app/named", "Type": "String", "Value": {"Ref": "V"}}},
      "Free": {"Type": "AWS::SSM::Parameter", "Properties": {"Type": "String", "Value": "x"}}}})";
  create("upd", body, {{.key = "V", .value = "one"}});
  ASSERT_EQ(wait_stable("upd").stack_status, "CREATE_COMPLETE");
  EXPECT_EQ(parameter("/app/named"), "one");

  auto same = cfn().update_stack(
      {.stack_name = "upd", .source = {.template_body = body}, .parameters = {{.key = "V", .value = "one"}}});
  ASSERT_FALSE(same.ok());
  EXPECT_EQ(same.error().code, "ValidationError");
  expect_message(same.error(), "No updates are to be performed.");

  ASSERT_TRUE(
      cfn()
          .update_stack(
              {.stack_name = "upd", .source = {.template_body = body}, .parameters = {{.key = "V", .value = "two"}}})
          .ok());
  EXPECT_EQ(wait_stable("upd").stack_status, "UPDATE_COMPLETE");
  EXPECT_EQ(parameter("/app/named"), "two");

  // Renaming Named (an Immutable property) replaces it: the new one is created, the old one
  // deleted in the cleanup phase.
  std::string renamed = body;
  renamed.replace(renamed.find("/app/named"), 10, "/app/other");
  ASSERT_TRUE(cfn()
                  .update_stack({.stack_name = "upd",
                                 .source = {.template_body = renamed},
                                 .parameters = {{.key = "V", .use_previous_value = true}}})
                  .ok());
  EXPECT_EQ(wait_stable("upd").stack_status, "UPDATE_COMPLETE");
  EXPECT_FALSE(parameter("/app/named"));
  EXPECT_EQ(parameter("/app/other"), "two");
  auto h = history("upd");
  EXPECT_LT(index_of(h, "upd UPDATE_COMPLETE_CLEANUP_IN_PROGRESS"), h.size());
  EXPECT_EQ(h.back(), "upd UPDATE_COMPLETE");
}

TEST_F(CloudFormationTest, FailedUpdateRollsBackToThePreviousResources) {
  std::string body = R"({"Parameters": {"V": {"Type": "String"}, "N": {"Type": "String"}},
    "Resources": {
      "Value": {"Type": "AWS::SSM::Parameter", "Properties": {"Name": "/app/value", "Type": "String", "Value": {"Ref": "V"}}},
      "Named": {"Type": "AWS::SSM::Parameter", "DependsOn": "Value",
                "Properties": {"Name": {"Ref": "N"}, "Type": "String", "Value": "n"}}}})";
  create("rb", body, {{.key = "V", .value = "before"}, {.key = "N", .value = "/app/n"}});
  ASSERT_EQ(wait_stable("rb").stack_status, "CREATE_COMPLETE");
  // The update changes Value in place, then replaces Named with a name SSM refuses.
  ASSERT_TRUE(cfn()
                  .update_stack({.stack_name = "rb",
                                 .source = {.template_body = body},
                                 .parameters = {{.key = "V", .value = "after"}, {.key = "N", .value = "/aws/no"}}})
                  .ok());
  cf::Stack s = wait_stable("rb");
  EXPECT_EQ(s.stack_status, "UPDATE_ROLLBACK_COMPLETE") << s.stack_status_reason;
  EXPECT_EQ(parameter("/app/value"), "before");
  EXPECT_EQ(parameter("/app/n"), "n");
  std::map<std::string, std::string> params;
  for (const auto& p : s.parameters) params[p.key] = p.value;
  EXPECT_EQ(params["V"], "before");
  auto h = history("rb");
  EXPECT_LT(index_of(h, "rb UPDATE_ROLLBACK_IN_PROGRESS"), index_of(h, "rb UPDATE_ROLLBACK_COMPLETE"));
  EXPECT_EQ(h.back(), "rb UPDATE_ROLLBACK_COMPLETE");
  auto resources = cfn().describe_stack_resources({.stack_name = "rb"});
  ASSERT_TRUE(resources.ok());
  for (const auto& r : *resources) {
    EXPECT_TRUE(r.resource_status == "UPDATE_COMPLETE" || r.resource_status == "CREATE_COMPLETE")
        << r.logical_resource_id << " " << r.resource_status;
    if (r.logical_resource_id == "Named") {
      EXPECT_EQ(r.physical_resource_id, "/app/n");
    }
  }
}

TEST_F(CloudFormationTest, ChangeSetsCreateExecuteAndNoChanges) {
  auto created = cfn().create_change_set({.stack_name = "cs",
                                          .change_set_name = "first",
                                          .source = {.template_body = kThreeParameters},
                                          .change_set_type = "CREATE"});
  ASSERT_TRUE(created.ok()) << created.error().to_string();
  auto review = cfn().describe_stacks({.stack_name = "cs"});
  ASSERT_TRUE(review.ok());
  EXPECT_EQ(review->stacks[0].stack_status, "REVIEW_IN_PROGRESS");
  auto described = cfn().describe_change_set({.change_set_name = "first", .stack_name = "cs"});
  ASSERT_TRUE(described.ok()) << described.error().to_string();
  EXPECT_EQ(described->status, "CREATE_COMPLETE");
  EXPECT_EQ(described->execution_status, "AVAILABLE");
  ASSERT_EQ(described->changes.size(), 3u);
  EXPECT_EQ(described->changes[0].action, "Add");
  ASSERT_TRUE(cfn().execute_change_set({.change_set_name = created->id}).ok());
  cf::Stack s = wait_stable("cs");
  EXPECT_EQ(s.stack_status, "CREATE_COMPLETE");
  EXPECT_EQ(s.change_set_id, created->id);
  auto after = cfn().describe_change_set({.change_set_name = created->id});
  ASSERT_TRUE(after.ok());
  EXPECT_EQ(after->execution_status, "EXECUTE_COMPLETE");

  auto same = cfn().create_change_set({.stack_name = "cs",
                                       .change_set_name = "same",
                                       .source = {.template_body = kThreeParameters},
                                       .change_set_type = "UPDATE"});
  ASSERT_TRUE(same.ok()) << same.error().to_string();
  auto failed = cfn().describe_change_set({.change_set_name = same->id});
  ASSERT_TRUE(failed.ok());
  EXPECT_EQ(failed->status, "FAILED");
  EXPECT_EQ(failed->status_reason,
            "The submitted information didn't contain changes. Submit different information to create a change set.");
  auto listed = cfn().list_change_sets({.stack_name = "cs"});
  ASSERT_TRUE(listed.ok());
  // The executed change set is off the list (recorded on AWS); the failed one stays.
  ASSERT_EQ(listed->summaries.size(), 1u);
  EXPECT_EQ(listed->summaries[0].change_set_name, "same");
  ASSERT_TRUE(cfn().delete_change_set({.change_set_name = "same", .stack_name = "cs"}).ok());
  auto missing = cfn().describe_change_set({.change_set_name = "same", .stack_name = "cs"});
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().code, "ChangeSetNotFound");
  expect_message(missing.error(), "ChangeSet [same] does not exist");
}

TEST_F(CloudFormationTest, ChangeSetImportingAMissingExportIsCreatedWithAWarningAndFailsToExecute) {
  // Recorded: cfn-change_set_exports_imports-describe_change_set_import_non_existent_export.
  const std::string body = R"({"Resources": {"MyFoo": {"Type": "AWS::SSM::Parameter",
      "Properties": {"Type": "String", "Value": {"Fn::ImportValue": "not-exported"}}}}})";
  auto created = cfn().create_change_set({.stack_name = "importer",
                                          .change_set_name = "cs",
                                          .source = {.template_body = body},
                                          .change_set_type = "CREATE"});
  ASSERT_TRUE(created.ok()) << created.error().to_string();
  auto plain = cfn().describe_change_set({.change_set_name = created->id});
  ASSERT_TRUE(plain.ok()) << plain.error().to_string();
  EXPECT_EQ(plain->status, "CREATE_COMPLETE");
  EXPECT_EQ(plain->status_reason, "");
  auto with_values = cfn().describe_change_set({.change_set_name = created->id, .include_property_values = true});
  ASSERT_TRUE(with_values.ok()) << with_values.error().to_string();
  EXPECT_EQ(with_values->status_reason,
            "[WARN] --include-property-values option can return incomplete ChangeSet data because: ChangeSet "
            "creation failed for resource [MyFoo] because: No export named not-exported");
  ASSERT_EQ(with_values->changes.size(), 1u);
  ASSERT_TRUE(with_values->changes[0].after_context.has_value());
  EXPECT_NE(with_values->changes[0].after_context->find("{{changeSet:KNOWN_AFTER_APPLY}}"), std::string::npos)
      << *with_values->changes[0].after_context;
  ASSERT_TRUE(cfn().execute_change_set({.change_set_name = created->id}).ok());
  EXPECT_EQ(wait_stable(created->stack_id).stack_status, "ROLLBACK_COMPLETE");
}

TEST_F(CloudFormationTest, RequestErrorsAreAwsErrors) {
  auto bad = cfn().create_stack({.stack_name = "x", .source = {.template_body = "{\"Resources\": {}}"}});
  ASSERT_FALSE(bad.ok());
  expect_message(bad.error(), "Template format error: At least one Resources member must be defined.");
  auto none = cfn().create_stack({.stack_name = "x", .source = {}});
  ASSERT_FALSE(none.ok());
  expect_message(none.error(), "Either Template URL or Template Body must be specified.");
  auto name = cfn().create_stack({.stack_name = "1bad", .source = {.template_body = kThreeParameters}});
  ASSERT_FALSE(name.ok());
  EXPECT_EQ(name.error().code, "ValidationError");
  std::string iam =
      R"({"Resources": {"R": {"Type": "AWS::IAM::Role", "Properties": {"AssumeRolePolicyDocument": {}}}}})";
  auto caps = cfn().create_stack({.stack_name = "iam", .source = {.template_body = iam}});
  ASSERT_FALSE(caps.ok());
  EXPECT_EQ(caps.error().code, "InsufficientCapabilitiesException");
  expect_message(caps.error(), "Requires capabilities : [CAPABILITY_IAM]");
  create("dup", kThreeParameters);
  // Another request (another token) for the same name; the same token would be a retry.
  auto dup = cfn().create_stack(
      {.stack_name = "dup", .source = {.template_body = kThreeParameters}, .client_request_token = "other"});
  ASSERT_FALSE(dup.ok());
  EXPECT_EQ(dup.error().code, "AlreadyExistsException");
  expect_message(dup.error(), "Stack [dup] already exists");
  wait_stable("dup");
  auto resource = cfn().describe_stack_resource({.stack_name = "dup", .logical_resource_id = "Nope"});
  ASSERT_FALSE(resource.ok());
  expect_message(resource.error(), "Resource Nope does not exist for stack dup");
  auto tmpl = cfn().get_template({});
  ASSERT_FALSE(tmpl.ok());
  expect_message(tmpl.error(), "StackName is required if ChangeSetName is not specified.");
}

TEST_F(CloudFormationTest, ClientRequestTokenMakesCreateIdempotent) {
  cf::CreateStackRequest r{
      .stack_name = "tok", .source = {.template_body = kThreeParameters}, .client_request_token = "token-1"};
  auto first = cfn().create_stack(r);
  auto second = cfn().create_stack(r);
  ASSERT_TRUE(first.ok() && second.ok());
  EXPECT_EQ(*first, *second);
  wait_stable("tok");
  auto events = cfn().describe_stack_events_all({.stack_name = "tok"});
  ASSERT_TRUE(events.ok());
  for (const auto& e : *events) EXPECT_EQ(e.client_request_token, "token-1");
}

TEST_F(CloudFormationTest, TemplateSummaryAndValidation) {
  auto v = cfn().validate_template({.template_body = R"({"Description": "d",
    "Parameters": {"P": {"Type": "String", "Default": "x", "NoEcho": true, "Description": "p"}},
    "Resources": {"R": {"Type": "AWS::SSM::Parameter", "Properties": {"Type": "String", "Value": {"Ref": "P"}}}}})"});
  ASSERT_TRUE(v.ok()) << v.error().to_string();
  EXPECT_EQ(v->description, "d");
  ASSERT_EQ(v->parameters.size(), 1u);
  EXPECT_TRUE(v->parameters[0].no_echo);
  auto s = cfn().get_template_summary({.source = {.template_body = kThreeParameters}});
  ASSERT_TRUE(s.ok()) << s.error().to_string();
  EXPECT_EQ(s->resource_types, std::vector<std::string>{"AWS::SSM::Parameter"});
  ASSERT_EQ(s->resource_identifier_summaries.size(), 1u);
  EXPECT_EQ(s->resource_identifier_summaries[0].second, (std::vector<std::string>{"A", "B", "C"}));
}

TEST_F(CloudFormationTest, TemplateUrlAndDefinitionS3LocationAreReadFromTheLocalS3) {
  aws::s3::Client s3(config(creds));
  ASSERT_TRUE(s3.create_bucket("templates").ok());
  const std::string definition = R"({"StartAt": "Done", "States": {"Done": {"Type": "Succeed"}}})";
  ASSERT_TRUE(s3.put_object({.bucket = "templates", .key = "defs/machine.json", .body = definition}).ok());
  const std::string body = R"({
    "Resources": {
      "Role": {"Type": "AWS::IAM::Role", "Properties": {"AssumeRolePolicyDocument": {"Version": "2012-10-17",
          "Statement": [{"Effect": "Allow", "Principal": {"Service": "states.amazonaws.com"},
                         "Action": "sts:AssumeRole"}]}}},
      "Machine": {"Type": "AWS::StepFunctions::StateMachine", "Properties": {
          "RoleArn": {"Fn::GetAtt": ["Role", "Arn"]},
          "DefinitionS3Location": {"Bucket": "templates", "Key": "defs/machine.json"}}}
    },
    "Outputs": {"Machine": {"Value": {"Ref": "Machine"}}}
  })";
  ASSERT_TRUE(s3.put_object({.bucket = "templates", .key = "t/machine stack.json", .body = body}).ok());
  ASSERT_TRUE(s3.create_bucket("my.s3.templates").ok());  // a bucket name that itself holds ".s3"
  ASSERT_TRUE(s3.put_object({.bucket = "my.s3.templates", .key = "t/machine stack.json", .body = body}).ok());
  // AWS's virtual-hosted URL and the local cloud's own path-style one name the same object.
  int n = 0;
  for (const std::string url : {"https://templates.s3.us-east-1.amazonaws.com/t/machine%20stack.json",
                                "http://127.0.0.1:4566/templates/t/machine%20stack.json",
                                "https://my.s3.templates.s3.amazonaws.com/t/machine%20stack.json"}) {
    std::string name = "from-url-" + std::to_string(++n);
    auto id =
        cfn().create_stack({.stack_name = name, .source = {.template_url = url}, .capabilities = {"CAPABILITY_IAM"}});
    ASSERT_TRUE(id.ok()) << url << ": " << id.error().to_string();
    auto stack = wait_stable(*id);
    ASSERT_EQ(stack.stack_status, "CREATE_COMPLETE") << stack.stack_status_reason;
    ASSERT_EQ(stack.outputs.size(), 1u);
    auto machine = aws::sfn::Client(config(creds)).describe_state_machine(stack.outputs[0].value);
    ASSERT_TRUE(machine.ok()) << machine.error().to_string();
    EXPECT_EQ(machine->definition, definition);
  }
  auto refused = [&](const std::string& url, const std::string& message) {
    auto id = cfn().create_stack({.stack_name = "refused", .source = {.template_url = url}});
    ASSERT_FALSE(id.ok()) << url;
    EXPECT_EQ(id.error().code, "ValidationError");
    expect_message(id.error(), message);
  };
  // Recorded on AWS (cfn-templates-create_stack_from_s3_template_url-*).
  refused("s3://templates/t/machine%20stack.json",
          "S3 error: Domain name specified in templates is not a valid S3 domain");
  refused("https://example.com/dummy.yml", "TemplateURL must be a supported URL.");
  refused("https://s3.amazonaws.com/templates/t/none.json",
          "S3 error: The specified key does not exist.\nFor more information check "
          "http://docs.aws.amazon.com/AmazonS3/latest/API/ErrorResponses.html");
}

TEST_F(CloudFormationTest, BucketConfigurationsReachTheLocalS3AndChangeInPlace) {
  const std::string body = R"({"Resources": {
    "Queue": {"Type": "AWS::SQS::Queue"},
    "Site": {"Type": "AWS::S3::Bucket", "Properties": {"BucketName": "cfn-site", "ObjectLockEnabled": true,
      "CorsConfiguration": {"CorsRules": [{"AllowedMethods": ["GET"], "AllowedOrigins": ["*"], "MaxAge": 60}]},
      "WebsiteConfiguration": {"IndexDocument": "index.html", "ErrorDocument": "error.html",
        "RoutingRules": [{"RoutingRuleCondition": {"KeyPrefixEquals": "old/"},
                          "RedirectRule": {"ReplaceKeyPrefixWith": "new/"}}]},
      "NotificationConfiguration": {"QueueConfigurations": [{"Event": "s3:ObjectCreated:*",
        "Queue": {"Fn::GetAtt": ["Queue", "Arn"]}}]}}}}})";
  std::string id = create("Site", body);
  ASSERT_EQ(wait_stable(id).stack_status, "CREATE_COMPLETE");
  auto doc = [&](const std::string& sub) {
    auto r = s3_request("GET", "/cfn-site?" + sub);
    EXPECT_EQ(r.status, 200) << sub << ": " << r.body;
    return aws::parse_xml(r.body).value_or(aws::XmlElement{});
  };
  EXPECT_EQ(doc("cors").text_at("CORSRule/MaxAgeSeconds"), "60");
  auto site = doc("website");
  EXPECT_EQ(site.text_at("IndexDocument/Suffix"), "index.html");
  EXPECT_EQ(site.text_at("ErrorDocument/Key"), "error.html");
  EXPECT_EQ(site.text_at("RoutingRules/RoutingRule/Redirect/ReplaceKeyPrefixWith"), "new/");
  auto queue = doc("notification");
  EXPECT_TRUE(queue.text_at("QueueConfiguration/Queue").starts_with("arn:aws:sqs:us-east-1:000000000000:"));
  EXPECT_EQ(queue.text_at("QueueConfiguration/Event"), "s3:ObjectCreated:*");
  EXPECT_FALSE(queue.text_at("QueueConfiguration/Id").empty());
  EXPECT_EQ(doc("object-lock").text_at("ObjectLockEnabled"), "Enabled");

  // Without CORS and notifications: both go; the bucket stays (they change in place).
  nlohmann::json t = nlohmann::json::parse(body);
  t["Resources"]["Site"]["Properties"].erase("CorsConfiguration");
  t["Resources"]["Site"]["Properties"].erase("NotificationConfiguration");
  ASSERT_TRUE(cfn().update_stack({.stack_name = id, .source = {.template_body = t.dump()}}).ok());
  ASSERT_EQ(wait_stable(id).stack_status, "UPDATE_COMPLETE");
  EXPECT_EQ(s3_request("GET", "/cfn-site?cors").status, 404);
  EXPECT_TRUE(doc("notification").children.empty());
  EXPECT_EQ(doc("website").text_at("IndexDocument/Suffix"), "index.html");
  ASSERT_TRUE(cfn().delete_stack({.stack_name = id}).ok());
  EXPECT_EQ(wait_stable(id).stack_status, "DELETE_COMPLETE");
}

TEST_F(CloudFormationTest, BucketStackMakesAndDeletesAnS3Bucket) {
  const std::string body = R"({
    "Resources": {"Named": {"Type": "AWS::S3::Bucket", "Properties": {"BucketName": "cfn-named-bucket"}},
                  "Generated": {"Type": "AWS::S3::Bucket"}},
    "Outputs": {"Name": {"Value": {"Ref": "Named"}}, "Arn": {"Value": {"Fn::GetAtt": ["Named", "Arn"]}},
                "Regional": {"Value": {"Fn::GetAtt": ["Named", "RegionalDomainName"]}},
                "Website": {"Value": {"Fn::GetAtt": ["Named", "WebsiteURL"]}},
                "Generated": {"Value": {"Ref": "Generated"}}}
  })";
  std::string id = create("Buckets", body);
  auto stack = wait_stable(id);
  ASSERT_EQ(stack.stack_status, "CREATE_COMPLETE") << stack.stack_status_reason;
  std::map<std::string, std::string> out;
  for (const auto& o : stack.outputs) out[o.key] = o.value;
  EXPECT_EQ(out["Name"], "cfn-named-bucket");
  EXPECT_EQ(out["Arn"], "arn:aws:s3:::cfn-named-bucket");
  EXPECT_EQ(out["Regional"], "cfn-named-bucket.s3.us-east-1.amazonaws.com");
  EXPECT_EQ(out["Website"], "http://cfn-named-bucket.s3-website-us-east-1.amazonaws.com");
  EXPECT_TRUE(out["Generated"].starts_with("buckets-generated-")) << out["Generated"];
  aws::s3::Client s3(config(creds));
  EXPECT_TRUE(s3.head_bucket("cfn-named-bucket").ok());
  EXPECT_TRUE(s3.head_bucket(out["Generated"]).ok());
  auto policy = s3_request("GET", "/cfn-named-bucket?policy");
  EXPECT_EQ(policy.status, 404);
  EXPECT_NE(policy.body.find("NoSuchBucketPolicy"), std::string::npos) << policy.body;

  // A policy resource puts the bucket's policy; without it the bucket has none again.
  nlohmann::json doc = nlohmann::json::parse(body);
  doc["Resources"]["Policy"] = nlohmann::json::parse(R"({"Type": "AWS::S3::BucketPolicy", "Properties": {
      "Bucket": {"Ref": "Named"},
      "PolicyDocument": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": "*",
          "Action": "s3:GetObject", "Resource": "arn:aws:s3:::cfn-named-bucket/*"}]}}})");
  ASSERT_TRUE(cfn().update_stack({.stack_name = id, .source = {.template_body = doc.dump()}}).ok());
  ASSERT_EQ(wait_stable(id).stack_status, "UPDATE_COMPLETE");
  policy = s3_request("GET", "/cfn-named-bucket?policy");
  EXPECT_EQ(policy.status, 200);
  EXPECT_EQ(nlohmann::json::parse(policy.body, nullptr, false)["Statement"][0]["Action"], "s3:GetObject")
      << policy.body;
  ASSERT_TRUE(cfn().update_stack({.stack_name = id, .source = {.template_body = body}}).ok());
  ASSERT_EQ(wait_stable(id).stack_status, "UPDATE_COMPLETE");
  EXPECT_EQ(s3_request("GET", "/cfn-named-bucket?policy").status, 404);

  ASSERT_TRUE(cfn().delete_stack({.stack_name = id}).ok());
  EXPECT_EQ(wait_stable(id).stack_status, "DELETE_COMPLETE");
  EXPECT_FALSE(s3.head_bucket("cfn-named-bucket").ok());
  EXPECT_FALSE(s3.head_bucket(out["Generated"]).ok());
}

TEST_F(CloudFormationTest, LogStreamRepositoryAndQueuePolicyGoThroughTheirServices) {
  const std::string body = R"({
    "Resources": {
      "Group": {"Type": "AWS::Logs::LogGroup"},
      "Stream": {"Type": "AWS::Logs::LogStream", "Properties": {"LogGroupName": {"Ref": "Group"}}},
      "Repo": {"Type": "AWS::ECR::Repository"},
      "Queue": {"Type": "AWS::SQS::Queue"},
      "Policy": {"Type": "AWS::SQS::QueuePolicy",
                 "Properties": {"Queues": [{"Ref": "Queue"}],
                                "PolicyDocument": {"Version": "2012-10-17",
                                                   "Statement": [{"Effect": "Allow", "Principal": "*",
                                                                  "Action": "sqs:SendMessage",
                                                                  "Resource": {"Fn::GetAtt": ["Queue", "Arn"]}}]}}}},
    "Outputs": {"Group": {"Value": {"Ref": "Group"}}, "Stream": {"Value": {"Ref": "Stream"}},
                "Repo": {"Value": {"Ref": "Repo"}}, "RepoArn": {"Value": {"Fn::GetAtt": ["Repo", "Arn"]}},
                "Queue": {"Value": {"Ref": "Queue"}}}
  })";
  std::string id = create("Things", body);
  auto stack = wait_stable(id);
  ASSERT_EQ(stack.stack_status, "CREATE_COMPLETE") << stack.stack_status_reason;
  std::map<std::string, std::string> out;
  for (const auto& o : stack.outputs) out[o.key] = o.value;
  EXPECT_TRUE(out["Stream"].starts_with("Things-Stream-")) << out["Stream"];
  EXPECT_TRUE(out["Repo"].starts_with("things-repo-")) << out["Repo"];
  EXPECT_EQ(out["RepoArn"], "arn:aws:ecr:us-east-1:000000000000:repository/" + out["Repo"]);

  aws::logs::Client logs(config(creds));
  auto streams = logs.describe_log_streams_all({.log_group_name = out["Group"]});
  ASSERT_TRUE(streams.ok()) << streams.error().to_string();
  ASSERT_EQ(streams->size(), 1u);
  EXPECT_EQ((*streams)[0].log_stream_name, out["Stream"]);
  aws::ecr::Client ecr(config(creds));
  auto repos = ecr.describe_repositories({.repository_names = {out["Repo"]}});
  ASSERT_TRUE(repos.ok()) << repos.error().to_string();
  aws::sqs::Client sqs(config(creds));
  auto attrs = sqs.get_queue_attributes({.queue_url = out["Queue"], .attribute_names = {"Policy"}});
  ASSERT_TRUE(attrs.ok()) << attrs.error().to_string();
  EXPECT_NE(attrs->attributes["Policy"].find("sqs:SendMessage"), std::string::npos) << attrs->attributes["Policy"];

  // Without the policy resource the queue has no policy any more.
  nlohmann::json doc = nlohmann::json::parse(body);
  doc["Resources"].erase("Policy");
  ASSERT_TRUE(cfn().update_stack({.stack_name = id, .source = {.template_body = doc.dump()}}).ok());
  ASSERT_EQ(wait_stable(id).stack_status, "UPDATE_COMPLETE");
  attrs = sqs.get_queue_attributes({.queue_url = out["Queue"], .attribute_names = {"Policy"}});
  ASSERT_TRUE(attrs.ok()) << attrs.error().to_string();
  EXPECT_FALSE(attrs->attributes.contains("Policy"));

  ASSERT_TRUE(cfn().delete_stack({.stack_name = id}).ok());
  EXPECT_EQ(wait_stable(id).stack_status, "DELETE_COMPLETE");
  EXPECT_FALSE(logs.describe_log_streams_all({.log_group_name = out["Group"]}).ok());
  EXPECT_FALSE(ecr.describe_repositories({.repository_names = {out["Repo"]}}).ok());
}

TEST_F(CloudFormationTest, StackResourcesCarryCloudFormationTagsThatUsersCannotSet) {
  std::string id = create("Tagged", R"({"Resources": {"Vpc": {"Type": "AWS::EC2::VPC", "Properties":
      {"CidrBlock": "10.1.0.0/16", "Tags": [{"Key": "env", "Value": "test"}]}}}})");
  ASSERT_EQ(wait_stable(id).stack_status, "CREATE_COMPLETE");
  auto vpc = cfn().describe_stack_resource({.stack_name = "Tagged", .logical_resource_id = "Vpc"});
  ASSERT_TRUE(vpc.ok()) << vpc.error().to_string();
  aws::ec2::Client ec2(config(creds));
  auto vpcs = ec2.describe_vpcs({.ids = {vpc->physical_resource_id}});
  ASSERT_TRUE(vpcs.ok() && vpcs->vpcs.size() == 1);
  std::map<std::string, std::string> tags;
  for (const auto& t : vpcs->vpcs[0].tags) tags[t.key] = t.value;
  EXPECT_EQ(tags["aws:cloudformation:stack-name"], "Tagged");
  EXPECT_EQ(tags["aws:cloudformation:logical-id"], "Vpc");
  EXPECT_EQ(tags["aws:cloudformation:stack-id"], id);
  EXPECT_EQ(tags["env"], "test");
  // Only CloudFormation may write them.
  auto mine = ec2.create_tags({.resources = {vpc->physical_resource_id}, .tags = {{"aws:cloudformation:x", "y"}}});
  EXPECT_FALSE(mine.ok());
}

// Recorded on AWS (cfn-ec2-ec2_security_group_id_with_vpc): a group without VpcId is made in the
// default VPC, and Ref answers its name; updates and the delete still find it.
TEST_F(CloudFormationTest, SecurityGroupWithoutVpcIsInTheDefaultVpcAndRefIsItsName) {
  const std::string body = R"({"Resources": {"Open": {"Type": "AWS::EC2::SecurityGroup", "Properties":
      {"GroupDescription": "open", "SecurityGroupIngress": [{"IpProtocol": "tcp", "FromPort": PORT, "ToPort": PORT,
       "CidrIp": "0.0.0.0/0"}]}}},
    "Outputs": {"Ref": {"Value": {"Ref": "Open"}}, "Id": {"Value": {"Fn::GetAtt": ["Open", "GroupId"]}},
                "Vpc": {"Value": {"Fn::GetAtt": ["Open", "VpcId"]}}}})";
  auto with_port = [&](const std::string& port) {
    std::string b = body;
    for (auto at = b.find("PORT"); at != std::string::npos; at = b.find("PORT")) b.replace(at, 4, port);
    return b;
  };
  std::string id = create("Groups", with_port("80"));
  auto stack = wait_stable(id);
  ASSERT_EQ(stack.stack_status, "CREATE_COMPLETE") << stack.stack_status_reason;
  std::map<std::string, std::string> out;
  for (const auto& o : stack.outputs) out[o.key] = o.value;
  EXPECT_TRUE(out["Ref"].starts_with("Groups-Open-")) << out["Ref"];
  EXPECT_TRUE(out["Id"].starts_with("sg-")) << out["Id"];
  aws::ec2::Client ec2(config(creds));
  auto defaults = ec2.describe_vpcs({.filters = {{"is-default", {"true"}}}});
  ASSERT_TRUE(defaults.ok() && defaults->vpcs.size() == 1);
  EXPECT_EQ(out["Vpc"], defaults->vpcs[0].vpc_id);

  ASSERT_TRUE(cfn().update_stack({.stack_name = "Groups", .source = {.template_body = with_port("443")}}).ok());
  ASSERT_EQ(wait_stable(id).stack_status, "UPDATE_COMPLETE");
  auto group = ec2.describe_security_groups({.group_names = {out["Ref"]}});
  ASSERT_TRUE(group.ok()) << group.error().to_string();
  ASSERT_EQ(group->security_groups.at(0).ip_permissions.size(), 1u);
  EXPECT_EQ(group->security_groups[0].ip_permissions[0].from_port, 443);

  ASSERT_TRUE(cfn().delete_stack({.stack_name = id}).ok());
  EXPECT_EQ(wait_stable(id).stack_status, "DELETE_COMPLETE");
  EXPECT_FALSE(ec2.describe_security_groups({.ids = {out["Id"]}}).ok());
}

TEST_F(CloudFormationTest, StackPoliciesAreCheckedKeptAndShown) {
  const std::string policy =
      R"({"Statement": [{"Effect": "Deny", "Action": "Update:*", "Principal": "*", "Resource": "*"}]})";
  std::string id = create("Policy", kThreeParameters);
  ASSERT_EQ(wait_stable(id).stack_status, "CREATE_COMPLETE");
  auto call = [&](const std::string& action, const std::string& body) {
    aws::QueryParams p;
    p.add("StackName", std::string("Policy"));
    if (!body.empty()) p.add("StackPolicyBody", body);
    return send(query_request("cloudformation", aws::encode_query_body(action, "2010-05-15", p))).body;
  };
  EXPECT_EQ(call("GetStackPolicy", "").find("<StackPolicyBody>"), std::string::npos);
  EXPECT_NE(call("SetStackPolicy", policy).find("SetStackPolicyResponse"), std::string::npos);
  EXPECT_NE(call("GetStackPolicy", "").find("Update:*"), std::string::npos);
  std::string refused = call("SetStackPolicy", R"({"Statement": [{"Effect": "Deny", "Action": "Delete:*",
      "Principal": "*", "Resource": "*"}]})");
  EXPECT_NE(refused.find("Error validating stack policy: Invalid stack policy"), std::string::npos) << refused;
}

}  // namespace
}  // namespace hoplite::local
