// The texts diff and execute print: stable, terminal-safe, and the failure details a user needs.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "app/commands/diff.hpp"
#include "app/commands/execute.hpp"

namespace hoplite::app {
namespace {

namespace cf = aws::cloudformation;

TEST(DiffText, AddModifyRemoveWithPropertyPaths) {
  std::vector<cf::ResourceChange> changes{
      {.action = "Add", .logical_resource_id = "Queue", .resource_type = "AWS::SQS::Queue"},
      {.action = "Modify",
       .logical_resource_id = "Task",
       .resource_type = "AWS::ECS::TaskDefinition",
       .replacement = "True",
       .details = {{.target = {.attribute = "Properties",
                               .name = "Memory",
                               .requires_recreation = "Always",
                               .before_value = "512",
                               .after_value = "1024"}}}},
      {.action = "Remove", .logical_resource_id = "Old\x1b[2J", .resource_type = "AWS::SNS::Topic"}};
  EXPECT_EQ(diff_text(changes),
            "+ Queue       AWS::SQS::Queue\n"
            "~ Task        AWS::ECS::TaskDefinition  replaced\n"
            "    Properties.Memory: 512 \u2192 1024  (replaces)\n"
            "- Old\\x1b[2J  AWS::SNS::Topic\n");
  auto doc = nlohmann::json::parse(diff_json("Web", changes));
  EXPECT_EQ(doc["stack"], "Web");
  ASSERT_EQ(doc["changes"].size(), 3u);
  EXPECT_EQ(doc["changes"][1]["details"][0]["after"], "1024");
  EXPECT_EQ(doc["changes"][1]["replacement"], "True");
}

// CloudFormation describes a property that reads a replaced resource twice (Dynamic
// DirectModification + Static ResourceReference); the text shows it once, with its cause.
TEST(DiffText, PropertyReadingAReplacedResourceIsShownOnceWithItsCause) {
  const cf::ChangeTarget definition{.attribute = "Properties",
                                    .name = "DefinitionString",
                                    .requires_recreation = "Never",
                                    .path = "/Properties/DefinitionString",
                                    .before_value = "{\"TaskDefinition\":\"td:1\"}",
                                    .after_value = "{{changeSet:KNOWN_AFTER_APPLY}}"};
  std::vector<cf::ResourceChange> changes{
      {.action = "Modify",
       .logical_resource_id = "Machine",
       .resource_type = "AWS::StepFunctions::StateMachine",
       .replacement = "False",
       .details = {{.target = definition, .evaluation = "Dynamic", .change_source = "DirectModification"},
                   {.target = definition,
                    .evaluation = "Static",
                    .change_source = "ResourceReference",
                    .causing_entity = "TaskDefinition"}}}};
  EXPECT_EQ(diff_text(changes),
            "~ Machine  AWS::StepFunctions::StateMachine\n"
            "    /Properties/DefinitionString: {\"TaskDefinition\":\"td:1\"} \u2192 (known after the update)  "
            "(because of TaskDefinition)\n");
  auto doc = nlohmann::json::parse(diff_json("S", changes));
  ASSERT_EQ(doc["changes"][0]["details"].size(), 2u);  // the JSON keeps CloudFormation's details
  EXPECT_EQ(doc["changes"][0]["details"][1]["causing_entity"], "TaskDefinition");
  EXPECT_EQ(doc["changes"][0]["details"][1]["change_source"], "ResourceReference");
}

TEST(DiffText, InvalidUtf8StillGivesJson) {
  std::vector<cf::ResourceChange> changes{{.action = "Add", .logical_resource_id = "A\xff", .resource_type = "T"}};
  auto doc = nlohmann::json::parse(diff_json("S", changes), nullptr, /*allow_exceptions=*/false);
  EXPECT_FALSE(doc.is_discarded());
}

aws::sfn::HistoryEvent event(std::int64_t id, std::string type, nlohmann::json details) {
  return {.id = id, .type = std::move(type), .details = details.dump()};
}

TEST(ExecuteText, TaskFailureCarriesExitCodeAndStoppedReason) {
  nlohmann::json task{{"TaskArn", "arn:aws:ecs:us-east-1:000000000000:task/c/abc123"},
                      {"StoppedReason", "Essential container in task exited"},
                      {"Containers", {{{"Name", "app"}, {"ExitCode", 3}}}}};
  std::vector<aws::sfn::HistoryEvent> history{
      event(1, "ExecutionStarted", {{"input", "{}"}}), event(2, "TaskStateEntered", {{"name", "Run Fargate Task"}}),
      event(3, "TaskSubmitted", {{"resourceType", "ecs"}, {"resource", "runTask.sync"}}),
      event(4, "TaskFailed", {{"error", "States.TaskFailed"}, {"cause", task.dump()}}),
      event(5, "PassStateEntered", {{"name", "Notify Failure"}})};
  auto failures = task_failures(history);
  ASSERT_EQ(failures.size(), 1u);
  EXPECT_EQ(failures[0].state, "Run Fargate Task");
  EXPECT_EQ(failures[0].error, "States.TaskFailed");
  EXPECT_EQ(failures[0].exit_code, 3);
  EXPECT_EQ(failures[0].stopped_reason, "Essential container in task exited");
  EXPECT_EQ(failures[0].task_arn, "arn:aws:ecs:us-east-1:000000000000:task/c/abc123");
  EXPECT_EQ(history_line(history[1]), "state entered: Run Fargate Task");
  EXPECT_EQ(history_line(history[2]), "task submitted: ecs:runTask.sync");
  EXPECT_EQ(history_line(history[0]), "");
}

TEST(ExecuteText, CauseThatIsNotJsonIsKeptAsText) {
  auto failures = task_failures({event(1, "TaskStateEntered", {{"name", "S"}}),
                                 event(2, "TaskFailed", {{"error", "E"}, {"cause", "plain words"}})});
  ASSERT_EQ(failures.size(), 1u);
  EXPECT_FALSE(failures[0].exit_code);
  EXPECT_EQ(failures[0].cause, "plain words");
}

}  // namespace
}  // namespace hoplite::app
