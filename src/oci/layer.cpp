#include "hoplite/oci/layer.hpp"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <vector>

#include "hoplite/core/sha256.hpp"
#include "hoplite/oci/compression.hpp"

namespace hoplite::oci {

/// The bytes of a blob: a string, or a read-only mapping of a file.
struct Layer::Storage {
  std::string owned;
  void* map = nullptr;
  std::size_t map_size = 0;
  Storage() = default;
  Storage(const Storage&) = delete;
  Storage& operator=(const Storage&) = delete;
  ~Storage() {
    if (map != nullptr) ::munmap(map, map_size);
  }
};

namespace {

core::Result<Digest> hash_uncompressed(std::string_view blob, Compression compression, std::uint64_t max) {
  Decompressor tar(blob, compression, max);
  core::Sha256 hash;
  std::vector<char> buf(1 << 16);
  while (true) {
    auto n = tar.read(buf.data(), buf.size());
    if (!n) return n.failure();
    if (*n == 0) break;
    hash.update(std::string_view(buf.data(), *n));
  }
  return Digest::from_sha256_hex(hash.finish_hex());
}

}  // namespace

core::Result<Layer> Layer::from_blob(std::string blob, std::string_view media_type, std::uint64_t max_uncompressed) {
  Digest digest = Digest::of(blob);
  auto compression = compression_of(media_type);
  if (!compression) return core::fail("oci.layer", "layer " + digest.str() + ": " + compression.error().message);
  Digest diff_id = digest;
  if (*compression != Compression::kNone) {
    auto d = hash_uncompressed(blob, *compression, max_uncompressed);
    if (!d)
      return core::fail(d.error().code == "oci.limit" ? "oci.limit" : "oci.layer",
                        "layer " + digest.str() + ": " + d.error().message);
    diff_id = *d;
  }
  return from_parts(std::move(blob), std::move(digest), std::move(diff_id), std::string(media_type));
}

Layer Layer::from_parts(std::string blob, Digest digest, Digest diff_id, std::string media_type) {
  auto storage = std::make_shared<Storage>();
  storage->owned = std::move(blob);
  std::string_view bytes = storage->owned;
  return Layer(std::move(storage), bytes, std::move(digest), std::move(diff_id), std::move(media_type));
}

core::Result<Layer> Layer::from_file(const std::filesystem::path& path, Digest digest, Digest diff_id,
                                     std::string media_type) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
  if (fd < 0) return core::fail("io.read", "cannot open " + path.string() + ": " + std::strerror(errno));
  struct stat st {};
  if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
    ::close(fd);
    return core::fail("io.read", path.string() + " is not a regular file");
  }
  auto storage = std::make_shared<Storage>();
  std::string_view bytes;
  if (st.st_size > 0) {
    void* map = ::mmap(nullptr, static_cast<std::size_t>(st.st_size), PROT_READ, MAP_PRIVATE, fd, 0);
    if (map == MAP_FAILED) {
      int err = errno;
      ::close(fd);
      return core::fail("io.read", "cannot map " + path.string() + ": " + std::strerror(err));
    }
    storage->map = map;
    storage->map_size = static_cast<std::size_t>(st.st_size);
    bytes = std::string_view(static_cast<const char*>(map), storage->map_size);
  }
  ::close(fd);  // the mapping stays valid
  return Layer(std::move(storage), bytes, std::move(digest), std::move(diff_id), std::move(media_type));
}

Layer Layer::with_media_type(std::string media_type) const {
  return Layer(storage_, bytes_, digest_, diff_id_, std::move(media_type));
}

core::Result<Digest> compute_diff_id(const Layer& layer, std::uint64_t max_uncompressed) {
  auto compression = compression_of(layer.media_type());
  if (!compression)
    return core::fail("oci.layer", "layer " + layer.digest().str() + ": " + compression.error().message);
  auto d = hash_uncompressed(layer.compressed(), *compression, max_uncompressed);
  if (!d)
    return core::fail(d.error().code == "oci.limit" ? "oci.limit" : "oci.layer",
                      "layer " + layer.digest().str() + ": " + d.error().message);
  return d;
}

core::Result<std::string> uncompressed_tar(const Layer& layer, std::uint64_t max_bytes) {
  auto compression = compression_of(layer.media_type());
  if (!compression)
    return core::fail("oci.layer", "layer " + layer.digest().str() + ": " + compression.error().message);
  auto tar = decompress(layer.compressed(), *compression, max_bytes);
  if (!tar)
    return core::fail(tar.error().code == "oci.limit" ? "oci.limit" : "oci.layer",
                      "layer " + layer.digest().str() + ": " + tar.error().message);
  return tar;
}

}  // namespace hoplite::oci
