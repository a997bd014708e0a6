#pragma once
/// \file
/// A file on the build machine, opened once and read by offset (pread): layers stream from
/// it in blocks, the ELF reader takes only the headers it needs, and its identity keys the layer
/// cache.

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "hoplite/core/result.hpp"
#include "hoplite/oci/byte_source.hpp"

namespace hoplite::oci {

/// An open, regular, read-only file. Immutable and shareable between threads (pread has no
/// shared file position).
class HostFile {
 public:
  /// Opens `path` (following symlinks). Errors: `io.read` when it cannot be opened or is not a
  /// regular file (a FIFO would block forever, a device could be endless).
  [[nodiscard]] static core::Result<std::shared_ptr<const HostFile>> open(const std::filesystem::path& path);
  ~HostFile();
  HostFile(const HostFile&) = delete;
  HostFile& operator=(const HostFile&) = delete;

  /// The path it was opened from.
  [[nodiscard]] const std::filesystem::path& path() const { return path_; }
  /// Size when opened; reads beyond it fail.
  [[nodiscard]] std::uint64_t size() const { return size_; }
  /// The open file descriptor (owned by the HostFile).
  [[nodiscard]] int fd() const { return fd_; }
  /// Device, inode, size and modification time in nanoseconds: it changes whenever the content
  /// may have (what make and ninja trust). Not the status-change time: linking the binary as its
  /// own debug file (strip.hpp) changes that, and must not make the binary look new.
  [[nodiscard]] const std::string& identity() const { return identity_; }

  /// Reads exactly `size` bytes at `offset`. Errors: `io.read` (also when the file shrank since
  /// it was opened: "changed while being read").
  core::Result<void> read_at(std::uint64_t offset, char* buffer, std::size_t size) const;
  /// `size` bytes at `offset` as a string (same errors).
  [[nodiscard]] core::Result<std::string> read_string(std::uint64_t offset, std::size_t size) const;

 private:
  HostFile(std::filesystem::path path, int fd, std::uint64_t size, std::string identity)
      : path_(std::move(path)), fd_(fd), size_(size), identity_(std::move(identity)) {}
  std::filesystem::path path_;
  int fd_;
  std::uint64_t size_;
  std::string identity_;
};

/// A HostFile read front to back as a ByteSource.
class HostFileSource final : public ByteSource {
 public:
  /// A source reading `file` from its first byte.
  explicit HostFileSource(std::shared_ptr<const HostFile> file) : file_(std::move(file)) {}
  core::Result<std::size_t> read(char* buffer, std::size_t size) override;

 private:
  std::shared_ptr<const HostFile> file_;
  std::uint64_t offset_ = 0;
};

/// One piece of a file's content: a byte range of a host file, or bytes in memory.
struct ContentPiece {
  std::shared_ptr<const HostFile> file;  ///< the file to read; nullptr: the piece is `bytes`
  std::uint64_t offset = 0;              ///< where in `file` the range starts
  std::uint64_t length = 0;              ///< bytes of `file` (ignored for in-memory pieces)
  std::string bytes;                     ///< the piece itself when `file` is null

  /// The piece's length in bytes.
  [[nodiscard]] std::uint64_t size() const { return file ? length : bytes.size(); }
};

/// File content assembled from pieces, read only when it is streamed into a layer (a stripped
/// binary is the original's loadable part plus a few new bytes).
struct FileContent {
  std::vector<ContentPiece> pieces;  ///< in order
  /// The total length of the pieces.
  [[nodiscard]] std::uint64_t size() const;
  /// All of `file`.
  [[nodiscard]] static FileContent whole(std::shared_ptr<const HostFile> file);
  /// `bytes` in memory.
  [[nodiscard]] static FileContent of(std::string bytes);
};

}  // namespace hoplite::oci
