// http::InProcessClient hands a Handler the request a socket peer would have sent (Host,
// Content-Length, the same caps) and reads streamed responses the way a real client would.
#include "hoplite/http/in_process_client.hpp"

#include <memory>
#include <stdexcept>

#include <gtest/gtest.h>

#include "hoplite/http/router.hpp"

namespace hoplite::http {
namespace {

TEST(InProcessClient, ShapesTheRequestAsAServerWouldReceiveIt) {
  ServerRequest seen;
  std::string body;
  FunctionHandler h([&](ServerRequest& req) {
    body = req.body.read_all(100).value_or("<error>");
    seen.method = req.method;
    seen.target = req.target;
    seen.headers = req.headers;
    return make_response(201, "ok");
  });
  InProcessClient client(h);
  Request req{"POST", "http://127.0.0.1:4566/a%20b?x=1#frag", {}, "payload", {}};
  req.headers.set("Content-Length", "999");  // a caller's stale value is not what is sent
  req.headers.set("X-Amz-Target", "T.Op");
  auto r = client.send(req);
  ASSERT_TRUE(r.ok()) << r.error().to_string();
  EXPECT_EQ(r->status, 201);
  EXPECT_EQ(r->body, "ok");
  EXPECT_EQ(r->headers.get("Content-Length"), "2");
  EXPECT_EQ(seen.method, "POST");
  EXPECT_EQ(seen.target, "/a%20b?x=1");
  EXPECT_EQ(seen.headers.get("Host"), "127.0.0.1:4566");
  EXPECT_EQ(seen.headers.get("Content-Length"), "7");
  EXPECT_EQ(seen.headers.get("X-Amz-Target"), "T.Op");
  EXPECT_EQ(body, "payload");
}

TEST(InProcessClient, StreamsBothWays) {
  std::string received;
  FunctionHandler h([&](ServerRequest& req) {
    auto read = req.body.read(
        [&](std::string_view piece) {
          received.append(piece);
          return true;
        },
        1 << 20);
    Response r;
    r.status = read ? 200 : 400;
    auto data = std::make_shared<std::string>(received + received);
    r.stream = BodyStream{data->size(), [data]() -> BodyReader {
                            auto done = std::make_shared<bool>(false);
                            return [data, done](char* buf, std::size_t max) -> std::int64_t {
                              if (*done) return 0;
                              *done = true;
                              if (max < data->size()) return -1;
                              std::copy(data->begin(), data->end(), buf);
                              return static_cast<std::int64_t>(data->size());
                            };
                          }};
    return r;
  });
  InProcessClient client(h);
  Request req{"PUT", "http://h/x", {}, {}, {}};
  auto src = std::make_shared<std::string>("streamed");
  req.stream = BodyStream{src->size(), [src]() -> BodyReader {
                            auto done = std::make_shared<bool>(false);
                            return [src, done](char* buf, std::size_t) -> std::int64_t {
                              if (*done) return 0;
                              *done = true;
                              std::copy(src->begin(), src->end(), buf);
                              return static_cast<std::int64_t>(src->size());
                            };
                          }};
  auto r = client.send(req);
  ASSERT_TRUE(r.ok()) << r.error().to_string();
  EXPECT_EQ(received, "streamed");
  EXPECT_EQ(r->body, "streamedstreamed");
  EXPECT_EQ(r->headers.get("Content-Length"), "16");
  EXPECT_FALSE(r->stream.has_value());
}

TEST(InProcessClient, AppliesTheServerLimits) {
  int calls = 0;
  FunctionHandler h([&](ServerRequest&) {
    ++calls;
    return make_response(200);
  });
  InProcessClient client(h, {.max_path_bytes = 10, .max_body_bytes = 5});
  auto r = client.send(Request{"GET", "http://h/" + std::string(20, 'a'), {}, {}, {}});
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->status, 414);
  r = client.send(Request{"PUT", "http://h/a", {}, "123456", {}});
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->status, 413);
  EXPECT_EQ(calls, 0);
}

TEST(InProcessClient, HeadHasNoBodyAndAFailingStreamIsATransportError) {
  FunctionHandler h([](ServerRequest& req) {
    if (req.method == "HEAD") {
      Response r = make_response(200, "not sent");
      r.headers.set("Content-Length", "42");
      return r;
    }
    throw std::runtime_error("a bug");
  });
  InProcessClient client(h);
  auto head = client.send(Request{"HEAD", "http://h/", {}, {}, {}});
  ASSERT_TRUE(head.ok());
  EXPECT_EQ(head->body, "");
  EXPECT_EQ(head->headers.get("Content-Length"), "42");
  auto thrown = client.send(Request{"GET", "http://h/", {}, {}, {}});
  ASSERT_TRUE(thrown.ok());
  EXPECT_EQ(thrown->status, 500);
  Request failing{"PUT", "http://h/", {}, {}, {}};
  failing.stream = BodyStream{10, [] { return BodyReader([](char*, std::size_t) -> std::int64_t { return -1; }); }};
  FunctionHandler reader([](ServerRequest& req) {
    (void)req.body.read_all(100);
    return make_response(200);
  });
  InProcessClient reading(reader);
  auto r = reading.send(failing);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "http.transport");
  auto bad_url = client.send(Request{"GET", "ftp://h/", {}, {}, {}});
  EXPECT_FALSE(bad_url.ok());
}

TEST(Router, FirstMatchingRouteAnswersElseOtherwise) {
  Router router;
  FunctionHandler registry([](ServerRequest&) { return make_response(200, "registry"); });
  router.prefix("/v2/", registry)
      .on("GET", "/_hoplite/", [](ServerRequest&) { return make_response(200, "inspect"); })
      .add([](const ServerRequest& r) { return r.headers.has("X-Amz-Target"); },
           [](ServerRequest&) { return make_response(200, "json"); })
      .add([](const ServerRequest&) { return true; }, [](ServerRequest&) { return make_response(200, "catch-all"); });
  InProcessClient client(router);
  auto body = [&](Request r) { return client.send(r)->body; };
  EXPECT_EQ(body({"GET", "http://h/v2/x/manifests/y", {}, {}, {}}), "registry");
  EXPECT_EQ(body({"GET", "http://h/_hoplite/?q", {}, {}, {}}), "inspect");
  EXPECT_EQ(body({"POST", "http://h/_hoplite/", {}, {}, {}}), "catch-all") << "on() matches the method";
  Request json{"POST", "http://h/", {}, "{}", {}};
  json.headers.set("X-Amz-Target", "T.Op");
  EXPECT_EQ(body(json), "json");
  Router empty;
  InProcessClient none(empty);
  EXPECT_EQ(none.send({"GET", "http://h/", {}, {}, {}})->status, 404);
}

TEST(RequestBody, ReadsOnceAndReportsShortOrOversizedBodies) {
  RequestBody body(std::string("abc"));
  EXPECT_EQ(body.declared_length(), 3u);
  EXPECT_EQ(*body.read_all(3), "abc");
  EXPECT_TRUE(body.complete());
  EXPECT_EQ(body.read_all(3).error().code, "http.body_consumed");

  RequestBody declared_too_large(std::string("abcdef"));
  auto r = declared_too_large.read_all(5);
  EXPECT_EQ(r.error().code, "http.body_too_large");
  EXPECT_EQ(r.error().http_status, 413);

  // A chunked body (no declared length) is cut off as soon as it passes the cap.
  int pieces_seen = 0;
  RequestBody chunked(
      [&](const RequestBody::Sink& sink) {
        for (int i = 0; i < 10; ++i) {
          ++pieces_seen;
          if (!sink("xx")) return false;
        }
        return true;
      },
      std::nullopt);
  EXPECT_EQ(chunked.read_all(5).error().code, "http.body_too_large");
  EXPECT_EQ(pieces_seen, 3);

  RequestBody short_body([](const RequestBody::Sink& sink) { return sink("ab") && false; }, 10);
  EXPECT_EQ(short_body.read_all(100).error().code, "http.body_incomplete");

  RequestBody lying([](const RequestBody::Sink& sink) { return sink("ab"); }, 10);
  EXPECT_EQ(lying.read_all(100).error().code, "http.body_incomplete") << "fewer bytes than declared";

  RequestBody untouched(std::string("rest"));
  EXPECT_TRUE(untouched.drain(10));
  RequestBody big(std::string("too much"));
  EXPECT_FALSE(big.drain(3));
  RequestBody empty;
  EXPECT_EQ(*empty.read_all(0), "");
}

}  // namespace
}  // namespace hoplite::http
