#pragma once
/// \file
/// Reading and writing whole files, safely. Writes are atomic (temp file + fsync + rename),
/// so a crash or a failed write never leaves a half-written file where the user asked for one; an
/// output path is only ever a regular file (never a symlink, FIFO or device node we would replace);
/// reads refuse what is not a regular file and what is larger than the caller expects.

#include <cstddef>
#include <filesystem>
#include <string>
#include <string_view>

#include "hoplite/core/result.hpp"

namespace hoplite::core {

/// read_file's default cap: 1 GiB (service binaries and image layers are read whole).
inline constexpr std::size_t kMaxReadFile = std::size_t{1} << 30;

/// The whole file as bytes. `path` may be a symlink to a regular file; a FIFO, device node,
/// socket or directory is refused without blocking (a FIFO never hangs the read, `/dev/zero` is
/// not read forever), and so is a file larger than `max_bytes`; `/dev/null` reads as empty. Errors: `io.read` with the
/// path and the reason.
Result<std::string> read_file(const std::filesystem::path& path, std::size_t max_bytes = kMaxReadFile);

/// Checks that `path` may be written as an output file (`--out FILE`): it does not exist, or it
/// is a regular file. A symlink (even to a regular file), FIFO, socket, device node or directory
/// is refused with `io.output` naming what it is. Commands call it before any work, so a bad
/// `--out` fails at once.
Result<void> check_output_file(const std::filesystem::path& path);

/// Checks that `path` may be used as an output directory (`--out DIR`): it does not exist, or it
/// is a directory that is not a symlink. Errors: `io.output`.
Result<void> check_output_directory(const std::filesystem::path& path);

/// Writes `data` to `path` atomically: a new temporary file in the same directory is written,
/// flushed to disk and renamed over `path`. On failure `path` is unchanged and no temporary file
/// remains. `path` must pass check_output_file (checked again just before the rename). The new
/// file gets `mode` minus the process umask, as `open(2)` and every other tool do (default 0666:
/// 0644 under the usual umask 022). Errors: `io.output`, `io.write`.
Result<void> write_file_atomic(const std::filesystem::path& path, std::string_view data, unsigned mode = 0666);

}  // namespace hoplite::core
