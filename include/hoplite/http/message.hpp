#pragma once
/// \file
/// HTTP requests and responses as plain values, shared by every HTTP peer hoplite talks to
/// (AWS APIs, OCI registries, the local cloud's tests).

#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace hoplite::http {

/// Ordered header list; names compare case-insensitively, repeated names are kept (SigV4 needs them).
class Headers {
 public:
  /// One header: name and value, as sent.
  using Entry = std::pair<std::string, std::string>;

  /// Appends a header (a repeated name adds another entry).
  void add(std::string name, std::string value);
  /// Replaces every header of that name with one entry.
  void set(std::string name, std::string value);
  /// Removes every header of that name.
  void remove(std::string_view name);
  /// The first value of `name`, if present.
  [[nodiscard]] std::optional<std::string> get(std::string_view name) const;
  /// True when a header of that name is present.
  [[nodiscard]] bool has(std::string_view name) const { return get(name).has_value(); }

  /// Every header in order, repeated names included.
  [[nodiscard]] const std::vector<Entry>& entries() const { return entries_; }
  ///@{
  /// Iteration over entries(), so `for (auto& [name, value] : headers)` works.
  [[nodiscard]] auto begin() const { return entries_.begin(); }
  [[nodiscard]] auto end() const { return entries_.end(); }
  ///@}
  /// True when there is no header.
  [[nodiscard]] bool empty() const { return entries_.empty(); }

 private:
  std::vector<Entry> entries_;
};

/// Produces a request body in pieces, for uploads too large to hold in memory. Called repeatedly
/// with a buffer; returns the bytes written (0 at the end), or -1 on a read error.
using BodyReader = std::function<std::int64_t(char* buf, std::size_t max)>;

/// A request body that can be replayed: retries and redirects call `open()` again for a fresh reader.
struct BodyStream {
  std::uint64_t size = 0;            ///< exact length in bytes (sent as Content-Length)
  std::function<BodyReader()> open;  ///< a reader positioned at the first byte
};

/// An HTTP request as a Client sends it (and as a Handler's ServerRequest carries it).
struct Request {
  std::string method = "GET";        ///< upper-case method; default GET
  std::string url;                   ///< absolute: scheme://host[:port]/path[?query]
  Headers headers;                   ///< in the order given (repeated names kept)
  std::string body;                  ///< used when `stream` is not set
  std::optional<BodyStream> stream;  ///< default: none (the body is `body`)
  /// Limit for this whole exchange (an attempt's share of its operation's deadline, see
  /// core::Attempt::budget); the client's own limits still apply. Default 0: the client's own only.
  std::chrono::milliseconds timeout{0};
};

/// An HTTP response: what a Client received or what a Handler answers.
struct Response {
  int status = 0;    ///< the status code; 0 until set
  Headers headers;   ///< in the order received or to be sent
  std::string body;  ///< what a client received; on a server, sent when `stream` is not set
  /// Server side only: a body produced in pieces (a large S3 object or image blob) so it never has
  /// to be in memory whole; `size` becomes Content-Length. Clients always fill `body` instead.
  /// Default: none.
  std::optional<BodyStream> stream;
};

/// Case-insensitive ASCII comparison of header names.
[[nodiscard]] bool iequals(std::string_view a, std::string_view b);

/// `url` with its query string and any user:password removed — safe to print in logs and errors.
[[nodiscard]] std::string redact_url(std::string_view url);

}  // namespace hoplite::http
