#include "hoplite/sfn/engine.hpp"

#include <gtest/gtest.h>

#include "engine_fixture.hpp"

namespace hoplite::sfn::testing {
namespace {

using nlohmann::json;
using Types = std::vector<std::string>;

TEST_F(EngineTest, PassStatesRunToTheEndWithTheirHistory) {
  auto arn = start(R"({"StartAt":"A","States":{
      "A":{"Type":"Pass","Parameters":{"x.$":"$.in"},"ResultPath":"$.a","Next":"B"},
      "B":{"Type":"Pass","Result":{"done":true},"ResultPath":"$.b","OutputPath":"$.b","End":true}}})",
                   R"({"in": 1})");
  EXPECT_EQ(info(arn).status, ExecutionStatus::succeeded);
  EXPECT_EQ(*info(arn).output, R"({"done":true})");
  EXPECT_EQ(types(arn), (Types{"ExecutionStarted", "PassStateEntered", "PassStateExited", "PassStateEntered",
                               "PassStateExited", "ExecutionSucceeded"}));
  const auto& h = engine.history(arn);
  EXPECT_EQ(h[1].previous_event_id, 0);  // AWS: the first state follows event 0
  EXPECT_EQ(h[2].previous_event_id, 2);
  EXPECT_EQ(details(arn, "PassStateExited")["output"], R"({"in":1,"a":{"x":1}})");
  EXPECT_EQ(details(arn, "ExecutionStarted")["input"], R"({"in": 1})");  // the input as given
}

TEST_F(EngineTest, AWaitOfAnHourTakesNoTimeOnAFakeClock) {
  auto arn = start(R"({"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":3600,"End":true}}})");
  EXPECT_EQ(info(arn).status, ExecutionStatus::running);
  ASSERT_TRUE(engine.next_deadline());
  EXPECT_EQ(*engine.next_deadline(), t0 + std::chrono::hours(1));
  clock.set(t0 + std::chrono::minutes(59));
  engine.run();
  EXPECT_EQ(info(arn).status, ExecutionStatus::running);
  clock.set(t0 + std::chrono::hours(1));
  engine.run();
  EXPECT_EQ(info(arn).status, ExecutionStatus::succeeded);
  EXPECT_EQ(types(arn), (Types{"ExecutionStarted", "WaitStateEntered", "WaitStateExited", "ExecutionSucceeded"}));
}

TEST_F(EngineTest, WaitForms) {
  auto arn = start(R"({"StartAt":"S","States":{
      "S":{"Type":"Wait","SecondsPath":"$.s","Next":"T"},
      "T":{"Type":"Wait","Timestamp":"2020-01-01T00:00:00Z","Next":"U"},
      "U":{"Type":"Wait","TimestampPath":"$.until","End":true}}})",
                   R"({"s": 10, "until": "2025-01-01T01:00:00+01:00"})");
  EXPECT_EQ(*engine.next_deadline(), t0 + std::chrono::seconds(10));
  clock.set(t0 + std::chrono::seconds(10));
  engine.run();
  // The past Timestamp continues at once; "01:00+01:00" is t0 itself.
  EXPECT_EQ(info(arn).status, ExecutionStatus::succeeded);
}

TEST_F(EngineTest, WaitSecondsPathMustBeAWholeNumber) {
  auto arn = start(R"({"StartAt":"W","States":{"W":{"Type":"Wait","SecondsPath":"$.s","End":true}}})", R"({"s":1.5})");
  EXPECT_EQ(info(arn).status, ExecutionStatus::failed);
  EXPECT_EQ(*info(arn).error, "States.Runtime");
  EXPECT_EQ(*info(arn).cause,
            "An error occurred while executing the state 'W' (entered at the event id #2). The SecondsPath parameter "
            "cannot be parsed as a long value: $.s == 1.5");
}

TEST_F(EngineTest, MissingInputPathIsAStatesRuntimeErrorWithAwsText) {
  auto arn = start(R"({"StartAt":"P","States":{"P":{"Type":"Pass","InputPath":"$.nope","End":true}}})");
  EXPECT_EQ(*info(arn).error, "States.Runtime");
  EXPECT_EQ(*info(arn).cause,
            "An error occurred while executing the state 'P' (entered at the event id #2). Invalid path '$.nope' : No "
            "results for path: $['nope']");
}

TEST_F(EngineTest, TaskRequestResponseShowsResourceAndParameters) {
  services.handlers["arn:aws:states:::sns:publish"] = echo();
  auto arn = start(R"({"StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:states:::sns:publish",
      "Parameters":{"TopicArn":"arn:t","Message.$":"$.m"},"ResultSelector":{"sent.$":"$.Message"},
      "ResultPath":"$.r","End":true}}})",
                   R"({"m":"hi"})");
  EXPECT_EQ(info(arn).status, ExecutionStatus::succeeded);
  EXPECT_EQ(*info(arn).output, R"({"m":"hi","r":{"sent":"hi"}})");
  EXPECT_EQ(types(arn), (Types{"ExecutionStarted", "TaskStateEntered", "TaskScheduled", "TaskStarted", "TaskSucceeded",
                               "TaskStateExited", "ExecutionSucceeded"}));
  json scheduled = details(arn, "TaskScheduled");
  EXPECT_EQ(scheduled["resource"], "publish");
  EXPECT_EQ(scheduled["resourceType"], "sns");
  EXPECT_EQ(scheduled["region"], "us-east-1");
  EXPECT_EQ(scheduled["parameters"], R"({"TopicArn":"arn:t","Message":"hi"})");
  EXPECT_FALSE(scheduled.contains("timeoutInSeconds"));
  ASSERT_EQ(services.started.size(), 1u);
  EXPECT_EQ(services.started[0].action, "publish");
  EXPECT_EQ(services.started[0].pattern, Integration::request_response);
}

TEST_F(EngineTest, SyncTaskReportsSubmittedThenSucceeded) {
  auto arn = start(R"({"StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:states:::ecs:runTask.sync",
      "Parameters":{"Cluster":"c"},"End":true}}})");
  services.last().submitted(R"({"Tasks":[{"LastStatus":"PROVISIONING"}]})");
  engine.run();
  EXPECT_EQ(info(arn).status, ExecutionStatus::running);
  services.last().succeeded(R"({"LastStatus":"STOPPED"})");
  engine.run();
  EXPECT_EQ(types(arn), (Types{"ExecutionStarted", "TaskStateEntered", "TaskScheduled", "TaskStarted", "TaskSubmitted",
                               "TaskSucceeded", "TaskStateExited", "ExecutionSucceeded"}));
  EXPECT_EQ(services.started[0].action, "runTask.sync");
  EXPECT_EQ(services.started[0].pattern, Integration::run_job);
}

TEST_F(EngineTest, RetryBacksOffThenCatchTakesOver) {
  services.handlers["arn:aws:states:::sqs:sendMessage"] = failing("SQS.QueueDoesNotExist", "no queue");
  auto arn = start(R"({"StartAt":"T","States":{
      "T":{"Type":"Task","Resource":"arn:aws:states:::sqs:sendMessage","End":true,
           "Retry":[{"ErrorEquals":["States.TaskFailed"],"IntervalSeconds":2,"BackoffRate":3,"MaxAttempts":3,
                     "MaxDelaySeconds":10}],
           "Catch":[{"ErrorEquals":["Nope"],"Next":"Never"},{"ErrorEquals":["States.ALL"],"ResultPath":"$.err","Next":"Handled"}]},
      "Never":{"Type":"Succeed"},
      "Handled":{"Type":"Pass","End":true}}})",
                   R"({"k":1})");
  // Delays: 2 s, then 6 s, then 18 s capped at 10 s.
  for (int delay : {2, 6, 10}) {
    ASSERT_TRUE(engine.next_deadline());
    EXPECT_EQ(*engine.next_deadline() - clock.now(), std::chrono::seconds(delay));
    clock.set(*engine.next_deadline());
    engine.run();
  }
  EXPECT_EQ(services.started.size(), 4u);
  EXPECT_EQ(info(arn).status, ExecutionStatus::succeeded);
  EXPECT_EQ(*info(arn).output, R"({"k":1,"err":{"Error":"SQS.QueueDoesNotExist","Cause":"no queue"}})");
  Types t = types(arn);
  EXPECT_EQ(std::count(t.begin(), t.end(), "TaskFailed"), 4);
  EXPECT_EQ(std::count(t.begin(), t.end(), "TaskStateEntered"), 1);  // retries do not enter again
}

TEST_F(EngineTest, FullJitterWaitsAtMostTheBackoffDelay) {
  services.handlers["arn:aws:states:::sns:publish"] = failing("E", "c");
  start(R"({"StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:states:::sns:publish","End":true,
      "Retry":[{"ErrorEquals":["E"],"IntervalSeconds":100,"MaxAttempts":1,"JitterStrategy":"FULL"}]}}})");
  ASSERT_TRUE(engine.next_deadline());
  EXPECT_LE(*engine.next_deadline() - clock.now(), std::chrono::seconds(100));
}

TEST_F(EngineTest, StatesAllDoesNotCatchStatesRuntime) {
  auto arn = start(R"({"StartAt":"P","States":{
      "P":{"Type":"Parallel","End":true,"Catch":[{"ErrorEquals":["States.ALL"],"Next":"C"}],
           "Branches":[{"StartAt":"B","States":{"B":{"Type":"Pass","InputPath":"$.missing","End":true}}}]},
      "C":{"Type":"Succeed"}}})");
  EXPECT_EQ(info(arn).status, ExecutionStatus::failed);
  EXPECT_EQ(*info(arn).error, "States.Runtime");
}

TEST_F(EngineTest, TaskTimeoutCancelsTheWorkAndFailsWithStatesTimeout) {
  auto arn = start(R"({"StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:states:::ecs:runTask.sync",
      "TimeoutSeconds":30,"End":true}}})");
  EXPECT_EQ(details(arn, "TaskScheduled")["timeoutInSeconds"], 30);
  clock.set(t0 + std::chrono::seconds(30));
  engine.run();
  EXPECT_EQ(info(arn).status, ExecutionStatus::failed);
  EXPECT_EQ(*info(arn).error, "States.Timeout");
  EXPECT_FALSE(info(arn).cause.has_value());
  ASSERT_EQ(services.cancelled.size(), 1u);
  EXPECT_EQ(types(arn).at(4), "TaskTimedOut");
  // A late answer is ignored.
  services.last().succeeded("{}");
  engine.run();
  EXPECT_EQ(info(arn).status, ExecutionStatus::failed);
}

TEST_F(EngineTest, HeartbeatsKeepATaskAliveUntilTheyStop) {
  auto arn = start(R"({"StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:states:::ecs:runTask.sync",
      "TimeoutSeconds":600,"HeartbeatSeconds":10,"End":true}}})");
  for (int i = 1; i <= 5; ++i) {
    clock.set(t0 + std::chrono::seconds(9 * i));
    services.last().heartbeat();
    engine.run();
    EXPECT_EQ(info(arn).status, ExecutionStatus::running) << i;
  }
  settle();
  EXPECT_EQ(info(arn).status, ExecutionStatus::failed);
  EXPECT_EQ(*info(arn).error, "States.Timeout");
  EXPECT_EQ(*info(arn).stop_date, t0 + std::chrono::seconds(55));
}

TEST_F(EngineTest, WaitForTaskTokenEndsThroughSendTaskSuccess) {
  services.handlers["arn:aws:states:::sqs:sendMessage.waitForTaskToken"] = [](const TaskRequest& r,
                                                                              const TaskHandle& h) {
    h.submitted(R"({"MessageId":"m-1"})");
    (void)r;
  };
  auto arn = start(R"({"StartAt":"T","States":{"T":{"Type":"Task",
      "Resource":"arn:aws:states:::sqs:sendMessage.waitForTaskToken",
      "Parameters":{"QueueUrl":"q","MessageBody":{"TaskToken.$":"$$.Task.Token"}},"End":true}}})");
  ASSERT_EQ(services.started.size(), 1u);
  std::string token = services.started[0].task_token;
  EXPECT_EQ(token.size(), 64u);
  EXPECT_EQ(json::parse(services.started[0].parameters)["MessageBody"]["TaskToken"], token);
  EXPECT_EQ(info(arn).status, ExecutionStatus::running);
  auto bad = engine.send_task_success("nope", "{}");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().code, "InvalidToken");
  EXPECT_EQ(engine.send_task_success(token, "not json").error().code, "InvalidOutput");
  ASSERT_TRUE(engine.send_task_heartbeat(token).ok());
  ASSERT_TRUE(engine.send_task_success(token, R"({"approved":true})").ok());
  engine.run();
  EXPECT_EQ(info(arn).status, ExecutionStatus::succeeded);
  EXPECT_EQ(*info(arn).output, R"({"approved":true})");
  EXPECT_EQ(engine.send_task_success(token, "{}").error().code, "InvalidToken");  // the task is over
}

TEST_F(EngineTest, SendTaskFailureFailsTheTask) {
  auto arn = start(R"({"StartAt":"T","States":{"T":{"Type":"Task",
      "Resource":"arn:aws:states:::sns:publish.waitForTaskToken","Parameters":{"t.$":"$$.Task.Token"},"End":true}}})");
  ASSERT_TRUE(engine.send_task_failure(services.started[0].task_token, "Rejected", "nope").ok());
  engine.run();
  EXPECT_EQ(*info(arn).error, "Rejected");
  EXPECT_EQ(*info(arn).cause, "nope");
}

TEST_F(EngineTest, StopAbortsAndCancelsRunningTasks) {
  auto arn = start(R"({"StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:states:::ecs:runTask.sync",
      "End":true}}})");
  ASSERT_TRUE(engine.stop(arn, std::string("Stopped"), std::string("by a test")).ok());
  EXPECT_EQ(info(arn).status, ExecutionStatus::aborted);
  EXPECT_EQ(types(arn).back(), "ExecutionAborted");
  EXPECT_EQ(details(arn, "ExecutionAborted")["error"], "Stopped");
  EXPECT_EQ(services.cancelled.size(), 1u);
  EXPECT_EQ(engine.stop("arn:aws:states:us-east-1:000000000000:execution:Test:nope").error().code,
            "ExecutionDoesNotExist");
}

TEST_F(EngineTest, MachineTimeoutEndsTimedOut) {
  auto arn = start(R"({"TimeoutSeconds":5,"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":60,"End":true}}})");
  settle();
  EXPECT_EQ(info(arn).status, ExecutionStatus::timed_out);
  EXPECT_EQ(types(arn).back(), "ExecutionTimedOut");
  EXPECT_EQ(*info(arn).stop_date, t0 + std::chrono::seconds(5));
}

TEST_F(EngineTest, OutputsOverTheLimitFailWithDataLimitExceeded) {
  std::string big(200000, 'x');
  auto arn =
      start(R"({"StartAt":"P","States":{"P":{"Type":"Pass","Parameters":{"a.$":"$.s","b.$":"$.s"},"End":true}}})",
            R"({"s":")" + big + R"("})");
  EXPECT_EQ(info(arn).status, ExecutionStatus::failed);
  EXPECT_EQ(*info(arn).error, "States.DataLimitExceeded");
}

// A state whose output is its input plus one member (ResultPath "$.x") appends the member to the
// input's text instead of writing the output again: the same text, the same limits.
TEST_F(EngineTest, OutputsThatAppendAMemberAreTheTextOfTheWholeOutput) {
  auto arn = start(R"({"StartAt":"A","States":{
      "A":{"Type":"Pass","Result":{"q":"\"x\""},"ResultPath":"$.a","Next":"B"},
      "B":{"Type":"Pass","Parameters":{"v.$":"$.a.q","n":[1,{}]},"ResultPath":"$.b","Next":"C"},
      "C":{"Type":"Pass","Result":2,"ResultPath":"$.a","Next":"D"},
      "D":{"Type":"Pass","Result":{},"ResultPath":"$.d","End":true}}})",
                   R"({ "in" : "é" })");
  ASSERT_EQ(info(arn).status, ExecutionStatus::succeeded);
  EXPECT_EQ(details(arn, "PassStateExited", 0)["output"], R"({"in":"é","a":{"q":"\"x\""}})");
  EXPECT_EQ(details(arn, "PassStateExited", 1)["output"],
            R"({"in":"é","a":{"q":"\"x\""},"b":{"v":"\"x\"","n":[1,{}]}})");
  // C replaces a member in place: written in full.
  EXPECT_EQ(details(arn, "PassStateExited", 2)["output"], R"({"in":"é","a":2,"b":{"v":"\"x\"","n":[1,{}]}})");
  EXPECT_EQ(details(arn, "PassStateEntered", 3)["input"], R"({"in":"é","a":2,"b":{"v":"\"x\"","n":[1,{}]}})");
  EXPECT_EQ(*info(arn).output, R"({"in":"é","a":2,"b":{"v":"\"x\"","n":[1,{}]},"d":{}})");
  EXPECT_EQ(details(arn, "ExecutionSucceeded")["output"], *info(arn).output);

  // Past 256 KiB the appended output fails as a written one does.
  std::string big(150000, 'x');
  auto over = start(R"({"StartAt":"A","States":{
      "A":{"Type":"Pass","Result":1,"ResultPath":"$.a","Next":"B"},
      "B":{"Type":"Pass","Parameters":{"copy.$":"$.s"},"ResultPath":"$.b","End":true}}})",
                    R"({"s":")" + big + R"("})", "over");
  EXPECT_EQ(info(over).status, ExecutionStatus::failed);
  EXPECT_EQ(*info(over).error, "States.DataLimitExceeded");
}

TEST_F(EngineTest, ParallelFailureAbortsSiblingsAndCanBeCaught) {
  auto arn = start(R"({"StartAt":"P","States":{
      "P":{"Type":"Parallel","Next":"Done","Catch":[{"ErrorEquals":["Boom"],"Next":"Caught"}],
           "Branches":[{"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":100,"End":true}}},
                       {"StartAt":"F","States":{"F":{"Type":"Fail","Error":"Boom","Cause":"bad"}}}]},
      "Done":{"Type":"Succeed"},
      "Caught":{"Type":"Pass","End":true}}})");
  EXPECT_EQ(info(arn).status, ExecutionStatus::succeeded);
  EXPECT_EQ(*info(arn).output, R"({"Error":"Boom","Cause":"bad"})");
  Types t = types(arn);
  EXPECT_NE(std::find(t.begin(), t.end(), "WaitStateAborted"), t.end());
  EXPECT_NE(std::find(t.begin(), t.end(), "ParallelStateFailed"), t.end());
  EXPECT_FALSE(engine.next_deadline());  // the aborted Wait left no timer
}

TEST_F(EngineTest, MapRespectsMaxConcurrency) {
  auto arn = start(R"({"StartAt":"M","States":{"M":{"Type":"Map","MaxConcurrency":2,"ItemsPath":"$.items",
      "ItemSelector":{"n.$":"$$.Map.Item.Value","i.$":"$$.Map.Item.Index"},
      "ItemProcessor":{"StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:states:::sns:publish",
      "End":true}}},"End":true}}})",
                   R"({"items":[10,20,30,40]})");
  EXPECT_EQ(services.started.size(), 2u);
  services.handles.at(services.started[0].task_id).succeeded(services.started[0].parameters);
  engine.run();
  EXPECT_EQ(services.started.size(), 3u);
  for (std::size_t i = 1; i < 4; ++i) {
    services.handles.at(services.started[i].task_id).succeeded(services.started[i].parameters);
    engine.run();
  }
  EXPECT_EQ(info(arn).status, ExecutionStatus::succeeded);
  EXPECT_EQ(*info(arn).output, R"([{"n":10,"i":0},{"n":20,"i":1},{"n":30,"i":2},{"n":40,"i":3}])");
}

TEST_F(EngineTest, MapToleratesFailuresUpToTheCount) {
  auto arn = start(R"({"StartAt":"M","States":{"M":{"Type":"Map","ToleratedFailureCount":1,
      "ItemProcessor":{"ProcessorConfig":{"Mode":"DISTRIBUTED","ExecutionType":"STANDARD"},
      "StartAt":"C","States":{"C":{"Type":"Choice","Choices":[{"Variable":"$","NumericEquals":2,"Next":"F"}],
      "Default":"OK"},"F":{"Type":"Fail","Error":"Two"},"OK":{"Type":"Pass","End":true}}},"End":true}}})",
                   "[1,2,3]");
  EXPECT_EQ(info(arn).status, ExecutionStatus::succeeded);
  EXPECT_EQ(*info(arn).output, R"([1,{"Error":"Two"},3])");
  auto arn2 = start(R"({"StartAt":"M","States":{"M":{"Type":"Map","ToleratedFailureCount":0,
      "ItemProcessor":{"ProcessorConfig":{"Mode":"DISTRIBUTED","ExecutionType":"STANDARD"},
      "StartAt":"F","States":{"F":{"Type":"Fail","Error":"Always"}}},"End":true}}})",
                    "[1]", "second");
  EXPECT_EQ(*info(arn2).error, "States.ExceedToleratedFailureThreshold");
  Types t = types(arn2);
  EXPECT_EQ(t, (Types{"ExecutionStarted", "MapStateEntered", "MapStateStarted", "MapRunStarted", "MapRunFailed",
                      "MapStateFailed", "ExecutionFailed"}));
}

TEST_F(EngineTest, ChoiceWithoutMatchOrDefaultFails) {
  auto arn = start(R"({"StartAt":"C","States":{"C":{"Type":"Choice",
      "Choices":[{"Not":{"Variable":"$.x","StringMatches":"a*z"},"Next":"D"}]},"D":{"Type":"Succeed"}}})",
                   R"({"x":"abcz"})");
  EXPECT_EQ(*info(arn).error, "States.NoChoiceMatched");
}

TEST_F(EngineTest, AnEndlessLoopStopsAtTheHistoryLimit) {
  EngineOptions o = options();
  o.max_history_events = 100;
  Engine small(o);
  auto arn = small.start({.definition = definition(R"({"StartAt":"A","States":{"A":{"Type":"Pass","Next":"C"},
      "C":{"Type":"Choice","Choices":[{"Variable":"$.never","IsPresent":true,"Next":"D"}],"Default":"A"},
      "D":{"Type":"Succeed"}}})"),
                          .state_machine_arn = kMachineArn,
                          .name = "loop"});
  ASSERT_TRUE(arn.ok());
  small.run();
  EXPECT_EQ(small.describe(*arn)->status, ExecutionStatus::failed);
  EXPECT_LE(small.history(*arn).size(), 103u);
}

TEST_F(EngineTest, StartChecksNameInputAndDuplicates) {
  auto def = definition(R"({"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":1,"End":true}}})");
  EXPECT_EQ(engine.start({.definition = def, .state_machine_arn = kMachineArn, .name = "bad name"}).error().code,
            "InvalidName");
  EXPECT_EQ(engine.start({.definition = def, .state_machine_arn = kMachineArn, .name = "x", .input = "{"}).error().code,
            "InvalidExecutionInput");
  auto first = engine.start({.definition = def, .state_machine_arn = kMachineArn, .name = "same"});
  ASSERT_TRUE(first.ok());
  EXPECT_EQ(*first, "arn:aws:states:us-east-1:000000000000:execution:Test:same");
  // Same name and input while running: the same execution (idempotent); other input: an error.
  EXPECT_EQ(*engine.start({.definition = def, .state_machine_arn = kMachineArn, .name = "same"}), *first);
  EXPECT_EQ(
      engine.start({.definition = def, .state_machine_arn = kMachineArn, .name = "same", .input = "[]"}).error().code,
      "ExecutionAlreadyExists");
}

TEST_F(EngineTest, ManyExecutionsShareOneDriverAndNoThreads) {
  auto def = definition(R"({"StartAt":"W","States":{"W":{"Type":"Wait","SecondsPath":"$.s","End":true}}})");
  std::vector<std::string> arns;
  for (int i = 0; i < 500; ++i)
    arns.push_back(*engine.start({.definition = def,
                                  .state_machine_arn = kMachineArn,
                                  .name = "e" + std::to_string(i),
                                  .input = "{\"s\":" + std::to_string(i % 7) + "}"}));
  settle();
  for (const auto& a : arns) EXPECT_EQ(info(a).status, ExecutionStatus::succeeded);
  EXPECT_EQ(clock.now(), t0 + std::chrono::seconds(6));
}

TEST_F(EngineTest, TaskWithoutIntegrationFailsWithAReason) {
  Engine bare({.clock = &clock});
  auto arn = bare.start({.definition = definition(R"({"StartAt":"T","States":{"T":{"Type":"Task",
      "Resource":"arn:aws:states:::sns:publish","End":true}}})"),
                         .state_machine_arn = kMachineArn,
                         .name = "bare"});
  bare.run();
  EXPECT_EQ(*bare.describe(*arn)->error, "States.TaskFailed");
  EXPECT_NE(bare.describe(*arn)->cause->find("No service integration"), std::string::npos);
}

TEST_F(EngineTest, HistoryEventJsonIsWhatGetExecutionHistoryReturns) {
  auto arn = start(R"({"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}})");
  json ev = json::parse(engine.history(arn)[1].to_json());
  EXPECT_EQ(ev["type"], "PassStateEntered");
  EXPECT_EQ(ev["id"], 2);
  EXPECT_EQ(ev["previousEventId"], 0);
  EXPECT_DOUBLE_EQ(ev["timestamp"].get<double>(), 1735689600.0);
  EXPECT_EQ(ev["stateEnteredEventDetails"]["name"], "P");
  EXPECT_EQ(ev["stateEnteredEventDetails"]["inputDetails"]["truncated"], false);
}

}  // namespace
}  // namespace hoplite::sfn::testing
