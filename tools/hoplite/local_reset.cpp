// `hoplite local reset`: forget everything the local cloud holds. Only the files the local cloud
// itself writes are removed — never the whole directory, which may be one the user named.
#include <iostream>

#include "commands.hpp"
#include "local_state.hpp"

namespace hoplite::tool {
namespace {

constexpr const char* kStateEntries[] = {"state.db",       "state.db-wal", "state.db-shm", "blobs", "requests.log",
                                         "requests.log.1", "server.log",   "server.json",  "lock"};

}  // namespace

int run_reset(const std::filesystem::path& dir, const ResetOptions& options) {
  if (auto running = running_server(dir)) {
    if (!options.force) {
      std::cerr << "hoplite: the local cloud is running (pid " << running->pid
                << "); stop it first (hoplite local down) or pass --force\n";
      return kExitFailure;
    }
    if (int down = run_down(dir, DownOptions{}); down != kExitOk) return down;
  }
  std::error_code ec;
  for (const char* entry : kStateEntries) {
    std::filesystem::remove_all(dir / entry, ec);
    if (ec) {
      std::cerr << "hoplite: cannot remove " << (dir / entry).string() << ": " << ec.message() << "\n";
      return kExitFailure;
    }
  }
  std::cout << "local cloud state removed from " << dir.string() << "\n";
  return kExitOk;
}

void add_reset(CLI::App& local, const LocalOptions& shared, int* exit_code) {
  auto opt = std::make_shared<ResetOptions>();
  CLI::App* sub = local.add_subcommand("reset", "Delete everything the local cloud holds (it must be stopped)");
  sub->add_flag("--force", opt->force, "Stop a running local cloud first");
  sub->callback([opt, &shared, exit_code] {
    std::filesystem::path dir;
    *exit_code = resolve_data_dir(shared, dir, std::cerr) ? run_reset(dir, *opt) : kExitFailure;
  });
}

}  // namespace hoplite::tool
