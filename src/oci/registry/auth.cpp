#include "hoplite/oci/auth.hpp"

#include <array>
#include <cstdlib>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "hoplite/core/base64.hpp"
#include "hoplite/core/file.hpp"
#include "hoplite/core/json.hpp"
#include "hoplite/http/url.hpp"
#include "oci/registry/url.hpp"

namespace hoplite::oci {
namespace {

/// The registry host a docker config key names: `https://index.docker.io/v1/` → `docker.io`.
std::string normalize_registry_key(std::string_view key) {
  if (auto scheme = key.find("://"); scheme != std::string_view::npos) key = key.substr(scheme + 3);
  if (auto slash = key.find('/'); slash != std::string_view::npos) key = key.substr(0, slash);
  std::string host(key);
  if (host == "index.docker.io" || host == "registry-1.docker.io") host = "docker.io";
  return host;
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

}  // namespace

std::filesystem::path docker_config_dir() {
  if (const char* dir = std::getenv("DOCKER_CONFIG"); dir != nullptr && *dir != '\0') return dir;
  const char* home = std::getenv("HOME");
  return std::filesystem::path(home != nullptr ? home : "") / ".docker";
}

core::Result<std::optional<Credentials>> credentials_from_docker_config(std::string_view registry,
                                                                        const std::filesystem::path& dir) {
  auto path = dir / "config.json";
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) return std::optional<Credentials>{};
  auto text = core::read_file(path, core::kSmallDocumentLimits.max_bytes);
  if (!text) return text.failure("reading docker credentials");
  return credentials_from_docker_config_text(*text, registry, path.string());
}

core::Result<std::optional<Credentials>> credentials_from_docker_config_text(std::string_view text,
                                                                             std::string_view registry,
                                                                             const std::string& where) {
  auto bad = [&](std::string_view why) { return core::fail("oci.auth.config", where + ": " + std::string(why)); };
  nlohmann::json doc;
  if (auto parsed = core::parse_json(text, where, core::kSmallDocumentLimits); parsed) {
    doc = std::move(*parsed);
  } else {
    return parsed.failure();
  }
  if (!doc.is_object()) return bad("not a JSON object");
  auto auths = doc.find("auths");
  if (auths == doc.end() || !auths->is_object()) return std::optional<Credentials>{};
  std::string wanted = normalize_registry_key(registry);
  for (auto it = auths->begin(); it != auths->end(); ++it) {
    const std::string& key = it.key();
    const nlohmann::json& entry = it.value();
    if (normalize_registry_key(key) != wanted || !entry.is_object()) continue;
    if (auto auth = entry.find("auth"); auth != entry.end() && auth->is_string() && !auth->get<std::string>().empty()) {
      auto decoded = core::base64_decode(auth->get<std::string>());
      if (!decoded) return bad("the 'auth' of '" + key + "' is not base64");
      auto colon = decoded->find(':');
      if (colon == std::string::npos) return bad("the 'auth' of '" + key + "' is not user:password");
      return std::optional<Credentials>{Credentials{decoded->substr(0, colon), decoded->substr(colon + 1)}};
    }
    auto user = entry.find("username");
    auto pass = entry.find("password");
    if (user != entry.end() && pass != entry.end() && user->is_string() && pass->is_string())
      return std::optional<Credentials>{Credentials{user->get<std::string>(), pass->get<std::string>()}};
  }
  return std::optional<Credentials>{};
}

std::vector<Challenge> parse_www_authenticate(std::string_view header) {
  // challenge = scheme 1*SP param *( "," param ); param = key "=" ( token / quoted-string ).
  constexpr std::size_t kMaxChallenges = 16, kMaxParams = 32, kMaxValue = 4096;
  std::vector<Challenge> out;
  std::size_t i = 0;
  auto skip_space = [&] {
    while (i < header.size() && (header[i] == ' ' || header[i] == '\t' || header[i] == ',')) ++i;
  };
  auto read_token = [&] {
    std::size_t start = i;
    while (i < header.size() && header[i] != ' ' && header[i] != '=' && header[i] != ',' && header[i] != '\t') ++i;
    return std::string(header.substr(start, i - start));
  };
  while (true) {
    skip_space();
    if (i >= header.size()) break;
    std::string word = read_token();
    if (i < header.size() && header[i] == '=') {
      // A parameter of the current challenge.
      ++i;
      std::string value;
      if (i < header.size() && header[i] == '"') {
        ++i;
        while (i < header.size() && header[i] != '"') {
          if (header[i] == '\\' && i + 1 < header.size()) ++i;
          value += header[i++];
        }
        ++i;
      } else {
        std::size_t start = i;
        while (i < header.size() && header[i] != ',' && header[i] != ' ') ++i;
        value = std::string(header.substr(start, i - start));
      }
      if (!out.empty() && out.back().params.size() < kMaxParams && value.size() <= kMaxValue)
        out.back().params[lower(word)] = value;
    } else if (!word.empty()) {
      if (out.size() == kMaxChallenges) break;
      out.push_back(Challenge{lower(word), {}});
    }
  }
  return out;
}

Authenticator::Authenticator(std::string registry, std::optional<Credentials> credentials,
                             std::vector<std::string> scopes)
    : registry_(std::move(registry)), credentials_(std::move(credentials)), scopes_(std::move(scopes)) {}

std::vector<Challenge> challenges_of(const http::Response& response) {
  std::vector<Challenge> out;
  for (const auto& [name, value] : response.headers) {
    if (!http::iequals(name, "WWW-Authenticate")) continue;
    for (auto& c : parse_www_authenticate(value)) out.push_back(std::move(c));
  }
  return out;
}

namespace {
std::string origin_of(std::string_view url) {
  auto u = http::parse_url(url);
  return u ? http::origin(*u) : std::string{};
}
}  // namespace

std::string Authenticator::header_for(std::string_view url) const {
  std::lock_guard lock(mutex_);
  if (header_.empty() || origin_.empty() || origin_of(url) != origin_) return {};
  return header_;
}

core::Error Authenticator::refused(int status, std::string_view detail) const {
  std::string msg = "registry " + registry_;
  if (credentials_) {
    msg += " refused the credentials of user '" + credentials_->username + "'";
  } else {
    msg += " requires authentication and no credentials were given or found in " +
           (docker_config_dir() / "config.json").string();
  }
  msg += " (" + std::to_string(status) + (status == 401 ? " Unauthorized" : status == 403 ? " Forbidden" : "") + ")";
  if (!detail.empty()) msg += ": " + std::string(detail);
  return core::Error{"registry.unauthorized", msg, status, false, {}};
}

core::Result<void> Authenticator::answer(std::string_view request_url, const http::Response& response,
                                         const std::string& sent_header, http::Client& client,
                                         std::chrono::milliseconds timeout) {
  std::lock_guard lock(mutex_);
  const std::string challenger = origin_of(request_url);
  if (challenger.empty()) return core::fail(refused(response.status, "the challenged URL is not valid"));
  if (origin_.empty()) {
    origin_ = challenger;
  } else if (challenger != origin_) {
    // Credentials belong to the origin that challenged first; another host (an upload Location,
    // a redirect) asking for them gets nothing.
    return core::fail(refused(response.status, challenger + " asked for credentials that belong to " + origin_));
  }
  if (header_ != sent_header) return core::ok();  // another worker already answered the challenge
  auto challenges = challenges_of(response);
  const Challenge* bearer = nullptr;
  const Challenge* basic = nullptr;
  for (const auto& c : challenges) {
    if (c.scheme == "bearer" && bearer == nullptr) bearer = &c;
    if (c.scheme == "basic" && basic == nullptr) basic = &c;
  }
  if (bearer != nullptr) {
    if (sent_header.starts_with("Bearer ") && !bearer->params.contains("error"))
      return core::fail(refused(response.status, "the token was not accepted"));
    return fetch_token(*bearer, client, timeout);
  }
  if (basic != nullptr) {
    if (!credentials_ || sent_header.starts_with("Basic ")) return core::fail(refused(response.status, ""));
    header_ = "Basic " + core::base64_encode(credentials_->username + ":" + credentials_->password);
    return core::ok();
  }
  return core::fail(refused(response.status, "it sent no Basic or Bearer challenge"));
}

core::Result<void> Authenticator::fetch_token(const Challenge& challenge, http::Client& client,
                                              std::chrono::milliseconds timeout) {
  auto realm = challenge.params.find("realm");
  if (realm == challenge.params.end() || realm->second.empty())
    return core::fail(refused(401, "its Bearer challenge names no realm"));
  auto realm_url = http::parse_url(realm->second);
  if (!realm_url) return core::fail(refused(401, "its Bearer realm is not an http(s) URL"));
  // Docker sends credentials to whatever realm the registry names; we do too, but never in clear
  // text unless the registry itself is spoken to in clear text (loopback, --insecure-registry).
  if (credentials_ && realm_url->scheme == "http" && !origin_.starts_with("http://"))
    return core::fail(refused(
        401, "its Bearer realm " + http::origin(*realm_url) + " would receive the credentials over plain HTTP"));
  http::Request req;
  req.method = "GET";
  req.url = realm->second;
  req.timeout = timeout;
  if (auto service = challenge.params.find("service"); service != challenge.params.end())
    req.url = detail::add_query(req.url, "service", service->second);
  std::vector<std::string> scopes = scopes_;
  if (auto scope = challenge.params.find("scope"); scope != challenge.params.end()) {
    if (std::find(scopes.begin(), scopes.end(), scope->second) == scopes.end()) scopes.push_back(scope->second);
  }
  for (const auto& s : scopes) req.url = detail::add_query(req.url, "scope", s);
  if (credentials_)
    req.headers.set("Authorization",
                    "Basic " + core::base64_encode(credentials_->username + ":" + credentials_->password));
  auto resp = client.send(req);
  if (!resp) return resp.failure("getting a token from " + http::redact_url(realm->second));
  if (resp->status == 401 || resp->status == 403)
    return core::fail(refused(resp->status, "token service " + http::redact_url(realm->second)));
  if (resp->status != 200) {
    return core::fail(
        core::Error{"registry.token",
                    "token service " + http::redact_url(realm->second) + " answered " + std::to_string(resp->status),
                    resp->status,
                    resp->status >= 500 || resp->status == 429,
                    {}});
  }
  auto parsed = core::parse_json(resp->body, "the token service's answer", core::kSmallDocumentLimits);
  const nlohmann::json doc = parsed ? std::move(*parsed) : nlohmann::json();
  std::string token;
  if (doc.is_object()) {
    for (const char* key : {"token", "access_token"}) {
      if (auto it = doc.find(key); it != doc.end() && it->is_string() && !it->get<std::string>().empty()) {
        token = it->get<std::string>();
        break;
      }
    }
  }
  if (token.empty())
    return core::fail("registry.token", "token service " + http::redact_url(realm->second) + " returned no token");
  header_ = "Bearer " + token;
  return core::ok();
}

}  // namespace hoplite::oci
