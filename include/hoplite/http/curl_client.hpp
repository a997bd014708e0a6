#pragma once
/// \file
/// The real `http::Client`: libcurl, with connection reuse, timeouts and streamed uploads.

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>

#include "hoplite/http/client.hpp"

namespace hoplite::http {

/// How a CurlClient talks to the network. The defaults suit AWS APIs and registries; credential
/// lookups (instance metadata) use much shorter timeouts so a laptop without IMDS fails fast.
struct CurlClientOptions {
  /// TCP + TLS handshake limit. Default 10 s.
  std::chrono::milliseconds connect_timeout{10'000};
  /// Limit for the whole exchange, upload included; 0 = none. Default 15 min (large layer uploads).
  std::chrono::milliseconds total_timeout{15 * 60'000};
  /// Abort when fewer than 1 byte/s moves for this long (a stalled peer); 0 = never. Default 60 s.
  std::chrono::seconds stall_timeout{60};
  /// Verify the peer's TLS certificate and host name. Default on; turning it off is for tests only.
  bool verify_tls = true;
  /// CA bundle file; empty = libcurl's default (the system store).
  std::string ca_file;
  /// Sent as User-Agent unless the request sets one.
  std::string user_agent = "hoplite/0.1";
  /// Largest response body kept in memory; a larger one fails the request (`http.transport`, not
  /// retryable) instead of exhausting memory. Default 64 MiB (AWS API and registry responses are
  /// far smaller).
  std::uint64_t max_response_bytes = 64ull << 20;
};

/// Sends requests with libcurl. Safe to share between threads: each call borrows an easy handle
/// from a small pool (a handle keeps its open connections, so consecutive calls reuse them) and
/// returns it afterwards. Proxies come from the usual variables (`https_proxy`, `http_proxy`,
/// `no_proxy`), which libcurl reads itself. `Expect: 100-continue` is never sent: AWS and the
/// registries answer at once, and the extra round trip only adds latency.
///
/// A request's `timeout` (its share of an operation's deadline) tightens the connect and total
/// timeouts. At most 256 response headers and `max_response_bytes` of body are accepted.
///
/// Transport failures become `core::Error{code "http.transport"}` whose message names the method
/// and the redacted URL (no query string, no user info); connection refused/reset, DNS and timeouts
/// are `retryable`, TLS verification failures are not.
class CurlClient final : public Client {
 public:
  /// A client with these limits (TLS, timeouts, response size); libcurl is initialised once per process.
  explicit CurlClient(CurlClientOptions options = {});
  ~CurlClient() override;
  CurlClient(const CurlClient&) = delete;
  CurlClient& operator=(const CurlClient&) = delete;

  core::Result<Response> send(const Request& request) override;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace hoplite::http
