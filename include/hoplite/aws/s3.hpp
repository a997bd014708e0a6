#pragma once
/// \file
/// Amazon S3: the bucket that holds templates and artifacts, and its objects.
/// API: https://docs.aws.amazon.com/AmazonS3/latest/API/
///
/// Addressing, signing and region redirects are the pipeline's (Caller::rest): virtual-hosted
/// style on AWS, path style on custom endpoints; a bucket found in another region is retried
/// there once and remembered.

#include <cstdint>
#include <map>
#include <optional>
#include <string>

#include "hoplite/aws/caller.hpp"
#include "hoplite/core/clock.hpp"
#include "hoplite/http/message.hpp"

namespace hoplite::aws::s3 {

/// REST-XML, signing name `s3` (no path normalization, signed `x-amz-content-sha256`).
[[nodiscard]] ServiceInfo service_info();

/// The parameters of PutObject (Client::put_object).
struct PutObjectRequest {
  std::string bucket;  ///< the bucket's name
  std::string key;     ///< the object key, unencoded
  std::string body;    ///< used when `stream` is not set; sent with Content-MD5
  /// A large body read in pieces (and read once more to hash it for the signature). No
  /// Content-MD5 is sent for streams: the signed x-amz-content-sha256 protects the bytes.
  std::optional<http::BodyStream> stream;
  std::optional<std::string> content_type;      ///< default: none (S3 stores binary/octet-stream)
  std::map<std::string, std::string> metadata;  ///< sent as `x-amz-meta-<key>`
};
/// What PutObject returns.
struct PutObjectResponse {
  std::string etag;                       ///< quoted, as S3 sends it
  std::optional<std::string> version_id;  ///< set when the bucket is versioned
};

/// What S3 says about an object (its response headers).
struct ObjectInfo {
  std::int64_t content_length = 0;              ///< the body's size in bytes
  std::string content_type;                     ///< the Content-Type stored with the object
  std::string etag;                             ///< quoted, as S3 sends it
  std::optional<std::string> last_modified;     ///< the HTTP date as sent
  std::optional<std::string> version_id;        ///< set when the bucket is versioned
  std::map<std::string, std::string> metadata;  ///< x-amz-meta-* without the prefix, lower case
};

/// What GetObject returns.
struct GetObjectResponse {
  ObjectInfo info;   ///< the object's headers
  std::string body;  ///< the object's bytes
};

/// The S3 client (the few object calls hoplite needs): path-style or virtual-hosted, signed, sent and retried through a
/// Caller.
class Client {
 public:
  /// A client that signs and sends with `config` (region, credentials, HTTP client, clock, endpoint, retries).
  explicit Client(const ClientConfig& config);

  /// Creates `bucket` in the client's region (a LocationConstraint is sent outside us-east-1,
  /// where S3 rejects one). Returns the Location header (`/bucket` or the bucket URL).
  core::Result<std::string> create_bucket(const std::string& bucket);
  /// Succeeds when the bucket exists and is ours; returns its region (x-amz-bucket-region).
  /// A missing bucket fails with code NotFound, someone else's with Forbidden.
  core::Result<std::string> head_bucket(const std::string& bucket);
  /// The bucket's region: "" from the API means us-east-1 and "EU" means eu-west-1; both are
  /// translated.
  core::Result<std::string> get_bucket_location(const std::string& bucket);
  /// Calls PutObject: https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutObject.html
  core::Result<PutObjectResponse> put_object(const PutObjectRequest& request);
  /// Calls GetObject: https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetObject.html
  core::Result<GetObjectResponse> get_object(const std::string& bucket, const std::string& key);
  /// A missing object fails with code NotFound.
  core::Result<ObjectInfo> head_object(const std::string& bucket, const std::string& key);
  /// Deleting a missing key succeeds, as in S3.
  core::Result<void> delete_object(const std::string& bucket, const std::string& key);

 private:
  Caller caller_;
};

}  // namespace hoplite::aws::s3
