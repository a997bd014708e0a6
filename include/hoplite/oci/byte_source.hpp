#pragma once
/// \file
/// Pull-style byte streams: what the tar reader and the decompressors read from, so a layer
/// is never held whole in memory to be looked at.

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "hoplite/core/result.hpp"

namespace hoplite::oci {

/// A stream read front to back. `read` fills up to `size` bytes of `buffer` and returns how many
/// it filled; 0 means the end of the stream (and only that). Errors: whatever the source reports
/// (`io.read`, `oci.gzip`, `oci.zstd`, `oci.limit`, ...).
class ByteSource {
 public:
  virtual ~ByteSource() = default;
  /// Fills up to `size` bytes of `buffer`; returns how many (0 only at the end).
  virtual core::Result<std::size_t> read(char* buffer, std::size_t size) = 0;
};

/// Bytes already in memory, borrowed: they must outlive the source.
class MemorySource final : public ByteSource {
 public:
  /// A source over `bytes`, which must outlive it.
  explicit MemorySource(std::string_view bytes) : bytes_(bytes) {}
  core::Result<std::size_t> read(char* buffer, std::size_t size) override;

 private:
  std::string_view bytes_;
};

/// Reads exactly `size` bytes. Errors: the source's, or `code` with "`what` is truncated" when the
/// stream ends first.
core::Result<void> read_exact(ByteSource& in, char* buffer, std::size_t size, std::string_view code,
                              std::string_view what);

/// Reads and drops `size` bytes (same errors as read_exact).
core::Result<void> skip_exact(ByteSource& in, std::uint64_t size, std::string_view code, std::string_view what);

}  // namespace hoplite::oci
