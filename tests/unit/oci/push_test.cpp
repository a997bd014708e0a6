#include "hoplite/oci/push.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <thread>

#include "fakes/memory_registry.hpp"
#include "hoplite/core/base64.hpp"
#include "hoplite/oci/digest.hpp"
#include "support/golden.hpp"

namespace hoplite::oci {
namespace {

using ::hoplite::testing::MemoryRegistry;
using Fault = MemoryRegistry::Fault;

/// Hands every worker a client that forwards to one shared (thread-safe) MemoryRegistry.
class Forward : public http::Client {
 public:
  explicit Forward(MemoryRegistry& r) : r_(r) {}
  core::Result<http::Response> send(const http::Request& req) override { return r_.send(req); }

 private:
  MemoryRegistry& r_;
};

class PushTest : public ::testing::Test {
 protected:
  PushTest() {
    layers_ = {std::string(3000, 'a'), std::string(5000, 'b'), "small layer", std::string(70000, 'c')};
    for (const auto& l : layers_)
      content_.blobs.push_back({oci::Digest::of(l).str(), "application/vnd.oci.image.layer.v1.tar+gzip", l});
    content_.blobs.push_back({oci::Digest::of(config_).str(), "application/vnd.oci.image.config.v1+json", config_});
    manifest_ = R"({"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json","config":{"digest":")" +
                oci::Digest::of(config_).str() + R"("},"layers":[)";
    for (std::size_t i = 0; i < layers_.size(); ++i)
      manifest_ += std::string(i ? "," : "") + R"({"digest":")" + oci::Digest::of(layers_[i]).str() + R"("})";
    manifest_ += "]}";
    content_.manifest = manifest_;
    options_.registry.clock = &clock_;
    options_.docker_config = std::filesystem::path();  // never read the real ~/.docker in tests
  }
  core::Result<PushResult> run(const std::string& ref = "127.0.0.1:5000/svc:v1") {
    return push(
        Reference::parse(ref).value(), content_, [this] { return std::make_unique<Forward>(registry_); }, options_);
  }

  std::vector<std::string> layers_;
  std::string config_ = R"({"architecture":"amd64","os":"linux"})";
  std::string manifest_;
  PushContent content_;
  PushOptions options_;
  core::FixedClock clock_{core::TimePoint{}};
  MemoryRegistry registry_;
};

TEST_F(PushTest, PushesEveryBlobThenTheManifestAndReturnsTheDigestReference) {
  auto r = run();
  ASSERT_TRUE(r) << r.error().to_string();
  EXPECT_EQ(r->digest, oci::Digest::of(manifest_).str());
  EXPECT_EQ(r->reference.to_string(), "127.0.0.1:5000/svc@" + oci::Digest::of(manifest_).str());
  EXPECT_EQ(r->blobs_uploaded, 5);
  EXPECT_EQ(r->bytes_uploaded, 3000u + 5000u + 11u + 70000u + config_.size());
  EXPECT_EQ(registry_.manifest("svc", "v1"), manifest_);
  for (const auto& b : content_.blobs) EXPECT_TRUE(registry_.has_blob("svc", b.digest));
  auto log = registry_.log();
  EXPECT_EQ(log.back(), "PUT /v2/svc/manifests/v1 201") << "the manifest comes last";
}

TEST_F(PushTest, SecondPushUploadsNothing) {
  ASSERT_TRUE(run());
  int posts = registry_.count("POST");
  auto again = run();
  ASSERT_TRUE(again);
  EXPECT_EQ(again->blobs_existing, 5);
  EXPECT_EQ(again->blobs_uploaded, 0);
  EXPECT_EQ(registry_.count("POST"), posts);
  EXPECT_EQ(again->digest, oci::Digest::of(manifest_).str());
}

TEST_F(PushTest, WithoutTagPushesByDigest) {
  auto r = run("127.0.0.1:5000/svc");
  ASSERT_TRUE(r);
  EXPECT_EQ(registry_.manifest("svc", oci::Digest::of(manifest_).str()), manifest_);
  EXPECT_EQ(registry_.count("PUT", "/manifests/" + oci::Digest::of(manifest_).str()), 1);
}

TEST_F(PushTest, ChunkedAndMonolithicByThreshold) {
  options_.registry.chunk_threshold = 4096;
  options_.registry.chunk_size = 16384;
  ASSERT_TRUE(run());
  // 5000 → 1 PATCH; 70000 → 5 PATCHes; the small ones go in the PUT.
  EXPECT_EQ(registry_.count("PATCH"), 6);
  EXPECT_EQ(registry_.count("PUT", "/blobs/uploads/"), 5);
}

TEST_F(PushTest, MountsFromAnotherRepositoryInsteadOfUploading) {
  registry_.put_blob("base", layers_[3]);
  options_.mount_from = {"base"};
  auto r = run();
  ASSERT_TRUE(r);
  EXPECT_EQ(r->blobs_mounted, 1);
  EXPECT_EQ(r->blobs_uploaded, 4);
  EXPECT_EQ(registry_.count("POST", "/v2/svc/blobs/uploads/"), 5 + 4);  // 5 mount tries, 4 uploads
}

TEST_F(PushTest, RetriesServerErrorsAndDroppedConnections) {
  registry_.add_fault({.method = "PUT", .path_contains = "/blobs/uploads/", .status = 500});
  registry_.add_fault({.method = "HEAD", .path_contains = "/blobs/", .kind = Fault::Kind::kDrop, .skip = 2});
  registry_.add_fault({.method = "PUT", .path_contains = "/manifests/", .status = 502});
  auto r = run();
  ASSERT_TRUE(r) << r.error().to_string();
  EXPECT_EQ(registry_.manifest("svc", "v1"), manifest_);
}

TEST_F(PushTest, FailedBlobMeansNoManifest) {
  // Every blob PUT fails (more faults than all workers' attempts together), whatever the order
  // in which the workers' retries interleave.
  for (int i = 0; i < 100; ++i) registry_.add_fault({.method = "PUT", .path_contains = "/uploads/", .status = 500});
  auto r = run();
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().http_status, 500);
  EXPECT_NE(r.error().message.find("pushing 127.0.0.1:5000/svc:v1: pushing blob sha256:"), std::string::npos);
  EXPECT_EQ(registry_.count("PUT", "/manifests/"), 0);
  EXPECT_EQ(registry_.manifest_count(), 0u);
}

TEST_F(PushTest, BytesThatDoNotMatchTheirDigestAreRefusedBeforeUpload) {
  content_.blobs[2].bytes = "tampered";
  auto r = run();
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, "registry.digest_mismatch");
  EXPECT_EQ(registry_.manifest_count(), 0u);
  EXPECT_FALSE(registry_.has_blob("svc", oci::Digest::of("tampered").str()));
}

TEST_F(PushTest, RegistryReportingAnotherDigestFailsThePush) {
  registry_.add_fault({.method = "PUT", .path_contains = "/uploads/", .kind = Fault::Kind::kWrongDigest});
  auto r = run();
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, "registry.digest_mismatch");
  EXPECT_EQ(registry_.manifest_count(), 0u);
}

TEST_F(PushTest, WrongPasswordStopsBeforeAnyUpload) {
  registry_.require_basic("alice", "right");
  options_.credentials = Credentials{"alice", "nope"};
  auto r = run();
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, "registry.unauthorized");
  EXPECT_NE(r.error().message.find("registry 127.0.0.1:5000 refused the credentials of user 'alice' (401"),
            std::string::npos)
      << r.error().message;
  EXPECT_EQ(registry_.count("POST"), 0);
}

TEST_F(PushTest, CredentialsComeFromDockerConfig) {
  registry_.require_bearer("https://auth.test/token", "memory", "carol", "pw");
  ::hoplite::testing::TempDir dir;
  std::ofstream(dir.path() / "config.json")
      << R"({"auths":{"127.0.0.1:5000":{"auth":")" + core::base64_encode("carol:pw") + R"("}}})";
  options_.docker_config = dir.path();
  options_.mount_from = {"base"};
  auto r = run();
  ASSERT_TRUE(r) << r.error().to_string();
  EXPECT_EQ(registry_.count("GET", "/token"), 1);
  EXPECT_EQ(registry_.token_scopes(), (std::vector<std::string>{"repository:svc:pull,push", "repository:base:pull"}));
}

TEST_F(PushTest, ReferenceDigestMustMatchTheManifest) {
  auto r = run("127.0.0.1:5000/svc@sha256:" + std::string(64, '0'));
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, "registry.digest_mismatch");
  EXPECT_TRUE(registry_.log().empty());
}

TEST_F(PushTest, ProgressReportsEachBlob) {
  std::ostringstream out;
  TextProgress progress(out);
  options_.progress = &progress;
  options_.concurrency = 1;
  ASSERT_TRUE(run());
  std::string text = out.str();
  EXPECT_NE(text.find(oci::Digest::of(layers_[3]).str().substr(0, 19) + "  68.4 KiB  uploaded"), std::string::npos)
      << text;
  EXPECT_NE(text.find("pushed 127.0.0.1:5000/svc@" + oci::Digest::of(manifest_).str()), std::string::npos) << text;
  out.str("");
  ASSERT_TRUE(run());
  EXPECT_NE(out.str().find("exists"), std::string::npos);
}

}  // namespace
}  // namespace hoplite::oci

namespace hoplite::oci {
namespace {

// A session takes blobs while it runs: each is asked about and uploaded as soon as it is added
// (a layer compressing while the previous one uploads), the manifest only at finish.
TEST_F(PushTest, ASessionUploadsEachBlobAsItArrivesAndTheManifestLast) {
  auto session = PushSession::open(
      Reference::parse("127.0.0.1:5000/svc:v1").value(), [this] { return std::make_unique<Forward>(registry_); },
      options_);
  ASSERT_TRUE(session) << session.error().to_string();
  for (const auto& b : content_.blobs) {
    (*session)->add(b);
    // Before the next blob is even handed over, this one reaches the registry.
    for (int i = 0; i < 60000 && !registry_.has_blob("svc", b.digest); ++i) {  // no timing: waits until it is there
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    EXPECT_TRUE(registry_.has_blob("svc", b.digest)) << b.digest;
    EXPECT_EQ(registry_.count("PUT", "/manifests/"), 0);
  }
  auto r = (*session)->finish(manifest_, content_.manifest_media_type);
  ASSERT_TRUE(r) << r.error().to_string();
  EXPECT_EQ(r->blobs_uploaded, 5);
  EXPECT_EQ(registry_.manifest("svc", "v1"), manifest_);
  EXPECT_EQ(registry_.log().back(), "PUT /v2/svc/manifests/v1 201");
}

TEST_F(PushTest, ASessionDroppedBeforeFinishPushesNoManifest) {
  {
    auto session = PushSession::open(
        Reference::parse("127.0.0.1:5000/svc:v1").value(), [this] { return std::make_unique<Forward>(registry_); },
        options_);
    ASSERT_TRUE(session);
    (*session)->add(content_.blobs[0]);
  }  // a build that failed after its first layer
  EXPECT_EQ(registry_.count("PUT", "/manifests/"), 0);
  EXPECT_FALSE(registry_.manifest("svc", "v1").has_value());
}

TEST_F(PushTest, ASessionKeepsTheBytesAliveThatItWasGiven) {
  auto session = PushSession::open(
      Reference::parse("127.0.0.1:5000/svc:v1").value(), [this] { return std::make_unique<Forward>(registry_); },
      options_);
  ASSERT_TRUE(session);
  for (std::size_t i = 0; i < layers_.size(); ++i) {
    auto owned = std::make_shared<std::string>(layers_[i]);  // the only owner once added
    (*session)->add({oci::Digest::of(*owned).str(), "application/vnd.oci.image.layer.v1.tar+gzip", *owned, owned});
  }
  (*session)->add(content_.blobs.back());
  auto r = (*session)->finish(manifest_, content_.manifest_media_type);
  ASSERT_TRUE(r) << r.error().to_string();
  for (const auto& l : layers_) EXPECT_TRUE(registry_.has_blob("svc", oci::Digest::of(l).str()));
}

}  // namespace
}  // namespace hoplite::oci
