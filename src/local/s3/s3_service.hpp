#pragma once
/// \file The local cloud's Amazon S3 (REST-XML, path style and virtual hosts `bucket.localhost`):
/// buckets, objects as content-addressed blobs (streamed both ways, never whole in memory),
/// ListObjectsV2, copies, ranges, multipart uploads, Content-MD5 and payload-hash checks, and
/// S3's errors. Typed bucket operations first — what the CloudFormation engine's
/// `AWS::S3::Bucket` provider calls — then the HTTP handler (s3_routes.cpp), which decodes a
/// request, runs the operation and writes S3's XML.
///
/// What is emulated and what not: docs/local.md ("S3").

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "local/service.hpp"

namespace hoplite::local::s3 {

struct CreateBucketRequest {
  std::string bucket;
  /// The region named in CreateBucketConfiguration; default none (us-east-1, where none is sent).
  std::optional<std::string> location_constraint;
};
struct CreateBucketResponse {
  std::string location;  ///< `/bucket`, the Location header
};

struct BucketSummary {
  std::string name;
  std::string region;
  core::TimePoint created;
};

/// An object's metadata, as GET/HEAD report it.
struct ObjectRecord {
  std::string bucket;
  std::string key;
  std::string digest;  ///< hex SHA-256: its blob
  std::uint64_t size = 0;
  std::string etag;  ///< quoted
  std::string content_type;
  std::map<std::string, std::string> metadata;  ///< x-amz-meta-* without the prefix, lower case
  core::TimePoint modified;
};

struct ListObjectsRequest {
  std::string bucket;
  std::string prefix;
  std::string delimiter;
  std::string start_after;
  std::optional<std::string> continuation_token;
  int max_keys = 1000;  ///< 0–1000; default 1000
};
struct ListObjectsResponse {
  std::vector<ObjectRecord> contents;
  std::vector<std::string> common_prefixes;
  bool truncated = false;
  std::optional<std::string> next_continuation_token;
};

/// A bucket configuration S3 keeps as an XML document: CORS (`?cors`), website (`?website`),
/// event notifications (`?notification`), object lock (`?object-lock`).
enum class BucketConfig { cors, website, notification, object_lock };

class S3Service final : public Service {
 public:
  explicit S3Service(ServiceContext& house);

  [[nodiscard]] const ServiceSpec& spec() const override { return spec_; }
  http::Response handle(Call& call) override;
  nlohmann::json inspect() override;

  // ---- bucket operations ----
  /// Errors: InvalidBucketName, BucketAlreadyExists (another account), BucketAlreadyOwnedByYou
  /// (outside us-east-1; in us-east-1 S3 answers 200 for a bucket you own), and
  /// IllegalLocationConstraintException.
  core::Result<CreateBucketResponse> create_bucket(const CallContext& ctx, const CreateBucketRequest& request);
  /// Errors: NoSuchBucket, AccessDenied (another account's), BucketNotEmpty.
  core::Result<void> delete_bucket(const CallContext& ctx, const std::string& bucket);
  /// The bucket's region. Errors: NoSuchBucket, AccessDenied.
  core::Result<std::string> head_bucket(const CallContext& ctx, const std::string& bucket);
  core::Result<std::vector<BucketSummary>> list_buckets(const CallContext& ctx);
  /// Stores the bucket's policy (kept and shown, not evaluated). Errors: NoSuchBucket,
  /// AccessDenied, MalformedPolicy (not a JSON object, or larger than 20 KiB).
  core::Result<void> put_bucket_policy(const CallContext& ctx, const std::string& bucket, const std::string& policy);
  /// The policy as stored. Errors: NoSuchBucket, AccessDenied, NoSuchBucketPolicy (404).
  core::Result<std::string> get_bucket_policy(const CallContext& ctx, const std::string& bucket);
  /// Removes the policy; a bucket without one is fine. Errors: NoSuchBucket, AccessDenied.
  core::Result<void> delete_bucket_policy(const CallContext& ctx, const std::string& bucket);

  // ---- bucket configurations (s3_configs.cpp): kept and shown, not acted on ----
  /// Stores `xml` (at most 64 KiB, the right root element; CORS rules with methods and origins, a
  /// website with an index document or a redirect). An empty NotificationConfiguration removes
  /// the notifications. Errors: NoSuchBucket, AccessDenied, MalformedXML, InvalidArgument.
  core::Result<void> put_bucket_config(const CallContext& ctx, const std::string& bucket, BucketConfig kind,
                                       const std::string& xml);
  /// The document as stored. Errors: NoSuchBucket, AccessDenied, NoSuchCORSConfiguration,
  /// NoSuchWebsiteConfiguration (404), ObjectLockConfigurationNotFoundError (404); a bucket without
  /// notifications has an empty configuration.
  core::Result<std::string> get_bucket_config(const CallContext& ctx, const std::string& bucket, BucketConfig kind);
  /// Removes it; a bucket without one is fine. Errors: NoSuchBucket, AccessDenied.
  core::Result<void> delete_bucket_config(const CallContext& ctx, const std::string& bucket, BucketConfig kind);

  // ---- object operations ----
  core::Result<ObjectRecord> head_object(const CallContext& ctx, const std::string& bucket, const std::string& key);
  /// A small object's bytes (at most `max`: EntityTooLarge), e.g. a template the CloudFormation
  /// engine reads from a TemplateURL.
  core::Result<std::string> get_object_bytes(const CallContext& ctx, const std::string& bucket, const std::string& key,
                                             std::uint64_t max);
  /// Stores `bytes` as an object (what a provider writes; the HTTP path streams instead).
  core::Result<ObjectRecord> put_object_bytes(const CallContext& ctx, const std::string& bucket, const std::string& key,
                                              std::string_view bytes, const std::string& content_type);
  /// Deleting a missing key succeeds, as in S3.
  core::Result<void> delete_object(const CallContext& ctx, const std::string& bucket, const std::string& key);
  core::Result<ListObjectsResponse> list_objects(const CallContext& ctx, const ListObjectsRequest& request);

 private:
  friend class S3Routes;
  ServiceSpec spec_;
  ServiceContext& house_;
};

}  // namespace hoplite::local::s3
