#pragma once
/// \file
/// The one seam between hoplite and the network.

#include "hoplite/core/result.hpp"
#include "hoplite/http/message.hpp"

namespace hoplite::http {

/// Sends HTTP requests. Abstract so tests can script responses (tests/fakes/fake_http_client.hpp)
/// or use real local servers; the real one is CurlClient (include/hoplite/http/curl_client.hpp).
///
/// A response with any status, 4xx and 5xx included, is a successful Result: the caller decides
/// what a status means. Only transport failures (connection refused or reset, DNS, TLS, timeout)
/// are errors; they carry code `http.transport` and `retryable = true` where trying again may help.
class Client {
 public:
  virtual ~Client() = default;
  /// Sends `request` and returns the response, whatever its status; an error only for a transport failure.
  virtual core::Result<Response> send(const Request& request) = 0;
};

}  // namespace hoplite::http
