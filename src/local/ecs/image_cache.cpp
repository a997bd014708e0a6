#include "local/ecs/image_cache.hpp"

#include <unistd.h>

#include <chrono>
#include <fstream>
#include <sstream>

#include "hoplite/core/log.hpp"
#include "hoplite/oci/image.hpp"
#include "hoplite/oci/manifest.hpp"
#include "hoplite/oci/media_type.hpp"
#include "hoplite/oci/reference.hpp"
#include "hoplite/oci/registry.hpp"
#include "hoplite/oci/unpack.hpp"
#include "local/ids.hpp"

namespace hoplite::local::ecs {
namespace {

namespace fs = std::filesystem;

core::Failure pull_error(const std::string& uri, const std::string& why) {
  return core::fail("ecs.pull", "CannotPullContainerError: " + uri + ": " + why);
}

std::string host_architecture() {
#if defined(__aarch64__)
  return "arm64";
#else
  return "amd64";
#endif
}

core::Result<std::string> read_file(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  if (!in) return core::fail("io.read", "cannot read " + p.string());
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace

ImageCache::ImageCache(ImageCacheOptions options, http::Client& client)
    : options_(std::move(options)), client_(client) {
  if (options_.architecture.empty()) options_.architecture = host_architecture();
  std::error_code ec;
  fs::create_directories(options_.dir, ec);
  for (const auto& e : fs::directory_iterator(options_.dir, ec))
    if (e.path().filename().string().starts_with("tmp-")) fs::remove_all(e.path(), ec);
}

core::Result<CachedImage> ImageCache::cached(const std::string& digest) {
  auto parsed = oci::Digest::parse(digest);
  if (!parsed) return parsed.failure();
  fs::path dir = options_.dir / std::string(parsed->encoded());
  std::error_code ec;
  if (!fs::is_directory(dir / "rootfs", ec)) return core::fail("ecs.cache_miss", digest);
  auto config_text = read_file(dir / "config.json");
  if (!config_text) return config_text.failure();
  auto config = oci::ImageConfig::parse(*config_text);
  if (!config) return config.failure();
  return CachedImage{.digest = digest, .rootfs = dir / "rootfs", .config = std::move(*config)};
}

/// Where a pull reads the manifest and blobs from: the registry over HTTP, or a store in process.
class ImageCache::Source {
 public:
  virtual ~Source() = default;
  /// The manifest `reference`; its digest is that of its bytes, and equal to `reference` when
  /// that is a digest.
  virtual core::Result<oci::FetchedManifest> manifest(const std::string& reference) = 0;
  /// A blob (the config), checked against its digest.
  virtual core::Result<std::string> blob(const oci::Digest& digest, std::uint64_t max) = 0;
  /// A layer as `d` and the config's `diff_id` describe it: unpack_image checks both.
  virtual core::Result<oci::Layer> layer(const oci::Descriptor& d, const oci::Digest& diff_id, std::uint64_t max) = 0;
};

class ImageCache::HttpSource final : public ImageCache::Source {
 public:
  HttpSource(const oci::Reference& ref, http::Client& client, std::optional<oci::Credentials> credentials)
      : repo_(ref, client,
              std::make_shared<oci::Authenticator>(ref.registry, std::move(credentials),
                                                   std::vector<std::string>{"repository:" + ref.repository + ":pull"}),
              options()) {}
  core::Result<oci::FetchedManifest> manifest(const std::string& reference) override {
    return repo_.get_manifest(reference);
  }
  core::Result<std::string> blob(const oci::Digest& digest, std::uint64_t max) override {
    return repo_.get_blob(digest.str(), max);
  }
  core::Result<oci::Layer> layer(const oci::Descriptor& d, const oci::Digest& diff_id, std::uint64_t max) override {
    auto bytes = repo_.get_blob(d.digest.str(), max);
    if (!bytes) return bytes.failure();
    return oci::Layer::from_parts(std::move(*bytes), d.digest, diff_id, d.media_type);
  }

 private:
  static oci::RegistryOptions options() {
    oci::RegistryOptions o;
    o.retry.max_attempts = 2;
    return o;
  }
  oci::RepositoryClient repo_;
};

/// The store's blobs are mapped, not copied: a layer is read once, by the unpack that hashes it.
class ImageCache::StoreSource final : public ImageCache::Source {
 public:
  StoreSource(ImageStore& store, std::string repository) : store_(store), repository_(std::move(repository)) {}
  core::Result<oci::FetchedManifest> manifest(const std::string& reference) override {
    auto m = store_.manifest(repository_, reference);
    if (!m) return m.failure();
    if (!*m) return core::fail("registry.manifest_unknown", "manifest unknown: " + reference);
    oci::FetchedManifest out{.bytes = std::move((*m)->bytes), .media_type = std::move((*m)->media_type), .digest = {}};
    out.digest = oci::Digest::of(out.bytes).str();
    if (reference.starts_with("sha256:") && out.digest != reference)
      return core::fail("registry.digest_mismatch", "manifest " + reference + " has digest " + out.digest);
    return out;
  }
  core::Result<std::string> blob(const oci::Digest& digest, std::uint64_t max) override {
    auto file = file_of(digest);
    if (!file) return file.failure();
    std::error_code ec;
    auto size = fs::file_size(*file, ec);
    if (ec || size > max) return core::fail("registry.blob", "blob " + digest.str() + " is unreadable or too large");
    auto bytes = read_file(*file);
    if (!bytes) return bytes.failure();
    if (!digest.matches(*bytes))
      return core::fail("registry.digest_mismatch", "blob " + digest.str() + " does not hash to its digest");
    return bytes;
  }
  core::Result<oci::Layer> layer(const oci::Descriptor& d, const oci::Digest& diff_id, std::uint64_t max) override {
    auto file = file_of(d.digest);
    if (!file) return file.failure();
    std::error_code ec;
    auto size = fs::file_size(*file, ec);
    if (ec || size > max) return core::fail("registry.blob", "blob " + d.digest.str() + " is unreadable or too large");
    return oci::Layer::from_file(*file, d.digest, diff_id, d.media_type);
  }

 private:
  core::Result<fs::path> file_of(const oci::Digest& digest) {
    auto file = store_.blob_file(repository_, digest);
    if (!file) return file.failure();
    if (!*file) return core::fail("registry.blob_unknown", "blob unknown to registry: " + digest.str());
    return **file;
  }
  ImageStore& store_;
  std::string repository_;
};

core::Result<CachedImage> ImageCache::get(const std::string& uri, std::optional<oci::Credentials> credentials,
                                          ImageStore* store) {
  std::lock_guard lock(mutex_);
  auto ref = oci::Reference::parse(uri);
  if (!ref) return pull_error(uri, "invalid reference: " + ref.error().message);
  if (!ref->digest.empty()) {
    if (auto hit = cached(ref->digest)) return hit;
  }
  if (store != nullptr) {
    StoreSource source(*store, ref->repository);
    return pull(uri, source);
  }
  HttpSource source(*ref, client_, std::move(credentials));
  return pull(uri, source);
}

core::Result<CachedImage> ImageCache::pull(const std::string& uri, Source& source) {
  using SteadyClock = std::chrono::steady_clock;
  const auto started = SteadyClock::now();
  auto ref = oci::Reference::parse(uri);
  if (!ref) return pull_error(uri, ref.error().message);
  auto manifest = source.manifest(ref->manifest_reference());
  if (!manifest) return pull_error(uri, manifest.error().message);
  if (oci::is_index(manifest->media_type)) {
    auto index = oci::ImageIndex::parse(manifest->bytes);
    if (!index) return pull_error(uri, index.error().message);
    const oci::Descriptor* pick = nullptr;
    for (const auto& d : index->manifests)
      if (d.platform && d.platform->os == "linux" && d.platform->architecture == options_.architecture) {
        pick = &d;
        break;
      }
    if (pick == nullptr) return pull_error(uri, "image index has no manifest for linux/" + options_.architecture);
    manifest = source.manifest(pick->digest.str());
    if (!manifest) return pull_error(uri, manifest.error().message);
  }
  if (!oci::is_manifest(manifest->media_type))
    return pull_error(uri, "unsupported manifest media type '" + manifest->media_type.substr(0, 100) + "'");
  if (auto hit = cached(manifest->digest)) return hit;

  auto parsed = oci::Manifest::parse(manifest->bytes);
  if (!parsed) return pull_error(uri, parsed.error().message);
  auto config = source.blob(parsed->config.digest, options_.max_blob_bytes);
  if (!config) return pull_error(uri, config.error().message);
  auto image_config = oci::ImageConfig::parse(*config);
  if (!image_config) return pull_error(uri, image_config.error().message);
  const auto& diff_ids = image_config->diff_ids;
  if (diff_ids.size() != parsed->layers.size())
    return pull_error(uri, "the config lists " + std::to_string(diff_ids.size()) + " layers, the manifest " +
                               std::to_string(parsed->layers.size()));
  // Each layer as the manifest and config describe it: unpack_image checks the blob's digest and
  // the tar's diff_id while it unpacks, so no layer is decompressed twice.
  std::vector<oci::Layer> layers;
  for (std::size_t i = 0; i < parsed->layers.size(); ++i) {
    auto layer = source.layer(parsed->layers[i], diff_ids[i], options_.max_blob_bytes);
    if (!layer) return pull_error(uri, layer.error().message);
    layers.push_back(std::move(*layer));
  }
  auto image = oci::Image::from_bytes(manifest->bytes, *config, std::move(layers));
  if (!image) return pull_error(uri, image.error().message);
  const auto fetched = SteadyClock::now();

  // Unpack beside the cache, then rename into place: a crash leaves a tmp- directory (removed at
  // the next start), never a half-unpacked image under its digest.
  fs::path tmp = options_.dir / ("tmp-" + random_hex(16));
  std::error_code ec;
  fs::create_directories(tmp / "rootfs", ec);
  if (ec) return pull_error(uri, "cannot create " + tmp.string() + ": " + ec.message());
  oci::UnpackOptions unpack;
  unpack.preserve_owner = ::geteuid() == 0;
  auto unpacked = oci::unpack_image(*image, tmp / "rootfs", unpack);
  if (!unpacked) {
    fs::remove_all(tmp, ec);
    return pull_error(uri, "unpacking: " + unpacked.error().message);
  }
  {
    std::ofstream out(tmp / "config.json", std::ios::binary);
    out << image->config_bytes();
    if (!out) {
      fs::remove_all(tmp, ec);
      return pull_error(uri, "cannot write the image config");
    }
  }
  fs::path dir = options_.dir / std::string(image->digest().encoded());
  fs::rename(tmp, dir, ec);
  if (ec) {
    fs::remove_all(tmp, ec);
    if (!fs::is_directory(dir / "rootfs")) return pull_error(uri, "cannot store the unpacked image");
  }
  const auto ms = [](auto d) { return std::chrono::duration<double, std::milli>(d).count(); };
  core::log::debug("ecs: pulled {} ({} entries, {} bytes) in {:.1f} ms: fetch {:.1f} ms, unpack {:.1f} ms",
                   image->digest().str(), unpacked->entries, unpacked->bytes, ms(SteadyClock::now() - started),
                   ms(fetched - started), ms(SteadyClock::now() - fetched));
  auto out = cached(image->digest().str());
  if (out) out->pulled = true;
  return out;
}

}  // namespace hoplite::local::ecs
