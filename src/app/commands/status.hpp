#pragma once
/// \file `status`: the service stack's status, outputs and resources (DescribeStacks +
/// DescribeStackResources), read through the command's AWS session (CommandEnv::aws()).

#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "app/command_env.hpp"
#include "hoplite/aws/cloudformation.hpp"

namespace hoplite::app {

struct StatusOptions {};

void add_status(CLI::App& app, CommandEnv& env);
CommandResult run_status(CommandEnv& env, const StatusOptions& options);

/// The text `status` prints for a stack and its resources (no clock, no colour: stable for tests).
///
///     stack:   web
///     status:  UPDATE_COMPLETE
///     updated: 2025-01-01T00:00:00Z
///     outputs:
///       StateMachineArn  arn:aws:states:…
///     resources:
///       Cluster  AWS::ECS::Cluster  CREATE_COMPLETE  web-Cluster-1
[[nodiscard]] std::string status_text(const aws::cloudformation::Stack& stack,
                                      const std::vector<aws::cloudformation::StackResource>& resources);

}  // namespace hoplite::app
