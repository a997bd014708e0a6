#pragma once
/// \file The OCI runtime spec (config.json) of a container, written from a ContainerSpec:
/// https://github.com/opencontainers/runtime-spec/blob/v1.0.2/config.md
///
/// Namespaces: pid, ipc, uts and mount — not network: the container shares the host's network,
/// so it reaches the local cloud at 127.0.0.1 as a Fargate task reaches AWS endpoints. The
/// capability set and masked paths are those `crun spec` writes (docker's defaults), with
/// `noNewPrivileges`. No rlimits: the container keeps the local cloud's (a runtime may not raise
/// a hard limit it does not have).

#include <filesystem>

#include <nlohmann/json.hpp>

#include "local/runtime/container_runtime.hpp"

namespace hoplite::local::runtime {

/// The spec for `spec`, its root at `rootfs` (writable).
[[nodiscard]] nlohmann::json runtime_spec(const ContainerSpec& spec, const std::filesystem::path& rootfs);

}  // namespace hoplite::local::runtime
