#pragma once
/// \file
/// What the describe page shows about the service's image: its identity (reference,
/// digest, platform), how it runs (entrypoint, command, user, environment, labels) and its layers
/// with what they hold — computed from an oci::Image, without the network.

#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "hoplite/core/result.hpp"
#include "hoplite/oci/image.hpp"

namespace hoplite::describe {

/// One layer of the image, as describe's page shows it.
struct LayerSummary {
  std::string digest;                  ///< sha256:… of the blob as pushed
  std::string media_type;              ///< the layer's media type (gzip or zstd tar)
  std::int64_t size = 0;               ///< compressed bytes
  std::int64_t uncompressed_size = 0;  ///< bytes of its regular files, uncompressed
  std::size_t files = 0;               ///< regular files in the layer
  /// The largest regular files (path, bytes), largest first, ties by path; at most 6.
  std::vector<std::pair<std::string, std::int64_t>> largest;
  std::string created_by;  ///< the config history entry for this layer; "" when none
};

/// What describe's page shows about the service image: where it is, its config and its layers.
struct ImageSummary {
  std::string reference;                ///< where it is: "oci:image:abc123" (a layout), or "computed from this binary"
  std::string digest;                   ///< the manifest digest
  std::string media_type;               ///< the manifest media type
  std::string platform;                 ///< "linux/amd64"
  std::vector<std::string> entrypoint;  ///< the config's Entrypoint
  std::vector<std::string> cmd;         ///< the config's Cmd
  std::vector<std::string> env;         ///< the config's Env, `NAME=value`
  std::string user;                     ///< the config's User; "" = root
  std::string working_dir;              ///< the config's WorkingDir; "" = /
  std::map<std::string, std::string> labels;  ///< the config's Labels
  std::vector<LayerSummary> layers;           ///< bottom to top
};

/// Summarizes `image` (reading each layer's tar to list its files). Errors: `oci.layer` when a
/// layer cannot be read.
[[nodiscard]] core::Result<ImageSummary> summarize_image(const oci::Image& image, std::string reference);

}  // namespace hoplite::describe
