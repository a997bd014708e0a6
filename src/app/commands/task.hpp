#pragma once
/// \file User tasks as subcommands: `<binary> <task> [ARGS...]` runs the task's function with
/// every argument after the task name, and exits with its return value.

#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "app/command_env.hpp"

namespace hoplite::app {

struct TaskOptions {
  std::string task;               ///< the task's name
  std::vector<std::string> args;  ///< everything after the task name
};

/// The exit code for a task's return value: 0–255 as is; anything else is reported and becomes 1,
/// because the OS would silently truncate it (256 would look like success).
[[nodiscard]] int task_exit_code(const std::string& task, int returned);

int run_task(CommandEnv& env, const TaskOptions& options);

}  // namespace hoplite::app
