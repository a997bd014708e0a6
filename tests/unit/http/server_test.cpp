// http::Server over a real socket: streamed bodies both ways, HEAD, the request caps, keep-alive
// after a body the handler did not read, and what the HTTP library would do on its own (answer
// ranges, share a port) and must not.
#include "hoplite/http/server.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <set>
#include <stdexcept>
#include <thread>

#include <gtest/gtest.h>

#include "fakes/local_http_server.hpp"
#include "hoplite/core/sha256.hpp"
#include "hoplite/http/curl_client.hpp"

namespace hoplite::http {
namespace {

using testing::body_of;
using testing::header;
using testing::LocalHttpServer;

/// Sends raw bytes on a fresh connection and returns everything the server sends until it closes
/// the connection or `timeout_ms` passes without data.
std::string raw_exchange(int port, const std::string& bytes, int timeout_ms = 2000) {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = htons(static_cast<std::uint16_t>(port));
  if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    ::close(fd);
    throw std::runtime_error("connect failed");
  }
  timeval tv{timeout_ms / 1000, (timeout_ms % 1000) * 1000};
  ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  std::string_view rest = bytes;
  while (!rest.empty()) {
    ssize_t n = ::send(fd, rest.data(), rest.size(), MSG_NOSIGNAL);
    if (n <= 0) break;
    rest.remove_prefix(static_cast<std::size_t>(n));
  }
  std::string out;
  char buf[4096];
  for (ssize_t n; (n = ::recv(fd, buf, sizeof buf, 0)) > 0;) out.append(buf, static_cast<std::size_t>(n));
  ::close(fd);
  return out;
}

/// One client connection for tests that need to control what is sent when.
class Connection {
 public:
  explicit Connection(int port) : fd_(::socket(AF_INET, SOCK_STREAM, 0)) {
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    addr.sin_port = htons(static_cast<std::uint16_t>(port));
    if (::connect(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) throw std::runtime_error("connect");
    timeval tv{5, 0};
    ::setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  }
  ~Connection() { ::close(fd_); }
  void send(std::string_view bytes) {
    while (!bytes.empty()) {
      ssize_t n = ::send(fd_, bytes.data(), bytes.size(), MSG_NOSIGNAL);
      if (n <= 0) throw std::runtime_error("send");
      bytes.remove_prefix(static_cast<std::size_t>(n));
    }
  }
  /// One response: the head, then Content-Length bytes of body ("" on a closed connection).
  std::string read_response() {
    std::string head;
    char c;
    while (head.find("\r\n\r\n") == std::string::npos) {
      if (::recv(fd_, &c, 1, 0) != 1) return head;
      head += c;
    }
    std::size_t length = 0;
    if (auto at = head.find("Content-Length: "); at != std::string::npos) length = std::stoul(head.substr(at + 16));
    std::string body(length, '\0');
    for (std::size_t got = 0; got < length;) {
      ssize_t n = ::recv(fd_, body.data() + got, length - got, 0);
      if (n <= 0) break;
      got += static_cast<std::size_t>(n);
    }
    return head + body;
  }

 private:
  int fd_;
};

std::string pattern(std::size_t n) {
  std::string s(n, '\0');
  for (std::size_t i = 0; i < n; ++i) s[i] = static_cast<char>('a' + (i * 13) % 26);
  return s;
}

/// A response body produced in pieces by a reader, as an S3 GetObject from a file would be.
BodyStream stream_of(std::shared_ptr<const std::string> data) {
  return BodyStream{data->size(), [data]() -> BodyReader {
                      auto offset = std::make_shared<std::size_t>(0);
                      return [data, offset](char* buf, std::size_t max) -> std::int64_t {
                        std::size_t n = std::min(max, data->size() - *offset);
                        std::copy_n(data->data() + *offset, n, buf);
                        *offset += n;
                        return static_cast<std::int64_t>(n);
                      };
                    }};
}

TEST(Server, RequestBodyArrivesInPiecesNotWhole) {
  LocalHttpServer srv;
  std::size_t pieces = 0;
  std::size_t largest = 0;
  std::string digest;
  srv.router.on("PUT", "/object", [&](ServerRequest& req) {
    core::Sha256 h;
    auto read = req.body.read(
        [&](std::string_view piece) {
          ++pieces;
          largest = std::max(largest, piece.size());
          h.update(piece);
          return true;
        },
        64 << 20);
    if (!read) return make_response(*read.error().http_status, read.error().message);
    digest = h.finish_hex();
    return make_response(200);
  });
  srv.start();
  std::string body = pattern(20 << 20);
  CurlClient client;
  auto r = client.send(Request{"PUT", srv.url("/object"), {}, body, {}});
  ASSERT_TRUE(r.ok()) << r.error().to_string();
  EXPECT_EQ(r->status, 200) << r->body;
  EXPECT_EQ(digest, core::sha256_hex(body));
  EXPECT_GT(pieces, 100u);
  EXPECT_LE(largest, 1u << 20) << "the body was buffered before the handler saw it";
}

TEST(Server, StreamedResponseBodyArrivesWholeWithItsLength) {
  LocalHttpServer srv;
  auto data = std::make_shared<const std::string>(pattern((12 << 20) + 7));
  srv.router.on("GET", "/blob", [&](ServerRequest&) {
    Response r;
    r.status = 200;
    r.headers.set("ETag", "\"e\"");
    r.stream = stream_of(data);
    return r;
  });
  srv.router.on("HEAD", "/blob", [&](ServerRequest&) {
    Response r;
    r.status = 200;
    r.stream = stream_of(data);  // never opened for HEAD
    return r;
  });
  srv.start();
  CurlClient client;
  auto r = client.send(Request{"GET", srv.url("/blob"), {}, {}, {}});
  ASSERT_TRUE(r.ok()) << r.error().to_string();
  EXPECT_EQ(r->status, 200);
  EXPECT_EQ(r->headers.get("Content-Length"), std::to_string(data->size()));
  EXPECT_EQ(r->headers.get("Content-Type"), "application/octet-stream");
  EXPECT_EQ(r->headers.get("ETag"), "\"e\"");
  EXPECT_EQ(core::sha256_hex(r->body), core::sha256_hex(*data));
  auto h = client.send(Request{"HEAD", srv.url("/blob"), {}, {}, {}});
  ASSERT_TRUE(h.ok()) << h.error().to_string();
  EXPECT_EQ(h->headers.get("Content-Length"), std::to_string(data->size()));
  EXPECT_EQ(h->body, "");
}

TEST(Server, AFailingResponseStreamCutsTheConnection) {
  LocalHttpServer srv;
  srv.router.on("GET", "/broken", [&](ServerRequest&) {
    Response r;
    r.status = 200;
    r.stream = BodyStream{1000, [] { return BodyReader([](char*, std::size_t) -> std::int64_t { return -1; }); }};
    return r;
  });
  srv.start();
  CurlClient client;
  auto r = client.send(Request{"GET", srv.url("/broken"), {}, {}, {}});
  EXPECT_FALSE(r.ok()) << "a truncated body must not look like a complete one";
}

TEST(Server, RefusesRequestsOverTheLimitsBeforeTheHandler) {
  LocalHttpServer srv;
  int calls = 0;
  srv.router.otherwise([&](ServerRequest& req) {
    ++calls;
    return make_response(200, body_of(req));
  });
  srv.start(
      {.limits = {.max_path_bytes = 100, .max_header_count = 20, .max_header_bytes = 2000, .max_body_bytes = 1000}});
  CurlClient client;
  auto long_path = client.send(Request{"GET", srv.url("/" + std::string(101, 'p')), {}, {}, {}});
  ASSERT_TRUE(long_path.ok());
  EXPECT_EQ(long_path->status, 414);
  // Percent-encoded characters count once: 60 of them are a 60-byte path.
  std::string encoded;
  for (int i = 0; i < 60; ++i) encoded += "%41";
  auto ok_path = client.send(Request{"GET", srv.url("/" + encoded), {}, {}, {}});
  ASSERT_TRUE(ok_path.ok());
  EXPECT_EQ(ok_path->status, 200);

  Request many;
  many.url = srv.url("/h");
  for (int i = 0; i < 30; ++i) many.headers.add("X-H" + std::to_string(i), "v");
  auto r = client.send(many);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->status, 431);
  Request big;
  big.url = srv.url("/h");
  big.headers.add("X-Big", std::string(3000, 'b'));
  r = client.send(big);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->status, 431);
  r = client.send(Request{"PUT", srv.url("/b"), {}, std::string(1001, 'x'), {}});
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->status, 413);
  EXPECT_EQ(calls, 1) << "only the request within the limits reached the handler";
  r = client.send(Request{"PUT", srv.url("/b"), {}, std::string(1000, 'x'), {}});
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->status, 200);
  EXPECT_EQ(r->body.size(), 1000u);
}

TEST(Server, AChunkedBodyIsCappedAsItArrives) {
  LocalHttpServer srv;
  std::string error;
  srv.router.on("POST", "/c", [&](ServerRequest& req) {
    auto body = req.body.read_all(10);
    if (!body) {
      error = body.error().code;
      return make_response(*body.error().http_status);
    }
    return make_response(200, *body);
  });
  srv.start();
  std::string small =
      raw_exchange(srv.port(),
                   "POST /c HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
                   "5\r\nhello\r\n0\r\n\r\n");
  EXPECT_NE(small.find("200 OK"), std::string::npos) << small;
  EXPECT_NE(small.find("hello"), std::string::npos) << small;
  std::string large =
      raw_exchange(srv.port(),
                   "POST /c HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
                   "8\r\n12345678\r\n8\r\n12345678\r\n0\r\n\r\n");
  EXPECT_NE(large.find(" 413 "), std::string::npos) << large;
  EXPECT_EQ(error, "http.body_too_large");
}

TEST(Server, ExpectContinueGetsAnInterimResponse) {
  LocalHttpServer srv;
  srv.router.on("PUT", "/e", [&](ServerRequest& req) { return make_response(200, body_of(req)); });
  srv.start();
  std::string out = raw_exchange(
      srv.port(),
      "PUT /e HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 3\r\nConnection: close\r\n\r\nabc");
  EXPECT_EQ(out.rfind("HTTP/1.1 100 Continue\r\n", 0), 0u) << out;
  EXPECT_NE(out.find("200 OK"), std::string::npos) << out;
}

TEST(Server, AnUnreadBodyDoesNotBreakTheNextRequestOnTheConnection) {
  LocalHttpServer srv;
  srv.router.on("PUT", "/ignore", [](ServerRequest&) { return make_response(200, "ignored"); });
  srv.router.on("GET", "/next", [](ServerRequest&) { return make_response(200, "next"); });
  srv.start();
  Connection c(srv.port());
  c.send("PUT /ignore HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\n");
  std::this_thread::sleep_for(std::chrono::milliseconds(50));  // the body arrives on its own
  c.send("abcde");
  std::string first = c.read_response();
  EXPECT_NE(first.find("ignored"), std::string::npos) << first;
  c.send("GET /next HTTP/1.1\r\nHost: x\r\n\r\n");
  std::string second = c.read_response();
  EXPECT_NE(second.find("200 OK"), std::string::npos) << "the unread body was taken for the next request: " << second;
  EXPECT_NE(second.find("next"), std::string::npos) << second;
}

TEST(Server, AnIdleKeepAliveConnectionDoesNotHoldTheOnlyWorker) {
  // One worker to start with and a keep-alive far longer than the test: without a second worker,
  // the second connection would wait until the first one's keep-alive ran out.
  LocalHttpServer srv;
  srv.router.on("GET", "/who", [](ServerRequest& req) { return make_response(200, std::to_string(req.remote_port)); });
  srv.start({.threads = 1, .max_threads = 4, .keep_alive_timeout = std::chrono::seconds(600)});
  Connection first(srv.port());
  first.send("GET /who HTTP/1.1\r\nHost: x\r\n\r\n");
  std::string a = first.read_response();
  ASSERT_NE(a.find("200 OK"), std::string::npos) << a;
  EXPECT_EQ(a.find("Connection: close"), std::string::npos) << "nobody waits: the connection stays open\n" << a;
  // The first connection now idles, open, on its worker.
  std::string b = raw_exchange(srv.port(), "GET /who HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", 30000);
  EXPECT_NE(b.find("200 OK"), std::string::npos) << "the second connection was not served: " << b;
}

TEST(Server, AFullQueueHoldsConnectionsBackAndServesThemAll) {
  // One worker, one queued connection: the handler holds the worker until every client has
  // connected and sent its request, so the rest wait in the listen backlog, unaccepted.
  std::mutex mutex;  // outlive the server: its handler threads may still be waking up
  std::condition_variable cv;
  bool release = false;
  LocalHttpServer srv;
  srv.router.on("GET", "/slow", [&](ServerRequest&) {
    std::unique_lock lock(mutex);
    cv.wait(lock, [&] { return release; });
    return make_response(200, "done");
  });
  srv.start({.threads = 1, .max_threads = 1, .max_queued_connections = 1});
  constexpr int kClients = 8;
  std::vector<std::string> answers(kClients);
  std::vector<std::thread> clients;
  std::atomic<int> sent{0};
  for (int i = 0; i < kClients; ++i) {
    clients.emplace_back([&, i] {
      Connection c(srv.port());
      c.send("GET /slow HTTP/1.1\r\nHost: x\r\n\r\n");
      ++sent;
      answers[static_cast<std::size_t>(i)] = c.read_response();
    });
  }
  while (sent < kClients) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  {
    std::lock_guard lock(mutex);
    release = true;
  }
  cv.notify_all();
  for (auto& t : clients) t.join();
  for (const auto& a : answers) EXPECT_NE(a.find("done"), std::string::npos) << a;
}

TEST(Server, APutWithoutLengthOrChunkingHasAnEmptyBody) {
  LocalHttpServer srv;
  srv.router.on("PUT", "/empty", [](ServerRequest& req) {
    auto body = req.body.read_all(1024);
    return body ? make_response(200, "read " + std::to_string(body->size())) : make_response(400, body.error().code);
  });
  srv.start();
  std::string r = raw_exchange(srv.port(), "PUT /empty HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
  EXPECT_NE(r.find("200 OK"), std::string::npos) << r;
  EXPECT_NE(r.find("read 0"), std::string::npos) << r;
}

TEST(Server, RangeRequestsReachTheHandlerUntouched) {
  LocalHttpServer srv;
  std::string range;
  srv.router.on("GET", "/r", [&](ServerRequest& req) {
    range = header(req, "Range");
    return make_response(200, "0123456789");
  });
  srv.start();
  CurlClient client;
  Request req{"GET", srv.url("/r"), {}, {}, {}};
  req.headers.set("Range", "bytes=2-3");
  auto r = client.send(req);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->status, 200) << "the handler, not the HTTP library, decides about ranges";
  EXPECT_EQ(r->body, "0123456789");
  EXPECT_EQ(range, "bytes=2-3");
}

TEST(Server, AnExceptionBecomesA500) {
  LocalHttpServer srv;
  srv.router.on("GET", "/throw", [](ServerRequest&) -> Response { throw std::runtime_error("bug"); });
  srv.start();
  CurlClient client;
  auto r = client.send(Request{"GET", srv.url("/throw"), {}, {}, {}});
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->status, 500);
}

TEST(Server, ATakenPortIsAnErrorNotASharedPort) {
  LocalHttpServer first;
  first.start();
  FunctionHandler h([](ServerRequest&) { return make_response(200); });
  Server second(h, {.port = first.port()});
  auto bound = second.start();
  ASSERT_FALSE(bound.ok());
  EXPECT_EQ(bound.error().code, "http.bind");
  EXPECT_NE(bound.error().message.find(std::to_string(first.port())), std::string::npos);
}

TEST(Server, ListensOnLoopbackOnlyAndStopsIdempotently) {
  FunctionHandler h([](ServerRequest& req) { return make_response(200, req.remote_address); });
  Server server(h);
  ASSERT_TRUE(server.start().ok());
  CurlClient client;
  auto r = client.send(Request{"GET", "http://127.0.0.1:" + std::to_string(server.port()) + "/", {}, {}, {}});
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->body, "127.0.0.1");
  server.stop();
  server.stop();
  auto after = client.send(Request{"GET", "http://127.0.0.1:" + std::to_string(server.port()) + "/", {}, {}, {}});
  EXPECT_FALSE(after.ok());
}

}  // namespace
}  // namespace hoplite::http
