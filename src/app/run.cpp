#include "hoplite/app/run.hpp"

#include <unistd.h>

#include <exception>
#include <iostream>

#include <fmt/format.h>
#include <CLI/CLI.hpp>

#include "app/build_info.hpp"
#include "app/command_env.hpp"
#include "app/commands.hpp"
#include "app/global_flags.hpp"

namespace hoplite::app {
namespace {

constexpr const char* kFooter =
    "Exit codes: 0 ok, 1 runtime failure, 2 usage error (unknown command or bad flag),\n"
    "any other: the task's own return value. Run '<command> --help' for a command's flags.";

std::map<std::string, std::string> process_environment() {
  std::map<std::string, std::string> env;
  for (char** e = environ; e != nullptr && *e != nullptr; ++e) {
    std::string_view entry(*e);
    const auto eq = entry.find('=');
    if (eq == std::string_view::npos) continue;
    env.emplace(std::string(entry.substr(0, eq)), std::string(entry.substr(eq + 1)));
  }
  return env;
}

void configure_logging(const GlobalOptions& globals, const Invocation& inv) {
  const core::log::Options options{.level = globals.level,
                                   .format = globals.log_format,
                                   .color = globals.no_color ? core::log::Color::never : core::log::Color::automatic};
  if (inv.err != nullptr) {
    core::log::configure(options, *inv.err);
  } else {
    core::log::configure(options);
  }
}

void log_banner(CommandEnv& env, const CLI::App& sub, bool with_build_id) {
  if (!core::log::enabled(core::log::Level::info)) return;
  std::string build;
  if (with_build_id) {
    const BuildId& id = env.build_id();
    build = fmt::format(" · build {} ({})", id.value, to_string(id.source));
  }
  core::log::info("hoplite {} · {} {}{}{}", build_info::kVersion, env.service.name(), sub.get_name(), build,
                  env.globals.noop ? " · noop" : "");
}

// A usage error: what was wrong, the usage line of the command that was being parsed, and where
// to read more — short enough to see the error without scrolling.
int usage_error(const CLI::App& app, std::ostream& err, const std::string& message) {
  const CLI::App* target = &app;
  std::string name = app.get_name();
  for (const CLI::App* sub : app.get_subcommands()) {
    target = sub;
    name += " " + sub->get_name();
  }
  std::vector<std::string> commands;
  for (const CLI::App* sub : app.get_subcommands({})) commands.push_back(sub->get_name());
  err << app.get_name() << ": " << message << "\n"
      << CLI::Formatter{}.make_usage(target, name)
      << "Commands and tasks: " << fmt::format("{}", fmt::join(commands, ", ")) << "\nRun '" << name
      << " --help' for more information.\n";
  err.flush();
  return kExitUsage;
}

int run_parsed(CLI::App& app, CommandEnv& env) {
  // The chosen (innermost) subcommand; nested ones come later in the list.
  const CommandEnv::Action* action = nullptr;
  const auto chosen = app.get_subcommands();
  for (auto it = chosen.rbegin(); it != chosen.rend() && action == nullptr; ++it) action = env.action_for(*it);
  if (action == nullptr) return usage_error(app, env.err, "no command given");
  if (action->kind == CommandKind::deploy || action->kind == CommandKind::pure) {
    log_banner(env, *action->sub, action->kind == CommandKind::deploy);
  }
  CommandResult result = action->fn();
  if (result) return *result;
  // The one place a command's error is shown and becomes an exit code.
  core::log::error("{}: {}", action->sub->get_name(), result.error().to_string());
  return exit_code_for(result.error());
}

}  // namespace

int run(Service& service, const Invocation& invocation) {
  std::ostream& out = invocation.out != nullptr ? *invocation.out : std::cout;
  std::ostream& err = invocation.err != nullptr ? *invocation.err : std::cerr;
  configure_logging(GlobalOptions{}, invocation);  // until the flags are parsed
  try {
    const std::string program = invocation.program.empty() ? service.name() : invocation.program;
    CLI::App app{service.description(), program};
    app.footer(kFooter);
    app.require_subcommand(0, 1);

    std::error_code ec;
    CommandEnv env(service, app, out, err, invocation.environment ? *invocation.environment : process_environment(),
                   invocation.directory.empty() ? std::filesystem::current_path(ec) : invocation.directory);
    env.http_override = invocation.http;
    add_global_flags(app, env.globals);
    add_builtin_commands(app, env);
    add_tasks(app, env);

    std::vector<std::string> args(invocation.args.rbegin(), invocation.args.rend());  // CLI11 wants them reversed
    try {
      app.parse(args);
    } catch (const CLI::CallForHelp& e) {
      return app.exit(e, out, err);
    } catch (const CLI::CallForAllHelp& e) {
      return app.exit(e, out, err);
    } catch (const CLI::ExtrasError& e) {
      // CLI11 calls an unknown command an unexpected argument (and leaves the extras in `args`,
      // in order); say what the user meant.
      if (app.get_subcommands().empty() && !args.empty() && !args.front().starts_with('-')) {
        return usage_error(app, err, fmt::format("unknown command '{}'", args.front()));
      }
      return usage_error(app, err, e.what());
    } catch (const CLI::ParseError& e) {
      return usage_error(app, err, e.what());
    }
    configure_logging(env.globals, invocation);
    const int code = run_parsed(app, env);
    out.flush();
    return code;
  } catch (const std::exception& e) {
    out.flush();
    core::log::error("{}", e.what());
    return kExitFailure;
  } catch (...) {
    out.flush();
    core::log::error("unknown exception");
    return kExitFailure;
  }
}

int run(Service& service, int argc, char** argv) {
  Invocation inv;
  if (argc > 0 && argv[0] != nullptr) inv.program = std::filesystem::path(argv[0]).filename().string();
  for (int i = 1; i < argc; ++i) inv.args.emplace_back(argv[i]);
  return run(service, inv);
}

}  // namespace hoplite::app
