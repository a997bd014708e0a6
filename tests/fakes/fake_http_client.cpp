#include "fakes/fake_http_client.hpp"

#include <utility>

namespace hoplite::testing {

core::Result<http::Response> FakeHttpClient::send(const http::Request& request) {
  http::Request recorded = request;
  if (request.stream && request.stream->open) {
    recorded.body.clear();
    http::BodyReader reader = request.stream->open();
    char buf[16 * 1024];
    for (;;) {
      std::int64_t n = reader(buf, sizeof buf);
      if (n < 0) return core::fail(core::Error{"http.transport", "fake: body stream read failed", {}, false, {}});
      if (n == 0) break;
      recorded.body.append(buf, static_cast<std::size_t>(n));
    }
  }
  std::function<core::Result<http::Response>(const http::Request&)> h;
  {
    std::lock_guard lock(mutex_);
    requests.push_back(recorded);
    if (!responses.empty()) {
      core::Result<http::Response> r = std::move(responses.front());
      responses.pop_front();
      return r;
    }
    h = handler;
  }
  if (h) return h(recorded);
  return core::fail(
      core::Error{"fake.unscripted",
                  "FakeHttpClient: no scripted response for " + request.method + " " + http::redact_url(request.url),
                  {},
                  false,
                  {}});
}

void FakeHttpClient::respond(int status, std::string body, http::Headers headers) {
  http::Response r;
  r.status = status;
  r.body = std::move(body);
  r.headers = std::move(headers);
  std::lock_guard lock(mutex_);
  responses.emplace_back(std::move(r));
}

void FakeHttpClient::fail_transport(std::string message, bool retryable) {
  std::lock_guard lock(mutex_);
  responses.emplace_back(core::fail(core::Error{"http.transport", std::move(message), {}, retryable, {}}));
}

}  // namespace hoplite::testing
