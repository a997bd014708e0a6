// hoplite — the tool beside hoplite services: runs the embedded local cloud, starts new projects.
//
//   hoplite new NAME [--dir D]
//   hoplite local up [--port N] [--data-dir D] [--foreground] [--credentials ID:SECRET[:ACCOUNT[:USER]]]
//   hoplite local down | status | reset | logs
//
// Exit codes (docs/cli.md): 0 ok, 1 failure, 2 usage.
#include <cstdlib>
#include <iostream>
#include <string>

#include <CLI/CLI.hpp>

#include "commands.hpp"
#include "local_state.hpp"

namespace hoplite::tool {

bool resolve_data_dir(const LocalOptions& local, std::filesystem::path& out, std::ostream& err) {
  if (!local.data_dir.empty()) {
    out = std::filesystem::absolute(local.data_dir);
    return true;
  }
  auto dir = default_data_dir();
  if (!dir) {
    err << "hoplite: " << dir.error().message << "\n";
    return false;
  }
  out = *dir;
  return true;
}

}  // namespace hoplite::tool

int main(int argc, char** argv) {
  using namespace hoplite::tool;
  // The server is on loopback: never reach it through a proxy from the environment.
  std::string no_proxy = std::getenv("no_proxy") ? std::getenv("no_proxy") : "";
  if (no_proxy.find("127.0.0.1") == std::string::npos)
    setenv("no_proxy", (no_proxy.empty() ? "" : no_proxy + ",").append("127.0.0.1").c_str(), 1);

  CLI::App app{"hoplite: the tool beside hoplite services (runs the local cloud, starts new projects)", "hoplite"};
  app.require_subcommand(1);
  int exit_code = kExitOk;
  add_new(app, &exit_code);
  CLI::App* local = app.add_subcommand("local", "Run the local cloud: an AWS-compatible endpoint on 127.0.0.1");
  local->require_subcommand(1);
  LocalOptions shared;
  local->add_option("--data-dir", shared.data_dir, "State directory (default: $XDG_STATE_HOME/hoplite/local)");
  add_up(*local, shared, &exit_code);
  add_down(*local, shared, &exit_code);
  add_status(*local, shared, &exit_code);
  add_reset(*local, shared, &exit_code);
  add_logs(*local, shared, &exit_code);
  // --data-dir is accepted after the subcommand too: `hoplite local up --data-dir D`.
  for (CLI::App* sub : local->get_subcommands({})) sub->fallthrough();
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int code = app.exit(e);
    return code == 0 ? kExitOk : kExitUsage;
  }
  return exit_code;
}
