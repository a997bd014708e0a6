#include "hoplite/http/url.hpp"

#include <arpa/inet.h>

#include <array>

namespace hoplite::http {
namespace {

core::Failure bad(std::string_view why) { return core::fail("http.url", "invalid URL: " + std::string(why)); }

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

bool is_dns_name(std::string_view h) {
  if (h.empty() || h.size() > 253) return false;
  for (char c : h) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_';
    if (!ok) return false;
  }
  return h.front() != '.' && h.find("..") == std::string_view::npos;
}

bool is_ipv6(const std::string& h) {
  std::array<unsigned char, 16> buf{};
  return ::inet_pton(AF_INET6, h.c_str(), buf.data()) == 1;
}

}  // namespace

core::Result<Url> parse_url(std::string_view text) {
  Url u{};
  const std::size_t scheme_end = text.find("://");
  if (scheme_end == std::string_view::npos) return bad("not an absolute URL (scheme://host/...)");
  u.scheme = lower(text.substr(0, scheme_end));
  if (u.scheme != "http" && u.scheme != "https") return bad("the scheme must be http or https");
  std::string_view rest = text.substr(scheme_end + 3);
  if (std::size_t hash = rest.find('#'); hash != std::string_view::npos) rest = rest.substr(0, hash);
  const std::size_t auth_end = rest.find_first_of("/?");
  std::string_view authority = rest.substr(0, auth_end);
  rest = auth_end == std::string_view::npos ? std::string_view{} : rest.substr(auth_end);
  if (std::size_t at = authority.rfind('@'); at != std::string_view::npos) {
    u.had_userinfo = true;
    authority = authority.substr(at + 1);
  }
  std::string_view host = authority;
  std::string_view port;
  if (authority.starts_with('[')) {
    const std::size_t close = authority.find(']');
    if (close == std::string_view::npos) return bad("an IPv6 host lacks its ']'");
    host = authority.substr(1, close - 1);
    std::string_view after = authority.substr(close + 1);
    if (!after.empty()) {
      if (after.front() != ':') return bad("junk after the IPv6 host");
      port = after.substr(1);
    }
    u.host = lower(host);
    if (!is_ipv6(u.host)) return bad("the IPv6 host is not an address");
  } else {
    if (std::size_t colon = authority.rfind(':'); colon != std::string_view::npos) {
      host = authority.substr(0, colon);
      port = authority.substr(colon + 1);
    }
    u.host = lower(host);
    if (!is_dns_name(u.host)) return bad("the host is not a DNS name or IPv4 address");
  }
  u.port = u.scheme == "https" ? 443 : 80;
  if (authority.ends_with(':')) return bad("the port is empty");
  if (!port.empty()) {
    unsigned long v = 0;
    if (port.size() > 5) return bad("the port is not a number from 1 to 65535");
    for (char c : port) {
      if (c < '0' || c > '9') return bad("the port is not a number from 1 to 65535");
      v = v * 10 + static_cast<unsigned long>(c - '0');
    }
    if (v < 1 || v > 65535) return bad("the port is not a number from 1 to 65535");
    u.port = static_cast<std::uint16_t>(v);
  }
  const std::size_t q = rest.find('?');
  u.path = std::string(rest.substr(0, q));
  if (q != std::string_view::npos) u.query = std::string(rest.substr(q + 1));
  if (u.path.empty()) u.path = "/";
  return u;
}

std::string authority(const Url& url) {
  std::string out = url.host.find(':') != std::string::npos ? "[" + url.host + "]" : url.host;
  const bool default_port = (url.scheme == "https" && url.port == 443) || (url.scheme == "http" && url.port == 80);
  if (!default_port) out += ":" + std::to_string(url.port);
  return out;
}

std::string origin(const Url& url) { return url.scheme + "://" + authority(url); }

bool is_loopback_host(std::string_view host) {
  std::string h = lower(host);
  if (h.starts_with('[') && h.ends_with(']')) h = h.substr(1, h.size() - 2);
  if (h == "localhost") return true;
  std::array<unsigned char, 16> buf{};
  // inet_pton accepts only the full dotted-decimal form: "127.1" and "127.evil.example" are no addresses.
  if (::inet_pton(AF_INET, h.c_str(), buf.data()) == 1) return buf[0] == 127;
  if (::inet_pton(AF_INET6, h.c_str(), buf.data()) == 1) {
    static constexpr std::array<unsigned char, 16> kLoopback{0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1};
    return buf == kLoopback;
  }
  return false;
}

}  // namespace hoplite::http
