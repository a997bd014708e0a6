#include "local/ecs/image_cache.hpp"

#include <unistd.h>

#include <fstream>
#include <sstream>

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

core::Result<CachedImage> ImageCache::get(const std::string& uri, std::optional<oci::Credentials> credentials) {
  std::lock_guard lock(mutex_);
  auto ref = oci::Reference::parse(uri);
  if (!ref) return pull_error(uri, "invalid reference: " + ref.error().message);
  if (!ref->digest.empty()) {
    if (auto hit = cached(ref->digest)) return hit;
  }
  return pull(uri, std::move(credentials));
}

core::Result<CachedImage> ImageCache::pull(const std::string& uri, std::optional<oci::Credentials> credentials) {
  auto ref = oci::Reference::parse(uri);
  if (!ref) return pull_error(uri, ref.error().message);
  auto auth = std::make_shared<oci::Authenticator>(ref->registry, std::move(credentials),
                                                   std::vector<std::string>{"repository:" + ref->repository + ":pull"});
  oci::RegistryOptions registry_options;
  registry_options.retry.max_attempts = 2;
  oci::RepositoryClient repo(*ref, client_, auth, registry_options);

  auto manifest = repo.get_manifest(ref->manifest_reference());
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
    manifest = repo.get_manifest(pick->digest.str());
    if (!manifest) return pull_error(uri, manifest.error().message);
  }
  if (!oci::is_manifest(manifest->media_type))
    return pull_error(uri, "unsupported manifest media type '" + manifest->media_type.substr(0, 100) + "'");
  if (auto hit = cached(manifest->digest)) return hit;

  auto parsed = oci::Manifest::parse(manifest->bytes);
  if (!parsed) return pull_error(uri, parsed.error().message);
  auto config = repo.get_blob(parsed->config.digest.str(), options_.max_blob_bytes);
  if (!config) return pull_error(uri, config.error().message);
  std::vector<oci::Layer> layers;
  for (const auto& d : parsed->layers) {
    auto blob = repo.get_blob(d.digest.str(), options_.max_blob_bytes);
    if (!blob) return pull_error(uri, blob.error().message);
    auto layer = oci::Layer::from_blob(std::move(*blob), d.media_type);
    if (!layer) return pull_error(uri, layer.error().message);
    layers.push_back(std::move(*layer));
  }
  auto image = oci::Image::from_bytes(manifest->bytes, *config, std::move(layers));
  if (!image) return pull_error(uri, image.error().message);
  // from_bytes checked every blob against the manifest and from_blob hashed each layer's
  // uncompressed tar; what is left to check is that those are the config's diff_ids (a full
  // oci::validate would decompress every layer once more).
  const auto& diff_ids = image->config().diff_ids;
  if (diff_ids.size() != image->layers().size())
    return pull_error(uri, "the config lists " + std::to_string(diff_ids.size()) + " layers, the manifest " +
                               std::to_string(image->layers().size()));
  for (std::size_t i = 0; i < diff_ids.size(); ++i)
    if (image->layers()[i].diff_id() != diff_ids[i])
      return pull_error(uri, "layer " + image->layers()[i].digest().str() + " does not match the config's diff_id");

  // Unpack beside the cache, then rename into place: a crash leaves a tmp- directory (removed at
  // the next start), never a half-unpacked image under its digest.
  fs::path tmp = options_.dir / ("tmp-" + random_hex(16));
  std::error_code ec;
  fs::create_directories(tmp / "rootfs", ec);
  if (ec) return pull_error(uri, "cannot create " + tmp.string() + ": " + ec.message());
  oci::UnpackOptions unpack;
  unpack.preserve_owner = ::geteuid() == 0;
  if (auto u = oci::unpack_image(*image, tmp / "rootfs", unpack); !u) {
    fs::remove_all(tmp, ec);
    return pull_error(uri, "unpacking: " + u.error().message);
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
  auto out = cached(image->digest().str());
  if (out) out->pulled = true;
  return out;
}

}  // namespace hoplite::local::ecs
