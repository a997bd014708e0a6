#pragma once
/// \file The built-in commands of every service binary (the list lives in commands.cpp).

#include <string_view>

#include <CLI/CLI.hpp>

#include "app/command_env.hpp"

namespace hoplite::app {

/// Adds every built-in command to `app`, in --help order.
void add_builtin_commands(CLI::App& app, CommandEnv& env);

/// Adds one subcommand per task of env.service.
void add_tasks(CLI::App& app, CommandEnv& env);

/// The exit code of a command that printed its result on env.out: flushes it, and when stdout
/// cannot be written (closed, full, a file system error) logs so and returns kExitFailure — a
/// script must not take a missing result for success. Otherwise kExitOk.
int finish_output(CommandEnv& env, std::string_view command);

/// The --help group built-in commands are listed under.
inline constexpr const char* kCommandsGroup = "Commands";
/// The --help group a service's tasks are listed under.
inline constexpr const char* kTasksGroup = "Tasks";

}  // namespace hoplite::app
