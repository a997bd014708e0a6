#include "local/store/blob_store.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <random>
#include <system_error>

#include "hoplite/core/hex.hpp"

namespace hoplite::local::store {
namespace {

core::Failure io_error(const std::string& what) {
  return core::fail(core::Error{"local.blob", what + ": " + std::strerror(errno), 500, false, {}});
}

std::string random_name() {
  thread_local std::mt19937_64 rng{std::random_device{}()};
  std::string raw(16, '\0');
  for (char& c : raw) c = static_cast<char>(rng() & 0xff);
  return core::to_hex(raw);
}

bool write_all(int fd, std::string_view bytes) {
  while (!bytes.empty()) {
    ssize_t n = ::write(fd, bytes.data(), bytes.size());
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    bytes.remove_prefix(static_cast<std::size_t>(n));
  }
  return true;
}

}  // namespace

bool is_sha256_hex(std::string_view digest) {
  if (digest.size() != 64) return false;
  for (char c : digest)
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  return true;
}

BlobStore::Writer::Writer(const BlobStore& store, int fd, std::filesystem::path tmp)
    : store_(&store), fd_(fd), tmp_(std::move(tmp)) {}

BlobStore::Writer::Writer(Writer&& other) noexcept
    : store_(other.store_),
      fd_(other.fd_),
      tmp_(std::move(other.tmp_)),
      hash_(std::move(other.hash_)),
      size_(other.size_),
      done_(other.done_) {
  other.fd_ = -1;
  other.done_ = true;
}

BlobStore::Writer::~Writer() {
  if (fd_ >= 0) ::close(fd_);
  if (!done_) {
    std::error_code ec;
    std::filesystem::remove(tmp_, ec);
  }
}

core::Result<void> BlobStore::Writer::append(std::string_view bytes) {
  if (done_) return core::fail("local.blob", "append after commit");
  if (!write_all(fd_, bytes)) return io_error("writing blob");
  hash_.update(bytes);
  size_ += bytes.size();
  return core::ok();
}

core::Result<BlobInfo> BlobStore::Writer::commit() { return commit({}); }

core::Result<BlobInfo> BlobStore::Writer::commit(std::string_view expected_digest) {
  if (done_ || fd_ < 0) return core::fail("local.blob", "commit twice");
  BlobInfo info{hash_.finish_hex(), size_};
  if (!expected_digest.empty() && info.digest != expected_digest) {
    ::close(fd_);
    fd_ = -1;
    std::error_code ec;
    std::filesystem::remove(tmp_, ec);
    done_ = true;
    return core::fail(core::Error{"local.blob_digest", "the bytes do not hash to the expected digest", 400, false, {}});
  }
  if (::close(fd_) != 0) {
    fd_ = -1;
    return io_error("closing blob");
  }
  fd_ = -1;
  auto target = *store_->path_of(info.digest);
  std::error_code ec;
  std::filesystem::create_directories(target.parent_path(), ec);
  if (ec)
    return core::fail(
        core::Error{"local.blob", "creating " + target.parent_path().string() + ": " + ec.message(), 500, false, {}});
  // rename() is atomic: readers see no file or the whole file. Replacing an identical blob is fine.
  if (::rename(tmp_.c_str(), target.c_str()) != 0) return io_error("moving blob into place");
  done_ = true;
  return info;
}

core::Result<BlobStore> BlobStore::open(const std::filesystem::path& dir) {
  std::error_code ec;
  std::filesystem::create_directories(dir / "sha256", ec);
  if (!ec) std::filesystem::create_directories(dir / "tmp", ec);
  if (ec) return core::fail("local.blob", "creating " + dir.string() + ": " + ec.message());
  // Unfinished writes of an earlier process: nothing refers to them.
  for (const auto& entry : std::filesystem::directory_iterator(dir / "tmp", ec)) std::filesystem::remove(entry, ec);
  return BlobStore(dir);
}

core::Result<BlobStore::Writer> BlobStore::create() const {
  auto tmp = dir_ / "tmp" / random_name();
  int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) return io_error("creating " + tmp.string());
  return Writer(*this, fd, tmp);
}

core::Result<BlobInfo> BlobStore::put(std::string_view bytes) const {
  auto w = create();
  if (!w) return w.failure();
  if (auto a = w->append(bytes); !a) return a.failure();
  return w->commit();
}

std::optional<std::filesystem::path> BlobStore::path_of(std::string_view digest) const {
  if (!is_sha256_hex(digest)) return std::nullopt;
  return dir_ / "sha256" / std::string(digest.substr(0, 2)) / std::string(digest);
}

bool BlobStore::contains(std::string_view digest) const { return size_of(digest).has_value(); }

std::optional<std::uint64_t> BlobStore::size_of(std::string_view digest) const {
  auto p = path_of(digest);
  if (!p) return std::nullopt;
  std::error_code ec;
  auto n = std::filesystem::file_size(*p, ec);
  if (ec) return std::nullopt;
  return n;
}

core::Result<http::BodyStream> BlobStore::stream(std::string_view digest, std::uint64_t offset,
                                                 std::uint64_t length) const {
  auto p = path_of(digest);
  auto size = size_of(digest);
  if (!p || !size) return core::fail(core::Error{"local.blob", "no blob " + std::string(digest), 404, false, {}});
  if (offset > *size || length > *size - offset)
    return core::fail(core::Error{"local.blob", "range outside the blob", 416, false, {}});
  std::string path = p->string();
  http::BodyStream s;
  s.size = length;
  s.open = [path, offset, length]() -> http::BodyReader {
    // The descriptor lives as long as the reader; a shared_ptr closes it when the reader goes.
    auto fd = std::shared_ptr<int>(new int(::open(path.c_str(), O_RDONLY | O_CLOEXEC)), [](int* f) {
      if (*f >= 0) ::close(*f);
      delete f;
    });
    auto pos = std::make_shared<std::uint64_t>(offset);
    const std::uint64_t end = offset + length;
    return [fd, pos, end](char* buf, std::size_t max) -> std::int64_t {
      if (*fd < 0) return -1;
      if (*pos >= end) return 0;
      std::size_t want = static_cast<std::size_t>(std::min<std::uint64_t>(max, end - *pos));
      ssize_t n;
      do {
        n = ::pread(*fd, buf, want, static_cast<off_t>(*pos));
      } while (n < 0 && errno == EINTR);
      if (n <= 0) return -1;  // a blob shorter than recorded is an error, never a short body
      *pos += static_cast<std::uint64_t>(n);
      return n;
    };
  };
  return s;
}

core::Result<std::string> BlobStore::read(std::string_view digest, std::uint64_t max) const {
  auto size = size_of(digest);
  if (!size) return core::fail(core::Error{"local.blob", "no blob " + std::string(digest), 404, false, {}});
  if (*size > max)
    return core::fail(core::Error{"local.blob", "blob larger than " + std::to_string(max), 413, false, {}});
  auto s = stream(digest, 0, *size);
  if (!s) return s.failure();
  std::string out(static_cast<std::size_t>(*size), '\0');
  auto reader = s->open();
  std::size_t got = 0;
  while (got < out.size()) {
    std::int64_t n = reader(out.data() + got, out.size() - got);
    if (n <= 0) return io_error("reading blob " + std::string(digest));
    got += static_cast<std::size_t>(n);
  }
  return out;
}

core::Result<void> BlobStore::remove(std::string_view digest) const {
  auto p = path_of(digest);
  if (!p) return core::fail(core::Error{"local.blob", "malformed digest", 400, false, {}});
  std::error_code ec;
  std::filesystem::remove(*p, ec);
  if (ec) return core::fail("local.blob", "removing " + p->string() + ": " + ec.message());
  return core::ok();
}

}  // namespace hoplite::local::store
