#pragma once
/// \file S3's rows, shared by the operations and the HTTP routes: buckets as their owner sees them,
/// object rows in and out.

#include <optional>
#include <string>

#include "local/s3/s3_service.hpp"
#include "local/store/database.hpp"

namespace hoplite::local::s3 {

/// The bucket's region when `ctx`'s account owns it. Errors: NoSuchBucket, AccessDenied.
core::Result<std::string> owned_bucket(store::Tx& tx, const CallContext& ctx, const std::string& bucket);

/// The object, or nullopt.
core::Result<std::optional<ObjectRecord>> find_object(store::Tx& tx, const std::string& bucket, const std::string& key);

/// Inserts or replaces the object's row.
core::Result<void> write_object(store::Tx& tx, const ObjectRecord& object);

/// Checks a key: 1–1024 bytes (KeyTooLongError / InvalidArgument).
core::Result<void> check_key(const std::string& key);

/// `"<hex md5>"`.
[[nodiscard]] std::string quoted_etag(std::string_view raw_md5);

}  // namespace hoplite::local::s3
