// `hoplite local up`: start the local cloud, in the foreground or as a background server that
// this command waits for until it answers (readiness, not a sleep).
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <iostream>
#include <sstream>
#include <thread>

#include "commands.hpp"
#include "hoplite/http/server.hpp"
#include "hoplite/local/cloud.hpp"
#include "local_state.hpp"

namespace hoplite::tool {
namespace {

bool parse_credentials(const std::vector<std::string>& specs, std::vector<local::Credential>& out) {
  for (const auto& spec : specs) {
    auto first = spec.find(':');
    if (first == std::string::npos || first == 0) {
      std::cerr << "hoplite: --credentials wants ID:SECRET[:ACCOUNT[:USER]]\n";
      return false;
    }
    local::Credential c;
    c.access_key_id = spec.substr(0, first);
    std::string rest = spec.substr(first + 1);
    // The secret may hold ':' itself: the account is the 12 characters after the last ':', or
    // after the one before it when an IAM user's name ends the spec.
    auto last = rest.rfind(':');
    if (last != std::string::npos && rest.size() - last - 1 == 12) {
      c.account_id = rest.substr(last + 1);
      rest.resize(last);
    } else if (auto before = last == std::string::npos ? last : rest.rfind(':', last - 1);
               before != std::string::npos && last - before - 1 == 12) {
      c.account_id = rest.substr(before + 1, 12);
      c.user_name = rest.substr(last + 1);
      rest.resize(before);
    }
    c.secret_access_key = rest;
    if (c.secret_access_key.empty()) {
      std::cerr << "hoplite: --credentials " << c.access_key_id << ": the secret is empty\n";
      return false;
    }
    out.push_back(std::move(c));
  }
  return true;
}

int serve(const std::filesystem::path& dir, const UpOptions& options, const std::vector<local::Credential>& creds) {
  auto cloud = local::LocalCloud::open({.data_dir = dir, .credentials = creds});
  if (!cloud) {
    std::cerr << "hoplite: " << cloud.error().message << "\n";
    return kExitFailure;
  }
  // Signals go to the thread that waits for them, not to a server thread in the middle of a request.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
  http::Server server(**cloud, {.port = options.port});
  if (auto started = server.start(); !started) {
    std::cerr << "hoplite: " << started.error().message << "\n";
    return kExitFailure;
  }
  (*cloud)->set_port(server.port());
  if (auto w = write_server_info(dir, {static_cast<int>(::getpid()), server.port()}); !w) {
    std::cerr << "hoplite: " << w.error().message << "\n";
    server.stop();
    return kExitFailure;
  }
  std::cerr << "hoplite: local cloud listening on " << endpoint_of(server.port()) << " (state in " << dir.string()
            << ")" << std::endl;
  int sig = 0;
  sigwait(&signals, &sig);
  std::cerr << "hoplite: stopping (signal " << sig << ")" << std::endl;
  server.stop();
  remove_server_info(dir);
  return kExitOk;
}

std::string tail_of(const std::filesystem::path& file, std::size_t max_bytes) {
  std::ifstream in(file, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  std::string s = ss.str();
  return s.size() > max_bytes ? s.substr(s.size() - max_bytes) : s;
}

int start_background(const std::filesystem::path& dir, const UpOptions& options, const std::string& self) {
  if (auto running = running_server(dir)) {
    std::cout << "local cloud already running on " << endpoint_of(running->port) << " (pid " << running->pid
              << ", state in " << dir.string() << ")\n";
    if (running->port != options.port && options.port != 0) {
      std::cerr << "hoplite: it listens on port " << running->port << ", not " << options.port
                << "; stop it first (hoplite local down)\n";
      return kExitFailure;
    }
    return kExitOk;
  }
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) {
    std::cerr << "hoplite: cannot create " << dir.string() << ": " << ec.message() << "\n";
    return kExitFailure;
  }
  remove_server_info(dir);
  const auto log_file = dir / "server.log";
  std::vector<std::string> args{self,         "local",     "up", "--foreground", "--port", std::to_string(options.port),
                                "--data-dir", dir.string()};
  for (const auto& c : options.credentials) {
    args.emplace_back("--credentials");
    args.push_back(c);
  }
  // Everything the child needs is prepared before fork(): after it, only async-signal-safe calls.
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  const std::string log_path = log_file.string();
  pid_t pid = ::fork();
  if (pid < 0) {
    std::cerr << "hoplite: cannot start the server: fork failed\n";
    return kExitFailure;
  }
  if (pid == 0) {
    ::setsid();  // outlive this terminal session
    int null = ::open("/dev/null", O_RDONLY);
    int log = ::open(log_path.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0600);
    if (null >= 0) ::dup2(null, 0);
    if (log >= 0) {
      ::dup2(log, 1);
      ::dup2(log, 2);
    }
    ::execv(self.c_str(), argv.data());
    _exit(127);
  }
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(options.ready_timeout_seconds);
  while (std::chrono::steady_clock::now() < deadline) {
    int status = 0;
    if (::waitpid(pid, &status, WNOHANG) == pid) {
      std::cerr << "hoplite: the local cloud did not start:\n" << tail_of(log_file, 2000);
      return kExitFailure;
    }
    auto info = read_server_info(dir);
    if (info && info->pid == pid && server_answers(info->port, 500)) {
      std::cout << "local cloud running on " << endpoint_of(info->port) << " (pid " << pid << ", state in "
                << dir.string() << ")\n";
      return kExitOk;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  std::cerr << "hoplite: the local cloud did not answer within " << options.ready_timeout_seconds
            << " s; stopping it. Its log:\n"
            << tail_of(log_file, 2000);
  ::kill(pid, SIGKILL);
  ::waitpid(pid, nullptr, 0);
  return kExitFailure;
}

std::string self_path() {
  std::error_code ec;
  auto p = std::filesystem::read_symlink("/proc/self/exe", ec);
  return ec ? std::string("hoplite") : p.string();
}

}  // namespace

int run_up(const std::filesystem::path& dir, const UpOptions& options, const std::string& self) {
  std::vector<local::Credential> creds;
  if (!parse_credentials(options.credentials, creds)) return kExitUsage;
  if (options.foreground) return serve(dir, options, creds);
  return start_background(dir, options, self);
}

void add_up(CLI::App& local, const LocalOptions& shared, int* exit_code) {
  auto opt = std::make_shared<UpOptions>();
  CLI::App* sub = local.add_subcommand("up", "Start the local cloud; returns once it answers");
  sub->add_option("--port", opt->port, "TCP port on 127.0.0.1 (0: any free port)")
      ->default_val(kDefaultPort)
      ->check(CLI::Range(0, 65535));
  sub->add_flag("--foreground", opt->foreground, "Serve in this process until interrupted (Ctrl-C, SIGTERM)");
  sub->add_option("--credentials", opt->credentials,
                  "Also accept this key pair, ID:SECRET[:ACCOUNT[:USER]] (repeatable; test:test always works; "
                  "with USER the key is that IAM user's)");
  sub->add_option("--ready-timeout", opt->ready_timeout_seconds, "Seconds to wait for the server to answer")
      ->default_val(30)
      ->check(CLI::Range(1, 3600));
  sub->callback([opt, &shared, exit_code] {
    std::filesystem::path dir;
    if (!resolve_data_dir(shared, dir, std::cerr)) {
      *exit_code = kExitFailure;
      return;
    }
    *exit_code = run_up(dir, *opt, self_path());
  });
}

}  // namespace hoplite::tool
