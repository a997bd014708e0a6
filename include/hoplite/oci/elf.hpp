#pragma once
/// \file
/// Reading ELF executables (no external tools) and finding the shared libraries the dynamic
/// loader would load — what a binary needs to run in an otherwise empty root filesystem.

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "hoplite/core/result.hpp"
#include "hoplite/oci/host_file.hpp"

namespace hoplite::oci {

/// What hoplite needs from an ELF file's headers and dynamic section.
struct ElfInfo {
  std::uint16_t type = 0;                  ///< e_type (2 = executable, 3 = shared object or PIE)
  std::uint16_t machine = 0;               ///< e_machine (62 = x86-64, 183 = AArch64)
  bool is_64bit = true;                    ///< ELFCLASS64
  std::string architecture;                ///< `amd64` / `arm64`; empty for any other machine
  std::optional<std::string> interpreter;  ///< PT_INTERP, e.g. `/lib64/ld-linux-x86-64.so.2`
  std::vector<std::string> needed;         ///< DT_NEEDED, in order
  std::vector<std::string> rpath;          ///< DT_RPATH split at ':' (unexpanded, `$ORIGIN` kept)
  std::vector<std::string> runpath;        ///< DT_RUNPATH split at ':'
  std::string soname;                      ///< DT_SONAME; default: empty
  std::string build_id;                    ///< NT_GNU_BUILD_ID note, lower-case hex; empty when there is none
  /// Libraries the binary loads with dlopen, as FDO "ELF dlopen metadata" notes declare them
  /// (https://systemd.io/ELF_DLOPEN_METADATA/); default: none.
  std::vector<std::string> dlopen;

  /// True for a binary that needs no loader and no libraries.
  [[nodiscard]] bool is_static() const { return !interpreter && needed.empty(); }
};

/// Parses ELF32/ELF64 little-endian headers, program headers, notes and the dynamic section.
/// Every size the file states is capped before anything is read (4096 program headers, 1 MiB of
/// dynamic section or notes, 16 MiB of string table). Errors: `oci.elf` (not ELF, truncated,
/// big-endian, over a cap).
[[nodiscard]] core::Result<ElfInfo> read_elf(std::string_view bytes);
/// The same, reading only those parts of the file with pread (a binary with debug info is a
/// hundred MB; its headers are a few KB). Errors: `io.read` (also: not a regular file),
/// `oci.elf` (with the path).
[[nodiscard]] core::Result<ElfInfo> read_elf_file(const std::filesystem::path& path);
/// The same for a file already open.
[[nodiscard]] core::Result<ElfInfo> read_elf_file(const HostFile& file);

/// The OCI architecture for an ELF machine: `amd64` or `arm64`. Errors: `oci.elf.arch` naming the
/// machine, for anything hoplite cannot run on Fargate.
[[nodiscard]] core::Result<std::string> oci_architecture(std::uint16_t machine);

/// The loader's built-in search path for an architecture (no /etc/ld.so.cache exists in an
/// image, so this is what the loader in the image searches): amd64 `/lib/x86_64-linux-gnu`,
/// `/usr/lib/x86_64-linux-gnu`, `/lib`, `/usr/lib` (Debian's glibc, `ld.so --help`), then
/// `/lib64`, `/usr/lib64` (Fedora-style hosts); arm64 the same with `aarch64-linux-gnu`.
[[nodiscard]] std::vector<std::string> default_library_dirs(std::string_view architecture);

/// A file the binary needs, with where it goes in the image and where its bytes come from.
struct NeededFile {
  std::string image_path;           ///< absolute path the loader in the image opens
  std::filesystem::path host_path;  ///< the real file (symlinks resolved) whose bytes to copy
  std::string needed_by;            ///< image path of the object that asked for it (for errors and docs)
};

/// The directory of a file at `image_path` in the image, "/" for one at the root: `$ORIGIN` for an
/// object there.
[[nodiscard]] std::string image_directory_of(const std::string& image_path);

/// How the binary's shared libraries are found (see resolve_needed_files).
struct ResolveOptions {
  /// The directory the binary will sit in inside the image: `$ORIGIN` for the executable's own
  /// RPATH/RUNPATH. Default: `/app`.
  std::string image_origin = "/app";
  /// Host root that absolute search paths are looked up under. Default: `/` (tests use a
  /// fabricated tree).
  std::filesystem::path sysroot = "/";
  /// Also search the directories `/etc/ld.so.conf` names (what the build machine's ld.so.cache
  /// holds), after RUNPATH and before the default directories. A library found only there is
  /// placed in the first default directory, where the image's loader (which has no cache) looks.
  /// Default: true.
  bool use_ld_so_conf = true;
};

/// The loader and libraries of `binary`, resolved the way glibc's ld.so does: for each DT_NEEDED
/// — and each library the executable's dlopen notes declare, which is left out when it is not
/// found — (breadth-first, transitively, each soname once) a name with '/' is used as is; otherwise the
/// object's DT_RPATH and its loaders' (only when the object has no DT_RUNPATH), then its
/// DT_RUNPATH, then the directories of /etc/ld.so.conf (see `use_ld_so_conf`), then the default
/// directories. LD_LIBRARY_PATH is deliberately ignored (it is not set in the image).
///
/// Each library is placed at the path where it was found — the name the loader asks for, e.g.
/// `/lib/x86_64-linux-gnu/libc.so.6` — with the bytes of the file that name points to (symlinks
/// are followed on the host and the result is stored as a regular file). `$ORIGIN` is expanded
/// twice: against the host location to find the file, and against the image location to place it.
/// A static binary gives an empty list. The interpreter named by PT_INTERP is copied only when it
/// is an ELF loader: an absolute clean path to a shared object of the same machine and class with
/// no interpreter and no DT_NEEDED of its own. Errors: `oci.elf`, `oci.elf.arch`,
/// `oci.elf.missing` (a library not found, naming who needs it and where it looked),
/// `oci.elf.interp` (PT_INTERP names something that is not a loader).
[[nodiscard]] core::Result<std::vector<NeededFile>> resolve_dependencies(const std::filesystem::path& binary,
                                                                         const ResolveOptions& options = {});

}  // namespace hoplite::oci
