#pragma once
/// \file The seam between the local cloud's ECS and the program that runs containers. A runtime
/// starts a container from a root filesystem and a process description, and returns a child
/// process of ours whose exit status is the container's and whose stdout/stderr are pipes we
/// read. crun is the default (crun_runtime.hpp); tests use fakes.

#include <sys/types.h>

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "hoplite/core/result.hpp"

namespace hoplite::local::runtime {

/// One container to start.
struct ContainerSpec {
  /// The runtime's name for it: `[a-zA-Z0-9_-]`, unique among running containers.
  std::string id;
  /// The image's unpacked root filesystem, shared by every container of the image: a runtime
  /// never writes into it (crun: an overlay with a private upper directory).
  std::filesystem::path image_rootfs;
  /// A private, empty directory for this container's files (bundle, writable layer). Removed by
  /// the caller after the container exited.
  std::filesystem::path work_dir;
  std::vector<std::string> args;  ///< argv; args[0] is resolved by the runtime in the rootfs
  std::vector<std::string> env;   ///< `NAME=value`
  std::string cwd = "/";
  std::uint32_t uid = 0;
  std::uint32_t gid = 0;
  std::string hostname;
  std::optional<std::int64_t> memory_bytes;  ///< hard limit; none: unlimited
  std::optional<std::int64_t> cpu_units;     ///< ECS cpu units (1024 = one vCPU); none: unlimited
};

/// A started container: our child process and the read ends of its output pipes (non-blocking,
/// close-on-exec; the caller closes them).
struct Started {
  pid_t pid = -1;
  int stdout_fd = -1;
  int stderr_fd = -1;
};

class ContainerRuntime {
 public:
  virtual ~ContainerRuntime() = default;
  /// "crun", … (for messages).
  [[nodiscard]] virtual std::string name() const = 0;
  /// nullopt when containers can run; else why not, saying what to install or configure.
  virtual std::optional<std::string> unusable() = 0;
  /// Starts the container. Errors: `runtime.start` with the reason.
  virtual core::Result<Started> start(const ContainerSpec& spec) = 0;
  /// Sends `signal` to the container's main process (SIGTERM for a stop, SIGKILL after the stop
  /// timeout).
  virtual core::Result<void> kill(const std::string& id, pid_t started_pid, int signal) = 0;
  /// Forgets a container that is not running any more, or kills and forgets one this process
  /// no longer watches (after a crash of the local cloud). Never fails: best effort.
  virtual void remove(const std::string& id) = 0;
  /// The containers the runtime knows (running or not), for the sweep at start-up.
  virtual std::vector<std::string> list() = 0;
};

}  // namespace hoplite::local::runtime
