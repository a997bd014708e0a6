#pragma once
/// \file
/// Tasks: the code a service runs inside its container (Sparta's "task awareness"). A task is
/// a subcommand of the service binary, so the container's command is `["/app/service", "<task>"]`,
/// and the task's return value is the process's exit code (what ECS and Step Functions see).
///
/// **Example**:
/// \code
///   svc.add_task("fargateTask", "Sample Fargate task", [](hoplite::TaskContext& ctx) {
///     ctx.log().info("running with {} arguments", ctx.args().size());   // to stderr
///     ctx.out() << "Insert your Fargate code here! 🎉\n";                 // the task's stdout
///     return 0;
///   });
/// \endcode

#include <functional>
#include <iosfwd>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "hoplite/app/global_options.hpp"
#include "hoplite/core/log.hpp"

namespace hoplite::app {

/// What a running task can see. Everything comes from the invocation; nothing is global, so a
/// test can build one with its own streams and environment.
class TaskContext {
 public:
  /// What a TaskContext is made from (the CLI fills it from the invocation).
  struct Init {
    std::string service_name;                        ///< the service's name
    std::string task_name;                           ///< the task's name (its subcommand)
    std::vector<std::string> args;                   ///< everything after the task name, verbatim
    std::map<std::string, std::string> environment;  ///< the process environment
    GlobalOptions globals;                           ///< the global options as parsed
    std::ostream* out = nullptr;                     ///< default: std::cout
    std::ostream* err = nullptr;                     ///< default: std::cerr
    std::function<std::string()> build_id;           ///< computed on first use; default: resolve_build_id()
  };
  /// A context for one run of a task.
  explicit TaskContext(Init init);

  /// The service's name.
  [[nodiscard]] const std::string& service_name() const { return init_.service_name; }
  /// The task's name (its subcommand).
  [[nodiscard]] const std::string& task_name() const { return init_.task_name; }
  /// The arguments after the task name: `svc fargateTask a --b` gives {"a", "--b"}.
  [[nodiscard]] const std::vector<std::string>& args() const { return init_.args; }
  /// One environment variable, or nullopt when unset.
  [[nodiscard]] std::optional<std::string> env(std::string_view name) const;
  /// The whole process environment given at start.
  [[nodiscard]] const std::map<std::string, std::string>& environment() const { return init_.environment; }
  /// The global options of this invocation.
  [[nodiscard]] const GlobalOptions& globals() const { return init_.globals; }
  /// A logger whose lines carry `task=<name>`; it writes to stderr, never to out().
  [[nodiscard]] const core::Logger& log() const { return log_; }
  /// The build id (see build_id.hpp), computed on first use.
  [[nodiscard]] const std::string& build_id();
  /// The task's standard output. Only the task writes here; hoplite never does.
  [[nodiscard]] std::ostream& out();
  /// Standard error, for raw output that is not a log line.
  [[nodiscard]] std::ostream& err();

 private:
  Init init_;
  core::Logger log_;
  std::optional<std::string> build_id_;
};

/// A task body; its return value (0–255) becomes the exit code.
using TaskFn = std::function<int(TaskContext&)>;

/// A registered task.
struct Task {
  std::string name;     ///< the subcommand that runs it
  std::string summary;  ///< its line in --help
  TaskFn fn;            ///< the body
};

}  // namespace hoplite::app
