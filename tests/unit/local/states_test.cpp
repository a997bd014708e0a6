// The local Step Functions through the production client (aws::sfn::Client over InProcessClient):
// the same shape code encodes on one side and decodes on the other.
#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include <nlohmann/json.hpp>

#include "hoplite/aws/iam.hpp"
#include "hoplite/aws/s3.hpp"
#include "hoplite/aws/sfn.hpp"
#include "local_fixture.hpp"

namespace hoplite::local {
namespace {

using nlohmann::json;
using testing::LocalCloudTest;
namespace sfn = aws::sfn;

constexpr const char* kMachineRole = "arn:aws:iam::000000000000:role/machine";
constexpr const char* kStatesTrustPolicy = R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow",
  "Principal":{"Service":"states.amazonaws.com"},"Action":"sts:AssumeRole"}]})";
constexpr const char* kMayStart = R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow",
  "Action":"states:StartExecution","Resource":"*"}]})";
constexpr const char* kPasses = R"json({"StartAt":"A","States":{
  "A":{"Type":"Pass","Parameters":{"n.$":"$.n","doubled.$":"States.MathAdd($.n, $.n)"},"ResultPath":"$.a","Next":"B"},
  "B":{"Type":"Pass","Result":"done","ResultPath":"$.b","End":true}}})json";
constexpr const char* kLongWait = R"({"StartAt":"W","States":{
  "W":{"Type":"Wait","Seconds":3600,"Next":"P"},"P":{"Type":"Pass","End":true}}})";

std::string read(const std::filesystem::path& p) {
  std::ifstream in(p);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

class StatesTest : public LocalCloudTest {
 protected:
  sfn::Client client(const std::string& region = "us-east-1") { return sfn::Client(config(creds, region)); }

  std::string create(const std::string& name, const std::string& definition, const std::string& type = "STANDARD") {
    auto r =
        client().create_state_machine({.name = name, .definition = definition, .role_arn = kMachineRole, .type = type});
    EXPECT_TRUE(r.ok()) << name << ": " << (r.ok() ? "" : r.error().to_string());
    return r.ok() ? r->state_machine_arn : "";
  }

  std::string start(const std::string& machine, const std::string& input = "{}",
                    std::optional<std::string> name = std::nullopt) {
    auto r = client().start_execution({.state_machine_arn = machine, .name = std::move(name), .input = input});
    EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().to_string());
    return r.ok() ? r->execution_arn : "";
  }

  /// The machines' role in the local IAM, allowed states:StartExecution (the integration checks).
  void allow_starting_executions() {
    aws::iam::Client iam(config(creds, "us-east-1"));
    ASSERT_TRUE(iam.create_role({.role_name = "machine", .assume_role_policy_document = kStatesTrustPolicy}).ok());
    ASSERT_TRUE(
        iam.put_role_policy({.role_name = "machine", .policy_name = "start", .policy_document = kMayStart}).ok());
  }

  /// Polls DescribeExecution until the execution left `RUNNING` (the driver thread runs it).
  sfn::Execution finished(const std::string& arn) {
    for (int i = 0; i < 3000; ++i) {
      auto d = client().describe_execution(arn);
      EXPECT_TRUE(d.ok()) << (d.ok() ? "" : d.error().to_string());
      if (!d.ok() || d->status != "RUNNING") return d.ok() ? *d : sfn::Execution{};
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    ADD_FAILURE() << arn << " still runs after 30 s";
    return {};
  }

  std::vector<std::string> event_types(const std::string& arn) {
    auto events = client().get_execution_history_all({.execution_arn = arn});
    EXPECT_TRUE(events.ok()) << (events.ok() ? "" : events.error().to_string());
    std::vector<std::string> out;
    if (events.ok())
      for (const auto& e : *events) out.push_back(e.type);
    return out;
  }

  static void expect_error(const core::Result<void>& r, const std::string& code, const std::string& part) {
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, code) << r.error().message;
    EXPECT_NE(r.error().message.find(part), std::string::npos) << r.error().message;
  }
  template <typename T>
  static void expect_error(const core::Result<T>& r, const std::string& code, const std::string& part) {
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, code) << r.error().message;
    EXPECT_NE(r.error().message.find(part), std::string::npos) << r.error().message;
  }

  aws::StaticCredentialsProvider creds{testing::test_credentials()};
};

TEST_F(StatesTest, StateMachinesAreCreatedDescribedListedUpdatedAndDeleted) {
  auto c = client();
  auto first = c.create_state_machine({.name = "orders", .definition = kPasses, .role_arn = kMachineRole});
  ASSERT_TRUE(first.ok()) << first.error().to_string();
  EXPECT_EQ(first->state_machine_arn, "arn:aws:states:us-east-1:000000000000:stateMachine:orders");
  EXPECT_EQ(first->creation_date, clock.now());

  // The same request again is the same machine; another definition under the name is refused.
  auto again = c.create_state_machine({.name = "orders", .definition = kPasses, .role_arn = kMachineRole});
  ASSERT_TRUE(again.ok()) << again.error().to_string();
  EXPECT_EQ(again->state_machine_arn, first->state_machine_arn);
  expect_error(c.create_state_machine({.name = "orders", .definition = kLongWait, .role_arn = kMachineRole}),
               "StateMachineAlreadyExists",
               "State Machine Already Exists: 'arn:aws:states:us-east-1:000000000000:stateMachine:orders'");

  auto d = c.describe_state_machine(first->state_machine_arn);
  ASSERT_TRUE(d.ok()) << d.error().to_string();
  EXPECT_EQ(d->name, "orders");
  EXPECT_EQ(d->status, "ACTIVE");
  EXPECT_EQ(d->type, "STANDARD");
  EXPECT_EQ(d->definition, kPasses);
  EXPECT_EQ(d->role_arn, kMachineRole);
  EXPECT_FALSE(d->revision_id);  // recorded on AWS: no revision before the first update

  create("billing", kPasses, "EXPRESS");
  create("audit", kPasses);
  auto page = c.list_state_machines({.max_results = 2});
  ASSERT_TRUE(page.ok()) << page.error().to_string();
  ASSERT_EQ(page->state_machines.size(), 2u);
  EXPECT_EQ(page->state_machines[0].name, "audit");
  EXPECT_EQ(page->state_machines[1].name, "billing");
  EXPECT_EQ(page->state_machines[1].type, "EXPRESS");
  ASSERT_TRUE(page->next_token);
  auto rest = c.list_state_machines({.max_results = 2, .next_token = page->next_token});
  ASSERT_TRUE(rest.ok()) << rest.error().to_string();
  ASSERT_EQ(rest->state_machines.size(), 1u);
  EXPECT_EQ(rest->state_machines[0].name, "orders");
  EXPECT_FALSE(rest->next_token);
  expect_error(c.list_state_machines({.next_token = "bm90IG91cnM="}), "InvalidToken", "Invalid Token");

  auto updated = c.update_state_machine({.state_machine_arn = first->state_machine_arn, .definition = kLongWait});
  ASSERT_TRUE(updated.ok()) << updated.error().to_string();
  ASSERT_TRUE(updated->revision_id);
  EXPECT_NE(updated->revision_id, d->revision_id);
  EXPECT_EQ(c.describe_state_machine(first->state_machine_arn)->definition, kLongWait);
  EXPECT_EQ(c.describe_state_machine(first->state_machine_arn)->revision_id, updated->revision_id);
  expect_error(c.update_state_machine({.state_machine_arn = first->state_machine_arn}), "MissingRequiredParameter",
               "Either the definition or the role ARN");

  ASSERT_TRUE(c.delete_state_machine(first->state_machine_arn).ok());
  expect_error(c.describe_state_machine(first->state_machine_arn), "StateMachineDoesNotExist",
               "State Machine Does Not Exist: 'arn:aws:states:us-east-1:000000000000:stateMachine:orders'");
  EXPECT_TRUE(c.delete_state_machine(first->state_machine_arn).ok()) << "deleting twice is not an error";
}

TEST_F(StatesTest, NamesArnsAndRolesAreChecked) {
  auto c = client();
  expect_error(c.create_state_machine({.name = "a b", .definition = kPasses, .role_arn = kMachineRole}), "InvalidName",
               "Invalid Name: 'a b'");
  expect_error(c.create_state_machine({.name = "x", .definition = kPasses, .role_arn = "role"}), "InvalidArn",
               "Invalid Arn: 'Invalid ARN prefix: role'");
  expect_error(c.create_state_machine({.name = "x", .definition = kPasses, .role_arn = kMachineRole, .type = "FAST"}),
               "ValidationException", "Member must satisfy enum value set: [STANDARD, EXPRESS]");
  expect_error(c.describe_state_machine("arn:aws:states:us-east-1:000000000000:execution:x:y"), "InvalidArn",
               "Resource type not valid in this context: execution");
  expect_error(c.describe_state_machine("arn:aws:states:eu-west-1:000000000000:stateMachine:x"),
               "StateMachineDoesNotExist", "eu-west-1");
  expect_error(c.describe_execution("arn:aws:states:us-east-1:000000000000:execution:x:y"), "ExecutionDoesNotExist",
               "Execution Does Not Exist");
}

TEST_F(StatesTest, EveryValidAslFixtureIsAcceptedAndEveryInvalidOneRejected) {
  auto c = client();
  int n = 0;
  for (const char* kind : {"valid", "invalid"}) {
    for (const auto& e :
         std::filesystem::directory_iterator(hoplite::testing::testdata(std::string("sfn/asl/") + kind))) {
      auto r = c.create_state_machine(
          {.name = "m" + std::to_string(n++), .definition = read(e.path()), .role_arn = kMachineRole});
      if (std::string(kind) == "valid") {
        EXPECT_TRUE(r.ok()) << e.path().filename() << ": " << (r.ok() ? "" : r.error().message);
      } else {
        ASSERT_FALSE(r.ok()) << e.path().filename() << " was accepted";
        EXPECT_EQ(r.error().code, "InvalidDefinition") << e.path().filename();
        EXPECT_NE(r.error().message.find("Invalid State Machine Definition: '"), std::string::npos)
            << r.error().message;
      }
    }
  }
  EXPECT_GT(n, 40);
}

TEST_F(StatesTest, AnExecutionRunsToItsOutputWithAPagedHistory) {
  std::string machine = create("passes", kPasses);
  std::string arn = start(machine, R"({"n":21})", "run-1");
  EXPECT_EQ(arn, "arn:aws:states:us-east-1:000000000000:execution:passes:run-1");
  auto d = finished(arn);
  EXPECT_EQ(d.status, "SUCCEEDED");
  EXPECT_EQ(d.name, "run-1");
  EXPECT_EQ(d.state_machine_arn, machine);
  EXPECT_EQ(d.input, R"({"n":21})");
  EXPECT_EQ(json::parse(*d.output), json::parse(R"({"n":21,"a":{"n":21,"doubled":42},"b":"done"})"));
  EXPECT_TRUE(d.stop_date);

  const std::vector<std::string> expected = {"ExecutionStarted", "PassStateEntered", "PassStateExited",
                                             "PassStateEntered", "PassStateExited",  "ExecutionSucceeded"};
  EXPECT_EQ(event_types(arn), expected);

  auto c = client();
  auto page = c.get_execution_history({.execution_arn = arn, .max_results = 4});
  ASSERT_TRUE(page.ok()) << page.error().to_string();
  ASSERT_EQ(page->events.size(), 4u);
  EXPECT_EQ(page->events[0].id, 1);
  EXPECT_EQ(page->events[1].previous_event_id, 0) << "AWS: the first state follows event 0";
  EXPECT_EQ(page->events[1].details_member, "stateEnteredEventDetails");
  EXPECT_EQ(json::parse(page->events[1].details)["name"], "A");
  ASSERT_TRUE(page->next_token);
  auto rest = c.get_execution_history({.execution_arn = arn, .max_results = 4, .next_token = page->next_token});
  ASSERT_TRUE(rest.ok()) << rest.error().to_string();
  ASSERT_EQ(rest->events.size(), 2u);
  EXPECT_EQ(rest->events[1].type, "ExecutionSucceeded");
  EXPECT_FALSE(rest->next_token);
  auto reversed = c.get_execution_history({.execution_arn = arn, .max_results = 2, .reverse_order = true});
  ASSERT_TRUE(reversed.ok());
  ASSERT_EQ(reversed->events.size(), 2u);
  EXPECT_EQ(reversed->events[0].id, 6);
  EXPECT_EQ(reversed->events[1].id, 5);
  // A token is bound to its listing.
  expect_error(c.get_execution_history({.execution_arn = arn, .reverse_order = true, .next_token = page->next_token}),
               "InvalidToken", "Invalid Token");
}

TEST_F(StatesTest, StartExecutionIsIdempotentByNameWhileItRuns) {
  std::string machine = create("waits", kLongWait);
  std::string arn = start(machine, R"({"a":1})", "once");
  auto c = client();
  auto same = c.start_execution({.state_machine_arn = machine, .name = "once", .input = R"({"a":1})"});
  ASSERT_TRUE(same.ok()) << same.error().to_string();
  EXPECT_EQ(same->execution_arn, arn);
  expect_error(c.start_execution({.state_machine_arn = machine, .name = "once", .input = R"({"a":2})"}),
               "ExecutionAlreadyExists", "Execution Already Exists: '" + arn + "'");

  auto stopped = c.stop_execution({.execution_arn = arn, .error = "Cancelled", .cause = "by the test"});
  ASSERT_TRUE(stopped.ok()) << stopped.error().to_string();
  auto d = finished(arn);
  EXPECT_EQ(d.status, "ABORTED");
  EXPECT_EQ(d.error, "Cancelled");
  EXPECT_EQ(d.cause, "by the test");
  EXPECT_EQ(event_types(arn).back(), "ExecutionAborted");
  // Finished: the name stays taken.
  expect_error(c.start_execution({.state_machine_arn = machine, .name = "once", .input = R"({"a":1})"}),
               "ExecutionAlreadyExists", "Execution Already Exists");
  expect_error(c.start_execution({.state_machine_arn = machine, .input = "not json"}), "InvalidExecutionInput",
               "Invalid State Machine Execution Input");
}

TEST_F(StatesTest, ListExecutionsNewestFirstFilteredAndPaged) {
  std::string machine = create("passes", kPasses);
  std::string waits = create("waits", kLongWait);
  std::vector<std::string> arns;
  for (int i = 0; i < 3; ++i) arns.push_back(start(machine, R"({"n":1})", "e" + std::to_string(i)));
  for (const auto& a : arns) finished(a);
  std::string running = start(waits, "{}", "w");
  auto c = client();
  auto page = c.list_executions({.state_machine_arn = machine, .max_results = 2});
  ASSERT_TRUE(page.ok()) << page.error().to_string();
  ASSERT_EQ(page->executions.size(), 2u);
  EXPECT_EQ(page->executions[0].name, "e2");
  EXPECT_EQ(page->executions[1].name, "e1");
  EXPECT_FALSE(page->executions[0].output) << "listed executions carry no payloads";
  ASSERT_TRUE(page->next_token);
  auto rest = c.list_executions({.state_machine_arn = machine, .max_results = 2, .next_token = page->next_token});
  ASSERT_TRUE(rest.ok()) << rest.error().to_string();
  ASSERT_EQ(rest->executions.size(), 1u);
  EXPECT_EQ(rest->executions[0].name, "e0");
  auto run = c.list_executions({.state_machine_arn = waits, .status_filter = "RUNNING"});
  ASSERT_TRUE(run.ok());
  ASSERT_EQ(run->executions.size(), 1u);
  EXPECT_EQ(run->executions[0].execution_arn, running);
  auto none = c.list_executions({.state_machine_arn = waits, .status_filter = "SUCCEEDED"});
  ASSERT_TRUE(none.ok());
  EXPECT_TRUE(none->executions.empty());
}

TEST_F(StatesTest, ExpressMachinesRunSynchronously) {
  std::string express = create("quick", kPasses, "EXPRESS");
  auto c = client();
  auto r = c.start_sync_execution({.state_machine_arn = express, .name = "s1", .input = R"({"n":2})"});
  ASSERT_TRUE(r.ok()) << r.error().to_string();
  EXPECT_EQ(r->status, "SUCCEEDED");
  EXPECT_EQ(json::parse(*r->output)["a"]["doubled"], 4);
  EXPECT_EQ(r->name, "s1");
  std::string standard = create("slow", kPasses);
  expect_error(c.start_sync_execution({.state_machine_arn = standard}), "StateMachineTypeNotSupported",
               "not supported by this type of state machine");
}

TEST_F(StatesTest, StartExecutionIntegrationsRunChildMachines) {
  // IAM decides what the execution's role may start: first without the permission, then with it.
  aws::iam::Client iam(config(creds, "us-east-1"));
  ASSERT_TRUE(iam.create_role({.role_name = "machine", .assume_role_policy_document = kStatesTrustPolicy}).ok());
  std::string child =
      create("child", R"({"StartAt":"P","States":{"P":{"Type":"Pass","Result":{"Arg1":"argument1"},"End":true}}})");
  std::string sync2 = create("parent2", R"({"StartAt":"S","States":{"S":{"Type":"Task",
    "Resource":"arn:aws:states:::states:startExecution.sync:2",
    "Parameters":{"StateMachineArn.$":"$.arn","Input":{"x":1},"Name":"kid"},"End":true}}})");
  auto denied = finished(start(sync2, json{{"arn", child}}.dump()));
  ASSERT_EQ(denied.status, "FAILED");
  EXPECT_EQ(denied.error, "StepFunctions.AccessDeniedException");
  EXPECT_NE(denied.cause.value_or("").find("is not authorized to perform: states:StartExecution on resource: " + child),
            std::string::npos)
      << denied.cause.value_or("");
  ASSERT_TRUE(iam.put_role_policy({.role_name = "machine", .policy_name = "start", .policy_document = kMayStart}).ok());
  auto d = finished(start(sync2, json{{"arn", child}}.dump()));
  ASSERT_EQ(d.status, "SUCCEEDED") << d.cause.value_or("");
  json out = json::parse(*d.output);
  EXPECT_EQ(out["Output"], json::parse(R"({"Arg1":"argument1"})"));
  EXPECT_EQ(out["Input"], json::parse(R"({"x":1})"));
  EXPECT_EQ(out["Status"], "SUCCEEDED");
  EXPECT_EQ(out["ExecutionArn"], "arn:aws:states:us-east-1:000000000000:execution:child:kid");
  const std::vector<std::string> events = {"ExecutionStarted", "TaskStateEntered",  "TaskScheduled",
                                           "TaskStarted",      "TaskSubmitted",     "TaskSucceeded",
                                           "TaskStateExited",  "ExecutionSucceeded"};
  EXPECT_EQ(event_types(d.execution_arn), events);

  std::string plain = create("parent", R"({"StartAt":"S","States":{"S":{"Type":"Task",
    "Resource":"arn:aws:states:::states:startExecution","Parameters":{"StateMachineArn.$":"$.arn"},"End":true}}})");
  auto p = finished(start(plain, json{{"arn", child + "-gone"}}.dump()));
  EXPECT_EQ(p.status, "FAILED");
  EXPECT_EQ(p.error, "StepFunctions.StateMachineDoesNotExistException");
  EXPECT_NE(p.cause->find("State Machine Does Not Exist: '" + child +
                          "-gone' (Service: AWSStepFunctions; Status "
                          "Code: 400; Error Code: StateMachineDoesNotExist; Request ID: "),
            std::string::npos)
      << *p.cause;
}

TEST_F(StatesTest, TaskTokensEndWaitingTasks) {
  // The child's input carries the parent's token; the test plays the worker that answers.
  std::string child = create("worker", R"({"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":3600,"End":true}}})");
  std::string parent = create("waiter", R"({"StartAt":"T","States":{"T":{"Type":"Task",
    "Resource":"arn:aws:states:::states:startExecution.waitForTaskToken",
    "Parameters":{"StateMachineArn.$":"$.arn","Name":"job","Input":{"token.$":"$$.Task.Token"}},"End":true}}})");
  allow_starting_executions();
  std::string arn = start(parent, json{{"arn", child}}.dump());
  std::string child_arn = "arn:aws:states:us-east-1:000000000000:execution:worker:job";
  auto c = client();
  std::string token;
  for (int i = 0; i < 3000 && token.empty(); ++i) {
    auto d = c.describe_execution(child_arn);
    if (d.ok()) token = json::parse(*d->input)["token"].get<std::string>();
    if (token.empty()) std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  ASSERT_FALSE(token.empty());
  expect_error(c.send_task_success("not-a-token", "{}"), "InvalidToken", "Invalid Token");
  ASSERT_TRUE(c.send_task_heartbeat(token).ok());
  ASSERT_TRUE(c.send_task_success(token, R"({"answer":42})").ok());
  auto d = finished(arn);
  EXPECT_EQ(d.status, "SUCCEEDED");
  EXPECT_EQ(json::parse(*d.output), json::parse(R"({"answer":42})"));
  EXPECT_TRUE(c.stop_execution({.execution_arn = child_arn}).ok());
}

TEST_F(StatesTest, AwsSdkIntegrationsCallS3AndStepFunctions) {
  // One machine lists, heads, deletes and misses objects through aws-sdk:s3, describes its own
  // execution through aws-sdk:sfn, and calls a service the local cloud does not run.
  aws::iam::Client iam(config(creds, "us-east-1"));
  ASSERT_TRUE(iam.create_role({.role_name = "machine", .assume_role_policy_document = kStatesTrustPolicy}).ok());
  ASSERT_TRUE(iam.put_role_policy({.role_name = "machine",
                                   .policy_name = "sdk",
                                   .policy_document = R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow",
    "Action":["s3:*","states:DescribeExecution"],"Resource":"*"}]})"})
                  .ok());
  ASSERT_TRUE(aws::s3::Client(config(creds)).create_bucket("sdk-bucket").ok());
  std::string machine = create("sdk", R"({"StartAt":"PutA","States":{
    "PutA":{"Type":"Task","Resource":"arn:aws:states:::aws-sdk:s3:putObject",
      "Parameters":{"Bucket":"sdk-bucket","Key":"in/a","Body":"a"},"ResultPath":null,"Next":"PutB"},
    "PutB":{"Type":"Task","Resource":"arn:aws:states:::aws-sdk:s3:putObject",
      "Parameters":{"Bucket":"sdk-bucket","Key":"in/b","Body":{"b":1}},"ResultPath":null,"Next":"List"},
    "List":{"Type":"Task","Resource":"arn:aws:states:::aws-sdk:s3:listObjectsV2",
      "Parameters":{"Bucket":"sdk-bucket","Prefix":"in/"},"ResultPath":"$.list","Next":"Head"},
    "Head":{"Type":"Task","Resource":"arn:aws:states:::aws-sdk:s3:headObject",
      "Parameters":{"Bucket":"sdk-bucket","Key":"in/b"},"ResultPath":"$.head","Next":"Delete"},
    "Delete":{"Type":"Task","Resource":"arn:aws:states:::aws-sdk:s3:deleteObject",
      "Parameters":{"Bucket":"sdk-bucket","Key":"in/a"},"ResultPath":"$.deleted","Next":"Missing"},
    "Missing":{"Type":"Task","Resource":"arn:aws:states:::aws-sdk:s3:getObject",
      "Parameters":{"Bucket":"sdk-bucket","Key":"in/a"},
      "Catch":[{"ErrorEquals":["S3.NoSuchKeyException"],"ResultPath":"$.missing","Next":"Describe"}],"Next":"Describe"},
    "Describe":{"Type":"Task","Resource":"arn:aws:states:::aws-sdk:sfn:describeExecution",
      "Parameters":{"ExecutionArn.$":"$$.Execution.Id"},"ResultSelector":{"Status.$":"$.Status","Name.$":"$.Name"},
      "ResultPath":"$.self","Next":"Other"},
    "Other":{"Type":"Task","Resource":"arn:aws:states:::aws-sdk:dynamodb:getItem","Parameters":{},
      "Catch":[{"ErrorEquals":["States.TaskFailed"],"ResultPath":"$.other","Next":"Done"}],"Next":"Done"},
    "Done":{"Type":"Pass","End":true}}})");
  auto d = finished(start(machine, "{}", "run"));
  ASSERT_EQ(d.status, "SUCCEEDED") << d.error.value_or("") << ": " << d.cause.value_or("");
  json out = json::parse(*d.output);
  EXPECT_EQ(out["list"]["KeyCount"], 2);
  EXPECT_EQ(out["list"]["Contents"][0]["Key"], "in/a");
  EXPECT_EQ(out["list"]["Contents"][1]["Size"], 7);  // {"b":1}
  EXPECT_EQ(out["list"]["Name"], "sdk-bucket");
  EXPECT_EQ(out["head"]["ContentLength"], 7);
  EXPECT_FALSE(out["head"].contains("Body"));
  EXPECT_EQ(out["deleted"], json::object());
  EXPECT_EQ(out["missing"]["Error"], "S3.NoSuchKeyException");
  EXPECT_EQ(out["missing"]["Cause"].get<std::string>().rfind(
                "The specified key does not exist. (Service: S3, Status Code: 404, Request ID: ", 0),
            0u)
      << out["missing"]["Cause"];
  EXPECT_EQ(out["self"], json::parse(R"({"Status":"RUNNING","Name":"run"})"));
  EXPECT_NE(out["other"]["Cause"].get<std::string>().find("is not run by the local cloud"), std::string::npos);
}

TEST_F(StatesTest, AwsSdkIntegrationsCallTheJsonServicesThroughTheirOwnHandlers) {
  // SSM (PascalCase on the wire), CloudWatch Logs, ECS and ECR (camelCase): Parameters in, the
  // answer out in PascalCase, service errors as `<Service>.<Code>Exception`, IAM as
  // `<prefix>:<Action>`, an operation the service lacks as TaskFailed.
  aws::iam::Client iam(config(creds, "us-east-1"));
  ASSERT_TRUE(iam.create_role({.role_name = "machine", .assume_role_policy_document = kStatesTrustPolicy}).ok());
  ASSERT_TRUE(iam.put_role_policy({.role_name = "machine",
                                   .policy_name = "sdk",
                                   .policy_document = R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow",
    "Action":["ssm:*","logs:*","ecr:*","ecs:CreateCluster","ecs:FooBar"],"Resource":"*"}]})"})
                  .ok());
  std::string machine = create("json-sdk", R"({"StartAt":"Put","States":{
    "Put":{"Type":"Task","Resource":"arn:aws:states:::aws-sdk:ssm:putParameter",
      "Parameters":{"Name":"/app/colour","Value":"blue","Type":"String"},"ResultPath":"$.put","Next":"Get"},
    "Get":{"Type":"Task","Resource":"arn:aws:states:::aws-sdk:ssm:getParameter",
      "Parameters":{"Name":"/app/colour"},"ResultSelector":{"value.$":"$.Parameter.Value"},"ResultPath":"$.get",
      "Next":"NoParameter"},
    "NoParameter":{"Type":"Task","Resource":"arn:aws:states:::aws-sdk:ssm:getParameter",
      "Parameters":{"Name":"/app/none"},
      "Catch":[{"ErrorEquals":["Ssm.ParameterNotFoundException"],"ResultPath":"$.noParameter","Next":"Group"}],
      "Next":"Group"},
    "Group":{"Type":"Task","Resource":"arn:aws:states:::aws-sdk:cloudwatchlogs:createLogGroup",
      "Parameters":{"LogGroupName":"/sdk/app"},"ResultPath":null,"Next":"Groups"},
    "Groups":{"Type":"Task","Resource":"arn:aws:states:::aws-sdk:cloudwatchlogs:describeLogGroups",
      "Parameters":{"LogGroupNamePrefix":"/sdk/"},"ResultPath":"$.groups","Next":"Cluster"},
    "Cluster":{"Type":"Task","Resource":"arn:aws:states:::aws-sdk:ecs:createCluster",
      "Parameters":{"ClusterName":"sdk"},"ResultSelector":{"name.$":"$.Cluster.ClusterName"},
      "ResultPath":"$.cluster","Next":"NoRepository"},
    "NoRepository":{"Type":"Task","Resource":"arn:aws:states:::aws-sdk:ecr:describeRepositories",
      "Parameters":{"RepositoryNames":["nope"]},
      "Catch":[{"ErrorEquals":["Ecr.RepositoryNotFoundException"],"ResultPath":"$.noRepository","Next":"Denied"}],
      "Next":"Denied"},
    "Denied":{"Type":"Task","Resource":"arn:aws:states:::aws-sdk:ecs:deleteCluster",
      "Parameters":{"Cluster":"sdk"},
      "Catch":[{"ErrorEquals":["Ecs.AccessDeniedException"],"ResultPath":"$.denied","Next":"Unknown"}],
      "Next":"Unknown"},
    "Unknown":{"Type":"Task","Resource":"arn:aws:states:::aws-sdk:ecs:fooBar","Parameters":{},
      "Catch":[{"ErrorEquals":["States.TaskFailed"],"ResultPath":"$.unknown","Next":"Done"}],"Next":"Done"},
    "Done":{"Type":"Pass","End":true}}})");
  auto d = finished(start(machine));
  ASSERT_EQ(d.status, "SUCCEEDED") << d.error.value_or("") << ": " << d.cause.value_or("");
  json out = json::parse(*d.output);
  EXPECT_EQ(out["put"]["Version"], 1) << out["put"];
  EXPECT_EQ(out["get"]["value"], "blue");
  EXPECT_EQ(out["noParameter"]["Error"], "Ssm.ParameterNotFoundException");
  EXPECT_NE(out["noParameter"]["Cause"].get<std::string>().find("(Service: Ssm, Status Code: 400, Request ID: "),
            std::string::npos)
      << out["noParameter"]["Cause"];
  ASSERT_EQ(out["groups"]["LogGroups"].size(), 1u) << out["groups"];
  EXPECT_EQ(out["groups"]["LogGroups"][0]["LogGroupName"], "/sdk/app");
  EXPECT_EQ(out["cluster"]["name"], "sdk");
  EXPECT_EQ(out["noRepository"]["Error"], "Ecr.RepositoryNotFoundException");
  EXPECT_EQ(out["denied"]["Error"], "Ecs.AccessDeniedException");
  EXPECT_NE(out["denied"]["Cause"].get<std::string>().find("is not authorized to perform: ecs:DeleteCluster"),
            std::string::npos)
      << out["denied"]["Cause"];
  EXPECT_NE(out["unknown"]["Cause"].get<std::string>().find("ecs has no operation FooBar"), std::string::npos)
      << out["unknown"]["Cause"];
}

TEST_F(StatesTest, LambdaIsATaskFailureThatSaysWhy) {
  std::string machine = create("lambda", R"({"StartAt":"L","States":{"L":{"Type":"Task",
    "Resource":"arn:aws:states:::lambda:invoke","Parameters":{"FunctionName":"f"},"End":true}}})");
  auto d = finished(start(machine));
  EXPECT_EQ(d.status, "FAILED");
  EXPECT_EQ(d.error, "States.TaskFailed");
  EXPECT_NE(d.cause->find("not run by the local cloud"), std::string::npos) << *d.cause;
}

TEST_F(StatesTest, AnExecutionContinuesAfterARestartWithOneHistory) {
  std::string machine = create("waits", kLongWait);
  std::string arn = start(machine, R"({"k":"v"})", "durable");
  // Wait until it waits (the Wait's events are persisted).
  for (int i = 0; i < 3000 && event_types(arn).size() < 2; ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  ASSERT_EQ(event_types(arn), (std::vector<std::string>{"ExecutionStarted", "WaitStateEntered"}));
  cloud.reset();  // the server goes away mid-Wait
  clock.set(clock.now() + std::chrono::hours(2));
  open_cloud();
  auto d = finished(arn);
  EXPECT_EQ(d.status, "SUCCEEDED");
  EXPECT_EQ(json::parse(*d.output), json::parse(R"({"k":"v"})"));
  auto events = client().get_execution_history_all({.execution_arn = arn});
  ASSERT_TRUE(events.ok());
  const std::vector<std::string> expected = {"ExecutionStarted", "WaitStateEntered", "WaitStateExited",
                                             "PassStateEntered", "PassStateExited",  "ExecutionSucceeded"};
  EXPECT_EQ(event_types(arn), expected);
  for (std::size_t i = 0; i < events->size(); ++i) EXPECT_EQ((*events)[i].id, static_cast<std::int64_t>(i + 1));
}

TEST_F(StatesTest, TestStateRunsOneState) {
  auto c = client();
  auto pass = c.test_state({.definition = R"({"Type":"Pass","Parameters":{"x.$":"$.a"},"Next":"After"})",
                            .role_arn = std::string(kMachineRole),
                            .input = std::string(R"({"a":7})")});
  ASSERT_TRUE(pass.ok()) << pass.error().to_string();
  EXPECT_EQ(pass->status, "SUCCEEDED");
  EXPECT_EQ(pass->next_state, "After");
  EXPECT_EQ(json::parse(*pass->output), json::parse(R"({"x":7})"));

  auto choice = c.test_state({.definition = R"({"Type":"Choice","Choices":[
      {"Variable":"$.n","NumericGreaterThan":5,"Next":"Big"}],"Default":"Small"})",
                              .input = std::string(R"({"n":9})")});
  ASSERT_TRUE(choice.ok()) << choice.error().to_string();
  EXPECT_EQ(choice->next_state, "Big");

  auto fail = c.test_state({.definition = R"({"Type":"Fail","Error":"E","Cause":"c"})"});
  ASSERT_TRUE(fail.ok()) << fail.error().to_string();
  EXPECT_EQ(fail->status, "FAILED");
  EXPECT_EQ(fail->error, "E");

  auto caught = c.test_state({.definition = R"({"Type":"Task","Resource":"arn:aws:states:::lambda:invoke",
      "Parameters":{"FunctionName":"f"},"End":true,"Catch":[{"ErrorEquals":["States.ALL"],"Next":"Handler"}]})"});
  ASSERT_TRUE(caught.ok()) << caught.error().to_string();
  EXPECT_EQ(caught->status, "CAUGHT_ERROR");
  EXPECT_EQ(caught->next_state, "Handler");
  EXPECT_EQ(caught->error, "States.TaskFailed");
  expect_error(c.test_state({.definition = R"({"Type":"Parallel","Branches":[]})"}), "InvalidDefinition",
               "TestState runs Task, Pass");
}

}  // namespace
}  // namespace hoplite::local
