#include "hoplite/oci/auth.hpp"

#include <array>
#include <cstdlib>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "hoplite/core/file.hpp"
#include "oci/registry/url.hpp"

namespace hoplite::oci {
namespace {

constexpr std::string_view kAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

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

std::string base64_encode(std::string_view data) {
  std::string out;
  out.reserve((data.size() + 2) / 3 * 4);
  std::size_t i = 0;
  for (; i + 2 < data.size(); i += 3) {
    std::uint32_t n = (static_cast<unsigned char>(data[i]) << 16) | (static_cast<unsigned char>(data[i + 1]) << 8) |
                      static_cast<unsigned char>(data[i + 2]);
    out += kAlphabet[(n >> 18) & 63];
    out += kAlphabet[(n >> 12) & 63];
    out += kAlphabet[(n >> 6) & 63];
    out += kAlphabet[n & 63];
  }
  if (std::size_t rest = data.size() - i; rest > 0) {
    std::uint32_t n = static_cast<std::uint32_t>(static_cast<unsigned char>(data[i])) << 16;
    if (rest == 2) n |= static_cast<std::uint32_t>(static_cast<unsigned char>(data[i + 1])) << 8;
    out += kAlphabet[(n >> 18) & 63];
    out += kAlphabet[(n >> 12) & 63];
    out += rest == 2 ? kAlphabet[(n >> 6) & 63] : '=';
    out += '=';
  }
  return out;
}

std::optional<std::string> base64_decode(std::string_view text) {
  while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) text.remove_suffix(1);
  std::size_t padding = 0;
  while (!text.empty() && text.back() == '=' && padding < 2) {
    text.remove_suffix(1);
    ++padding;
  }
  if ((text.size() + padding) % 4 != 0 && padding != 0) return std::nullopt;
  if (text.size() % 4 == 1) return std::nullopt;
  std::string out;
  std::uint32_t acc = 0;
  int bits = 0;
  for (char c : text) {
    auto pos = kAlphabet.find(c);
    if (pos == std::string_view::npos) return std::nullopt;
    acc = (acc << 6) | static_cast<std::uint32_t>(pos);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += static_cast<char>((acc >> bits) & 0xFF);
    }
  }
  return out;
}

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
  auto text = core::read_file(path);
  if (!text) return text.failure("reading docker credentials");
  auto bad = [&](std::string_view why) {
    return core::fail("oci.auth.config", path.string() + ": " + std::string(why));
  };
  auto doc = nlohmann::json::parse(*text, nullptr, /*allow_exceptions=*/false);
  if (doc.is_discarded() || !doc.is_object()) return bad("not a JSON object");
  auto auths = doc.find("auths");
  if (auths == doc.end() || !auths->is_object()) return std::optional<Credentials>{};
  std::string wanted = normalize_registry_key(registry);
  for (const auto& [key, entry] : auths->items()) {
    if (normalize_registry_key(key) != wanted || !entry.is_object()) continue;
    if (auto auth = entry.find("auth"); auth != entry.end() && auth->is_string() && !auth->get<std::string>().empty()) {
      auto decoded = base64_decode(auth->get<std::string>());
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
      if (!out.empty()) out.back().params[lower(word)] = value;
    } else if (!word.empty()) {
      out.push_back(Challenge{lower(word), {}});
    }
  }
  return out;
}

Authenticator::Authenticator(std::string registry, std::optional<Credentials> credentials,
                             std::vector<std::string> scopes)
    : registry_(std::move(registry)), credentials_(std::move(credentials)), scopes_(std::move(scopes)) {}

std::string Authenticator::header() const {
  std::lock_guard lock(mutex_);
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

core::Result<void> Authenticator::answer(const http::Response& response, const std::string& sent_header,
                                         http::Client& client) {
  std::lock_guard lock(mutex_);
  if (header_ != sent_header) return core::ok();  // another worker already answered the challenge
  auto challenges = parse_www_authenticate(response.headers.get("WWW-Authenticate").value_or(""));
  const Challenge* bearer = nullptr;
  const Challenge* basic = nullptr;
  for (const auto& c : challenges) {
    if (c.scheme == "bearer" && bearer == nullptr) bearer = &c;
    if (c.scheme == "basic" && basic == nullptr) basic = &c;
  }
  if (bearer != nullptr) {
    if (sent_header.starts_with("Bearer ") && !bearer->params.contains("error"))
      return core::fail(refused(response.status, "the token was not accepted"));
    return fetch_token(*bearer, client);
  }
  if (basic != nullptr) {
    if (!credentials_ || sent_header.starts_with("Basic ")) return core::fail(refused(response.status, ""));
    header_ = "Basic " + base64_encode(credentials_->username + ":" + credentials_->password);
    return core::ok();
  }
  return core::fail(refused(response.status, "it sent no Basic or Bearer challenge"));
}

core::Result<void> Authenticator::fetch_token(const Challenge& challenge, http::Client& client) {
  auto realm = challenge.params.find("realm");
  if (realm == challenge.params.end() || realm->second.empty())
    return core::fail(refused(401, "its Bearer challenge names no realm"));
  http::Request req;
  req.method = "GET";
  req.url = realm->second;
  if (auto service = challenge.params.find("service"); service != challenge.params.end())
    req.url = detail::add_query(req.url, "service", service->second);
  std::vector<std::string> scopes = scopes_;
  if (auto scope = challenge.params.find("scope"); scope != challenge.params.end()) {
    if (std::find(scopes.begin(), scopes.end(), scope->second) == scopes.end()) scopes.push_back(scope->second);
  }
  for (const auto& s : scopes) req.url = detail::add_query(req.url, "scope", s);
  if (credentials_)
    req.headers.set("Authorization", "Basic " + base64_encode(credentials_->username + ":" + credentials_->password));
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
  auto doc = nlohmann::json::parse(resp->body, nullptr, false);
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
