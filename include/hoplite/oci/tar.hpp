#pragma once
/// \file
/// The tar format, written and read in-house: POSIX ustar headers, with pax extended
/// headers (POSIX.1-2001 `x` records) only where ustar cannot say something. Small and fully
/// specified, so a layer's bytes can be explained field by field — and no archive library (with
/// its own dependencies) is linked into a service binary.
/// Spec: https://pubs.opengroup.org/onlinepubs/9699919799/utilities/pax.html ("ustar Interchange
/// Format", "pax Interchange Format").

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "hoplite/core/result.hpp"
#include "hoplite/oci/byte_source.hpp"

namespace hoplite::oci::tar {

/// Tar works in 512-byte blocks: one header block per entry (two with a pax header), the data
/// padded to a whole block, and two zero blocks at the end.
inline constexpr std::size_t kBlockSize = 512;

/// Entry types (the ustar `typeflag`). `kOther` stands for any type hoplite does not interpret
/// (GNU sparse files, volume labels, ...); `Header::raw_type` then says which.
enum class Type { kFile, kHardLink, kSymlink, kCharDevice, kBlockDevice, kDirectory, kFifo, kOther };

/// One entry's metadata.
struct Header {
  std::string path;             ///< relative, '/'-separated, no trailing '/' (the writer adds it for directories)
  Type type = Type::kFile;      ///< default: a regular file
  char raw_type = '0';          ///< the typeflag byte as read (the writer derives it from `type`)
  std::uint32_t mode = 0644;    ///< permission bits (07777); default 0644
  std::uint64_t uid = 0;        ///< default 0
  std::uint64_t gid = 0;        ///< default 0
  std::int64_t mtime = 0;       ///< seconds since the epoch; default 0
  std::uint64_t size = 0;       ///< data bytes that follow; only regular files have data
  std::string link;             ///< target of a symlink or hard link; default empty
  std::string uname;            ///< owner name; the writer always leaves it empty
  std::string gname;            ///< group name; the writer always leaves it empty
  std::uint32_t dev_major = 0;  ///< character/block devices only
  std::uint32_t dev_minor = 0;  ///< character/block devices only
};

/// The header block(s) of `h`. The ustar block holds zero-padded octal numbers (mode, uid, gid,
/// dev: 6 digits, space, NUL; size, mtime: 11 digits, space; checksum: 6 digits, NUL, space),
/// magic `ustar\0`, version `00`, empty user and group names — the same bytes libarchive's
/// pax-restricted writer produces for such an entry (tested), so layers keep their diff_ids.
/// A path longer than 100 bytes is split into the 155-byte prefix and 100-byte name fields at a
/// '/' when it can be. What ustar cannot hold — a longer path or link target, a size of 8 GiB or
/// more, a uid or gid above 0777777, an mtime outside 0..077777777777 — goes into a pax `x`
/// header block before it, named `PaxHeader/<file name>` (cut to 100 bytes), with the records
/// `<len> <key>=<value>\n` in a fixed order: path, linkpath, size, uid, gid, mtime; the ustar
/// fields then hold the path cut to 100 bytes and 0 for the numbers. Throws
/// std::invalid_argument for an empty path or a mode above 07777 (a caller bug).
[[nodiscard]] std::string encode_header(const Header& h);

/// Zero bytes that follow `size` bytes of data to fill the last block.
[[nodiscard]] constexpr std::uint64_t padding(std::uint64_t size) {
  return (kBlockSize - size % kBlockSize) % kBlockSize;
}

/// The end of an archive: two zero blocks (no padding to a 10240-byte record after them).
[[nodiscard]] std::string_view end_of_archive();

/// Caps the reader enforces before it allocates or trusts anything (tar files come from
/// registries, `docker save` and users: hostile input is normal).
struct Limits {
  std::uint64_t max_entries = 1'000'000;                   ///< entries in one archive; default 1,000,000
  std::size_t max_path = 4096;                             ///< bytes of a path or link target (PATH_MAX); default 4096
  std::size_t max_extended_header = 1 << 20;               ///< bytes of one pax or GNU long-name record; default 1 MiB
  std::uint64_t max_entry_size = std::uint64_t{64} << 30;  ///< data bytes of one entry; default 64 GiB
};

/// Reads a tar stream entry by entry, never holding more than one header in memory.
///
/// Understands ustar (name + prefix), pax `x` records (path, linkpath, size, uid, gid, mtime,
/// uname, gname; others are ignored), pax `g` global headers (skipped), GNU long names and links
/// (`L`, `K`), GNU and v7 headers, octal and base-256 numbers. Header-only types (links,
/// directories, devices, FIFOs) have no data whatever their size field says (as Go's reader
/// does). Each header's checksum is verified. The archive ends at a zero block or at the end of
/// the stream on a block boundary; anything after the first zero block is not read.
///
/// Errors: `oci.tar` (a malformed header, naming its byte offset), `oci.tar.truncated`,
/// `oci.limit` (a cap in Limits), and the source's own errors.
///
/// **Example**:
/// \code
///   oci::MemorySource bytes(tar_bytes);
///   oci::tar::Reader reader(bytes);
///   while (true) {
///     auto h = reader.next();
///     if (!h) return h.failure();
///     if (!*h) break;                                   // end of the archive
///     std::string data;
///     if (auto r = reader.read_all(data, 1 << 20); !r) return r.failure();
///   }
/// \endcode
class Reader {
 public:
  /// A reader of `in` (which must outlive it) within `limits`.
  explicit Reader(ByteSource& in, Limits limits = {});

  /// The next entry, or nullopt at the end of the archive. Skips whatever data of the previous
  /// entry was not read.
  core::Result<std::optional<Header>> next();
  /// Reads up to `size` bytes of the current entry's data; 0 at its end.
  core::Result<std::size_t> read(char* buffer, std::size_t size);
  /// Appends the rest of the current entry's data to `out`. Errors: `oci.limit` when it is larger
  /// than `max_bytes` (nothing is read then).
  core::Result<void> read_all(std::string& out, std::uint64_t max_bytes);
  /// Bytes of the current entry's data not read yet.
  [[nodiscard]] std::uint64_t remaining() const { return remaining_; }
  /// Bytes of the archive consumed so far.
  [[nodiscard]] std::uint64_t offset() const { return offset_; }

 private:
  core::Result<void> read_block(char* block, std::string_view what);
  core::Result<std::string> read_extension(std::uint64_t size, std::string_view what);
  core::Result<void> skip_rest();

  ByteSource& in_;
  Limits limits_;
  std::uint64_t offset_ = 0;
  std::uint64_t remaining_ = 0;  // data bytes of the current entry left to read
  std::uint64_t pad_ = 0;        // padding after them
  std::uint64_t entries_ = 0;
  bool done_ = false;
};

}  // namespace hoplite::oci::tar
