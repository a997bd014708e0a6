// The local ECR through the production clients: aws::ecr::Client for the API, oci::push (hoplite's
// own pusher) and hand-made distribution-API requests for the registry at /v2/, all over
// InProcessClient. The same shape code encodes on one side and decodes on the other.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "hoplite/aws/ecr.hpp"
#include "hoplite/core/base64.hpp"
#include "hoplite/core/sha256.hpp"
#include "hoplite/oci/push.hpp"
#include "hoplite/oci/reference.hpp"
#include "local_fixture.hpp"

namespace hoplite::local {
namespace {

using testing::LocalCloudTest;
namespace ecr = aws::ecr;

std::string sha256_digest_of(std::string_view s) { return "sha256:" + core::sha256_hex(s); }

constexpr std::string_view kOciManifest = "application/vnd.oci.image.manifest.v1+json";

/// Hands every push worker a client that calls the cloud in process.
class Forward : public http::Client {
 public:
  explicit Forward(http::Client& c) : c_(c) {}
  core::Result<http::Response> send(const http::Request& req) override { return c_.send(req); }

 private:
  http::Client& c_;
};

class EcrTest : public LocalCloudTest {
 protected:
  ecr::Client client(const std::string& region = "us-east-1") { return ecr::Client(config(creds, region)); }

  void create(const std::string& name, std::optional<std::string> mutability = {}) {
    auto r = client().create_repository({.repository_name = name, .image_tag_mutability = std::move(mutability)});
    ASSERT_TRUE(r.ok()) << r.error().to_string();
  }

  /// `Basic base64(AWS:<password>)` from GetAuthorizationToken.
  std::string basic(const std::string& region = "us-east-1") {
    auto token = client(region).get_authorization_token();
    EXPECT_TRUE(token.ok()) << token.error().to_string();
    return token.ok() ? "Basic " + core::base64_encode(token->username + ":" + token->password) : "";
  }

  http::Response registry(const std::string& method, const std::string& path, std::string body = {},
                          std::string content_type = {}) {
    http::Request req{method, "http://127.0.0.1:4566" + path, {}, std::move(body), {}};
    if (!auth.empty()) req.headers.set("Authorization", auth);
    if (!content_type.empty()) req.headers.set("Content-Type", content_type);
    return send(req);
  }

  /// One monolithic upload (POST, then PUT with the bytes).
  void upload(const std::string& repo, const std::string& bytes) {
    auto post = registry("POST", "/v2/" + repo + "/blobs/uploads/");
    ASSERT_EQ(post.status, 202) << post.body;
    auto put = registry("PUT", post.headers.get("Location").value() + "&digest=" + sha256_digest_of(bytes), bytes);
    ASSERT_EQ(put.status, 201) << put.body;
    EXPECT_EQ(put.headers.get("Docker-Content-Digest"), sha256_digest_of(bytes));
  }

  std::string manifest(const std::string& config, const std::vector<std::string>& layers) {
    nlohmann::json m{{"schemaVersion", 2},
                     {"mediaType", kOciManifest},
                     {"config",
                      {{"mediaType", "application/vnd.oci.image.config.v1+json"},
                       {"digest", sha256_digest_of(config)},
                       {"size", config.size()}}}};
    m["layers"] = nlohmann::json::array();
    for (const auto& l : layers)
      m["layers"].push_back({{"mediaType", "application/vnd.oci.image.layer.v1.tar+gzip"},
                             {"digest", sha256_digest_of(l)},
                             {"size", l.size()}});
    return m.dump();
  }

  /// Pushes a one-layer image tagged `tag`; returns the manifest.
  std::string push_image(const std::string& repo, const std::string& tag, const std::string& layer) {
    const std::string config = R"({"architecture":"amd64","os":"linux"})";
    upload(repo, config);
    upload(repo, layer);
    std::string m = manifest(config, {layer});
    auto put = registry("PUT", "/v2/" + repo + "/manifests/" + tag, m, std::string(kOciManifest));
    EXPECT_EQ(put.status, 201) << put.body;
    return m;
  }

  static std::string error_code(const http::Response& r) {
    auto doc = nlohmann::json::parse(r.body, nullptr, false);
    if (!doc.is_object() || !doc.contains("errors")) return "";
    return doc["errors"][0].value("code", "");
  }

  aws::StaticCredentialsProvider creds{testing::test_credentials()};
  std::string auth;
};

TEST_F(EcrTest, RepositoriesCreateDescribeDelete) {
  auto c = client();
  auto made = c.create_repository({.repository_name = "team/svc", .tags = {{"env", "dev"}}});
  ASSERT_TRUE(made.ok()) << made.error().to_string();
  EXPECT_EQ(made->repository_arn, "arn:aws:ecr:us-east-1:000000000000:repository/team/svc");
  EXPECT_EQ(made->registry_id, "000000000000");
  EXPECT_EQ(made->repository_uri, "127.0.0.1:4566/team/svc");
  EXPECT_EQ(made->image_tag_mutability, "MUTABLE");
  EXPECT_EQ(made->created_at, clock.now());
  EXPECT_EQ(made->encryption_type, "AES256");

  auto again = c.create_repository({.repository_name = "team/svc"});
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().code, "RepositoryAlreadyExistsException");
  EXPECT_NE(again.error().message.find(
                "The repository with name 'team/svc' already exists in the registry with id '000000000000'"),
            std::string::npos)
      << again.error().message;

  auto bad = c.create_repository({.repository_name = "Team"});
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().code, "InvalidParameterException");
  auto short_name = c.create_repository({.repository_name = "a"});
  ASSERT_FALSE(short_name.ok());
  EXPECT_EQ(short_name.error().code, "ValidationException");
  auto bad_mutability = c.create_repository({.repository_name = "ok", .image_tag_mutability = "SOMETIMES"});
  ASSERT_FALSE(bad_mutability.ok());
  EXPECT_EQ(bad_mutability.error().code, "ValidationException");

  for (const char* n : {"b1", "a1", "c1"}) create(n);
  auto page = c.describe_repositories({.max_results = 2});
  ASSERT_TRUE(page.ok()) << page.error().to_string();
  ASSERT_EQ(page->repositories.size(), 2u);
  EXPECT_EQ(page->repositories[0].repository_name, "a1");
  EXPECT_EQ(page->repositories[1].repository_name, "b1");
  ASSERT_TRUE(page->next_token);
  auto all = c.describe_repositories_all({.max_results = 2});
  ASSERT_TRUE(all.ok());
  EXPECT_EQ(all->size(), 4u);
  auto bad_token = c.describe_repositories({.next_token = "garbage"});
  ASSERT_FALSE(bad_token.ok());
  EXPECT_EQ(bad_token.error().code, "InvalidParameterException");

  auto missing = c.describe_repositories({.repository_names = {"nope"}});
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().code, "RepositoryNotFoundException");
  EXPECT_NE(missing.error().message.find(
                "The repository with name 'nope' does not exist in the registry with id '000000000000'"),
            std::string::npos)
      << missing.error().message;

  auto other_region = client("eu-west-1").describe_repositories({});
  ASSERT_TRUE(other_region.ok());
  EXPECT_TRUE(other_region->repositories.empty()) << "repositories belong to a region";

  auto deleted = c.delete_repository({.repository_name = "a1"});
  ASSERT_TRUE(deleted.ok()) << deleted.error().to_string();
  EXPECT_EQ(deleted->repository.repository_name, "a1");
  auto gone = c.delete_repository({.repository_name = "a1"});
  ASSERT_FALSE(gone.ok());
  EXPECT_EQ(gone.error().code, "RepositoryNotFoundException");
}

TEST_F(EcrTest, TokensAreBasicCredentialsForTheRegistry) {
  auto token = client().get_authorization_token();
  ASSERT_TRUE(token.ok()) << token.error().to_string();
  EXPECT_EQ(token->username, "AWS");
  EXPECT_GE(token->password.size(), 64u);
  EXPECT_EQ(token->proxy_endpoint, "http://127.0.0.1:4566");
  EXPECT_EQ(token->expires_at, clock.now() + std::chrono::hours(12));

  auto anonymous = registry("GET", "/v2/");
  EXPECT_EQ(anonymous.status, 401);
  EXPECT_EQ(anonymous.headers.get("WWW-Authenticate"),
            "Basic realm=\"https://ecr.localhost/\",service=\"ecr.amazonaws.com\"");
  EXPECT_EQ(error_code(anonymous), "DENIED");

  auth = "Basic " + core::base64_encode("AWS:" + token->password + "x");
  auto wrong = registry("GET", "/v2/");
  EXPECT_EQ(wrong.status, 401);
  EXPECT_NE(wrong.body.find("Your authorization token is invalid."), std::string::npos) << wrong.body;

  auth = "Basic " + core::base64_encode("AWS:" + token->password);
  auto ok = registry("GET", "/v2/");
  EXPECT_EQ(ok.status, 200) << ok.body;
  EXPECT_EQ(ok.headers.get("Docker-Distribution-API-Version"), "registry/2.0");

  clock.sleep_for(std::chrono::hours(12));
  auto expired = registry("GET", "/v2/");
  EXPECT_EQ(expired.status, 401);
  EXPECT_NE(expired.body.find("has expired"), std::string::npos) << expired.body;
}

TEST_F(EcrTest, PushedImagesShowUpInDescribeImagesAndBatchGetImage) {
  create("svc");
  auth = basic();
  auto unknown = registry("POST", "/v2/nope/blobs/uploads/");
  EXPECT_EQ(unknown.status, 404);
  EXPECT_EQ(error_code(unknown), "NAME_UNKNOWN") << "ECR: a push needs the repository first";

  std::string m = push_image("svc", "v1", "layer one");
  auto images = client().describe_images({.repository_name = "svc"});
  ASSERT_TRUE(images.ok()) << images.error().to_string();
  ASSERT_EQ(images->image_details.size(), 1u);
  const auto& d = images->image_details[0];
  EXPECT_EQ(d.image_digest, sha256_digest_of(m));
  EXPECT_EQ(d.image_tags, std::vector<std::string>{"v1"});
  EXPECT_EQ(d.image_manifest_media_type, kOciManifest);
  EXPECT_EQ(d.artifact_media_type, "application/vnd.oci.image.config.v1+json");
  EXPECT_EQ(d.image_size_bytes,
            static_cast<std::int64_t>(std::string(R"({"architecture":"amd64","os":"linux"})").size() + 9));
  EXPECT_EQ(d.image_pushed_at, clock.now());

  auto got =
      client().batch_get_image({.repository_name = "svc", .image_ids = {{std::nullopt, "v1"}, {std::nullopt, "v9"}}});
  ASSERT_TRUE(got.ok()) << got.error().to_string();
  ASSERT_EQ(got->images.size(), 1u);
  EXPECT_EQ(got->images[0].image_manifest, m);
  EXPECT_EQ(got->images[0].image_id.image_digest, sha256_digest_of(m));
  ASSERT_EQ(got->failures.size(), 1u);
  EXPECT_EQ(got->failures[0].failure_code, "ImageNotFound");

  auto missing = client().describe_images({.repository_name = "svc", .image_ids = {{std::nullopt, "v9"}}});
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().code, "ImageNotFoundException");

  auto pull = registry("GET", "/v2/svc/manifests/v1");
  EXPECT_EQ(pull.status, 200);
  EXPECT_EQ(pull.body, m);
  EXPECT_EQ(pull.headers.get("Content-Type"), kOciManifest);
  auto blob = registry("GET", "/v2/svc/blobs/" + sha256_digest_of("layer one"));
  EXPECT_EQ(blob.status, 200);
  EXPECT_EQ(blob.body, "layer one");
  auto head = registry("HEAD", "/v2/svc/blobs/" + sha256_digest_of("layer one"));
  EXPECT_EQ(head.status, 200);
  EXPECT_EQ(head.headers.get("Content-Length"), "9");
}

TEST_F(EcrTest, HoplitesOwnPusherPushesIntoIt) {
  create("svc");
  auto token = client().get_authorization_token();
  ASSERT_TRUE(token.ok());
  const std::string config = R"({"architecture":"amd64","os":"linux"})";
  const std::string big(3 << 20, 'z');  // chunked: above the threshold set below
  const std::string small = "small";
  oci::PushContent content;
  content.blobs = {{sha256_digest_of(config), "application/vnd.oci.image.config.v1+json", config, {}},
                   {sha256_digest_of(big), "application/vnd.oci.image.layer.v1.tar+gzip", big, {}},
                   {sha256_digest_of(small), "application/vnd.oci.image.layer.v1.tar+gzip", small, {}}};
  std::string m = manifest(config, {big, small});
  content.manifest = m;
  oci::PushOptions options;
  options.credentials = oci::Credentials{token->username, token->password};
  options.docker_config = std::filesystem::path();
  options.registry.chunk_threshold = 1 << 20;
  options.registry.chunk_size = 1 << 20;
  options.registry.clock = &clock;
  auto pushed = oci::push(
      oci::Reference::parse("127.0.0.1:4566/svc:v1").value(), content,
      [this] { return std::make_unique<Forward>(http()); }, options);
  ASSERT_TRUE(pushed.ok()) << pushed.error().to_string();
  EXPECT_EQ(pushed->digest, sha256_digest_of(m));
  auto images = client().describe_images({.repository_name = "svc"});
  ASSERT_TRUE(images.ok());
  ASSERT_EQ(images->image_details.size(), 1u);
  EXPECT_EQ(images->image_details[0].image_size_bytes, static_cast<std::int64_t>(config.size() + big.size() + 5));

  // Another repository mounts the blobs instead of uploading them.
  create("other");
  options.mount_from = {"svc"};
  auto mounted = oci::push(
      oci::Reference::parse("127.0.0.1:4566/other:v1").value(), content,
      [this] { return std::make_unique<Forward>(http()); }, options);
  ASSERT_TRUE(mounted.ok()) << mounted.error().to_string();
  EXPECT_EQ(mounted->blobs_uploaded, 0);
}

TEST_F(EcrTest, RegistryChecksDigestsChunksAndManifests) {
  create("svc");
  auth = basic();
  auto post = registry("POST", "/v2/svc/blobs/uploads/");
  ASSERT_EQ(post.status, 202);
  const std::string loc = post.headers.get("Location").value();
  EXPECT_EQ(registry("PUT", loc + "&digest=" + sha256_digest_of("y"), "x").status, 400) << "digest mismatch";
  EXPECT_EQ(registry("PATCH", loc, "more").status, 404) << "a failed upload is gone";

  auto chunked = registry("POST", "/v2/svc/blobs/uploads/");
  const std::string l2 = chunked.headers.get("Location").value();
  http::Request patch{"PATCH", "http://127.0.0.1:4566" + l2, {}, "abc", {}};
  patch.headers.set("Authorization", auth);
  patch.headers.set("Content-Range", "0-2");
  auto p1 = send(patch);
  EXPECT_EQ(p1.status, 202);
  EXPECT_EQ(p1.headers.get("Range"), "0-2");
  patch.headers.set("Content-Range", "7-8");
  auto wrong = send(patch);
  EXPECT_EQ(wrong.status, 416);
  EXPECT_EQ(error_code(wrong), "BLOB_UPLOAD_INVALID");
  EXPECT_EQ(registry("GET", l2).headers.get("Range"), "0-2");
  auto done = registry("PUT", l2 + "&digest=" + sha256_digest_of("abcd"), "d");
  EXPECT_EQ(done.status, 201) << done.body;

  std::string m = manifest("cfg", {"abcd"});
  auto missing = registry("PUT", "/v2/svc/manifests/t", m, std::string(kOciManifest));
  EXPECT_EQ(missing.status, 400);
  EXPECT_EQ(error_code(missing), "MANIFEST_BLOB_UNKNOWN");
  upload("svc", "cfg");
  EXPECT_EQ(error_code(registry("PUT", "/v2/svc/manifests/t", m, "application/vnd.oci.image.index.v1+json")),
            "MANIFEST_INVALID")
      << "mediaType and Content-Type disagree";
  EXPECT_EQ(error_code(registry("PUT", "/v2/svc/manifests/t", "{not json", std::string(kOciManifest))),
            "MANIFEST_INVALID");
  EXPECT_EQ(error_code(registry("PUT", "/v2/svc/manifests/" + sha256_digest_of("other"), m, std::string(kOciManifest))),
            "DIGEST_INVALID");
  EXPECT_EQ(registry("PUT", "/v2/svc/manifests/" + sha256_digest_of(m), m, std::string(kOciManifest)).status, 201);

  // An index naming the manifest.
  nlohmann::json index{
      {"schemaVersion", 2},
      {"mediaType", "application/vnd.oci.image.index.v1+json"},
      {"manifests", {{{"mediaType", kOciManifest}, {"digest", sha256_digest_of(m)}, {"size", m.size()}}}}};
  auto idx = registry("PUT", "/v2/svc/manifests/multi", index.dump(), "application/vnd.oci.image.index.v1+json");
  EXPECT_EQ(idx.status, 201) << idx.body;
  EXPECT_EQ(registry("GET", "/v2/svc/manifests/multi").headers.get("Content-Type"),
            "application/vnd.oci.image.index.v1+json");

  EXPECT_EQ(error_code(registry("GET", "/v2/Bad/manifests/x")), "NAME_INVALID");
  EXPECT_EQ(error_code(registry("GET", "/v2/svc/blobs/sha256:12")), "DIGEST_INVALID");
  EXPECT_EQ(error_code(registry("GET", "/v2/svc/manifests/nope")), "MANIFEST_UNKNOWN");
}

TEST_F(EcrTest, TagsListPaginatesWithLinkHeaders) {
  create("svc");
  auth = basic();
  for (const char* tag : {"c", "a", "b", "d"}) push_image("svc", tag, std::string("layer ") + tag);
  auto first = registry("GET", "/v2/svc/tags/list?n=2");
  ASSERT_EQ(first.status, 200);
  EXPECT_EQ(nlohmann::json::parse(first.body), (nlohmann::json{{"name", "svc"}, {"tags", {"a", "b"}}}));
  EXPECT_EQ(first.headers.get("Link"), "</v2/svc/tags/list?n=2&last=b>; rel=\"next\"");
  auto second = registry("GET", "/v2/svc/tags/list?n=2&last=b");
  EXPECT_EQ(nlohmann::json::parse(second.body)["tags"], (nlohmann::json{"c", "d"}));
  EXPECT_FALSE(second.headers.has("Link"));
  EXPECT_EQ(error_code(registry("GET", "/v2/svc/tags/list?n=x")), "PAGINATION_NUMBER_INVALID");

  auto listed = client().list_images({.repository_name = "svc", .max_results = 3});
  ASSERT_TRUE(listed.ok()) << listed.error().to_string();
  EXPECT_EQ(listed->image_ids.size(), 3u);
  ASSERT_TRUE(listed->next_token);
  auto rest = client().list_images({.repository_name = "svc", .next_token = listed->next_token});
  ASSERT_TRUE(rest.ok()) << rest.error().to_string();
  EXPECT_EQ(rest->image_ids.size(), 1u);
}

TEST_F(EcrTest, ImmutableTagsAreNotMoved) {
  create("svc");
  auth = basic();
  push_image("svc", "v1", "first");
  auto mutability = client().put_image_tag_mutability({.repository_name = "svc", .image_tag_mutability = "IMMUTABLE"});
  ASSERT_TRUE(mutability.ok()) << mutability.error().to_string();
  EXPECT_EQ(mutability->image_tag_mutability, "IMMUTABLE");
  const std::string config = R"({"architecture":"amd64","os":"linux"})";
  upload("svc", "second");
  auto moved = registry("PUT", "/v2/svc/manifests/v1", manifest(config, {"second"}), std::string(kOciManifest));
  EXPECT_EQ(moved.status, 400);
  EXPECT_EQ(error_code(moved), "TAG_INVALID");
  EXPECT_NE(moved.body.find("cannot be overwritten because the repository is immutable"), std::string::npos);
  EXPECT_EQ(registry("PUT", "/v2/svc/manifests/v2", manifest(config, {"second"}), std::string(kOciManifest)).status,
            201)
      << "a new tag is fine";
  EXPECT_EQ(registry("PUT", "/v2/svc/manifests/v1", manifest(config, {"first"}), std::string(kOciManifest)).status, 201)
      << "the same image again is fine";
}

TEST_F(EcrTest, DeletingImagesAndRepositories) {
  create("svc");
  auth = basic();
  std::string m1 = push_image("svc", "v1", "one");
  push_image("svc", "v2", "two");
  EXPECT_EQ(registry("PUT", "/v2/svc/manifests/also-v1", m1, std::string(kOciManifest)).status, 201);

  auto not_empty = client().delete_repository({.repository_name = "svc"});
  ASSERT_FALSE(not_empty.ok());
  EXPECT_EQ(not_empty.error().code, "RepositoryNotEmptyException");

  auto by_tag = client().batch_delete_image({.repository_name = "svc", .image_ids = {{std::nullopt, "also-v1"}}});
  ASSERT_TRUE(by_tag.ok()) << by_tag.error().to_string();
  ASSERT_EQ(by_tag->image_ids.size(), 1u);
  EXPECT_EQ(registry("GET", "/v2/svc/manifests/v1").status, 200) << "the image keeps its other tag";

  auto by_digest =
      client().batch_delete_image({.repository_name = "svc", .image_ids = {{sha256_digest_of(m1), std::nullopt}}});
  ASSERT_TRUE(by_digest.ok());
  EXPECT_EQ(registry("GET", "/v2/svc/manifests/v1").status, 404);

  EXPECT_EQ(registry("DELETE", "/v2/svc/manifests/v2").status, 202);
  EXPECT_EQ(registry("GET", "/v2/svc/tags/list").body, "{\"name\":\"svc\",\"tags\":[]}\n");

  auto forced = client().delete_repository({.repository_name = "svc", .force = true});
  ASSERT_TRUE(forced.ok()) << forced.error().to_string();
  EXPECT_EQ(error_code(registry("GET", "/v2/svc/tags/list")), "NAME_UNKNOWN");
}

TEST_F(EcrTest, ImagesSurviveARestart) {
  create("svc");
  auth = basic();
  std::string m = push_image("svc", "v1", "durable");
  open_cloud();
  auth = basic();
  EXPECT_EQ(registry("GET", "/v2/svc/manifests/v1").body, m);
  EXPECT_EQ(registry("GET", "/v2/svc/blobs/" + sha256_digest_of("durable")).body, "durable");
  EXPECT_EQ(cloud->integrity_check().value(), "ok");
}

}  // namespace
}  // namespace hoplite::local
