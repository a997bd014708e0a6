#include "app/commands.hpp"

#include "app/commands/build.hpp"
#include "app/commands/delete.hpp"
#include "app/commands/describe.hpp"
#include "app/commands/diff.hpp"
#include "app/commands/execute.hpp"
#include "app/commands/help.hpp"
#include "app/commands/logs.hpp"
#include "app/commands/provision.hpp"
#include "app/commands/status.hpp"
#include "app/commands/synth.hpp"
#include "app/commands/version.hpp"
#include "hoplite/core/log.hpp"

namespace hoplite::app {

// THE registration list. To add a command `foo`: write src/app/commands/foo.{hpp,cpp} with
// FooOptions, add_foo(CLI::App&, CommandEnv&) and run_foo(...), include foo.hpp above and add one
// line below (docs/cli.md, "Adding a command"). The order here is the order in --help.
void add_builtin_commands(CLI::App& app, CommandEnv& env) {
  add_synth(app, env);
  add_build(app, env);
  add_provision(app, env);
  add_diff(app, env);
  add_execute(app, env);
  add_logs(app, env);
  add_status(app, env);
  add_delete(app, env);
  add_describe(app, env);
  add_version(app, env);
  add_help(app, env);
}

int finish_output(CommandEnv& env, std::string_view command) {
  env.out.flush();
  if (env.out) return kExitOk;
  core::log::error("{}: cannot write the result to standard output", command);
  return kExitFailure;
}

}  // namespace hoplite::app
