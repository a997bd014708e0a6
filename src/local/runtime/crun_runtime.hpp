#pragma once
/// \file crun as the local cloud's container runtime. Each container gets an OCI runtime spec
/// (runtime_spec.hpp) and runs as `crun run` in the foreground, a child of the local cloud whose
/// exit status is the container's. crun forwards SIGTERM to the container.
///
/// Root on hosts with a hybrid cgroup layout: crun refuses to start ("cgroups in hybrid mode not
/// supported") while `/sys/fs/cgroup/unified` lists a controller. The child that becomes crun
/// therefore enters a private mount namespace first and unmounts that one directory there (the
/// host is untouched), and crun runs with `--cgroup-manager=disabled` — so cpu/memory limits are
/// written into the spec but not enforced. The same private namespace carries the overlay that
/// puts the container's writable layer over the shared image root filesystem.
///
/// Not root: rootless crun needs a user namespace mapping this module does not write yet, so
/// `unusable()` says so.

#include <filesystem>
#include <string>

#include "local/runtime/container_runtime.hpp"

namespace hoplite::local::runtime {

struct CrunOptions {
  /// The crun binary: a path, or a name looked up on PATH. Default "crun".
  std::string program = "crun";
  /// crun's state directory (`--root`), private to this local cloud so that the start-up sweep
  /// only ever sees its own containers. Required.
  std::filesystem::path state_dir;
};

class CrunRuntime final : public ContainerRuntime {
 public:
  explicit CrunRuntime(CrunOptions options);

  [[nodiscard]] std::string name() const override { return "crun"; }
  std::optional<std::string> unusable() override;
  core::Result<Started> start(const ContainerSpec& spec) override;
  core::Result<void> kill(const std::string& id, pid_t started_pid, int signal) override;
  void remove(const std::string& id) override;
  std::vector<std::string> list() override;

 private:
  CrunOptions options_;
  std::filesystem::path binary_;  ///< resolved once; empty when not found
};

}  // namespace hoplite::local::runtime
