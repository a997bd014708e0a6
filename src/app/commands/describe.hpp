#pragma once
/// \file `describe`: the whole service as one self-contained HTML page (resources, state machines,
/// permissions, image, tasks; live status with --live or --local). See docs/cli.md.

#include <string>

#include <CLI/CLI.hpp>

#include "app/command_env.hpp"

namespace hoplite::app {

struct DescribeOptions {
  std::string out_file;   ///< `--out FILE`; default `<service>.html`; "-" = stdout
  std::string image;      ///< `--image DIR[:TAG]`: describe this OCI layout; default: compute the image
  bool no_image = false;  ///< `--no-image`: leave the image out (no binary is read)
  std::string binary;     ///< `--binary FILE`: the binary the computed image holds; default this program
  std::string task;       ///< `--task NAME`: the computed image's Cmd; default the first task
  bool live = false;      ///< `--live`: add the stack's live status (implied by --local, --endpoint-url, …)
  bool open = false;      ///< `--open`: open the page in the desktop's browser afterwards
};

void add_describe(CLI::App& app, CommandEnv& env);
int run_describe(CommandEnv& env, const DescribeOptions& options);

}  // namespace hoplite::app
