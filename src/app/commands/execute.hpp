#pragma once
/// \file `execute`: start the stack's state machine, follow its history and the task's log lines
/// until it ends, then print its status and output (docs/cli.md, "execute").

#include <optional>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "app/command_env.hpp"
#include "hoplite/aws/sfn.hpp"

namespace hoplite::app {

struct ExecuteOptions {
  std::string input;          ///< `--input JSON|@FILE`; "" = `{}`
  bool no_follow = false;     ///< `--no-follow`: print the execution ARN and return
  std::string state_machine;  ///< `--state-machine LOGICAL_ID` when the stack has several
  std::string name;           ///< `--name`: the execution's name (StartExecution's idempotency key)
};

void add_execute(CLI::App& app, CommandEnv& env);
CommandResult run_execute(CommandEnv& env, const ExecuteOptions& options);

/// What a failed ECS task state tells (from a TaskFailed event's cause, the ECS task as JSON).
struct TaskFailure {
  std::string state;             ///< the Task state that failed
  std::string error;             ///< e.g. States.TaskFailed
  std::string cause;             ///< the raw cause (shortened for display)
  std::optional<int> exit_code;  ///< Containers[0].ExitCode
  std::string stopped_reason;    ///< StoppedReason
  std::string task_arn;          ///< TaskArn
};

/// The failures of task states in `history` (oldest first), with the ECS details when the cause
/// is an ECS task description.
[[nodiscard]] std::vector<TaskFailure> task_failures(const std::vector<aws::sfn::HistoryEvent>& history);

/// One line for a history event worth showing (`state entered: Run Fargate Task`), or "".
[[nodiscard]] std::string history_line(const aws::sfn::HistoryEvent& event);

}  // namespace hoplite::app
