// The fault proxy has its own tests (STYLE.md G13): the end-to-end push tests trust it to forward
// faithfully and to inject exactly the faults asked for.
#include "fakes/fault_proxy.hpp"

#include <gtest/gtest.h>
#include <httplib.h>

#include <thread>

#include "hoplite/core/sha256.hpp"

namespace hoplite::testing {
namespace {

class FaultProxyTest : public ::testing::Test {
 protected:
  void SetUp() override {
    server_.Get("/v2/",
                [](const httplib::Request&, httplib::Response& res) { res.set_content("{}", "application/json"); });
    server_.Put("/v2/a/blobs/uploads/1", [this](const httplib::Request& req, httplib::Response& res) {
      received_ = req.body;
      res.status = 201;
      res.set_header("Docker-Content-Digest", "sha256:" + core::sha256_hex(req.body));
      res.set_header("Location", "http://" + req.get_header_value("Host") + "/v2/a/blobs/x");
    });
    port_ = server_.bind_to_any_port("127.0.0.1");
    thread_ = std::thread([this] { server_.listen_after_bind(); });
    while (!server_.is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  void TearDown() override {
    server_.stop();
    thread_.join();
  }
  httplib::Server server_;
  std::thread thread_;
  int port_ = 0;
  std::string received_;
};

TEST_F(FaultProxyTest, ForwardsRequestsAndResponsesUnchangedAndLogsThem) {
  FaultProxy proxy(port_);
  httplib::Client client("127.0.0.1", proxy.port());
  std::string body(200000, 'z');
  auto res = client.Put("/v2/a/blobs/uploads/1?digest=x", body, "application/octet-stream");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 201);
  EXPECT_EQ(received_, body);
  EXPECT_EQ(res->get_header_value("Docker-Content-Digest"), "sha256:" + core::sha256_hex(body));
  EXPECT_EQ(res->get_header_value("Location"), "http://127.0.0.1:" + std::to_string(proxy.port()) + "/v2/a/blobs/x")
      << "the Host header is kept, so upstream URLs point back at the proxy";
  EXPECT_EQ(proxy.log(), std::vector<std::string>{"PUT /v2/a/blobs/uploads/1 201"});
  EXPECT_EQ(proxy.count("PUT", "/uploads/"), 1);
}

TEST_F(FaultProxyTest, InjectsAStatusOnceWithoutTellingTheUpstream) {
  FaultProxy proxy(port_);
  proxy.add_fault({.method = "PUT", .path_contains = "/uploads/", .status = 503});
  httplib::Client client("127.0.0.1", proxy.port());
  auto first = client.Put("/v2/a/blobs/uploads/1", "abc", "application/octet-stream");
  ASSERT_TRUE(first);
  EXPECT_EQ(first->status, 503);
  EXPECT_EQ(received_, "");
  auto second = client.Put("/v2/a/blobs/uploads/1", "abc", "application/octet-stream");
  ASSERT_TRUE(second);
  EXPECT_EQ(second->status, 201);
  EXPECT_EQ(received_, "abc");
}

TEST_F(FaultProxyTest, DropsTheConnectionMidBody) {
  FaultProxy proxy(port_);
  proxy.add_fault({.method = "PUT", .path_contains = "/uploads/", .kind = FaultProxy::Fault::Kind::kDrop});
  httplib::Client client("127.0.0.1", proxy.port());
  auto res = client.Put("/v2/a/blobs/uploads/1", std::string(100000, 'q'), "application/octet-stream");
  EXPECT_FALSE(res) << "the client sees a transport error, not a response";
  EXPECT_EQ(received_, "");
  EXPECT_EQ(proxy.log(), std::vector<std::string>{"PUT /v2/a/blobs/uploads/1 dropped"});
}

TEST_F(FaultProxyTest, RewritesTheReportedDigest) {
  FaultProxy proxy(port_);
  proxy.add_fault({.method = "PUT", .path_contains = "/uploads/", .kind = FaultProxy::Fault::Kind::kWrongDigest});
  httplib::Client client("127.0.0.1", proxy.port());
  auto res = client.Put("/v2/a/blobs/uploads/1", "abc", "application/octet-stream");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 201);
  EXPECT_EQ(received_, "abc");
  EXPECT_NE(res->get_header_value("Docker-Content-Digest"), "sha256:" + core::sha256_hex("abc"));
}

TEST_F(FaultProxyTest, SkipsTheFirstMatchesWhenAsked) {
  FaultProxy proxy(port_);
  proxy.add_fault({.method = "GET", .path_contains = "/v2/", .status = 500, .skip = 1});
  httplib::Client client("127.0.0.1", proxy.port());
  EXPECT_EQ(client.Get("/v2/")->status, 200);
  EXPECT_EQ(client.Get("/v2/")->status, 500);
  EXPECT_EQ(client.Get("/v2/")->status, 200);
}

}  // namespace
}  // namespace hoplite::testing
