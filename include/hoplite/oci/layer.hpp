#pragma once
/// \file One filesystem layer of an image: a (usually gzip-compressed) tar blob.

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "hoplite/core/result.hpp"
#include "hoplite/oci/descriptor.hpp"
#include "hoplite/oci/digest.hpp"
#include "hoplite/oci/media_type.hpp"

namespace hoplite::oci {

/// An immutable layer that knows its digests: `digest()` of the blob as stored and pushed
/// (compressed), `diff_id()` of the uncompressed tar (what the config's rootfs lists).
///
/// The blob is held in memory and shared between copies (copying a Layer is cheap). A service
/// image is the binary plus its libraries — tens of MB at most — so memory is the simple choice;
/// `compressed()` gives the bytes to hash, write or upload in slices of any size.
///
/// Make layers with LayerWriter (reproducible tar+gzip) or `from_blob` (bytes read back from a
/// layout or produced by another builder).
class Layer {
 public:
  /// A layer from its stored bytes. For a gzip media type the blob is decompressed once to compute
  /// the diff_id; for a plain tar the diff_id is the digest. Errors: `oci.layer` (bad gzip, or a
  /// media type that is not a tar layer).
  [[nodiscard]] static core::Result<Layer> from_blob(std::string blob, std::string_view media_type = kOciLayerGzip);

  /// A layer whose digests the caller has just computed from the same bytes (LayerWriter does).
  /// Trusts its arguments; `oci::validate` rechecks them.
  [[nodiscard]] static Layer from_parts(std::string blob, Digest digest, Digest diff_id, std::string media_type);

  [[nodiscard]] const Digest& digest() const { return digest_; }
  [[nodiscard]] const Digest& diff_id() const { return diff_id_; }
  /// Size of the stored (compressed) blob in bytes.
  [[nodiscard]] std::int64_t size() const { return static_cast<std::int64_t>(blob_->size()); }
  [[nodiscard]] const std::string& media_type() const { return media_type_; }
  /// The blob bytes exactly as stored and pushed.
  [[nodiscard]] std::string_view compressed() const { return *blob_; }
  /// `{media_type, digest, size}` as a manifest lists it.
  [[nodiscard]] Descriptor descriptor() const { return Descriptor{media_type_, digest_, size(), {}, std::nullopt}; }
  /// The same bytes under another media type (e.g. the Docker spelling of tar+gzip).
  [[nodiscard]] Layer with_media_type(std::string media_type) const;

 private:
  Layer(std::shared_ptr<const std::string> blob, Digest digest, Digest diff_id, std::string media_type)
      : blob_(std::move(blob)),
        digest_(std::move(digest)),
        diff_id_(std::move(diff_id)),
        media_type_(std::move(media_type)) {}
  std::shared_ptr<const std::string> blob_;
  Digest digest_;
  Digest diff_id_;
  std::string media_type_;
};

/// The uncompressed tar of a layer (gunzip for gzip layers). Errors: `oci.layer`.
[[nodiscard]] core::Result<std::string> uncompressed_tar(const Layer& layer);

}  // namespace hoplite::oci
