#include "hoplite/http/curl_client.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <condition_variable>
#include <mutex>
#include <set>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "fakes/local_http_server.hpp"
#include "hoplite/core/sha256.hpp"
#include "unit/aws/env_guard.hpp"

namespace hoplite::http {
namespace {

using testing::body_of;
using testing::header;
using testing::LocalHttpServer;

/// A port nothing listens on: bind one, note it, close it.
int unused_port() {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  ::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
  socklen_t len = sizeof addr;
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
  int port = ntohs(addr.sin_port);
  ::close(fd);
  return port;
}

std::vector<std::string> values_of(const Headers& h, std::string_view name) {
  std::vector<std::string> out;
  for (const auto& [k, v] : h)
    if (iequals(k, name)) out.push_back(v);
  return out;
}

TEST(CurlClient, GetSendsHeadersAndCapturesRepeatedResponseHeaders) {
  LocalHttpServer srv;
  std::string seen_custom, seen_expect, seen_query;
  srv.router.on("GET", "/hello", [&](ServerRequest& req) {
    seen_custom = header(req, "X-Custom");
    seen_expect = header(req, "Expect");
    seen_query = std::string(req.query());
    Response res = make_response(200, "hi there", "text/plain");
    res.headers.add("Set-Cookie", "one=1");
    res.headers.add("Set-Cookie", "two=2");
    res.headers.set("X-Amzn-RequestId", "req-123");
    return res;
  });
  srv.start();
  CurlClient client;
  Request req;
  req.url = srv.url("/hello?a=b%20c");
  req.headers.add("X-Custom", "value 1");
  auto r = client.send(req);
  ASSERT_TRUE(r.ok()) << r.error().to_string();
  EXPECT_EQ(r->status, 200);
  EXPECT_EQ(r->body, "hi there");
  EXPECT_EQ(seen_custom, "value 1");
  EXPECT_EQ(seen_query, "a=b%20c");
  EXPECT_EQ(seen_expect, "");
  EXPECT_EQ(r->headers.get("x-amzn-requestid"), "req-123");
  EXPECT_EQ(values_of(r->headers, "set-cookie"), (std::vector<std::string>{"one=1", "two=2"}));
  EXPECT_EQ(r->headers.get("Content-Type"), "text/plain");
}

TEST(CurlClient, PostSendsBodyWithoutExpectContinue) {
  LocalHttpServer srv;
  std::string body, content_type, expect, content_length;
  srv.router.on("POST", "/form", [&](ServerRequest& req) {
    body = body_of(req);
    content_type = header(req, "Content-Type");
    expect = header(req, "Expect");
    content_length = header(req, "Content-Length");
    return make_response(201, "created", "text/plain");
  });
  srv.start();
  CurlClient client;
  Request req;
  req.method = "POST";
  req.url = srv.url("/form");
  req.headers.add("Content-Type", "application/x-amz-json-1.1");
  req.body = std::string(2 * 1024 * 1024, 'x');  // large enough that libcurl would normally send Expect
  auto r = client.send(req);
  ASSERT_TRUE(r.ok()) << r.error().to_string();
  EXPECT_EQ(r->status, 201);
  EXPECT_TRUE(body == req.body) << "received " << body.size() << " bytes";
  EXPECT_EQ(content_type, "application/x-amz-json-1.1");
  EXPECT_EQ(content_length, std::to_string(req.body.size()));
  EXPECT_EQ(expect, "");
}

TEST(CurlClient, EmptyPostSendsContentLengthZero) {
  LocalHttpServer srv;
  std::string content_length = "unset";
  srv.router.on("POST", "/empty", [&](ServerRequest& req) {
    content_length = header(req, "Content-Length");
    return make_response(200, "ok", "text/plain");
  });
  srv.start();
  CurlClient client;
  Request req;
  req.method = "POST";
  req.url = srv.url("/empty");
  auto r = client.send(req);
  ASSERT_TRUE(r.ok()) << r.error().to_string();
  EXPECT_EQ(r->status, 200);
  EXPECT_EQ(content_length, "0");
}

TEST(CurlClient, StreamedPutUploadsEveryByteAndCanBeReplayed) {
  LocalHttpServer srv;
  std::vector<std::string> digests;
  srv.router.on("PUT", "/blob", [&](ServerRequest& req) {
    core::Sha256 h;  // hashed as it arrives: the body is never in memory whole
    auto read = req.body.read(
        [&](std::string_view piece) {
          h.update(piece);
          return true;
        },
        1 << 30);
    digests.push_back(read ? h.finish_hex() : read.error().code);
    return make_response(201);
  });
  srv.start();
  constexpr std::uint64_t kSize = 9 * 1024 * 1024 + 17;  // several read-callback rounds, odd tail
  std::string expected;
  expected.reserve(kSize);
  for (std::uint64_t i = 0; i < kSize; ++i) expected.push_back(static_cast<char>('a' + (i * 7) % 26));
  int opens = 0;
  BodyStream stream;
  stream.size = kSize;
  stream.open = [&]() -> BodyReader {
    ++opens;
    auto offset = std::make_shared<std::uint64_t>(0);
    return [&, offset](char* buf, std::size_t max) -> std::int64_t {
      std::size_t n = std::min<std::uint64_t>(max, kSize - *offset);
      std::copy_n(expected.data() + *offset, n, buf);
      *offset += n;
      return static_cast<std::int64_t>(n);
    };
  };
  CurlClient client;
  Request req;
  req.method = "PUT";
  req.url = srv.url("/blob");
  req.stream = stream;
  for (int i = 0; i < 2; ++i) {  // the same request sent twice, as a retry would
    auto r = client.send(req);
    ASSERT_TRUE(r.ok()) << r.error().to_string();
    EXPECT_EQ(r->status, 201);
  }
  EXPECT_EQ(opens, 2);
  ASSERT_EQ(digests.size(), 2u);
  EXPECT_EQ(digests[0], core::sha256_hex(expected));
  EXPECT_EQ(digests[1], core::sha256_hex(expected));
}

TEST(CurlClient, FailingBodyStreamIsANonRetryableError) {
  LocalHttpServer srv;
  srv.router.on("PUT", "/blob", [&](ServerRequest&) { return make_response(201); });
  srv.start();
  Request req;
  req.method = "PUT";
  req.url = srv.url("/blob");
  req.stream = BodyStream{100, [] { return BodyReader([](char*, std::size_t) -> std::int64_t { return -1; }); }};
  CurlClient client;
  auto r = client.send(req);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "http.transport");
  EXPECT_FALSE(r.error().retryable);
  EXPECT_NE(r.error().message.find("reading the request body"), std::string::npos) << r.error().message;
}

TEST(CurlClient, LargeResponseBodyArrivesWhole) {
  LocalHttpServer srv;
  std::string big(12 * 1024 * 1024, '\0');
  for (std::size_t i = 0; i < big.size(); ++i) big[i] = static_cast<char>(i % 251);
  srv.router.on("GET", "/big", [&](ServerRequest&) { return make_response(200, big, "application/octet-stream"); });
  srv.start();
  CurlClient client;
  auto r = client.send(Request{"GET", srv.url("/big"), {}, {}, {}});
  ASSERT_TRUE(r.ok()) << r.error().to_string();
  EXPECT_EQ(r->body.size(), big.size());
  EXPECT_EQ(core::sha256_hex(r->body), core::sha256_hex(big));
}

TEST(CurlClient, ErrorStatusesAreResponsesNotErrors) {
  LocalHttpServer srv;
  srv.router.on("GET", "/boom", [&](ServerRequest&) {
    return make_response(503, "<Error><Code>SlowDown</Code></Error>", "application/xml");
  });
  srv.router.on("DELETE", "/thing", [&](ServerRequest&) { return make_response(204); });
  srv.start();
  CurlClient client;
  auto r = client.send(Request{"GET", srv.url("/boom"), {}, {}, {}});
  ASSERT_TRUE(r.ok()) << r.error().to_string();
  EXPECT_EQ(r->status, 503);
  EXPECT_EQ(r->body, "<Error><Code>SlowDown</Code></Error>");
  auto d = client.send(Request{"DELETE", srv.url("/thing"), {}, {}, {}});
  ASSERT_TRUE(d.ok()) << d.error().to_string();
  EXPECT_EQ(d->status, 204);
}

TEST(CurlClient, HeadReturnsHeadersWithoutBody) {
  LocalHttpServer srv;
  srv.router.on("HEAD", "/obj", [&](ServerRequest&) {
    Response res = make_response(200, {}, "text/plain");
    res.headers.set("ETag", "\"abc\"");
    res.headers.set("Content-Length", "10");
    return res;
  });
  srv.start();
  CurlClient client;
  auto r = client.send(Request{"HEAD", srv.url("/obj"), {}, {}, {}});
  ASSERT_TRUE(r.ok()) << r.error().to_string();
  EXPECT_EQ(r->status, 200);
  EXPECT_EQ(r->body, "");
  EXPECT_EQ(r->headers.get("ETag"), "\"abc\"");
  EXPECT_EQ(r->headers.get("Content-Length"), "10");
}

TEST(CurlClient, ConnectionRefusedIsRetryableAndNamesTheRedactedUrl) {
  CurlClient client;
  std::string url = "http://user:pw@127.0.0.1:" + std::to_string(unused_port()) + "/path?X-Amz-Signature=secret";
  auto r = client.send(Request{"GET", url, {}, {}, {}});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "http.transport");
  EXPECT_TRUE(r.error().retryable);
  EXPECT_NE(r.error().message.find("GET http://127.0.0.1:"), std::string::npos) << r.error().message;
  EXPECT_NE(r.error().message.find("/path"), std::string::npos) << r.error().message;
  EXPECT_EQ(r.error().message.find("secret"), std::string::npos) << r.error().message;
  EXPECT_EQ(r.error().message.find("pw"), std::string::npos) << r.error().message;
}

TEST(CurlClient, TotalTimeoutIsARetryableTransportError) {
  // Declared before the server, so they outlive it: its handler thread may still be waking up
  // when the test returns.
  std::mutex m;
  std::condition_variable cv;
  bool release = false;
  LocalHttpServer srv;
  srv.router.on("GET", "/slow", [&](ServerRequest&) {
    std::unique_lock lock(m);
    cv.wait(lock, [&] { return release; });  // answers only after the client gave up
    return make_response(200, "late", "text/plain");
  });
  srv.start();
  CurlClient client(
      {.connect_timeout = std::chrono::milliseconds(1000), .total_timeout = std::chrono::milliseconds(200)});
  auto r = client.send(Request{"GET", srv.url("/slow"), {}, {}, {}});
  {
    std::lock_guard lock(m);
    release = true;
  }
  cv.notify_all();
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "http.transport");
  EXPECT_TRUE(r.error().retryable);
  EXPECT_NE(r.error().message.find("/slow"), std::string::npos) << r.error().message;
}

TEST(CurlClient, ReusesTheConnectionBetweenRequests) {
  LocalHttpServer srv;
  std::set<int> client_ports;
  std::mutex m;
  srv.router.on("GET", "/ping", [&](ServerRequest& req) {
    std::lock_guard lock(m);
    client_ports.insert(req.remote_port);
    return make_response(200, "pong", "text/plain");
  });
  srv.start();
  CurlClient client;
  for (int i = 0; i < 5; ++i) {
    auto r = client.send(Request{"GET", srv.url("/ping"), {}, {}, {}});
    ASSERT_TRUE(r.ok()) << r.error().to_string();
  }
  EXPECT_EQ(client_ports.size(), 1u) << "each request opened a new connection";
}

TEST(CurlClient, IsSafeToShareBetweenThreads) {
  LocalHttpServer srv;
  srv.router.on("POST", "/echo", [&](ServerRequest& req) { return make_response(200, body_of(req), "text/plain"); });
  srv.start();
  CurlClient client;
  std::atomic<int> good{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 10; ++i) {
        std::string body = "thread " + std::to_string(t) + " request " + std::to_string(i);
        auto r = client.send(Request{"POST", srv.url("/echo"), {}, body, {}});
        if (r.ok() && r->status == 200 && r->body == body) ++good;
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(good.load(), 40);
}

TEST(CurlClient, TlsFailureIsNotRetryable) {
  // A plain-HTTP server spoken to with https: the TLS handshake fails.
  LocalHttpServer srv;
  srv.router.on("GET", "/", [&](ServerRequest&) { return make_response(200, "x", "text/plain"); });
  srv.start();
  CurlClient client(
      {.connect_timeout = std::chrono::milliseconds(2000), .total_timeout = std::chrono::milliseconds(5000)});
  auto r = client.send(Request{"GET", "https://127.0.0.1:" + std::to_string(srv.port()) + "/", {}, {}, {}});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "http.transport");
  EXPECT_FALSE(r.error().retryable) << r.error().message;
}

TEST(CurlClient, UsesTheProxyFromTheEnvironment) {
  LocalHttpServer proxy;  // a forward proxy sees the absolute URL of the real target
  std::string target, host;
  proxy.router.otherwise([&](ServerRequest& req) {
    target = req.target;
    host = header(req, "Host");
    return make_response(200, "via proxy", "text/plain");
  });
  proxy.start();
  testing::EnvGuard env;
  env.set("http_proxy", proxy.url());
  env.unset("no_proxy");
  env.unset("NO_PROXY");
  CurlClient client;
  auto r = client.send(Request{"GET", "http://registry.invalid:5000/v2/", {}, {}, {}});
  ASSERT_TRUE(r.ok()) << r.error().to_string();
  EXPECT_EQ(r->body, "via proxy");
  EXPECT_EQ(target, "http://registry.invalid:5000/v2/");
  EXPECT_EQ(host, "registry.invalid:5000");
}

}  // namespace
}  // namespace hoplite::http
