#include "hoplite/http/in_process_client.hpp"

#include <exception>
#include <memory>
#include <string>
#include <utility>

namespace hoplite::http {
namespace {

core::Failure transport_error(const Request& r, const std::string& what) {
  return core::fail(
      core::Error{"http.transport", r.method + " " + redact_url(r.url) + ": " + what, std::nullopt, false, {}});
}

bool has_body(const Request& r) {
  return r.stream.has_value() || !r.body.empty() || r.method == "POST" || r.method == "PUT" || r.method == "PATCH";
}

}  // namespace

InProcessClient::InProcessClient(Handler& handler, ServerLimits limits) : handler_(handler), limits_(limits) {}

core::Result<Response> InProcessClient::send(const Request& request) {
  std::string_view url = request.url;
  auto scheme = url.find("://");
  if (scheme == std::string_view::npos || (url.substr(0, scheme) != "http" && url.substr(0, scheme) != "https"))
    return transport_error(request, "not an http(s) URL");
  std::string_view rest = url.substr(scheme + 3);
  auto slash = rest.find_first_of("/?#");
  std::string authority(rest.substr(0, slash));
  std::string_view target = slash == std::string_view::npos ? std::string_view{} : rest.substr(slash);
  target = target.substr(0, target.find('#'));
  if (authority.empty()) return transport_error(request, "URL has no host");

  ServerRequest sreq;
  sreq.method = request.method;
  sreq.target = target.empty() || target.front() == '?' ? "/" + std::string(target) : std::string(target);
  sreq.remote_address = "in-process";
  // What a socket peer would see: libcurl sends Host first, and Content-Length for every body.
  if (!request.headers.has("Host")) sreq.headers.add("Host", authority);
  for (const auto& [name, value] : request.headers) {
    if (iequals(name, "Content-Length") || iequals(name, "Transfer-Encoding")) continue;
    sreq.headers.add(name, value);
  }
  auto reader_failed = std::make_shared<bool>(false);
  if (has_body(request) && request.method != "HEAD") {
    if (request.stream) {
      if (!request.stream->open) return transport_error(request, "request body stream has no open()");
      std::uint64_t size = request.stream->size;
      sreq.headers.add("Content-Length", std::to_string(size));
      BodyStream stream = *request.stream;
      sreq.body = RequestBody(
          [stream, reader_failed](const RequestBody::Sink& sink) {
            BodyReader reader = stream.open();
            std::string buf(64 * 1024, '\0');
            for (;;) {
              std::int64_t n = reader(buf.data(), buf.size());
              if (n < 0) {
                *reader_failed = true;
                return false;
              }
              if (n == 0) return true;
              if (!sink(std::string_view(buf.data(), static_cast<std::size_t>(n)))) return false;
            }
          },
          size);
    } else {
      sreq.headers.add("Content-Length", std::to_string(request.body.size()));
      sreq.body = RequestBody(request.body);
    }
  }

  Response response;
  if (auto refused = refuse_over_limits(sreq, limits_)) {
    response = std::move(*refused);
  } else {
    try {
      response = handler_.handle(sreq);
    } catch (const std::exception&) {
      response = make_response(500, "internal server error\n", "text/plain");
    }
  }
  if (*reader_failed) return transport_error(request, "reading the request body failed");
  if (response.stream) {
    if (request.method != "HEAD" && response.stream->open) {
      BodyReader reader = response.stream->open();
      std::string buf(64 * 1024, '\0');
      for (;;) {
        std::int64_t n = reader(buf.data(), buf.size());
        if (n < 0) return transport_error(request, "the server failed while sending the response body");
        if (n == 0) break;
        response.body.append(buf.data(), static_cast<std::size_t>(n));
      }
    }
    if (!response.headers.has("Content-Length"))
      response.headers.set("Content-Length", std::to_string(response.stream->size));
    response.stream.reset();
  } else if (request.method != "HEAD" && !response.headers.has("Content-Length")) {
    response.headers.set("Content-Length", std::to_string(response.body.size()));
  }
  if (request.method == "HEAD") response.body.clear();
  return response;
}

}  // namespace hoplite::http
