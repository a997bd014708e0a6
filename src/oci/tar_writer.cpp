// Writing tar headers (see tar.hpp for the exact layout and why).
#include <algorithm>
#include <cstring>
#include <stdexcept>

#include "hoplite/oci/tar.hpp"
#include "oci/tar_header.hpp"

namespace hoplite::oci::tar {
namespace {

using namespace header;  // NOLINT(google-build-using-namespace): the field offsets read as names

constexpr std::uint64_t kMax6 = 0777777;           // 6 octal digits
constexpr std::uint64_t kMax11 = 077777777777ULL;  // 11 octal digits (8 GiB - 1)

char typeflag(Type t) {
  switch (t) {
    case Type::kFile:
      return '0';
    case Type::kHardLink:
      return '1';
    case Type::kSymlink:
      return '2';
    case Type::kCharDevice:
      return '3';
    case Type::kBlockDevice:
      return '4';
    case Type::kDirectory:
      return '5';
    case Type::kFifo:
      return '6';
    case Type::kOther:
      break;
  }
  throw std::invalid_argument("tar: cannot write an entry of an unknown type");
}

// `digits` octal digits, zero-padded, then `tail` (" \0" or " "), as libarchive writes them.
void octal(char* block, std::size_t at, std::uint64_t value, int digits, std::string_view tail) {
  for (int i = digits - 1; i >= 0; --i) {
    block[at + static_cast<std::size_t>(i)] = static_cast<char>('0' + (value & 7));
    value >>= 3;
  }
  std::memcpy(block + at + static_cast<std::size_t>(digits), tail.data(), tail.size());
}

void put(char* block, std::size_t at, std::string_view text, std::size_t max) {
  // std::copy_n, not memcpy: an empty string_view may hold a null data(), which memcpy must not get.
  std::copy_n(text.data(), std::min(text.size(), max), block + at);
}

void checksum(char* block) {
  std::memset(block + kChksum, ' ', 8);
  unsigned sum = 0;
  for (std::size_t i = 0; i < kBlockSize; ++i) sum += static_cast<unsigned char>(block[i]);
  octal(block, kChksum, sum, 6, std::string_view("\0 ", 2));
}

// One pax record: "<len> <key>=<value>\n", where <len> counts the whole record, itself included.
std::string pax_record(std::string_view key, std::string_view value) {
  const std::size_t rest = 1 + key.size() + 1 + value.size() + 1;  // " key=value\n"
  std::size_t len = rest + 1;
  while (std::to_string(len).size() + rest != len) len = std::to_string(len).size() + rest;
  std::string r = std::to_string(len);
  r += ' ';
  r += key;
  r += '=';
  r += value;
  r += '\n';
  return r;
}

// ustar's split of a long path into prefix and name at a '/', when one exists.
bool split_path(std::string_view path, std::string_view& prefix, std::string_view& name) {
  if (path.size() <= kNameLen) {
    prefix = {};
    name = path;
    return true;
  }
  // The first '/' that leaves a name of at most 100 bytes gives the longest name; the prefix
  // must fit 155 bytes and the name must not be empty.
  for (std::size_t slash = path.find('/'); slash != std::string_view::npos; slash = path.find('/', slash + 1)) {
    if (path.size() - slash - 1 > kNameLen) continue;
    if (slash > kPrefixLen || slash + 1 >= path.size()) return false;
    prefix = path.substr(0, slash);
    name = path.substr(slash + 1);
    return true;
  }
  return false;
}

std::string base_name(std::string_view path) {
  while (!path.empty() && path.back() == '/') path.remove_suffix(1);
  auto slash = path.rfind('/');
  return std::string(slash == std::string_view::npos ? path : path.substr(slash + 1));
}

}  // namespace

std::string encode_header(const Header& h) {
  if (h.path.empty()) throw std::invalid_argument("tar: an entry needs a path");
  if (h.mode > 07777) throw std::invalid_argument("tar: mode " + std::to_string(h.mode) + " is more than 07777");
  const char flag = typeflag(h.type);
  const std::string path = h.type == Type::kDirectory ? h.path + "/" : h.path;
  const std::uint64_t size = h.type == Type::kFile ? h.size : 0;

  std::string records;
  std::string_view prefix, name;
  if (!split_path(path, prefix, name)) {
    records += pax_record("path", path);
    prefix = {};
    name = std::string_view(path).substr(0, kNameLen);
  }
  std::string_view link = h.link;
  if (link.size() > kLinknameLen) {
    records += pax_record("linkpath", link);
    link = link.substr(0, kLinknameLen);
  }
  const bool big_size = size > kMax11;
  const bool big_uid = h.uid > kMax6;
  const bool big_gid = h.gid > kMax6;
  const bool odd_mtime = h.mtime < 0 || static_cast<std::uint64_t>(h.mtime) > kMax11;
  if (big_size) records += pax_record("size", std::to_string(size));
  if (big_uid) records += pax_record("uid", std::to_string(h.uid));
  if (big_gid) records += pax_record("gid", std::to_string(h.gid));
  if (odd_mtime) records += pax_record("mtime", std::to_string(h.mtime));

  std::string out;
  if (!records.empty()) {
    out.assign(kBlockSize, '\0');
    char* x = out.data();
    put(x, kName, ("PaxHeader/" + base_name(path)).substr(0, kNameLen), kNameLen);
    octal(x, kMode, 0644, 6, std::string_view(" \0", 2));
    octal(x, kUid, 0, 6, std::string_view(" \0", 2));
    octal(x, kGid, 0, 6, std::string_view(" \0", 2));
    octal(x, kSize, records.size(), 11, " ");
    octal(x, kMtime, odd_mtime ? 0 : static_cast<std::uint64_t>(h.mtime), 11, " ");
    x[kTypeflag] = 'x';
    std::memcpy(x + kMagic,
                "ustar\0"
                "00",
                8);
    octal(x, kDevMajor, 0, 6, std::string_view(" \0", 2));
    octal(x, kDevMinor, 0, 6, std::string_view(" \0", 2));
    checksum(x);
    out += records;
    out.append(padding(records.size()), '\0');
  }

  std::string block(kBlockSize, '\0');
  char* b = block.data();
  put(b, kName, name, kNameLen);
  put(b, kPrefix, prefix, kPrefixLen);
  octal(b, kMode, h.mode, 6, std::string_view(" \0", 2));
  octal(b, kUid, big_uid ? 0 : h.uid, 6, std::string_view(" \0", 2));
  octal(b, kGid, big_gid ? 0 : h.gid, 6, std::string_view(" \0", 2));
  octal(b, kSize, big_size ? 0 : size, 11, " ");
  octal(b, kMtime, odd_mtime ? 0 : static_cast<std::uint64_t>(h.mtime), 11, " ");
  b[kTypeflag] = flag;
  put(b, kLinkname, link, kLinknameLen);
  std::memcpy(b + kMagic,
              "ustar\0"
              "00",
              8);
  octal(b, kDevMajor, h.dev_major, 6, std::string_view(" \0", 2));
  octal(b, kDevMinor, h.dev_minor, 6, std::string_view(" \0", 2));
  checksum(b);
  out += block;
  return out;
}

std::string_view end_of_archive() {
  static const std::string zeros(2 * kBlockSize, '\0');
  return zeros;
}

}  // namespace hoplite::oci::tar
