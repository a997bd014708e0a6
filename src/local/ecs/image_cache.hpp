#pragma once
/// \file Images for ECS tasks: pulled from the registry their URI names, checked (every blob
/// against its digest, the image against its manifest) and unpacked once per manifest digest into
/// `<dir>/<hex>/rootfs` — content-addressed, so no repository or tag ever becomes a path. A
/// reference by digest whose root filesystem is already there costs no request at all; a tag is
/// resolved with one manifest GET each time (as ECS does: a tag may move).

#include <filesystem>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "hoplite/core/result.hpp"
#include "hoplite/http/client.hpp"
#include "hoplite/oci/auth.hpp"
#include "hoplite/oci/image_config.hpp"
#include "hoplite/oci/registry_server.hpp"

namespace hoplite::local::ecs {

/// The login for `image`'s registry when a task of `account` in `region` pulls it, or nullopt
/// (anonymous).
using RegistryCredentials = std::function<std::optional<oci::Credentials>(
    const std::string& account, const std::string& region, const std::string& image)>;

/// A registry's storage read in process, without HTTP: the local ECR's tables and blob files, as
/// one account and region see them (task_registry_login.cpp). What it gives is checked like what a
/// registry serves: the manifest and every blob against their digests.
class ImageStore {
 public:
  virtual ~ImageStore() = default;
  /// The manifest `reference` (a tag or `sha256:…`) of `repository`, nullopt when there is none.
  virtual core::Result<std::optional<oci::StoredManifest>> manifest(const std::string& repository,
                                                                    const std::string& reference) = 0;
  /// The file that holds blob `digest` of `repository`, nullopt when the repository has no such
  /// blob. The file is never changed in place (the cache maps it while unpacking).
  virtual core::Result<std::optional<std::filesystem::path>> blob_file(const std::string& repository,
                                                                       const oci::Digest& digest) = 0;
};

/// The store that holds `image` for a task of `account` in `region`, or nullptr: pulled over HTTP.
using LocalImages = std::function<std::unique_ptr<ImageStore>(const std::string& account, const std::string& region,
                                                              const std::string& image)>;

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

  /// The image `uri` names (`registry/repository[:tag][@digest]`), read from `store` when given,
  /// else pulled with `credentials` when the registry asks for them (default: anonymous). Errors
  /// carry the reason the way ECS words a pull failure's cause: `CannotPullContainerError: …`.
  core::Result<CachedImage> get(const std::string& uri, std::optional<oci::Credentials> credentials = std::nullopt,
                                ImageStore* store = nullptr);

 private:
  class Source;
  class HttpSource;
  class StoreSource;
  core::Result<CachedImage> cached(const std::string& digest);
  core::Result<CachedImage> pull(const std::string& uri, Source& source);

  ImageCacheOptions options_;
  http::Client& client_;
  std::mutex mutex_;  ///< one pull at a time: two tasks of one new image unpack it once
};

}  // namespace hoplite::local::ecs
