#pragma once
/// \file Which container runtime the local cloud uses, from its configuration: `crun` (default:
/// crun from PATH), a path to a crun binary, or `podman`/`docker` — recognised, not supported
/// yet, so tasks fail to start with a reason that says so rather than pretending.

#include <filesystem>
#include <memory>
#include <string_view>

#include "local/runtime/container_runtime.hpp"

namespace hoplite::local::runtime {

/// `configured` empty means the default (crun). `state_dir`: crun's private state directory.
[[nodiscard]] std::unique_ptr<ContainerRuntime> select_runtime(std::string_view configured,
                                                               const std::filesystem::path& state_dir);

/// A runtime that cannot run anything, and says why (`unusable()`); every start fails.
class UnavailableRuntime final : public ContainerRuntime {
 public:
  UnavailableRuntime(std::string name, std::string reason) : name_(std::move(name)), reason_(std::move(reason)) {}
  [[nodiscard]] std::string name() const override { return name_; }
  std::optional<std::string> unusable() override { return reason_; }
  core::Result<Started> start(const ContainerSpec&) override { return core::fail("runtime.start", reason_); }
  core::Result<void> kill(const std::string&, pid_t, int) override { return core::ok(); }
  void remove(const std::string&) override {}
  std::vector<std::string> list() override { return {}; }

 private:
  std::string name_;
  std::string reason_;
};

}  // namespace hoplite::local::runtime
