#pragma once
/// \file What every command file receives (private to the app module). A command registers its
/// subcommand with CLI11 in `add_<cmd>()` and hands CommandEnv::on_run() the function that runs
/// it; run() calls that function after the whole command line is parsed and logging is set up.

#include <filesystem>
#include <functional>
#include <iosfwd>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "app/aws_session.hpp"
#include "hoplite/app/build_id.hpp"
#include "hoplite/app/exit_code.hpp"
#include "hoplite/app/global_options.hpp"
#include "hoplite/app/hooks.hpp"
#include "hoplite/app/service.hpp"
#include "hoplite/core/log.hpp"
#include "hoplite/core/result.hpp"
#include "hoplite/http/client.hpp"

namespace CLI {
class App;
}

namespace hoplite::app {

/// `deploy` commands (build, provision, status, ...) log a one-line banner with the build id
/// first; `pure` ones (synth) log it without the build id, which they never compute (it can cost
/// a git call or hashing the binary); `quiet` commands (version, help) and tasks log none.
enum class CommandKind { deploy, pure, quiet, task };

/// What a command's function returns: the exit code of a command that ran to its end (kExitOk, or
/// kExitChanges for `diff`), or the error that stopped it. run() logs the error once, as
/// `<command>: <message>`, and maps it to the exit code (exit_code_for()).
using CommandResult = core::Result<int>;

/// An error that is the user's to fix on the command line (exit code 2).
[[nodiscard]] core::Failure usage_failure(std::string message);

/// The one place errors become exit codes: `app.usage` → kExitUsage, everything else → kExitFailure.
[[nodiscard]] int exit_code_for(const core::Error& error);

class CommandEnv {
 public:
  CommandEnv(Service& svc, CLI::App& root_app, std::ostream& out_stream, std::ostream& err_stream,
             std::map<std::string, std::string> environment, std::filesystem::path directory)
      : service(svc),
        root(root_app),
        out(out_stream),
        err(err_stream),
        environment_(std::move(environment)),
        directory_(std::move(directory)) {}
  CommandEnv(const CommandEnv&) = delete;
  CommandEnv& operator=(const CommandEnv&) = delete;

  Service& service;
  CLI::App& root;         ///< the whole command line (help uses it)
  GlobalOptions globals;  ///< filled by parsing; read it in the function given to on_run()
  std::ostream& out;      ///< the program's stdout (artifacts such as the template go here)
  std::ostream& err;      ///< the program's stderr (usage messages; log lines go through core::log)

  [[nodiscard]] const std::map<std::string, std::string>& environment() const { return environment_; }
  /// The directory the command runs in (the build id's git lookup happens here).
  [[nodiscard]] const std::filesystem::path& directory() const { return directory_; }
  /// The build id, resolved on first use (see build_id.hpp); "unknown" if it cannot be derived.
  [[nodiscard]] const BuildId& build_id();
  /// A hook context for this run (service name, --noop, and the build id, resolved only if a hook
  /// asks for it).
  [[nodiscard]] HookContext hook_context();

  /// The command's AWS session (region, credentials, HTTP client, endpoint, retry policy), made
  /// on first use from the global flags and the environment and shared by every client the command
  /// builds. With `--local` the local cloud is probed first and started when nothing answers
  /// (docs/cli.md, "The local cloud"). The pointer stays valid for the whole command.
  [[nodiscard]] core::Result<AwsSession*> aws();

  /// The HTTP client AWS calls go through (Invocation::http); nullptr = a CurlClient per session.
  http::Client* http_override = nullptr;

  /// Registers what runs when `sub` is the chosen subcommand; `fn` returns the exit code, or an
  /// error (see CommandResult).
  void on_run(const CLI::App* sub, CommandKind kind, std::function<CommandResult()> fn);

  struct Action {
    const CLI::App* sub;
    CommandKind kind;
    std::function<CommandResult()> fn;
  };
  /// The action registered for `sub`, or nullptr.
  [[nodiscard]] const Action* action_for(const CLI::App* sub) const;

 private:
  std::map<std::string, std::string> environment_;
  std::filesystem::path directory_;
  std::optional<BuildId> build_id_;
  std::unique_ptr<AwsSession> aws_;
  std::vector<Action> actions_;
};

}  // namespace hoplite::app
