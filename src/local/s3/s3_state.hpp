#pragma once
/// \file S3's tables in state.db. Bucket names are global (one namespace over every account, as
/// in S3); an object row names a blob by digest, so a copy shares the bytes and a key never
/// becomes a path. Multipart parts are blobs of their own until CompleteMultipartUpload writes
/// the object's blob from them.

#include <vector>

#include "local/store/database.hpp"

namespace hoplite::local::s3 {

[[nodiscard]] std::vector<store::Migration> migrations();

}  // namespace hoplite::local::s3
