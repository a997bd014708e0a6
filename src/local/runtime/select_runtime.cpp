#include "local/runtime/select_runtime.hpp"

#include "hoplite/core/terminal_text.hpp"
#include "local/runtime/crun_runtime.hpp"

namespace hoplite::local::runtime {

std::unique_ptr<ContainerRuntime> select_runtime(std::string_view configured, const std::filesystem::path& state_dir) {
  if (configured.empty() || configured == "crun" || configured.find('/') != std::string_view::npos) {
    return std::make_unique<CrunRuntime>(CrunOptions{
        .program = configured.empty() ? std::string("crun") : std::string(configured), .state_dir = state_dir});
  }
  if (configured == "podman" || configured == "docker") {
    return std::make_unique<UnavailableRuntime>(
        std::string(configured), std::string(configured) +
                                     " is not supported by the local cloud yet: install crun (apt-get install crun) "
                                     "and unset HOPLITE_CONTAINER_RUNTIME");
  }
  return std::make_unique<UnavailableRuntime>(
      "unknown", "unknown container runtime '" + core::terminal_safe(configured, 64) +
                     "' in HOPLITE_CONTAINER_RUNTIME: use crun or a path to a crun binary");
}

}  // namespace hoplite::local::runtime
