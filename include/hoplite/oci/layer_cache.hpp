#pragma once
/// \file
/// A layer cache keyed by inputs, as ko's: an unchanged binary is not recompressed, and a
/// no-change build reads no input at all.

#include <cstdint>
#include <filesystem>
#include <optional>

#include "hoplite/core/result.hpp"
#include "hoplite/oci/layer.hpp"
#include "hoplite/oci/layer_writer.hpp"

namespace hoplite::oci {

/// The cache directory: `$HOPLITE_CACHE_DIR`, else `$XDG_CACHE_HOME/hoplite`, else
/// `$HOME/.cache/hoplite`; nullopt when none is set (or HOPLITE_CACHE_DIR is set but empty, which
/// turns the cache off).
[[nodiscard]] std::optional<std::filesystem::path> default_cache_dir();

/// How a layer was obtained.
enum class LayerOrigin {
  kBuilt,        ///< tarred and compressed now
  kSameFiles,    ///< every input file has the identity it had when the layer was built: nothing read
  kSameContent,  ///< the inputs changed identity but their tar hashes the same: read, not compressed
};

/// A layer from the cache and how it was obtained.
struct CachedLayer {
  Layer layer;                               ///< the layer, its blob in the store
  LayerOrigin origin = LayerOrigin::kBuilt;  ///< built, or reused (and how)
};

/// Two maps and a blob store under one directory (`v1/`):
///
/// - `recipes/<key>` → diff_id, where the key hashes what decides the tar without reading a file
///   (LayerWriter::recipe_key: entries, modes, options, and each host file's device, inode,
///   size and mtime);
/// - `layers/<diff_id hex>-<compression>-<level>` → digest, size and media type of the
///   compressed blob (the diff_id → layer map of ko's cache);
/// - `blobs/sha256/<hex>` → the compressed blob, mapped when used.
///
/// `get` looks the recipe up; on a miss it hashes the tar (one streamed read: the inputs are then
/// in the page cache, and hashing costs a fraction of compressing) and looks the diff_id up; only
/// on a second miss does it compress (one more read). An empty store skips the hash: the layer is
/// built in one pass (each input read once), as on a first build. Every file is written atomically
/// (temporary file and rename), so concurrent builds and crashes leave whole entries or none; an
/// entry whose blob is gone or has the wrong size counts as a miss. Blobs are pruned least
/// recently used first when they take more than `max_bytes`.
class LayerCache {
 public:
  /// Default size of the blob store: 1 GiB (about a hundred builds of a service image).
  static constexpr std::uint64_t kDefaultMaxBytes = std::uint64_t{1} << 30;

  /// A cache in `dir` whose blob store is pruned to `max_bytes`.
  explicit LayerCache(std::filesystem::path dir, std::uint64_t max_bytes = kDefaultMaxBytes);

  /// The cache's directory.
  [[nodiscard]] const std::filesystem::path& dir() const { return dir_; }

  /// The layer `writer` describes: from the cache when possible, else built into the blob store
  /// and remembered. Errors: those of LayerWriter::build; a cache that cannot be written is not
  /// an error (the layer is then built in memory and the reason logged at debug level).
  core::Result<CachedLayer> get(const LayerWriter& writer);

  /// Drops the least recently used blobs (and the entries naming them) until the blobs take at
  /// most `max_bytes`. Best effort: errors are ignored.
  void prune();

 private:
  core::Result<CachedLayer> build_and_remember(const LayerWriter& writer, const std::filesystem::path& recipe,
                                               const std::filesystem::path& layers, const std::filesystem::path& blobs,
                                               const std::optional<Digest>& diff_id);

  std::filesystem::path dir_;
  std::uint64_t max_bytes_;
};

}  // namespace hoplite::oci
