#pragma once
/// \file
/// The service image: the running binary, what it needs to run in an empty root
/// filesystem, and a config that runs one task — built without a daemon or network.

#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "hoplite/core/result.hpp"
#include "hoplite/oci/compression.hpp"
#include "hoplite/oci/image.hpp"
#include "hoplite/oci/media_type.hpp"

namespace hoplite::oci {

/// What to put in the service image. Only `binary` is required.
struct ServiceImageOptions {
  std::filesystem::path binary;               ///< the executable (e.g. `/proc/self/exe`); required
  std::string task;                           ///< Cmd: the task subcommand, e.g. `fargateTask`; default: none
  std::string service_name;                   ///< label org.opencontainers.image.title; default: omitted
  std::string build_id;                       ///< label org.opencontainers.image.revision; default: omitted
  std::string version;                        ///< label org.opencontainers.image.version; default: omitted
  std::string user = "65532:65532";           ///< config User; default: the non-root `nonroot` user
  std::string binary_path = "/app/service";   ///< where the binary goes (mode 0555); the Entrypoint
  std::string working_dir = "/app";           ///< config WorkingDir
  std::vector<std::string> env;               ///< added after PATH and SSL_CERT_FILE
  std::map<std::string, std::string> labels;  ///< added to (and may override) the three above
  /// CA bundle copied to /etc/ssl/certs/ca-certificates.crt when the file exists (skipped
  /// silently when it does not: the image then has no CA bundle and SSL_CERT_FILE is not set);
  /// empty: never.
  std::filesystem::path ca_certificates = "/etc/ssl/certs/ca-certificates.crt";
  bool add_passwd = true;                         ///< write /etc/passwd and /etc/group with root and nonroot (65532)
  std::optional<std::int64_t> source_date_epoch;  ///< default: SOURCE_DATE_EPOCH, else 0
  ManifestFormat format = ManifestFormat::kOci;   ///< OCI or Docker media types; default OCI
  std::filesystem::path sysroot = "/";            ///< where libraries are looked up (tests); default `/`

  /// Put a stripped copy of the binary in the image (strip.hpp): only what the loader reads.
  /// Default true. false: the binary as it is, debug information and all.
  bool strip = true;
  /// Where the stripped-off debug information goes, in the build-id layout gdb and elfutils
  /// search (`<dir>/.build-id/xx/yyyy.debug`). Default empty: it is not kept.
  std::filesystem::path debug_dir;
  Compression compression = Compression::kGzip;  ///< layer compression; default gzip
  int compression_level = 0;                     ///< 0: the codec's default (CompressOptions)
  int threads = 0;                               ///< compressing threads; 0: one per core
  /// The layer cache directory (layer_cache.hpp); empty: no cache, every layer is built in memory.
  std::filesystem::path cache_dir;
  /// Called with each layer (bottom first) as soon as it is ready, while the next one is built:
  /// a push can start uploading it. Default: none.
  std::function<void(std::size_t index, const Layer& layer)> on_layer;
};

/// What building the image did (for logs and the bench).
struct ServiceImageReport {
  std::uint64_t binary_bytes = 0;          ///< size of the binary given
  std::uint64_t image_binary_bytes = 0;    ///< size of the binary in the image (stripped or not)
  std::string build_id;                    ///< the binary's GNU build id (hex), empty when it has none
  std::filesystem::path debug_file;        ///< where its debug information went; empty: not kept
  bool debug_file_written = false;         ///< false when an identical debug file was already there
  std::vector<std::string> layer_origins;  ///< per layer: "built", "cached (same files)", "cached (same content)"
};

/// Where things are in the image (also what the docs promise).
inline constexpr const char* kImageCaBundlePath = "/etc/ssl/certs/ca-certificates.crt";
/// The PATH the image's environment sets.
inline constexpr const char* kImagePath = "/app:/usr/local/bin:/usr/bin:/bin";

/// Builds the service image. Two layers, bottom to top:
///  1. runtime: the ELF interpreter and shared libraries at the paths the loader looks them up,
///     the CA bundle, /etc/passwd, /etc/group, /tmp (1777) — changes only when the system does;
///  2. the binary at `binary_path` (0555), stripped unless `strip` is false — the only layer a
///     code change re-uploads.
/// Files are streamed into the layers (never read whole); with `cache_dir` an unchanged layer is
/// taken from the cache without reading its files (layer_cache.hpp). With `debug_dir` and
/// `strip`, the debug information is written there while the layers compress.
/// Config: Entrypoint [binary_path], Cmd [task], Env PATH + SSL_CERT_FILE + env, WorkingDir,
/// User, labels, os linux and architecture from the binary's ELF header. `created` and history
/// times are SOURCE_DATE_EPOCH when set and absent otherwise. Same inputs, same digest.
///
/// **Example**:
/// \code
///   auto img = oci::build_service_image({.binary = "/proc/self/exe", .task = "fargateTask",
///                                        .service_name = "svc", .build_id = "abc123"});
///   if (!img) return img.failure("building the image");
///   oci::write_layout(*img, "out", "latest");
/// \endcode
/// Errors: `io.read`, `io.write`, `oci.elf`, `oci.elf.arch`, `oci.elf.missing`, `oci.elf.interp`,
/// `oci.build` (bad options).
[[nodiscard]] core::Result<Image> build_service_image(const ServiceImageOptions& options,
                                                      ServiceImageReport* report = nullptr);

}  // namespace hoplite::oci
