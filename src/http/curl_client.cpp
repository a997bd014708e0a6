#include "hoplite/http/curl_client.hpp"

#include <curl/curl.h>

#include <cstdio>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

namespace hoplite::http {
namespace {

constexpr std::size_t kMaxIdleHandles = 8;
/// Response headers kept per response (libcurl itself caps each header line at 100 KiB).
constexpr std::size_t kMaxHeaders = 256;

void global_init() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

/// Everything one transfer needs while libcurl runs its callbacks.
struct Transfer {
  const Request* request = nullptr;
  std::uint64_t max_body = 0;
  Response response;
  bool body_too_large = false;
  bool headers_too_many = false;
  // Body source: either the in-memory body (offset) or a stream reader.
  std::size_t body_offset = 0;
  BodyReader reader;
  bool read_failed = false;
};

std::size_t on_write(char* data, std::size_t size, std::size_t n, void* user) {
  auto* t = static_cast<Transfer*>(user);
  // A peer decides how much it sends; we decide how much we keep. Returning less than was given
  // makes libcurl stop with CURLE_WRITE_ERROR.
  if (t->response.body.size() + size * n > t->max_body) {
    t->body_too_large = true;
    return 0;
  }
  t->response.body.append(data, size * n);
  return size * n;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r' || s.back() == '\n'))
    s.remove_suffix(1);
  return s;
}

std::size_t on_header(char* data, std::size_t size, std::size_t n, void* user) {
  auto* t = static_cast<Transfer*>(user);
  std::string_view line(data, size * n);
  if (line.rfind("HTTP/", 0) == 0) {
    // A new response starts (after 100 Continue or an informational reply): drop earlier headers.
    t->response.headers = Headers{};
    return size * n;
  }
  std::size_t colon = line.find(':');
  if (colon == std::string_view::npos) return size * n;  // blank line or folded junk
  if (t->response.headers.entries().size() >= kMaxHeaders) {
    t->headers_too_many = true;
    return 0;
  }
  t->response.headers.add(std::string(trim(line.substr(0, colon))), std::string(trim(line.substr(colon + 1))));
  return size * n;
}

std::size_t on_read(char* buf, std::size_t size, std::size_t n, void* user) {
  auto* t = static_cast<Transfer*>(user);
  std::size_t max = size * n;
  if (t->reader) {
    std::int64_t got = t->reader(buf, max);
    if (got < 0) {
      t->read_failed = true;
      return CURL_READFUNC_ABORT;
    }
    return static_cast<std::size_t>(got);
  }
  const std::string& body = t->request->body;
  std::size_t left = body.size() - t->body_offset;
  std::size_t take = left < max ? left : max;
  body.copy(buf, take, t->body_offset);
  t->body_offset += take;
  return take;
}

int on_seek(void* user, curl_off_t offset, int origin) {
  auto* t = static_cast<Transfer*>(user);
  if (origin != SEEK_SET || offset != 0) return CURL_SEEKFUNC_CANTSEEK;
  // libcurl rewinds to resend the body (e.g. after a connection was found dead): start over.
  if (t->request->stream) {
    t->reader = t->request->stream->open();
  } else {
    t->body_offset = 0;
  }
  return CURL_SEEKFUNC_OK;
}

bool is_retryable(CURLcode code) {
  switch (code) {
    case CURLE_COULDNT_CONNECT:
    case CURLE_COULDNT_RESOLVE_HOST:
    case CURLE_COULDNT_RESOLVE_PROXY:
    case CURLE_OPERATION_TIMEDOUT:
    case CURLE_SEND_ERROR:
    case CURLE_RECV_ERROR:
    case CURLE_GOT_NOTHING:
    case CURLE_PARTIAL_FILE:
    case CURLE_HTTP2:
    case CURLE_HTTP2_STREAM:
      return true;
    default:
      return false;
  }
}

bool method_has_body(const Request& r) {
  return r.stream.has_value() || !r.body.empty() || r.method == "POST" || r.method == "PUT" || r.method == "PATCH";
}

}  // namespace

struct CurlClient::Impl {
  CurlClientOptions options;
  std::mutex mutex;
  std::vector<CURL*> idle;

  CURL* acquire() {
    {
      std::lock_guard lock(mutex);
      if (!idle.empty()) {
        CURL* h = idle.back();
        idle.pop_back();
        return h;
      }
    }
    return curl_easy_init();
  }

  void release(CURL* h) {
    std::lock_guard lock(mutex);
    if (idle.size() < kMaxIdleHandles) {
      idle.push_back(h);
      return;
    }
    curl_easy_cleanup(h);
  }

  ~Impl() {
    for (CURL* h : idle) curl_easy_cleanup(h);
  }
};

CurlClient::CurlClient(CurlClientOptions options) : impl_(std::make_unique<Impl>()) {
  global_init();
  impl_->options = std::move(options);
}

CurlClient::~CurlClient() = default;

core::Result<Response> CurlClient::send(const Request& request) {
  const CurlClientOptions& o = impl_->options;
  auto transport_error = [&](std::string what, bool retryable) {
    return core::fail(core::Error{
        "http.transport", request.method + " " + redact_url(request.url) + ": " + what, std::nullopt, retryable, {}});
  };
  if (request.stream && !request.stream->open) return transport_error("request body stream has no open()", false);
  CURL* h = impl_->acquire();
  if (h == nullptr) return transport_error("cannot create a libcurl handle", false);
  // Reset options but keep the handle's connection cache, so the next request reuses connections.
  curl_easy_reset(h);

  Transfer t;
  t.request = &request;
  t.max_body = o.max_response_bytes;
  char errbuf[CURL_ERROR_SIZE] = {0};
  curl_slist* headers = nullptr;
  bool has_user_agent = false;
  for (const auto& [name, value] : request.headers) {
    if (iequals(name, "User-Agent")) has_user_agent = true;
    if (iequals(name, "Content-Length") || iequals(name, "Transfer-Encoding")) continue;  // libcurl sets them
    // "Name:" would tell libcurl to remove the header; "Name;" sends it with an empty value.
    std::string line = value.empty() ? name + ";" : name + ": " + value;
    headers = curl_slist_append(headers, line.c_str());
  }
  headers = curl_slist_append(headers, "Expect:");  // no 100-continue round trip
  if (!request.headers.has("Accept")) headers = curl_slist_append(headers, "Accept:");

  curl_easy_setopt(h, CURLOPT_URL, request.url.c_str());
  curl_easy_setopt(h, CURLOPT_ERRORBUFFER, errbuf);
  curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(h, CURLOPT_HTTPHEADER, headers);
  curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, on_write);
  curl_easy_setopt(h, CURLOPT_WRITEDATA, &t);
  curl_easy_setopt(h, CURLOPT_HEADERFUNCTION, on_header);
  curl_easy_setopt(h, CURLOPT_HEADERDATA, &t);
  // The request's own limit (its share of an operation's deadline) tightens the client's.
  auto limit = [&](std::chrono::milliseconds own) {
    if (request.timeout.count() > 0 && (own.count() == 0 || request.timeout < own)) return request.timeout;
    return own;
  };
  curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(limit(o.connect_timeout).count()));
  curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, static_cast<long>(limit(o.total_timeout).count()));
  if (o.stall_timeout.count() > 0) {
    curl_easy_setopt(h, CURLOPT_LOW_SPEED_LIMIT, 1L);
    curl_easy_setopt(h, CURLOPT_LOW_SPEED_TIME, static_cast<long>(o.stall_timeout.count()));
  }
  curl_easy_setopt(h, CURLOPT_SSL_VERIFYPEER, o.verify_tls ? 1L : 0L);
  curl_easy_setopt(h, CURLOPT_SSL_VERIFYHOST, o.verify_tls ? 2L : 0L);
  if (!o.ca_file.empty()) curl_easy_setopt(h, CURLOPT_CAINFO, o.ca_file.c_str());
  if (!has_user_agent) curl_easy_setopt(h, CURLOPT_USERAGENT, o.user_agent.c_str());
  curl_easy_setopt(h, CURLOPT_FOLLOWLOCATION, 0L);  // callers see redirects (S3 region redirects)
  curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "http,https");

  if (request.method == "HEAD") {
    curl_easy_setopt(h, CURLOPT_NOBODY, 1L);
  } else if (method_has_body(request)) {
    if (request.stream) {
      t.reader = request.stream->open();
    }
    curl_off_t size =
        request.stream ? static_cast<curl_off_t>(request.stream->size) : static_cast<curl_off_t>(request.body.size());
    curl_easy_setopt(h, CURLOPT_UPLOAD, 1L);
    curl_easy_setopt(h, CURLOPT_INFILESIZE_LARGE, size);
    curl_easy_setopt(h, CURLOPT_READFUNCTION, on_read);
    curl_easy_setopt(h, CURLOPT_READDATA, &t);
    curl_easy_setopt(h, CURLOPT_SEEKFUNCTION, on_seek);
    curl_easy_setopt(h, CURLOPT_SEEKDATA, &t);
    curl_easy_setopt(h, CURLOPT_CUSTOMREQUEST, request.method.c_str());
  } else if (request.method != "GET") {
    curl_easy_setopt(h, CURLOPT_CUSTOMREQUEST, request.method.c_str());
  }

  CURLcode rc = curl_easy_perform(h);
  long status = 0;
  curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &status);
  curl_slist_free_all(headers);
  // Drop the pointers into this stack frame before the handle goes back to the pool.
  curl_easy_setopt(h, CURLOPT_ERRORBUFFER, nullptr);
  impl_->release(h);

  if (rc != CURLE_OK) {
    if (t.read_failed) return transport_error("reading the request body failed", false);
    if (t.body_too_large)
      return transport_error("the response body is larger than " + std::to_string(o.max_response_bytes) + " bytes",
                             false);
    if (t.headers_too_many)
      return transport_error("the response has more than " + std::to_string(kMaxHeaders) + " headers", false);
    std::string detail = errbuf[0] != '\0' ? std::string(errbuf) : std::string(curl_easy_strerror(rc));
    return transport_error(detail, is_retryable(rc));
  }
  t.response.status = static_cast<int>(status);
  return std::move(t.response);
}

}  // namespace hoplite::http
