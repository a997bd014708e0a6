#pragma once
/// \file Multipart uploads: parts are blobs of their own, recorded per upload; completing writes
/// the object's blob by streaming the parts in order (never all in memory) and gives it S3's
/// multipart ETag, the MD5 of the parts' binary MD5s followed by `-<number of parts>`.

#include <map>
#include <string>
#include <vector>

#include "local/service.hpp"
#include "local/store/blob_store.hpp"

namespace hoplite::local::s3::multipart {

struct Part {
  int number = 0;
  std::uint64_t size = 0;
  std::string etag;  ///< quoted
  core::TimePoint modified;
};

struct Completed {
  std::string etag;  ///< quoted, `"<hex>-N"`
};

/// A new upload id for `bucket`/`key` (the bucket is checked by the caller).
core::Result<std::string> create(ServiceContext& house, const CallContext& ctx, const std::string& bucket,
                                 const std::string& key, const std::string& content_type,
                                 const std::map<std::string, std::string>& metadata);
/// NoSuchUpload unless `id` is an upload of `bucket`/`key` by the caller's account.
core::Result<void> check(ServiceContext& house, const CallContext& ctx, const std::string& bucket,
                         const std::string& key, const std::string& id);
/// Records (or replaces) part `number`; returns its ETag.
core::Result<std::string> record_part(ServiceContext& house, const CallContext& ctx, const std::string& bucket,
                                      const std::string& key, const std::string& id, int number,
                                      const store::BlobInfo& blob, const std::string& raw_md5);
/// Completes the upload from a CompleteMultipartUpload document. Errors: MalformedXML,
/// InvalidPartOrder, InvalidPart, EntityTooSmall, NoSuchUpload.
core::Result<Completed> complete(ServiceContext& house, const CallContext& ctx, const std::string& bucket,
                                 const std::string& key, const std::string& id, const std::string& document);
core::Result<void> abort(ServiceContext& house, const CallContext& ctx, const std::string& bucket,
                         const std::string& key, const std::string& id);
/// Parts numbered above `marker`, at most `limit`, in order.
core::Result<std::vector<Part>> list_parts(ServiceContext& house, const CallContext& ctx, const std::string& bucket,
                                           const std::string& key, const std::string& id, int marker, int limit);

}  // namespace hoplite::local::s3::multipart
