#include "hoplite/core/file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

#include <fmt/format.h>

namespace hoplite::core {

namespace {
Failure io_error(std::string code, std::string_view what, const std::filesystem::path& path, int err) {
  return fail(std::move(code), fmt::format("{} {}: {}", what, path.string(), std::strerror(err)));
}
}  // namespace

Result<std::string> read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return io_error("io.read", "cannot open", path, errno);
  std::ostringstream ss;
  ss << in.rdbuf();
  if (in.bad()) return io_error("io.read", "cannot read", path, errno);
  return ss.str();
}

Result<void> write_file_atomic(const std::filesystem::path& path, std::string_view data, unsigned mode) {
  std::filesystem::path dir = path.parent_path().empty() ? std::filesystem::path(".") : path.parent_path();
  std::string tmpl = (dir / ("." + path.filename().string() + ".tmp-XXXXXX")).string();
  int fd = ::mkstemp(tmpl.data());
  if (fd < 0) return io_error("io.write", "cannot create a temporary file next to", path, errno);
  auto abandon = [&](std::string_view what) {
    int err = errno;
    ::close(fd);
    ::unlink(tmpl.c_str());
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
  if (::fchmod(fd, static_cast<mode_t>(mode)) != 0) return abandon("cannot set permissions of");
  if (::fsync(fd) != 0) return abandon("cannot flush");
  if (::close(fd) != 0) {
    int err = errno;
    ::unlink(tmpl.c_str());
    return io_error("io.write", "cannot close", path, err);
  }
  if (::rename(tmpl.c_str(), path.c_str()) != 0) {
    int err = errno;
    ::unlink(tmpl.c_str());
    return io_error("io.write", "cannot rename into place", path, err);
  }
  return ok();
}

}  // namespace hoplite::core
