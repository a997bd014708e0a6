#pragma once
/// \file `delete`: delete the service's stack and follow it until it is gone (the log group, a
/// resource of the stack, goes with it); `--purge-images` also deletes the ECR repository.

#include <string>

#include <CLI/CLI.hpp>

#include "app/command_env.hpp"

namespace hoplite::app {

struct DeleteOptions {
  bool purge_images = false;   ///< `--purge-images`: delete the ECR repository and its images too
  std::string ecr_repository;  ///< `--ecr-repository`; "" = the service name in lower case
};

void add_delete(CLI::App& app, CommandEnv& env);
CommandResult run_delete(CommandEnv& env, const DeleteOptions& options);

}  // namespace hoplite::app
