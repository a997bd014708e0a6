#include "hoplite/oci/host_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

namespace hoplite::oci {

core::Result<std::shared_ptr<const HostFile>> HostFile::open(const std::filesystem::path& path) {
  // O_NONBLOCK: opening a FIFO must not wait for a writer; it is refused just below.
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
  if (fd < 0) return core::fail("io.read", "cannot open " + path.string() + ": " + std::strerror(errno));
  struct stat st {};
  if (::fstat(fd, &st) != 0) {
    int err = errno;
    ::close(fd);
    return core::fail("io.read", "cannot stat " + path.string() + ": " + std::strerror(err));
  }
  if (!S_ISREG(st.st_mode)) {
    ::close(fd);
    return core::fail("io.read", path.string() + " is not a regular file");
  }
  std::string identity = std::to_string(st.st_dev) + ":" + std::to_string(st.st_ino) + ":" +
                         std::to_string(st.st_size) + ":" + std::to_string(st.st_mtim.tv_sec) + "." +
                         std::to_string(st.st_mtim.tv_nsec);
  return std::shared_ptr<const HostFile>(
      new HostFile(path, fd, static_cast<std::uint64_t>(st.st_size), std::move(identity)));
}

HostFile::~HostFile() { ::close(fd_); }

core::Result<void> HostFile::read_at(std::uint64_t offset, char* buffer, std::size_t size) const {
  while (size > 0) {
    ssize_t n = ::pread(fd_, buffer, size, static_cast<off_t>(offset));
    if (n < 0) {
      if (errno == EINTR) continue;
      return core::fail("io.read", "cannot read " + path_.string() + ": " + std::strerror(errno));
    }
    if (n == 0) return core::fail("io.read", path_.string() + " changed while being read (it is shorter now)");
    buffer += n;
    offset += static_cast<std::uint64_t>(n);
    size -= static_cast<std::size_t>(n);
  }
  return core::ok();
}

core::Result<std::string> HostFile::read_string(std::uint64_t offset, std::size_t size) const {
  if (offset > size_ || size > size_ - offset) {
    return core::fail("io.read", path_.string() + ": " + std::to_string(size) + " bytes at " + std::to_string(offset) +
                                     " are past its end");
  }
  std::string out(size, '\0');
  if (auto r = read_at(offset, out.data(), size); !r) return r.failure();
  return out;
}

core::Result<std::size_t> HostFileSource::read(char* buffer, std::size_t size) {
  const std::size_t n = static_cast<std::size_t>(std::min<std::uint64_t>(size, file_->size() - offset_));
  if (n == 0) return std::size_t{0};
  if (auto r = file_->read_at(offset_, buffer, n); !r) return r.failure();
  offset_ += n;
  return n;
}

std::uint64_t FileContent::size() const {
  std::uint64_t n = 0;
  for (const auto& p : pieces) n += p.size();
  return n;
}

FileContent FileContent::whole(std::shared_ptr<const HostFile> file) {
  FileContent c;
  const std::uint64_t size = file->size();
  c.pieces.push_back(ContentPiece{std::move(file), 0, size, {}});
  return c;
}

FileContent FileContent::of(std::string bytes) {
  FileContent c;
  c.pieces.push_back(ContentPiece{nullptr, 0, 0, std::move(bytes)});
  return c;
}

}  // namespace hoplite::oci
