#include "hoplite/aws/sfn.hpp"

#include <gtest/gtest.h>

#include "unit/aws/client_fixture.hpp"

namespace hoplite::aws::sfn {
namespace {

using nlohmann::json;
using testing::load_wire;

class SfnTest : public testing::ClientTest {
 protected:
  Client sfn{config};
};

TEST_F(SfnTest, StartExecutionSendsWhatTheAwsCliSends) {
  auto wire = load_wire("005-StartExecution");
  http.responses.emplace_back(wire.response);
  auto r = sfn.start_execution({.state_machine_arn = "arn:aws:states:us-east-1:123456789012:stateMachine:peers",
                                .name = "run-1",
                                .input = R"({"message":"hi"})"});
  ASSERT_TRUE(r.ok()) << r.error().to_string();
  const auto& req = only_request();
  EXPECT_EQ(json_of(req), json::parse(wire.body));
  EXPECT_EQ(req.headers.get("X-Amz-Target"), wire.header("X-Amz-Target"));
  EXPECT_EQ(req.headers.get("Content-Type"), wire.header("Content-Type"));
  EXPECT_NE(req.headers.get("Authorization")->find("/us-east-1/states/aws4_request"), std::string::npos);
  EXPECT_EQ(r->execution_arn, "arn:aws:states:us-east-1:123456789012:execution:peers:run-1");
  EXPECT_EQ(core::format_iso8601(*r->start_date), "2025-11-24T16:00:00Z");
}

TEST_F(SfnTest, StartExecutionWithTheSameNameIsTheSameRequestOnRetry) {
  http.respond(500, R"({"__type":"ServiceUnavailable","message":"x"})");
  respond_json(R"({"executionArn":"arn:exec:run-2","startDate":1764000000})");
  auto r = sfn.start_execution({.state_machine_arn = "arn:sm", .name = "run-2"});
  ASSERT_TRUE(r.ok()) << r.error().to_string();
  ASSERT_EQ(http.requests.size(), 2u);
  EXPECT_EQ(json_of(http.requests[0])["name"], "run-2");
  EXPECT_EQ(http.requests[0].body, http.requests[1].body);
}

TEST_F(SfnTest, DescribeExecutionMatchesTheAwsCli) {
  auto wire = load_wire("006-DescribeExecution");
  http.responses.emplace_back(wire.response);
  auto r = sfn.describe_execution("arn:aws:states:us-east-1:123456789012:execution:peers:run-1");
  ASSERT_TRUE(r.ok()) << r.error().to_string();
  EXPECT_EQ(json_of(only_request()), json::parse(wire.body));
  EXPECT_EQ(only_request().headers.get("X-Amz-Target"), "AWSStepFunctions.DescribeExecution");
  EXPECT_EQ(r->status, "SUCCEEDED");
  EXPECT_EQ(r->output, "{}");
  ASSERT_TRUE(r->stop_date);
  EXPECT_EQ(*r->stop_date - *r->start_date, std::chrono::seconds(30));
  EXPECT_EQ(r->error, std::nullopt);
}

TEST_F(SfnTest, ListExecutionsSendsTheBotocoreShapeAndReadsThePage) {
  respond_json(R"({"executions":[
      {"executionArn":"arn:e:2","stateMachineArn":"arn:sm","name":"run-2","status":"RUNNING","startDate":1764000100},
      {"executionArn":"arn:e:1","stateMachineArn":"arn:sm","name":"run-1","status":"FAILED","startDate":1764000000,
       "stopDate":1764000030.5}],"nextToken":"n2"})");
  auto r = sfn.list_executions({.state_machine_arn = "arn:sm", .max_results = 10});
  ASSERT_TRUE(r.ok()) << r.error().to_string();
  EXPECT_EQ(only_request().headers.get("X-Amz-Target"), "AWSStepFunctions.ListExecutions");
  EXPECT_EQ(json_of(only_request()), json::parse(R"({"stateMachineArn":"arn:sm","maxResults":10})"));
  ASSERT_EQ(r->executions.size(), 2u);
  EXPECT_EQ(r->executions[0].name, "run-2");
  EXPECT_EQ(r->executions[0].status, "RUNNING");
  EXPECT_FALSE(r->executions[0].stop_date);
  ASSERT_TRUE(r->executions[1].stop_date);
  EXPECT_EQ(r->next_token, "n2");
}

TEST_F(SfnTest, DescribeExecutionOfAFailedRun) {
  respond_json(R"({"executionArn":"e","status":"FAILED","error":"States.TaskFailed","cause":"exit 3"})");
  auto r = sfn.describe_execution("e");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->error, "States.TaskFailed");
  EXPECT_EQ(r->cause, "exit 3");
}

TEST_F(SfnTest, GetExecutionHistoryAllKeepsEventDetails) {
  respond_json(R"({"events":[{"id":1,"previousEventId":0,"type":"ExecutionStarted","timestamp":1764000000.0,
      "executionStartedEventDetails":{"input":"{}","roleArn":"arn:role"}},
      {"id":2,"previousEventId":1,"type":"TaskStateEntered","timestamp":1764000001.0,
      "stateEnteredEventDetails":{"name":"Run Fargate Task","input":"{}"}}],"nextToken":"tok"})");
  respond_json(R"({"events":[{"id":3,"previousEventId":2,"type":"TaskFailed","timestamp":1764000002.0,
      "taskFailedEventDetails":{"error":"States.TaskFailed","cause":"boom"}}]})");
  auto r = sfn.get_execution_history_all({.execution_arn = "arn:exec", .max_results = 2});
  ASSERT_TRUE(r.ok()) << r.error().to_string();
  ASSERT_EQ(r->size(), 3u);
  EXPECT_EQ((*r)[1].type, "TaskStateEntered");
  EXPECT_EQ(json::parse((*r)[1].details)["name"], "Run Fargate Task");
  EXPECT_EQ((*r)[2].previous_event_id, 2);
  EXPECT_EQ(json_of(http.requests[0]), json::parse(R"({"executionArn":"arn:exec","maxResults":2})"));
  EXPECT_EQ(json_of(http.requests[1])["nextToken"], "tok");
}

TEST_F(SfnTest, StopExecution) {
  respond_json(R"({"stopDate":1764000100.0})");
  auto r = sfn.stop_execution({.execution_arn = "arn:exec", .error = "Aborted", .cause = "by user"});
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(*r);
  EXPECT_EQ(json_of(only_request()), json::parse(R"({"executionArn":"arn:exec","error":"Aborted","cause":"by user"})"));
  EXPECT_EQ(only_request().headers.get("X-Amz-Target"), "AWSStepFunctions.StopExecution");
}

TEST_F(SfnTest, TaskTokenCallbacks) {
  respond_json("{}");
  respond_json("{}");
  respond_json("{}");
  ASSERT_TRUE(sfn.send_task_success("tok-1", R"({"ok":true})").ok());
  ASSERT_TRUE(sfn.send_task_failure("tok-1", "MyError", "it broke").ok());
  ASSERT_TRUE(sfn.send_task_heartbeat("tok-1").ok());
  ASSERT_EQ(http.requests.size(), 3u);
  EXPECT_EQ(http.requests[0].headers.get("X-Amz-Target"), "AWSStepFunctions.SendTaskSuccess");
  EXPECT_EQ(json_of(http.requests[0]), json::parse(R"({"taskToken":"tok-1","output":"{\"ok\":true}"})"));
  EXPECT_EQ(http.requests[1].headers.get("X-Amz-Target"), "AWSStepFunctions.SendTaskFailure");
  EXPECT_EQ(json_of(http.requests[1]), json::parse(R"({"taskToken":"tok-1","error":"MyError","cause":"it broke"})"));
  EXPECT_EQ(http.requests[2].headers.get("X-Amz-Target"), "AWSStepFunctions.SendTaskHeartbeat");
}

TEST_F(SfnTest, TimedOutTaskTokenIsTyped) {
  http.respond(400, R"({"__type":"com.amazonaws.swf.service.v2.model#TaskTimedOut","message":"Task Timed Out"})");
  auto r = sfn.send_task_heartbeat("tok-old");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "TaskTimedOut");
  EXPECT_EQ(r.error().message.find("tok-old"), std::string::npos) << "task tokens are not echoed in errors";
}

}  // namespace
}  // namespace hoplite::aws::sfn
