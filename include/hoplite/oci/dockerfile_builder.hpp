#pragma once
/// \file
/// Building the image from a Dockerfile with an installed builder (docker, podman or
/// buildah) — Sparta's `BuildDockerImage(…, dockerfile)`. The result is read back as an Image so
/// it is pushed like a daemonless one.

#include <filesystem>
#include <functional>
#include <map>
#include <optional>
#include <string>

#include "hoplite/core/process.hpp"
#include "hoplite/core/result.hpp"
#include "hoplite/oci/image.hpp"

namespace hoplite::oci {

/// The container builder that runs a Dockerfile build.
enum class ContainerBuilder { kDocker, kPodman, kBuildah };

/// `docker`, `podman`, `buildah`.
[[nodiscard]] const char* to_string(ContainerBuilder builder);

/// Looks a program up on PATH; injectable so tests can pretend a builder is (not) installed.
using ProgramLookup = std::function<std::optional<std::filesystem::path>(const std::string&)>;

/// What a Dockerfile build takes.
struct DockerfileBuildOptions {
  std::filesystem::path dockerfile;               ///< required
  std::filesystem::path binary;                   ///< the service binary, passed as build arg HOPLITE_BINARY; required
  std::filesystem::path context;                  ///< build context; default: the Dockerfile's directory
  std::filesystem::path work_dir;                 ///< scratch space for builder storage and the layout; required
  std::string tag = "latest";                     ///< tag of the result in the layout
  std::map<std::string, std::string> build_args;  ///< more --build-arg values
  /// Which builder to use; default: the first installed (and, for docker, reachable) of docker,
  /// podman, buildah.
  std::optional<ContainerBuilder> builder;
};

/// The builder to use: the first of docker, podman, buildah that `lookup` finds. Docker counts
/// only when its daemon answers (`docker version`), since the CLI alone cannot build.
/// Errors: `oci.builder.missing` naming all three.
[[nodiscard]] core::Result<ContainerBuilder> find_container_builder(core::ProcessRunner& runner,
                                                                    const ProgramLookup& lookup = core::find_on_path);

/// Runs the builder on the Dockerfile with `--build-arg HOPLITE_BINARY=<binary relative to the
/// context>` (the binary is copied into a fresh `<context>/.hoplite-build-XXXXXX/` first when it
/// lies outside the context — never into a directory that existed — and that directory is removed
/// afterwards), exports the result as an OCI layout in
/// `<work_dir>/layout` under `tag` (replacing what was there), and reads it back.
///  - buildah: `buildah --root … --runroot … --storage-driver vfs bud --format oci --isolation chroot
///    -f <Dockerfile> --build-arg HOPLITE_BINARY=<rel> -t localhost/hoplite-build:<tag> <context>`,
///    then `buildah … push <image> oci:<work_dir>/layout:<tag>`; podman the same with `build`.
///    Their storage lives in `<work_dir>/storage` (no daemon, no system state touched) and is
///    removed after the export; when `<work_dir>/storage/runroot` would be longer than podman
///    accepts (50 characters), the run root is a fresh `/tmp/hoplite-rr-XXXXXX` instead.
///  - docker: `docker build …`, then `docker save` (an OCI layout since Docker 25) unpacked (entries
///    must be relative, without `..`).
/// Tested for real with buildah 1.28 on Debian 12; podman and docker through a fake runner (the
/// docker fake writes a real `docker save`-style tar).
/// Errors: `oci.builder.missing`, `oci.builder.failed` (with the builder's stderr tail), and
/// read_layout's errors.
[[nodiscard]] core::Result<Image> build_with_dockerfile(const DockerfileBuildOptions& options,
                                                        core::ProcessRunner& runner,
                                                        const ProgramLookup& lookup = core::find_on_path);

}  // namespace hoplite::oci
