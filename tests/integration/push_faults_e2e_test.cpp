// Pushing through a fault-injecting proxy in front of a real docker-registry: retries, dropped
// connections, digest mismatches, chunked uploads — and never a manifest naming a missing blob.
#include <gtest/gtest.h>

#include <algorithm>
#include <nlohmann/json.hpp>

#include "fakes/fault_proxy.hpp"
#include "hoplite/http/curl_client.hpp"
#include "hoplite/oci/image_builder.hpp"
#include "hoplite/oci/push.hpp"
#include "integration/tools.hpp"

namespace hoplite::integration {
namespace {

using testing::FaultProxy;
using testing::TempDir;
using Kind = FaultProxy::Fault::Kind;

class PushFaultsE2E : public ::testing::Test {
 protected:
  void SetUp() override {
    if (servicefull().empty()) GTEST_SKIP() << "the servicefull example was not built";
    auto img = oci::build_service_image(
        {.binary = servicefull(), .task = "fargateTask", .service_name = "ServicefulStepFunction", .build_id = "e2e"});
    ASSERT_TRUE(img) << img.error().to_string();
    image_ = std::make_unique<oci::Image>(*img);
    registry_ = std::make_unique<RegistryServer>(dir_ / "registry");
    proxy_ = std::make_unique<FaultProxy>(registry_->port());
    options_.registry.retry.base = std::chrono::milliseconds(10);
    options_.docker_config = std::filesystem::path();
  }
  std::string proxied() const { return "127.0.0.1:" + std::to_string(proxy_->port()); }
  core::Result<oci::PushResult> push(const std::string& tag = "v1") {
    auto ref = oci::Reference::parse(proxied() + "/servicefull:" + tag).value();
    return oci::push_image(
        *image_, ref, [] { return std::make_unique<http::CurlClient>(); }, options_);
  }
  /// Every blob the stored manifest names is in the registry (checked directly, not via the proxy).
  void expect_complete(const std::string& tag) {
    http::CurlClient client;
    http::Request get{.method = "GET", .url = "http://" + registry_->host() + "/v2/servicefull/manifests/" + tag};
    get.headers.set("Accept", "application/vnd.oci.image.manifest.v1+json");
    auto m = client.send(get);
    ASSERT_TRUE(m);
    ASSERT_EQ(m->status, 200);
    auto doc = nlohmann::json::parse(m->body);
    std::vector<std::string> digests{doc["config"]["digest"]};
    for (const auto& l : doc["layers"]) digests.push_back(l["digest"]);
    for (const auto& d : digests) {
      auto head = client.send({.method = "HEAD", .url = "http://" + registry_->host() + "/v2/servicefull/blobs/" + d});
      ASSERT_TRUE(head);
      EXPECT_EQ(head->status, 200) << d;
    }
  }
  void expect_no_manifest(const std::string& tag) {
    EXPECT_EQ(manifest_status(registry_->host(), "servicefull", tag), 404);
  }

  TempDir dir_;
  std::unique_ptr<oci::Image> image_;
  std::unique_ptr<RegistryServer> registry_;
  std::unique_ptr<FaultProxy> proxy_;
  oci::PushOptions options_;
};

TEST_F(PushFaultsE2E, ServerErrorOnceIsRetriedFromTheCommandLine) {
  proxy_->add_fault({.method = "PUT", .path_contains = "/blobs/uploads/", .status = 500});
  proxy_->add_fault({.method = "PUT", .path_contains = "/manifests/", .status = 503});
  auto r = run({servicefull(), "build", "--push", proxied() + "/servicefull:v1", "--build-id", "e2e"},
               {{"DOCKER_CONFIG", (dir_ / "nodocker").string()}}, dir_.path());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(proxy_->count("PUT", "/blobs/uploads/"), 4) << "three blobs, one retried";
  EXPECT_EQ(proxy_->count("PUT", "/manifests/v1"), 2);
  expect_complete("v1");
}

TEST_F(PushFaultsE2E, DroppedConnectionMidMonolithicUploadIsRetried) {
  proxy_->add_fault({.method = "PUT", .path_contains = "/blobs/uploads/", .kind = Kind::kDrop});
  auto r = push();
  ASSERT_TRUE(r) << r.error().to_string();
  EXPECT_EQ(r->blobs_uploaded, 3);
  EXPECT_EQ(proxy_->count("PUT", "/blobs/uploads/"), 4);
  expect_complete("v1");
}

TEST_F(PushFaultsE2E, ChunkedUploadSurvivesADroppedPatch) {
  options_.registry.chunk_threshold = 256 * 1024;
  options_.registry.chunk_size = 128 * 1024;
  proxy_->add_fault({.method = "PATCH", .path_contains = "/blobs/uploads/", .kind = Kind::kDrop, .skip = 1});
  auto r = push();
  ASSERT_TRUE(r) << r.error().to_string();
  EXPECT_GT(proxy_->count("PATCH"), 2);
  auto log = proxy_->log();
  EXPECT_EQ(std::count_if(log.begin(), log.end(), [](const std::string& l) { return l.ends_with(" dropped"); }), 1);
  expect_complete("v1");
  // The registry assembled the chunks correctly: skopeo can copy the image out.
  auto copy = run({"skopeo", "--policy", skopeo_policy(dir_.path()).string(), "copy", "--src-tls-verify=false",
                   "docker://" + registry_->host() + "/servicefull:v1", "oci:" + (dir_ / "out").string() + ":v1"});
  EXPECT_EQ(copy.exit_code, 0) << copy.err;
}

TEST_F(PushFaultsE2E, ReportedDigestMismatchFailsWithoutManifest) {
  proxy_->add_fault({.method = "PUT", .path_contains = "/blobs/uploads/", .kind = Kind::kWrongDigest});
  auto r = push();
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, "registry.digest_mismatch");
  EXPECT_NE(r.error().message.find("registry reports digest"), std::string::npos) << r.error().message;
  EXPECT_EQ(proxy_->count("PUT", "/manifests/"), 0);
  expect_no_manifest("v1");
}

TEST_F(PushFaultsE2E, PersistentServerErrorsGiveUpWithoutManifest) {
  options_.registry.retry.max_attempts = 3;
  for (int i = 0; i < 20; ++i) proxy_->add_fault({.method = "POST", .path_contains = "/blobs/uploads/", .status = 500});
  auto r = push();
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().http_status, 500);
  EXPECT_NE(r.error().message.find("gave up after 3 attempts"), std::string::npos) << r.error().message;
  EXPECT_EQ(proxy_->count("PUT", "/manifests/"), 0);
  expect_no_manifest("v1");
}

TEST_F(PushFaultsE2E, SecondRepositoryMountsTheBlobsInsteadOfUploading) {
  ASSERT_TRUE(push());
  proxy_->clear_log();
  options_.mount_from = {"servicefull"};
  auto ref = oci::Reference::parse(proxied() + "/copy:v1").value();
  auto r = oci::push_image(
      *image_, ref, [] { return std::make_unique<http::CurlClient>(); }, options_);
  ASSERT_TRUE(r) << r.error().to_string();
  EXPECT_EQ(r->blobs_mounted, 3);
  EXPECT_EQ(r->blobs_uploaded, 0);
  EXPECT_EQ(proxy_->count("POST", "/v2/copy/blobs/uploads/"), 3);
  EXPECT_EQ(proxy_->count("PUT", "/blobs/"), 0);
  EXPECT_EQ(manifest_status(registry_->host(), "copy", "v1"), 200);
}

}  // namespace
}  // namespace hoplite::integration
