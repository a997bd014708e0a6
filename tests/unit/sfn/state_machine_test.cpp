// Golden renderings, one per state type and integration (tests/testdata/sfn/render/<case>.asl.json),
// and the graph errors the machine reports when it is defined.
#include "hoplite/sfn/state_machine.hpp"

#include <gtest/gtest.h>

#include "hoplite/cfn/intrinsics.hpp"
#include "hoplite/sfn/choice.hpp"
#include "hoplite/sfn/error.hpp"
#include "hoplite/sfn/fail.hpp"
#include "hoplite/sfn/map.hpp"
#include "hoplite/sfn/parallel.hpp"
#include "hoplite/sfn/pass.hpp"
#include "hoplite/sfn/succeed.hpp"
#include "hoplite/sfn/task.hpp"
#include "hoplite/sfn/tasks/ecs_run_task.hpp"
#include "hoplite/sfn/tasks/lambda_invoke.hpp"
#include "hoplite/sfn/tasks/sns_publish.hpp"
#include "hoplite/sfn/tasks/sqs_send_message.hpp"
#include "hoplite/sfn/tasks/start_execution.hpp"
#include "hoplite/sfn/validate.hpp"
#include "hoplite/sfn/wait.hpp"
#include "sfn/node.hpp"
#include "support/golden.hpp"

namespace hoplite::sfn {
namespace {

using cfn::Json;

void expect_render(const char* name, const StateMachine& m) {
  EXPECT_GOLDEN(std::string("sfn/render/") + name + ".asl.json", m.asl().text);
  EXPECT_TRUE(check_asl(m.asl().text).empty());
}

constexpr const char* kFunction = "arn:aws:lambda:us-east-1:123456789012:function:Work";

TEST(Render, Pass) {
  Pass inject{"Inject",
              {.comment = "adds a constant",
               .input_path = "$.input",
               .result = Json::object({{"answer", 42}, {"list", Json::array({1, "two", nullptr})}}),
               .result_path = "$.constant",
               .output_path = "$"}};
  Pass shape{"Shape",
             {.parameters = Json::object({{"id.$", "$.input.id"},
                                          {"when.$", "$$.Execution.StartTime"},
                                          {"greeting.$", "States.Format('hello {}', $.name)"},
                                          {"fixed", "literal ${not a variable}"}}),
              .result_path = discard()}};
  expect_render("pass", StateMachine{"M", chain(inject, shape)});
}

TEST(Render, Task) {
  Task work{"Work",
            {.resource = kFunction, .parameters = Json::object({{"input.$", "$"}})},
            {.comment = "a Lambda function by ARN",
             .input_path = "$.job",
             .result_selector = Json::object({{"status.$", "$.Payload.status"}}),
             .result_path = "$.out",
             .output_path = "$.out",
             .timeout_seconds = 300,
             .heartbeat_seconds = 60}};
  Task dynamic{
      "Dynamic", {.resource = kFunction}, {.timeout_seconds_path = "$.timeout", .heartbeat_seconds_path = "$.hb"}};
  expect_render("task", StateMachine{"M", chain(work, dynamic)});
}

TEST(Render, ChoiceWithEveryOperator) {
  using C = Condition;
  Succeed yes{"Yes"};
  Fail no{"No", {.error = "NoMatch"}};
  Choice c{"Check", {.comment = "every operator", .input_path = "$.in", .output_path = "$"}};
  c.when(C::string_equals("$.s", "a"), yes)
      .when(C::string_equals_path("$.s", "$.t"), yes)
      .when(C::string_less_than("$.s", "b"), yes)
      .when(C::string_less_than_path("$.s", "$.t"), yes)
      .when(C::string_greater_than("$.s", "b"), yes)
      .when(C::string_greater_than_path("$.s", "$.t"), yes)
      .when(C::string_less_than_equals("$.s", "b"), yes)
      .when(C::string_less_than_equals_path("$.s", "$.t"), yes)
      .when(C::string_greater_than_equals("$.s", "b"), yes)
      .when(C::string_greater_than_equals_path("$.s", "$.t"), yes)
      .when(C::string_matches("$.file", "log-*.txt"), yes)
      .when(C::numeric_equals("$.n", 1), yes)
      .when(C::numeric_equals_path("$.n", "$.m"), yes)
      .when(C::numeric_less_than("$.n", 1.5), yes)
      .when(C::numeric_less_than_path("$.n", "$.m"), yes)
      .when(C::numeric_greater_than("$.n", -3), yes)
      .when(C::numeric_greater_than_path("$.n", "$.m"), yes)
      .when(C::numeric_less_than_equals("$.n", 100), yes)
      .when(C::numeric_less_than_equals_path("$.n", "$.m"), yes)
      .when(C::numeric_greater_than_equals("$.n", 20), yes)
      .when(C::numeric_greater_than_equals_path("$.n", "$.m"), yes)
      .when(C::boolean_equals("$.b", true), yes)
      .when(C::boolean_equals_path("$.b", "$.c"), yes)
      .when(C::timestamp_equals("$.t", "2016-08-18T17:33:00Z"), yes)
      .when(C::timestamp_equals_path("$.t", "$.u"), yes)
      .when(C::timestamp_less_than("$.t", "2016-08-18T17:33:00Z"), yes)
      .when(C::timestamp_less_than_path("$.t", "$.u"), yes)
      .when(C::timestamp_greater_than("$.t", "2016-08-18T17:33:00+02:00"), yes)
      .when(C::timestamp_greater_than_path("$.t", "$.u"), yes)
      .when(C::timestamp_less_than_equals("$.t", "2016-08-18T17:33:00.5Z"), yes)
      .when(C::timestamp_less_than_equals_path("$.t", "$.u"), yes)
      .when(C::timestamp_greater_than_equals("$.t", "2016-08-18T17:33:00Z"), yes)
      .when(C::timestamp_greater_than_equals_path("$.t", "$.u"), yes)
      .when(C::is_present("$.maybe", false), no)
      .when(C::is_null("$.x"), no)
      .when(C::is_numeric("$.x"), yes)
      .when(C::is_string("$.x"), yes)
      .when(C::is_boolean("$.x"), yes)
      .when(C::is_timestamp("$.x"), yes)
      .when(C::and_({C::is_present("$.k"),
                     C::or_({C::string_equals("$.k", "foo"), C::not_(C::string_matches("$.k", "bar\\*"))})}),
            yes)
      .otherwise(no);
  expect_render("choice", StateMachine{"M", c});
}

TEST(Render, Wait) {
  Wait seconds{"Seconds", {.time = WaitTime::seconds(10), .comment = "fixed"}};
  Wait seconds_path{"SecondsPath", {.time = WaitTime::seconds_path("$.delay")}};
  Wait timestamp{"Timestamp", {.time = WaitTime::timestamp("2026-01-01T00:00:00Z")}};
  Wait timestamp_path{"TimestampPath",
                      {.time = WaitTime::timestamp_path("$.until"), .input_path = "$", .output_path = "$.x"}};
  expect_render("wait", StateMachine{"M", chain(seconds, seconds_path, timestamp, timestamp_path)});
}

TEST(Render, SucceedAndFail) {
  Choice c{"Check"};
  Fail fixed{"Fixed", {.error = "TaskFailed", .cause = "the task failed", .comment = "fixed texts"}};
  Fail dynamic{"Dynamic", {.error_path = "$.error.Error", .cause_path = "States.Format('cause: {}', $.error.Cause)"}};
  Succeed done{"Done", {.comment = "all good", .input_path = "$.result", .output_path = "$"}};
  c.when(Condition::boolean_equals("$.ok", true), done)
      .when(Condition::is_present("$.error"), dynamic)
      .otherwise(fixed);
  expect_render("succeed_fail", StateMachine{"M", c});
}

TEST(Render, Parallel) {
  Parallel both{"Both",
                {.comment = "two branches",
                 .parameters = Json::object({{"id.$", "$.id"}}),
                 .result_selector = Json::object({{"first.$", "$[0]"}}),
                 .result_path = "$.results"}};
  both.branch(chain(Pass{"A1"}, Wait{"A2", {.time = WaitTime::seconds(1)}})).branch(Pass{"B1"});
  both.add_retry({.errors = {"States.BranchFailed"}, .max_attempts = 2});
  both.catch_all(Fail{"Failed", {.error = "BranchFailed"}});
  expect_render("parallel", StateMachine{"M", chain(both, Succeed{"Done"})});
}

TEST(Render, Map) {
  Map each{"Each",
           {.items_path = "$.items",
            .item_selector = Json::object({{"item.$", "$$.Map.Item.Value"}, {"index.$", "$$.Map.Item.Index"}}),
            .max_concurrency = 2,
            .result_path = "$.results"}};
  each.item_processor(chain(Task{"Process", {.resource = kFunction}}, Succeed{"Processed"}));
  expect_render("map", StateMachine{"M", each, {.comment = "inline map", .timeout_seconds = 3600}});
}

TEST(Render, RetryAndCatch) {
  Task work{"Work", {.resource = kFunction}};
  Pass recover{"Recover"};
  Fail failed{"Failed", {.error = "Unrecoverable"}};
  work.add_retry({.errors = {"Lambda.ServiceException", "Lambda.TooManyRequestsException"},
                  .interval_seconds = 2,
                  .max_attempts = 6,
                  .backoff_rate = 2.5,
                  .max_delay_seconds = 60,
                  .jitter = Jitter::full})
      .add_retry({})
      .add_catch(recover, {.errors = {"Custom.Recoverable"}, .result_path = discard()})
      .catch_all(failed);
  Succeed done{"Done"};
  recover.next(done);
  expect_render("retry_catch", StateMachine{"M", chain(work, done)});
}

TEST(Render, EcsRunTaskSync) {
  EcsRunTask run{"Run",
                 {.cluster = "arn:aws:ecs:us-east-1:123456789012:cluster/c",
                  .task_definition = "arn:aws:ecs:us-east-1:123456789012:task-definition/t:1",
                  .platform_version = "1.4.0",
                  .subnets = {"subnet-1", "subnet-2"},
                  .security_groups = {"sg-1"},
                  .assign_public_ip = true,
                  .container_overrides = {{.container_name = "app",
                                           .command = {"fargateTask", "--verbose"},
                                           .environment = {{.name = "MODE", .value = "batch"},
                                                           {.name = "EXECUTION", .value_path = "$$.Execution.Id"}},
                                           .cpu = 128,
                                           .memory_mib = 256}},
                  .cpu = 512,
                  .memory_mib = 1024,
                  .propagate_tags = true,
                  .enable_execute_command = true}};
  expect_render("ecs_run_task_sync", StateMachine{"M", run});
}

TEST(Render, EcsRunTaskWaitForTaskTokenOnCapacityProviders) {
  EcsRunTask run{"Run",
                 {.cluster = "arn:aws:ecs:us-east-1:123456789012:cluster/c",
                  .task_definition = "arn:aws:ecs:us-east-1:123456789012:task-definition/t:1",
                  .capacity_provider_strategy = {{.capacity_provider = "FARGATE_SPOT", .weight = 3},
                                                 {.capacity_provider = "FARGATE", .base = 1}},
                  .subnets = {"subnet-1"},
                  .container_overrides = {{.container_name = "app",
                                           .command_path = "$.command",
                                           .environment = {{.name = "TASK_TOKEN", .value_path = "$$.Task.Token"}}}},
                  .integration = Integration::wait_for_task_token},
                 {.heartbeat_seconds = 600}};
  expect_render("ecs_run_task_wait_for_task_token", StateMachine{"M", run});
}

TEST(Render, SnsLambdaSqsStartExecution) {
  SnsPublish sns{"Publish",
                 {.topic = "arn:aws:sns:us-east-1:123456789012:t",
                  .message_path = "$.text",
                  .subject = "hello",
                  .attributes = {{.name = "kind", .value = "report"},
                                 {.name = "id", .data_type = "Number", .value_path = "$.id"}}}};
  LambdaInvoke lambda{
      "Invoke", {.function = kFunction, .invocation_type = "Event", .qualifier = "live"}, {.result_path = discard()}};
  SqsSendMessage sqs{"Enqueue",
                     {.queue_url = "https://sqs.us-east-1.amazonaws.com/123456789012/q",
                      .queue = "arn:aws:sqs:us-east-1:123456789012:q",
                      .message_body = Json::object({{"id.$", "$.id"}}),
                      .delay_seconds = 5}};
  StartExecution child{"Child",
                       {.state_machine = "arn:aws:states:us-east-1:123456789012:stateMachine:child",
                        .input = Json::object({{"parent.$", "$$.Execution.Id"}}),
                        .execution_name = "child-run"}};
  expect_render("integrations", StateMachine{"M", chain(sns, lambda, sqs, child)});
}

TEST(Render, IntrinsicsBecomePlaceholders) {
  auto topic = cfn::Json::make_intrinsic("Ref", "Topic", {{cfn::Reference::Kind::ref, "Topic", ""}});
  SnsPublish a{"A", {.topic = topic, .message = "one"}};
  SnsPublish b{"B", {.topic = topic, .message = "two ${literal}"}};
  StateMachine m{"M", chain(a, b)};
  ASSERT_EQ(m.asl().substitutions.size(), 1u);
  EXPECT_EQ(m.asl().substitutions[0].first, "Topic");
  EXPECT_NE(m.asl().text.find("\"TopicArn\": \"${Topic}\""), std::string::npos) << m.asl().text;
  EXPECT_NE(m.asl().text.find("two ${!literal}"), std::string::npos);
  std::string resolved = m.resolved_asl([](const std::string& name, const Json&) { return "arn:fake:" + name; });
  EXPECT_NE(resolved.find("\"TopicArn\": \"arn:fake:Topic\""), std::string::npos);
  EXPECT_NE(resolved.find("two ${literal}"), std::string::npos);
}

// The job-poller pattern: a loop back to a Wait.
TEST(Render, LoopBackToWait) {
  std::weak_ptr<detail::StateNode> wait_node;
  {
    Wait wait{"Wait", {.time = WaitTime::seconds_path("$.delay")}};
    Task check{"Check Status", {.resource = kFunction}, {.result_path = "$.status"}};
    Choice done{"Done?"};
    done.when(Condition::string_equals("$.status.state", "DONE"), Succeed{"Finished"}).otherwise(wait);
    StateMachine m{"M", chain(wait, check, done)};
    expect_render("loop", m);
    wait_node = wait.node();
  }
  EXPECT_TRUE(wait_node.expired()) << "a loop must not keep its states alive";
}

TEST(Render, IsDeterministic) {
  auto make = [] {
    Task t{"T", {.resource = kFunction}};
    return StateMachine{"M", chain(t, Pass{"P"})}.asl().text;
  };
  EXPECT_EQ(make(), make());
}

// ---- definition-time graph errors ----

TEST(StateMachineErrors, DuplicateNames) {
  EXPECT_THROW_WITH(StateMachine("M", chain(Pass{"Same"}, Pass{"Same"})), DefinitionError,
                    "[sfn.definition.101] two different states are named 'Same'");
}

TEST(StateMachineErrors, DuplicateNamesAcrossBranches) {
  Parallel p{"P"};
  p.branch(Pass{"X"}).branch(Pass{"X"});
  EXPECT_THROW_WITH(StateMachine("M", p), DefinitionError, "[sfn.definition.101]");
}

TEST(StateMachineErrors, TransitionLeavingABranch) {
  Succeed outside{"Outside"};
  Parallel p{"P"};
  Task inner{"Inner", {.resource = kFunction}};
  inner.catch_all(outside);
  p.branch(inner);
  EXPECT_THROW_WITH(StateMachine("M", chain(p, outside)), DefinitionError,
                    "[sfn.definition.202] state 'Outside' belongs to the state machine but is also a target in branch "
                    "1 of Parallel 'P'");
}

TEST(StateMachineErrors, ChoiceWithoutRules) {
  EXPECT_THROW_WITH(StateMachine("M", Choice{"C"}), DefinitionError,
                    "[sfn.definition.201] Choice 'C' has no rules; add one with when(condition, next)");
}

TEST(StateMachineErrors, ParallelWithoutBranchesAndMapWithoutProcessor) {
  EXPECT_THROW_WITH(StateMachine("M", Parallel{"P"}), DefinitionError,
                    "[sfn.definition.304] Parallel 'P' has no branches");
  EXPECT_THROW_WITH(StateMachine("M", Map{"Each"}), DefinitionError,
                    "[sfn.definition.304] Map 'Each' has no item processor");
}

TEST(StateMachineErrors, UnsupportedIntegrationListsTheSupportedOnes) {
  EXPECT_THROW_WITH(
      (SnsPublish{"Notify",
                  {.topic = "arn:aws:sns:us-east-1:1:t", .message = "x", .integration = Integration::run_job}}),
      DefinitionError,
      "[sfn.definition.302] Task 'Notify': sns:publish does not support the run_job integration pattern; supported: "
      "request_response (no suffix), wait_for_task_token (.waitForTaskToken)");
}

TEST(StateMachineErrors, WaitForTaskTokenWithoutToken) {
  EXPECT_THROW_WITH((LambdaInvoke{"I", {.function = kFunction, .integration = Integration::wait_for_task_token}}),
                    DefinitionError, "[sfn.definition.303] lambda:invoke 'I' waits for a task token");
}

TEST(StateMachineErrors, FargateRunTaskNeedsSubnets) {
  EXPECT_THROW_WITH((EcsRunTask{"Run", {.cluster = "c", .task_definition = "t"}}), DefinitionError,
                    "[sfn.definition.304] ecs:runTask 'Run' runs on Fargate (awsvpc) and needs at least one subnet");
}

// ---- role derivation ----

TEST(Policy, MergesStatementsPerActionSet) {
  SnsPublish a{"A", {.topic = "arn:aws:sns:us-east-1:1:t1", .message = "x"}};
  SnsPublish b{"B", {.topic = "arn:aws:sns:us-east-1:1:t2", .message = "x"}};
  SnsPublish c{"C", {.topic = "arn:aws:sns:us-east-1:1:t1", .message = "y"}};
  StateMachine m{"M", chain(a, b, c)};
  ASSERT_EQ(m.policy().size(), 1u);
  EXPECT_EQ(m.policy()[0].actions, std::vector<std::string>{"sns:Publish"});
  ASSERT_EQ(m.policy()[0].resources.size(), 2u);
}

TEST(Policy, PassStatesNeedNothing) {
  StateMachine m{"M", chain(Pass{"A"}, Succeed{"B"})};
  EXPECT_TRUE(m.policy().empty());
}

TEST(Policy, LoggingAddsLogDeliveryPermissions) {
  StateMachine m{"M", Pass{"A"}, {.logging = Logging{.log_group = "arn:aws:logs:us-east-1:1:log-group:g"}}};
  ASSERT_EQ(m.policy().size(), 1u);
  EXPECT_EQ(m.policy()[0].actions.front(), "logs:CreateLogDelivery");
}

}  // namespace
}  // namespace hoplite::sfn
