#pragma once
/// \file
/// The image configuration (image-spec v1.1.1 config.md): what runs, as whom, on what.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "hoplite/core/result.hpp"
#include "hoplite/oci/digest.hpp"

namespace hoplite::oci {

/// The execution parameters (`config` object) a runtime uses when it starts a container.
struct ContainerConfig {
  std::string user;                           ///< `uid:gid` or a name; default: empty (root)
  std::vector<std::string> env;               ///< `NAME=value`, in this order
  std::vector<std::string> entrypoint;        ///< default: none
  std::vector<std::string> cmd;               ///< arguments appended to the entrypoint
  std::string working_dir;                    ///< default: empty (omitted; runtime uses `/`)
  std::map<std::string, std::string> labels;  ///< written sorted by key
  std::vector<std::string> exposed_ports;     ///< e.g. `8080/tcp`; default: none
  std::string stop_signal;                    ///< e.g. `SIGTERM`; default: empty (omitted)

  friend bool operator==(const ContainerConfig&, const ContainerConfig&) = default;  ///< member-wise
};

/// One `history` entry: how a layer came to be.
struct HistoryEntry {
  std::string created_by;               ///< the command that made the layer, as tools show it
  std::string comment;                  ///< free text; default empty
  bool empty_layer = false;             ///< true: the entry made no layer (config-only change)
  std::optional<std::int64_t> created;  ///< seconds since the epoch; default: none (reproducible)

  friend bool operator==(const HistoryEntry&, const HistoryEntry&) = default;  ///< member-wise
};

/// The image config document. Serialised canonically by `to_json`: keys sorted, compact, no
/// clock — `created` appears only when set (build it from SOURCE_DATE_EPOCH, never the wall clock).
struct ImageConfig {
  std::string architecture = "amd64";   ///< GOARCH spelling, from the binary's ELF header
  std::string os = "linux";             ///< default linux
  std::string variant;                  ///< default: empty (omitted)
  std::optional<std::int64_t> created;  ///< seconds since the epoch; default: none (omitted)
  std::string author;                   ///< default: empty (omitted)
  ContainerConfig config;               ///< the container's runtime settings (the `config` member)
  std::vector<Digest> diff_ids;         ///< rootfs.diff_ids: digests of the uncompressed layer tars, in order
  std::vector<HistoryEntry> history;    ///< one entry per layer, in order

  /// Canonical JSON (keys sorted, compact, as image-spec considerations.md recommends); empty
  /// optional fields are left out. The same value always gives the same bytes.
  [[nodiscard]] std::string to_json() const;
  /// Reads a config document (OCI or Docker). Unknown fields are ignored. Errors: `oci.config`.
  [[nodiscard]] static core::Result<ImageConfig> parse(std::string_view json);

  friend bool operator==(const ImageConfig&, const ImageConfig&) = default;  ///< member-wise
};

}  // namespace hoplite::oci
