#pragma once
/// \file
/// Layer compression on all cores with the same bytes for any number of threads, and
/// streaming decompression with a cap on what comes out.

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "hoplite/core/result.hpp"
#include "hoplite/oci/byte_source.hpp"

namespace hoplite::oci {

/// How a layer blob is compressed.
enum class Compression {
  kNone,  ///< a plain tar (`…layer.v1.tar`)
  kGzip,  ///< gzip (`…tar+gzip`): what every tool reads; the default
  kZstd,  ///< zstd (`…tar+zstd`): smaller and faster to decompress; Fargate and skopeo read it,
          ///< umoci 0.4.7 does not
};

/// `none`, `gzip`, `zstd`. Errors: `oci.compression` listing the three.
[[nodiscard]] core::Result<Compression> parse_compression(std::string_view name);
/// `none`, `gzip` or `zstd`.
[[nodiscard]] std::string_view to_string(Compression c);
/// The OCI layer media type for `c`.
[[nodiscard]] std::string_view layer_media_type(Compression c);
/// The compression a layer media type says (OCI or Docker spelling). Errors: `oci.layer` for a
/// media type that is not a tar layer (e.g. a foreign or encrypted layer).
[[nodiscard]] core::Result<Compression> compression_of(std::string_view media_type);

/// Input is cut into blocks of this size, each compressed on its own (a gzip member or a zstd
/// frame; both formats define a stream of several as the concatenation of their contents). The
/// size is part of the output format: changing it changes every layer digest.
inline constexpr std::size_t kCompressionBlock = std::size_t{1} << 20;

/// How ParallelCompressor compresses.
struct CompressOptions {
  Compression compression = Compression::kGzip;  ///< default gzip
  /// Codec level; 0 picks the default: gzip 1 (libdeflate's fastest, which is both faster and
  /// smaller than zlib's level 1), zstd 3 (zstd's own default). gzip 1–12, zstd 1–19.
  int level = 0;
  /// Compressing threads; 0: one per core. The output does not depend on it.
  int threads = 0;
};

/// Called with compressed bytes, in order. A failure stops the compressor.
using CompressedSink = std::function<core::Result<void>(std::string_view bytes)>;

/// Compresses a stream on several threads, pigz style, into exactly the bytes one thread would
/// produce: the input is cut into fixed kCompressionBlock blocks; each block becomes one gzip
/// member (libdeflate, header without name or time, OS byte 255) or one zstd frame (with its
/// content size and checksum); the pieces are handed to the sink in input order. At most
/// 2 × threads blocks are in flight, so memory stays bounded whatever the input size.
///
/// Same input, level and codec library version → same bytes, on any machine and thread count
/// (Debian 12 pins libdeflate 1.14 and libzstd 1.5.4).
///
/// **Example**:
/// \code
///   std::string blob;
///   oci::ParallelCompressor gz({}, [&](std::string_view b) { blob += b; return core::ok(); });
///   gz.write(tar_part_1); gz.write(tar_part_2);
///   gz.finish();
/// \endcode
class ParallelCompressor {
 public:
  /// A compressor that hands each compressed block to `sink`, in input order.
  ParallelCompressor(CompressOptions options, CompressedSink sink);
  ~ParallelCompressor();
  ParallelCompressor(const ParallelCompressor&) = delete;
  ParallelCompressor& operator=(const ParallelCompressor&) = delete;

  /// Adds input. Errors: the sink's.
  core::Result<void> write(std::string_view data);
  /// Compresses what is left and waits for every block. Call once. Errors: the sink's.
  core::Result<void> finish();
  /// Uncompressed bytes written so far.
  [[nodiscard]] std::uint64_t bytes_in() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

/// Compresses `data` in one go (same bytes as ParallelCompressor). For tests and small blobs.
[[nodiscard]] std::string compress(std::string_view data, const CompressOptions& options = {});

/// Decompresses a stream: gzip (any number of members; each CRC and length is checked), zstd (any
/// number of frames; windows up to 128 MiB) or none. At most `max_output` bytes come out: more is
/// an `oci.limit` error ("decompresses to more than …"), so a compression bomb costs neither
/// memory nor disk. Errors: `oci.gzip` / `oci.zstd` (corrupt, truncated, or trailing garbage),
/// `oci.limit`, and the source's.
class Decompressor final : public ByteSource {
 public:
  /// Decompresses `compressed` (which must outlive it), at most `max_output` bytes.
  Decompressor(ByteSource& compressed, Compression compression, std::uint64_t max_output);
  /// The same over bytes already in memory (borrowed: they must outlive the decompressor). Same
  /// output and errors, faster: whole gzip members are inflated by libdeflate, while zlib checks
  /// the whole input on a second thread (libdeflate takes streams that zlib refuses); its verdict
  /// comes with the end of the output.
  Decompressor(std::string_view compressed, Compression compression, std::uint64_t max_output);
  ~Decompressor() override;
  Decompressor(const Decompressor&) = delete;
  Decompressor& operator=(const Decompressor&) = delete;

  core::Result<std::size_t> read(char* buffer, std::size_t size) override;
  /// Bytes produced so far.
  [[nodiscard]] std::uint64_t bytes_out() const { return produced_; }

 private:
  core::Result<std::size_t> read_gzip(char* buffer, std::size_t size);
  core::Result<std::size_t> read_zstd(char* buffer, std::size_t size);
  core::Result<std::size_t> read_gzip_members(char* buffer, std::size_t size);
  core::Result<std::size_t> gzip_verdict();
  core::Result<bool> fill();

  struct State;
  Decompressor(std::unique_ptr<State> state, Compression compression, std::uint64_t max_output);
  ByteSource& in_;
  Compression compression_;
  std::uint64_t max_output_;
  std::uint64_t produced_ = 0;
  std::unique_ptr<State> state_;
};

/// The whole decompressed content of `data` (at most `max_output` bytes). For tests and tools.
[[nodiscard]] core::Result<std::string> decompress(std::string_view data, Compression compression,
                                                   std::uint64_t max_output);

}  // namespace hoplite::oci
