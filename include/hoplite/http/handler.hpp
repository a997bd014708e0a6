#pragma once
/// \file
/// The server side of the HTTP seam: a request as a server received it (with a body that
/// arrives in pieces) and `Handler`, which answers it. `http::Server` (server.hpp) feeds handlers
/// from a socket, `http::InProcessClient` (in_process_client.hpp) calls them directly; the local
/// cloud, the test fakes and the tests share this one path.
///
/// **Example**:
/// \code
///   http::FunctionHandler echo([](http::ServerRequest& req) {
///     auto body = req.body.read_all(1 << 20);   // at most 1 MiB
///     if (!body) return http::Response{413, {}, "too large"};
///     return http::Response{200, {}, *body};
///   });
///   http::Server server(echo);                 // or: http::InProcessClient client(echo);
/// \endcode

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "hoplite/core/result.hpp"
#include "hoplite/http/message.hpp"

namespace hoplite::http {

/// The body of a received request. It is read once, in pieces, as the peer sends it, so an upload
/// of any size never has to be in memory whole (an S3 object, an image layer).
class RequestBody {
 public:
  /// Takes the next piece; returns false to stop reading (the rest stays unread).
  using Sink = std::function<bool(std::string_view piece)>;
  /// Hands every piece to the sink in order; returns false when the peer stopped sending (or the
  /// sink asked to stop).
  using Source = std::function<bool(const Sink& sink)>;

  /// No body.
  RequestBody() = default;
  /// A body already in memory (tests, the in-process client).
  explicit RequestBody(std::string bytes);
  /// A body read from `source`; `declared_length` is the peer's Content-Length (none: chunked).
  RequestBody(Source source, std::optional<std::uint64_t> declared_length);

  /// The length the peer announced (Content-Length), or nullopt for a chunked body. A peer may
  /// lie: `read` counts what actually arrives.
  [[nodiscard]] std::optional<std::uint64_t> declared_length() const { return declared_length_; }

  /// Delivers the body to `sink`. Errors: `http.body_too_large` (status 413) as soon as more than
  /// `max` bytes arrived, or at once when the declared length is already larger;
  /// `http.body_incomplete` (400) when the peer stopped early; `http.body_stopped` when the sink
  /// returned false; `http.body_consumed` (500) when the body was read before.
  core::Result<void> read(const Sink& sink, std::uint64_t max);

  /// The whole body, when it is at most `max` bytes (errors as `read`).
  core::Result<std::string> read_all(std::uint64_t max);

  /// Reads and drops what is left, at most `max` bytes, so a keep-alive connection stays usable.
  /// False when more than `max` remained (the server then closes the connection).
  bool drain(std::uint64_t max);

  /// True once `read`, `read_all` or `drain` has run.
  [[nodiscard]] bool consumed() const { return consumed_; }
  /// True once the whole body has been delivered.
  [[nodiscard]] bool complete() const { return complete_; }
  /// Bytes delivered so far.
  [[nodiscard]] std::uint64_t bytes_read() const { return bytes_read_; }

 private:
  Source source_;
  std::optional<std::uint64_t> declared_length_ = 0;
  bool consumed_ = false;
  bool complete_ = false;
  std::uint64_t bytes_read_ = 0;
};

/// A request as a server received it.
struct ServerRequest {
  std::string method;          ///< "GET", "PUT", ... as sent (upper case)
  std::string target;          ///< the request-target as sent: `/path?query`, still percent-encoded
  Headers headers;             ///< in the order received; Host included
  std::string remote_address;  ///< the peer's IP address; "in-process" for InProcessClient
  int remote_port = 0;         ///< the peer's port; 0 for InProcessClient
  RequestBody body;            ///< default: empty

  /// The target up to `?` (still percent-encoded).
  [[nodiscard]] std::string_view path() const;
  /// The target after `?` (without it), or "".
  [[nodiscard]] std::string_view query() const;
};

/// Answers requests. Implementations are called concurrently from the server's threads, so they
/// guard their own state. A handler never throws on bad input: it answers 4xx; `http::Server`
/// turns an escaping exception into a bare 500 as a last resort.
class Handler {
 public:
  virtual ~Handler() = default;
  /// The response to `request`; never throws on bad input (answer 4xx instead).
  virtual Response handle(ServerRequest& request) = 0;
};

/// A Handler made of a function (small routes, tests).
class FunctionHandler final : public Handler {
 public:
  /// The function type: takes the request, returns the response.
  using Fn = std::function<Response(ServerRequest&)>;
  /// A handler that calls `fn` for every request.
  explicit FunctionHandler(Fn fn) : fn_(std::move(fn)) {}
  Response handle(ServerRequest& request) override { return fn_(request); }

 private:
  Fn fn_;
};

/// A response with `status`, a body and its Content-Type (none when `content_type` is empty).
[[nodiscard]] Response make_response(int status, std::string body = {}, std::string_view content_type = {});

}  // namespace hoplite::http
