#include "hoplite/http/handler.hpp"

#include <memory>
#include <utility>

namespace hoplite::http {
namespace {

core::Failure body_error(std::string code, std::string message, int status) {
  return core::fail(core::Error{std::move(code), std::move(message), status, false, {}});
}

}  // namespace

RequestBody::RequestBody(std::string bytes) : declared_length_(bytes.size()) {
  auto shared = std::make_shared<const std::string>(std::move(bytes));
  source_ = [shared](const Sink& sink) { return shared->empty() || sink(*shared); };
}

RequestBody::RequestBody(Source source, std::optional<std::uint64_t> declared_length)
    : source_(std::move(source)), declared_length_(declared_length) {}

core::Result<void> RequestBody::read(const Sink& sink, std::uint64_t max) {
  if (consumed_) return body_error("http.body_consumed", "the request body was already read", 500);
  consumed_ = true;
  if (declared_length_ && *declared_length_ > max)
    return body_error("http.body_too_large",
                      "request body of " + std::to_string(*declared_length_) + " bytes exceeds the limit of " +
                          std::to_string(max) + " bytes",
                      413);
  if (!source_) {
    complete_ = true;
    return core::ok();
  }
  bool too_large = false;
  bool stopped = false;
  bool delivered = source_([&](std::string_view piece) {
    if (piece.size() > max - bytes_read_) {
      too_large = true;
      return false;
    }
    bytes_read_ += piece.size();
    if (!sink(piece)) {
      stopped = true;
      return false;
    }
    return true;
  });
  if (too_large)
    return body_error("http.body_too_large", "request body exceeds the limit of " + std::to_string(max) + " bytes",
                      413);
  if (stopped) return body_error("http.body_stopped", "stopped reading the request body", 400);
  if (!delivered || (declared_length_ && bytes_read_ != *declared_length_))
    return body_error("http.body_incomplete",
                      "the peer sent " + std::to_string(bytes_read_) + " bytes of the request body, then stopped", 400);
  complete_ = true;
  return core::ok();
}

core::Result<std::string> RequestBody::read_all(std::uint64_t max) {
  std::string out;
  if (declared_length_ && *declared_length_ <= max) out.reserve(static_cast<std::size_t>(*declared_length_));
  auto r = read(
      [&](std::string_view piece) {
        out.append(piece);
        return true;
      },
      max);
  if (!r) return r.failure();
  return out;
}

bool RequestBody::drain(std::uint64_t max) {
  if (consumed_) return complete_;
  return read([](std::string_view) { return true; }, max).ok();
}

std::string_view ServerRequest::path() const {
  std::string_view t = target;
  return t.substr(0, t.find('?'));
}

std::string_view ServerRequest::query() const {
  std::string_view t = target;
  auto q = t.find('?');
  return q == std::string_view::npos ? std::string_view{} : t.substr(q + 1);
}

Response make_response(int status, std::string body, std::string_view content_type) {
  Response r;
  r.status = status;
  r.body = std::move(body);
  if (!content_type.empty()) r.headers.set("Content-Type", std::string(content_type));
  return r;
}

}  // namespace hoplite::http
