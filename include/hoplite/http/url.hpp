#pragma once
/// \file
/// Absolute URLs taken apart, and the questions security decisions ask of them: which
/// origin (scheme, host, port) a URL names — credentials are bound to one — and whether a host is
/// really this machine.
///
/// **Example**:
/// \code
///   auto u = http::parse_url("https://Reg.Example:443/v2/svc/blobs/uploads/x?state=1").value();
///   u.host;                    // "reg.example" (lower case)
///   u.port;                    // 443
///   http::origin(u);           // "https://reg.example"
///   http::is_loopback_host("127.0.0.1");       // true
///   http::is_loopback_host("127.evil.example"); // false: a name, not an address
/// \endcode

#include <cstdint>
#include <string>
#include <string_view>

#include "hoplite/core/result.hpp"

namespace hoplite::http {

/// An absolute `http`/`https` URL. User info (`user:pw@`) is never kept.
struct Url {
  std::string scheme;         ///< "http" or "https" (lower case)
  std::string host;           ///< lower case; an IPv6 address without its brackets
  std::uint16_t port = 0;     ///< explicit, or 80/443 from the scheme
  std::string path;           ///< as written, "/" when empty; no query or fragment
  std::string query;          ///< without '?', as written; empty when none
  bool had_userinfo = false;  ///< true when the text carried `user[:password]@` (dropped)
};

/// Parses `scheme://[userinfo@]host[:port][/path][?query][#fragment]` for schemes http and https.
/// The host must be a DNS name (letters, digits, `-`, `.`, `_`), an IPv4 address or a bracketed IPv6
/// address; the port 1..65535. Errors: `http.url`, naming what is wrong (never the user info).
core::Result<Url> parse_url(std::string_view text);

/// `scheme://host[:port]` with the port only when it is not the scheme's default; IPv6 hosts in
/// brackets. Two URLs may share credentials only when their origins are equal.
[[nodiscard]] std::string origin(const Url& url);

/// `host` with the port written only when it is not the scheme's default (`[::1]:5000`).
[[nodiscard]] std::string authority(const Url& url);

/// True only for `localhost` and addresses that are loopback: 127.0.0.0/8 written as a dotted
/// IPv4 address, and ::1. A name such as `127.evil.example` is not.
[[nodiscard]] bool is_loopback_host(std::string_view host);

}  // namespace hoplite::http
