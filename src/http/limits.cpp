#include "hoplite/http/limits.hpp"

#include <cctype>
#include <string>

namespace hoplite::http {
namespace {

std::size_t decoded_length(std::string_view path) {
  std::size_t n = 0;
  for (std::size_t i = 0; i < path.size(); ++i, ++n) {
    if (path[i] == '%' && i + 2 < path.size() && std::isxdigit(static_cast<unsigned char>(path[i + 1])) &&
        std::isxdigit(static_cast<unsigned char>(path[i + 2])))
      i += 2;
  }
  return n;
}

Response refuse(int status, const std::string& text) {
  Response r = make_response(status, text + "\n", "text/plain");
  // The peer may still be sending a body we will not read: the connection cannot be reused.
  r.headers.set("Connection", "close");
  return r;
}

}  // namespace

std::optional<Response> refuse_over_limits(const ServerRequest& request, const ServerLimits& limits) {
  if (request.target.size() > limits.max_target_bytes)
    return refuse(414, "request target longer than " + std::to_string(limits.max_target_bytes) + " bytes");
  if (decoded_length(request.path()) > limits.max_path_bytes)
    return refuse(414, "request path longer than " + std::to_string(limits.max_path_bytes) + " bytes");
  std::size_t count = 0;
  std::size_t bytes = 0;
  for (const auto& [name, value] : request.headers) {
    ++count;
    bytes += name.size() + value.size();
  }
  if (count > limits.max_header_count)
    return refuse(431, "more than " + std::to_string(limits.max_header_count) + " header fields");
  if (bytes > limits.max_header_bytes)
    return refuse(431, "header fields larger than " + std::to_string(limits.max_header_bytes) + " bytes");
  if (auto length = request.body.declared_length(); length && *length > limits.max_body_bytes)
    return refuse(413, "request body larger than " + std::to_string(limits.max_body_bytes) + " bytes");
  return std::nullopt;
}

}  // namespace hoplite::http
