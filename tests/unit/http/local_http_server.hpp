#pragma once
/// \file A real HTTP server on a free 127.0.0.1 port for the lifetime of a test (cpp-httplib), so
/// tests exercise CurlClient and everything built on it over a real socket.

#include <httplib.h>

#include <chrono>
#include <string>
#include <thread>

namespace hoplite::testing {

class LocalHttpServer {
 public:
  LocalHttpServer() = default;
  ~LocalHttpServer() { stop(); }
  LocalHttpServer(const LocalHttpServer&) = delete;
  LocalHttpServer& operator=(const LocalHttpServer&) = delete;

  /// Register handlers on this before start().
  httplib::Server server;

  /// Binds a free port and serves in a background thread; returns once it accepts connections.
  void start() {
    port_ = server.bind_to_any_port("127.0.0.1");
    thread_ = std::thread([this] { server.listen_after_bind(); });
    while (!server.is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  void stop() {
    if (thread_.joinable()) {
      server.stop();
      thread_.join();
    }
  }
  [[nodiscard]] int port() const { return port_; }
  /// `http://127.0.0.1:<port>` + path.
  [[nodiscard]] std::string url(const std::string& path = "") const {
    return "http://127.0.0.1:" + std::to_string(port_) + path;
  }

 private:
  int port_ = 0;
  std::thread thread_;
};

}  // namespace hoplite::testing
