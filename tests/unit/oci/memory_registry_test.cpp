// The in-memory registry fake has its own tests (STYLE.md G13): it must behave like
// docker-registry where the pusher relies on it, or the push tests prove nothing.
#include "fakes/memory_registry.hpp"

#include <gtest/gtest.h>

#include "hoplite/oci/digest.hpp"

namespace hoplite::testing {
namespace {

const std::string kBase = "http://127.0.0.1:5000";

http::Response call(MemoryRegistry& r, std::string method, std::string path, std::string body = {},
                    http::Headers headers = {}) {
  http::Request req{
      .method = std::move(method), .url = kBase + path, .headers = std::move(headers), .body = std::move(body)};
  return r.send(req).value();
}

std::string upload(MemoryRegistry& r, const std::string& repo, const std::string& data) {
  auto post = call(r, "POST", "/v2/" + repo + "/blobs/uploads/");
  EXPECT_EQ(post.status, 202);
  auto put = call(r, "PUT", post.headers.get("Location").value() + "&digest=" + oci::Digest::of(data).str(), data);
  EXPECT_EQ(put.status, 201);
  return put.headers.get("Docker-Content-Digest").value_or("");
}

TEST(MemoryRegistry, StoresUploadedBlobsUnderTheirDigest) {
  MemoryRegistry r;
  EXPECT_EQ(call(r, "HEAD", "/v2/a/blobs/" + oci::Digest::of("x").str()).status, 404);
  EXPECT_EQ(upload(r, "a", "x"), oci::Digest::of("x").str());
  auto head = call(r, "HEAD", "/v2/a/blobs/" + oci::Digest::of("x").str());
  EXPECT_EQ(head.status, 200);
  EXPECT_EQ(head.headers.get("Docker-Content-Digest"), oci::Digest::of("x").str());
  EXPECT_EQ(call(r, "HEAD", "/v2/b/blobs/" + oci::Digest::of("x").str()).status, 404) << "blobs belong to repositories";
}

TEST(MemoryRegistry, RejectsADigestThatDoesNotMatch) {
  MemoryRegistry r;
  auto post = call(r, "POST", "/v2/a/blobs/uploads/");
  auto put = call(r, "PUT", post.headers.get("Location").value() + "&digest=" + oci::Digest::of("y").str(), "x");
  EXPECT_EQ(put.status, 400);
  EXPECT_NE(put.body.find("DIGEST_INVALID"), std::string::npos);
  EXPECT_FALSE(r.has_blob("a", oci::Digest::of("x").str()));
}

TEST(MemoryRegistry, ChunksMustArriveInOrder) {
  MemoryRegistry r;
  auto post = call(r, "POST", "/v2/a/blobs/uploads/");
  http::Headers range;
  range.set("Content-Range", "0-2");
  auto p1 = call(r, "PATCH", post.headers.get("Location").value(), "abc", range);
  EXPECT_EQ(p1.status, 202);
  EXPECT_EQ(p1.headers.get("Range"), "0-2");
  http::Headers wrong;
  wrong.set("Content-Range", "5-6");
  EXPECT_EQ(call(r, "PATCH", p1.headers.get("Location").value(), "xy", wrong).status, 416);
  auto put = call(r, "PUT", p1.headers.get("Location").value() + "&digest=" + oci::Digest::of("abcd").str(), "d");
  EXPECT_EQ(put.status, 201);
  EXPECT_TRUE(r.has_blob("a", oci::Digest::of("abcd").str()));
}

TEST(MemoryRegistry, RefusesManifestsNamingMissingBlobsAndChecksContentType) {
  MemoryRegistry r;
  std::string m = R"({"mediaType":"application/vnd.oci.image.manifest.v1+json","config":{"digest":")" +
                  oci::Digest::of("cfg").str() + R"("},"layers":[]})";
  http::Headers ct;
  ct.set("Content-Type", "application/vnd.oci.image.manifest.v1+json");
  auto missing = call(r, "PUT", "/v2/a/manifests/t", m, ct);
  EXPECT_EQ(missing.status, 400);
  EXPECT_NE(missing.body.find("MANIFEST_BLOB_UNKNOWN"), std::string::npos);
  upload(r, "a", "cfg");
  http::Headers wrong_ct;
  wrong_ct.set("Content-Type", "application/json");
  EXPECT_EQ(call(r, "PUT", "/v2/a/manifests/t", m, wrong_ct).status, 400);
  auto ok = call(r, "PUT", "/v2/a/manifests/t", m, ct);
  EXPECT_EQ(ok.status, 201);
  EXPECT_EQ(ok.headers.get("Docker-Content-Digest"), oci::Digest::of(m).str());
  EXPECT_EQ(r.manifest("a", "t"), m);
  EXPECT_EQ(r.manifest("a", oci::Digest::of(m).str()), m);
}

TEST(MemoryRegistry, MountsOnlyWhatTheSourceRepositoryHas) {
  MemoryRegistry r;
  r.put_blob("base", "shared");
  auto mounted = call(r, "POST", "/v2/a/blobs/uploads/?mount=" + oci::Digest::of("shared").str() + "&from=base");
  EXPECT_EQ(mounted.status, 201);
  EXPECT_TRUE(r.has_blob("a", oci::Digest::of("shared").str()));
  EXPECT_EQ(call(r, "POST", "/v2/a/blobs/uploads/?mount=" + oci::Digest::of("nope").str() + "&from=base").status, 202);
}

TEST(MemoryRegistry, BasicAuthChallengesAndAccepts) {
  MemoryRegistry r;
  r.require_basic("u", "p");
  auto anon = call(r, "GET", "/v2/");
  EXPECT_EQ(anon.status, 401);
  EXPECT_EQ(anon.headers.get("WWW-Authenticate"), "Basic realm=\"memory-registry\"");
  http::Headers h;
  h.set("Authorization", "Basic dTpw");  // u:p
  EXPECT_EQ(call(r, "GET", "/v2/", "", h).status, 200);
}

TEST(MemoryRegistry, BearerTokensComeFromItsTokenService) {
  MemoryRegistry r;
  r.require_bearer("https://auth.test/token", "svc", "u", "p");
  auto anon = call(r, "GET", "/v2/");
  EXPECT_EQ(anon.status, 401);
  EXPECT_NE(anon.headers.get("WWW-Authenticate")->find("Bearer realm=\"https://auth.test/token\""), std::string::npos);
  http::Headers basic;
  basic.set("Authorization", "Basic dTpw");
  auto tok = r.send({.method = "GET", .url = "https://auth.test/token?scope=repository%3Aa%3Apush", .headers = basic});
  ASSERT_TRUE(tok);
  EXPECT_EQ(tok->status, 200);
  EXPECT_EQ(r.token_scopes(), std::vector<std::string>{"repository:a:push"});
  http::Headers bearer;
  bearer.set("Authorization", "Bearer token-1");
  EXPECT_EQ(call(r, "GET", "/v2/", "", bearer).status, 200);
}

TEST(MemoryRegistry, FaultsFireOnceOnTheChosenRequest) {
  MemoryRegistry r;
  r.add_fault({.method = "GET", .path_contains = "/v2/", .status = 503, .skip = 1});
  r.add_fault({.method = "HEAD", .path_contains = "/blobs/", .kind = MemoryRegistry::Fault::Kind::kDrop});
  EXPECT_EQ(call(r, "GET", "/v2/").status, 200);
  EXPECT_EQ(call(r, "GET", "/v2/").status, 503);
  EXPECT_EQ(call(r, "GET", "/v2/").status, 200);
  auto dropped = r.send({.method = "HEAD", .url = kBase + "/v2/a/blobs/" + oci::Digest::of("x").str()});
  ASSERT_FALSE(dropped);
  EXPECT_TRUE(dropped.error().retryable);
  EXPECT_EQ(call(r, "HEAD", "/v2/a/blobs/" + oci::Digest::of("x").str()).status, 404);
  EXPECT_EQ(r.count("GET", "/v2/"), 3);
}

}  // namespace
}  // namespace hoplite::testing
