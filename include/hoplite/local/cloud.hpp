#pragma once
/// \file
/// hoplite's local cloud: one `http::Handler` that answers the AWS APIs hoplite and the AWS
/// CLI use, with its state in one directory. `hoplite local up` serves it with `http::Server` on
/// 127.0.0.1:4566; tests serve it on a free port or call it in process (`http::InProcessClient`).
///
/// **Example**:
/// \code
///   auto cloud = local::LocalCloud::open({.data_dir = dir});
///   if (!cloud) return cloud.failure();
///   http::Server server(**cloud, {.port = 4566});
///   server.run();
/// \endcode
///
/// What it emulates, and what not: docs/local.md.

#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "hoplite/core/clock.hpp"
#include "hoplite/core/result.hpp"
#include "hoplite/http/handler.hpp"

namespace hoplite::local {

class Service;          // src/local/service.hpp
struct ServiceContext;  // src/local/service.hpp

/// A long-term key pair the local cloud accepts besides `test`/`test`.
struct Credential {
  std::string access_key_id;                ///< the key id (`AKIA…` or any string) clients sign with
  std::string secret_access_key;            ///< the secret clients sign with; never logged
  std::string account_id = "000000000000";  ///< 12 digits; default the default account
  /// When set, requests signed with this key must carry this X-Amz-Security-Token, as temporary
  /// credentials do (it lets tests replay requests the AWS CLI signed with a session token).
  /// Default: none (a long-term key).
  std::string session_token;
  /// When set, the key is this IAM user's (1-64 of IAM's user-name characters): the caller is the user
  /// (an ARN `arn:aws:iam::ACCOUNT:user/NAME`, a stable `AIDA…` user id), as a developer's own AWS
  /// keys usually are (GetCallerIdentity, SNS's SubscriptionPrincipal). Default: the account's root.
  std::string user_name;
};

/// What a local cloud serves from: state directory, clock, credentials, request log.
struct LocalCloudOptions {
  /// Where the state lives (created with mode 0700). Required. One local cloud at a time may use
  /// a directory (a lock file guards it).
  std::filesystem::path data_dir;
  /// The server's clock (request times, expirations). Default (nullptr): the system clock.
  core::Clock* clock = nullptr;
  /// Key pairs to register at start, kept in the state. Default: none (only `test`/`test`).
  std::vector<Credential> credentials;
  /// Append one JSON line per request to `<data_dir>/requests.log`. Default true.
  bool request_log = true;
  /// Builds the emulated services instead of the built-in list (src/local/services.cpp): a seam for
  /// tests of the house. Default: none (the built-in list).
  std::function<std::vector<std::unique_ptr<Service>>(ServiceContext&)> services;
};

/// The local cloud: one Handler that answers the AWS APIs hoplite and the AWS CLI use, with its state in `data_dir`
/// (see the file comment).
class LocalCloud final : public http::Handler {
 public:
  /// Opens (creating) the state in `options.data_dir` and brings its schema up to date. Errors:
  /// `local.store`, `local.blob`, `local.lock` (another local cloud uses the directory).
  static core::Result<std::unique_ptr<LocalCloud>> open(LocalCloudOptions options);
  ~LocalCloud() override;
  LocalCloud(const LocalCloud&) = delete;
  LocalCloud& operator=(const LocalCloud&) = delete;

  /// Answers one request: `/_hoplite/…` (inspection, health), else the AWS service the request
  /// is for (by X-Amz-Target, by the SigV4 credential scope), after checking its signature.
  http::Response handle(http::ServerRequest& request) override;

  /// The inspection document served at `/_hoplite/` (JSON text, keys sorted): what the local
  /// cloud holds, per service and account.
  [[nodiscard]] std::string inspect();
  /// Tells the services the port the server bound at 127.0.0.1 (work that is not a request, such
  /// as an execution resumed after a restart, hands out this address to ECS tasks).
  void set_port(int port);
  /// `PRAGMA integrity_check` of the state database: "ok" when sound.
  core::Result<std::string> integrity_check();

 private:
  struct Impl;
  explicit LocalCloud(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace hoplite::local
