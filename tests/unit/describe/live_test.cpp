#include "hoplite/describe/live.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "fakes/fake_http_client.hpp"
#include "hoplite/aws/credentials.hpp"
#include "hoplite/aws/protocol_query.hpp"
#include "hoplite/aws/retry.hpp"
#include "hoplite/core/percent.hpp"

namespace hoplite::describe {
namespace {

using aws::sfn::HistoryEvent;

/// A fake AWS that answers the calls describe makes, each in its service's wire protocol
/// (query/XML for CloudFormation, JSON 1.0 for Step Functions), routed like the real endpoint.
class FakeAws {
 public:
  std::string stack_status = "UPDATE_COMPLETE";
  bool stack_exists = true;
  std::vector<std::string> calls;

  core::Result<http::Response> answer(const http::Request& r) {
    http::Response resp;
    resp.status = 200;
    if (auto target = r.headers.get("X-Amz-Target")) {
      const std::string op = target->substr(target->find('.') + 1);
      calls.push_back(op);
      const auto in = nlohmann::json::parse(r.body);
      if (op == "ListExecutions") {
        EXPECT_EQ(in["stateMachineArn"], "arn:aws:states:us-east-1:1:stateMachine:M");
        resp.body = R"({"executions":[
          {"executionArn":"arn:e:old","stateMachineArn":"arn:sm","name":"old","status":"SUCCEEDED","startDate":100},
          {"executionArn":"arn:e:new","stateMachineArn":"arn:sm","name":"new","status":"FAILED","startDate":200,"stopDate":230}]})";
      } else if (op == "GetExecutionHistory") {
        EXPECT_EQ(in["executionArn"], "arn:e:new");  // the newest, whatever the listing order
        resp.body = history_page(in.contains("nextToken"));
      } else {
        resp.status = 400;
        resp.body = R"({"__type":"UnknownOperationException"})";
      }
      return resp;
    }
    std::string action;
    for (const auto& [k, v] : core::form_decode(r.body))
      if (k == "Action") action = v;
    calls.push_back(action);
    if (action == "DescribeStacks") {
      if (!stack_exists) {
        resp.status = 400;
        resp.body =
            "<ErrorResponse><Error><Type>Sender</Type><Code>ValidationError</Code><Message>Stack with id svc does not "
            "exist</Message></Error><RequestId>r</RequestId></ErrorResponse>";
        return resp;
      }
      resp.body =
          "<DescribeStacksResponse><DescribeStacksResult><Stacks><member><StackName>svc</StackName>"
          "<StackStatus>" +
          stack_status +
          "</StackStatus><CreationTime>2025-01-01T00:00:00Z</CreationTime>"
          "<Outputs><member><OutputKey>Z</OutputKey><OutputValue>z</OutputValue></member>"
          "<member><OutputKey>A</OutputKey><OutputValue>a</OutputValue></member></Outputs>"
          "</member></Stacks></DescribeStacksResult></DescribeStacksResponse>";
    } else if (action == "ListStackResources") {
      resp.body =
          "<ListStackResourcesResponse><ListStackResourcesResult><StackResourceSummaries>"
          "<member><LogicalResourceId>Topic</LogicalResourceId><PhysicalResourceId>arn:t</PhysicalResourceId>"
          "<ResourceType>AWS::SNS::Topic</ResourceType><ResourceStatus>CREATE_COMPLETE</ResourceStatus></member>"
          "<member><LogicalResourceId>M</LogicalResourceId>"
          "<PhysicalResourceId>arn:aws:states:us-east-1:1:stateMachine:M</PhysicalResourceId>"
          "<ResourceType>AWS::StepFunctions::StateMachine</ResourceType>"
          "<ResourceStatus>CREATE_COMPLETE</ResourceStatus></member>"
          "</StackResourceSummaries></ListStackResourcesResult></ListStackResourcesResponse>";
    } else {
      resp.status = 400;
      resp.body = "<ErrorResponse><Error><Code>InvalidAction</Code></Error></ErrorResponse>";
    }
    return resp;
  }

 private:
  static std::string history_page(bool second) {
    if (!second) {
      return R"({"events":[
        {"id":1,"previousEventId":0,"type":"ExecutionStarted","timestamp":200,"executionStartedEventDetails":{}},
        {"id":2,"previousEventId":1,"type":"TaskStateEntered","timestamp":200,"stateEnteredEventDetails":{"name":"Run"}},
        {"id":3,"previousEventId":2,"type":"TaskScheduled","timestamp":200,"taskScheduledEventDetails":{}},
        {"id":4,"previousEventId":3,"type":"TaskFailed","timestamp":201,"taskFailedEventDetails":{"error":"E"}}],
        "nextToken":"page2"})";
    }
    return R"({"events":[
        {"id":5,"previousEventId":4,"type":"TaskStateEntered","timestamp":202,"stateEnteredEventDetails":{"name":"Notify Failure"}},
        {"id":6,"previousEventId":5,"type":"TaskStateExited","timestamp":203,"stateExitedEventDetails":{"name":"Notify Failure"}},
        {"id":7,"previousEventId":6,"type":"FailStateEntered","timestamp":203,"stateEnteredEventDetails":{"name":"Task Failed"}},
        {"id":8,"previousEventId":7,"type":"ExecutionFailed","timestamp":204,"executionFailedEventDetails":{"error":"FargateTaskFailed","cause":"exit 3"}}]})";
  }
};

class LiveTest : public ::testing::Test {
 protected:
  void SetUp() override {
    http.handler = [this](const http::Request& r) { return fake.answer(r); };
  }
  FakeAws fake;
  hoplite::testing::FakeHttpClient http;
  core::FixedClock clock{core::TimePoint{} + std::chrono::seconds(1'700'000'000)};
  aws::StaticCredentialsProvider credentials{
      {.access_key_id = "AKID", .secret_access_key = "secret", .source = "test"}};
  core::RetryStrategy retry{core::RetryOptions{.max_attempts = 1}};
  aws::ClientConfig config{.region = "us-east-1",
                           .credentials = credentials,
                           .http = http,
                           .clock = clock,
                           .endpoint_url = "http://127.0.0.1:4566",
                           .retry = &retry};
  aws::cloudformation::Client cfn{config};
  aws::sfn::Client states{config};
};

TEST_F(LiveTest, ReadsTheStackItsResourcesAndTheLastExecutionsPath) {
  auto live = fetch_live(cfn, states, "svc", {.where = "the local cloud"});
  ASSERT_TRUE(live.ok()) << live.error().to_string();
  EXPECT_EQ(fake.calls, (std::vector<std::string>{"DescribeStacks", "ListStackResources", "ListExecutions",
                                                  "GetExecutionHistory", "GetExecutionHistory"}));
  EXPECT_TRUE(live->stack_exists);
  EXPECT_EQ(live->where, "the local cloud");
  EXPECT_EQ(live->stack_status, "UPDATE_COMPLETE");
  ASSERT_EQ(live->outputs.size(), 2u);
  EXPECT_EQ(live->outputs[0].key, "A");  // sorted
  ASSERT_EQ(live->resources.size(), 2u);
  EXPECT_EQ(live->resources[0].logical_id, "M");
  ASSERT_EQ(live->machines.size(), 1u);
  const LiveMachine& m = live->machines[0];
  ASSERT_EQ(m.recent.size(), 2u);
  EXPECT_EQ(m.recent[0].name, "new");  // newest first
  ASSERT_EQ(m.last_path.size(), 3u);
  EXPECT_EQ(m.last_path[0].state, "Run");
  EXPECT_EQ(m.last_path[0].outcome, "failed");
  EXPECT_EQ(m.last_path[1].outcome, "succeeded");
  EXPECT_EQ(m.last_path[2].state, "Task Failed");
  EXPECT_EQ(m.last_path[2].outcome, "failed");
  EXPECT_EQ(m.last_error, "FargateTaskFailed");
  EXPECT_EQ(m.last_cause, "exit 3");
  EXPECT_TRUE(live->warnings.empty());
}

TEST_F(LiveTest, AStackThatDoesNotExistIsNotAnError) {
  fake.stack_exists = false;
  auto live = fetch_live(cfn, states, "svc");
  ASSERT_TRUE(live.ok()) << live.error().to_string();
  EXPECT_FALSE(live->stack_exists);
  EXPECT_EQ(fake.calls, (std::vector<std::string>{"DescribeStacks"}));
}

TEST_F(LiveTest, OtherCloudFormationErrorsAre) {
  http.handler = [](const http::Request&) -> core::Result<http::Response> {
    return http::Response{.status = 403,
                          .body =
                              "<ErrorResponse><Error><Code>AccessDenied</Code><Message>no</Message></Error>"
                              "</ErrorResponse>"};
  };
  auto live = fetch_live(cfn, states, "svc");
  ASSERT_FALSE(live.ok());
  EXPECT_EQ(live.error().code, "AccessDenied");
}

TEST(PathOf, ARunningExecutionAndAStateEnteredTwice) {
  auto event = [](std::int64_t id, std::string type, std::string name) {
    return HistoryEvent{.id = id,
                        .previous_event_id = id - 1,
                        .type = std::move(type),
                        .details = name.empty() ? "" : R"({"name":")" + name + R"("})"};
  };
  auto path = path_of({event(1, "ExecutionStarted", ""), event(2, "PassStateEntered", "Loop"),
                       event(3, "PassStateExited", "Loop"), event(4, "PassStateEntered", "Loop"),
                       event(5, "PassStateExited", "Loop"), event(6, "TaskStateEntered", "Work")});
  ASSERT_EQ(path.size(), 3u);
  EXPECT_EQ(path[0].outcome, "succeeded");
  EXPECT_EQ(path[1].outcome, "succeeded");
  EXPECT_EQ(path[2].state, "Work");
  EXPECT_EQ(path[2].outcome, "running");
}

TEST(PathOf, ToleratesBrokenDetails) {
  auto path = path_of({{.id = 1, .type = "TaskStateEntered", .details = "{not json"},
                       {.id = 2, .previous_event_id = 99, .type = "TaskFailed"}});
  ASSERT_EQ(path.size(), 1u);
  EXPECT_EQ(path[0].state, "");
}

}  // namespace
}  // namespace hoplite::describe
