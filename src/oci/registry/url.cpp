#include "oci/registry/url.hpp"

#include "hoplite/core/percent.hpp"

namespace hoplite::oci::detail {

std::string resolve_location(std::string_view base, std::string_view location) {
  if (location.starts_with("http://") || location.starts_with("https://")) return std::string(location);
  std::string out(base);
  while (!out.empty() && out.back() == '/') out.pop_back();
  if (!location.starts_with('/')) out += '/';
  out += location;
  return out;
}

std::string add_query(std::string_view url, std::string_view key, std::string_view value) {
  std::string out(url);
  out += url.find('?') == std::string_view::npos ? '?' : '&';
  out += key;
  out += '=';
  out += core::percent_encode(value);
  return out;
}

}  // namespace hoplite::oci::detail
