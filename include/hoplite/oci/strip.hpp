#pragma once
/// \file
/// Stripping an ELF binary for the image and keeping its debug information beside it,
/// in-house: a service binary runs `build` on developer machines and in CI, where binutils may
/// not be installed, so neither `strip` nor `objcopy` is needed.
///
/// What the image gets is what the loader reads: the ELF header, the program headers and the
/// bytes of every loadable (SHF_ALLOC) section — unchanged, byte for byte — plus a new section
/// header table that lists only those sections. What stays behind (DWARF, `.symtab`, `.strtab`,
/// `.comment`) goes into a separate debug file, laid out like `objcopy --only-keep-debug` makes
/// it: the same section table with the loadable sections turned into SHT_NOBITS and the notes
/// (the build id) kept — or, where a hard link is possible, the unstripped binary itself, which
/// debuggers take just as well and costs no writing (DebugFileMode). gdb and elfutils find the
/// file by the build id:
///
///     <debug dir>/.build-id/<first 2 hex digits>/<other hex digits>.debug
///     gdb -iex 'set debug-file-directory <debug dir>' service core
///     eu-addr2line --debuginfo-path=<debug dir> -e service 0x4011d6
///
/// A binary without a build id (linked with `--build-id=none`) gets a `.gnu_debuglink` section
/// instead, naming `<debug dir>/<name>-<crc32>.debug` and carrying its CRC, as objcopy's
/// `--add-gnu-debuglink` does.

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>

#include "hoplite/core/result.hpp"
#include "hoplite/oci/host_file.hpp"

namespace hoplite::oci {

/// The name and CRC-32 that a `.gnu_debuglink` section carries.
struct DebugLink {
  std::string file_name;  ///< the debug file's name (no directory)
  std::uint32_t crc = 0;  ///< CRC-32 (zlib's) of the whole debug file
};

/// A stripped copy of a binary, described as pieces to stream (nothing is written).
struct StrippedBinary {
  FileContent content;              ///< the stripped file
  std::string build_id;             ///< the binary's GNU build id in lower-case hex; empty when it has none
  std::uint64_t original_size = 0;  ///< bytes of the binary
  /// False when there was nothing to strip (no section headers, or no non-loadable sections
  /// outside the loadable part): `content` is then the whole binary.
  bool stripped = false;
};

/// Plans the stripped copy of `binary`; with `debuglink`, the copy gets a `.gnu_debuglink`
/// section. Only headers are read (pread). Errors: `oci.elf` (not a little-endian ELF file, or
/// headers that contradict themselves), `io.read`.
[[nodiscard]] core::Result<StrippedBinary> strip_binary(std::shared_ptr<const HostFile> binary,
                                                        const std::optional<DebugLink>& debuglink = std::nullopt);

/// Where a debug file was written.
struct DebugFile {
  std::filesystem::path path;  ///< the file
  DebugLink link;              ///< its name and CRC, for a `.gnu_debuglink`
  bool written = false;        ///< false when the file was already there
};

/// How the debug file of a binary with a build id is made.
enum class DebugFileMode {
  /// A hard link to the binary itself when the filesystem allows it: the unstripped binary is a
  /// complete debug file for its stripped copy (gdb and elfutils take it; it is 4% larger than
  /// what only-keep-debug keeps), and linking writes nothing where the other way writes ~100 MB.
  /// Otherwise, as kWrite. The default. (A linker replaces its output with a new file, so the
  /// link keeps the old binary; a tool that edits the binary in place would change both.)
  kLinkOrWrite,
  /// Always write the only-keep-debug layout.
  kWrite,
};

/// Makes the debug file of `binary` in `debug_dir` (created if needed): at
/// `.build-id/xx/yyyy.debug` when `build_id` is not empty (see DebugFileMode), else — written,
/// with the CRC a `.gnu_debuglink` needs — at `<name_hint>-<crc32>.debug`. Atomic (temporary
/// file or link, then rename); the sections are copied by the kernel (copy_file_range) when no
/// CRC is needed. A file already at the build-id path is kept (the build id names the content).
/// Errors: `oci.elf`, `io.read`, `io.write`.
[[nodiscard]] core::Result<DebugFile> write_debug_file(const HostFile& binary, const std::string& build_id,
                                                       const std::filesystem::path& debug_dir,
                                                       const std::string& name_hint = "service",
                                                       DebugFileMode mode = DebugFileMode::kLinkOrWrite);

}  // namespace hoplite::oci
