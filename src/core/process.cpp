#include "hoplite/core/process.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>

#include <fmt/format.h>

extern char** environ;

namespace hoplite::core {

std::optional<std::filesystem::path> find_on_path(const std::string& program) {
  if (program.find('/') != std::string::npos) {
    if (::access(program.c_str(), X_OK) == 0) return std::filesystem::path(program);
    return std::nullopt;
  }
  const char* path = std::getenv("PATH");
  std::string_view rest = path ? path : "/usr/local/bin:/usr/bin:/bin";
  while (!rest.empty()) {
    size_t colon = rest.find(':');
    std::string_view dir = rest.substr(0, colon);
    rest = colon == std::string_view::npos ? std::string_view{} : rest.substr(colon + 1);
    if (dir.empty()) continue;
    std::filesystem::path candidate = std::filesystem::path(dir) / program;
    if (::access(candidate.c_str(), X_OK) == 0 && !std::filesystem::is_directory(candidate)) return candidate;
  }
  return std::nullopt;
}

namespace {

struct Pipe {
  int fd[2] = {-1, -1};
  bool open() { return ::pipe2(fd, O_CLOEXEC) == 0; }
  void close_all() {
    for (int& f : fd)
      if (f >= 0) ::close(f), f = -1;
  }
};

std::vector<std::string> child_environment(const std::map<std::string, std::string>& overrides) {
  std::vector<std::string> env;
  for (char** e = environ; *e != nullptr; ++e) {
    std::string_view entry(*e);
    std::string key(entry.substr(0, entry.find('=')));
    if (!overrides.contains(key)) env.emplace_back(entry);
  }
  for (const auto& [k, v] : overrides) env.push_back(k + "=" + v);
  return env;
}

}  // namespace

Result<ProcessResult> PosixProcessRunner::run(const ProcessSpec& spec) {
  if (spec.argv.empty()) return fail("process.spawn", "no program given");
  auto exe = find_on_path(spec.argv[0]);
  if (!exe) return fail("process.spawn", fmt::format("program '{}' not found on PATH", spec.argv[0]));

  Pipe in, out, err;
  if (!in.open() || !out.open() || !err.open()) {
    in.close_all(), out.close_all(), err.close_all();
    return fail("process.spawn", fmt::format("cannot create pipes: {}", std::strerror(errno)));
  }
  // Everything the child needs is prepared before fork: after it only async-signal-safe calls.
  std::vector<std::string> env = child_environment(spec.env_overrides);
  std::vector<char*> envp, argv;
  for (auto& e : env) envp.push_back(e.data());
  envp.push_back(nullptr);
  std::vector<std::string> args = spec.argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  std::string exe_path = exe->string();
  std::string cwd = spec.cwd.string();

  pid_t pid = ::fork();
  if (pid < 0) {
    in.close_all(), out.close_all(), err.close_all();
    return fail("process.spawn", fmt::format("cannot fork: {}", std::strerror(errno)));
  }
  const bool own_group = spec.timeout.has_value();
  if (pid == 0) {
    if (own_group) ::setpgid(0, 0);
    int devnull = ::open("/dev/null", O_RDWR);
    ::dup2(spec.stdin_data ? in.fd[0] : devnull, 0);
    if (spec.capture_stdout) ::dup2(out.fd[1], 1);
    if (spec.capture_stderr) ::dup2(err.fd[1], 2);
    if (!cwd.empty() && ::chdir(cwd.c_str()) != 0) _exit(127);
    ::execve(exe_path.c_str(), argv.data(), envp.data());
    _exit(127);
  }
  // Both sides set the group, so it exists before either relies on it.
  if (own_group) ::setpgid(pid, pid);
  auto kill_child = [&] { ::kill(own_group ? -pid : pid, SIGKILL); };
  ::close(in.fd[0]), in.fd[0] = -1;
  ::close(out.fd[1]), out.fd[1] = -1;
  ::close(err.fd[1]), err.fd[1] = -1;

  if (spec.stdin_data) {
    // Written before reading: callers pass small inputs (under a pipe buffer) through stdin.
    const std::string& data = *spec.stdin_data;
    size_t off = 0;
    ::signal(SIGPIPE, SIG_IGN);
    while (off < data.size()) {
      ssize_t n = ::write(in.fd[1], data.data() + off, data.size() - off);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) break;
      off += static_cast<size_t>(n);
    }
  }
  ::close(in.fd[1]), in.fd[1] = -1;

  ProcessResult result;
  auto deadline = spec.timeout ? std::optional(std::chrono::steady_clock::now() + *spec.timeout) : std::nullopt;
  pollfd fds[2] = {{out.fd[0], POLLIN, 0}, {err.fd[0], POLLIN, 0}};
  std::string* sinks[2] = {&result.out, &result.err};
  int open_fds = 2;
  char buf[65536];
  while (open_fds > 0) {
    int wait_ms = -1;
    if (deadline) {
      auto left = std::chrono::duration_cast<std::chrono::milliseconds>(*deadline - std::chrono::steady_clock::now());
      if (left.count() <= 0) {
        kill_child();
        result.timed_out = true;
        break;
      }
      wait_ms = static_cast<int>(left.count());
    }
    int n = ::poll(fds, 2, wait_ms);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) break;
    for (int i = 0; i < 2; ++i) {
      if (fds[i].fd < 0 || fds[i].revents == 0) continue;
      ssize_t got = ::read(fds[i].fd, buf, sizeof buf);
      if (got > 0) {
        if (sinks[i]->size() + static_cast<size_t>(got) > spec.max_output_bytes) {
          kill_child();
          result.output_exceeded = true;
          open_fds = 0;
          break;
        }
        sinks[i]->append(buf, static_cast<size_t>(got));
      } else if (got == 0 || (got < 0 && errno != EINTR)) {
        ::close(fds[i].fd);
        fds[i].fd = -1;
        --open_fds;
      }
    }
  }
  for (auto& f : fds)
    if (f.fd >= 0) ::close(f.fd);

  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  if (WIFEXITED(status)) {
    result.exit_code = WEXITSTATUS(status);
  } else if (WIFSIGNALED(status)) {
    result.exit_code = 128 + WTERMSIG(status);
  }
  return result;
}

}  // namespace hoplite::core
