// The fault proxy has its own tests (STYLE.md G13): the end-to-end push tests trust it to forward
// faithfully and to inject exactly the faults asked for.
#include "fakes/fault_proxy.hpp"

#include <gtest/gtest.h>

#include "fakes/local_http_server.hpp"
#include "hoplite/core/sha256.hpp"
#include "hoplite/http/curl_client.hpp"

namespace hoplite::testing {
namespace {

using ::hoplite::testing::body_of;
using ::hoplite::testing::header;

class FaultProxyTest : public ::testing::Test {
 protected:
  void SetUp() override {
    server_.router.on("GET", "/v2/",
                      [](http::ServerRequest&) { return http::make_response(200, "{}", "application/json"); });
    server_.router.on("PUT", "/v2/a/blobs/uploads/1", [this](http::ServerRequest& req) {
      received_ = body_of(req);
      http::Response res = http::make_response(201);
      res.headers.set("Docker-Content-Digest", "sha256:" + core::sha256_hex(received_));
      res.headers.set("Location", "http://" + header(req, "Host") + "/v2/a/blobs/x");
      return res;
    });
    server_.start();
    port_ = server_.port();
  }
  void TearDown() override { server_.stop(); }

  /// Sends through the proxy; a transport error is a failed Result.
  core::Result<http::Response> send(const std::string& method, const std::string& target, std::string body = {}) {
    http::Request req;
    req.method = method;
    req.url = "http://127.0.0.1:" + std::to_string(proxy_port_) + target;
    req.body = std::move(body);
    if (!req.body.empty()) req.headers.set("Content-Type", "application/octet-stream");
    return client_.send(req);
  }

  LocalHttpServer server_;
  int port_ = 0;
  int proxy_port_ = 0;
  std::string received_;
  http::CurlClient client_;
};

TEST_F(FaultProxyTest, ForwardsRequestsAndResponsesUnchangedAndLogsThem) {
  FaultProxy proxy(port_);
  proxy_port_ = proxy.port();
  std::string body(200000, 'z');
  auto res = send("PUT", "/v2/a/blobs/uploads/1?digest=x", body);
  ASSERT_TRUE(res.ok());
  EXPECT_EQ(res->status, 201);
  EXPECT_EQ(received_, body);
  EXPECT_EQ(res->headers.get("Docker-Content-Digest").value_or(""), "sha256:" + core::sha256_hex(body));
  EXPECT_EQ(res->headers.get("Location").value_or(""),
            "http://127.0.0.1:" + std::to_string(proxy.port()) + "/v2/a/blobs/x")
      << "the Host header is kept, so upstream URLs point back at the proxy";
  EXPECT_EQ(proxy.log(), std::vector<std::string>{"PUT /v2/a/blobs/uploads/1 201"});
  EXPECT_EQ(proxy.count("PUT", "/uploads/"), 1);
}

TEST_F(FaultProxyTest, InjectsAStatusOnceWithoutTellingTheUpstream) {
  FaultProxy proxy(port_);
  proxy.add_fault({.method = "PUT", .path_contains = "/uploads/", .status = 503});
  proxy_port_ = proxy.port();
  auto first = send("PUT", "/v2/a/blobs/uploads/1", "abc");
  ASSERT_TRUE(first.ok());
  EXPECT_EQ(first->status, 503);
  EXPECT_EQ(received_, "");
  auto second = send("PUT", "/v2/a/blobs/uploads/1", "abc");
  ASSERT_TRUE(second.ok());
  EXPECT_EQ(second->status, 201);
  EXPECT_EQ(received_, "abc");
}

TEST_F(FaultProxyTest, DropsTheConnectionMidBody) {
  FaultProxy proxy(port_);
  proxy.add_fault({.method = "PUT", .path_contains = "/uploads/", .kind = FaultProxy::Fault::Kind::kDrop});
  proxy_port_ = proxy.port();
  auto res = send("PUT", "/v2/a/blobs/uploads/1", std::string(100000, 'q'));
  EXPECT_FALSE(res.ok()) << "the client sees a transport error, not a response";
  EXPECT_EQ(received_, "");
  EXPECT_EQ(proxy.log(), std::vector<std::string>{"PUT /v2/a/blobs/uploads/1 dropped"});
}

TEST_F(FaultProxyTest, RewritesTheReportedDigest) {
  FaultProxy proxy(port_);
  proxy.add_fault({.method = "PUT", .path_contains = "/uploads/", .kind = FaultProxy::Fault::Kind::kWrongDigest});
  proxy_port_ = proxy.port();
  auto res = send("PUT", "/v2/a/blobs/uploads/1", "abc");
  ASSERT_TRUE(res.ok());
  EXPECT_EQ(res->status, 201);
  EXPECT_EQ(received_, "abc");
  EXPECT_NE(res->headers.get("Docker-Content-Digest").value_or(""), "sha256:" + core::sha256_hex("abc"));
}

TEST_F(FaultProxyTest, SkipsTheFirstMatchesWhenAsked) {
  FaultProxy proxy(port_);
  proxy.add_fault({.method = "GET", .path_contains = "/v2/", .status = 500, .skip = 1});
  proxy_port_ = proxy.port();
  EXPECT_EQ(send("GET", "/v2/")->status, 200);
  EXPECT_EQ(send("GET", "/v2/")->status, 500);
  EXPECT_EQ(send("GET", "/v2/")->status, 200);
}

}  // namespace
}  // namespace hoplite::testing
