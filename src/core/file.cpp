#include "hoplite/core/file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <random>

#include <fmt/format.h>

namespace hoplite::core {

namespace {

Failure io_error(std::string code, std::string_view what, const std::filesystem::path& path, int err) {
  return fail(std::move(code), fmt::format("{} {}: {}", what, path.string(), std::strerror(err)));
}

const char* kind_of(mode_t mode) {
  if (S_ISLNK(mode)) return "a symbolic link";
  if (S_ISDIR(mode)) return "a directory";
  if (S_ISFIFO(mode)) return "a FIFO";
  if (S_ISSOCK(mode)) return "a socket";
  if (S_ISCHR(mode)) return "a character device";
  if (S_ISBLK(mode)) return "a block device";
  return "not a regular file";
}

/// Closes a file descriptor when it goes out of scope.
struct Fd {
  int fd = -1;
  ~Fd() {
    if (fd >= 0) ::close(fd);
  }
};

}  // namespace

Result<std::string> read_file(const std::filesystem::path& path, std::size_t max_bytes) {
  // O_NONBLOCK: opening a FIFO for reading must not wait for a writer.
  Fd f{::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY)};
  if (f.fd < 0) return io_error("io.read", "cannot open", path, errno);
  struct stat st {};
  if (::fstat(f.fd, &st) != 0) return io_error("io.read", "cannot read", path, errno);
  // /dev/null reads as an empty file: `AWS_CONFIG_FILE=/dev/null` is how people say "no config".
  if (S_ISCHR(st.st_mode) && st.st_rdev == makedev(1, 3)) return std::string{};
  if (!S_ISREG(st.st_mode))
    return fail("io.read",
                fmt::format("cannot read {}: it is {}, not a regular file", path.string(), kind_of(st.st_mode)));
  if (static_cast<std::uint64_t>(st.st_size) > max_bytes)
    return fail("io.read", fmt::format("cannot read {}: it is {} bytes, more than the {} accepted", path.string(),
                                       st.st_size, max_bytes));
  std::string out;
  out.resize(static_cast<std::size_t>(st.st_size));
  std::size_t got = 0;
  while (true) {
    if (got == out.size()) {
      // The file may have grown since fstat: keep reading, within the cap.
      if (out.size() > max_bytes) break;
      out.resize(std::min(max_bytes + 1, out.size() + 65536));
    }
    ssize_t n = ::read(f.fd, out.data() + got, out.size() - got);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return io_error("io.read", "cannot read", path, errno);
    if (n == 0) break;
    got += static_cast<std::size_t>(n);
  }
  if (got > max_bytes)
    return fail("io.read",
                fmt::format("cannot read {}: it is more than the {} bytes accepted", path.string(), max_bytes));
  out.resize(got);
  return out;
}

Result<void> check_output_file(const std::filesystem::path& path) {
  struct stat st {};
  if (::lstat(path.c_str(), &st) != 0) {
    if (errno == ENOENT) return ok();
    return io_error("io.output", "cannot write", path, errno);
  }
  if (S_ISREG(st.st_mode)) return ok();
  return fail("io.output", fmt::format("refusing to write {}: it is {}, not a regular file (it is left untouched)",
                                       path.string(), kind_of(st.st_mode)));
}

Result<void> check_output_directory(const std::filesystem::path& path) {
  struct stat st {};
  if (::lstat(path.c_str(), &st) != 0) {
    if (errno == ENOENT) return ok();
    return io_error("io.output", "cannot write", path, errno);
  }
  if (S_ISDIR(st.st_mode)) return ok();
  return fail("io.output", fmt::format("refusing to write into {}: it is {}, not a directory (it is left untouched)",
                                       path.string(), kind_of(st.st_mode)));
}

Result<void> write_file_atomic(const std::filesystem::path& path, std::string_view data, unsigned mode) {
  if (auto checked = check_output_file(path); !checked) return checked;
  std::filesystem::path dir = path.parent_path().empty() ? std::filesystem::path(".") : path.parent_path();
  // open(O_CREAT | O_EXCL) with `mode` lets the kernel apply the umask (mkstemp would force 0600).
  std::random_device rd;
  std::string tmp;
  int fd = -1;
  for (int i = 0; i < 16 && fd < 0; ++i) {
    tmp = (dir / fmt::format(".{}.tmp-{:08x}", path.filename().string(), rd())).string();
    fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, static_cast<mode_t>(mode & 07777));
    if (fd < 0 && errno != EEXIST) break;
  }
  if (fd < 0) return io_error("io.write", "cannot create a temporary file next to", path, errno);
  auto abandon = [&](std::string_view what) {
    int err = errno;
    ::close(fd);
    ::unlink(tmp.c_str());
    return io_error("io.write", what, path, err);
  };
  const char* p = data.data();
  size_t left = data.size();
  while (left > 0) {
    ssize_t n = ::write(fd, p, left);
    if (n < 0) {
      if (errno == EINTR) continue;
      return abandon("cannot write");
    }
    p += n;
    left -= static_cast<size_t>(n);
  }
  if (::fsync(fd) != 0) return abandon("cannot flush");
  if (::close(fd) != 0) {
    int err = errno;
    ::unlink(tmp.c_str());
    return io_error("io.write", "cannot close", path, err);
  }
  // Checked again: something may have appeared at `path` while we were writing.
  if (auto checked = check_output_file(path); !checked) {
    ::unlink(tmp.c_str());
    return checked;
  }
  if (::rename(tmp.c_str(), path.c_str()) != 0) {
    int err = errno;
    ::unlink(tmp.c_str());
    return io_error("io.write", "cannot rename into place", path, err);
  }
  return ok();
}

}  // namespace hoplite::core
