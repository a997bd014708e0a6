#pragma once
/// \file
/// `http::Server`: serves a Handler over HTTP/1.1 on 127.0.0.1 — threaded, keep-alive,
/// `Expect: 100-continue`, chunked and streamed request bodies, streamed response bodies. It is
/// the only user of cpp-httplib in the tree (server.cpp), so the rest of hoplite sees
/// `http::ServerRequest` and `http::Response` only.
///
/// **Example**:
/// \code
///   http::Server server(handler, {.port = 0});   // 0: a free port
///   if (auto ok = server.start(); !ok) return ok.failure();
///   std::string url = "http://127.0.0.1:" + std::to_string(server.port());
///   ...
///   server.stop();                                // also done by the destructor
/// \endcode

#include <chrono>
#include <cstddef>
#include <memory>

#include "hoplite/core/result.hpp"
#include "hoplite/http/handler.hpp"
#include "hoplite/http/limits.hpp"

namespace hoplite::http {

/// How the HTTP server listens and how much it accepts: port, threads, queue, timeouts, limits.
struct ServerOptions {
  /// TCP port on 127.0.0.1. Default 0: the kernel picks a free one (see `Server::port()`).
  int port = 0;
  /// Worker threads started with the server; each serves one connection at a time. Default 16.
  std::size_t threads = 16;
  /// When every worker holds a connection (busy, or idle between keep-alive requests) and one
  /// more arrives, a worker is added, up to this many (they stay until the server stops). Default
  /// 64.
  std::size_t max_threads = 64;
  /// Accepted connections that wait for a worker. When the queue is full the server stops
  /// accepting (back-pressure): further connections wait in the kernel's listen backlog. While
  /// any connection waits, every response closes its connection (`Connection: close`), so a
  /// keep-alive client cannot hold a worker that a waiting connection needs. Default 256.
  std::size_t max_queued_connections = 256;
  /// How long a peer may stay silent while sending a request before the connection is closed.
  /// Default 30 s.
  std::chrono::seconds read_timeout{30};
  /// How long an idle keep-alive connection is kept open. Default 5 s.
  std::chrono::seconds keep_alive_timeout{5};
  /// Requests served on one connection before it is closed. Default 1000.
  std::size_t keep_alive_max_requests = 1000;
  /// Caps on one request (see limits.hpp).
  ServerLimits limits;
};

/// Serves one Handler. It listens on 127.0.0.1 only: the local cloud and the test servers are
/// never reachable from another machine.
class Server {
 public:
  /// `handler` must outlive the server.
  explicit Server(Handler& handler, ServerOptions options = {});
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  /// Binds 127.0.0.1:`options.port` and starts listening (connections queue until `run` or
  /// `start` serves them). Errors: `http.bind` (port in use, permission).
  core::Result<void> bind();
  /// Binds when not bound yet, then serves in the calling thread until `stop()`.
  core::Result<void> run();
  /// Binds when not bound yet, then serves in a background thread; returns once it accepts.
  core::Result<void> start();
  /// Stops accepting, finishes requests in flight and joins the background thread. Idempotent;
  /// safe to call from any thread but the server's own (not from a handler).
  void stop();

  /// The bound port (after `bind`/`start`), else 0.
  [[nodiscard]] int port() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace hoplite::http
