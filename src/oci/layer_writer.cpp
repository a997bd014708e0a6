#include "hoplite/oci/layer_writer.hpp"

#include <archive.h>
#include <archive_entry.h>
#include <zlib.h>

#include <algorithm>
#include <memory>
#include <set>
#include <stdexcept>

#include "hoplite/core/clock.hpp"
#include "hoplite/core/file.hpp"

namespace hoplite::oci {
namespace {

// `/a//b/./c/` -> `a/b/c`. Image paths are absolute in spirit; tar entries are relative.
std::string normalise(std::string_view path) {
  std::string out;
  std::size_t i = 0;
  while (i < path.size()) {
    while (i < path.size() && path[i] == '/') ++i;
    std::size_t j = path.find('/', i);
    if (j == std::string_view::npos) j = path.size();
    std::string_view part = path.substr(i, j - i);
    if (!part.empty() && part != ".") {
      if (part == "..") throw std::invalid_argument("layer path must not contain '..': " + std::string(path));
      if (!out.empty()) out += '/';
      out += part;
    }
    i = j;
  }
  if (out.empty()) throw std::invalid_argument("layer path is empty: '" + std::string(path) + "'");
  return out;
}

struct ArchiveDeleter {
  void operator()(archive* a) const { archive_write_free(a); }
};
struct EntryDeleter {
  void operator()(archive_entry* e) const { archive_entry_free(e); }
};

la_ssize_t append_to_string(archive*, void* client, const void* buffer, size_t length) {
  static_cast<std::string*>(client)->append(static_cast<const char*>(buffer), length);
  return static_cast<la_ssize_t>(length);
}

void check(archive* a, int rc, const char* what) {
  if (rc < ARCHIVE_OK) {
    // Writing to memory cannot fail for reasons of the environment; a failure here is a bug.
    throw std::runtime_error(std::string("libarchive ") + what + ": " + archive_error_string(a));
  }
}

}  // namespace

LayerWriter::LayerWriter(LayerOptions options) : options_(std::move(options)) {
  mtime_ = options_.mtime ? *options_.mtime : core::build_epoch_seconds();
  if (options_.media_type.empty()) options_.media_type = std::string(options_.gzip ? kOciLayerGzip : kOciLayer);
}

LayerWriter& LayerWriter::add_file(std::string_view path, std::string contents, int mode) {
  entries_[normalise(path)] = Entry{Kind::kFile, std::move(contents), mode};
  return *this;
}

core::Result<void> LayerWriter::add_file_from(std::string_view path, const std::filesystem::path& host_path, int mode) {
  auto bytes = core::read_file(host_path);
  if (!bytes) return bytes.failure();
  add_file(path, std::move(*bytes), mode);
  return core::ok();
}

LayerWriter& LayerWriter::add_directory(std::string_view path, int mode) {
  entries_[normalise(path)] = Entry{Kind::kDirectory, {}, mode};
  return *this;
}

LayerWriter& LayerWriter::add_symlink(std::string_view path, std::string target) {
  entries_[normalise(path)] = Entry{Kind::kSymlink, std::move(target), 0777};
  return *this;
}

std::string LayerWriter::tar() const {
  // Every parent directory of every entry, explicit or implicit, in one sorted list. Sorting the
  // full paths byte-wise puts each directory before its children ("a" < "a/b").
  // Pointers, not copies: file contents can be tens of MB.
  const Entry implicit_dir{Kind::kDirectory, {}, options_.directory_mode};
  std::map<std::string, const Entry*> all;
  for (const auto& [path, entry] : entries_) {
    all[path] = &entry;
    for (auto slash = path.find('/'); slash != std::string::npos; slash = path.find('/', slash + 1)) {
      all.try_emplace(path.substr(0, slash), &implicit_dir);
    }
  }

  std::string out;
  std::unique_ptr<archive, ArchiveDeleter> a(archive_write_new());
  // pax_restricted: plain ustar headers, with pax extended headers only where ustar cannot say it
  // (long names, big files) — never atime/ctime.
  check(a.get(), archive_write_set_format_pax_restricted(a.get()), "format");
  check(a.get(), archive_write_add_filter_none(a.get()), "filter");
  check(a.get(), archive_write_set_bytes_in_last_block(a.get(), 1), "block");
  check(a.get(), archive_write_open2(a.get(), &out, nullptr, append_to_string, nullptr, nullptr), "open");

  std::unique_ptr<archive_entry, EntryDeleter> e(archive_entry_new());
  for (const auto& [path, entry_ptr] : all) {
    const Entry& entry = *entry_ptr;
    archive_entry_clear(e.get());
    archive_entry_set_uid(e.get(), options_.uid);
    archive_entry_set_gid(e.get(), options_.gid);
    archive_entry_set_mtime(e.get(), mtime_, 0);
    switch (entry.kind) {
      case Kind::kFile:
        archive_entry_set_pathname(e.get(), path.c_str());
        archive_entry_set_filetype(e.get(), AE_IFREG);
        archive_entry_set_perm(e.get(), static_cast<mode_t>(entry.mode & 07777));
        archive_entry_set_size(e.get(), static_cast<la_int64_t>(entry.data.size()));
        break;
      case Kind::kDirectory:
        archive_entry_set_pathname(e.get(), (path + "/").c_str());
        archive_entry_set_filetype(e.get(), AE_IFDIR);
        archive_entry_set_perm(e.get(), static_cast<mode_t>(entry.mode & 07777));
        archive_entry_set_size(e.get(), 0);
        break;
      case Kind::kSymlink:
        archive_entry_set_pathname(e.get(), path.c_str());
        archive_entry_set_filetype(e.get(), AE_IFLNK);
        archive_entry_set_perm(e.get(), 0777);
        archive_entry_set_symlink(e.get(), entry.data.c_str());
        archive_entry_set_size(e.get(), 0);
        break;
    }
    check(a.get(), archive_write_header(a.get(), e.get()), "header");
    if (entry.kind == Kind::kFile && !entry.data.empty()) {
      la_ssize_t n = archive_write_data(a.get(), entry.data.data(), entry.data.size());
      if (n < 0 || static_cast<std::size_t>(n) != entry.data.size()) check(a.get(), ARCHIVE_FATAL, "data");
    }
  }
  check(a.get(), archive_write_close(a.get()), "close");
  return out;
}

Layer LayerWriter::finish() const {
  std::string t = tar();
  Digest diff_id = Digest::of(t);
  if (!options_.gzip) {
    Digest d = diff_id;
    return Layer::from_parts(std::move(t), std::move(d), std::move(diff_id), options_.media_type);
  }
  std::string blob = gzip_deterministic(t, options_.gzip_level);
  Digest digest = Digest::of(blob);
  return Layer::from_parts(std::move(blob), std::move(digest), std::move(diff_id), options_.media_type);
}

// zlib counts in uInt (32 bits): larger inputs are fed in slices of this size.
constexpr std::size_t kZlibSlice = std::size_t{1} << 30;

std::string gzip_deterministic(std::string_view data, int level) {
  z_stream zs{};
  if (deflateInit2(&zs, level, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK) {
    throw std::runtime_error("zlib deflateInit2 failed");
  }
  gz_header header{};
  header.time = 0;  // no timestamp
  header.os = 255;  // "unknown": the same byte on every build machine (Go's gzip writes 255 too)
  header.name = Z_NULL;
  header.comment = Z_NULL;
  header.extra = Z_NULL;
  deflateSetHeader(&zs, &header);
  std::string out;
  out.resize(std::min<std::size_t>(deflateBound(&zs, static_cast<uLong>(data.size())) + 64, kZlibSlice));
  std::size_t produced = 0;
  std::size_t consumed = 0;
  int rc = Z_OK;
  while (rc != Z_STREAM_END) {
    if (zs.avail_in == 0 && consumed < data.size()) {
      std::size_t n = std::min(kZlibSlice, data.size() - consumed);
      // zlib's API takes non-const input pointers but never writes through them.
      zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data() + consumed));
      zs.avail_in = static_cast<uInt>(n);
      consumed += n;
    }
    if (produced == out.size()) out.resize(out.size() + (out.size() / 2) + 4096);
    zs.next_out = reinterpret_cast<Bytef*>(out.data() + produced);
    zs.avail_out = static_cast<uInt>(std::min(out.size() - produced, kZlibSlice));
    const uInt room = zs.avail_out;
    rc = deflate(&zs, consumed == data.size() ? Z_FINISH : Z_NO_FLUSH);
    produced += room - zs.avail_out;
    if (rc != Z_OK && rc != Z_STREAM_END && rc != Z_BUF_ERROR) {
      deflateEnd(&zs);
      throw std::runtime_error("zlib deflate failed");
    }
  }
  deflateEnd(&zs);
  out.resize(produced);
  return out;
}

core::Result<std::string> gunzip(std::string_view data) {
  z_stream zs{};
  if (inflateInit2(&zs, 15 + 16) != Z_OK) return core::fail("oci.gzip", "zlib inflateInit2 failed");
  std::string out;
  char buf[1 << 16];
  std::size_t consumed = 0;
  int rc = Z_OK;
  while (true) {
    if (zs.avail_in == 0 && consumed < data.size()) {
      std::size_t n = std::min(kZlibSlice, data.size() - consumed);
      zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data() + consumed));
      zs.avail_in = static_cast<uInt>(n);
      consumed += n;
    }
    zs.next_out = reinterpret_cast<Bytef*>(buf);
    zs.avail_out = sizeof buf;
    rc = inflate(&zs, Z_NO_FLUSH);
    out.append(buf, sizeof buf - zs.avail_out);
    if (rc == Z_STREAM_END) {
      if (zs.avail_in == 0 && consumed == data.size()) break;
      inflateReset(&zs);  // concatenated gzip members (RFC 1952 allows them)
      continue;
    }
    if (rc != Z_OK) break;
    if (zs.avail_in == 0 && consumed == data.size() && zs.avail_out != 0) {
      rc = Z_DATA_ERROR;  // input ended before the stream did
      break;
    }
  }
  inflateEnd(&zs);
  if (rc != Z_STREAM_END) return core::fail("oci.gzip", "not valid gzip data (truncated or corrupt)");
  return out;
}

}  // namespace hoplite::oci
