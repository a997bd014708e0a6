#include "hoplite/aws/cloudformation.hpp"

#include <gtest/gtest.h>

#include "aws/protocol/response.hpp"
#include "hoplite/core/percent.hpp"
#include "unit/aws/client_fixture.hpp"

namespace hoplite::aws::cloudformation {
namespace {

using testing::form_value;
using testing::load_wire;

class CloudFormationTest : public testing::ClientTest {
 protected:
  Client cfn{config};
};

TEST_F(CloudFormationTest, DescribeStacksMatchesTheAwsCliOnTheWireAndParsesOutputs) {
  auto wire = load_wire("001-DescribeStacks");
  clock.set(wire.signed_at());
  http.responses.emplace_back(wire.response);

  auto r = cfn.describe_stacks({.stack_name = "peers-demo"});

  ASSERT_TRUE(r.ok()) << r.error().to_string();
  const auto& req = only_request();
  EXPECT_EQ(req.method, wire.method);
  EXPECT_EQ(testing::path_of(req.url), wire.path);
  EXPECT_EQ(req.body, wire.body);
  EXPECT_EQ(req.headers.get("Content-Type"), wire.header("Content-Type"));
  EXPECT_EQ(req.headers.get("X-Amz-Date"), wire.header("X-Amz-Date"));
  EXPECT_EQ(req.headers.get("X-Amz-Security-Token"), wire.header("X-Amz-Security-Token"));
  EXPECT_EQ(req.headers.get("Authorization"), wire.header("Authorization"));

  ASSERT_EQ(r->stacks.size(), 1u);
  const Stack& s = r->stacks[0];
  EXPECT_EQ(s.stack_name, "peers-demo");
  EXPECT_EQ(s.stack_id, "arn:aws:cloudformation:us-east-1:123456789012:stack/peers-demo/1");
  EXPECT_EQ(s.stack_status, "CREATE_COMPLETE");
  ASSERT_TRUE(s.creation_time);
  EXPECT_EQ(core::format_iso8601(*s.creation_time), "2025-01-01T00:00:00Z");
  ASSERT_EQ(s.outputs.size(), 1u);
  EXPECT_EQ(s.outputs[0].key, "StateMachineArn");
  EXPECT_EQ(s.outputs[0].value, "arn:aws:states:us-east-1:123456789012:stateMachine:peers");
  EXPECT_FALSE(r->next_token);
}

TEST_F(CloudFormationTest, CreateStackSendsTheAwsCliParametersPlusADerivedToken) {
  auto wire = load_wire("002-CreateStack");
  http.responses.emplace_back(wire.response);
  CreateStackRequest req{
      .stack_name = "peers-demo",
      .source = {.template_body =
                     R"({"AWSTemplateFormatVersion":"2010-09-09","Resources":{"Topic":{"Type":"AWS::SNS::Topic"}}})"},
      .parameters = {{.key = "ImageUri", .value = "123456789012.dkr.ecr.us-east-1.amazonaws.com/peers/app:v1"}},
      .capabilities = {"CAPABILITY_IAM", "CAPABILITY_NAMED_IAM"}};

  auto r = cfn.create_stack(req);

  ASSERT_TRUE(r.ok()) << r.error().to_string();
  EXPECT_EQ(*r, "arn:aws:cloudformation:us-east-1:123456789012:stack/peers-demo/1");
  auto sent = core::form_decode(only_request().body);
  ASSERT_FALSE(sent.empty());
  EXPECT_EQ(sent.back().first, "ClientRequestToken");
  std::string token = sent.back().second;
  sent.pop_back();
  EXPECT_EQ(sent, core::form_decode(wire.body)) << "same parameters in the same order as the AWS CLI";

  // Same inputs → same token (a re-run is recognised); other inputs → another token.
  http.responses.emplace_back(wire.response);
  ASSERT_TRUE(cfn.create_stack(req).ok());
  EXPECT_EQ(form_value(http.requests[1].body, "ClientRequestToken"), token);
  req.parameters[0].value = "other:v2";
  http.responses.emplace_back(wire.response);
  ASSERT_TRUE(cfn.create_stack(req).ok());
  EXPECT_NE(form_value(http.requests[2].body, "ClientRequestToken"), token);
}

TEST_F(CloudFormationTest, UpdateStackWithPreviousValuesTagsAndExplicitToken) {
  respond_xml(
      "<UpdateStackResponse><UpdateStackResult><StackId>arn:stack/web/1</StackId></UpdateStackResult>"
      "</UpdateStackResponse>");
  auto r = cfn.update_stack({.stack_name = "web",
                             .use_previous_template = true,
                             .parameters = {{.key = "A", .use_previous_value = true}},
                             .tags = {{"team", "core"}},
                             .client_request_token = "mine-1"});
  ASSERT_TRUE(r.ok()) << r.error().to_string();
  EXPECT_EQ(*r, "arn:stack/web/1");
  EXPECT_EQ(only_request().body,
            "Action=UpdateStack&Version=2010-05-15&StackName=web&UsePreviousTemplate=true"
            "&Parameters.member.1.ParameterKey=A&Parameters.member.1.UsePreviousValue=true"
            "&Tags.member.1.Key=team&Tags.member.1.Value=core&ClientRequestToken=mine-1");
}

TEST_F(CloudFormationTest, NoUpdatesIsAValidationErrorThatIsNotRetried) {
  http.respond(400,
               "<ErrorResponse><Error><Type>Sender</Type><Code>ValidationError</Code>"
               "<Message>No updates are to be performed.</Message></Error><RequestId>r</RequestId></ErrorResponse>");
  auto r = cfn.update_stack({.stack_name = "web", .source = {.template_body = "{}"}});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "ValidationError");
  EXPECT_NE(r.error().message.find("No updates are to be performed."), std::string::npos);
  EXPECT_EQ(http.requests.size(), 1u);
}

TEST_F(CloudFormationTest, DeleteStackSendsAToken) {
  respond_xml(
      "<DeleteStackResponse><ResponseMetadata><RequestId>r</RequestId></ResponseMetadata></DeleteStackResponse>");
  ASSERT_TRUE(cfn.delete_stack({.stack_name = "web"}).ok());
  const auto& body = only_request().body;
  EXPECT_EQ(form_value(body, "Action"), "DeleteStack");
  EXPECT_EQ(form_value(body, "StackName"), "web");
  EXPECT_EQ(form_value(body, "ClientRequestToken"), idempotency_token("DeleteStack", {"web", ""}));
}

TEST_F(CloudFormationTest, DescribeStacksAllFollowsNextToken) {
  respond_xml(
      "<DescribeStacksResponse><DescribeStacksResult><Stacks><member><StackName>a</StackName></member></Stacks>"
      "<NextToken>page2</NextToken></DescribeStacksResult></DescribeStacksResponse>");
  respond_xml(
      "<DescribeStacksResponse><DescribeStacksResult><Stacks><member><StackName>b</StackName></member>"
      "<member><StackName>c</StackName></member></Stacks></DescribeStacksResult></DescribeStacksResponse>");
  auto r = cfn.describe_stacks_all({});
  ASSERT_TRUE(r.ok()) << r.error().to_string();
  ASSERT_EQ(r->size(), 3u);
  EXPECT_EQ((*r)[2].stack_name, "c");
  ASSERT_EQ(http.requests.size(), 2u);
  EXPECT_EQ(http.requests[0].body, "Action=DescribeStacks&Version=2010-05-15");
  EXPECT_EQ(http.requests[1].body, "Action=DescribeStacks&Version=2010-05-15&NextToken=page2");
}

TEST_F(CloudFormationTest, DescribeStackEventsAllParsesEveryPage) {
  respond_xml(
      "<DescribeStackEventsResponse><DescribeStackEventsResult><StackEvents><member>"
      "<EventId>e2</EventId><StackName>web</StackName><LogicalResourceId>Topic</LogicalResourceId>"
      "<PhysicalResourceId>arn:sns:t</PhysicalResourceId><ResourceType>AWS::SNS::Topic</ResourceType>"
      "<ResourceStatus>CREATE_FAILED</ResourceStatus><ResourceStatusReason>denied</ResourceStatusReason>"
      "<Timestamp>2025-01-01T00:00:05.123Z</Timestamp></member></StackEvents><NextToken>t2</NextToken>"
      "</DescribeStackEventsResult></DescribeStackEventsResponse>");
  respond_xml(
      "<DescribeStackEventsResponse><DescribeStackEventsResult><StackEvents><member><EventId>e1</EventId>"
      "<ResourceStatus>CREATE_IN_PROGRESS</ResourceStatus></member></StackEvents></DescribeStackEventsResult>"
      "</DescribeStackEventsResponse>");
  auto r = cfn.describe_stack_events_all({.stack_name = "web"});
  ASSERT_TRUE(r.ok()) << r.error().to_string();
  ASSERT_EQ(r->size(), 2u);
  const StackEvent& e = (*r)[0];
  EXPECT_EQ(e.logical_resource_id, "Topic");
  EXPECT_EQ(e.resource_type, "AWS::SNS::Topic");
  EXPECT_EQ(e.resource_status, "CREATE_FAILED");
  EXPECT_EQ(e.resource_status_reason, "denied");
  EXPECT_EQ(core::to_epoch_millis(*e.timestamp) % 1000, 123);
  EXPECT_EQ((*r)[1].event_id, "e1");
  EXPECT_EQ(form_value(http.requests[1].body, "NextToken"), "t2");
}

TEST_F(CloudFormationTest, DescribeStackResources) {
  respond_xml(
      "<DescribeStackResourcesResponse><DescribeStackResourcesResult><StackResources>"
      "<member><LogicalResourceId>Cluster</LogicalResourceId><PhysicalResourceId>web-Cluster-1</PhysicalResourceId>"
      "<ResourceType>AWS::ECS::Cluster</ResourceType><ResourceStatus>CREATE_COMPLETE</ResourceStatus>"
      "<Timestamp>2025-01-01T00:00:00Z</Timestamp></member>"
      "<member><LogicalResourceId>Topic</LogicalResourceId><ResourceType>AWS::SNS::Topic</ResourceType>"
      "<ResourceStatus>CREATE_IN_PROGRESS</ResourceStatus></member>"
      "</StackResources></DescribeStackResourcesResult></DescribeStackResourcesResponse>");
  auto r = cfn.describe_stack_resources({.stack_name = "web"});
  ASSERT_TRUE(r.ok()) << r.error().to_string();
  EXPECT_EQ(only_request().body, "Action=DescribeStackResources&Version=2010-05-15&StackName=web");
  ASSERT_EQ(r->size(), 2u);
  EXPECT_EQ((*r)[0].physical_resource_id, "web-Cluster-1");
  EXPECT_EQ((*r)[1].resource_status, "CREATE_IN_PROGRESS");
}

TEST_F(CloudFormationTest, ListStackResourcesFollowsEveryPage) {
  respond_xml(
      "<ListStackResourcesResponse><ListStackResourcesResult><StackResourceSummaries>"
      "<member><LogicalResourceId>Cluster</LogicalResourceId><PhysicalResourceId>web-Cluster-1</PhysicalResourceId>"
      "<ResourceType>AWS::ECS::Cluster</ResourceType><ResourceStatus>CREATE_COMPLETE</ResourceStatus>"
      "<LastUpdatedTimestamp>2025-01-01T00:00:00Z</LastUpdatedTimestamp></member>"
      "</StackResourceSummaries><NextToken>p2</NextToken></ListStackResourcesResult></ListStackResourcesResponse>");
  respond_xml(
      "<ListStackResourcesResponse><ListStackResourcesResult><StackResourceSummaries>"
      "<member><LogicalResourceId>Topic</LogicalResourceId><ResourceType>AWS::SNS::Topic</ResourceType>"
      "<ResourceStatus>CREATE_FAILED</ResourceStatus><ResourceStatusReason>denied</ResourceStatusReason></member>"
      "</StackResourceSummaries></ListStackResourcesResult></ListStackResourcesResponse>");
  auto r = cfn.list_stack_resources_all({.stack_name = "web"});
  ASSERT_TRUE(r.ok()) << r.error().to_string();
  ASSERT_EQ(http.requests.size(), 2u);
  EXPECT_EQ(http.requests[0].body, "Action=ListStackResources&Version=2010-05-15&StackName=web");
  EXPECT_EQ(form_value(http.requests[1].body, "NextToken"), "p2");
  ASSERT_EQ(r->size(), 2u);
  EXPECT_EQ((*r)[0].physical_resource_id, "web-Cluster-1");
  ASSERT_TRUE((*r)[0].timestamp);
  EXPECT_EQ(core::format_iso8601(*(*r)[0].timestamp), "2025-01-01T00:00:00Z");
  EXPECT_EQ((*r)[1].resource_status, "CREATE_FAILED");
  EXPECT_EQ((*r)[1].resource_status_reason, "denied");
}

TEST_F(CloudFormationTest, ChangeSetLifecycle) {
  respond_xml(
      "<CreateChangeSetResponse><CreateChangeSetResult><Id>arn:cs/1</Id><StackId>arn:stack/web/1</StackId>"
      "</CreateChangeSetResult></CreateChangeSetResponse>");
  auto created = cfn.create_change_set({.stack_name = "web",
                                        .change_set_name = "hoplite-1",
                                        .source = {.template_url = "https://s3.amazonaws.com/b/t.json"},
                                        .capabilities = {"CAPABILITY_IAM"},
                                        .change_set_type = "CREATE"});
  ASSERT_TRUE(created.ok()) << created.error().to_string();
  EXPECT_EQ(created->id, "arn:cs/1");
  EXPECT_EQ(created->stack_id, "arn:stack/web/1");
  const std::string body = http.requests[0].body;
  EXPECT_EQ(form_value(body, "TemplateURL"), "https://s3.amazonaws.com/b/t.json");
  EXPECT_EQ(form_value(body, "ChangeSetType"), "CREATE");
  EXPECT_EQ(form_value(body, "ChangeSetName"), "hoplite-1");
  EXPECT_EQ(form_value(body, "Capabilities.member.1"), "CAPABILITY_IAM");
  EXPECT_TRUE(form_value(body, "ClientToken").starts_with("hoplite-"));

  respond_xml(
      "<DescribeChangeSetResponse><DescribeChangeSetResult><ChangeSetName>hoplite-1</ChangeSetName>"
      "<ChangeSetId>arn:cs/1</ChangeSetId><StackName>web</StackName><Status>CREATE_COMPLETE</Status>"
      "<ExecutionStatus>AVAILABLE</ExecutionStatus><Changes><member><Type>Resource</Type><ResourceChange>"
      "<Action>Add</Action><LogicalResourceId>Topic</LogicalResourceId><ResourceType>AWS::SNS::Topic</ResourceType>"
      "</ResourceChange></member></Changes><NextToken>n2</NextToken></DescribeChangeSetResult>"
      "</DescribeChangeSetResponse>");
  respond_xml(
      "<DescribeChangeSetResponse><DescribeChangeSetResult><ChangeSetName>hoplite-1</ChangeSetName>"
      "<Changes><member><ResourceChange><Action>Modify</Action><LogicalResourceId>Role</LogicalResourceId>"
      "<Replacement>True</Replacement></ResourceChange></member></Changes></DescribeChangeSetResult>"
      "</DescribeChangeSetResponse>");
  auto described = cfn.describe_change_set_all({.change_set_name = "hoplite-1", .stack_name = "web"});
  ASSERT_TRUE(described.ok()) << described.error().to_string();
  EXPECT_EQ(described->status, "CREATE_COMPLETE");
  EXPECT_EQ(described->execution_status, "AVAILABLE");
  ASSERT_EQ(described->changes.size(), 2u);
  EXPECT_EQ(described->changes[0].action, "Add");
  EXPECT_EQ(described->changes[1].replacement, "True");
  EXPECT_EQ(form_value(http.requests[2].body, "NextToken"), "n2");

  respond_xml("<ExecuteChangeSetResponse><ExecuteChangeSetResult/></ExecuteChangeSetResponse>");
  ASSERT_TRUE(cfn.execute_change_set({.change_set_name = "hoplite-1", .stack_name = "web"}).ok());
  EXPECT_EQ(form_value(http.requests[3].body, "Action"), "ExecuteChangeSet");
  EXPECT_EQ(form_value(http.requests[3].body, "ClientRequestToken"),
            idempotency_token("ExecuteChangeSet", {"hoplite-1", "web"}));

  respond_xml("<DeleteChangeSetResponse><DeleteChangeSetResult/></DeleteChangeSetResponse>");
  ASSERT_TRUE(cfn.delete_change_set({.change_set_name = "arn:cs/1"}).ok());
  EXPECT_EQ(http.requests[4].body, "Action=DeleteChangeSet&Version=2010-05-15&ChangeSetName=arn%3Acs%2F1");
}

TEST_F(CloudFormationTest, ValidateTemplateReportsParametersAndCapabilities) {
  respond_xml(
      "<ValidateTemplateResponse><ValidateTemplateResult><Parameters><member><ParameterKey>Image</ParameterKey>"
      "<NoEcho>false</NoEcho><Description>image uri</Description></member><member><ParameterKey>Size</ParameterKey>"
      "<DefaultValue>2</DefaultValue><NoEcho>true</NoEcho></member></Parameters><Description>svc</Description>"
      "<Capabilities><member>CAPABILITY_IAM</member></Capabilities><CapabilitiesReason>roles</CapabilitiesReason>"
      "</ValidateTemplateResult></ValidateTemplateResponse>");
  auto r = cfn.validate_template({.template_body = "{\"Resources\":{}}"});
  ASSERT_TRUE(r.ok()) << r.error().to_string();
  EXPECT_EQ(form_value(only_request().body, "TemplateBody"), "{\"Resources\":{}}");
  ASSERT_EQ(r->parameters.size(), 2u);
  EXPECT_EQ(r->parameters[0].default_value, std::nullopt);
  EXPECT_EQ(r->parameters[1].default_value, "2");
  EXPECT_TRUE(r->parameters[1].no_echo);
  EXPECT_EQ(r->capabilities, std::vector<std::string>{"CAPABILITY_IAM"});
  EXPECT_EQ(r->capabilities_reason, "roles");
}

TEST_F(CloudFormationTest, ValidateTemplateErrorCarriesTheAwsMessage) {
  http.respond(400,
               "<ErrorResponse><Error><Code>ValidationError</Code><Message>Template format error: JSON not well-formed."
               "</Message></Error><RequestId>r9</RequestId></ErrorResponse>");
  auto r = cfn.validate_template({.template_body = "{"});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "ValidationError");
  EXPECT_NE(r.error().message.find("Template format error"), std::string::npos);
  EXPECT_EQ(r.error().request_id, "r9");
}

TEST_F(CloudFormationTest, GetTemplateReturnsTheBody) {
  respond_xml(
      "<GetTemplateResponse><GetTemplateResult><TemplateBody>{\"Resources\":{\"T\":{}}}</TemplateBody>"
      "<StagesAvailable><member>Original</member></StagesAvailable></GetTemplateResult></GetTemplateResponse>");
  auto r = cfn.get_template({.stack_name = "web", .template_stage = "Original"});
  ASSERT_TRUE(r.ok()) << r.error().to_string();
  EXPECT_EQ(*r, "{\"Resources\":{\"T\":{}}}");
  EXPECT_EQ(only_request().body, "Action=GetTemplate&Version=2010-05-15&StackName=web&TemplateStage=Original");
}

}  // namespace
}  // namespace hoplite::aws::cloudformation
