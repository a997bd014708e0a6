#include "hoplite/aws/ecr.hpp"

#include "aws/protocol/json_call.hpp"
#include "aws/protocol/pages.hpp"
#include "hoplite/core/base64.hpp"

namespace hoplite::aws::ecr {
namespace {

using nlohmann::json;

Repository parse_repository(const json& j) {
  return {.repository_arn = detail::str(j, "repositoryArn"),
          .registry_id = detail::str(j, "registryId"),
          .repository_name = detail::str(j, "repositoryName"),
          .repository_uri = detail::str(j, "repositoryUri"),
          .created_at = detail::opt_epoch(j, "createdAt"),
          .image_tag_mutability = detail::str(j, "imageTagMutability")};
}

}  // namespace

ServiceInfo service_info() {
  return {.name = "ecr",
          .endpoint_id = "api.ecr",
          .signing_name = "ecr",
          .protocol = Protocol::json_1_1,
          .target_prefix = "AmazonEC2ContainerRegistry_V20150921"};
}

Client::Client(const ClientConfig& config) : caller_(service_info(), config) {}

core::Result<AuthorizationData> Client::get_authorization_token() {
  auto out = detail::json_call(caller_, "GetAuthorizationToken", json::object());
  if (!out) return out.failure();
  const json& list = detail::array_at(*out, "authorizationData");
  if (list.empty()) return core::fail("aws.ecr", "GetAuthorizationToken returned no authorization data");
  const json& d = list.front();
  auto decoded = core::base64_decode(detail::str(d, "authorizationToken"));
  auto colon = decoded ? decoded->find(':') : std::string::npos;
  // The token is not printed: it is a registry password.
  if (colon == std::string::npos) return core::fail("aws.ecr", "GetAuthorizationToken returned a malformed token");
  return AuthorizationData{.username = decoded->substr(0, colon),
                           .password = decoded->substr(colon + 1),
                           .proxy_endpoint = detail::str(d, "proxyEndpoint"),
                           .expires_at = detail::opt_epoch(d, "expiresAt")};
}

core::Result<Repository> Client::create_repository(const CreateRepositoryRequest& r) {
  json in{{"repositoryName", r.repository_name}};
  if (!r.tags.empty()) {
    json tags = json::array();
    for (const auto& [k, v] : r.tags) tags.push_back({{"Key", k}, {"Value", v}});
    in["tags"] = tags;
  }
  if (r.image_tag_mutability) in["imageTagMutability"] = *r.image_tag_mutability;
  if (r.scan_on_push) in["imageScanningConfiguration"] = {{"scanOnPush", *r.scan_on_push}};
  auto out = detail::json_call(caller_, "CreateRepository", in);
  if (!out) return out.failure();
  auto it = out->find("repository");
  if (it == out->end()) return core::fail("aws.ecr", "CreateRepository response has no repository");
  return parse_repository(*it);
}

core::Result<DescribeRepositoriesResponse> Client::describe_repositories(const DescribeRepositoriesRequest& r) {
  json in = json::object();
  if (r.registry_id) in["registryId"] = *r.registry_id;
  if (!r.repository_names.empty()) in["repositoryNames"] = r.repository_names;
  if (r.next_token) in["nextToken"] = *r.next_token;
  if (r.max_results) in["maxResults"] = *r.max_results;
  auto out = detail::json_call(caller_, "DescribeRepositories", in);
  if (!out) return out.failure();
  DescribeRepositoriesResponse page;
  for (const auto& j : detail::array_at(*out, "repositories")) page.repositories.push_back(parse_repository(j));
  page.next_token = detail::opt_str(*out, "nextToken");
  return page;
}

core::Result<std::vector<Repository>> Client::describe_repositories_all(DescribeRepositoriesRequest r) {
  std::vector<Repository> all;
  auto done = detail::each_page(
      r, [this](const DescribeRepositoriesRequest& req) { return describe_repositories(req); },
      [&](DescribeRepositoriesResponse& p) { all.insert(all.end(), p.repositories.begin(), p.repositories.end()); });
  if (!done) return done.failure();
  return all;
}

core::Result<DescribeImagesResponse> Client::describe_images(const DescribeImagesRequest& r) {
  json in{{"repositoryName", r.repository_name}};
  if (!r.image_ids.empty()) {
    json ids = json::array();
    for (const auto& id : r.image_ids) {
      json o = json::object();
      if (id.image_digest) o["imageDigest"] = *id.image_digest;
      if (id.image_tag) o["imageTag"] = *id.image_tag;
      ids.push_back(o);
    }
    in["imageIds"] = ids;
  }
  if (r.next_token) in["nextToken"] = *r.next_token;
  if (r.max_results) in["maxResults"] = *r.max_results;
  auto out = detail::json_call(caller_, "DescribeImages", in);
  if (!out) return out.failure();
  DescribeImagesResponse page;
  for (const auto& j : detail::array_at(*out, "imageDetails")) {
    ImageDetail d{.image_digest = detail::str(j, "imageDigest"),
                  .image_size_bytes = detail::opt_int(j, "imageSizeInBytes").value_or(0),
                  .image_pushed_at = detail::opt_epoch(j, "imagePushedAt"),
                  .image_manifest_media_type = detail::str(j, "imageManifestMediaType")};
    for (const auto& t : detail::array_at(j, "imageTags"))
      if (t.is_string()) d.image_tags.push_back(t.get<std::string>());
    page.image_details.push_back(std::move(d));
  }
  page.next_token = detail::opt_str(*out, "nextToken");
  return page;
}

core::Result<std::vector<ImageDetail>> Client::describe_images_all(DescribeImagesRequest r) {
  std::vector<ImageDetail> all;
  auto done = detail::each_page(
      r, [this](const DescribeImagesRequest& req) { return describe_images(req); },
      [&](DescribeImagesResponse& p) { all.insert(all.end(), p.image_details.begin(), p.image_details.end()); });
  if (!done) return done.failure();
  return all;
}

core::Result<BatchCheckLayerAvailabilityResponse> Client::batch_check_layer_availability(
    const std::string& repository_name, const std::vector<std::string>& layer_digests) {
  json in{{"repositoryName", repository_name}, {"layerDigests", layer_digests}};
  auto out = detail::json_call(caller_, "BatchCheckLayerAvailability", in);
  if (!out) return out.failure();
  BatchCheckLayerAvailabilityResponse res;
  for (const auto& j : detail::array_at(*out, "layers")) {
    res.layers.push_back({.layer_digest = detail::str(j, "layerDigest"),
                          .available = detail::str(j, "layerAvailability") == "AVAILABLE",
                          .layer_size = detail::opt_int(j, "layerSize")});
  }
  for (const auto& j : detail::array_at(*out, "failures")) {
    res.failures.push_back({.layer_digest = detail::str(j, "layerDigest"),
                            .failure_code = detail::str(j, "failureCode"),
                            .failure_reason = detail::str(j, "failureReason")});
  }
  return res;
}

}  // namespace hoplite::aws::ecr
