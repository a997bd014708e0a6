#pragma once
/// \file `help [COMMAND]`: the same text as `--help` (or `COMMAND --help`), on stdout.

#include <string>

#include <CLI/CLI.hpp>

#include "app/command_env.hpp"

namespace hoplite::app {

struct HelpOptions {
  std::string command;  ///< "" = the whole binary
};

void add_help(CLI::App& app, CommandEnv& env);
int run_help(CommandEnv& env, const HelpOptions& options);

}  // namespace hoplite::app
