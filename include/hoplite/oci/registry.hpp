#pragma once
/// \file
/// The OCI distribution API for one repository: the requests a push needs (ping, HEAD blob,
/// cross-repository mount, monolithic and chunked upload, PUT manifest), with authentication and
/// retries. Spec: https://github.com/opencontainers/distribution-spec/blob/v1.1.1/spec.md

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "hoplite/core/clock.hpp"
#include "hoplite/core/result.hpp"
#include "hoplite/core/retry.hpp"
#include "hoplite/http/client.hpp"
#include "hoplite/oci/auth.hpp"
#include "hoplite/oci/reference.hpp"

namespace hoplite::oci {

/// The registry's retry settings: 5 attempts, full-jitter backoff from 200 ms capped at 5 s, a
/// `Retry-After` honoured up to 20 s.
[[nodiscard]] core::RetryOptions default_registry_retry();

/// How to reach a registry.
struct RegistryOptions {
  /// Plain HTTP to a non-loopback registry. Default false: HTTPS, except for loopback hosts
  /// (127.0.0.0/8, ::1, localhost), which are spoken to over plain HTTP like docker does.
  bool insecure = false;
  /// Uploads larger than this use chunked PATCH requests; smaller ones one PUT. Default 16 MiB.
  std::uint64_t chunk_threshold = 16ull << 20;
  /// Size of each PATCH of a chunked upload. Default 8 MiB.
  std::uint64_t chunk_size = 8ull << 20;
  /// Retries of each request. A failure is retried when it is marked retryable: 5xx, 429, 408
  /// and dropped or refused connections. Default: default_registry_retry().
  core::RetryOptions retry = default_registry_retry();
  /// The instant by which every request (retries and waits included) must be over; default none.
  /// Each attempt gets its share of the time left as its HTTP timeout (core::Attempt::budget).
  std::optional<core::TimePoint> deadline;
  core::Clock* clock = nullptr;  ///< sleeps between retries; default: the system clock
};

/// A manifest or index as a registry served it.
struct FetchedManifest {
  std::string bytes;       ///< exactly as served (what the digest is over)
  std::string media_type;  ///< the Content-Type, or the document's own `mediaType`
  std::string digest;      ///< `sha256:` of `bytes`
};

/// Called with the bytes of a blob the registry has acknowledged so far.
using BytesCallback = std::function<void(std::uint64_t sent)>;
/// Requests against one repository. Not thread-safe (one per worker thread: each has its own
/// http::Client); the Authenticator may be shared so that all workers use one token.
///
/// Every operation retries on its own (a blob upload restarts from a fresh POST), so callers
/// only see final outcomes. Errors carry codes `registry.<spec error code in lower case>` (e.g.
/// `registry.digest_invalid`) or `registry.http_<status>`, the HTTP status, the method and the
/// redacted path, never credentials.
class RepositoryClient {
 public:
  /// A client for `ref`'s repository over `client` (which must outlive it), answering challenges with `auth`.
  RepositoryClient(Reference ref, http::Client& client, std::shared_ptr<Authenticator> auth, RegistryOptions options);

  /// `https://host` or `http://host` (loopback or insecure).
  [[nodiscard]] const std::string& base_url() const { return base_url_; }

  /// `GET /v2/`: checks the registry answers and settles authentication before any upload.
  core::Result<void> ping();
  /// `HEAD /v2/<name>/blobs/<digest>`: true when the registry has the blob.
  core::Result<bool> blob_exists(const std::string& digest);
  /// `POST …/blobs/uploads/?mount=<digest>&from=<from>`: true when mounted (201), false when the
  /// registry declined (202) and the blob must be uploaded.
  core::Result<bool> mount_blob(const std::string& digest, const std::string& from_repository);
  /// Uploads `bytes`, whose digest is `digest`: POST, then one PUT (small) or PATCHes and a
  /// closing PUT (larger than `chunk_threshold`). Fails with `registry.digest_mismatch` when the
  /// `Docker-Content-Digest` the registry reports differs from `digest`. An upload `Location` on
  /// another host is followed without credentials; one that downgrades HTTPS to HTTP is refused
  /// (`registry.protocol`).
  core::Result<void> upload_blob(std::string_view bytes, const std::string& digest, const BytesCallback& on_bytes = {});
  /// `PUT /v2/<name>/manifests/<reference>` with `Content-Type: media_type`; returns the digest
  /// of the stored manifest after checking it equals sha256 of `bytes`.
  core::Result<std::string> put_manifest(std::string_view bytes, const std::string& media_type,
                                         const std::string& reference);
  /// `GET /v2/<name>/manifests/<reference>` (a tag or digest), accepting OCI and Docker v2
  /// manifests and indexes. A manifest fetched by digest must hash to it
  /// (`registry.digest_mismatch`); larger than kMaxManifestBytes: `registry.manifest_invalid`.
  core::Result<FetchedManifest> get_manifest(const std::string& reference);
  /// `GET /v2/<name>/blobs/<digest>`, held in memory: at most `max_bytes` (`oci.limit`), and the
  /// bytes must hash to `digest` (`registry.digest_mismatch`).
  core::Result<std::string> get_blob(const std::string& digest, std::uint64_t max_bytes);

 private:
  core::Result<http::Response> send(http::Request request);
  /// Runs `fn` through the retry engine; requests sent meanwhile get the attempt's time budget.
  core::Result<void> retrying(const std::string& what, const std::function<core::Result<void>()>& fn);
  core::Result<void> upload_once(std::string_view bytes, const std::string& digest, const BytesCallback& on_bytes);
  core::Result<void> check_digest(const http::Response& resp, const std::string& expected, std::string_view what);
  /// `<base>/v2/<repository><tail>`, the repository percent-encoded.
  [[nodiscard]] std::string repository_url(std::string_view tail) const;
  /// An upload `Location` made absolute; `registry.protocol` when invalid or a downgrade to HTTP.
  core::Result<std::string> location_url(std::string_view location, std::string_view what) const;

  Reference ref_;
  http::Client& client_;
  std::shared_ptr<Authenticator> auth_;
  RegistryOptions options_;
  core::Clock& clock_;
  std::unique_ptr<core::RetryStrategy> retry_;
  std::chrono::milliseconds budget_{0};  ///< the running attempt's share of the deadline
  std::string base_url_;
};

/// An error for an unexpected registry status: the spec's JSON error body (`errors[0].code` and
/// `message`) when present, else the status line. Retryable for 5xx, 408 and 429; carries the
/// response's `Retry-After` (relative to `now`).
[[nodiscard]] core::Error registry_error(const http::Request& request, const http::Response& response,
                                         std::string_view registry, core::TimePoint now);

}  // namespace hoplite::oci
