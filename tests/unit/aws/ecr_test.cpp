#include "hoplite/aws/ecr.hpp"

#include <gtest/gtest.h>

#include "unit/aws/client_fixture.hpp"

namespace hoplite::aws::ecr {
namespace {

using testing::load_wire;

class EcrTest : public testing::ClientTest {
 protected:
  Client ecr{config};
};

TEST_F(EcrTest, GetAuthorizationTokenMatchesTheAwsCliAndDecodesTheToken) {
  auto wire = load_wire("003-GetAuthorizationToken");
  clock.set(wire.signed_at());
  http.responses.emplace_back(wire.response);

  auto r = ecr.get_authorization_token();

  ASSERT_TRUE(r.ok()) << r.error().to_string();
  const auto& req = only_request();
  EXPECT_EQ(req.body, wire.body);
  EXPECT_EQ(req.headers.get("X-Amz-Target"), wire.header("X-Amz-Target"));
  EXPECT_EQ(req.headers.get("Content-Type"), wire.header("Content-Type"));
  EXPECT_EQ(req.headers.get("Authorization"), wire.header("Authorization"));
  EXPECT_EQ(r->username, "AWS");
  EXPECT_EQ(r->password, "peer-ecr-password");
  EXPECT_EQ(r->proxy_endpoint, "https://123456789012.dkr.ecr.us-east-1.amazonaws.com");
  ASSERT_TRUE(r->expires_at);
  EXPECT_EQ(core::format_iso8601(*r->expires_at), "2025-11-25T04:00:00Z");
}

TEST_F(EcrTest, CreateRepositorySendsTheAwsCliBodyAndParsesTheRepository) {
  auto wire = load_wire("004-CreateRepository");
  http.responses.emplace_back(wire.response);
  auto r = ecr.create_repository({.repository_name = "peers/app"});
  ASSERT_TRUE(r.ok()) << r.error().to_string();
  const auto& req = only_request();
  EXPECT_EQ(json_of(req), nlohmann::json::parse(wire.body));
  EXPECT_EQ(req.headers.get("X-Amz-Target"), "AmazonEC2ContainerRegistry_V20150921.CreateRepository");
  EXPECT_EQ(r->repository_uri, "123456789012.dkr.ecr.us-east-1.amazonaws.com/peers/app");
  EXPECT_EQ(r->registry_id, "123456789012");
  EXPECT_EQ(r->repository_arn, "arn:aws:ecr:us-east-1:123456789012:repository/peers/app");
}

TEST_F(EcrTest, CreateRepositoryWithOptionsAndAlreadyExists) {
  http.respond(
      400,
      R"({"__type":"RepositoryAlreadyExistsException","message":"The repository with name 'app' already exists"})");
  auto r = ecr.create_repository(
      {.repository_name = "app", .image_tag_mutability = "IMMUTABLE", .scan_on_push = true, .tags = {{"svc", "web"}}});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "RepositoryAlreadyExistsException");
  EXPECT_EQ(json_of(only_request()), nlohmann::json::parse(R"({"repositoryName":"app","imageTagMutability":"IMMUTABLE",
      "imageScanningConfiguration":{"scanOnPush":true},"tags":[{"Key":"svc","Value":"web"}]})"));
}

TEST_F(EcrTest, DescribeRepositoriesAllFollowsNextToken) {
  respond_json(R"({"repositories":[{"repositoryName":"a","repositoryUri":"1.dkr/a"}],"nextToken":"p2"})");
  respond_json(R"({"repositories":[{"repositoryName":"b","createdAt":1764000000.0}]})");
  auto r = ecr.describe_repositories_all({.repository_names = {"a", "b"}});
  ASSERT_TRUE(r.ok()) << r.error().to_string();
  ASSERT_EQ(r->size(), 2u);
  EXPECT_EQ((*r)[1].repository_name, "b");
  EXPECT_TRUE((*r)[1].created_at);
  EXPECT_EQ(json_of(http.requests[0]), nlohmann::json::parse(R"({"repositoryNames":["a","b"]})"));
  EXPECT_EQ(json_of(http.requests[1]), nlohmann::json::parse(R"({"repositoryNames":["a","b"],"nextToken":"p2"})"));
}

TEST_F(EcrTest, DescribeRepositoriesMissingIsTyped) {
  http.respond(400, R"({"__type":"RepositoryNotFoundException","message":"The repository 'x' does not exist"})");
  auto r = ecr.describe_repositories({.repository_names = {"x"}});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "RepositoryNotFoundException");
}

TEST_F(EcrTest, DescribeImagesAllParsesDetails) {
  respond_json(R"({"imageDetails":[{"imageDigest":"sha256:aa","imageTags":["v1","latest"],"imageSizeInBytes":1234,
      "imagePushedAt":1764000000.5,"imageManifestMediaType":"application/vnd.oci.image.manifest.v1+json"}],
      "nextToken":"n"})");
  respond_json(R"({"imageDetails":[{"imageDigest":"sha256:bb"}]})");
  auto r = ecr.describe_images_all({.repository_name = "app", .image_ids = {{.image_tag = "v1"}}});
  ASSERT_TRUE(r.ok()) << r.error().to_string();
  ASSERT_EQ(r->size(), 2u);
  EXPECT_EQ((*r)[0].image_tags, (std::vector<std::string>{"v1", "latest"}));
  EXPECT_EQ((*r)[0].image_size_bytes, 1234);
  EXPECT_EQ((*r)[0].image_manifest_media_type, "application/vnd.oci.image.manifest.v1+json");
  EXPECT_EQ((*r)[1].image_digest, "sha256:bb");
  EXPECT_EQ(json_of(http.requests[0]),
            nlohmann::json::parse(R"({"repositoryName":"app","imageIds":[{"imageTag":"v1"}]})"));
  EXPECT_EQ(http.requests[1].headers.get("X-Amz-Target"), "AmazonEC2ContainerRegistry_V20150921.DescribeImages");
}

TEST_F(EcrTest, BatchCheckLayerAvailability) {
  respond_json(R"({"layers":[{"layerDigest":"sha256:aa","layerAvailability":"AVAILABLE","layerSize":10},
      {"layerDigest":"sha256:bb","layerAvailability":"UNAVAILABLE"}],
      "failures":[{"layerDigest":"sha256:zz","failureCode":"InvalidLayerDigest","failureReason":"bad digest"}]})");
  auto r = ecr.batch_check_layer_availability("app", {"sha256:aa", "sha256:bb", "sha256:zz"});
  ASSERT_TRUE(r.ok()) << r.error().to_string();
  EXPECT_EQ(json_of(only_request()),
            nlohmann::json::parse(R"({"repositoryName":"app","layerDigests":["sha256:aa","sha256:bb","sha256:zz"]})"));
  ASSERT_EQ(r->layers.size(), 2u);
  EXPECT_TRUE(r->layers[0].available);
  EXPECT_EQ(r->layers[0].layer_size, 10);
  EXPECT_FALSE(r->layers[1].available);
  ASSERT_EQ(r->failures.size(), 1u);
  EXPECT_EQ(r->failures[0].failure_code, "InvalidLayerDigest");
}

}  // namespace
}  // namespace hoplite::aws::ecr
