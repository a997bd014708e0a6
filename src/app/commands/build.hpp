#pragma once
/// \file `build`: the service's own container image — built from this very binary without a
/// daemon (or from a Dockerfile with an installed builder) — written as an OCI layout and/or
/// pushed to a registry. Prints the pushed `repo@sha256:…` (or the layout's digest) on stdout.

#include <string>

#include <CLI/CLI.hpp>

#include "app/command_env.hpp"

namespace hoplite::app {

struct BuildOptions {
  std::string out_dir;     ///< `--out DIR`: write the OCI layout here; default: none unless nothing else is asked
  std::string tag;         ///< `--tag TAG` in the layout; default: the build id
  std::string push_ref;    ///< `--push REF`: push to this reference (tag defaults to the build id)
  std::string dockerfile;  ///< `--dockerfile FILE`: build with docker/podman/buildah instead
  std::string task;        ///< `--task NAME`: the image's Cmd; default: the service's first task
  std::string user;        ///< `--user USER`: the image's User; default 65532:65532 (non-root)
  std::string binary;      ///< `--binary FILE`: what to package; default /proc/self/exe
  bool insecure = false;   ///< `--insecure-registry`: plain HTTP to a non-loopback registry
  int concurrency = 3;     ///< `--jobs N`: blobs uploaded at once
  std::string compression = "gzip";  ///< `--compression gzip|zstd`: layer compression
  int compression_level = 0;         ///< `--compression-level N`; default: the codec's (gzip 1, zstd 3)
  bool no_strip = false;             ///< `--no-strip`: put the binary in as it is, debug info and all
  /// `--debug-dir DIR`: where the stripped-off debug information goes (build-id layout); default
  /// `<out>.debug` beside the layout, or `<cache>/debug` when only pushing
  std::string debug_dir;
  bool no_cache = false;  ///< `--no-cache`: neither read nor write the layer cache
};

void add_build(CLI::App& app, CommandEnv& env);
int run_build(CommandEnv& env, const BuildOptions& options);

}  // namespace hoplite::app
