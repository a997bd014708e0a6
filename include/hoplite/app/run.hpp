#pragma once
/// \file
/// hoplite::run: the command line of a service binary. `return hoplite::run(svc, argc, argv);`
/// is the whole of main. docs/cli.md describes the commands, flags and exit codes:
/// 0 ok, 1 runtime failure, 2 usage error, or the task's own return value.

#include <filesystem>
#include <iosfwd>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "hoplite/app/exit_code.hpp"
#include "hoplite/app/service.hpp"

namespace hoplite::http {
class Client;
}

namespace hoplite::app {

/// One invocation, spelled out so tests can run the command line in-process.
struct Invocation {
  std::string program;            ///< the name shown in usage lines (the basename of argv[0])
  std::vector<std::string> args;  ///< the arguments after argv[0]
  std::ostream* out = nullptr;    ///< default: std::cout
  std::ostream* err = nullptr;    ///< default: std::cerr; when set, log lines go here too, uncoloured
  std::optional<std::map<std::string, std::string>> environment;  ///< default: the process environment
  std::filesystem::path directory;  ///< where the build id is looked up; default: the current directory
  /// Every AWS and local-cloud call of the command goes through this client (tests: an
  /// http::InProcessClient on a local::LocalCloud). Default (nullptr): a CurlClient.
  http::Client* http = nullptr;
};

/// Parses the command line, sets up logging and runs the chosen command or task. Never throws:
/// exceptions become exit code 1 with the message logged on stderr.
int run(Service& service, const Invocation& invocation);

/// The usual main(): `return hoplite::run(svc, argc, argv);`.
int run(Service& service, int argc, char** argv);

}  // namespace hoplite::app
