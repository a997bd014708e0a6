#include "aws/url.hpp"

#include "hoplite/core/ascii.hpp"

namespace hoplite::aws::detail {

core::Result<UrlParts> split_url(std::string_view url) {
  UrlParts p;
  std::size_t scheme_end = url.find("://");
  if (scheme_end == std::string_view::npos || scheme_end == 0)
    return core::fail("aws.url", "not an absolute URL (scheme://host/...): " + std::string(url.substr(0, 64)));
  p.scheme = core::ascii_lower(url.substr(0, scheme_end));
  std::string_view rest = url.substr(scheme_end + 3);
  if (std::size_t hash = rest.find('#'); hash != std::string_view::npos) rest = rest.substr(0, hash);
  std::size_t auth_end = rest.find_first_of("/?");
  std::string_view authority = rest.substr(0, auth_end);
  rest = auth_end == std::string_view::npos ? std::string_view{} : rest.substr(auth_end);
  if (std::size_t at = authority.rfind('@'); at != std::string_view::npos) authority = authority.substr(at + 1);
  if (authority.empty()) return core::fail("aws.url", "URL has no host");
  std::string host(authority);
  std::size_t colon = host.rfind(':');
  if (colon != std::string::npos && host.find(']', colon) == std::string::npos) {
    std::string port = host.substr(colon + 1);
    if ((p.scheme == "https" && port == "443") || (p.scheme == "http" && port == "80") || port.empty())
      host.erase(colon);
  }
  p.host = host;
  std::size_t q = rest.find('?');
  p.path = std::string(rest.substr(0, q));
  if (q != std::string_view::npos) p.query = std::string(rest.substr(q + 1));
  if (p.path.empty()) p.path = "/";
  return p;
}

}  // namespace hoplite::aws::detail
