#include "hoplite/aws/s3.hpp"

#include <charconv>

#include <fmt/format.h>

#include "aws/protocol/xml.hpp"
#include "hoplite/aws/protocol_rest_xml.hpp"
#include "hoplite/core/ascii.hpp"

namespace hoplite::aws::s3 {
namespace {

constexpr std::string_view kMetaPrefix = "x-amz-meta-";

ObjectInfo object_info(const http::Response& r) {
  ObjectInfo info;
  if (auto len = r.headers.get("Content-Length")) {
    std::from_chars(len->data(), len->data() + len->size(), info.content_length);
  } else {
    info.content_length = static_cast<std::int64_t>(r.body.size());
  }
  info.content_type = r.headers.get("Content-Type").value_or("");
  info.etag = r.headers.get("ETag").value_or("");
  info.last_modified = r.headers.get("Last-Modified");
  info.version_id = r.headers.get("x-amz-version-id");
  for (const auto& [name, value] : r.headers) {
    std::string n = core::ascii_lower(name);
    if (n.starts_with(kMetaPrefix)) info.metadata[n.substr(kMetaPrefix.size())] = value;
  }
  return info;
}

}  // namespace

ServiceInfo service_info() {
  return {.name = "s3", .endpoint_id = "s3", .signing_name = "s3", .protocol = Protocol::rest_xml};
}

Client::Client(const ClientConfig& config) : caller_(service_info(), config) {}

core::Result<std::string> Client::create_bucket(const std::string& bucket) {
  RestRequest req{.operation = "CreateBucket", .method = "PUT", .bucket = bucket};
  if (caller_.region() != "us-east-1") {
    req.body = fmt::format(
        "<CreateBucketConfiguration xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">"
        "<LocationConstraint>{}</LocationConstraint></CreateBucketConfiguration>",
        detail::xml_escape(caller_.region()));
    req.headers.set("Content-Type", "application/xml");
  }
  auto r = caller_.rest(req);
  if (!r) return r.failure();
  return r->headers.get("Location").value_or("/" + bucket);
}

core::Result<std::string> Client::head_bucket(const std::string& bucket) {
  auto r = caller_.rest({.operation = "HeadBucket", .method = "HEAD", .bucket = bucket});
  if (!r) return r.failure();
  return r->headers.get("x-amz-bucket-region").value_or(caller_.region());
}

core::Result<std::string> Client::get_bucket_location(const std::string& bucket) {
  auto r = caller_.rest({.operation = "GetBucketLocation", .bucket = bucket, .query = {{"location", ""}}});
  if (!r) return r.failure();
  auto doc = detail::parse_xml(r->body);
  if (!doc) return doc.failure("GetBucketLocation response");
  std::string region = doc->text;
  if (region.empty()) return std::string("us-east-1");
  if (region == "EU") return std::string("eu-west-1");
  return region;
}

core::Result<PutObjectResponse> Client::put_object(const PutObjectRequest& p) {
  RestRequest req{.operation = "PutObject", .method = "PUT", .bucket = p.bucket, .key = p.key};
  if (p.content_type) req.headers.set("Content-Type", *p.content_type);
  if (p.stream) {
    req.stream = p.stream;
  } else {
    req.body = p.body;
    req.headers.set("Content-MD5", content_md5(p.body));
  }
  for (const auto& [k, v] : p.metadata) req.headers.set(std::string(kMetaPrefix) + core::ascii_lower(k), v);
  auto r = caller_.rest(req);
  if (!r) return r.failure();
  return PutObjectResponse{.etag = r->headers.get("ETag").value_or(""),
                           .version_id = r->headers.get("x-amz-version-id")};
}

core::Result<GetObjectResponse> Client::get_object(const std::string& bucket, const std::string& key) {
  auto r = caller_.rest({.operation = "GetObject", .bucket = bucket, .key = key});
  if (!r) return r.failure();
  GetObjectResponse out{.info = object_info(*r), .body = std::move(r->body)};
  out.info.content_length = static_cast<std::int64_t>(out.body.size());
  return out;
}

core::Result<ObjectInfo> Client::head_object(const std::string& bucket, const std::string& key) {
  auto r = caller_.rest({.operation = "HeadObject", .method = "HEAD", .bucket = bucket, .key = key});
  if (!r) return r.failure();
  return object_info(*r);
}

core::Result<void> Client::delete_object(const std::string& bucket, const std::string& key) {
  auto r = caller_.rest({.operation = "DeleteObject", .method = "DELETE", .bucket = bucket, .key = key});
  if (!r) return r.failure();
  return core::ok();
}

}  // namespace hoplite::aws::s3
