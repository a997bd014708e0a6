#pragma once
/// \file Reading and writing whole files. Writes are atomic (temp file + fsync + rename), so a
/// crash or a failed write never leaves a half-written file where the user asked for one.

#include <filesystem>
#include <string>
#include <string_view>

#include "hoplite/core/result.hpp"

namespace hoplite::core {

/// The whole file as bytes. Errors: `io.read` with the path and the OS reason.
Result<std::string> read_file(const std::filesystem::path& path);

/// Writes `data` to `path` atomically: a temporary file in the same directory is written,
/// flushed to disk and renamed over `path`. On failure `path` is unchanged and no temporary file
/// remains. `mode` is the new file's permission bits. Errors: `io.write`.
Result<void> write_file_atomic(const std::filesystem::path& path, std::string_view data, unsigned mode = 0644);

}  // namespace hoplite::core
