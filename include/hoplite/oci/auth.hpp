#pragma once
/// \file
/// Registry authentication: anonymous, HTTP basic (ECR tokens are basic with user `AWS`),
/// and the bearer-token flow registries announce in `WWW-Authenticate`. Credentials come from the
/// caller or from `~/.docker/config.json` (`auths`). Secrets never appear in logs or errors.

#include <chrono>
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "hoplite/core/result.hpp"
#include "hoplite/http/client.hpp"

namespace hoplite::oci {

/// A user name and password (or an ECR token as password, user `AWS`).
struct Credentials {
  std::string username;  ///< the user name (`AWS` for an ECR token)
  std::string password;  ///< a secret: never logged, never part of an error message
};

/// `$DOCKER_CONFIG` if set, else `$HOME/.docker` — where docker, skopeo and podman look.
[[nodiscard]] std::filesystem::path docker_config_dir();

/// The credentials `config.json` in `dir` stores for `registry` under `auths`: either the base64
/// `auth` field (`user:password`) or `username`/`password`. Keys may carry a scheme and path
/// (`https://index.docker.io/v1/` is docker.io). No file or no entry gives nullopt; an unreadable
/// or malformed file is an error (`oci.auth.config`) that names the file and never its contents.
/// Credential helpers (`credsStore`, `credHelpers`) are not run.
core::Result<std::optional<Credentials>> credentials_from_docker_config(std::string_view registry,
                                                                        const std::filesystem::path& dir);

/// The same for the text of a `config.json` (at most 1 MiB, 32 levels deep); `where` names the
/// file in errors.
core::Result<std::optional<Credentials>> credentials_from_docker_config_text(std::string_view text,
                                                                             std::string_view registry,
                                                                             const std::string& where);

/// One challenge of a `WWW-Authenticate` header: the scheme (lower case) and its parameters,
/// e.g. `Bearer realm="https://auth.example/token",service="registry",scope="repository:a:pull"`.
struct Challenge {
  std::string scheme;  ///< lower case: `basic`, `bearer`
  std::map<std::string, std::string>
      params;  ///< the challenge's parameters (realm, service, scope, …), keys in lower case
};

/// Parses a `WWW-Authenticate` value; unknown or malformed parts are skipped. At most 16
/// challenges of at most 32 parameters each are kept, values longer than 4 KiB are dropped.
[[nodiscard]] std::vector<Challenge> parse_www_authenticate(std::string_view header);

/// The challenges of every `WWW-Authenticate` header of `response`, in order (a server may send
/// one header per scheme).
[[nodiscard]] std::vector<Challenge> challenges_of(const http::Response& response);

/// Answers a registry's 401 challenges and hands out the `Authorization` header to send.
/// Shared (thread-safe) by the workers of one push so that a token is fetched once.
///
/// Flow: requests start anonymous (or with basic credentials once a Basic challenge was seen).
/// On a 401, `answer()` reads the challenges: Basic → basic credentials; Bearer → a GET of the
/// realm with `service` and the push `scopes`, sending basic credentials if we have some, whose
/// `token` (or `access_token`) becomes `Bearer <token>`.
///
/// Credentials are bound to an origin, as docker binds them to the host that challenged: the
/// first 401 fixes the origin (scheme, host, port) of the request it answered, `header_for()`
/// gives the header only to URLs of that origin — so an upload `Location` on another host, or
/// the same host over plain HTTP, gets none — and a 401 from another origin is refused. Basic
/// credentials go to a Bearer realm only over HTTPS (or plain HTTP when the registry itself is
/// spoken to over plain HTTP).
class Authenticator {
 public:
  /// `registry` names the registry in errors; `scopes` are requested from token services,
  /// e.g. `repository:svc:pull,push`.
  Authenticator(std::string registry, std::optional<Credentials> credentials, std::vector<std::string> scopes);

  /// The `Authorization` value for a request to `url`: empty while anonymous and for any URL
  /// outside the origin that challenged.
  [[nodiscard]] std::string header_for(std::string_view url) const;

  /// Called after `response` answered 401 to a request to `request_url` sent with `sent_header`.
  /// Another worker may already have refreshed the header (then this returns at once). The token
  /// request, if any, gets `timeout` (0: the client's own). Errors (`registry.unauthorized`, HTTP
  /// status 401): no credentials to answer a Basic challenge, the same credentials refused twice,
  /// the token service refusing them, a challenge from another origin than the first, or a realm
  /// that would receive credentials over plain HTTP.
  core::Result<void> answer(std::string_view request_url, const http::Response& response,
                            const std::string& sent_header, http::Client& client,
                            std::chrono::milliseconds timeout = std::chrono::milliseconds(0));

  /// The registry host the authenticator is for.
  [[nodiscard]] const std::string& registry() const { return registry_; }

 private:
  core::Result<void> fetch_token(const Challenge& challenge, http::Client& client, std::chrono::milliseconds timeout);
  [[nodiscard]] core::Error refused(int status, std::string_view detail) const;

  std::string registry_;
  std::optional<Credentials> credentials_;
  std::vector<std::string> scopes_;
  mutable std::mutex mutex_;
  std::string origin_;  ///< `scheme://host[:port]` that challenged first; "" until then
  std::string header_;
};

}  // namespace hoplite::oci
