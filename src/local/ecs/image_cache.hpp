#pragma once
/// \file Images for ECS tasks: pulled from the registry their URI names, checked (every blob
/// against its digest, the image against its manifest) and unpacked once per manifest digest into
/// `<dir>/<hex>/rootfs` — content-addressed, so no repository or tag ever becomes a path. A
/// reference by digest whose root filesystem is already there costs no request at all; a tag is
/// resolved with one manifest GET each time (as ECS does: a tag may move).

#include <filesystem>
#include <functional>
#include <mutex>
#include <optional>
#include <string>

#include "hoplite/core/result.hpp"
#include "hoplite/http/client.hpp"
#include "hoplite/oci/auth.hpp"
#include "hoplite/oci/image_config.hpp"

namespace hoplite::local::ecs {

/// The login for `image`'s registry when a task of `account` in `region` pulls it, or nullopt
/// (anonymous).
using RegistryCredentials = std::function<std::optional<oci::Credentials>(
    const std::string& account, const std::string& region, const std::string& image)>;

/// An unpacked image.
struct CachedImage {
  std::string digest;            ///< the manifest's `sha256:…`
  std::filesystem::path rootfs;  ///< read-only by convention: containers get an overlay
  oci::ImageConfig config;
  bool pulled = false;  ///< true when this call fetched it
};

struct ImageCacheOptions {
  std::filesystem::path dir;  ///< where unpacked images live. Required.
  /// Largest blob (a compressed layer or the config) held in memory while pulling. Default 1 GiB.
  std::uint64_t max_blob_bytes = std::uint64_t{1} << 30;
  /// The platform picked from an index: `amd64`/`arm64` (GOARCH spelling). Default: this host's.
  std::string architecture;
};

class ImageCache {
 public:
  /// `client` sends the registry requests (plain HTTP to loopback registries). Removes the
  /// leftovers of unpacks a crash interrupted.
  ImageCache(ImageCacheOptions options, http::Client& client);

  /// The image `uri` names (`registry/repository[:tag][@digest]`), pulled with `credentials`
  /// when the registry asks for them (default: anonymous). Errors carry the reason the way ECS
  /// words a pull failure's cause: `CannotPullContainerError: …`.
  core::Result<CachedImage> get(const std::string& uri, std::optional<oci::Credentials> credentials = std::nullopt);

 private:
  core::Result<CachedImage> cached(const std::string& digest);
  core::Result<CachedImage> pull(const std::string& uri, std::optional<oci::Credentials> credentials);

  ImageCacheOptions options_;
  http::Client& client_;
  std::mutex mutex_;  ///< one pull at a time: two tasks of one new image unpack it once
};

}  // namespace hoplite::local::ecs
