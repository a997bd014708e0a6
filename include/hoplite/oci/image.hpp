#pragma once
/// \file
/// An image: manifest + config + layers, as exact bytes, each with its digest.

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "hoplite/core/result.hpp"
#include "hoplite/oci/descriptor.hpp"
#include "hoplite/oci/digest.hpp"
#include "hoplite/oci/image_config.hpp"
#include "hoplite/oci/layer.hpp"
#include "hoplite/oci/manifest.hpp"
#include "hoplite/oci/media_type.hpp"

namespace hoplite::oci {

/// An immutable image. The manifest and config are kept as the exact bytes that are hashed,
/// written and pushed; `digest()` is the manifest's digest, the image's identity in a registry.
///
/// **Example**:
/// \code
///   oci::LayerWriter w;
///   w.add_file("app/service", bytes, 0555);
///   oci::Image img = oci::Image::create({.architecture = "amd64"}, {w.finish()});
///   img.digest();            // sha256:… of img.manifest_bytes()
///   oci::Image more = oci::append_layers(img, {other});   // a new Image; img is unchanged
/// \endcode
class Image {
 public:
  /// Builds the config and manifest documents canonically. `config.diff_ids` is replaced by the
  /// layers' diff_ids; `format` picks OCI or Docker v2 schema 2 media types for manifest, config
  /// and gzip layers. Deterministic: the same arguments give the same digest.
  [[nodiscard]] static Image create(ImageConfig config, std::vector<Layer> layers,
                                    ManifestFormat format = ManifestFormat::kOci,
                                    std::map<std::string, std::string> manifest_annotations = {});

  /// An image from stored bytes (a layout on disk, a registry). Parses both documents and checks
  /// that the layers are the ones the manifest lists (digest and size) and that the config is the
  /// one it references. Errors: `oci.image`, `oci.manifest`, `oci.config`.
  [[nodiscard]] static core::Result<Image> from_bytes(std::string manifest_bytes, std::string config_bytes,
                                                      std::vector<Layer> layers);

  /// The manifest digest.
  [[nodiscard]] const Digest& digest() const { return state_->manifest_digest; }
  /// The manifest exactly as stored (its digest is digest()).
  [[nodiscard]] const std::string& manifest_bytes() const { return state_->manifest_bytes; }
  /// The manifest's media type (OCI or Docker).
  [[nodiscard]] const std::string& manifest_media_type() const { return state_->manifest.media_type; }
  /// The parsed manifest.
  [[nodiscard]] const Manifest& manifest() const { return state_->manifest; }
  /// The config exactly as stored.
  [[nodiscard]] const std::string& config_bytes() const { return state_->config_bytes; }
  /// The parsed config.
  [[nodiscard]] const ImageConfig& config() const { return state_->config; }
  /// The config's descriptor, as the manifest lists it.
  [[nodiscard]] const Descriptor& config_descriptor() const { return state_->manifest.config; }
  /// The layers, bottom to top.
  [[nodiscard]] const std::vector<Layer>& layers() const { return state_->layers; }
  /// The platform the config names (architecture, os, variant).
  [[nodiscard]] Platform platform() const;
  /// The manifest's own descriptor (media type, digest, size, platform), as an index lists it.
  [[nodiscard]] Descriptor descriptor() const;
  /// Which dialect the manifest is written in.
  [[nodiscard]] ManifestFormat format() const;

 private:
  struct State {
    std::string manifest_bytes;
    Digest manifest_digest;
    Manifest manifest;
    std::string config_bytes;
    ImageConfig config;
    std::vector<Layer> layers;
  };
  explicit Image(std::shared_ptr<const State> s) : state_(std::move(s)) {}
  std::shared_ptr<const State> state_;
};

/// A new image with `layers` on top of `base`'s (config kept, diff_ids extended, same format).
[[nodiscard]] Image append_layers(const Image& base, std::vector<Layer> layers);
/// A new image with the same layers and another config (diff_ids taken from the layers).
[[nodiscard]] Image with_config(const Image& base, ImageConfig config);

/// Checks everything an image claims about itself (G13): the manifest's config descriptor against
/// the config bytes (size, then digest), each layer descriptor against its blob (size, digest),
/// each layer's diff_id against its uncompressed tar and against config rootfs.diff_ids, and the
/// media types. Errors: `oci.invalid` naming the first mismatch.
[[nodiscard]] core::Result<void> validate(const Image& image);

}  // namespace hoplite::oci
