// Reading tar streams (see tar.hpp for what is understood and the caps).
#include <algorithm>
#include <array>
#include <cstring>

#include "hoplite/oci/tar.hpp"
#include "oci/tar_header.hpp"

namespace hoplite::oci::tar {
namespace {

using namespace header;  // NOLINT(google-build-using-namespace): the field offsets read as names

core::Failure malformed(std::uint64_t offset, const std::string& what) {
  return core::fail("oci.tar", "tar header at byte " + std::to_string(offset) + ": " + what);
}

// A NUL-terminated (or full-width) string field.
std::string text(const char* block, std::size_t at, std::size_t len) {
  const char* p = block + at;
  return std::string(p, static_cast<std::size_t>(std::find(p, p + len, '\0') - p));
}

// A numeric field: octal digits between optional leading spaces/NULs and a space/NUL terminator,
// or GNU base-256 (high bit of the first byte set). nullopt when malformed or out of range.
std::optional<std::uint64_t> number(const char* block, std::size_t at, std::size_t len) {
  const auto* p = reinterpret_cast<const unsigned char*>(block + at);
  if (p[0] & 0x80) {
    if (p[0] & 0x40) return std::nullopt;  // negative base-256
    std::uint64_t v = p[0] & 0x3f;
    for (std::size_t i = 1; i < len; ++i) {
      if (v >> 56) return std::nullopt;  // would overflow 64 bits
      v = (v << 8) | p[i];
    }
    return v;
  }
  std::size_t i = 0;
  while (i < len && (p[i] == ' ' || p[i] == '\0')) ++i;
  std::uint64_t v = 0;
  for (; i < len && p[i] >= '0' && p[i] <= '7'; ++i) {
    if (v >> 60) return std::nullopt;
    v = (v << 3) | (p[i] - '0');
  }
  for (; i < len; ++i) {
    if (p[i] != ' ' && p[i] != '\0') return std::nullopt;
  }
  return v;
}

bool all_zero(const char* block) {
  return std::all_of(block, block + kBlockSize, [](char c) { return c == '\0'; });
}

bool checksum_ok(const char* block) {
  auto stored = number(block, kChksum, 8);
  if (!stored) return false;
  std::uint64_t unsigned_sum = 0;
  std::int64_t signed_sum = 0;
  for (std::size_t i = 0; i < kBlockSize; ++i) {
    bool in_field = i >= kChksum && i < kChksum + 8;
    unsigned char u = in_field ? ' ' : static_cast<unsigned char>(block[i]);
    unsigned_sum += u;
    signed_sum += in_field ? ' ' : static_cast<signed char>(block[i]);  // some old tars summed signed bytes
  }
  return *stored == unsigned_sum || static_cast<std::int64_t>(*stored) == signed_sum;
}

Type type_of(char flag) {
  switch (flag) {
    case '0':
    case '\0':
    case '7':  // contiguous file: a regular file everywhere that matters
      return Type::kFile;
    case '1':
      return Type::kHardLink;
    case '2':
      return Type::kSymlink;
    case '3':
      return Type::kCharDevice;
    case '4':
      return Type::kBlockDevice;
    case '5':
      return Type::kDirectory;
    case '6':
      return Type::kFifo;
    default:
      return Type::kOther;
  }
}

bool header_only(Type t) { return t != Type::kFile && t != Type::kOther; }

std::optional<std::uint64_t> decimal(std::string_view s) {
  if (s.empty() || s.size() > 19) return std::nullopt;
  std::uint64_t v = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return std::nullopt;
    v = v * 10 + static_cast<std::uint64_t>(c - '0');
  }
  return v;
}

// Overrides a pax `x` header carries for the next entry.
struct Pax {
  std::optional<std::string> path, linkpath, uname, gname;
  std::optional<std::uint64_t> size, uid, gid;
  std::optional<std::int64_t> mtime;
};

// Parses "<len> <key>=<value>\n" records. Unknown keys are ignored, as POSIX allows.
core::Result<Pax> parse_pax(std::string_view data, std::uint64_t offset) {
  Pax pax;
  while (!data.empty()) {
    if (data.front() == '\0') break;  // some writers pad the record block with NULs
    auto space = data.find(' ');
    if (space == std::string_view::npos || space > 20) return malformed(offset, "pax record without a length");
    auto len = decimal(data.substr(0, space));
    if (!len || *len <= space + 1 || *len > data.size()) return malformed(offset, "pax record length is wrong");
    std::string_view record = data.substr(0, static_cast<std::size_t>(*len));
    data.remove_prefix(static_cast<std::size_t>(*len));
    if (record.back() != '\n') return malformed(offset, "pax record does not end with a newline");
    record = record.substr(space + 1, record.size() - space - 2);
    auto eq = record.find('=');
    if (eq == std::string_view::npos || eq == 0) return malformed(offset, "pax record without key=value");
    std::string_view key = record.substr(0, eq), value = record.substr(eq + 1);
    auto number_of = [&](std::optional<std::uint64_t>& into) -> core::Result<void> {
      auto v = decimal(value);
      if (!v) return malformed(offset, "pax " + std::string(key) + " is not a number");
      into = v;
      return core::ok();
    };
    if (key == "path") {
      pax.path = std::string(value);
    } else if (key == "linkpath") {
      pax.linkpath = std::string(value);
    } else if (key == "uname") {
      pax.uname = std::string(value);
    } else if (key == "gname") {
      pax.gname = std::string(value);
    } else if (key == "size") {
      if (auto r = number_of(pax.size); !r) return r.failure();
    } else if (key == "uid") {
      if (auto r = number_of(pax.uid); !r) return r.failure();
    } else if (key == "gid") {
      if (auto r = number_of(pax.gid); !r) return r.failure();
    } else if (key == "mtime") {
      // Seconds, maybe negative, maybe with a fraction (dropped).
      std::string_view whole = value.substr(0, value.find('.'));
      bool negative = !whole.empty() && whole.front() == '-';
      if (negative) whole.remove_prefix(1);
      auto v = decimal(whole);
      if (!v || *v > static_cast<std::uint64_t>(INT64_MAX)) return malformed(offset, "pax mtime is not a time");
      pax.mtime = negative ? -static_cast<std::int64_t>(*v) : static_cast<std::int64_t>(*v);
    }
  }
  return pax;
}

}  // namespace

Reader::Reader(ByteSource& in, Limits limits) : in_(in), limits_(limits) {}

core::Result<void> Reader::read_block(char* block, std::string_view what) {
  if (auto r = read_exact(in_, block, kBlockSize, "oci.tar.truncated", what); !r) return r;
  offset_ += kBlockSize;
  return core::ok();
}

core::Result<void> Reader::skip_rest() {
  std::uint64_t n = remaining_ + pad_;
  if (n > 0) {
    if (auto r = skip_exact(in_, n, "oci.tar.truncated", "tar entry data"); !r) return r;
    offset_ += n;
  }
  remaining_ = 0;
  pad_ = 0;
  return core::ok();
}

core::Result<std::string> Reader::read_extension(std::uint64_t size, std::string_view what) {
  if (size > limits_.max_extended_header) {
    return core::fail("oci.limit", "tar " + std::string(what) + " at byte " + std::to_string(offset_) + " has " +
                                       std::to_string(size) + " bytes, more than the limit of " +
                                       std::to_string(limits_.max_extended_header));
  }
  std::string data(static_cast<std::size_t>(size), '\0');
  if (auto r = read_exact(in_, data.data(), data.size(), "oci.tar.truncated", what); !r) return r.failure();
  std::uint64_t pad = padding(size);
  if (auto r = skip_exact(in_, pad, "oci.tar.truncated", what); !r) return r.failure();
  offset_ += size + pad;
  return data;
}

core::Result<std::optional<Header>> Reader::next() {
  if (done_) return std::optional<Header>();
  if (auto r = skip_rest(); !r) return r.failure();

  Pax pax;
  std::optional<std::string> gnu_name, gnu_link;
  bool extended = false;  // an extension header was read: an entry must follow
  std::array<char, kBlockSize> block;
  while (true) {
    const std::uint64_t at = offset_;
    // The end: a zero block, or the end of the stream exactly on a block boundary.
    std::size_t got = 0;
    while (got < kBlockSize) {
      auto n = in_.read(block.data() + got, kBlockSize - got);
      if (!n) return n.failure();
      if (*n == 0) break;
      got += *n;
    }
    if (got == 0 && !extended) {
      done_ = true;
      return std::optional<Header>();
    }
    if (got < kBlockSize)
      return core::fail("oci.tar.truncated", "tar header at byte " + std::to_string(at) + " is truncated");
    offset_ += kBlockSize;
    if (all_zero(block.data())) {
      if (extended) return malformed(at, "an extended header is followed by the end of the archive");
      done_ = true;
      return std::optional<Header>();
    }
    if (!checksum_ok(block.data())) return malformed(at, "checksum does not match (not a tar file, or corrupt)");
    if (++entries_ > limits_.max_entries) {
      return core::fail("oci.limit", "tar archive has more than " + std::to_string(limits_.max_entries) + " entries");
    }

    const char flag = block[kTypeflag];
    auto size = number(block.data(), kSize, 12);
    if (!size) return malformed(at, "size field is not a number");

    if (flag == 'x' || flag == 'g' || flag == 'L' || flag == 'K') {
      auto data = read_extension(*size, flag == 'L' || flag == 'K' ? "GNU long name" : "pax header");
      if (!data) return data.failure();
      if (flag != 'g') extended = true;
      if (flag == 'x') {
        auto parsed = parse_pax(*data, at);
        if (!parsed) return parsed.failure();
        pax = std::move(*parsed);
      } else if (flag == 'L' || flag == 'K') {
        std::string value = data->substr(0, data->find('\0'));
        (flag == 'L' ? gnu_name : gnu_link) = std::move(value);
      }  // 'g': global records apply to the whole archive; none of them matters here.
      continue;
    }

    Header h;
    h.raw_type = flag;
    h.type = type_of(flag);
    const bool ustar = std::memcmp(block.data() + kMagic, "ustar\0", 6) == 0;  // POSIX, not GNU's "ustar  \0"
    std::string name = text(block.data(), kName, 100);
    if (ustar) {
      std::string prefix = text(block.data(), kPrefix, 155);
      if (!prefix.empty()) name = prefix + "/" + name;
    }
    h.path = pax.path ? *pax.path : gnu_name ? *gnu_name : name;
    h.link = pax.linkpath ? *pax.linkpath : gnu_link ? *gnu_link : text(block.data(), kLinkname, 100);
    h.uname = pax.uname ? *pax.uname : text(block.data(), kUname, 32);
    h.gname = pax.gname ? *pax.gname : text(block.data(), kGname, 32);
    auto mode = number(block.data(), kMode, 8);
    auto uid = number(block.data(), kUid, 8);
    auto gid = number(block.data(), kGid, 8);
    auto mtime = number(block.data(), kMtime, 12);
    if (!mode || !uid || !gid || !mtime) return malformed(at, "a numeric field is not a number");
    h.mode = static_cast<std::uint32_t>(*mode & 07777);
    h.uid = pax.uid.value_or(*uid);
    h.gid = pax.gid.value_or(*gid);
    h.mtime = pax.mtime ? *pax.mtime : static_cast<std::int64_t>(std::min<std::uint64_t>(*mtime, INT64_MAX));
    if (h.type == Type::kCharDevice || h.type == Type::kBlockDevice) {
      auto major = number(block.data(), kDevMajor, 8);
      auto minor = number(block.data(), kDevMinor, 8);
      if (!major || !minor) return malformed(at, "a device number is not a number");
      h.dev_major = static_cast<std::uint32_t>(std::min<std::uint64_t>(*major, UINT32_MAX));
      h.dev_minor = static_cast<std::uint32_t>(std::min<std::uint64_t>(*minor, UINT32_MAX));
    }
    std::uint64_t data_size = pax.size.value_or(*size);
    h.size = header_only(h.type) ? 0 : data_size;

    while (h.path.size() > 1 && h.path.back() == '/') h.path.pop_back();
    if (h.path.empty()) return malformed(at, "entry has an empty name");
    if (h.path.size() > limits_.max_path || h.link.size() > limits_.max_path) {
      return core::fail("oci.limit", "tar entry at byte " + std::to_string(at) + " has a name longer than " +
                                         std::to_string(limits_.max_path) + " bytes");
    }
    if (h.size > limits_.max_entry_size) {
      return core::fail("oci.limit", "tar entry " + h.path + " has " + std::to_string(h.size) +
                                         " bytes, more than the limit of " + std::to_string(limits_.max_entry_size));
    }
    remaining_ = h.size;
    pad_ = padding(h.size);
    return std::optional<Header>(std::move(h));
  }
}

core::Result<std::size_t> Reader::read(char* buffer, std::size_t size) {
  std::size_t want = static_cast<std::size_t>(std::min<std::uint64_t>(size, remaining_));
  if (want == 0) return std::size_t{0};
  auto n = in_.read(buffer, want);
  if (!n) return n.failure();
  if (*n == 0) return core::fail("oci.tar.truncated", "tar entry data is truncated");
  remaining_ -= *n;
  offset_ += *n;
  return *n;
}

core::Result<void> Reader::read_all(std::string& out, std::uint64_t max_bytes) {
  if (remaining_ > max_bytes) {
    return core::fail("oci.limit", "tar entry has " + std::to_string(remaining_) + " bytes, more than the limit of " +
                                       std::to_string(max_bytes));
  }
  std::size_t start = out.size();
  out.resize(start + static_cast<std::size_t>(remaining_));
  std::size_t at = start;
  while (remaining_ > 0) {
    auto n = read(out.data() + at, out.size() - at);
    if (!n) {
      out.resize(start);
      return n.failure();
    }
    at += *n;
  }
  return core::ok();
}

}  // namespace hoplite::oci::tar
