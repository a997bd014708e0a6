#pragma once
/// \file A real HTTP server on a free 127.0.0.1 port for the lifetime of a test, so tests exercise
/// CurlClient and everything built on it over a real socket. It is `http::Server` — the server the
/// local cloud uses — with a `http::Router` to register the test's routes on.
///
/// **Example**:
/// \code
///   LocalHttpServer srv;
///   srv.router.on("GET", "/hello", [](http::ServerRequest&) { return http::make_response(200, "hi"); });
///   srv.start();
///   client.send({.url = srv.url("/hello")});
/// \endcode

#include <memory>
#include <stdexcept>
#include <string>

#include "hoplite/http/router.hpp"
#include "hoplite/http/server.hpp"

namespace hoplite::testing {

class LocalHttpServer {
 public:
  LocalHttpServer() = default;
  ~LocalHttpServer() { stop(); }
  LocalHttpServer(const LocalHttpServer&) = delete;
  LocalHttpServer& operator=(const LocalHttpServer&) = delete;

  /// Register routes on this before start().
  http::Router router;

  /// Binds a free port and serves in background threads; returns once it accepts connections.
  void start(http::ServerOptions options = {}) {
    server_ = std::make_unique<http::Server>(router, options);
    if (auto ok = server_->start(); !ok) throw std::runtime_error(ok.error().to_string());
  }
  void stop() {
    if (server_) server_->stop();
  }
  [[nodiscard]] int port() const { return server_ ? server_->port() : 0; }
  /// `http://127.0.0.1:<port>` + path.
  [[nodiscard]] std::string url(const std::string& path = "") const {
    return "http://127.0.0.1:" + std::to_string(port()) + path;
  }

 private:
  std::unique_ptr<http::Server> server_;
};

/// The first value of header `name` in `request`, or "".
inline std::string header(const http::ServerRequest& request, std::string_view name) {
  return request.headers.get(name).value_or("");
}

/// The whole body of `request` (tests only: at most 64 MiB).
inline std::string body_of(http::ServerRequest& request) {
  return request.body.read_all(64 << 20).value_or("<unread>");
}

}  // namespace hoplite::testing
