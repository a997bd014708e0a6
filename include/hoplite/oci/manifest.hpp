#pragma once
/// \file
/// Image manifest and image index documents (image-spec v1.1.1 manifest.md, image-index.md).

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "hoplite/core/result.hpp"
#include "hoplite/oci/descriptor.hpp"
#include "hoplite/oci/media_type.hpp"

namespace hoplite::oci {

/// An image manifest: one config and an ordered list of layers.
struct Manifest {
  std::string media_type = std::string(kOciManifest);  ///< or kDockerManifest
  Descriptor config;                                   ///< the config's descriptor
  std::vector<Descriptor> layers;                      ///< the layers, bottom to top
  std::map<std::string, std::string> annotations;      ///< default: none (omitted)

  /// Canonical JSON: keys sorted, compact (image-spec considerations.md). Deterministic.
  [[nodiscard]] std::string to_json() const;
  /// Reads a manifest (schemaVersion 2, OCI or Docker). Errors: `oci.manifest`.
  [[nodiscard]] static core::Result<Manifest> parse(std::string_view json);

  friend bool operator==(const Manifest&, const Manifest&) = default;  ///< member-wise
};

/// An image index (or Docker manifest list): manifests for several platforms or, in a layout's
/// index.json, several tags.
struct ImageIndex {
  std::string media_type = std::string(kOciIndex);  ///< or kDockerManifestList
  std::vector<Descriptor> manifests;                ///< one per platform or tag
  std::map<std::string, std::string> annotations;   ///< default: none (omitted)

  /// Canonical JSON: keys sorted, compact.
  [[nodiscard]] std::string to_json() const;
  /// Errors: `oci.index`.
  [[nodiscard]] static core::Result<ImageIndex> parse(std::string_view json);

  friend bool operator==(const ImageIndex&, const ImageIndex&) = default;  ///< member-wise
};

}  // namespace hoplite::oci
