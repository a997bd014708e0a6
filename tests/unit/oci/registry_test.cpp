#include "hoplite/oci/registry.hpp"

#include <gtest/gtest.h>

#include "fakes/fake_http_client.hpp"
#include "fakes/memory_registry.hpp"
#include "hoplite/core/sha256.hpp"
#include "hoplite/oci/digest.hpp"

namespace hoplite::oci {
namespace {

using ::hoplite::testing::FakeHttpClient;
using ::hoplite::testing::MemoryRegistry;
using Fault = MemoryRegistry::Fault;

class RepositoryClientTest : public ::testing::Test {
 protected:
  RepositoryClient make(http::Client& client, RegistryOptions opts = {}) {
    opts.clock = &clock_;
    // The top of each jitter range, so waits are predictable.
    opts.retry.random = [] { return 0.9999; };
    return RepositoryClient(Reference::parse("127.0.0.1:5000/svc:v1").value(), client, auth_, opts);
  }
  core::FixedClock clock_{core::TimePoint{}};
  std::shared_ptr<Authenticator> auth_ =
      std::make_shared<Authenticator>("127.0.0.1:5000", std::nullopt, std::vector<std::string>{});
  MemoryRegistry registry_;
};

TEST_F(RepositoryClientTest, LoopbackUsesPlainHttpOthersTls) {
  EXPECT_EQ(make(registry_).base_url(), "http://127.0.0.1:5000");
  RepositoryClient remote(Reference::parse("reg.example/svc").value(), registry_, auth_, {});
  EXPECT_EQ(remote.base_url(), "https://reg.example");
  RepositoryClient insecure(Reference::parse("reg.example/svc").value(), registry_, auth_, {.insecure = true});
  EXPECT_EQ(insecure.base_url(), "http://reg.example");
}

TEST_F(RepositoryClientTest, MonolithicUploadIsPostThenPut) {
  auto repo = make(registry_);
  std::string blob = "hello blob";
  std::vector<std::uint64_t> seen;
  ASSERT_TRUE(repo.upload_blob(blob, oci::Digest::of(blob).str(), [&](std::uint64_t n) { seen.push_back(n); }));
  EXPECT_TRUE(registry_.has_blob("svc", oci::Digest::of(blob).str()));
  EXPECT_EQ(registry_.count("POST"), 1);
  EXPECT_EQ(registry_.count("PATCH"), 0);
  EXPECT_EQ(registry_.count("PUT"), 1);
  EXPECT_EQ(seen.back(), blob.size());
  EXPECT_TRUE(repo.blob_exists(oci::Digest::of(blob).str()).value());
  EXPECT_FALSE(repo.blob_exists(oci::Digest::of("other").str()).value());
}

TEST_F(RepositoryClientTest, LargeBlobIsUploadedInChunks) {
  auto repo = make(registry_, {.chunk_threshold = 10, .chunk_size = 4});
  std::string blob = "0123456789abcdefghij";  // 20 bytes: 5 chunks of 4
  std::vector<std::uint64_t> seen;
  ASSERT_TRUE(repo.upload_blob(blob, oci::Digest::of(blob).str(), [&](std::uint64_t n) { seen.push_back(n); }));
  EXPECT_TRUE(registry_.has_blob("svc", oci::Digest::of(blob).str()));
  EXPECT_EQ(registry_.count("PATCH"), 5);
  EXPECT_EQ(registry_.count("PUT"), 1);
  EXPECT_EQ(seen, (std::vector<std::uint64_t>{0, 4, 8, 12, 16, 20, 20}));
}

TEST_F(RepositoryClientTest, ChunksCarryContentRangeAndFollowLocation) {
  FakeHttpClient client;
  http::Headers loc1;
  loc1.set("Location", "/v2/svc/blobs/uploads/u1?state=a");
  http::Headers loc2;
  loc2.set("Location", "http://127.0.0.1:5000/v2/svc/blobs/uploads/u1?state=b");
  http::Headers done;
  done.set("Docker-Content-Digest", oci::Digest::of("abcdef").str());
  client.respond(202, "", loc1);
  client.respond(202, "", loc2);
  client.respond(202, "", loc1);
  client.respond(201, "", done);
  auto repo = make(client, {.chunk_threshold = 4, .chunk_size = 3});
  ASSERT_TRUE(repo.upload_blob("abcdef", oci::Digest::of("abcdef").str()));
  ASSERT_EQ(client.requests.size(), 4u);
  EXPECT_EQ(client.requests[1].method, "PATCH");
  EXPECT_EQ(client.requests[1].url, "http://127.0.0.1:5000/v2/svc/blobs/uploads/u1?state=a");
  EXPECT_EQ(client.requests[1].headers.get("Content-Range"), "0-2");
  EXPECT_EQ(client.requests[2].url, "http://127.0.0.1:5000/v2/svc/blobs/uploads/u1?state=b");
  EXPECT_EQ(client.requests[2].headers.get("Content-Range"), "3-5");
  EXPECT_EQ(client.requests[3].method, "PUT");
  EXPECT_EQ(client.requests[3].url,
            "http://127.0.0.1:5000/v2/svc/blobs/uploads/u1?state=a&digest="
            "sha256%3A" +
                core::sha256_hex("abcdef"));
  EXPECT_EQ(client.requests[3].body, "");
}

TEST_F(RepositoryClientTest, ServerErrorIsRetriedFromAFreshPost) {
  registry_.add_fault({.method = "PUT", .path_contains = "/blobs/uploads/", .status = 500});
  auto repo = make(registry_);
  ASSERT_TRUE(repo.upload_blob("data", oci::Digest::of("data").str()));
  EXPECT_EQ(registry_.count("POST"), 2);
  EXPECT_EQ(registry_.count("PUT", "/blobs/uploads/"), 2);
  EXPECT_EQ(clock_.now(), core::TimePoint{} + std::chrono::milliseconds(199)) << "the top of the first jitter range";
}

TEST_F(RepositoryClientTest, LostUploadSessionIsRestartedFromAFreshPost) {
  // The registry forgets the session between two chunks (another connection dropped, or it
  // restarted): the PATCH meets 404 BLOB_UPLOAD_UNKNOWN and the upload starts over.
  registry_.add_fault({.method = "PATCH", .path_contains = "/uploads/", .kind = Fault::Kind::kRestart, .skip = 1});
  auto repo = make(registry_, {.chunk_threshold = 2, .chunk_size = 2});
  ASSERT_TRUE(repo.upload_blob("abcdef", oci::Digest::of("abcdef").str()));
  EXPECT_TRUE(registry_.has_blob("svc", oci::Digest::of("abcdef").str()));
  EXPECT_EQ(registry_.count("POST"), 2);
  EXPECT_EQ(registry_.count("PATCH", "/uploads/"), 5) << "2 before the restart, 3 after it";
}

TEST_F(RepositoryClientTest, DroppedConnectionMidChunkedUploadIsRetried) {
  registry_.add_fault({.method = "PATCH", .path_contains = "/uploads/", .kind = Fault::Kind::kDrop, .skip = 1});
  auto repo = make(registry_, {.chunk_threshold = 2, .chunk_size = 2});
  ASSERT_TRUE(repo.upload_blob("abcdef", oci::Digest::of("abcdef").str()));
  EXPECT_TRUE(registry_.has_blob("svc", oci::Digest::of("abcdef").str()));
  EXPECT_EQ(registry_.count("POST"), 2);
}

TEST_F(RepositoryClientTest, TooManyRequestsBacksOffExponentially) {
  for (int i = 0; i < 3; ++i) registry_.add_fault({.method = "HEAD", .path_contains = "/blobs/", .status = 429});
  auto repo = make(registry_);
  ASSERT_FALSE(repo.blob_exists(oci::Digest::of("x").str()).value());
  EXPECT_EQ(clock_.now() - core::TimePoint{}, std::chrono::milliseconds(199 + 399 + 799));
}

TEST_F(RepositoryClientTest, GivesUpAfterMaxAttempts) {
  for (int i = 0; i < 5; ++i) registry_.add_fault({.method = "POST", .path_contains = "/uploads/", .status = 503});
  auto repo = make(registry_, {.retry = {.max_attempts = 3, .base = std::chrono::milliseconds(200)}});
  auto r = repo.upload_blob("data", oci::Digest::of("data").str());
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().http_status, 503);
  EXPECT_NE(r.error().message.find("gave up after 3 attempts"), std::string::npos);
  EXPECT_EQ(registry_.count("POST"), 3);
}

TEST_F(RepositoryClientTest, ClientErrorIsNotRetriedAndNamesTheSpecCode) {
  auto repo = make(registry_);
  auto r = repo.upload_blob("data", oci::Digest::of("other data").str());
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, "registry.digest_invalid");
  EXPECT_EQ(r.error().http_status, 400);
  EXPECT_NE(r.error().message.find("127.0.0.1:5000: PUT /v2/svc/blobs/uploads/"), std::string::npos);
  EXPECT_EQ(r.error().message.find("_state"), std::string::npos) << "query strings are redacted";
  EXPECT_EQ(registry_.count("POST"), 1);
}

TEST_F(RepositoryClientTest, ReportedDigestMismatchIsAnError) {
  registry_.add_fault({.method = "PUT", .path_contains = "/uploads/", .kind = Fault::Kind::kWrongDigest});
  auto repo = make(registry_);
  auto r = repo.upload_blob("data", oci::Digest::of("data").str());
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, "registry.digest_mismatch");
}

TEST_F(RepositoryClientTest, MountReportsWhetherTheRegistryMounted) {
  registry_.put_blob("other", "shared");
  auto repo = make(registry_);
  EXPECT_TRUE(repo.mount_blob(oci::Digest::of("shared").str(), "other").value());
  EXPECT_TRUE(registry_.has_blob("svc", oci::Digest::of("shared").str()));
  EXPECT_FALSE(repo.mount_blob(oci::Digest::of("absent").str(), "other").value());
}

TEST_F(RepositoryClientTest, ManifestPutCarriesMediaTypeAndVerifiesDigest) {
  auto repo = make(registry_);
  registry_.put_blob("svc", "{}");  // the registry refuses a manifest whose config it lacks
  std::string manifest = R"({"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json","config":)"
                         R"({"mediaType":"application/vnd.oci.image.config.v1+json","digest":")" +
                         oci::Digest::of("{}").str() + R"(","size":2},"layers":[]})";
  auto d = repo.put_manifest(manifest, "application/vnd.oci.image.manifest.v1+json", "v1");
  ASSERT_TRUE(d) << d.error().to_string();
  EXPECT_EQ(*d, oci::Digest::of(manifest).str());
  EXPECT_EQ(registry_.manifest("svc", "v1"), manifest);
  registry_.add_fault({.method = "PUT", .path_contains = "/manifests/", .kind = Fault::Kind::kWrongDigest});
  auto bad = repo.put_manifest(manifest, "application/vnd.oci.image.manifest.v1+json", "v1");
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().code, "registry.digest_mismatch");
}

TEST_F(RepositoryClientTest, BasicAuthIsAnsweredOnceAndWrongPasswordNamesRegistryAnd401) {
  registry_.require_basic("alice", "right");
  auth_ = std::make_shared<Authenticator>("127.0.0.1:5000", Credentials{"alice", "right"}, std::vector<std::string>{});
  auto repo = make(registry_);
  ASSERT_TRUE(repo.ping());
  ASSERT_TRUE(repo.upload_blob("x", oci::Digest::of("x").str()));
  EXPECT_EQ(registry_.count("GET", "/v2/"), 2);  // anonymous 401, then with credentials

  auth_ =
      std::make_shared<Authenticator>("127.0.0.1:5000", Credentials{"alice", "wrong-pw"}, std::vector<std::string>{});
  auto bad = make(registry_).ping();
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().code, "registry.unauthorized");
  EXPECT_EQ(bad.error().http_status, 401);
  EXPECT_NE(bad.error().to_string().find("127.0.0.1:5000"), std::string::npos);
  EXPECT_NE(bad.error().to_string().find("401"), std::string::npos);
  EXPECT_EQ(bad.error().to_string().find("wrong-pw"), std::string::npos);
}

TEST_F(RepositoryClientTest, BearerTokenIsFetchedOnceAndReused) {
  registry_.require_bearer("https://auth.test/token", "memory", "bob", "pw");
  auth_ = std::make_shared<Authenticator>("127.0.0.1:5000", Credentials{"bob", "pw"},
                                          std::vector<std::string>{"repository:svc:pull,push"});
  auto repo = make(registry_);
  ASSERT_TRUE(repo.ping());
  ASSERT_TRUE(repo.upload_blob("x", oci::Digest::of("x").str()));
  EXPECT_EQ(registry_.count("GET", "/token"), 1);
  EXPECT_EQ(registry_.token_scopes(), std::vector<std::string>{"repository:svc:pull,push"});
}

}  // namespace
}  // namespace hoplite::oci
