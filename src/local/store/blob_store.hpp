#pragma once
/// \file Content-addressed blob files for S3 objects and image blobs. A blob's file name is the
/// SHA-256 of its bytes (`sha256/ab/abcdef…`), so no user-chosen name (an S3 key, a repository)
/// ever becomes a path. A blob is written under `tmp/` and renamed into place once complete: after
/// a crash a blob is either whole or absent, and leftovers in `tmp/` are removed on open.
///
/// **Example**:
/// \code
///   auto blobs = BlobStore::open(data_dir / "blobs");
///   auto w = blobs->create();
///   w->append(piece1); w->append(piece2);
///   auto info = w->commit();          // {digest "9f86…", size 8}; the file is now in place
///   // …then record info->digest in the database: a row never names a blob that is not there.
/// \endcode

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "hoplite/core/result.hpp"
#include "hoplite/core/sha256.hpp"
#include "hoplite/http/message.hpp"

namespace hoplite::local::store {

struct BlobInfo {
  std::string digest;  ///< lower-case hex SHA-256 of the bytes
  std::uint64_t size = 0;
};

class BlobStore {
 public:
  /// A blob being written. Destroying it without commit() removes the partial file.
  class Writer {
   public:
    ~Writer();
    Writer(const Writer&) = delete;
    Writer& operator=(const Writer&) = delete;
    Writer(Writer&& other) noexcept;
    Writer& operator=(Writer&&) = delete;

    core::Result<void> append(std::string_view bytes);
    /// Moves the blob into place (an existing identical blob is kept) and returns its digest.
    core::Result<BlobInfo> commit();
    /// The same, only when the bytes hash to `expected_digest` (hex); else the partial file is
    /// removed and the error is `local.blob_digest` (400) — a registry upload whose digest lies.
    core::Result<BlobInfo> commit(std::string_view expected_digest);
    [[nodiscard]] std::uint64_t size() const { return size_; }

   private:
    friend class BlobStore;
    Writer(const BlobStore& store, int fd, std::filesystem::path tmp);
    const BlobStore* store_;
    int fd_;
    std::filesystem::path tmp_;
    core::Sha256 hash_;
    std::uint64_t size_ = 0;
    bool done_ = false;
  };

  /// Opens (creating) the store in `dir` and removes unfinished writes left in `dir/tmp`.
  static core::Result<BlobStore> open(const std::filesystem::path& dir);

  core::Result<Writer> create() const;
  /// Writes a blob that is already in memory.
  core::Result<BlobInfo> put(std::string_view bytes) const;

  /// True when a blob with this digest (64 lower-case hex characters) exists.
  [[nodiscard]] bool contains(std::string_view digest) const;
  /// The blob's size, or nullopt when absent (or the digest is malformed).
  [[nodiscard]] std::optional<std::uint64_t> size_of(std::string_view digest) const;
  /// A replayable stream of bytes [offset, offset + length) of the blob, for a response body.
  core::Result<http::BodyStream> stream(std::string_view digest, std::uint64_t offset, std::uint64_t length) const;
  /// The whole blob when it is at most `max` bytes.
  core::Result<std::string> read(std::string_view digest, std::uint64_t max) const;
  /// Deletes the blob (absent is fine). Callers make sure nothing references it any more.
  core::Result<void> remove(std::string_view digest) const;

  [[nodiscard]] const std::filesystem::path& dir() const { return dir_; }
  /// The file of a well-formed digest (64 hex digits, no algorithm prefix), or nullopt: for
  /// readers that map a blob instead of copying it (the ECS image cache, through the local ECR).
  [[nodiscard]] std::optional<std::filesystem::path> path_of(std::string_view digest) const;

 private:
  explicit BlobStore(std::filesystem::path dir) : dir_(std::move(dir)) {}

  std::filesystem::path dir_;
};

/// True for 64 lower-case hex characters.
[[nodiscard]] bool is_sha256_hex(std::string_view digest);

}  // namespace hoplite::local::store
