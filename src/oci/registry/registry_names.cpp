// Repository names and tags of the distribution spec, checked by hand (they arrive in URLs from
// anyone; no regex engine runs on them).
#include <nlohmann/json.hpp>

#include "hoplite/oci/registry_server.hpp"

namespace hoplite::oci {
namespace {

bool is_lower_alnum(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); }

/// One path component: `[a-z0-9]+((\.|_|__|-+)[a-z0-9]+)*`.
bool is_component(std::string_view c) {
  if (c.empty() || !is_lower_alnum(c.front()) || !is_lower_alnum(c.back())) return false;
  for (std::size_t i = 0; i < c.size();) {
    if (is_lower_alnum(c[i])) {
      ++i;
      continue;
    }
    // A separator run: ".", "_", "__" or one or more "-"; always followed by an alphanumeric.
    std::size_t start = i;
    if (c[i] == '.') {
      ++i;
    } else if (c[i] == '_') {
      ++i;
      if (i < c.size() && c[i] == '_') ++i;
    } else if (c[i] == '-') {
      while (i < c.size() && c[i] == '-') ++i;
    } else {
      return false;
    }
    if (i == start || i >= c.size() || !is_lower_alnum(c[i])) return false;
  }
  return true;
}

}  // namespace

bool is_repository_name(std::string_view name) {
  if (name.empty() || name.size() > 255) return false;
  std::size_t start = 0;
  while (true) {
    auto slash = name.find('/', start);
    auto part = name.substr(start, slash == std::string_view::npos ? std::string_view::npos : slash - start);
    if (!is_component(part)) return false;
    if (slash == std::string_view::npos) return true;
    start = slash + 1;
  }
}

bool is_tag(std::string_view tag) {
  if (tag.empty() || tag.size() > 128) return false;
  auto word = [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
  };
  if (!word(tag.front())) return false;
  for (char c : tag)
    if (!word(c) && c != '.' && c != '-') return false;
  return true;
}

http::Response registry_error(int status, std::string_view code, std::string_view message) {
  nlohmann::json body{{"errors", nlohmann::json::array({{{"code", code}, {"message", message}}})}};
  auto r = http::make_response(status, body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n",
                               "application/json; charset=utf-8");
  r.headers.set("Docker-Distribution-API-Version", "registry/2.0");
  return r;
}

}  // namespace hoplite::oci
