#pragma once
/// \file
/// Reproducible layer tarballs, streamed: the same files give the same bytes on any machine,
/// and a layer of any size is built in bounded memory.

#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "hoplite/core/result.hpp"
#include "hoplite/oci/compression.hpp"
#include "hoplite/oci/host_file.hpp"
#include "hoplite/oci/layer.hpp"
#include "hoplite/oci/media_type.hpp"

namespace hoplite::oci {

/// How LayerWriter stamps entries and compresses. The defaults give images that are identical
/// wherever they are built (as ko does): root-owned, no user or group names, one fixed mtime.
struct LayerOptions {
  std::optional<std::int64_t> mtime;             ///< default: SOURCE_DATE_EPOCH when set, else 0
  int uid = 0;                                   ///< default: 0
  int gid = 0;                                   ///< default: 0
  int directory_mode = 0755;                     ///< mode of implicitly created parent directories
  Compression compression = Compression::kGzip;  ///< default gzip
  /// Codec level; 0: the codec's default (see CompressOptions). gzip 1, libdeflate's fastest, is
  /// both faster and smaller than zlib's level 1 (go-containerregistry's default): the push is
  /// what the user waits for.
  int level = 0;
  int threads = 0;         ///< compressing threads; 0: one per core. The bytes do not depend on it.
  std::string media_type;  ///< default: the OCI layer media type of `compression`
};

/// Where `LayerWriter::build` puts the compressed blob.
struct LayerOutput {
  /// Directory to write the blob into, as `<dir>/<hex digest>` (a temporary file renamed once
  /// complete); the Layer then maps that file. Empty: the blob is kept in memory.
  std::filesystem::path blob_dir;
  /// The diff_id when a previous pass (`diff_id()`) computed it: the tar is then not hashed again.
  std::optional<Digest> diff_id;
};

/// Collects files, directories and symlinks, then streams a tar (tar.hpp: ustar with pax
/// headers only where needed) through the parallel compressor (compression.hpp) and SHA-256,
/// reading each host file by offset in 1 MiB pieces: memory stays bounded by the block pipeline,
/// not by the size of the files.
///
/// Determinism: entries are written sorted by path (byte order), every parent directory is
/// emitted before its children, uid/gid come from the options and uname/gname are empty, every
/// mtime is the options' mtime, modes are exactly as given; the compressed stream depends on
/// neither the machine, the time nor the thread count (compression.hpp).
///
/// Paths are image paths: `/app/service` and `app/service` are the same entry. Adding the same
/// path twice keeps the last one. Host files are opened when added and read when the layer is
/// built; a file that shrinks in between fails the build (`io.read`).
///
/// **Example**:
/// \code
///   oci::LayerWriter w({.mtime = 0});
///   w.add_file("/app/service", bytes, 0555);
///   w.add_symlink("/usr/bin/service", "/app/service");
///   auto layer = w.build();                 // core::Result<Layer>, blob in memory
///   auto cached = w.build({.blob_dir = "cache/blobs/sha256"});   // blob in a file
/// \endcode
class LayerWriter {
 public:
  /// A writer with these options (timestamps, owners, compression).
  explicit LayerWriter(LayerOptions options = {});

  /// A regular file with `contents` and permission bits `mode` (e.g. 0555).
  LayerWriter& add_file(std::string_view path, std::string contents, int mode = 0644);
  /// A regular file assembled from pieces of host files and memory (e.g. a stripped binary).
  LayerWriter& add_file(std::string_view path, FileContent content, int mode);
  /// A regular file whose contents are those of `host_path` (opened now, read at build time).
  /// Errors: `io.read` (missing, unreadable, or not a regular file).
  core::Result<void> add_file_from(std::string_view path, const std::filesystem::path& host_path, int mode);
  /// A directory (parents are added implicitly with `directory_mode`; this sets an explicit mode).
  LayerWriter& add_directory(std::string_view path, int mode = 0755);
  /// A symbolic link at `path` pointing at `target` (stored as given).
  LayerWriter& add_symlink(std::string_view path, std::string target);

  /// Number of entries added so far (implicit parent directories not counted).
  [[nodiscard]] std::size_t size() const { return entries_.size(); }
  /// The options given at construction.
  [[nodiscard]] const LayerOptions& options() const { return options_; }

  /// A key for everything that decides the tar bytes without reading any file: the options, each
  /// entry, and each host file's identity (HostFile::identity) and range. Equal keys mean equal
  /// tars (unless a file changes without its identity changing); the layer cache keys on it.
  [[nodiscard]] std::string recipe_key() const;

  /// Streams the uncompressed tar to `sink` in pieces. Errors: `io.read`, the sink's.
  core::Result<void> write_tar(const CompressedSink& sink) const;
  /// The diff_id: SHA-256 of the tar, streamed (nothing is compressed). Errors: `io.read`.
  [[nodiscard]] core::Result<Digest> diff_id() const;
  /// Writes the tar, compresses and hashes it in one pass and returns the layer. Errors:
  /// `io.read`, `io.write` (blob_dir).
  [[nodiscard]] core::Result<Layer> build(const LayerOutput& output = {}) const;

  /// The uncompressed tar in memory (tests, small layers). Throws core::BadResultAccess when a
  /// host file cannot be read.
  [[nodiscard]] std::string tar() const;
  /// `build()` for in-memory use; throws core::BadResultAccess when a host file cannot be read.
  [[nodiscard]] Layer finish() const;

 private:
  enum class Kind { kFile, kDirectory, kSymlink };
  struct Entry {
    Kind kind = Kind::kFile;
    FileContent content;  ///< file contents
    std::string link;     ///< symlink target
    int mode = 0644;
  };
  LayerOptions options_;
  std::int64_t mtime_ = 0;
  std::map<std::string, Entry> entries_;  ///< key: normalised relative path, no leading '/'
};

}  // namespace hoplite::oci
