#pragma once
/// \file Request bodies of S3 as they stream in: checked against the payload hash the signature
/// covers (`x-amz-content-sha256`: XAmzContentSHA256Mismatch), decoded when `aws-chunked` (chunk
/// signatures checked as they arrive), checked against `Content-MD5` (InvalidDigest, BadDigest),
/// capped, and written to a blob that is committed only when every check passed — a rejected
/// upload leaves nothing behind.

#include <string>

#include "local/service.hpp"
#include "local/store/blob_store.hpp"

namespace hoplite::local::s3 {

/// MD5 over pieces (S3's ETags and Content-MD5; not a security property).
class Md5 {
 public:
  Md5();
  ~Md5();
  Md5(const Md5&) = delete;
  Md5& operator=(const Md5&) = delete;
  void update(std::string_view bytes);
  /// The 16 raw bytes; call once.
  std::string finish();

 private:
  void* ctx_;
};

struct ReceivedBlob {
  store::BlobInfo blob;
  std::string md5;  ///< raw 16 bytes
};

/// Streams the body into a new blob (at most `max` decoded bytes: EntityTooLarge).
core::Result<ReceivedBlob> receive_blob(Call& call, const store::BlobStore& blobs, std::uint64_t max);

/// A small body (an XML document) in memory, with the same checks; at most `max` bytes.
core::Result<std::string> receive_small(Call& call, std::uint64_t max);

}  // namespace hoplite::local::s3
