#include "fakes/memory_registry.hpp"

#include <nlohmann/json.hpp>

#include "hoplite/core/base64.hpp"
#include "hoplite/core/percent.hpp"
#include "hoplite/core/sha256.hpp"
#include "hoplite/http/in_process_client.hpp"

namespace hoplite::testing {
namespace {

http::Response error_response(int status, const std::string& code, const std::string& message) {
  return oci::registry_error(status, code, message);
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
  storage_.put_blob(repository, bytes);
}

bool MemoryRegistry::has_blob(const std::string& repository, const std::string& digest) const {
  return storage_.has_blob(repository, digest);
}

std::optional<std::string> MemoryRegistry::manifest(const std::string& repository, const std::string& reference) const {
  return storage_.manifest(repository, reference);
}

std::size_t MemoryRegistry::manifest_count() const { return storage_.manifest_count(); }

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
  if (realm_.empty()) return header == "Basic " + core::base64_encode(basic_->first + ":" + basic_->second);
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
      storage_.drop_uploads();  // the registry lost the sessions with the connection
      return core::fail(core::Error{
          "http.transport", request.method + " " + path + ": connection reset by peer", std::nullopt, true, {}});
    }
    if (fault && fault->kind == Fault::Kind::kRestart) storage_.drop_uploads();
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
  http::Response resp;
  bool pass = false;
  {
    std::lock_guard lock(mutex_);
    if (!realm_.empty() && path == realm_.substr(realm_.find('/', realm_.find("://") + 3))) {
      resp = handle_token(req, query);
    } else if (!authorized(req)) {
      resp = challenge();
    } else {
      pass = true;
    }
  }
  // The registry itself runs outside the lock: its storage guards itself, and a slow upload must
  // not hold up other workers.
  if (pass) resp = server_.handle(req);
  std::lock_guard lock(mutex_);
  log_.push_back(req.method + " " + path + " " + std::to_string(resp.status));
  return resp;
}

http::Response MemoryRegistry::handle_token(const http::ServerRequest& req, const std::string& query) {
  auto header = req.headers.get("Authorization").value_or("");
  if (header != "Basic " + core::base64_encode(basic_->first + ":" + basic_->second))
    return error_response(401, "UNAUTHORIZED", "bad credentials");
  for (const auto& field : core::form_decode(query))
    if (field.first == "scope") token_scopes_.push_back(field.second);
  std::string token = "token-" + std::to_string(++next_id_);
  tokens_.insert(token);
  http::Response r;
  r.status = 200;
  r.body = nlohmann::json{{"token", token}}.dump();
  return r;
}

}  // namespace hoplite::testing
