#pragma once
/// \file
/// The error carried by every expected failure in hoplite (network, AWS, registry, bad input).

#include <optional>
#include <string>
#include <string_view>

namespace hoplite::core {

/// What went wrong, in a form both people and retry loops can use.
///
/// `code` is a stable machine-readable id (an AWS error code such as `ThrottlingException`, an
/// HTTP-ish id such as `registry.unauthorized`, or one of ours such as `io.write`). `message` is a
/// sentence for people; it never contains a secret. Each layer that passes an error up prepends
/// what it was doing with `context()`, so the final text reads like a path:
/// `pushing layer sha256:ab12…: PUT /v2/svc/blobs/uploads/…: 401 Unauthorized: authentication required`.
struct Error {
  std::string code;     ///< stable machine-readable id, e.g. `ThrottlingException`, `registry.unauthorized`, `io.write`
  std::string message;  ///< a sentence for people, with the context each layer prepended; never a secret
  std::optional<int> http_status;  ///< set when an HTTP peer answered; default: none
  bool retryable = false;          ///< true when trying again may help (5xx, throttling, dropped connection)
  std::string request_id;          ///< the peer's request id (AWS x-amzn-RequestId), when known
  /// How long the peer asked us to wait before trying again (its `Retry-After`), in milliseconds;
  /// default: none. The retry engine honours it, capped (core/retry.hpp).
  std::optional<long long> retry_after_ms;

  /// Returns a copy whose message is prefixed with `what: `.
  [[nodiscard]] Error context(std::string_view what) const;

  /// `message [code, HTTP status]` — the text shown to users.
  [[nodiscard]] std::string to_string() const;
};

}  // namespace hoplite::core
