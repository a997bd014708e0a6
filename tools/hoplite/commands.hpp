#pragma once
/// \file The `hoplite local` subcommands and `hoplite new`, one file each (STYLE.md G11): an options struct, an
/// `add_…` that registers the subcommand, and a `run_…` that returns the exit code.

#include <filesystem>
#include <ostream>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

namespace hoplite::tool {

/// Exit codes (docs/cli.md): 0 ok, 1 failure, 2 usage.
inline constexpr int kExitOk = 0;
inline constexpr int kExitFailure = 1;
inline constexpr int kExitUsage = 2;

/// What every `hoplite local` subcommand shares.
struct LocalOptions {
  std::string data_dir;  ///< --data-dir; default: $XDG_STATE_HOME/hoplite/local
};

struct UpOptions {
  int port = 4566;
  bool foreground = false;
  std::vector<std::string> credentials;  ///< ID:SECRET[:ACCOUNT[:USER]]
  int ready_timeout_seconds = 30;
};
struct DownOptions {
  int timeout_seconds = 10;
};
struct StatusOptions {
  bool json = false;
};
struct ResetOptions {
  bool force = false;
};
/// `hoplite new NAME [--dir D]`.
struct NewOptions {
  std::string name;  ///< the project's name (required)
  std::string dir;   ///< --dir; default: ./NAME
};
struct LogsOptions {
  std::size_t lines = 50;
  bool all = false;
  bool follow = false;
  bool server = false;
};

/// The data directory the options name (or the default). Errors end up on `err`.
bool resolve_data_dir(const LocalOptions& local, std::filesystem::path& out, std::ostream& err);

/// Each `add_…` sets `*exit_code` when its subcommand runs.
void add_up(CLI::App& local, const LocalOptions& shared, int* exit_code);
void add_down(CLI::App& local, const LocalOptions& shared, int* exit_code);
void add_status(CLI::App& local, const LocalOptions& shared, int* exit_code);
void add_reset(CLI::App& local, const LocalOptions& shared, int* exit_code);
void add_logs(CLI::App& local, const LocalOptions& shared, int* exit_code);
/// `hoplite new` is a top-level subcommand (not under `local`).
void add_new(CLI::App& app, int* exit_code);

int run_up(const std::filesystem::path& dir, const UpOptions& options, const std::string& self);
int run_down(const std::filesystem::path& dir, const DownOptions& options);
int run_status(const std::filesystem::path& dir, const StatusOptions& options);
int run_reset(const std::filesystem::path& dir, const ResetOptions& options);
int run_logs(const std::filesystem::path& dir, const LogsOptions& options);
int run_new(const NewOptions& options);

}  // namespace hoplite::tool
