#include "local/runtime/crun_runtime.hpp"

#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <sys/mount.h>
#include <unistd.h>

#include <cstring>
#include <fstream>
#include <system_error>

#include "hoplite/core/process.hpp"
#include "local/runtime/runtime_spec.hpp"

namespace hoplite::local::runtime {
namespace {

core::Failure start_error(std::string message) { return core::fail("runtime.start", std::move(message)); }

/// Overlay options separate fields with ',' and lower directories with ':'; our own paths never
/// contain them, but a data directory chosen by the user might.
bool overlay_safe(const std::filesystem::path& p) {
  auto s = p.string();
  return s.find_first_of(",:") == std::string::npos;
}

const char* signal_name(int signal) {
  switch (signal) {
    case SIGTERM:
      return "TERM";
    case SIGKILL:
      return "KILL";
    case SIGINT:
      return "INT";
    default:
      return nullptr;
  }
}

void close_fd(int& fd) {
  if (fd >= 0) ::close(fd);
  fd = -1;
}

}  // namespace

CrunRuntime::CrunRuntime(CrunOptions options) : options_(std::move(options)) {
  if (options_.program.find('/') != std::string::npos) {
    if (::access(options_.program.c_str(), X_OK) == 0) binary_ = options_.program;
  } else if (auto found = core::find_on_path(options_.program)) {
    binary_ = *found;
  }
}

std::optional<std::string> CrunRuntime::unusable() {
  if (binary_.empty())
    return "no container runtime: '" + options_.program +
           "' was not found. Install crun (Debian/Ubuntu: apt-get install crun) to run ECS tasks in the local cloud";
  if (::geteuid() != 0)
    return "crun runs the local cloud's containers only as root for now (rootless containers need a user "
           "namespace mapping that is not written yet): run the local cloud as root";
  return std::nullopt;
}

core::Result<Started> CrunRuntime::start(const ContainerSpec& spec) {
  if (auto why = unusable()) return start_error(*why);
  std::error_code ec;
  const auto& wd = spec.work_dir;
  const auto upper = wd / "upper", work = wd / "work", rootfs = wd / "rootfs";
  for (const auto& d : {upper, work, rootfs, options_.state_dir}) {
    std::filesystem::create_directories(d, ec);
    if (ec) return start_error("cannot create " + d.string() + ": " + ec.message());
  }
  if (!overlay_safe(spec.image_rootfs) || !overlay_safe(upper) || !overlay_safe(work))
    return start_error("the local cloud's data directory must not contain ',' or ':' (overlay mounts cannot name it)");
  {
    std::ofstream config(wd / "config.json", std::ios::binary | std::ios::trunc);
    config << runtime_spec(spec, rootfs).dump();
    if (!config) return start_error("cannot write " + (wd / "config.json").string());
  }

  // Everything the child needs is prepared before fork: after it, only system calls.
  const std::string overlay =
      "lowerdir=" + spec.image_rootfs.string() + ",upperdir=" + upper.string() + ",workdir=" + work.string();
  const std::string rootfs_s = rootfs.string();
  std::vector<std::string> args{
      binary_.string(), "--root", options_.state_dir.string(), "--cgroup-manager=disabled", "run", "--bundle",
      wd.string(),      spec.id};
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);

  int out[2] = {-1, -1}, err[2] = {-1, -1};
  if (::pipe2(out, O_CLOEXEC) != 0 || ::pipe2(err, O_CLOEXEC) != 0) {
    close_fd(out[0]), close_fd(out[1]), close_fd(err[0]), close_fd(err[1]);
    return start_error(std::string("pipe: ") + std::strerror(errno));
  }
  pid_t pid = ::fork();
  if (pid < 0) {
    close_fd(out[0]), close_fd(out[1]), close_fd(err[0]), close_fd(err[1]);
    return start_error(std::string("fork: ") + std::strerror(errno));
  }
  if (pid == 0) {
    ::setsid();  // its own session: a terminal's ^C to the local cloud does not reach tasks
    int devnull = ::open("/dev/null", O_RDONLY);
    if (devnull >= 0) ::dup2(devnull, 0);
    ::dup2(out[1], 1);
    ::dup2(err[1], 2);
    auto fail = [](const char* what) {
      const char* e = std::strerror(errno);
      (void)!::write(2, what, std::strlen(what));
      (void)!::write(2, ": ", 2);
      (void)!::write(2, e, std::strlen(e));
      (void)!::write(2, "\n", 1);
      ::_exit(125);
    };
    if (::unshare(CLONE_NEWNS) != 0) fail("hoplite: unshare(CLONE_NEWNS)");
    if (::mount(nullptr, "/", nullptr, MS_REC | MS_PRIVATE, nullptr) != 0) fail("hoplite: making / private");
    ::umount2("/sys/fs/cgroup/unified", MNT_DETACH);  // the cgroup workaround; absent elsewhere
    if (::mount("overlay", rootfs_s.c_str(), "overlay", 0, overlay.c_str()) != 0) fail("hoplite: overlay mount");
    ::execv(argv[0], argv.data());
    fail("hoplite: exec crun");
  }
  close_fd(out[1]);
  close_fd(err[1]);
  for (int fd : {out[0], err[0]}) ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) | O_NONBLOCK);
  return Started{.pid = pid, .stdout_fd = out[0], .stderr_fd = err[0]};
}

core::Result<void> CrunRuntime::kill(const std::string& id, pid_t started_pid, int signal) {
  if (const char* name = signal_name(signal); name != nullptr && !binary_.empty()) {
    core::PosixProcessRunner runner;
    auto r = runner.run({.argv = {binary_.string(), "--root", options_.state_dir.string(), "kill", id, name},
                         .timeout = std::chrono::seconds(10)});
    if (r && r->exit_code == 0) return core::ok();
  }
  // Not created yet (or crun refused): crun run forwards the signal to the container.
  if (started_pid > 0 && ::kill(started_pid, signal) == 0) return core::ok();
  return core::fail("runtime.kill", "cannot signal container " + id + ": " + std::strerror(errno));
}

void CrunRuntime::remove(const std::string& id) {
  if (binary_.empty()) return;
  core::PosixProcessRunner runner;
  (void)runner.run({.argv = {binary_.string(), "--root", options_.state_dir.string(), "kill", id, "KILL"},
                    .timeout = std::chrono::seconds(10)});
  (void)runner.run({.argv = {binary_.string(), "--root", options_.state_dir.string(), "delete", "--force", id},
                    .timeout = std::chrono::seconds(10)});
}

std::vector<std::string> CrunRuntime::list() {
  // crun keeps one directory per container under its root.
  std::vector<std::string> out;
  std::error_code ec;
  for (const auto& e : std::filesystem::directory_iterator(options_.state_dir, ec))
    if (e.is_directory(ec)) out.push_back(e.path().filename().string());
  return out;
}

}  // namespace hoplite::local::runtime
