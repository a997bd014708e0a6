#pragma once
/// \file The IAM roles of a template and, for each statement, who needs it: which state of which
/// state machine, which task running in which task definition, which Lambda function.
///
/// The template does not say why a statement is there, so describe works it out (the rules are
/// also in docs/cli.md): a state machine's statement is needed by each Task state whose service
/// integration is in the statement's actions (`ecs:runTask` ↔ `ecs:*`) and that refers to one of
/// the statement's resources (or the resource is `*`); `iam:PassRole` by the states that reach a
/// passed role through the resources they name (a task definition's roles); `events:*` by the
/// `.sync` states (Step Functions' managed rule); `logs:*`/`xray:*` by the machine's logging and
/// tracing. A role that tasks assume (TaskRoleArn) is needed by the tasks those containers run.

#include <string>
#include <vector>

#include "describe/json_input.hpp"
#include "describe/machines.hpp"
#include "describe/template_model.hpp"

namespace hoplite::describe {

struct StatementInfo {
  std::string policy;                  ///< the inline policy's name, or the AWS::IAM::Policy's logical id
  std::string effect;                  ///< Allow or Deny
  std::vector<std::string> actions;    ///< Action, or NotAction as "not <action>"
  std::vector<Json> resources;         ///< as written (strings or intrinsics)
  Json condition;                      ///< null when there is none
  std::vector<std::string> needed_by;  ///< "state 'Run Fargate Task'", "task fargateTask", …; empty: not matched
};

struct RoleInfo {
  std::string logical_id;
  std::vector<std::string> trusted;       ///< principals that may assume it ("ecs-tasks.amazonaws.com")
  std::vector<std::string> used_by;       ///< "TaskTaskDefinition (ExecutionRoleArn)", "Machine (RoleArn)"
  std::vector<Json> managed_policies;     ///< ManagedPolicyArns, as written
  std::vector<StatementInfo> statements;  ///< inline policies, then AWS::IAM::Policy resources naming it
};

/// Every AWS::IAM::Role of `model`, in template order. `task_names` are the service's tasks, so a
/// container whose command starts with one is shown as that task.
[[nodiscard]] std::vector<RoleInfo> read_roles(const TemplateModel& model, const std::vector<MachineInfo>& machines,
                                               const std::vector<std::string>& task_names);

}  // namespace hoplite::describe
