#pragma once
/// \file
/// `http::InProcessClient`: an `http::Client` that hands each request straight to a Handler,
/// with no socket in between — for tests and benchmarks of the local cloud and the fakes, and for
/// tools that talk to an in-process server. The request is shaped as the server would shape it
/// (Host and Content-Length set, the same limits), so a handler cannot tell the difference.

#include "hoplite/http/client.hpp"
#include "hoplite/http/handler.hpp"
#include "hoplite/http/limits.hpp"

namespace hoplite::http {

/// A Client that hands requests straight to a Handler in this process, with the server's limits: tests and the CLI talk
/// to the local cloud without a socket.
class InProcessClient final : public Client {
 public:
  /// `handler` must outlive the client.
  explicit InProcessClient(Handler& handler, ServerLimits limits = {});

  /// Never a transport error except for a URL that is not `http(s)://host[:port]/…` (code
  /// `http.transport`) or a request stream that fails; a streamed response body is read into
  /// `Response::body`, as a real client would receive it.
  core::Result<Response> send(const Request& request) override;

 private:
  Handler& handler_;
  ServerLimits limits_;
};

}  // namespace hoplite::http
