#pragma once
/// \file
/// How much a server accepts from one request before it answers with a 4xx, shared by
/// `http::Server` and `http::InProcessClient` so a test in process meets the same caps as a socket.

#include <cstddef>
#include <cstdint>
#include <optional>

#include "hoplite/http/handler.hpp"

namespace hoplite::http {

/// Caps on what one request may carry. The defaults admit everything AWS itself admits (an S3 key
/// is at most 1024 bytes, a single PUT at most 5 GiB) and little more.
struct ServerLimits {
  /// The request-target (path and query, as sent); longer → 414. Default 8 KiB (the HTTP parser's
  /// own line limit, so a longer one never reaches a handler anyway).
  std::size_t max_target_bytes = 8 * 1024;
  /// The decoded path; longer → 414. Default 2 KiB: room for any S3 bucket + key or registry
  /// repository + reference. It also bounds the router of the HTTP library, which matches paths
  /// with std::regex, whose libstdc++ matcher recurses once per character (server.cpp).
  std::size_t max_path_bytes = 2 * 1024;
  /// Number of header fields; more → 431. Default 128.
  std::size_t max_header_count = 128;
  /// Sum of header name and value lengths; more → 431. Default 64 KiB. (One header line is also
  /// capped at 8 KiB by the HTTP parser, which answers 400 itself.)
  std::size_t max_header_bytes = 64 * 1024;
  /// Any request body; more → 413. Default 5 GiB + 64 KiB (S3's single-PUT limit plus the framing
  /// of an `aws-chunked` upload). Handlers ask for far less when they parse a body in memory
  /// (`RequestBody::read_all(max)`).
  std::uint64_t max_body_bytes = (5ULL << 30) + (64 << 10);
};

/// The response a server gives instead of calling its handler when `request` exceeds `limits`
/// (414, 431 or 413, with a short text body), or nullopt when it is within them. The body is
/// judged by its declared length; `RequestBody::read` enforces the cap on what actually arrives.
[[nodiscard]] std::optional<Response> refuse_over_limits(const ServerRequest& request, const ServerLimits& limits);

}  // namespace hoplite::http
