#include "hoplite/oci/registry.hpp"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "hoplite/core/sha256.hpp"
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

}  // namespace

core::Error registry_error(const http::Request& request, const http::Response& response, std::string_view registry) {
  std::string code = "registry.http_" + std::to_string(response.status);
  std::string detail;
  auto doc = nlohmann::json::parse(response.body, nullptr, false);
  if (doc.is_object() && doc.contains("errors") && doc["errors"].is_array() && !doc["errors"].empty()) {
    const auto& first = doc["errors"][0];
    if (first.contains("code") && first["code"].is_string()) {
      std::string spec_code = first["code"].get<std::string>();
      detail = spec_code;
      std::transform(spec_code.begin(), spec_code.end(), spec_code.begin(),
                     [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
      code = "registry." + spec_code;
    }
    if (first.contains("message") && first["message"].is_string())
      detail += (detail.empty() ? "" : ": ") + first["message"].get<std::string>();
  }
  std::string msg = std::string(registry) + ": " + describe(request) + ": " + std::to_string(response.status);
  if (auto text = status_text(response.status); !text.empty()) msg += " " + text;
  if (!detail.empty()) msg += ": " + detail;
  return core::Error{code, msg, response.status, retryable_status(response.status), {}};
}

core::Result<void> with_retries(const RetryPolicy& policy, core::Clock& clock, const std::string& what,
                                const std::function<core::Result<void>()>& attempt, const RetryCallback& on_retry) {
  auto delay = policy.initial_delay;
  for (int n = 1;; ++n) {
    auto r = attempt();
    if (r || !r.error().retryable) return r;
    if (n >= std::max(1, policy.max_attempts)) {
      return core::fail(r.error().context(what + " (gave up after " + std::to_string(n) + " attempts)"));
    }
    if (on_retry) on_retry(what, r.error(), static_cast<long long>(delay.count()));
    clock.sleep_for(delay);
    delay = std::min(delay * 2, policy.max_delay);
  }
}

RepositoryClient::RepositoryClient(Reference ref, http::Client& client, std::shared_ptr<Authenticator> auth,
                                   RegistryOptions options)
    : ref_(std::move(ref)),
      client_(client),
      auth_(std::move(auth)),
      options_(options),
      clock_(options.clock != nullptr ? *options.clock : core::system_clock()) {
  bool plain = options_.insecure || ref_.is_loopback();
  base_url_ = std::string(plain ? "http://" : "https://") + ref_.api_host();
}

core::Result<http::Response> RepositoryClient::send(http::Request request) {
  // At most: anonymous → challenge answered → (expired token) answered again.
  for (int round = 0;; ++round) {
    std::string sent = auth_->header();
    if (sent.empty()) {
      request.headers.remove("Authorization");
    } else {
      request.headers.set("Authorization", sent);
    }
    auto resp = client_.send(request);
    if (!resp) return resp.failure(ref_.registry + ": " + describe(request));
    if (resp->status != 401 || round == 2) return resp;
    if (auto answered = auth_->answer(*resp, sent, client_); !answered) return answered.failure();
  }
}

core::Result<void> RepositoryClient::ping() {
  http::Request req{.method = "GET", .url = base_url_ + "/v2/"};
  return with_retries(options_.retry, clock_, "checking registry " + ref_.registry, [&]() -> core::Result<void> {
    auto resp = send(req);
    if (!resp) return resp.failure();
    if (resp->status == 200) return core::ok();
    return core::fail(registry_error(req, *resp, ref_.registry));
  });
}

core::Result<bool> RepositoryClient::blob_exists(const std::string& digest) {
  http::Request req{.method = "HEAD", .url = base_url_ + "/v2/" + ref_.repository + "/blobs/" + digest};
  bool exists = false;
  auto r = with_retries(options_.retry, clock_, "checking blob " + digest, [&]() -> core::Result<void> {
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
    return core::fail(registry_error(req, *resp, ref_.registry));
  });
  if (!r) return r.failure();
  return exists;
}

core::Result<bool> RepositoryClient::mount_blob(const std::string& digest, const std::string& from_repository) {
  http::Request req{.method = "POST", .url = base_url_ + "/v2/" + ref_.repository + "/blobs/uploads/"};
  req.url = detail::add_query(detail::add_query(req.url, "mount", digest), "from", from_repository);
  bool mounted = false;
  auto r = with_retries(options_.retry, clock_, "mounting blob " + digest, [&]() -> core::Result<void> {
    auto resp = send(req);
    if (!resp) return resp.failure();
    if (resp->status == 201) {
      mounted = true;
      return core::ok();
    }
    // 202: the registry started an upload session instead; we abandon it and upload normally
    // (sessions expire on their own). A registry without mount support may answer 404/405 too.
    if (resp->status == 202 || resp->status == 404 || resp->status == 405) return core::ok();
    return core::fail(registry_error(req, *resp, ref_.registry));
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

core::Result<void> RepositoryClient::upload_once(std::string_view bytes, const std::string& digest,
                                                 const BytesCallback& on_bytes) {
  if (on_bytes) on_bytes(0);
  http::Request start{.method = "POST", .url = base_url_ + "/v2/" + ref_.repository + "/blobs/uploads/"};
  auto started = send(start);
  if (!started) return started.failure();
  if (started->status != 202) return core::fail(registry_error(start, *started, ref_.registry));
  auto location = started->headers.get("Location");
  if (!location || location->empty())
    return core::fail(core::Error{"registry.protocol",
                                  ref_.registry + ": " + describe(start) + " returned no Location",
                                  started->status,
                                  false,
                                  {}});
  std::string url = detail::resolve_location(base_url_, *location);

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
      http::Request patch{.method = "PATCH", .url = url};
      patch.headers.set("Content-Type", "application/octet-stream");
      patch.headers.set("Content-Range", std::to_string(offset) + "-" + std::to_string(offset + n - 1));
      patch.body = std::string(bytes.substr(offset, n));
      auto resp = send(patch);
      if (!resp) return resp.failure();
      if (resp->status != 202) return core::fail(registry_error(patch, *resp, ref_.registry));
      if (auto next = resp->headers.get("Location"); next && !next->empty())
        url = detail::resolve_location(base_url_, *next);
      if (on_bytes) on_bytes(offset + n);
    }
    closing_body = {};
  }

  http::Request put{.method = "PUT", .url = detail::add_query(url, "digest", digest)};
  put.headers.set("Content-Type", "application/octet-stream");
  put.body = std::string(closing_body);
  auto done = send(put);
  if (!done) return done.failure();
  if (done->status != 201 && done->status != 204) return core::fail(registry_error(put, *done, ref_.registry));
  if (auto ok = check_digest(*done, digest, describe(put)); !ok) return ok;
  if (on_bytes) on_bytes(bytes.size());
  return core::ok();
}

core::Result<void> RepositoryClient::upload_blob(std::string_view bytes, const std::string& digest,
                                                 const BytesCallback& on_bytes, const RetryCallback& on_retry) {
  return with_retries(
      options_.retry, clock_, "uploading blob " + digest, [&] { return upload_once(bytes, digest, on_bytes); },
      on_retry);
}

core::Result<std::string> RepositoryClient::put_manifest(std::string_view bytes, const std::string& media_type,
                                                         const std::string& reference, const RetryCallback& on_retry) {
  std::string digest = "sha256:" + core::sha256_hex(bytes);
  http::Request req{.method = "PUT", .url = base_url_ + "/v2/" + ref_.repository + "/manifests/" + reference};
  req.headers.set("Content-Type", media_type);
  req.body = std::string(bytes);
  auto r = with_retries(
      options_.retry, clock_, "pushing manifest " + digest,
      [&]() -> core::Result<void> {
        auto resp = send(req);
        if (!resp) return resp.failure();
        if (resp->status != 201 && resp->status != 200) return core::fail(registry_error(req, *resp, ref_.registry));
        return check_digest(*resp, digest, describe(req));
      },
      on_retry);
  if (!r) return r.failure();
  return digest;
}

}  // namespace hoplite::oci
