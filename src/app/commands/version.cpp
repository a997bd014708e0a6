#include "app/commands/version.hpp"

#include <ostream>

#include <fmt/format.h>

#include "app/build_info.hpp"
#include "app/commands.hpp"

namespace hoplite::app {

void add_version(CLI::App& app, CommandEnv& env) {
  CLI::App* sub = app.add_subcommand("version", "Print hoplite's version and commit, the compiler and the build id");
  sub->group(kCommandsGroup);
  sub->fallthrough();
  env.on_run(sub, CommandKind::quiet, [&env] { return run_version(env, VersionOptions{}); });
}

std::string version_text(const std::string& service_name, const BuildId& build_id) {
  return fmt::format(
      "hoplite: {}\n"
      "hoplite commit: {}\n"
      "compiler: {}\n"
      "service: {}\n"
      "build id: {} (from {})\n",
      build_info::kVersion, build_info::kCommit, build_info::kCompiler, service_name, build_id.value,
      to_string(build_id.source));
}

int run_version(CommandEnv& env, const VersionOptions& /*options*/) {
  env.out << version_text(env.service.name(), env.build_id());
  return finish_output(env, "version");
}

}  // namespace hoplite::app
