#pragma once
/// \file
/// Extracting tar archives and image layers into a directory, safely: archives come from
/// registries, `docker save` and users, so nothing in one may write outside the target directory,
/// and a compression bomb or an endless archive stops at a cap instead of filling the disk.

#include <cstdint>
#include <filesystem>

#include "hoplite/core/result.hpp"
#include "hoplite/oci/byte_source.hpp"
#include "hoplite/oci/image.hpp"

namespace hoplite::oci {

/// Limits and behaviour of unpacking layers into a directory.
struct UnpackOptions {
  /// Uncompressed bytes read from all archives together (headers included). Default 8 GiB.
  std::uint64_t max_bytes = std::uint64_t{8} << 30;
  std::uint64_t max_entries = 1'000'000;                 ///< entries in all archives together; default 1,000,000
  std::uint64_t max_file_size = std::uint64_t{4} << 30;  ///< bytes of one file; default 4 GiB
  /// Apply OCI whiteouts, for image layers. `.wh.<name>` deletes `<name>` from lower layers,
  /// `.wh..wh..opq` empties its directory; false: `.wh.` files are ordinary files. Default true.
  bool whiteouts = true;
  /// Give entries the uid/gid the archive says (needs root, as for a container's root
  /// filesystem). Default false: everything belongs to the caller.
  bool preserve_owner = false;
};

/// What an extraction did.
struct UnpackStats {
  std::uint64_t entries = 0;  ///< entries applied (whiteouts included)
  std::uint64_t bytes = 0;    ///< uncompressed archive bytes read
  std::uint64_t skipped = 0;  ///< device nodes, FIFOs and unknown entry types, which are never created
};

/// Extracts the tar stream `tar` into the existing directory `dir`.
///
/// Every path is resolved inside `dir` the way a container runtime does (containerd's
/// `RootPath`): a leading `/` or `./` is dropped, `..` stops at `dir`, and symlinks met on the way
/// — including absolute ones — are followed as if `dir` were `/`. Nothing is ever created, changed
/// or removed outside `dir`. An entry replaces what is at its path (a directory over a directory
/// keeps the contents and takes the new mode). Regular files, directories, symlinks (targets
/// stored as given) and hard links (to an earlier entry) are created; device nodes and FIFOs are
/// skipped and counted. Modes keep their permission bits (setuid etc. included); times are not
/// set.
///
/// Errors: `oci.unpack` (an entry that cannot be placed, naming it), `oci.limit` (a cap in
/// UnpackOptions), `oci.tar`, `oci.tar.truncated`, `io.write`, and the source's.
core::Result<UnpackStats> extract_tar(ByteSource& tar, const std::filesystem::path& dir,
                                      const UnpackOptions& options = {});

/// Unpacks the layers of `image`, bottom first, into the existing directory `rootfs` (each
/// layer decompressed as it is read: gzip, zstd or plain). The caps count all layers together.
/// Each layer is checked in the same pass: its blob against `digest()` before it is read, its
/// whole tar against `diff_id()` as it is extracted — so layers made with `Layer::from_parts` or
/// `from_file` from what a manifest and config claim need no decompression beforehand. After an
/// error `rootfs` holds a partial unpack: extract into a directory to discard.
/// Errors: those of extract_tar, `oci.layer`, `oci.digest` (a blob or tar that is not what the
/// image says).
core::Result<UnpackStats> unpack_image(const Image& image, const std::filesystem::path& rootfs,
                                       const UnpackOptions& options = {});

}  // namespace hoplite::oci
