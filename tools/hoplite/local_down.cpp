// `hoplite local down`: stop the background local cloud and wait until it is gone.
#include <signal.h>

#include <chrono>
#include <iostream>
#include <thread>

#include "commands.hpp"
#include "local_state.hpp"

namespace hoplite::tool {

int run_down(const std::filesystem::path& dir, const DownOptions& options) {
  auto info = read_server_info(dir);
  if (!info || !process_alive(info->pid)) {
    remove_server_info(dir);
    std::cout << "local cloud is not running (state in " << dir.string() << ")\n";
    return kExitOk;
  }
  ::kill(info->pid, SIGTERM);
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(options.timeout_seconds);
  while (process_alive(info->pid) && std::chrono::steady_clock::now() < deadline)
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  if (process_alive(info->pid)) {
    std::cerr << "hoplite: the local cloud (pid " << info->pid << ") did not stop within " << options.timeout_seconds
              << " s; killing it\n";
    ::kill(info->pid, SIGKILL);
    while (process_alive(info->pid)) std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  remove_server_info(dir);
  std::cout << "local cloud stopped (state kept in " << dir.string() << ")\n";
  return kExitOk;
}

void add_down(CLI::App& local, const LocalOptions& shared, int* exit_code) {
  auto opt = std::make_shared<DownOptions>();
  CLI::App* sub = local.add_subcommand("down", "Stop the local cloud (its state is kept)");
  sub->add_option("--timeout", opt->timeout_seconds, "Seconds to wait before killing it")
      ->default_val(10)
      ->check(CLI::Range(1, 3600));
  sub->callback([opt, &shared, exit_code] {
    std::filesystem::path dir;
    *exit_code = resolve_data_dir(shared, dir, std::cerr) ? run_down(dir, *opt) : kExitFailure;
  });
}

}  // namespace hoplite::tool
