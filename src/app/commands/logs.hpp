#pragma once
/// \file `logs`: the task's log lines from CloudWatch Logs (the stack's log group), interleaved by
/// time like `aws logs tail`; `--follow` keeps reading.

#include <chrono>
#include <string>

#include <CLI/CLI.hpp>

#include "app/command_env.hpp"

namespace hoplite::app {

struct LogsOptions {
  bool follow = false;                           ///< `--follow`: keep printing new lines until interrupted
  std::chrono::milliseconds since{10 * 60'000};  ///< `--since`; default 10 minutes
  std::string execution;                         ///< `--execution ARN`: only that execution's task(s)
  std::string log_group;                         ///< `--log-group LOGICAL_ID` when the stack has several
};

void add_logs(CLI::App& app, CommandEnv& env);
CommandResult run_logs(CommandEnv& env, const LogsOptions& options);

}  // namespace hoplite::app
