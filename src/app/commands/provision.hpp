#pragma once
/// \file `provision`: build the image from this binary, publish it, synthesize, and converge the
/// stack through a change set, streaming its events (docs/cli.md, "provision").

#include <string>

#include <CLI/CLI.hpp>

#include "app/command_env.hpp"
#include "app/deploy_target.hpp"

namespace hoplite::app {

struct ProvisionOptions {
  ImageTargetOptions image;
  std::string s3_bucket;         ///< `--s3-bucket`: template upload bucket; "" = inline when it fits
  bool upload_template = false;  ///< `--upload-template`: upload even when the template fits inline
};

void add_provision(CLI::App& app, CommandEnv& env);
CommandResult run_provision(CommandEnv& env, const ProvisionOptions& options);

/// Adds `--ecr-repository`, `--registry` and `--insecure-registry` to `sub` (provision, diff).
void add_image_target_flags(CLI::App& sub, ImageTargetOptions& options);

}  // namespace hoplite::app
