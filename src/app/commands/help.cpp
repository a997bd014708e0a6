#include "app/commands/help.hpp"

#include <memory>
#include <ostream>

#include "app/commands.hpp"
#include "hoplite/app/run.hpp"

namespace hoplite::app {

void add_help(CLI::App& app, CommandEnv& env) {
  auto options = std::make_shared<HelpOptions>();
  CLI::App* sub = app.add_subcommand("help", "Show help for the binary or for one command or task");
  sub->group(kCommandsGroup);
  sub->fallthrough();
  sub->add_option("command", options->command, "The command or task to explain")->type_name("COMMAND");
  env.on_run(sub, CommandKind::quiet, [&env, options] { return run_help(env, *options); });
}

int run_help(CommandEnv& env, const HelpOptions& options) {
  const std::string program = env.root.get_name();
  if (options.command.empty()) {
    env.out << env.root.get_formatter()->make_help(&env.root, program, CLI::AppFormatMode::Normal);
    return kExitOk;
  }
  const CLI::App* sub = nullptr;
  for (const CLI::App* candidate : env.root.get_subcommands({})) {
    if (candidate->get_name() == options.command) sub = candidate;
  }
  if (sub == nullptr) {
    env.err << program << ": no command or task named '" << options.command << "'\n\n"
            << env.root.get_formatter()->make_help(&env.root, program, CLI::AppFormatMode::Normal);
    return kExitUsage;
  }
  env.out << sub->get_formatter()->make_help(sub, program + " " + sub->get_name(), CLI::AppFormatMode::Normal);
  return kExitOk;
}

}  // namespace hoplite::app
