#pragma once
/// \file
/// The server side of the OCI distribution API (distribution-spec v1.1.1): pull, push
/// (monolithic, chunked, cross-repository mount), HEAD, tags list with pagination, manifest and blob
/// delete, OCI index and Docker v2 manifests, digest verification, spec-shaped error bodies. What it
/// keeps and where is a `RegistryStorage`: the local cloud's ECR keeps images in SQLite and
/// content-addressed files (src/local/ecr/), the tests' fake in memory (memory_registry_storage.hpp).
///
/// **Example**:
/// \code
///   oci::MemoryRegistryStorage storage;
///   oci::RegistryServer registry(storage, {});         // no authentication
///   http::Server server(registry);                     // or http::InProcessClient(registry)
/// \endcode
///
/// Spec: https://github.com/opencontainers/distribution-spec/blob/v1.1.1/spec.md

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "hoplite/core/result.hpp"
#include "hoplite/http/handler.hpp"
#include "hoplite/oci/digest.hpp"

namespace hoplite::oci {

/// Largest manifest the server accepts (the limit docker-registry and ECR apply): 4 MiB.
inline constexpr std::uint64_t kMaxManifestBytes = 4 << 20;

/// A stored manifest.
struct StoredManifest {
  Digest digest;           ///< sha256 of `bytes`
  std::string media_type;  ///< the Content-Type it was pushed with
  std::string bytes;       ///< exactly as pushed
};

/// What the server learned about a manifest it validated, for the storage's bookkeeping.
struct ManifestFacts {
  std::vector<Digest> blobs;      ///< config and layers it names (all present in the repository)
  std::vector<Digest> manifests;  ///< manifests an index names (all present in the repository)
  std::uint64_t image_size = 0;   ///< sum of the sizes of the config and layers it names
  std::string artifact_type;      ///< `artifactType`, else the config's media type ("" for an index)
};

/// Where a registry keeps repositories. `tenant` is what the authenticator returned for the
/// request (the ECR registry: account and region); repositories of different tenants are apart.
/// Errors are registry errors: `code` an OCI error code (`NAME_UNKNOWN`, `BLOB_UNKNOWN`,
/// `BLOB_UPLOAD_UNKNOWN`, `MANIFEST_UNKNOWN`, `TAG_INVALID`, `DENIED`, …) with its HTTP status;
/// any other code is answered 500 without its details. Implementations are thread-safe.
class RegistryStorage {
 public:
  virtual ~RegistryStorage() = default;
  /// Succeeds when the repository exists (or may be created by a push); else `NAME_UNKNOWN`.
  virtual core::Result<void> check_repository(const std::string& tenant, const std::string& repo) = 0;
  /// The size of a blob of the repository, or nullopt when the repository has no such blob.
  virtual core::Result<std::optional<std::uint64_t>> blob_size(const std::string& tenant, const std::string& repo,
                                                               const Digest& digest) = 0;
  /// Bytes [offset, offset + length) of a blob of the repository.
  virtual core::Result<http::BodyStream> read_blob(const std::string& tenant, const std::string& repo,
                                                   const Digest& digest, std::uint64_t offset,
                                                   std::uint64_t length) = 0;
  /// Makes `from`'s blob part of `repo` too; false when `from` has no such blob (or is not readable).
  virtual core::Result<bool> mount_blob(const std::string& tenant, const std::string& repo, const std::string& from,
                                        const Digest& digest) = 0;
  /// Removes the blob from the repository (`BLOB_UNKNOWN` when absent).
  virtual core::Result<void> delete_blob(const std::string& tenant, const std::string& repo, const Digest& digest) = 0;

  /// Starts an upload; returns its id (URL-safe).
  virtual core::Result<std::string> start_upload(const std::string& tenant, const std::string& repo) = 0;
  /// The bytes received so far (`BLOB_UPLOAD_UNKNOWN` for an unknown id or another repository's).
  virtual core::Result<std::uint64_t> upload_size(const std::string& tenant, const std::string& repo,
                                                  const std::string& id) = 0;
  /// Appends the body (streamed, at most `max` bytes) and returns the new size. The server has
  /// checked that a `Content-Range` starts where the upload ends.
  virtual core::Result<std::uint64_t> append_upload(const std::string& tenant, const std::string& repo,
                                                    const std::string& id, http::RequestBody& body,
                                                    std::uint64_t max) = 0;
  /// Completes the upload: its bytes must hash to `digest` (`DIGEST_INVALID`, the upload is then
  /// dropped); the blob becomes part of the repository. Returns its size.
  virtual core::Result<std::uint64_t> finish_upload(const std::string& tenant, const std::string& repo,
                                                    const std::string& id, const Digest& digest) = 0;
  /// Drops the upload and its bytes.
  virtual core::Result<void> cancel_upload(const std::string& tenant, const std::string& repo,
                                           const std::string& id) = 0;

  /// The manifest a tag or digest names, or nullopt.
  virtual core::Result<std::optional<StoredManifest>> get_manifest(const std::string& tenant, const std::string& repo,
                                                                   const std::string& reference) = 0;
  /// Stores a validated manifest, and points `tag` at it when not empty. A storage may refuse
  /// (an immutable tag: `TAG_INVALID`).
  virtual core::Result<void> put_manifest(const std::string& tenant, const std::string& repo,
                                          const StoredManifest& manifest, const std::string& tag,
                                          const ManifestFacts& facts) = 0;
  /// Deletes by digest (the manifest and every tag naming it) or by tag (the tag only).
  /// `MANIFEST_UNKNOWN` when absent.
  virtual core::Result<void> delete_manifest(const std::string& tenant, const std::string& repo,
                                             const std::string& reference) = 0;
  /// Every tag of the repository, in lexical order.
  virtual core::Result<std::vector<std::string>> list_tags(const std::string& tenant, const std::string& repo) = 0;
};

/// Decides who a request is from. Returns the tenant its storage calls use; an error is answered
/// 401 with the server's challenge (its code and message in the body, e.g. `DENIED`).
using RegistryAuthenticator = std::function<core::Result<std::string>(const http::ServerRequest&)>;

/// How the registry server authenticates and what it accepts.
struct RegistryServerOptions {
  /// Checks credentials. Default (empty): every request is tenant "" (no authentication).
  RegistryAuthenticator authenticate;
  /// The `WWW-Authenticate` value of a 401 (e.g. `Basic realm="…",service="ecr.amazonaws.com"`).
  /// Default: a Basic challenge for realm "hoplite".
  std::string challenge = "Basic realm=\"hoplite\"";
  /// Largest blob upload (one upload, all its chunks). Default 10 GiB (ECR allows 52,000 MiB
  /// layers; a local cloud has no use for more).
  std::uint64_t max_blob_bytes = 10ull << 30;
  /// Tags per page of `tags/list` when the client gives no `n`, and the most it may ask for.
  /// Default 1000 (what ECR's own listing allows).
  int max_tags_per_page = 1000;
};

/// An OCI distribution registry (`/v2/…`) over a RegistryStorage: what the push tests and the local cloud's ECR serve.
class RegistryServer final : public http::Handler {
 public:
  /// A server over `storage`, which must outlive it.
  RegistryServer(RegistryStorage& storage, RegistryServerOptions options);
  /// Answers `/v2/…`. Anything else is 404 `NAME_UNKNOWN`/`UNSUPPORTED` in the spec's error shape.
  http::Response handle(http::ServerRequest& request) override;
  /// The same, and names the operation it ran (`PutManifest`, `GetBlob`, …) for request logs.
  http::Response handle(http::ServerRequest& request, std::string& operation);

 private:
  RegistryStorage& storage_;
  RegistryServerOptions options_;
};

/// True for a repository name of the distribution spec's grammar. The grammar:
/// `[a-z0-9]+((\.|_|__|-+)[a-z0-9]+)*(/[a-z0-9]+((\.|_|__|-+)[a-z0-9]+)*)*`, at most 255 characters
/// (checked without a regex engine: names are untrusted).
[[nodiscard]] bool is_repository_name(std::string_view name);
/// True for a tag: `[a-zA-Z0-9_][a-zA-Z0-9._-]{0,127}`.
[[nodiscard]] bool is_tag(std::string_view tag);

/// A registry error response: `{"errors":[{"code","message","detail"}]}` with `status`.
[[nodiscard]] http::Response registry_error(int status, std::string_view code, std::string_view message);

}  // namespace hoplite::oci
