#include "hoplite/oci/layer_writer.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <stdexcept>
#include <vector>

#include "hoplite/core/clock.hpp"
#include "hoplite/core/sha256.hpp"
#include "hoplite/oci/tar.hpp"

namespace hoplite::oci {
namespace {

namespace fs = std::filesystem;

// Host files are read in pieces of this size: large enough for few syscalls, small enough that
// memory does not grow with the files.
constexpr std::size_t kReadPiece = std::size_t{1} << 20;

// Bumped whenever the tar bytes for the same entries change, so old cache entries stop matching.
constexpr std::string_view kTarFormatVersion = "hoplite-tar-1";

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

// Appends a length-prefixed field, so that no two different recipes hash the same.
void field(std::string& key, std::string_view value) {
  key += std::to_string(value.size());
  key += ':';
  key += value;
  key += ';';
}

}  // namespace

LayerWriter::LayerWriter(LayerOptions options) : options_(std::move(options)) {
  mtime_ = options_.mtime ? *options_.mtime : core::build_epoch_seconds();
  if (options_.media_type.empty()) options_.media_type = std::string(layer_media_type(options_.compression));
}

LayerWriter& LayerWriter::add_file(std::string_view path, std::string contents, int mode) {
  return add_file(path, FileContent::of(std::move(contents)), mode);
}

LayerWriter& LayerWriter::add_file(std::string_view path, FileContent content, int mode) {
  entries_[normalise(path)] = Entry{Kind::kFile, std::move(content), {}, mode};
  return *this;
}

core::Result<void> LayerWriter::add_file_from(std::string_view path, const fs::path& host_path, int mode) {
  auto file = HostFile::open(host_path);
  if (!file) return file.failure();
  add_file(path, FileContent::whole(std::move(*file)), mode);
  return core::ok();
}

LayerWriter& LayerWriter::add_directory(std::string_view path, int mode) {
  entries_[normalise(path)] = Entry{Kind::kDirectory, {}, {}, mode};
  return *this;
}

LayerWriter& LayerWriter::add_symlink(std::string_view path, std::string target) {
  entries_[normalise(path)] = Entry{Kind::kSymlink, {}, std::move(target), 0777};
  return *this;
}

std::string LayerWriter::recipe_key() const {
  std::string key;
  field(key, kTarFormatVersion);
  field(key, std::to_string(mtime_));
  field(key, std::to_string(options_.uid));
  field(key, std::to_string(options_.gid));
  field(key, std::to_string(options_.directory_mode));
  for (const auto& [path, e] : entries_) {
    field(key, path);
    field(key, std::to_string(static_cast<int>(e.kind)));
    field(key, std::to_string(e.mode));
    field(key, e.link);
    for (const auto& piece : e.content.pieces) {
      if (piece.file) {
        field(key, piece.file->identity());
        field(key, std::to_string(piece.offset));
        field(key, std::to_string(piece.length));
      } else {
        field(key, core::sha256_hex(piece.bytes));
      }
    }
  }
  return core::sha256_hex(key);
}

core::Result<void> LayerWriter::write_tar(const CompressedSink& sink) const {
  // Every parent directory of every entry, explicit or implicit, in one sorted list. Sorting the
  // full paths byte-wise puts each directory before its children ("a" < "a/b").
  const Entry implicit_dir{Kind::kDirectory, {}, {}, options_.directory_mode};
  std::map<std::string, const Entry*> all;
  for (const auto& [path, entry] : entries_) {
    all[path] = &entry;
    for (auto slash = path.find('/'); slash != std::string::npos; slash = path.find('/', slash + 1)) {
      all.try_emplace(path.substr(0, slash), &implicit_dir);
    }
  }

  std::vector<char> buffer;
  for (const auto& [path, entry_ptr] : all) {
    const Entry& entry = *entry_ptr;
    tar::Header h;
    h.path = path;
    h.uid = static_cast<std::uint64_t>(options_.uid);
    h.gid = static_cast<std::uint64_t>(options_.gid);
    h.mtime = mtime_;
    h.mode = static_cast<std::uint32_t>(entry.mode & 07777);
    switch (entry.kind) {
      case Kind::kFile:
        h.type = tar::Type::kFile;
        h.size = entry.content.size();
        break;
      case Kind::kDirectory:
        h.type = tar::Type::kDirectory;
        break;
      case Kind::kSymlink:
        h.type = tar::Type::kSymlink;
        h.mode = 0777;
        h.link = entry.link;
        break;
    }
    if (auto r = sink(tar::encode_header(h)); !r) return r;
    if (entry.kind != Kind::kFile) continue;
    for (const auto& piece : entry.content.pieces) {
      if (!piece.file) {
        if (!piece.bytes.empty()) {
          if (auto r = sink(piece.bytes); !r) return r;
        }
        continue;
      }
      if (buffer.empty()) buffer.resize(kReadPiece);
      for (std::uint64_t done = 0; done < piece.length;) {
        std::size_t n = static_cast<std::size_t>(std::min<std::uint64_t>(buffer.size(), piece.length - done));
        if (auto r = piece.file->read_at(piece.offset + done, buffer.data(), n); !r) return r;
        if (auto r = sink(std::string_view(buffer.data(), n)); !r) return r;
        done += n;
      }
    }
    if (auto pad = tar::padding(h.size); pad > 0) {
      if (auto r = sink(tar::end_of_archive().substr(0, static_cast<std::size_t>(pad))); !r) return r;
    }
  }
  return sink(tar::end_of_archive());
}

core::Result<Digest> LayerWriter::diff_id() const {
  core::Sha256 hash;
  auto r = write_tar([&](std::string_view b) {
    hash.update(b);
    return core::ok();
  });
  if (!r) return r.failure();
  return Digest::from_sha256_hex(hash.finish_hex());
}

namespace {

// Where compressed bytes go: memory, or a temporary file renamed to its digest at the end.
class BlobSink {
 public:
  explicit BlobSink(const fs::path& dir) : dir_(dir) {}
  ~BlobSink() {
    if (fd_ >= 0) {
      ::close(fd_);
      ::unlink(tmp_.c_str());
    }
  }
  BlobSink(const BlobSink&) = delete;
  BlobSink& operator=(const BlobSink&) = delete;

  core::Result<void> open() {
    if (dir_.empty()) return core::ok();
    std::error_code ec;
    fs::create_directories(dir_, ec);
    if (ec) return core::fail("io.write", "creating " + dir_.string() + ": " + ec.message());
    tmp_ = (dir_ / ".blob.tmp-XXXXXX").string();
    fd_ = ::mkstemp(tmp_.data());
    if (fd_ < 0)
      return core::fail("io.write", "cannot create a file in " + dir_.string() + ": " + std::strerror(errno));
    return core::ok();
  }

  core::Result<void> write(std::string_view data) {
    hash_.update(data);
    size_ += data.size();
    if (fd_ < 0) {
      memory_ += data;
      return core::ok();
    }
    while (!data.empty()) {
      ssize_t n = ::write(fd_, data.data(), data.size());
      if (n < 0) {
        if (errno == EINTR) continue;
        return core::fail("io.write", "cannot write " + tmp_ + ": " + std::strerror(errno));
      }
      data.remove_prefix(static_cast<std::size_t>(n));
    }
    return core::ok();
  }

  // The finished layer: renamed into `<dir>/<hex>` and mapped, or the bytes in memory.
  core::Result<Layer> finish(Digest diff_id, const std::string& media_type) {
    Digest digest = Digest::from_sha256_hex(hash_.finish_hex());
    if (fd_ < 0) return Layer::from_parts(std::move(memory_), std::move(digest), std::move(diff_id), media_type);
    ::fchmod(fd_, 0644);
    int rc = ::close(fd_);
    fd_ = -1;
    fs::path target = dir_ / std::string(digest.encoded());
    if (rc != 0 || ::rename(tmp_.c_str(), target.c_str()) != 0) {
      int err = errno;
      ::unlink(tmp_.c_str());
      return core::fail("io.write", "cannot store blob " + target.string() + ": " + std::strerror(err));
    }
    return Layer::from_file(target, std::move(digest), std::move(diff_id), media_type);
  }

 private:
  fs::path dir_;
  std::string tmp_;
  int fd_ = -1;
  std::string memory_;
  core::Sha256 hash_;
  std::uint64_t size_ = 0;
};

}  // namespace

core::Result<Layer> LayerWriter::build(const LayerOutput& output) const {
  BlobSink blob(output.blob_dir);
  if (auto r = blob.open(); !r) return r.failure();
  ParallelCompressor compressor({options_.compression, options_.level, options_.threads},
                                [&](std::string_view b) { return blob.write(b); });
  core::Sha256 tar_hash;
  const bool hash_tar = !output.diff_id.has_value();
  auto streamed = write_tar([&](std::string_view b) {
    if (hash_tar) tar_hash.update(b);
    return compressor.write(b);
  });
  if (!streamed) return streamed.failure();
  if (auto r = compressor.finish(); !r) return r.failure();
  Digest diff_id = hash_tar ? Digest::from_sha256_hex(tar_hash.finish_hex()) : *output.diff_id;
  return blob.finish(std::move(diff_id), options_.media_type);
}

std::string LayerWriter::tar() const {
  std::string out;
  write_tar([&](std::string_view b) {
    out += b;
    return core::ok();
  }).value();
  return out;
}

Layer LayerWriter::finish() const { return build().value(); }

}  // namespace hoplite::oci
