// `hoplite local logs`: the request log (one JSON line per request), or the server's own log.
#include <chrono>
#include <deque>
#include <fstream>
#include <iostream>
#include <string>
#include <thread>

#include "commands.hpp"
#include "local_state.hpp"

namespace hoplite::tool {
namespace {

/// Replaces control characters (a hostile request path may hold some) before they reach a terminal.
std::string printable(const std::string& line) {
  std::string out;
  out.reserve(line.size());
  for (char c : line) {
    auto u = static_cast<unsigned char>(c);
    out += (u < 0x20 && c != '\t') || u == 0x7f ? '?' : c;
  }
  return out;
}

}  // namespace

int run_logs(const std::filesystem::path& dir, const LogsOptions& options) {
  const auto file = dir / (options.server ? "server.log" : "requests.log");
  std::ifstream in(file);
  if (!in) {
    std::cerr << "hoplite: no log yet at " << file.string() << "\n";
    return options.follow ? kExitFailure : kExitOk;
  }
  std::deque<std::string> last;
  std::string line;
  while (std::getline(in, line)) {
    if (options.all) {
      std::cout << printable(line) << "\n";
      continue;
    }
    last.push_back(std::move(line));
    if (last.size() > options.lines) last.pop_front();
  }
  for (const auto& l : last) std::cout << printable(l) << "\n";
  std::cout << std::flush;
  if (!options.follow) return kExitOk;
  in.clear();
  std::string partial;
  for (;;) {  // until interrupted
    char c;
    while (in.get(c)) {
      if (c == '\n') {
        std::cout << printable(partial) << std::endl;
        partial.clear();
      } else {
        partial += c;
      }
    }
    in.clear();
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
  }
}

void add_logs(CLI::App& local, const LocalOptions& shared, int* exit_code) {
  auto opt = std::make_shared<LogsOptions>();
  CLI::App* sub = local.add_subcommand("logs", "Print the request log (one JSON line per request)");
  sub->add_option("-n,--lines", opt->lines, "Print the last N lines")->default_val(50);
  sub->add_flag("--all", opt->all, "Print the whole log");
  sub->add_flag("-f,--follow", opt->follow, "Keep printing new lines until interrupted");
  sub->add_flag("--server", opt->server, "The server's own log (start-up, errors) instead of requests");
  sub->callback([opt, &shared, exit_code] {
    std::filesystem::path dir;
    *exit_code = resolve_data_dir(shared, dir, std::cerr) ? run_logs(dir, *opt) : kExitFailure;
  });
}

}  // namespace hoplite::tool
