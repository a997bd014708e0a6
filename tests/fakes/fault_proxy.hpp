#pragma once
/// \file A fault-injecting HTTP/1.1 proxy for tests against real servers (docker-registry): it
/// forwards each request to the upstream on a fresh connection, records `METHOD /path status`,
/// and on request answers an error status instead, drops the connection half-way through a
/// request body, or rewrites the `Docker-Content-Digest` the upstream reported. One request per
/// client connection (it answers with `Connection: close`); bodies need a Content-Length.
/// It has its own tests (STYLE.md G13): tests/unit/oci/fault_proxy_test.cpp.
///
/// Unlike the other fakes it is not built on `http::Server`: it must forward bytes verbatim and
/// cut a connection half-way through a body, which is exactly what an HTTP server hides.

#include <atomic>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace hoplite::testing {

class FaultProxy {
 public:
  struct Fault {
    enum class Kind {
      kStatus,       ///< answer `status` with a JSON error body; the upstream sees nothing
      kDrop,         ///< read half the request body, then close the connection
      kWrongDigest,  ///< forward, then report another Docker-Content-Digest
    };
    std::string method;
    std::string path_contains;
    Kind kind = Kind::kStatus;
    int status = 500;
    int skip = 0;  ///< matching requests to let through first
  };

  /// Listens on 127.0.0.1 on a free port and forwards to 127.0.0.1:`upstream_port`.
  explicit FaultProxy(int upstream_port);
  ~FaultProxy();
  FaultProxy(const FaultProxy&) = delete;
  FaultProxy& operator=(const FaultProxy&) = delete;

  [[nodiscard]] int port() const { return port_; }
  void add_fault(Fault fault);
  /// `METHOD /path status` per request (status `dropped` for a dropped one), queries removed.
  [[nodiscard]] std::vector<std::string> log() const;
  /// Requests with this method whose path contains `path_contains`.
  [[nodiscard]] int count(const std::string& method, const std::string& path_contains = "") const;
  void clear_log();

 private:
  void accept_loop();
  void serve(int client);

  int upstream_port_;
  int listen_fd_ = -1;
  int port_ = 0;
  std::atomic<bool> stopping_{false};
  std::thread acceptor_;
  mutable std::mutex mutex_;
  std::vector<std::thread> workers_;
  std::vector<Fault> faults_;
  std::vector<std::string> log_;
};

}  // namespace hoplite::testing
