#pragma once
/// \file `version`: hoplite's version and commit, the compiler, the service name and its build id.

#include <string>

#include <CLI/CLI.hpp>

#include "app/command_env.hpp"

namespace hoplite::app {

struct VersionOptions {};

void add_version(CLI::App& app, CommandEnv& env);
int run_version(CommandEnv& env, const VersionOptions& options);

/// The text `version` prints (one `key: value` per line).
[[nodiscard]] std::string version_text(const std::string& service_name, const BuildId& build_id);

}  // namespace hoplite::app
