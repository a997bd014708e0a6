#pragma once
/// \file `synth`: print the service's CloudFormation template (after decorators and validators),
/// or write it atomically with --out. Pure: no network, the same bytes on every run.

#include <string>

#include <CLI/CLI.hpp>

#include "app/command_env.hpp"

namespace hoplite::app {

struct SynthOptions {
  std::string out_file;  ///< `--out FILE`; "" = print to stdout
};

void add_synth(CLI::App& app, CommandEnv& env);
int run_synth(CommandEnv& env, const SynthOptions& options);

}  // namespace hoplite::app
