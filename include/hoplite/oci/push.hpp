#pragma once
/// \file
/// Pushing an image — blobs, then its manifest — to an OCI registry.
///
/// **Example**:
/// \code
///   auto target = oci::Reference::parse("127.0.0.1:5000/svc:v1").value();
///   oci::PushContent content{.blobs = {{config_digest, config_type, config_bytes}, …},
///                            .manifest = manifest_bytes, .manifest_media_type = oci::kManifestV1};
///   auto pushed = oci::push(target, content, [] { return std::make_unique<http::CurlClient>(); }, {});
///   pushed->reference.to_string();   // "127.0.0.1:5000/svc@sha256:…"
/// \endcode

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "hoplite/core/result.hpp"
#include "hoplite/http/client.hpp"
#include "hoplite/oci/auth.hpp"
#include "hoplite/oci/image.hpp"
#include "hoplite/oci/progress.hpp"
#include "hoplite/oci/reference.hpp"
#include "hoplite/oci/registry.hpp"

namespace hoplite::oci {

/// One blob (a layer or the config) to push: its digest as the manifest names it, and its bytes.
/// The bytes are borrowed: they must outlive the push, unless `owner` keeps them alive.
struct PushBlob {
  std::string digest;                 ///< `sha256:…`, as the manifest names it
  std::string media_type;             ///< the blob's media type
  std::string_view bytes;             ///< the blob's bytes (borrowed)
  std::shared_ptr<const void> owner;  ///< keeps `bytes` alive when set (e.g. Layer::bytes_owner())
};

/// What to push: every blob the manifest references, and the manifest bytes as they will be stored.
struct PushContent {
  std::vector<PushBlob> blobs;  ///< every blob the manifest references
  std::string_view manifest;    ///< the manifest bytes (borrowed)
  std::string manifest_media_type = "application/vnd.oci.image.manifest.v1+json";  ///< default: OCI image manifest
};

/// Makes one HTTP client per worker thread, so that no client is shared between threads.
using ClientFactory = std::function<std::unique_ptr<http::Client>()>;

/// How a push talks to the registry: retries, deadline, concurrency, credentials, mounts, progress.
struct PushOptions {
  RegistryOptions registry;  ///< scheme, chunking, retries, clock, deadline
  /// Limit for the whole push (`--timeout`), retries and waits included: the deadline every
  /// request shares when `registry.deadline` is not set. Default 30 minutes; zero means none.
  std::chrono::milliseconds timeout{30 * 60'000};
  /// Blobs uploaded at once. Default 3; at least 1.
  int concurrency = 3;
  /// Credentials to use. Default: none given, then `~/.docker/config.json` (see `docker_config`).
  std::optional<Credentials> credentials;
  /// Where to look for `config.json` when `credentials` is not set; empty path: don't look.
  /// Default: docker_config_dir().
  std::optional<std::filesystem::path> docker_config;
  /// Other repositories on the same registry that may hold the blobs already: a blob the target
  /// lacks is mounted from the first of these that has it instead of being uploaded.
  std::vector<std::string> mount_from;
  Progress* progress = nullptr;  ///< default: none (quiet)
};

/// What a push did.
struct PushResult {
  Reference reference;               ///< `registry/repository@sha256:…` of the pushed manifest
  std::string digest;                ///< the manifest digest
  int blobs_existing = 0;            ///< blobs the registry had already
  int blobs_mounted = 0;             ///< blobs mounted from another repository
  int blobs_uploaded = 0;            ///< blobs sent
  std::uint64_t bytes_uploaded = 0;  ///< bytes sent
};

/// A push whose blobs arrive while it runs: `add` hands one over as soon as it exists (a layer
/// just compressed) and a worker asks the registry about it (HEAD) and mounts or uploads it at
/// once, while the caller makes the next one; `finish` waits for them and pushes the manifest.
/// So a build uploads each layer while compressing the next, and never uploads what the registry
/// has (a layer the cache already had is not even read).
///
/// **Example**:
/// \code
///   auto session = oci::PushSession::open(target, make_client, options);   // GET /v2/ in the background
///   (*session)->add({layer.digest().str(), layer.media_type(), layer.compressed(), layer.bytes_owner()});
///   auto pushed = (*session)->finish(image.manifest_bytes(), image.manifest_media_type());
/// \endcode
class PushSession {
 public:
  /// Starts the workers; the first checks the registry (`GET /v2/`, where authentication
  /// settles) before any blob is looked at. Fails at once only for a reference that names a
  /// digest or credentials that cannot be read; registry errors come from `finish`.
  [[nodiscard]] static core::Result<std::unique_ptr<PushSession>> open(const Reference& target,
                                                                       const ClientFactory& make_client,
                                                                       const PushOptions& options = {});
  /// Stops the workers; blobs not finished are abandoned (no manifest is pushed).
  ~PushSession();
  PushSession(const PushSession&) = delete;
  PushSession& operator=(const PushSession&) = delete;

  /// Queues a blob. Thread-safe.
  void add(PushBlob blob);
  /// Waits for every queued blob, then PUTs `manifest` (only when every blob is in the registry)
  /// and checks that `target`'s digest, if it names one, is the manifest's. Call once. Errors: as
  /// push().
  core::Result<PushResult> finish(std::string_view manifest, const std::string& manifest_media_type);

  struct State;  ///< opaque: defined and used in push.cpp only

 private:
  explicit PushSession(std::unique_ptr<State> state);
  std::unique_ptr<State> state_;
};

/// Pushes `content` to `target` (tagged with its tag, or by digest when it has none).
///
/// Order: `GET /v2/` (authentication settles here); for each blob, with `concurrency` workers:
/// HEAD, mount if a `mount_from` repository has it, else check its bytes hash to its digest and
/// upload it; then — only when every blob is in the registry — PUT the manifest. Each request
/// retries on 5xx/429/dropped connections (uploads restart from a fresh POST). On any failure the
/// manifest is not pushed, so no manifest ever names a missing blob.
///
/// Errors: `registry.unauthorized` (names the registry and the status), `registry.digest_mismatch`
/// (bytes or the registry's `Docker-Content-Digest` disagree with the digest), `registry.<spec
/// code>`/`registry.http_<status>`, `http.transport`; each with what was being pushed as context.
core::Result<PushResult> push(const Reference& target, const PushContent& content, const ClientFactory& make_client,
                              const PushOptions& options = {});

/// The blobs (config first, then the layers) and manifest of `image`; the layers' bytes are kept
/// alive by the blobs, the config's and the manifest's are borrowed from the image.
[[nodiscard]] PushContent push_content(const Image& image);

/// `push(target, push_content(image), …)`.
core::Result<PushResult> push_image(const Image& image, const Reference& target, const ClientFactory& make_client,
                                    const PushOptions& options = {});

}  // namespace hoplite::oci
