#include "hoplite/aws/ecr_wire.hpp"

#include "hoplite/aws/json_reader.hpp"

namespace hoplite::aws::ecr::wire {
namespace {

using nlohmann::json;

constexpr std::string_view kResponseError = "aws.json";

json repository_json(const Repository& r) {
  json j{{"repositoryArn", r.repository_arn},
         {"registryId", r.registry_id},
         {"repositoryName", r.repository_name},
         {"repositoryUri", r.repository_uri}};
  put_time_if(j, "createdAt", r.created_at);
  j["imageTagMutability"] = r.image_tag_mutability;
  j["imageScanningConfiguration"] = {{"scanOnPush", r.scan_on_push}};
  if (!r.encryption_type.empty()) j["encryptionConfiguration"] = {{"encryptionType", r.encryption_type}};
  return j;
}

void read_repository(JsonReader& r, Repository& out) {
  r.get("repositoryArn", out.repository_arn);
  r.get("registryId", out.registry_id);
  r.get("repositoryName", out.repository_name);
  r.get("repositoryUri", out.repository_uri);
  r.get("createdAt", out.created_at);
  r.get("imageTagMutability", out.image_tag_mutability);
  r.object("imageScanningConfiguration", [&](JsonReader& s) { s.get("scanOnPush", out.scan_on_push); });
  r.object("encryptionConfiguration", [&](JsonReader& e) { e.get("encryptionType", out.encryption_type); });
}

json image_id_json(const ImageId& id) {
  json j = json::object();
  put_if(j, "imageDigest", id.image_digest);
  put_if(j, "imageTag", id.image_tag);
  return j;
}

void read_image_id(JsonReader& r, ImageId& id) {
  r.get("imageDigest", id.image_digest);
  r.get("imageTag", id.image_tag);
}

json image_ids_json(const std::vector<ImageId>& ids) {
  json out = json::array();
  for (const auto& id : ids) out.push_back(image_id_json(id));
  return out;
}

json failures_json(const std::vector<ImageFailure>& failures) {
  json out = json::array();
  for (const auto& f : failures)
    out.push_back(
        {{"imageId", image_id_json(f.image_id)}, {"failureCode", f.failure_code}, {"failureReason", f.failure_reason}});
  return out;
}

void read_failure(JsonReader& r, ImageFailure& f) {
  r.object("imageId", [&](JsonReader& id) { read_image_id(id, f.image_id); });
  r.get("failureCode", f.failure_code);
  r.get("failureReason", f.failure_reason);
}

void put_filter(json& j, const std::optional<std::string>& tag_status) {
  if (tag_status) j["filter"] = {{"tagStatus", *tag_status}};
}

void read_filter(JsonReader& r, std::optional<std::string>& tag_status) {
  r.object("filter", [&](JsonReader& f) { f.get("tagStatus", tag_status); });
}

}  // namespace

// ---- CreateRepository ----

json encode_request(const CreateRepositoryRequest& r) {
  json j = json::object();
  put_if(j, "registryId", r.registry_id);
  j["repositoryName"] = r.repository_name;
  if (!r.tags.empty()) {
    json tags = json::array();
    for (const auto& [k, v] : r.tags) tags.push_back({{"Key", k}, {"Value", v}});
    j["tags"] = tags;
  }
  put_if(j, "imageTagMutability", r.image_tag_mutability);
  if (r.scan_on_push) j["imageScanningConfiguration"] = {{"scanOnPush", *r.scan_on_push}};
  return j;
}

core::Result<CreateRepositoryRequest> decode_create_repository_request(const json& body) {
  JsonReader r(body);
  CreateRepositoryRequest out;
  r.get("registryId", out.registry_id);
  r.get("repositoryName", out.repository_name);
  struct Tag {
    std::string key, value;
  };
  std::vector<Tag> tags;
  r.list("tags", tags, [](JsonReader& t, Tag& tag) {
    t.get("Key", tag.key);
    t.get("Value", tag.value);
  });
  for (auto& t : tags) out.tags[t.key] = t.value;
  r.get("imageTagMutability", out.image_tag_mutability);
  r.object("imageScanningConfiguration", [&](JsonReader& s) { s.get("scanOnPush", out.scan_on_push); });
  return r.finish(std::move(out));
}

json encode_response(const CreateRepositoryResponse& r) { return {{"repository", repository_json(r.repository)}}; }

core::Result<CreateRepositoryResponse> decode_create_repository_response(const json& body) {
  JsonReader r(body, kResponseError);
  CreateRepositoryResponse out;
  if (!r.has("repository")) return core::fail("aws.json", "CreateRepository response has no repository");
  r.object("repository", [&](JsonReader& repo) { read_repository(repo, out.repository); });
  return r.finish(std::move(out));
}

// ---- DescribeRepositories ----

json encode_request(const DescribeRepositoriesRequest& r) {
  json j = json::object();
  put_if(j, "registryId", r.registry_id);
  if (!r.repository_names.empty()) j["repositoryNames"] = r.repository_names;
  put_if(j, "nextToken", r.next_token);
  put_if(j, "maxResults", r.max_results);
  return j;
}

core::Result<DescribeRepositoriesRequest> decode_describe_repositories_request(const json& body) {
  JsonReader r(body);
  DescribeRepositoriesRequest out;
  r.get("registryId", out.registry_id);
  r.get("repositoryNames", out.repository_names);
  r.get("nextToken", out.next_token);
  r.get("maxResults", out.max_results);
  return r.finish(std::move(out));
}

json encode_response(const DescribeRepositoriesResponse& r) {
  json list = json::array();
  for (const auto& repo : r.repositories) list.push_back(repository_json(repo));
  json j{{"repositories", list}};
  put_if(j, "nextToken", r.next_token);
  return j;
}

core::Result<DescribeRepositoriesResponse> decode_describe_repositories_response(const json& body) {
  JsonReader r(body, kResponseError);
  DescribeRepositoriesResponse out;
  r.list("repositories", out.repositories, read_repository);
  r.get("nextToken", out.next_token);
  return r.finish(std::move(out));
}

// ---- DeleteRepository ----

json encode_request(const DeleteRepositoryRequest& r) {
  json j = json::object();
  put_if(j, "registryId", r.registry_id);
  j["repositoryName"] = r.repository_name;
  if (r.force) j["force"] = true;
  return j;
}

core::Result<DeleteRepositoryRequest> decode_delete_repository_request(const json& body) {
  JsonReader r(body);
  DeleteRepositoryRequest out;
  r.get("registryId", out.registry_id);
  r.get("repositoryName", out.repository_name);
  r.get("force", out.force);
  return r.finish(std::move(out));
}

json encode_response(const DeleteRepositoryResponse& r) { return {{"repository", repository_json(r.repository)}}; }

core::Result<DeleteRepositoryResponse> decode_delete_repository_response(const json& body) {
  JsonReader r(body, kResponseError);
  DeleteRepositoryResponse out;
  r.object("repository", [&](JsonReader& repo) { read_repository(repo, out.repository); });
  return r.finish(std::move(out));
}

// ---- GetAuthorizationToken ----

json encode_request(const GetAuthorizationTokenRequest& r) {
  json j = json::object();
  if (!r.registry_ids.empty()) j["registryIds"] = r.registry_ids;
  return j;
}

core::Result<GetAuthorizationTokenRequest> decode_get_authorization_token_request(const json& body) {
  JsonReader r(body);
  GetAuthorizationTokenRequest out;
  r.get("registryIds", out.registry_ids);
  return r.finish(std::move(out));
}

json encode_response(const GetAuthorizationTokenResponse& r) {
  json list = json::array();
  for (const auto& d : r.authorization_data) {
    json j{{"authorizationToken", d.authorization_token}};
    put_time_if(j, "expiresAt", d.expires_at);
    j["proxyEndpoint"] = d.proxy_endpoint;
    list.push_back(std::move(j));
  }
  return {{"authorizationData", list}};
}

core::Result<GetAuthorizationTokenResponse> decode_get_authorization_token_response(const json& body) {
  JsonReader r(body, kResponseError);
  GetAuthorizationTokenResponse out;
  r.list("authorizationData", out.authorization_data, [](JsonReader& d, AuthorizationToken& t) {
    d.get("authorizationToken", t.authorization_token);
    d.get("expiresAt", t.expires_at);
    d.get("proxyEndpoint", t.proxy_endpoint);
  });
  return r.finish(std::move(out));
}

// ---- DescribeImages ----

json encode_request(const DescribeImagesRequest& r) {
  json j = json::object();
  put_if(j, "registryId", r.registry_id);
  j["repositoryName"] = r.repository_name;
  if (!r.image_ids.empty()) j["imageIds"] = image_ids_json(r.image_ids);
  put_if(j, "nextToken", r.next_token);
  put_if(j, "maxResults", r.max_results);
  put_filter(j, r.tag_status);
  return j;
}

core::Result<DescribeImagesRequest> decode_describe_images_request(const json& body) {
  JsonReader r(body);
  DescribeImagesRequest out;
  r.get("registryId", out.registry_id);
  r.get("repositoryName", out.repository_name);
  r.list("imageIds", out.image_ids, read_image_id);
  r.get("nextToken", out.next_token);
  r.get("maxResults", out.max_results);
  read_filter(r, out.tag_status);
  return r.finish(std::move(out));
}

json encode_response(const DescribeImagesResponse& r) {
  json list = json::array();
  for (const auto& d : r.image_details) {
    json j{{"registryId", d.registry_id}, {"repositoryName", d.repository_name}, {"imageDigest", d.image_digest}};
    if (!d.image_tags.empty()) j["imageTags"] = d.image_tags;
    j["imageSizeInBytes"] = d.image_size_bytes;
    put_time_if(j, "imagePushedAt", d.image_pushed_at);
    j["imageManifestMediaType"] = d.image_manifest_media_type;
    if (!d.artifact_media_type.empty()) j["artifactMediaType"] = d.artifact_media_type;
    list.push_back(std::move(j));
  }
  json j{{"imageDetails", list}};
  put_if(j, "nextToken", r.next_token);
  return j;
}

core::Result<DescribeImagesResponse> decode_describe_images_response(const json& body) {
  JsonReader r(body, kResponseError);
  DescribeImagesResponse out;
  r.list("imageDetails", out.image_details, [](JsonReader& j, ImageDetail& d) {
    j.get("registryId", d.registry_id);
    j.get("repositoryName", d.repository_name);
    j.get("imageDigest", d.image_digest);
    j.get("imageTags", d.image_tags);
    j.get("imageSizeInBytes", d.image_size_bytes);
    j.get("imagePushedAt", d.image_pushed_at);
    j.get("imageManifestMediaType", d.image_manifest_media_type);
    j.get("artifactMediaType", d.artifact_media_type);
  });
  r.get("nextToken", out.next_token);
  return r.finish(std::move(out));
}

// ---- ListImages ----

json encode_request(const ListImagesRequest& r) {
  json j = json::object();
  put_if(j, "registryId", r.registry_id);
  j["repositoryName"] = r.repository_name;
  put_if(j, "nextToken", r.next_token);
  put_if(j, "maxResults", r.max_results);
  put_filter(j, r.tag_status);
  return j;
}

core::Result<ListImagesRequest> decode_list_images_request(const json& body) {
  JsonReader r(body);
  ListImagesRequest out;
  r.get("registryId", out.registry_id);
  r.get("repositoryName", out.repository_name);
  r.get("nextToken", out.next_token);
  r.get("maxResults", out.max_results);
  read_filter(r, out.tag_status);
  return r.finish(std::move(out));
}

json encode_response(const ListImagesResponse& r) {
  json j{{"imageIds", image_ids_json(r.image_ids)}};
  put_if(j, "nextToken", r.next_token);
  return j;
}

core::Result<ListImagesResponse> decode_list_images_response(const json& body) {
  JsonReader r(body, kResponseError);
  ListImagesResponse out;
  r.list("imageIds", out.image_ids, read_image_id);
  r.get("nextToken", out.next_token);
  return r.finish(std::move(out));
}

// ---- BatchGetImage ----

json encode_request(const BatchGetImageRequest& r) {
  json j = json::object();
  put_if(j, "registryId", r.registry_id);
  j["repositoryName"] = r.repository_name;
  j["imageIds"] = image_ids_json(r.image_ids);
  if (!r.accepted_media_types.empty()) j["acceptedMediaTypes"] = r.accepted_media_types;
  return j;
}

core::Result<BatchGetImageRequest> decode_batch_get_image_request(const json& body) {
  JsonReader r(body);
  BatchGetImageRequest out;
  r.get("registryId", out.registry_id);
  r.get("repositoryName", out.repository_name);
  r.list("imageIds", out.image_ids, read_image_id);
  r.get("acceptedMediaTypes", out.accepted_media_types);
  return r.finish(std::move(out));
}

json encode_response(const BatchGetImageResponse& r) {
  json images = json::array();
  for (const auto& i : r.images)
    images.push_back({{"registryId", i.registry_id},
                      {"repositoryName", i.repository_name},
                      {"imageId", image_id_json(i.image_id)},
                      {"imageManifest", i.image_manifest},
                      {"imageManifestMediaType", i.image_manifest_media_type}});
  return {{"images", images}, {"failures", failures_json(r.failures)}};
}

core::Result<BatchGetImageResponse> decode_batch_get_image_response(const json& body) {
  JsonReader r(body, kResponseError);
  BatchGetImageResponse out;
  r.list("images", out.images, [](JsonReader& j, Image& i) {
    j.get("registryId", i.registry_id);
    j.get("repositoryName", i.repository_name);
    j.object("imageId", [&](JsonReader& id) { read_image_id(id, i.image_id); });
    j.get("imageManifest", i.image_manifest);
    j.get("imageManifestMediaType", i.image_manifest_media_type);
  });
  r.list("failures", out.failures, read_failure);
  return r.finish(std::move(out));
}

// ---- BatchDeleteImage ----

json encode_request(const BatchDeleteImageRequest& r) {
  json j = json::object();
  put_if(j, "registryId", r.registry_id);
  j["repositoryName"] = r.repository_name;
  j["imageIds"] = image_ids_json(r.image_ids);
  return j;
}

core::Result<BatchDeleteImageRequest> decode_batch_delete_image_request(const json& body) {
  JsonReader r(body);
  BatchDeleteImageRequest out;
  r.get("registryId", out.registry_id);
  r.get("repositoryName", out.repository_name);
  r.list("imageIds", out.image_ids, read_image_id);
  return r.finish(std::move(out));
}

json encode_response(const BatchDeleteImageResponse& r) {
  return {{"imageIds", image_ids_json(r.image_ids)}, {"failures", failures_json(r.failures)}};
}

core::Result<BatchDeleteImageResponse> decode_batch_delete_image_response(const json& body) {
  JsonReader r(body, kResponseError);
  BatchDeleteImageResponse out;
  r.list("imageIds", out.image_ids, read_image_id);
  r.list("failures", out.failures, read_failure);
  return r.finish(std::move(out));
}

// ---- PutImageTagMutability ----

json encode_request(const PutImageTagMutabilityRequest& r) {
  json j = json::object();
  put_if(j, "registryId", r.registry_id);
  j["repositoryName"] = r.repository_name;
  j["imageTagMutability"] = r.image_tag_mutability;
  return j;
}

core::Result<PutImageTagMutabilityRequest> decode_put_image_tag_mutability_request(const json& body) {
  JsonReader r(body);
  PutImageTagMutabilityRequest out;
  r.get("registryId", out.registry_id);
  r.get("repositoryName", out.repository_name);
  r.get("imageTagMutability", out.image_tag_mutability);
  return r.finish(std::move(out));
}

json encode_response(const PutImageTagMutabilityResponse& r) {
  return {{"registryId", r.registry_id},
          {"repositoryName", r.repository_name},
          {"imageTagMutability", r.image_tag_mutability}};
}

core::Result<PutImageTagMutabilityResponse> decode_put_image_tag_mutability_response(const json& body) {
  JsonReader r(body, kResponseError);
  PutImageTagMutabilityResponse out;
  r.get("registryId", out.registry_id);
  r.get("repositoryName", out.repository_name);
  r.get("imageTagMutability", out.image_tag_mutability);
  return r.finish(std::move(out));
}

// ---- BatchCheckLayerAvailability ----

json encode_request(const BatchCheckLayerAvailabilityRequest& r) {
  json j = json::object();
  put_if(j, "registryId", r.registry_id);
  j["repositoryName"] = r.repository_name;
  j["layerDigests"] = r.layer_digests;
  return j;
}

core::Result<BatchCheckLayerAvailabilityRequest> decode_batch_check_layer_availability_request(const json& body) {
  JsonReader r(body);
  BatchCheckLayerAvailabilityRequest out;
  r.get("registryId", out.registry_id);
  r.get("repositoryName", out.repository_name);
  r.get("layerDigests", out.layer_digests);
  return r.finish(std::move(out));
}

json encode_response(const BatchCheckLayerAvailabilityResponse& r) {
  json layers = json::array();
  for (const auto& l : r.layers) {
    json j{{"layerDigest", l.layer_digest}, {"layerAvailability", l.available ? "AVAILABLE" : "UNAVAILABLE"}};
    put_if(j, "layerSize", l.layer_size);
    layers.push_back(std::move(j));
  }
  json failures = json::array();
  for (const auto& f : r.failures)
    failures.push_back(
        {{"layerDigest", f.layer_digest}, {"failureCode", f.failure_code}, {"failureReason", f.failure_reason}});
  return {{"layers", layers}, {"failures", failures}};
}

core::Result<BatchCheckLayerAvailabilityResponse> decode_batch_check_layer_availability_response(const json& body) {
  JsonReader r(body, kResponseError);
  BatchCheckLayerAvailabilityResponse out;
  r.list("layers", out.layers, [](JsonReader& j, Layer& l) {
    j.get("layerDigest", l.layer_digest);
    std::string availability;
    j.get("layerAvailability", availability);
    l.available = availability == "AVAILABLE";
    j.get("layerSize", l.layer_size);
  });
  r.list("failures", out.failures, [](JsonReader& j, LayerFailure& f) {
    j.get("layerDigest", f.layer_digest);
    j.get("failureCode", f.failure_code);
    j.get("failureReason", f.failure_reason);
  });
  return r.finish(std::move(out));
}

}  // namespace hoplite::aws::ecr::wire
