// Safe extraction of tar archives and image layers (see unpack.hpp).
#include "hoplite/oci/unpack.hpp"

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <deque>
#include <vector>

#include "hoplite/core/sha256.hpp"
#include "hoplite/oci/compression.hpp"
#include "hoplite/oci/tar.hpp"

namespace hoplite::oci {
namespace {

namespace fs = std::filesystem;

constexpr int kMaxSymlinks = 40;  // as the kernel's ELOOP limit
constexpr std::string_view kWhiteout = ".wh.";
constexpr std::string_view kOpaque = ".wh..wh..opq";

class Fd {
 public:
  explicit Fd(int fd = -1) : fd_(fd) {}
  ~Fd() {
    if (fd_ >= 0) ::close(fd_);
  }
  Fd(Fd&& o) noexcept : fd_(o.fd_) { o.fd_ = -1; }
  Fd& operator=(Fd&& o) noexcept {
    if (this != &o) {
      if (fd_ >= 0) ::close(fd_);
      fd_ = o.fd_;
      o.fd_ = -1;
    }
    return *this;
  }
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  [[nodiscard]] int get() const { return fd_; }
  [[nodiscard]] bool ok() const { return fd_ >= 0; }

 private:
  int fd_;
};

core::Failure unpack_error(const std::string& entry, const std::string& why) {
  return core::fail("oci.unpack", "cannot unpack '" + entry + "': " + why);
}

core::Failure os_error(const std::string& entry, const std::string& what) {
  return unpack_error(entry, what + ": " + std::strerror(errno));
}

// Splits on '/', dropping empty and "." components; ".." is kept for the resolver.
std::deque<std::string> components(std::string_view path) {
  std::deque<std::string> out;
  std::size_t i = 0;
  while (i <= path.size()) {
    std::size_t j = path.find('/', i);
    if (j == std::string_view::npos) j = path.size();
    std::string_view c = path.substr(i, j - i);
    if (!c.empty() && c != ".") out.emplace_back(c);
    i = j + 1;
  }
  return out;
}

// Lexical clean of an entry name as if it hung off '/': ".." cannot climb above the root.
std::vector<std::string> clean(std::string_view name) {
  std::vector<std::string> out;
  for (auto& c : components(name)) {
    if (c == "..") {
      if (!out.empty()) out.pop_back();
    } else {
      out.push_back(std::move(c));
    }
  }
  return out;
}

// Counts and caps what a source gives.
class LimitedSource final : public ByteSource {
 public:
  LimitedSource(ByteSource& in, std::uint64_t& used, std::uint64_t max) : in_(in), used_(used), max_(max) {}
  core::Result<std::size_t> read(char* buffer, std::size_t size) override {
    auto n = in_.read(buffer, size);
    if (!n) return n;
    used_ += *n;
    if (used_ > max_) {
      return core::fail("oci.limit", "the archives hold more than " + std::to_string(max_) +
                                         " bytes (the unpack limit; a compression bomb?)");
    }
    return n;
  }

 private:
  ByteSource& in_;
  std::uint64_t& used_;
  std::uint64_t max_;
};

// Hashes what a source gives (a layer's tar, for its diff_id).
class HashingSource final : public ByteSource {
 public:
  explicit HashingSource(ByteSource& in) : in_(in) {}
  core::Result<std::size_t> read(char* buffer, std::size_t size) override {
    auto n = in_.read(buffer, size);
    if (n && *n > 0) hash_.update(std::string_view(buffer, *n));
    return n;
  }
  // Reads (and hashes) what the reader left.
  core::Result<void> drain() {
    std::vector<char> buf(1 << 16);
    while (true) {
      auto n = read(buf.data(), buf.size());
      if (!n) return n.failure();
      if (*n == 0) return core::ok();
    }
  }
  Digest digest() { return Digest::from_sha256_hex(hash_.finish_hex()); }

 private:
  ByteSource& in_;
  core::Sha256 hash_;
};

// Removes `name` in `parent`, a whole directory tree included, without following symlinks.
// Iterative: the depth of a tree an archive made is not ours to recurse on.
core::Result<void> remove_at(int parent, const std::string& name, const std::string& entry) {
  struct stat st {};
  if (::fstatat(parent, name.c_str(), &st, AT_SYMLINK_NOFOLLOW) != 0) {
    if (errno == ENOENT) return core::ok();
    return os_error(entry, "cannot inspect " + name);
  }
  if (!S_ISDIR(st.st_mode)) {
    if (::unlinkat(parent, name.c_str(), 0) != 0) return os_error(entry, "cannot remove " + name);
    return core::ok();
  }
  struct Frame {
    Fd fd;
    DIR* dir;
    std::string name;  // name in the parent frame (or in `parent` for the first)
  };
  std::vector<Frame> stack;
  auto push = [&](int at, const std::string& n) -> core::Result<void> {
    Fd fd(::openat(at, n.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC));
    if (!fd.ok()) return os_error(entry, "cannot open " + n);
    int dup = ::dup(fd.get());
    DIR* d = dup >= 0 ? ::fdopendir(dup) : nullptr;
    if (d == nullptr) {
      if (dup >= 0) ::close(dup);
      return os_error(entry, "cannot list " + n);
    }
    stack.push_back(Frame{std::move(fd), d, n});
    return core::ok();
  };
  if (auto r = push(parent, name); !r) return r;
  while (!stack.empty()) {
    Frame& top = stack.back();
    errno = 0;
    dirent* e = ::readdir(top.dir);
    if (e == nullptr) {
      int err = errno;
      ::closedir(top.dir);
      std::string done = top.name;
      stack.pop_back();
      if (err != 0) {
        errno = err;
        return os_error(entry, "cannot list " + done);
      }
      int at = stack.empty() ? parent : stack.back().fd.get();
      if (::unlinkat(at, done.c_str(), AT_REMOVEDIR) != 0) return os_error(entry, "cannot remove " + done);
      continue;
    }
    std::string child = e->d_name;
    if (child == "." || child == "..") continue;
    struct stat cst {};
    if (::fstatat(top.fd.get(), child.c_str(), &cst, AT_SYMLINK_NOFOLLOW) != 0) {
      return os_error(entry, "cannot inspect " + child);
    }
    if (S_ISDIR(cst.st_mode)) {
      if (auto r = push(top.fd.get(), child); !r) {
        for (auto& f : stack) ::closedir(f.dir);
        return r;
      }
    } else if (::unlinkat(top.fd.get(), child.c_str(), 0) != 0) {
      for (auto& f : stack) ::closedir(f.dir);
      return os_error(entry, "cannot remove " + child);
    }
  }
  return core::ok();
}

// Empties a directory (an opaque whiteout).
core::Result<void> remove_children(int dir_fd, const std::string& entry) {
  int dup = ::dup(dir_fd);
  DIR* d = dup >= 0 ? ::fdopendir(dup) : nullptr;
  if (d == nullptr) {
    if (dup >= 0) ::close(dup);
    return os_error(entry, "cannot list the directory");
  }
  std::vector<std::string> names;
  while (dirent* e = ::readdir(d)) {
    std::string n = e->d_name;
    if (n != "." && n != "..") names.push_back(std::move(n));
  }
  ::closedir(d);
  for (const auto& n : names) {
    if (auto r = remove_at(dir_fd, n, entry); !r) return r;
  }
  return core::ok();
}

class Extractor {
 public:
  Extractor(int root, const UnpackOptions& options, UnpackStats& stats)
      : root_(root), options_(options), stats_(stats) {}

  core::Result<void> extract(ByteSource& tar) {
    tar::Reader reader(tar, {.max_entries = options_.max_entries,
                             .max_path = 4096,
                             .max_extended_header = 1 << 20,
                             .max_entry_size = options_.max_file_size});
    while (true) {
      auto h = reader.next();
      if (!h) return h.failure();
      if (!*h) return core::ok();
      if (++stats_.entries > options_.max_entries) {
        return core::fail("oci.limit", "the archives hold more than " + std::to_string(options_.max_entries) +
                                           " entries (the unpack limit)");
      }
      if (auto r = apply(**h, reader); !r) return r;
    }
  }

 private:
  // The directory that holds the last component of `parts` (resolved inside the root, created
  // when `create`), as an open fd.
  core::Result<Fd> open_parent(const std::vector<std::string>& parts, bool create, const std::string& entry) {
    std::deque<std::string> todo(parts.begin(), parts.end() - 1);
    std::vector<std::string> resolved;
    int links = 0;
    auto joined = [&](const std::string& last) {
      std::string p;
      for (const auto& c : resolved) p += c + "/";
      return p + last;
    };
    while (!todo.empty()) {
      std::string c = std::move(todo.front());
      todo.pop_front();
      if (c == "..") {
        if (!resolved.empty()) resolved.pop_back();
        continue;
      }
      std::string here = joined(c);
      struct stat st {};
      if (::fstatat(root_, here.c_str(), &st, AT_SYMLINK_NOFOLLOW) != 0) {
        if (errno == ENOENT && !create) return core::fail("oci.unpack.missing", here + " does not exist");
        if (errno != ENOENT) return os_error(entry, "cannot reach " + here);
        if (::mkdirat(root_, here.c_str(), 0755) != 0) return os_error(entry, "cannot create " + here);
        resolved.push_back(std::move(c));
        continue;
      }
      if (S_ISLNK(st.st_mode)) {
        if (++links > kMaxSymlinks) return unpack_error(entry, "too many levels of symbolic links");
        std::string target(static_cast<std::size_t>(std::max<off_t>(st.st_size, 0)) + 1, '\0');
        ssize_t n = ::readlinkat(root_, here.c_str(), target.data(), target.size());
        if (n < 0) return os_error(entry, "cannot read link " + here);
        target.resize(static_cast<std::size_t>(n));
        if (!target.empty() && target.front() == '/') resolved.clear();  // absolute: from the root
        auto more = components(target);
        todo.insert(todo.begin(), more.begin(), more.end());
        continue;
      }
      if (!S_ISDIR(st.st_mode)) return unpack_error(entry, here + " is not a directory");
      resolved.push_back(std::move(c));
    }
    // Open it component by component without following anything: what was checked above is
    // what gets opened.
    Fd dir(::dup(root_));
    if (!dir.ok()) return os_error(entry, "cannot open the target directory");
    for (const auto& c : resolved) {
      Fd next(::openat(dir.get(), c.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC));
      if (!next.ok()) return os_error(entry, "cannot open " + c);
      dir = std::move(next);
    }
    return dir;
  }

  core::Result<void> own(int fd, const char* name, const tar::Header& h, const std::string& entry) {
    if (!options_.preserve_owner) return core::ok();
    int rc = name == nullptr
                 ? ::fchown(fd, static_cast<uid_t>(h.uid), static_cast<gid_t>(h.gid))
                 : ::fchownat(fd, name, static_cast<uid_t>(h.uid), static_cast<gid_t>(h.gid), AT_SYMLINK_NOFOLLOW);
    if (rc != 0) return os_error(entry, "cannot change its owner");
    return core::ok();
  }

  core::Result<void> apply(const tar::Header& h, tar::Reader& reader) {
    const std::string& entry = h.path;
    auto parts = clean(h.path);
    if (parts.empty()) {
      // The root itself ("./"): take its mode and owner, nothing else.
      if (h.type != tar::Type::kDirectory) return unpack_error(entry, "only a directory can stand for the root");
      if (auto r = own(root_, nullptr, h, entry); !r) return r;
      if (::fchmod(root_, static_cast<mode_t>(h.mode)) != 0) return os_error(entry, "cannot set its mode");
      return core::ok();
    }
    const std::string& name = parts.back();
    if (options_.whiteouts && name.starts_with(kWhiteout)) {
      auto parent = open_parent(parts, false, entry);
      if (!parent) return parent.error().code == "oci.unpack.missing" ? core::ok() : parent.failure();
      if (name == kOpaque) return remove_children(parent->get(), entry);
      std::string target = name.substr(kWhiteout.size());
      if (target.empty() || target == "." || target == "..") return unpack_error(entry, "malformed whiteout");
      return remove_at(parent->get(), target, entry);
    }
    auto parent = open_parent(parts, true, entry);
    if (!parent) return parent.failure();
    const int at = parent->get();
    const char* n = name.c_str();
    struct stat existing {};
    const bool exists = ::fstatat(at, n, &existing, AT_SYMLINK_NOFOLLOW) == 0;

    switch (h.type) {
      case tar::Type::kDirectory: {
        if (exists && !S_ISDIR(existing.st_mode)) {
          if (auto r = remove_at(at, name, entry); !r) return r;
        }
        if ((!exists || !S_ISDIR(existing.st_mode)) && ::mkdirat(at, n, 0700) != 0) {
          return os_error(entry, "cannot create the directory");
        }
        Fd dir(::openat(at, n, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC));
        if (!dir.ok()) return os_error(entry, "cannot open the directory");
        if (auto r = own(dir.get(), nullptr, h, entry); !r) return r;
        if (::fchmod(dir.get(), static_cast<mode_t>(h.mode)) != 0) return os_error(entry, "cannot set its mode");
        return core::ok();
      }
      case tar::Type::kFile: {
        if (exists) {
          if (auto r = remove_at(at, name, entry); !r) return r;
        }
        Fd file(::openat(at, n, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600));
        if (!file.ok()) return os_error(entry, "cannot create the file");
        std::vector<char> buf(static_cast<std::size_t>(std::min<std::uint64_t>(h.size, 1 << 20)));
        while (reader.remaining() > 0) {
          auto got = reader.read(buf.data(), buf.size());
          if (!got) return got.failure();
          std::string_view data(buf.data(), *got);
          while (!data.empty()) {
            ssize_t w = ::write(file.get(), data.data(), data.size());
            if (w < 0) {
              if (errno == EINTR) continue;
              return core::fail("io.write", "unpacking '" + entry + "': " + std::strerror(errno));
            }
            data.remove_prefix(static_cast<std::size_t>(w));
          }
        }
        // Owner first: chown clears setuid and setgid bits.
        if (auto r = own(file.get(), nullptr, h, entry); !r) return r;
        if (::fchmod(file.get(), static_cast<mode_t>(h.mode)) != 0) return os_error(entry, "cannot set its mode");
        return core::ok();
      }
      case tar::Type::kSymlink: {
        if (exists) {
          if (auto r = remove_at(at, name, entry); !r) return r;
        }
        if (::symlinkat(h.link.c_str(), at, n) != 0) return os_error(entry, "cannot create the symlink");
        return own(at, n, h, entry);
      }
      case tar::Type::kHardLink: {
        auto target_parts = clean(h.link);
        if (target_parts.empty()) return unpack_error(entry, "hard link to the root");
        auto target_parent = open_parent(target_parts, false, entry);
        if (!target_parent) return unpack_error(entry, "its link target " + h.link + " does not exist");
        struct stat tst {};
        if (::fstatat(target_parent->get(), target_parts.back().c_str(), &tst, AT_SYMLINK_NOFOLLOW) != 0) {
          return os_error(entry, "its link target " + h.link + " does not exist");
        }
        if (S_ISDIR(tst.st_mode)) return unpack_error(entry, "hard link to a directory");
        if (exists) {
          if (auto r = remove_at(at, name, entry); !r) return r;
        }
        if (::linkat(target_parent->get(), target_parts.back().c_str(), at, n, 0) != 0) {
          return os_error(entry, "cannot create the hard link");
        }
        return core::ok();
      }
      default:
        // Device nodes could reach the host's devices; FIFOs and unknown types are not needed
        // to run a service. Never created.
        ++stats_.skipped;
        return core::ok();
    }
  }

  int root_;
  const UnpackOptions& options_;
  UnpackStats& stats_;
};

core::Result<Fd> open_root(const fs::path& dir) {
  Fd root(::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (!root.ok()) return core::fail("oci.unpack", "cannot open " + dir.string() + ": " + std::strerror(errno));
  return root;
}

}  // namespace

core::Result<UnpackStats> extract_tar(ByteSource& tar, const fs::path& dir, const UnpackOptions& options) {
  auto root = open_root(dir);
  if (!root) return root.failure();
  UnpackStats stats;
  LimitedSource limited(tar, stats.bytes, options.max_bytes);
  Extractor x(root->get(), options, stats);
  if (auto r = x.extract(limited); !r) return r.failure();
  return stats;
}

core::Result<UnpackStats> unpack_image(const Image& image, const fs::path& rootfs, const UnpackOptions& options) {
  auto root = open_root(rootfs);
  if (!root) return root.failure();
  UnpackStats stats;
  Extractor x(root->get(), options, stats);
  for (const Layer& layer : image.layers()) {
    // The blob is checked before anything reads it; its tar as it is extracted, and to its end
    // (what follows the end-of-archive blocks is part of the diff_id too): one pass per layer.
    if (!layer.digest().matches(layer.compressed()))
      return core::fail("oci.digest", "layer " + layer.digest().str() + " does not hash to its digest");
    auto compression = compression_of(layer.media_type());
    if (!compression) return compression.failure("layer " + layer.digest().str());
    Decompressor tar(layer.compressed(), *compression, options.max_bytes);
    LimitedSource limited(tar, stats.bytes, options.max_bytes);
    HashingSource hashed(limited);
    if (auto r = x.extract(hashed); !r) return r.failure("unpacking layer " + layer.digest().str());
    if (auto r = hashed.drain(); !r) return r.failure("unpacking layer " + layer.digest().str());
    if (hashed.digest() != layer.diff_id())
      return core::fail("oci.digest", "layer " + layer.digest().str() + " does not decompress to its diff_id " +
                                          layer.diff_id().str());
  }
  return stats;
}

}  // namespace hoplite::oci
