#pragma once
/// \file
/// One filesystem layer of an image: a (usually gzip-compressed) tar blob.

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>

#include "hoplite/core/result.hpp"
#include "hoplite/oci/descriptor.hpp"
#include "hoplite/oci/digest.hpp"
#include "hoplite/oci/media_type.hpp"

namespace hoplite::oci {

/// The most a layer may decompress to before hoplite calls it a compression bomb: 16 GiB, far
/// above a service image (tens of MB) and the Fargate default task storage (20 GiB) minus the OS.
inline constexpr std::uint64_t kMaxUncompressedLayer = std::uint64_t{16} << 30;

/// An immutable layer that knows its digests: `digest()` of the blob as stored and pushed
/// (compressed), `diff_id()` of the uncompressed tar (what the config's rootfs lists).
///
/// The blob is shared between copies (copying a Layer is cheap): held in memory, or mapped from
/// a file (the layer cache's, `from_file`) so that it costs memory only when its bytes are
/// looked at — a no-change push never looks. `compressed()` gives the bytes to hash, write or
/// upload in slices of any size.
///
/// Make layers with LayerWriter (reproducible, streamed) or `from_blob` (bytes read back from a
/// layout or produced by another builder).
class Layer {
 public:
  /// A layer from its stored bytes. For a compressed media type (gzip, zstd) the blob is
  /// decompressed once, streamed, to hash the diff_id (at most `max_uncompressed` bytes: a
  /// compression bomb is refused, not hashed for an hour); for a plain tar the diff_id is the
  /// digest. Errors: `oci.layer` (bad data, or a media type that is not a tar layer), `oci.limit`.
  [[nodiscard]] static core::Result<Layer> from_blob(std::string blob, std::string_view media_type = kOciLayerGzip,
                                                     std::uint64_t max_uncompressed = kMaxUncompressedLayer);

  /// A layer whose blob is the file at `path` (mapped read-only, not read), with digests the
  /// caller knows (the layer cache recorded them when it wrote the file). The file must not be
  /// changed in place while the layer lives (the cache only ever renames whole files into
  /// place). Errors: `io.read`.
  [[nodiscard]] static core::Result<Layer> from_file(const std::filesystem::path& path, Digest digest, Digest diff_id,
                                                     std::string media_type);

  /// A layer whose digests the caller has just computed from the same bytes (LayerWriter does).
  /// Trusts its arguments; `oci::validate` rechecks them.
  [[nodiscard]] static Layer from_parts(std::string blob, Digest digest, Digest diff_id, std::string media_type);

  /// The digest of the stored (compressed) blob: what the manifest lists.
  [[nodiscard]] const Digest& digest() const { return digest_; }
  /// The digest of the uncompressed tar: what the config's diff_ids list.
  [[nodiscard]] const Digest& diff_id() const { return diff_id_; }
  /// Size of the stored (compressed) blob in bytes.
  [[nodiscard]] std::int64_t size() const { return static_cast<std::int64_t>(bytes_.size()); }
  /// The layer's media type (which says its compression).
  [[nodiscard]] const std::string& media_type() const { return media_type_; }
  /// The blob bytes exactly as stored and pushed.
  [[nodiscard]] std::string_view compressed() const { return bytes_; }
  /// Keeps the bytes of `compressed()` alive (for whoever must outlive this Layer, a push).
  [[nodiscard]] std::shared_ptr<const void> bytes_owner() const { return storage_; }
  /// `{media_type, digest, size}` as a manifest lists it.
  [[nodiscard]] Descriptor descriptor() const { return Descriptor{media_type_, digest_, size(), {}, std::nullopt}; }
  /// The same bytes under another media type (e.g. the Docker spelling of tar+gzip).
  [[nodiscard]] Layer with_media_type(std::string media_type) const;

 private:
  struct Storage;
  Layer(std::shared_ptr<const Storage> storage, std::string_view bytes, Digest digest, Digest diff_id,
        std::string media_type)
      : storage_(std::move(storage)),
        bytes_(bytes),
        digest_(std::move(digest)),
        diff_id_(std::move(diff_id)),
        media_type_(std::move(media_type)) {}
  std::shared_ptr<const Storage> storage_;  ///< owns what `bytes_` points into
  std::string_view bytes_;
  Digest digest_;
  Digest diff_id_;
  std::string media_type_;
};

/// The SHA-256 of a layer's uncompressed tar, streamed (what its diff_id must be). Errors:
/// `oci.layer`, `oci.limit` (more than `max_uncompressed` bytes).
[[nodiscard]] core::Result<Digest> compute_diff_id(const Layer& layer,
                                                   std::uint64_t max_uncompressed = kMaxUncompressedLayer);

/// The uncompressed tar of a layer, in memory (tests and small layers; stream with Decompressor
/// otherwise). Errors: `oci.layer`, `oci.limit` (more than `max_bytes`).
[[nodiscard]] core::Result<std::string> uncompressed_tar(const Layer& layer, std::uint64_t max_bytes = 1ull << 30);

}  // namespace hoplite::oci
