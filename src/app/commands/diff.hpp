#pragma once
/// \file `diff`: what the next `provision` would change — a change set computed and deleted again
/// (nothing is built on disk, pushed or deployed). Exit 0 without changes, kExitChanges (3) with.

#include <CLI/CLI.hpp>

#include "app/command_env.hpp"
#include "app/deploy_target.hpp"
#include "hoplite/aws/cloudformation.hpp"

namespace hoplite::app {

struct DiffOptions {
  ImageTargetOptions image;
  bool json = false;  ///< `--json`: one JSON document on stdout
};

void add_diff(CLI::App& app, CommandEnv& env);
CommandResult run_diff(CommandEnv& env, const DiffOptions& options);

/// The text diff prints for `changes` (stable: no clock, no colour):
///
///     + Cluster  AWS::ECS::Cluster
///     ~ Task     AWS::ECS::TaskDefinition  replaced
///         Properties.Memory: 512 → 1024  (replaces)
///     - Old      AWS::SNS::Topic
[[nodiscard]] std::string diff_text(const std::vector<aws::cloudformation::ResourceChange>& changes);
/// The same as JSON: `{"stack": …, "changes": [{"action", "logical_id", "type", "replacement",
/// "details": [{"attribute", "name", "path", "before", "after", "requires_recreation"}]}]}`.
[[nodiscard]] std::string diff_json(const std::string& stack,
                                    const std::vector<aws::cloudformation::ResourceChange>& changes);

}  // namespace hoplite::app
