#include "hoplite/oci/elf.hpp"

#include <glob.h>
#include <algorithm>
#include <cstring>
#include <deque>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <system_error>

#include <nlohmann/json.hpp>

#include "hoplite/core/file.hpp"
#include "hoplite/core/hex.hpp"
#include "hoplite/oci/host_file.hpp"

namespace hoplite::oci {
namespace {

namespace fs = std::filesystem;

constexpr std::uint16_t kEmX86_64 = 62;
constexpr std::uint16_t kEmAarch64 = 183;
constexpr std::uint32_t kPtLoad = 1, kPtDynamic = 2, kPtInterp = 3, kPtNote = 4;
constexpr std::int64_t kDtNull = 0, kDtNeeded = 1, kDtStrtab = 5, kDtStrsz = 10, kDtSoname = 14, kDtRpath = 15,
                       kDtRunpath = 29;
constexpr std::uint32_t kNtGnuBuildId = 3;
constexpr std::uint32_t kNtFdoDlopenMetadata = 0x407c0c0a;

// Caps on what the headers may ask us to read: real objects stay far below them, a hostile or
// corrupt file cannot make us allocate more.
constexpr std::uint64_t kMaxProgramHeaders = 4096;
constexpr std::uint64_t kMaxInterp = 4096;
constexpr std::uint64_t kMaxDynamic = 1 << 20;
constexpr std::uint64_t kMaxStrtab = 16 << 20;
constexpr std::uint64_t kMaxNotes = 1 << 20;

std::uint64_t le(std::string_view b, std::uint64_t off, int bytes) {
  std::uint64_t v = 0;
  for (int i = bytes - 1; i >= 0; --i)
    v = (v << 8) | static_cast<unsigned char>(b[off + static_cast<std::uint64_t>(i)]);
  return v;
}

// Where the parser gets its bytes: memory (read_elf) or a file by offset (read_elf_file). Only
// the ranges the headers point at are read.
class Source {
 public:
  virtual ~Source() = default;
  [[nodiscard]] virtual std::uint64_t size() const = 0;
  /// `n` bytes at `off`; nullopt when the range is outside the file.
  virtual core::Result<std::optional<std::string>> at(std::uint64_t off, std::uint64_t n) const = 0;
};

class MemorySourceAt final : public Source {
 public:
  explicit MemorySourceAt(std::string_view b) : b_(b) {}
  [[nodiscard]] std::uint64_t size() const override { return b_.size(); }
  core::Result<std::optional<std::string>> at(std::uint64_t off, std::uint64_t n) const override {
    if (off > b_.size() || n > b_.size() - off) return std::optional<std::string>();
    return std::optional<std::string>(std::string(b_.substr(off, n)));
  }

 private:
  std::string_view b_;
};

class FileSourceAt final : public Source {
 public:
  explicit FileSourceAt(const HostFile& f) : f_(f) {}
  [[nodiscard]] std::uint64_t size() const override { return f_.size(); }
  core::Result<std::optional<std::string>> at(std::uint64_t off, std::uint64_t n) const override {
    if (off > f_.size() || n > f_.size() - off) return std::optional<std::string>();
    auto s = f_.read_string(off, static_cast<std::size_t>(n));
    if (!s) return s.failure();
    return std::optional<std::string>(std::move(*s));
  }

 private:
  const HostFile& f_;
};

struct Segment {
  std::uint32_t type;
  std::uint64_t offset, vaddr, filesz, align;
};

std::vector<std::string> split_path_list(const std::string& s) {
  std::vector<std::string> out;
  std::size_t i = 0;
  while (i <= s.size()) {
    auto j = s.find(':', i);
    if (j == std::string::npos) j = s.size();
    if (j > i) out.push_back(s.substr(i, j - i));
    i = j + 1;
  }
  return out;
}

std::string cstr(std::string_view table, std::uint64_t off) {
  if (off >= table.size()) return {};
  auto end = table.find('\0', off);
  return std::string(table.substr(off, end == std::string_view::npos ? std::string_view::npos : end - off));
}

// The libraries an FDO dlopen note's JSON names: `[{"soname": ["libx.so.1", ...], ...}, ...]`
// (https://systemd.io/ELF_DLOPEN_METADATA/). Nesting is checked before parsing: the note comes
// from the file, not from us.
std::vector<std::string> dlopen_sonames(std::string_view json) {
  int depth = 0, deepest = 0;
  for (char c : json) {
    if (c == '[' || c == '{') deepest = std::max(deepest, ++depth);
    if (c == ']' || c == '}') --depth;
  }
  std::vector<std::string> out;
  if (deepest > 4) return out;
  auto doc = nlohmann::json::parse(json, nullptr, false);
  if (!doc.is_array()) return out;
  for (const auto& entry : doc) {
    if (!entry.is_object() || !entry.contains("soname") || !entry["soname"].is_array()) continue;
    for (const auto& name : entry["soname"]) {
      if (name.is_string() && !name.get<std::string>().empty()) out.push_back(name.get<std::string>());
    }
  }
  return out;
}

// Walks the notes of one PT_NOTE segment: the GNU build id (lower-case hex) and the libraries FDO
// dlopen notes declare.
void read_notes(std::string_view notes, std::uint64_t align, ElfInfo& info) {
  const std::uint64_t a = align == 8 ? 8 : 4;
  auto round = [a](std::uint64_t v) { return (v + a - 1) / a * a; };
  std::uint64_t p = 0;
  while (p + 12 <= notes.size()) {
    std::uint64_t namesz = le(notes, p, 4), descsz = le(notes, p + 4, 4), type = le(notes, p + 8, 4);
    std::uint64_t name_at = p + 12, desc_at = name_at + round(namesz);
    if (namesz > notes.size() || descsz > notes.size() || desc_at + descsz > notes.size()) return;
    std::string_view name = notes.substr(name_at, namesz), desc = notes.substr(desc_at, descsz);
    if (type == kNtGnuBuildId && name == std::string_view("GNU\0", 4) && descsz > 0 && info.build_id.empty()) {
      info.build_id = core::to_hex(desc);
    } else if (type == kNtFdoDlopenMetadata && name == std::string_view("FDO\0", 4)) {
      for (auto& soname : dlopen_sonames(desc.substr(0, desc.find('\0')))) info.dlopen.push_back(std::move(soname));
    }
    p = desc_at + round(descsz);
  }
}

core::Result<ElfInfo> parse_elf(const Source& src) {
  const std::string code = "oci.elf";
  auto ident = src.at(0, 16);
  if (!ident) return ident.failure();
  if (!*ident || std::memcmp((*ident)->data(),
                             "\x7f"
                             "ELF",
                             4) != 0)
    return core::fail(code, "not an ELF file");
  ElfInfo info;
  unsigned char cls = static_cast<unsigned char>((**ident)[4]);
  unsigned char data = static_cast<unsigned char>((**ident)[5]);
  if (cls != 1 && cls != 2) return core::fail(code, "unknown ELF class " + std::to_string(cls));
  if (data != 1) return core::fail(code, "big-endian ELF files are not supported");
  info.is_64bit = cls == 2;
  const bool b64 = info.is_64bit;
  auto header = src.at(0, b64 ? 64 : 52);
  if (!header) return header.failure();
  if (!*header) return core::fail(code, "truncated ELF header");
  std::string_view h = **header;
  info.type = static_cast<std::uint16_t>(le(h, 16, 2));
  info.machine = static_cast<std::uint16_t>(le(h, 18, 2));
  if (info.machine == kEmX86_64) info.architecture = "amd64";
  if (info.machine == kEmAarch64) info.architecture = "arm64";
  const std::uint64_t phoff = b64 ? le(h, 32, 8) : le(h, 28, 4);
  const std::uint64_t phentsize = b64 ? le(h, 54, 2) : le(h, 42, 2);
  const std::uint64_t phnum = b64 ? le(h, 56, 2) : le(h, 44, 2);
  if (phnum > 0 && phentsize < (b64 ? 56u : 32u)) return core::fail(code, "bad program header size");
  if (phnum > kMaxProgramHeaders) return core::fail(code, "too many program headers");

  std::vector<Segment> segs;
  if (phnum > 0) {
    auto table = src.at(phoff, phnum * phentsize);
    if (!table) return table.failure();
    if (!*table) return core::fail(code, "truncated program headers");
    std::string_view t = **table;
    for (std::uint64_t i = 0; i < phnum; ++i) {
      std::uint64_t p = i * phentsize;
      Segment s{};
      s.type = static_cast<std::uint32_t>(le(t, p, 4));
      s.offset = b64 ? le(t, p + 8, 8) : le(t, p + 4, 4);
      s.vaddr = b64 ? le(t, p + 16, 8) : le(t, p + 8, 4);
      s.filesz = b64 ? le(t, p + 32, 8) : le(t, p + 16, 4);
      s.align = b64 ? le(t, p + 48, 8) : le(t, p + 28, 4);
      segs.push_back(s);
    }
  }

  const Segment* dynamic = nullptr;
  std::uint64_t notes_read = 0;
  for (const auto& s : segs) {
    if (s.type == kPtInterp) {
      if (s.filesz > kMaxInterp) return core::fail(code, "PT_INTERP is too long");
      auto interp = src.at(s.offset, s.filesz);
      if (!interp) return interp.failure();
      if (!*interp) return core::fail(code, "truncated PT_INTERP");
      info.interpreter = cstr(**interp, 0);
    } else if (s.type == kPtDynamic) {
      dynamic = &s;
    } else if (s.type == kPtNote && notes_read + s.filesz <= kMaxNotes) {
      notes_read += s.filesz;
      auto notes = src.at(s.offset, s.filesz);
      if (!notes) return notes.failure();
      if (*notes) read_notes(**notes, s.align, info);
    }
  }
  if (!dynamic) return info;  // static executable
  if (dynamic->filesz > kMaxDynamic) return core::fail(code, "PT_DYNAMIC is too large");
  auto dyn_bytes = src.at(dynamic->offset, dynamic->filesz);
  if (!dyn_bytes) return dyn_bytes.failure();
  if (!*dyn_bytes) return core::fail(code, "truncated PT_DYNAMIC");
  std::string_view dyn = **dyn_bytes;

  const std::uint64_t entsize = b64 ? 16 : 8;
  std::vector<std::pair<std::int64_t, std::uint64_t>> entries;
  std::uint64_t strtab = 0, strsz = 0;
  bool have_strtab = false;
  for (std::uint64_t p = 0; p + entsize <= dyn.size(); p += entsize) {
    auto tag = static_cast<std::int64_t>(b64 ? le(dyn, p, 8) : le(dyn, p, 4));
    std::uint64_t val = b64 ? le(dyn, p + 8, 8) : le(dyn, p + 4, 4);
    if (tag == kDtNull) break;
    if (tag == kDtStrtab) {
      strtab = val;
      have_strtab = true;
    }
    if (tag == kDtStrsz) strsz = val;
    entries.emplace_back(tag, val);
  }
  if (!have_strtab) return core::fail(code, "dynamic section without DT_STRTAB");
  // DT_STRTAB is a virtual address; map it to a file offset through the PT_LOAD that holds it.
  std::optional<std::uint64_t> strtab_off;
  std::uint64_t strtab_room = 0;
  for (const auto& s : segs) {
    if (s.type == kPtLoad && strtab >= s.vaddr && strtab - s.vaddr < s.filesz) {
      strtab_off = strtab - s.vaddr + s.offset;
      strtab_room = s.filesz - (strtab - s.vaddr);
    }
  }
  if (!strtab_off) return core::fail(code, "DT_STRTAB is outside every loadable segment");
  // DT_STRSZ says how long the table is; without it, read to the end of its segment.
  std::uint64_t table_size = std::min(strsz > 0 ? strsz : strtab_room, strtab_room);
  if (table_size > kMaxStrtab) return core::fail(code, "the dynamic string table is too large");
  auto table_bytes = src.at(*strtab_off, table_size);
  if (!table_bytes) return table_bytes.failure();
  if (!*table_bytes) return core::fail(code, "truncated dynamic string table");
  std::string_view table = **table_bytes;
  for (const auto& [tag, val] : entries) {
    switch (tag) {
      case kDtNeeded:
        info.needed.push_back(cstr(table, val));
        break;
      case kDtSoname:
        info.soname = cstr(table, val);
        break;
      case kDtRpath: {
        auto v = split_path_list(cstr(table, val));
        info.rpath.insert(info.rpath.end(), v.begin(), v.end());
        break;
      }
      case kDtRunpath: {
        auto v = split_path_list(cstr(table, val));
        info.runpath.insert(info.runpath.end(), v.begin(), v.end());
        break;
      }
      default:
        break;
    }
  }
  return info;
}

}  // namespace

core::Result<ElfInfo> read_elf(std::string_view bytes) { return parse_elf(MemorySourceAt(bytes)); }

core::Result<ElfInfo> read_elf_file(const fs::path& path) {
  // Only the headers, the dynamic section, its string table and the notes are read (pread), not
  // the file: a binary with debug info is a hundred MB.
  auto file = HostFile::open(path);
  if (!file) return file.failure();
  return read_elf_file(**file);
}

core::Result<ElfInfo> read_elf_file(const HostFile& file) {
  auto info = parse_elf(FileSourceAt(file));
  if (!info) return core::fail(info.error().code, file.path().string() + ": " + info.error().message);
  return info;
}

core::Result<std::string> oci_architecture(std::uint16_t machine) {
  if (machine == kEmX86_64) return std::string("amd64");
  if (machine == kEmAarch64) return std::string("arm64");
  return core::fail("oci.elf.arch",
                    "ELF machine " + std::to_string(machine) +
                        " is not supported: images can be built for x86-64 (amd64) and AArch64 (arm64)");
}

std::vector<std::string> default_library_dirs(std::string_view architecture) {
  // glibc's built-in system search path on Debian (`ld.so --help`), then the lib64 pair that
  // Fedora-style systems use. The image has no /etc/ld.so.cache, so this is all its loader sees.
  std::string triplet = architecture == "arm64" ? "aarch64-linux-gnu" : "x86_64-linux-gnu";
  return {"/lib/" + triplet, "/usr/lib/" + triplet, "/lib", "/usr/lib", "/lib64", "/usr/lib64"};
}

namespace {

// One loaded object: where it is in the image and on the host, and its dynamic info.
struct Object {
  std::string image_path;
  fs::path host_path;  // as found (not canonical): $ORIGIN of a library is the directory it was opened from
  ElfInfo info;
  int loader = -1;  // index of the object that loaded it (-1: the executable)
};

std::string lexically_clean(const std::string& p) { return fs::path(p).lexically_normal().generic_string(); }

// A search directory as the loader in the image sees it, and where that is on the host.
struct SearchDir {
  std::string image_dir;
  fs::path host_dir;
};

SearchDir expand(const std::string& entry, const Object& obj, const fs::path& sysroot) {
  for (const char* token : {"$ORIGIN", "${ORIGIN}"}) {
    if (entry.rfind(token, 0) == 0) {
      std::string rest = entry.substr(std::strlen(token));
      return {lexically_clean(image_directory_of(obj.image_path) + rest),
              (obj.host_path.parent_path() / ("." + rest)).lexically_normal()};
    }
  }
  return {lexically_clean(entry), (sysroot / fs::path(entry).relative_path()).lexically_normal()};
}

// The directories /etc/ld.so.conf names (following `include` globs), in order: what ldconfig puts
// in the cache the build machine's loader uses. Lines are directories separated by blanks, ':' or
// ','; `#` starts a comment; `hwcap` lines are ignored.
void read_ld_so_conf(const fs::path& sysroot, const fs::path& file, int depth, std::vector<std::string>& out) {
  if (depth > 8) return;  // an include cycle
  auto text = core::read_file(sysroot / file.relative_path());
  if (!text) return;  // no ld.so.conf: nothing to add
  std::istringstream lines(*text);
  std::string line;
  while (std::getline(lines, line)) {
    line = line.substr(0, line.find('#'));
    for (char& c : line) {
      if (c == ':' || c == ',' || c == '\t') c = ' ';
    }
    std::istringstream words(line);
    std::string word;
    if (!(words >> word)) continue;
    if (word == "hwcap") continue;
    if (word == "include") {
      while (words >> word) {
        fs::path pattern = fs::path(word).is_absolute() ? fs::path(word) : file.parent_path() / word;
        std::string host_pattern = (sysroot / pattern.relative_path()).string();
        glob_t g{};
        if (::glob(host_pattern.c_str(), 0, nullptr, &g) == 0) {
          for (std::size_t i = 0; i < g.gl_pathc; ++i) {
            fs::path found = fs::path(g.gl_pathv[i]).lexically_relative(sysroot);
            read_ld_so_conf(sysroot, "/" / found, depth + 1, out);
          }
        }
        ::globfree(&g);
      }
      continue;
    }
    do {
      if (!word.empty() && word.front() == '/') out.push_back(lexically_clean(word));
    } while (words >> word);
  }
}

bool compatible(const fs::path& host, const ElfInfo& want, ElfInfo* out) {
  std::error_code ec;
  if (!fs::is_regular_file(host, ec)) return false;  // follows symlinks
  auto info = read_elf_file(host);
  if (!info || info->machine != want.machine || info->is_64bit != want.is_64bit)
    return false;  // the loader skips these too
  *out = std::move(*info);
  return true;
}

// Why `host` (named by PT_INTERP as `interp`) cannot be the loader of `exe`, or nullopt when it
// can. The file is copied into the image, so PT_INTERP must not be able to name just any host
// file (/etc/shadow, a key): it must be an absolute, clean path to a shared object of the
// executable's machine and class that needs no interpreter and no libraries itself — what
// ld-linux*.so and musl's libc.so are.
std::optional<std::string> loader_problem(const std::string& interp, const fs::path& host, const ElfInfo& exe) {
  if (interp.empty() || interp.front() != '/' || lexically_clean(interp) != interp) {
    return std::string("the path is not absolute and clean");
  }
  auto info = read_elf_file(host);
  if (!info) return info.error().message;
  if (info->machine != exe.machine || info->is_64bit != exe.is_64bit) {
    return std::string("it is for another machine or ELF class");
  }
  if (info->type != 3) return std::string("it is not a shared object (ET_DYN)");
  if (info->interpreter) return std::string("it has an interpreter itself");
  if (!info->needed.empty()) return std::string("it needs other libraries (" + info->needed.front() + ")");
  return std::nullopt;
}

}  // namespace

core::Result<std::vector<NeededFile>> resolve_dependencies(const fs::path& binary, const ResolveOptions& options) {
  auto exe = read_elf_file(binary);
  if (!exe) return exe.failure();
  auto arch = oci_architecture(exe->machine);
  if (!arch) return core::fail(arch.error().code, binary.string() + ": " + arch.error().message);

  std::vector<NeededFile> out;
  if (exe->is_static()) return out;

  std::error_code ec;
  fs::path exe_host = fs::canonical(binary, ec);  // the kernel resolves /proc/self/exe and symlinks
  if (ec) exe_host = binary;
  std::vector<Object> objects;
  objects.push_back(
      Object{lexically_clean(options.image_origin + "/" + exe_host.filename().string()), exe_host, *exe, -1});

  if (exe->interpreter) {
    const std::string& interp = *exe->interpreter;
    fs::path host = options.sysroot / fs::path(interp).relative_path();
    auto real = fs::canonical(host, ec);
    if (ec) {
      return core::fail("oci.elf.missing", "the ELF interpreter " + interp + " of " + binary.string() +
                                               " is not on this machine (looked at " + host.string() + ")");
    }
    if (auto bad = loader_problem(interp, real, *exe)) {
      return core::fail("oci.elf.interp", binary.string() + " names " + interp +
                                              " as its ELF interpreter, which is not an ELF loader: " + *bad);
    }
    out.push_back(NeededFile{interp, real, objects[0].image_path});
  }

  const auto defaults = default_library_dirs(*arch);
  std::vector<std::string> conf_dirs;
  if (options.use_ld_so_conf) read_ld_so_conf(options.sysroot, "/etc/ld.so.conf", 0, conf_dirs);
  std::map<std::string, std::string> by_name;  // soname or needed name -> image path already placed
  std::set<std::string> placed;
  if (exe->interpreter) {
    by_name[fs::path(*exe->interpreter).filename().string()] = *exe->interpreter;
    placed.insert(*exe->interpreter);
  }

  std::deque<std::pair<int, std::string>> queue;  // (requesting object, needed name), breadth-first like ld.so
  for (const auto& n : exe->needed) queue.emplace_back(0, n);
  // What the binary declares it loads with dlopen (an FDO dlopen note) goes in too, found the way
  // dlopen finds it (the executable's own search path); one that is not there is left out, as
  // the binary must cope with dlopen failing anyway.
  std::set<std::string> dlopened(exe->dlopen.begin(), exe->dlopen.end());
  for (const auto& n : exe->dlopen) queue.emplace_back(0, n);
  while (!queue.empty()) {
    auto [who, name] = queue.front();
    queue.pop_front();
    if (by_name.count(name)) continue;
    const Object requester = objects[static_cast<std::size_t>(who)];

    std::vector<SearchDir> dirs;
    std::string found_image;
    fs::path found_host;
    ElfInfo found_info;
    if (name.find('/') != std::string::npos) {
      SearchDir d = expand(name, requester, options.sysroot);
      if (compatible(d.host_dir, *exe, &found_info)) {
        found_image = d.image_dir;
        found_host = d.host_dir;
      }
      dirs.push_back(d);
    } else {
      // DT_RPATH of the requester and of every object up its loader chain, only when the
      // requester has no DT_RUNPATH; then its DT_RUNPATH; then the system directories.
      if (requester.info.runpath.empty()) {
        for (int o = who; o >= 0; o = objects[static_cast<std::size_t>(o)].loader) {
          for (const auto& e : objects[static_cast<std::size_t>(o)].info.rpath) {
            dirs.push_back(expand(e, objects[static_cast<std::size_t>(o)], options.sysroot));
          }
          if (o == 0) break;
        }
      }
      for (const auto& e : requester.info.runpath) dirs.push_back(expand(e, requester, options.sysroot));
      // What the build machine's ld.so.cache holds. The image has no cache, so a library found in
      // a directory its loader does not search by default goes into the first default directory.
      for (const auto& e : conf_dirs) {
        SearchDir d = expand(e, requester, options.sysroot);
        if (std::find(defaults.begin(), defaults.end(), d.image_dir) == defaults.end()) d.image_dir = defaults.front();
        dirs.push_back(std::move(d));
      }
      for (const auto& e : defaults) dirs.push_back(expand(e, requester, options.sysroot));
      for (const auto& d : dirs) {
        fs::path candidate = d.host_dir / name;
        if (compatible(candidate, *exe, &found_info)) {
          found_image = lexically_clean(d.image_dir + "/" + name);
          found_host = candidate;
          break;
        }
      }
    }
    if (found_image.empty() && who == 0 && dlopened.count(name) != 0) continue;
    if (found_image.empty()) {
      std::string looked;
      for (const auto& d : dirs) looked += (looked.empty() ? "" : ", ") + d.host_dir.string();
      return core::fail("oci.elf.missing", "library " + name + " needed by " + requester.image_path +
                                               " was not found (looked in " + looked + ")");
    }
    by_name[name] = found_image;
    if (!found_info.soname.empty()) by_name.try_emplace(found_info.soname, found_image);
    if (!placed.insert(found_image).second) continue;
    auto real = fs::canonical(found_host, ec);
    out.push_back(NeededFile{found_image, ec ? found_host : real, requester.image_path});
    objects.push_back(Object{found_image, found_host, found_info, who});
    int idx = static_cast<int>(objects.size()) - 1;
    for (const auto& n : found_info.needed) queue.emplace_back(idx, n);
  }
  return out;
}

std::string image_directory_of(const std::string& image_path) {
  auto s = image_path.rfind('/');
  return s == 0 || s == std::string::npos ? "/" : image_path.substr(0, s);
}

}  // namespace hoplite::oci
