#include "fakes/memory_registry.hpp"

#include <nlohmann/json.hpp>

#include "hoplite/core/sha256.hpp"
#include "hoplite/http/in_process_client.hpp"

namespace hoplite::testing {
namespace {

std::string encode64(std::string_view data) {
  static constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  std::uint32_t acc = 0;
  int bits = 0;
  for (unsigned char c : data) {
    acc = (acc << 8) | c;
    bits += 8;
    while (bits >= 6) {
      bits -= 6;
      out += kAlphabet[(acc >> bits) & 63];
    }
  }
  if (bits > 0) out += kAlphabet[(acc << (6 - bits)) & 63];
  while (out.size() % 4 != 0) out += '=';
  return out;
}

std::string decode_percent(std::string_view s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size()) {
      out += static_cast<char>(std::stoi(std::string(s.substr(i + 1, 2)), nullptr, 16));
      i += 2;
    } else {
      out += s[i];
    }
  }
  return out;
}

std::multimap<std::string, std::string> parse_query(const std::string& query) {
  std::multimap<std::string, std::string> out;
  std::size_t start = 0;
  while (start < query.size()) {
    auto end = query.find('&', start);
    if (end == std::string::npos) end = query.size();
    auto part = query.substr(start, end - start);
    auto eq = part.find('=');
    if (eq == std::string::npos) {
      out.emplace(decode_percent(part), "");
    } else {
      out.emplace(decode_percent(part.substr(0, eq)), decode_percent(part.substr(eq + 1)));
    }
    start = end + 1;
  }
  return out;
}

std::string query_value(const std::multimap<std::string, std::string>& q, const std::string& key) {
  auto it = q.find(key);
  return it == q.end() ? std::string() : it->second;
}

http::Response error_response(int status, const std::string& code, const std::string& message) {
  http::Response r;
  r.status = status;
  r.headers.set("Content-Type", "application/json");
  r.body = nlohmann::json{{"errors", {{{"code", code}, {"message", message}}}}}.dump();
  return r;
}

std::string digest_of(std::string_view bytes) { return "sha256:" + core::sha256_hex(bytes); }

}  // namespace

void MemoryRegistry::require_basic(std::string user, std::string password) {
  std::lock_guard lock(mutex_);
  basic_ = {std::move(user), std::move(password)};
  realm_.clear();
}

void MemoryRegistry::require_bearer(std::string realm, std::string service, std::string user, std::string password) {
  std::lock_guard lock(mutex_);
  basic_ = {std::move(user), std::move(password)};
  realm_ = std::move(realm);
  service_ = std::move(service);
}

void MemoryRegistry::add_fault(Fault fault) {
  std::lock_guard lock(mutex_);
  faults_.push_back(std::move(fault));
}

void MemoryRegistry::put_blob(const std::string& repository, const std::string& bytes) {
  std::lock_guard lock(mutex_);
  auto d = digest_of(bytes);
  blobs_[d] = bytes;
  repo_blobs_[repository].insert(d);
}

bool MemoryRegistry::has_blob(const std::string& repository, const std::string& digest) const {
  std::lock_guard lock(mutex_);
  auto it = repo_blobs_.find(repository);
  return it != repo_blobs_.end() && it->second.contains(digest);
}

std::optional<std::string> MemoryRegistry::manifest(const std::string& repository, const std::string& reference) const {
  std::lock_guard lock(mutex_);
  auto repo = manifests_.find(repository);
  if (repo == manifests_.end()) return std::nullopt;
  auto it = repo->second.find(reference);
  if (it == repo->second.end()) return std::nullopt;
  return it->second;
}

std::size_t MemoryRegistry::manifest_count() const {
  std::lock_guard lock(mutex_);
  std::size_t n = 0;
  for (const auto& [repo, refs] : manifests_) n += refs.size();
  return n;
}

std::vector<std::string> MemoryRegistry::log() const {
  std::lock_guard lock(mutex_);
  return log_;
}

int MemoryRegistry::count(const std::string& method, const std::string& path_contains) const {
  std::lock_guard lock(mutex_);
  int n = 0;
  for (const auto& line : log_)
    if (line.starts_with(method + " ") && line.find(path_contains) != std::string::npos) ++n;
  return n;
}

std::vector<std::string> MemoryRegistry::token_scopes() const {
  std::lock_guard lock(mutex_);
  return token_scopes_;
}

bool MemoryRegistry::authorized(const http::ServerRequest& req) const {
  if (!basic_) return true;
  auto header = req.headers.get("Authorization").value_or("");
  if (realm_.empty()) return header == "Basic " + encode64(basic_->first + ":" + basic_->second);
  return header.starts_with("Bearer ") && tokens_.contains(header.substr(7));
}

http::Response MemoryRegistry::challenge() const {
  auto r = error_response(401, "UNAUTHORIZED", "authentication required");
  if (realm_.empty()) {
    r.headers.set("WWW-Authenticate", "Basic realm=\"memory-registry\"");
  } else {
    r.headers.set("WWW-Authenticate", "Bearer realm=\"" + realm_ + "\",service=\"" + service_ + "\"");
  }
  return r;
}

core::Result<http::Response> MemoryRegistry::send(const http::Request& request) {
  std::string url = request.url;
  auto scheme = url.find("://");
  auto path_start = url.find('/', scheme == std::string::npos ? 0 : scheme + 3);
  std::string path = path_start == std::string::npos ? "/" : url.substr(path_start);
  path = path.substr(0, path.find('?'));
  std::optional<Fault> fault;
  {
    std::lock_guard lock(mutex_);
    for (auto it = faults_.begin(); it != faults_.end(); ++it) {
      if (it->method == request.method && path.find(it->path_contains) != std::string::npos) {
        if (it->skip-- > 0) continue;
        fault = *it;
        faults_.erase(it);
        break;
      }
    }
    if (fault && fault->kind == Fault::Kind::kDrop) {
      log_.push_back(request.method + " " + path + " dropped");
      uploads_.clear();  // the registry lost the sessions with the connection
      return core::fail(core::Error{
          "http.transport", request.method + " " + path + ": connection reset by peer", std::nullopt, true, {}});
    }
    if (fault && fault->kind == Fault::Kind::kStatus) {
      auto resp = error_response(fault->status, fault->status == 429 ? "TOOMANYREQUESTS" : "UNKNOWN", "injected fault");
      log_.push_back(request.method + " " + path + " " + std::to_string(resp.status));
      return resp;
    }
  }
  auto resp = http::InProcessClient(*this).send(request);
  if (resp && fault && fault->kind == Fault::Kind::kWrongDigest && resp->headers.has("Docker-Content-Digest"))
    resp->headers.set("Docker-Content-Digest", digest_of("not the content"));
  return resp;
}

http::Response MemoryRegistry::handle(http::ServerRequest& req) {
  std::string path(req.path());
  std::string query(req.query());
  auto body = req.body.read_all(1 << 30);
  std::lock_guard lock(mutex_);
  http::Response resp;
  if (!body) {
    resp = error_response(400, "BLOB_UPLOAD_INVALID", body.error().message);
  } else if (!realm_.empty() && path == realm_.substr(realm_.find('/', realm_.find("://") + 3))) {
    resp = handle_token(req, query);
  } else if (!authorized(req)) {
    resp = challenge();
  } else {
    resp = route(req, *body, path, query);
  }
  log_.push_back(req.method + " " + path + " " + std::to_string(resp.status));
  return resp;
}

http::Response MemoryRegistry::handle_token(const http::ServerRequest& req, const std::string& query) {
  auto header = req.headers.get("Authorization").value_or("");
  if (header != "Basic " + encode64(basic_->first + ":" + basic_->second))
    return error_response(401, "UNAUTHORIZED", "bad credentials");
  auto q = parse_query(query);
  for (auto [it, end] = q.equal_range("scope"); it != end; ++it) token_scopes_.push_back(it->second);
  std::string token = "token-" + std::to_string(++next_id_);
  tokens_.insert(token);
  http::Response r;
  r.status = 200;
  r.body = nlohmann::json{{"token", token}}.dump();
  return r;
}

http::Response MemoryRegistry::route(const http::ServerRequest& req, const std::string& body, const std::string& path,
                                     const std::string& query) {
  if (path == "/v2/" || path == "/v2") return http::Response{200, {}, "{}"};
  if (!path.starts_with("/v2/")) return error_response(404, "NOT_FOUND", "not found");
  auto q = parse_query(query);
  std::string rest = path.substr(4);

  if (auto pos = rest.find("/blobs/uploads/"); pos != std::string::npos) {
    std::string repo = rest.substr(0, pos);
    std::string id = rest.substr(pos + 15);
    if (req.method == "POST" && id.empty()) {
      std::string mount = query_value(q, "mount");
      std::string from = query_value(q, "from");
      if (!mount.empty() && repo_blobs_[from].contains(mount)) {
        repo_blobs_[repo].insert(mount);
        http::Response r{201, {}, {}};
        r.headers.set("Location", "/v2/" + repo + "/blobs/" + mount);
        r.headers.set("Docker-Content-Digest", mount);
        return r;
      }
      std::string new_id = "upload-" + std::to_string(++next_id_);
      uploads_[new_id] = Upload{repo, {}};
      http::Response r{202, {}, {}};
      r.headers.set("Location", "/v2/" + repo + "/blobs/uploads/" + new_id + "?_state=opaque");
      r.headers.set("Range", "0-0");
      return r;
    }
    auto up = uploads_.find(id);
    if (up == uploads_.end() || up->second.repository != repo)
      return error_response(404, "BLOB_UPLOAD_UNKNOWN", "blob upload unknown to registry");
    if (req.method == "PATCH") {
      if (auto range = req.headers.get("Content-Range")) {
        auto dash = range->find('-');
        if (dash == std::string::npos || std::stoull(range->substr(0, dash)) != up->second.data.size())
          return error_response(416, "BLOB_UPLOAD_INVALID", "out of order chunk");
      }
      up->second.data += body;
      http::Response r{202, {}, {}};
      r.headers.set("Location", "/v2/" + repo + "/blobs/uploads/" + id + "?_state=opaque2");
      r.headers.set("Range", "0-" + std::to_string(up->second.data.size() - 1));
      return r;
    }
    if (req.method == "PUT") {
      std::string expected = query_value(q, "digest");
      std::string data = up->second.data + body;
      uploads_.erase(up);
      if (expected.empty() || digest_of(data) != expected)
        return error_response(400, "DIGEST_INVALID", "provided digest did not match uploaded content");
      blobs_[expected] = data;
      repo_blobs_[repo].insert(expected);
      http::Response r{201, {}, {}};
      r.headers.set("Location", "/v2/" + repo + "/blobs/" + expected);
      r.headers.set("Docker-Content-Digest", expected);
      return r;
    }
    return error_response(405, "UNSUPPORTED", "method not allowed");
  }
  if (auto pos = rest.find("/blobs/"); pos != std::string::npos) {
    std::string repo = rest.substr(0, pos);
    std::string digest = rest.substr(pos + 7);
    if (!repo_blobs_[repo].contains(digest)) return error_response(404, "BLOB_UNKNOWN", "blob unknown to registry");
    http::Response r{200, {}, req.method == "GET" ? blobs_[digest] : std::string()};
    r.headers.set("Docker-Content-Digest", digest);
    r.headers.set("Content-Length", std::to_string(blobs_[digest].size()));
    return r;
  }
  if (auto pos = rest.find("/manifests/"); pos != std::string::npos) {
    std::string repo = rest.substr(0, pos);
    std::string ref = rest.substr(pos + 11);
    if (req.method == "PUT") {
      auto doc = nlohmann::json::parse(body, nullptr, false);
      if (!doc.is_object()) return error_response(400, "MANIFEST_INVALID", "manifest invalid");
      if (doc.contains("mediaType") && doc["mediaType"] != req.headers.get("Content-Type").value_or(""))
        return error_response(400, "MANIFEST_INVALID", "Content-Type does not match mediaType");
      std::vector<std::string> needed;
      if (doc.contains("config")) needed.push_back(doc["config"].value("digest", ""));
      for (const auto& layer : doc.value("layers", nlohmann::json::array()))
        needed.push_back(layer.value("digest", ""));
      for (const auto& d : needed)
        if (!repo_blobs_[repo].contains(d)) return error_response(400, "MANIFEST_BLOB_UNKNOWN", "blob unknown: " + d);
      std::string digest = digest_of(body);
      manifests_[repo][ref] = body;
      manifests_[repo][digest] = body;
      http::Response r{201, {}, {}};
      r.headers.set("Location", "/v2/" + repo + "/manifests/" + digest);
      r.headers.set("Docker-Content-Digest", digest);
      return r;
    }
    auto repo_it = manifests_.find(repo);
    if (repo_it == manifests_.end() || !repo_it->second.contains(ref))
      return error_response(404, "MANIFEST_UNKNOWN", "manifest unknown");
    const std::string& bytes = repo_it->second[ref];
    http::Response r{200, {}, req.method == "GET" ? bytes : std::string()};
    r.headers.set("Docker-Content-Digest", digest_of(bytes));
    return r;
  }
  return error_response(404, "NAME_UNKNOWN", "repository name not known to registry");
}

}  // namespace hoplite::testing
