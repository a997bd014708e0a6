// In-house `strip` and `objcopy --only-keep-debug` (see strip.hpp for what and why).
#include "hoplite/oci/strip.hpp"

#include "hoplite/oci/elf.hpp"

#include <fcntl.h>
#include <libdeflate.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <vector>

namespace hoplite::oci {
namespace {

namespace fs = std::filesystem;

constexpr std::uint32_t kShtProgbits = 1, kShtRela = 4, kShtNote = 7, kShtNobits = 8, kShtRel = 9;
constexpr std::uint64_t kShfAlloc = 0x2, kShfInfoLink = 0x40;
constexpr std::uint64_t kMaxSections = 1 << 16;
constexpr std::uint64_t kMaxShstrtab = 1 << 20;

std::uint64_t get(std::string_view b, std::size_t off, int bytes) {
  std::uint64_t v = 0;
  for (int i = bytes - 1; i >= 0; --i) v = (v << 8) | static_cast<unsigned char>(b[off + static_cast<std::size_t>(i)]);
  return v;
}

void set(std::string& b, std::size_t off, std::uint64_t v, int bytes) {
  for (int i = 0; i < bytes; ++i) {
    b[off + static_cast<std::size_t>(i)] = static_cast<char>(v & 0xff);
    v >>= 8;
  }
}

std::uint64_t align_up(std::uint64_t v, std::uint64_t a) { return a <= 1 ? v : (v + a - 1) / a * a; }

// Field positions that differ between ELF32 and ELF64.
struct Fields {
  bool b64;
  int word;  // 8 or 4: addresses, offsets and sizes
  std::size_t e_phoff, e_shoff, e_ehsize, e_phentsize, e_phnum, e_shentsize, e_shnum, e_shstrndx;
  std::size_t sh_flags, sh_addr, sh_offset, sh_size, sh_link, sh_info, sh_addralign, sh_entsize;
  std::size_t ph_offset, ph_filesz;
  std::size_t shdr_size, ehdr_size;
};

constexpr Fields k64{true, 8, 32, 40, 52, 54, 56, 58, 60, 62, 8, 16, 24, 32, 40, 44, 48, 56, 8, 32, 64, 64};
constexpr Fields k32{false, 4, 28, 32, 40, 42, 44, 46, 48, 50, 8, 12, 16, 20, 24, 28, 32, 36, 4, 16, 40, 52};

struct Section {
  std::string raw;  // the header entry as in the file
  std::uint32_t name = 0, type = 0, link = 0, info = 0;
  std::uint64_t flags = 0, offset = 0, size = 0, align = 0;
  [[nodiscard]] bool alloc() const { return (flags & kShfAlloc) != 0; }
  [[nodiscard]] bool has_bytes() const { return type != kShtNobits; }
};

struct Layout {
  Fields f;
  std::string header;  // e_ehsize bytes
  std::uint64_t phoff = 0, phentsize = 0, phnum = 0;
  std::string phdrs;
  std::vector<Section> sections;
  std::string shstrtab;
  bool extended_shnum = false, extended_shstrndx = false;
  std::uint64_t loadable_end = 0;  // end of everything the loader reads
};

core::Failure bad(const HostFile& file, const std::string& what) {
  return core::fail("oci.elf", file.path().string() + ": " + what);
}

bool inside(const HostFile& file, std::uint64_t off, std::uint64_t n) {
  return off <= file.size() && n <= file.size() - off;
}

std::string name_of(const Layout& l, const Section& s) {
  if (s.name >= l.shstrtab.size()) return {};
  return std::string(l.shstrtab.c_str() + s.name);
}

core::Result<Layout> read_layout(const HostFile& file) {
  auto ident = file.read_string(0, std::min<std::uint64_t>(16, file.size()));
  if (!ident) return ident.failure();
  if (ident->size() < 16 || ident->compare(0, 4,
                                           "\x7f"
                                           "ELF") != 0)
    return bad(file, "not an ELF file");
  if ((*ident)[5] != 1) return bad(file, "big-endian ELF files are not supported");
  Layout l{(*ident)[4] == 2 ? k64 : k32, {}, 0, 0, 0, {}, {}, {}, false, false, 0};
  if ((*ident)[4] != 1 && (*ident)[4] != 2) return bad(file, "unknown ELF class");
  const Fields& f = l.f;
  if (!inside(file, 0, f.ehdr_size)) return bad(file, "truncated ELF header");
  auto head = file.read_string(0, f.ehdr_size);
  if (!head) return head.failure();
  const std::uint64_t ehsize = get(*head, f.e_ehsize, 2);
  if (ehsize < f.ehdr_size || !inside(file, 0, ehsize)) return bad(file, "bad e_ehsize");
  auto full_head = file.read_string(0, ehsize);
  if (!full_head) return full_head.failure();
  l.header = std::move(*full_head);
  const std::string& h = l.header;

  l.phoff = get(h, f.e_phoff, f.word);
  l.phentsize = get(h, f.e_phentsize, 2);
  l.phnum = get(h, f.e_phnum, 2);
  std::uint64_t shoff = get(h, f.e_shoff, f.word);
  std::uint64_t shentsize = get(h, f.e_shentsize, 2);
  std::uint64_t shnum = get(h, f.e_shnum, 2);
  std::uint64_t shstrndx = get(h, f.e_shstrndx, 2);
  if (shoff == 0) return l;  // no section headers: nothing to strip
  if (shentsize != f.shdr_size) return bad(file, "bad e_shentsize");

  // Section 0 holds the real counts when they do not fit the header (extended numbering).
  if (!inside(file, shoff, f.shdr_size)) return bad(file, "section headers are outside the file");
  auto first = file.read_string(shoff, f.shdr_size);
  if (!first) return first.failure();
  if (shnum == 0) {
    shnum = get(*first, f.sh_size, f.word);
    l.extended_shnum = true;
  }
  if (shstrndx == 0xffff) {
    shstrndx = get(*first, f.sh_link, 4);
    l.extended_shstrndx = true;
  }
  if (l.phnum == 0xffff) l.phnum = get(*first, f.sh_info, 4);
  if (shnum == 0 || shnum > kMaxSections) return bad(file, "bad number of sections");
  if (!inside(file, shoff, shnum * shentsize)) return bad(file, "section headers are outside the file");
  if (l.phnum > 0) {
    if (l.phentsize < (f.b64 ? 56u : 32u) || l.phnum > 65535 || !inside(file, l.phoff, l.phnum * l.phentsize)) {
      return bad(file, "bad program headers");
    }
    auto ph = file.read_string(l.phoff, l.phnum * l.phentsize);
    if (!ph) return ph.failure();
    l.phdrs = std::move(*ph);
  }
  auto table = file.read_string(shoff, shnum * shentsize);
  if (!table) return table.failure();
  for (std::uint64_t i = 0; i < shnum; ++i) {
    Section s;
    s.raw = table->substr(i * shentsize, shentsize);
    s.name = static_cast<std::uint32_t>(get(s.raw, 0, 4));
    s.type = static_cast<std::uint32_t>(get(s.raw, 4, 4));
    s.flags = get(s.raw, f.sh_flags, f.word);
    s.offset = get(s.raw, f.sh_offset, f.word);
    s.size = get(s.raw, f.sh_size, f.word);
    s.link = static_cast<std::uint32_t>(get(s.raw, f.sh_link, 4));
    s.info = static_cast<std::uint32_t>(get(s.raw, f.sh_info, 4));
    s.align = get(s.raw, f.sh_addralign, f.word);
    if (i > 0 && s.has_bytes() && !inside(file, s.offset, s.size)) {
      return bad(file, "section " + std::to_string(i) + " is outside the file");
    }
    l.sections.push_back(std::move(s));
  }
  if (shstrndx >= shnum) return bad(file, "bad e_shstrndx");
  const Section& names = l.sections[shstrndx];
  if (names.size > kMaxShstrtab) return bad(file, "section name table is too large");
  auto strtab = file.read_string(names.offset, names.size);
  if (!strtab) return strtab.failure();
  l.shstrtab = std::move(*strtab);

  // What the loader reads: the headers and every segment's bytes; plus every loadable section.
  l.loadable_end = std::max<std::uint64_t>(ehsize, l.phoff + l.phnum * l.phentsize);
  for (std::uint64_t i = 0; i < l.phnum; ++i) {
    std::uint64_t off = get(l.phdrs, i * l.phentsize + f.ph_offset, f.word);
    std::uint64_t filesz = get(l.phdrs, i * l.phentsize + f.ph_filesz, f.word);
    if (!inside(file, off, filesz)) return bad(file, "segment " + std::to_string(i) + " is outside the file");
    l.loadable_end = std::max(l.loadable_end, off + filesz);
  }
  for (std::size_t i = 1; i < l.sections.size(); ++i) {
    const Section& s = l.sections[i];
    if (s.alloc() && s.has_bytes()) l.loadable_end = std::max(l.loadable_end, s.offset + s.size);
  }
  return l;
}

// Writes sequentially into a file, keeping a CRC-32 of everything written when asked to.
class DebugWriter {
 public:
  DebugWriter(int fd, const fs::path& path, bool with_crc) : fd_(fd), path_(path), with_crc_(with_crc) {}
  core::Result<void> write(std::string_view data) {
    if (with_crc_) crc_ = libdeflate_crc32(crc_, data.data(), data.size());
    while (!data.empty()) {
      ssize_t n = ::write(fd_, data.data(), data.size());
      if (n < 0) {
        if (errno == EINTR) continue;
        return failed("write");
      }
      data.remove_prefix(static_cast<std::size_t>(n));
    }
    return core::ok();
  }
  // `size` bytes of `from` at `offset`: copied by the kernel (copy_file_range: no trip through
  // our memory, and a reflink where the filesystem has them) unless the CRC needs the bytes.
  core::Result<void> copy(const HostFile& from, std::uint64_t offset, std::uint64_t size) {
    if (!with_crc_) {
      auto in = static_cast<off_t>(offset);
      while (size > 0) {
        ssize_t n = ::copy_file_range(from.fd(), &in, fd_, nullptr, size, 0);
        if (n > 0) {
          size -= static_cast<std::uint64_t>(n);
          continue;
        }
        if (n < 0 && errno == EINTR) continue;
        if (n == 0)
          return core::fail("io.read", from.path().string() + " changed while being read (it is shorter now)");
        if (errno != EXDEV && errno != ENOSYS && errno != EINVAL && errno != EOPNOTSUPP) return failed("copy into");
        break;  // not supported here: copy through memory below
      }
      offset = static_cast<std::uint64_t>(in);
    }
    std::vector<char> buf(static_cast<std::size_t>(std::min<std::uint64_t>(size, 1 << 20)));
    for (std::uint64_t done = 0; done < size;) {
      std::size_t n = static_cast<std::size_t>(std::min<std::uint64_t>(buf.size(), size - done));
      if (auto r = from.read_at(offset + done, buf.data(), n); !r) return r;
      if (auto r = write(std::string_view(buf.data(), n)); !r) return r;
      done += n;
    }
    return core::ok();
  }
  [[nodiscard]] std::uint32_t crc() const { return crc_; }

 private:
  core::Failure failed(const char* what) const {
    return core::fail("io.write", std::string("cannot ") + what + " " + path_.string() + ": " + std::strerror(errno));
  }
  int fd_;
  fs::path path_;
  bool with_crc_;
  std::uint32_t crc_ = 0;
};

// Links the binary itself to `target`: an unstripped binary is a complete debug file (what
// only-keep-debug leaves out is its code, 4% of it), and a link writes nothing. false when the
// filesystem will not (another filesystem, no hard links): then the file is written.
bool link_binary(const HostFile& binary, const fs::path& target) {
  const std::string via = "/proc/self/fd/" + std::to_string(binary.fd());
  const std::string tmp = target.string() + ".tmp-" + std::to_string(::getpid());
  ::unlink(tmp.c_str());
  if (::linkat(AT_FDCWD, via.c_str(), AT_FDCWD, tmp.c_str(), AT_SYMLINK_FOLLOW) != 0) return false;
  if (::rename(tmp.c_str(), target.c_str()) != 0) {
    ::unlink(tmp.c_str());
    return false;
  }
  return true;
}

}  // namespace

core::Result<StrippedBinary> strip_binary(std::shared_ptr<const HostFile> binary,
                                          const std::optional<DebugLink>& debuglink) {
  auto layout = read_layout(*binary);
  if (!layout) return layout.failure();
  Layout& l = *layout;
  const Fields& f = l.f;
  StrippedBinary out;
  out.original_size = binary->size();
  auto elf = read_elf_file(*binary);
  if (!elf) return elf.failure();
  out.build_id = elf->build_id;
  if (l.sections.empty()) {
    out.content = FileContent::whole(std::move(binary));
    return out;
  }

  // Kept: section 0 and every loadable section, in their order; then .gnu_debuglink (when asked
  // for) and a new .shstrtab.
  std::vector<std::uint32_t> new_index(l.sections.size(), 0);
  std::vector<std::size_t> kept;
  for (std::size_t i = 0; i < l.sections.size(); ++i) {
    if (i == 0 || l.sections[i].alloc()) {
      new_index[i] = static_cast<std::uint32_t>(kept.size());
      kept.push_back(i);
    }
  }
  const std::size_t count = kept.size() + (debuglink ? 1 : 0) + 1;
  if (count >= 0xff00) return bad(*binary, "too many loadable sections");

  std::string names(1, '\0');
  std::vector<std::uint32_t> name_at(kept.size(), 0);
  for (std::size_t k = 1; k < kept.size(); ++k) {
    name_at[k] = static_cast<std::uint32_t>(names.size());
    names += name_of(l, l.sections[kept[k]]);
    names += '\0';
  }
  const std::uint32_t debuglink_name = static_cast<std::uint32_t>(names.size());
  if (debuglink) names += std::string(".gnu_debuglink") + '\0';
  const std::uint32_t shstrtab_name = static_cast<std::uint32_t>(names.size());
  names += std::string(".shstrtab") + '\0';

  // The tail after the loadable part: [.gnu_debuglink] .shstrtab, then the section headers.
  std::string tail;
  const std::uint64_t base = l.loadable_end;
  auto pad_to = [&](std::uint64_t a) { tail.append(align_up(base + tail.size(), a) - (base + tail.size()), '\0'); };
  std::string table;
  auto entry = [&](std::uint32_t name, std::uint32_t type, std::uint64_t offset, std::uint64_t size,
                   std::uint64_t align) {
    std::string e(f.shdr_size, '\0');
    set(e, 0, name, 4);
    set(e, 4, type, 4);
    set(e, f.sh_offset, offset, f.word);
    set(e, f.sh_size, size, f.word);
    set(e, f.sh_addralign, align, f.word);
    table += e;
  };
  for (std::size_t k = 0; k < kept.size(); ++k) {
    const Section& s = l.sections[kept[k]];
    std::string e = s.raw;
    set(e, 0, name_at[k], 4);
    if (k == 0) {
      // Extended counts do not apply to the new, small table.
      if (l.extended_shnum) set(e, f.sh_size, 0, f.word);
      if (l.extended_shstrndx) set(e, f.sh_link, 0, 4);
    } else {
      std::uint32_t link = s.link < new_index.size() ? new_index[s.link] : 0;
      set(e, f.sh_link, link, 4);
      if (s.type == kShtRel || s.type == kShtRela || (s.flags & kShfInfoLink) != 0) {
        set(e, f.sh_info, s.info < new_index.size() ? new_index[s.info] : 0, 4);
      }
    }
    table += e;
  }
  if (debuglink) {
    pad_to(4);
    const std::uint64_t at = base + tail.size();
    tail += debuglink->file_name;
    tail += '\0';
    pad_to(4);
    std::string crc(4, '\0');
    set(crc, 0, debuglink->crc, 4);
    tail += crc;
    entry(debuglink_name, kShtProgbits, at, base + tail.size() - at, 4);
  }
  const std::uint64_t names_at = base + tail.size();
  tail += names;
  entry(shstrtab_name, 3 /* SHT_STRTAB */, names_at, names.size(), 1);
  pad_to(f.b64 ? 8 : 4);
  const std::uint64_t shoff = base + tail.size();
  tail += table;

  std::string header = l.header;
  set(header, f.e_shoff, shoff, f.word);
  set(header, f.e_shnum, count, 2);
  set(header, f.e_shstrndx, count - 1, 2);

  out.stripped = true;
  out.content.pieces.push_back(ContentPiece{nullptr, 0, 0, std::move(header)});
  const std::uint64_t ehsize = l.header.size();
  out.content.pieces.push_back(ContentPiece{binary, ehsize, base - ehsize, {}});
  out.content.pieces.push_back(ContentPiece{nullptr, 0, 0, std::move(tail)});
  return out;
}

core::Result<DebugFile> write_debug_file(const HostFile& binary, const std::string& build_id, const fs::path& debug_dir,
                                         const std::string& name_hint, DebugFileMode mode) {
  auto layout = read_layout(binary);
  if (!layout) return layout.failure();
  Layout& l = *layout;
  const Fields& f = l.f;
  if (l.sections.empty()) return bad(binary, "has no section headers: there is no debug information to keep");

  // Plan: header, program headers where they were, then each section that keeps its bytes
  // (non-loadable ones, and notes: debuggers match the build id), then the section headers.
  std::string header = l.header;
  std::uint64_t pos = std::max<std::uint64_t>(header.size(), l.phoff + l.phdrs.size());
  struct Copy {
    std::uint64_t from, to, size;
  };
  std::vector<Copy> copies;
  std::vector<std::uint64_t> new_offset(l.sections.size(), 0);
  std::string table;
  for (std::size_t i = 0; i < l.sections.size(); ++i) {
    const Section& s = l.sections[i];
    std::string e = s.raw;
    if (i > 0) {
      const bool keep = s.has_bytes() && (!s.alloc() || s.type == kShtNote);
      if (keep) {
        pos = align_up(pos, s.align);
        // Notes stay where they were (everything before them is headers or now memory-only), so
        // the segments that hold them keep their offsets.
        if (s.alloc() && s.offset >= pos) pos = s.offset;
        copies.push_back({s.offset, pos, s.size});
        pos += s.size;
      } else if (s.has_bytes()) {
        set(e, 4, kShtNobits, 4);
      }
      new_offset[i] = keep ? copies.back().to : pos;
      set(e, f.sh_offset, new_offset[i], f.word);
    }
    table += e;
  }
  // Program headers describe the new file, as objcopy's do: a segment keeps file bytes up to its
  // last note still in place (notes, headers); the others become memory-only (filesz 0) at an
  // offset congruent to their address, as the ELF rules want. The table itself stays in place.
  std::string phdrs = l.phdrs;
  const std::size_t ph_vaddr = f.b64 ? 16 : 8, ph_align = f.b64 ? 48 : 28;
  for (std::uint64_t i = 0; i < l.phnum; ++i) {
    const std::size_t at = static_cast<std::size_t>(i * l.phentsize);
    const std::uint64_t off = get(phdrs, at + f.ph_offset, f.word), filesz = get(phdrs, at + f.ph_filesz, f.word);
    if (get(phdrs, at, 4) == 6 /* PT_PHDR */) continue;
    std::optional<std::uint64_t> end_kept;
    for (std::size_t k = 1; k < l.sections.size(); ++k) {
      const Section& s = l.sections[k];
      if (s.type != kShtNote || !s.alloc() || new_offset[k] != s.offset) continue;
      if (s.offset >= off && s.offset + s.size <= off + filesz) end_kept = s.offset + s.size;
    }
    if (end_kept) {
      set(phdrs, at + f.ph_filesz, *end_kept - off, f.word);
    } else {
      const std::uint64_t align = get(phdrs, at + ph_align, f.word);
      const std::uint64_t vaddr = get(phdrs, at + ph_vaddr, f.word);
      set(phdrs, at + f.ph_offset, align > 1 ? vaddr % align : std::min(off, pos), f.word);
      set(phdrs, at + f.ph_filesz, 0, f.word);
    }
  }
  const std::uint64_t shoff = align_up(pos, f.b64 ? 8 : 4);
  set(header, f.e_shoff, shoff, f.word);

  std::error_code ec;
  fs::path target;
  if (!build_id.empty()) {
    if (build_id.size() < 3) return bad(binary, "build id is too short");
    target = debug_dir / ".build-id" / build_id.substr(0, 2) / (build_id.substr(2) + ".debug");
    // The build id names the content: a file already there is this file.
    if (fs::is_regular_file(target, ec) && fs::file_size(target, ec) > 0 && !ec) {
      return DebugFile{target, {target.filename().string(), 0}, false};
    }
  }
  fs::path dir = build_id.empty() ? debug_dir : target.parent_path();
  fs::create_directories(dir, ec);
  if (ec) return core::fail("io.write", "creating " + dir.string() + ": " + ec.message());
  if (!build_id.empty() && mode == DebugFileMode::kLinkOrWrite && link_binary(binary, target)) {
    return DebugFile{target, {target.filename().string(), 0}, true};
  }
  std::string tmpl = (dir / ".debug.tmp-XXXXXX").string();
  int fd = ::mkstemp(tmpl.data());
  if (fd < 0) return core::fail("io.write", "cannot create a file in " + dir.string() + ": " + std::strerror(errno));
  // Only a .gnu_debuglink (no build id) needs the file's CRC.
  DebugWriter w(fd, tmpl, build_id.empty());
  auto write_all = [&]() -> core::Result<void> {
    std::uint64_t at = 0;
    auto zeros_to = [&](std::uint64_t to) -> core::Result<void> {
      if (to > at) {
        if (auto r = w.write(std::string(to - at, '\0')); !r) return r;
      }
      at = to;
      return core::ok();
    };
    if (auto r = w.write(header); !r) return r;
    at = header.size();
    if (!phdrs.empty()) {
      if (auto r = zeros_to(l.phoff); !r) return r;
      if (auto r = w.write(phdrs); !r) return r;
      at += phdrs.size();
    }
    for (const Copy& c : copies) {
      if (auto r = zeros_to(c.to); !r) return r;
      if (auto r = w.copy(binary, c.from, c.size); !r) return r;
      at += c.size;
    }
    if (auto r = zeros_to(shoff); !r) return r;
    return w.write(table);
  };
  auto written = write_all();
  // No fsync: the file can be made again from the binary, and syncing 100 MB would dominate the
  // build. The rename still means the file is either whole or absent.
  if (::fchmod(fd, 0644) != 0 && written) {
    written = core::fail("io.write", "cannot set permissions of " + tmpl + ": " + std::strerror(errno));
  }
  if (::close(fd) != 0 && written) written = core::fail("io.write", "cannot close " + tmpl);
  if (!written) {
    ::unlink(tmpl.c_str());
    return written.failure("writing the debug file of " + binary.path().string());
  }
  if (build_id.empty()) {
    char crc[9];
    std::snprintf(crc, sizeof crc, "%08x", w.crc());
    target = debug_dir / (name_hint + "-" + crc + ".debug");
  }
  if (::rename(tmpl.c_str(), target.c_str()) != 0) {
    int err = errno;
    ::unlink(tmpl.c_str());
    return core::fail("io.write", "cannot rename the debug file into " + target.string() + ": " + std::strerror(err));
  }
  return DebugFile{target, {target.filename().string(), w.crc()}, true};
}

}  // namespace hoplite::oci
