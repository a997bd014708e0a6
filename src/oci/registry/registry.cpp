#include "hoplite/oci/registry.hpp"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "hoplite/core/ascii.hpp"
#include "hoplite/core/json.hpp"
#include "hoplite/core/percent.hpp"
#include "hoplite/core/sha256.hpp"
#include "hoplite/core/terminal_text.hpp"
#include "hoplite/http/retry_after.hpp"
#include "hoplite/http/url.hpp"
#include "hoplite/oci/media_type.hpp"
#include "hoplite/oci/registry_server.hpp"  // kMaxManifestBytes: what a registry stores, a pull accepts
#include "oci/registry/url.hpp"

namespace hoplite::oci {
namespace {

std::string status_text(int status) {
  switch (status) {
    case 400:
      return "Bad Request";
    case 401:
      return "Unauthorized";
    case 403:
      return "Forbidden";
    case 404:
      return "Not Found";
    case 405:
      return "Method Not Allowed";
    case 408:
      return "Request Timeout";
    case 413:
      return "Payload Too Large";
    case 416:
      return "Range Not Satisfiable";
    case 429:
      return "Too Many Requests";
    case 500:
      return "Internal Server Error";
    case 502:
      return "Bad Gateway";
    case 503:
      return "Service Unavailable";
    case 504:
      return "Gateway Timeout";
    default:
      return "";
  }
}

/// `METHOD /path` without scheme, host or query: upload locations carry session state.
std::string describe(const http::Request& request) {
  std::string url = http::redact_url(request.url);
  auto scheme = url.find("://");
  auto path = url.find('/', scheme == std::string::npos ? 0 : scheme + 3);
  return request.method + " " + (path == std::string::npos ? "/" : url.substr(path));
}

bool retryable_status(int status) { return status >= 500 || status == 429 || status == 408; }

/// A tag or digest as one URL path segment: a digest keeps its ':' (a valid path character that
/// registries expect raw); anything else is percent-encoded, so no name can add a segment, a query
/// or a fragment.
std::string segment(std::string_view tag_or_digest) {
  return is_sha256_digest(tag_or_digest) ? std::string(tag_or_digest) : core::percent_encode(tag_or_digest);
}

}  // namespace

core::Error registry_error(const http::Request& request, const http::Response& response, std::string_view registry,
                           core::TimePoint now) {
  std::string code = "registry.http_" + std::to_string(response.status);
  std::string detail;
  auto parsed = core::parse_json(response.body, "the registry's error body");
  const nlohmann::json doc = parsed ? std::move(*parsed) : nlohmann::json();
  if (doc.is_object() && doc.contains("errors") && doc["errors"].is_array() && !doc["errors"].empty()) {
    const auto& first = doc["errors"][0];
    if (first.contains("code") && first["code"].is_string()) {
      const std::string spec_code = first["code"].get<std::string>();
      detail = spec_code;
      code = "registry." + core::ascii_lower(spec_code);
    }
    if (first.contains("message") && first["message"].is_string())
      detail += (detail.empty() ? "" : ": ") + first["message"].get<std::string>();
  }
  std::string msg = std::string(registry) + ": " + describe(request) + ": " + std::to_string(response.status);
  if (auto text = status_text(response.status); !text.empty()) msg += " " + text;
  if (!detail.empty()) msg += ": " + detail;
  core::Error e{code, msg, response.status, retryable_status(response.status), {}};
  e.retry_after_ms = http::retry_after_ms(response, now);
  return e;
}

core::RetryOptions default_registry_retry() {
  return core::RetryOptions{
      .max_attempts = 5, .base = std::chrono::milliseconds(200), .cap = std::chrono::milliseconds(5000)};
}

RepositoryClient::RepositoryClient(Reference ref, http::Client& client, std::shared_ptr<Authenticator> auth,
                                   RegistryOptions options)
    : ref_(std::move(ref)),
      client_(client),
      auth_(std::move(auth)),
      options_(options),
      clock_(options.clock != nullptr ? *options.clock : core::system_clock()),
      retry_(std::make_unique<core::RetryStrategy>(options_.retry)) {
  bool plain = options_.insecure || ref_.is_loopback();
  base_url_ = std::string(plain ? "http://" : "https://") + ref_.api_host();
}

core::Result<void> RepositoryClient::retrying(const std::string& what, const std::function<core::Result<void>()>& fn) {
  core::RetryCall call{.what = ref_.registry + ": " + what, .deadline = options_.deadline};
  return core::with_retries<void>(*retry_, clock_, call, [&](const core::Attempt& a) {
    budget_ = a.budget.value_or(std::chrono::milliseconds(0));
    return fn();
  });
}

core::Result<http::Response> RepositoryClient::send(http::Request request) {
  request.timeout = budget_;
  // At most: anonymous → challenge answered → (expired token) answered again.
  for (int round = 0;; ++round) {
    // Only the origin that challenged gets credentials (see Authenticator).
    std::string sent = auth_->header_for(request.url);
    if (sent.empty()) {
      request.headers.remove("Authorization");
    } else {
      request.headers.set("Authorization", sent);
    }
    auto resp = client_.send(request);
    if (!resp) return resp.failure(ref_.registry + ": " + describe(request));
    if (resp->status != 401 || round == 2) return resp;
    if (auto answered = auth_->answer(request.url, *resp, sent, client_, budget_); !answered) return answered.failure();
  }
}

core::Result<void> RepositoryClient::ping() {
  http::Request req{.method = "GET", .url = base_url_ + "/v2/"};
  return retrying("checking the registry", [&]() -> core::Result<void> {
    auto resp = send(req);
    if (!resp) return resp.failure();
    if (resp->status == 200) return core::ok();
    return core::fail(registry_error(req, *resp, ref_.registry, clock_.now()));
  });
}

core::Result<bool> RepositoryClient::blob_exists(const std::string& digest) {
  http::Request req{.method = "HEAD", .url = repository_url("/blobs/" + segment(digest))};
  bool exists = false;
  auto r = retrying("checking blob " + digest, [&]() -> core::Result<void> {
    auto resp = send(req);
    if (!resp) return resp.failure();
    if (resp->status == 200) {
      exists = true;
      return core::ok();
    }
    if (resp->status == 404) {
      exists = false;
      return core::ok();
    }
    return core::fail(registry_error(req, *resp, ref_.registry, clock_.now()));
  });
  if (!r) return r.failure();
  return exists;
}

core::Result<bool> RepositoryClient::mount_blob(const std::string& digest, const std::string& from_repository) {
  http::Request req{.method = "POST", .url = repository_url("/blobs/uploads/")};
  req.url = detail::add_query(detail::add_query(req.url, "mount", digest), "from", from_repository);
  bool mounted = false;
  auto r = retrying("mounting blob " + digest, [&]() -> core::Result<void> {
    auto resp = send(req);
    if (!resp) return resp.failure();
    if (resp->status == 201) {
      mounted = true;
      return core::ok();
    }
    // 202: the registry started an upload session instead; we abandon it and upload normally
    // (sessions expire on their own). A registry without mount support may answer 404/405 too.
    if (resp->status == 202 || resp->status == 404 || resp->status == 405) return core::ok();
    return core::fail(registry_error(req, *resp, ref_.registry, clock_.now()));
  });
  if (!r) return r.failure();
  return mounted;
}

core::Result<void> RepositoryClient::check_digest(const http::Response& resp, const std::string& expected,
                                                  std::string_view what) {
  // The spec says registries SHOULD report it; when they do, it must be ours.
  auto reported = resp.headers.get("Docker-Content-Digest");
  if (reported && *reported != expected) {
    return core::fail(core::Error{"registry.digest_mismatch",
                                  ref_.registry + ": " + std::string(what) + ": registry reports digest " + *reported +
                                      " for content whose digest is " + expected,
                                  resp.status,
                                  false,
                                  {}});
  }
  return core::ok();
}

std::string RepositoryClient::repository_url(std::string_view tail) const {
  return base_url_ + "/v2/" + core::percent_encode_path(ref_.repository) + std::string(tail);
}

core::Result<std::string> RepositoryClient::location_url(std::string_view location, std::string_view what) const {
  std::string url = detail::resolve_location(base_url_, location);
  auto parsed = http::parse_url(url);
  auto protocol_error = [&](std::string_view why) {
    return core::fail(core::Error{
        "registry.protocol", ref_.registry + ": " + std::string(what) + ": " + std::string(why), {}, false, {}});
  };
  if (!parsed) return protocol_error("the upload Location is not a valid URL");
  // Blob bytes asked for over TLS must not continue in clear text. (A Location on another host is
  // followed, without credentials: see Authenticator::header_for.)
  if (base_url_.starts_with("https://") && parsed->scheme != "https")
    return protocol_error("the upload Location " + http::origin(*parsed) + " downgrades HTTPS to plain HTTP");
  return url;
}

namespace {

/// An error inside an upload session. BLOB_UPLOAD_UNKNOWN there means the registry lost the
/// session (it expired, or the registry restarted), not that the blob is wrong: the upload is
/// retried from a fresh POST, as for a 5xx.
core::Error session_error(const http::Request& request, const http::Response& response, std::string_view registry,
                          core::TimePoint now) {
  auto e = registry_error(request, response, registry, now);
  if (e.code == "registry.blob_upload_unknown") e.retryable = true;
  return e;
}

}  // namespace

core::Result<void> RepositoryClient::upload_once(std::string_view bytes, const std::string& digest,
                                                 const BytesCallback& on_bytes) {
  if (on_bytes) on_bytes(0);
  http::Request start{.method = "POST", .url = repository_url("/blobs/uploads/")};
  auto started = send(start);
  if (!started) return started.failure();
  if (started->status != 202) return core::fail(registry_error(start, *started, ref_.registry, clock_.now()));
  auto location = started->headers.get("Location");
  if (!location || location->empty())
    return core::fail(core::Error{"registry.protocol",
                                  ref_.registry + ": " + describe(start) + " returned no Location",
                                  started->status,
                                  false,
                                  {}});
  auto url = location_url(*location, describe(start));
  if (!url) return url.failure();

  std::string_view closing_body = bytes;
  if (bytes.size() > options_.chunk_threshold) {
    std::uint64_t chunk = std::max<std::uint64_t>(1, options_.chunk_size);
    if (auto min = started->headers.get("OCI-Chunk-Min-Length")) {
      try {
        chunk = std::max<std::uint64_t>(chunk, std::stoull(*min));
      } catch (const std::exception&) {  // a malformed hint is ignored
      }
    }
    for (std::uint64_t offset = 0; offset < bytes.size(); offset += chunk) {
      std::uint64_t n = std::min<std::uint64_t>(chunk, bytes.size() - offset);
      http::Request patch{.method = "PATCH", .url = *url};
      patch.headers.set("Content-Type", "application/octet-stream");
      patch.headers.set("Content-Range", std::to_string(offset) + "-" + std::to_string(offset + n - 1));
      patch.body = std::string(bytes.substr(offset, n));
      auto resp = send(patch);
      if (!resp) return resp.failure();
      if (resp->status != 202) return core::fail(session_error(patch, *resp, ref_.registry, clock_.now()));
      if (auto next = resp->headers.get("Location"); next && !next->empty()) {
        url = location_url(*next, describe(patch));
        if (!url) return url.failure();
      }
      if (on_bytes) on_bytes(offset + n);
    }
    closing_body = {};
  }

  http::Request put{.method = "PUT", .url = detail::add_query(*url, "digest", digest)};
  put.headers.set("Content-Type", "application/octet-stream");
  put.body = std::string(closing_body);
  auto done = send(put);
  if (!done) return done.failure();
  if (done->status != 201 && done->status != 204)
    return core::fail(session_error(put, *done, ref_.registry, clock_.now()));
  if (auto ok = check_digest(*done, digest, describe(put)); !ok) return ok;
  if (on_bytes) on_bytes(bytes.size());
  return core::ok();
}

core::Result<void> RepositoryClient::upload_blob(std::string_view bytes, const std::string& digest,
                                                 const BytesCallback& on_bytes) {
  return retrying("uploading blob " + digest, [&] { return upload_once(bytes, digest, on_bytes); });
}

core::Result<std::string> RepositoryClient::put_manifest(std::string_view bytes, const std::string& media_type,
                                                         const std::string& reference) {
  std::string digest = "sha256:" + core::sha256_hex(bytes);
  if (!is_valid_tag(reference) && !is_sha256_digest(reference))
    return core::fail("oci.reference", "cannot push a manifest as '" + core::terminal_safe(reference, 200) +
                                           "': not a tag ([a-zA-Z0-9_][a-zA-Z0-9._-]{0,127}) or a sha256 digest");
  http::Request req{.method = "PUT", .url = repository_url("/manifests/" + segment(reference))};
  req.headers.set("Content-Type", media_type);
  req.body = std::string(bytes);
  auto r = retrying("pushing manifest " + digest, [&]() -> core::Result<void> {
    auto resp = send(req);
    if (!resp) return resp.failure();
    if (resp->status != 201 && resp->status != 200)
      return core::fail(registry_error(req, *resp, ref_.registry, clock_.now()));
    return check_digest(*resp, digest, describe(req));
  });
  if (!r) return r.failure();
  return digest;
}

core::Result<FetchedManifest> RepositoryClient::get_manifest(const std::string& reference) {
  if (!is_valid_tag(reference) && !is_sha256_digest(reference))
    return core::fail("oci.reference", "cannot fetch manifest '" + core::terminal_safe(reference, 200) +
                                           "': not a tag or a sha256 digest");
  http::Request req{.method = "GET", .url = repository_url("/manifests/" + segment(reference))};
  req.headers.set("Accept", std::string(kOciManifest) + ", " + std::string(kDockerManifest) + ", " +
                                std::string(kOciIndex) + ", " + std::string(kDockerManifestList));
  FetchedManifest out;
  auto r = retrying("fetching manifest " + reference, [&]() -> core::Result<void> {
    auto resp = send(req);
    if (!resp) return resp.failure();
    if (resp->status != 200) return core::fail(registry_error(req, *resp, ref_.registry, clock_.now()));
    if (resp->body.size() > kMaxManifestBytes)
      return core::fail("registry.manifest_invalid", ref_.registry + ": " + describe(req) + ": manifest larger than " +
                                                         std::to_string(kMaxManifestBytes) + " bytes");
    out.bytes = std::move(resp->body);
    out.media_type = resp->headers.get("Content-Type").value_or("");
    if (auto semi = out.media_type.find(';'); semi != std::string::npos) out.media_type.resize(semi);
    return core::ok();
  });
  if (!r) return r.failure();
  out.digest = "sha256:" + core::sha256_hex(out.bytes);
  // A manifest asked for by digest must be that digest: the registry is not trusted.
  if (is_sha256_digest(reference) && out.digest != reference)
    return core::fail("registry.digest_mismatch",
                      ref_.registry + ": manifest " + reference + " has digest " + out.digest);
  if (out.media_type.empty() || (!is_manifest(out.media_type) && !is_index(out.media_type))) {
    // Some registries answer application/json: take the document's own mediaType.
    auto doc = core::parse_json(out.bytes, "the manifest");
    if (doc && doc->is_object() && doc->contains("mediaType") && (*doc)["mediaType"].is_string())
      out.media_type = (*doc)["mediaType"].get<std::string>();
  }
  return out;
}

core::Result<std::string> RepositoryClient::get_blob(const std::string& digest, std::uint64_t max_bytes) {
  if (!is_sha256_digest(digest))
    return core::fail("oci.digest", "not a sha256 digest: " + core::terminal_safe(digest, 100));
  http::Request req{.method = "GET", .url = repository_url("/blobs/" + segment(digest))};
  std::string bytes;
  auto r = retrying("fetching blob " + digest, [&]() -> core::Result<void> {
    auto resp = send(req);
    if (!resp) return resp.failure();
    if (resp->status != 200) return core::fail(registry_error(req, *resp, ref_.registry, clock_.now()));
    if (resp->body.size() > max_bytes)
      return core::fail("oci.limit",
                        ref_.registry + ": blob " + digest + " is larger than " + std::to_string(max_bytes) + " bytes");
    bytes = std::move(resp->body);
    return core::ok();
  });
  if (!r) return r.failure();
  if ("sha256:" + core::sha256_hex(bytes) != digest)
    return core::fail("registry.digest_mismatch", ref_.registry + ": blob " + digest + " does not hash to its digest");
  return bytes;
}

}  // namespace hoplite::oci
