#include "local/s3/s3_state.hpp"

namespace hoplite::local::s3 {

std::vector<store::Migration> migrations() {
  return {{1, R"sql(
CREATE TABLE s3_buckets (
  name TEXT PRIMARY KEY, account TEXT NOT NULL, region TEXT NOT NULL,
  created INTEGER NOT NULL);          -- epoch milliseconds
CREATE TABLE s3_objects (
  bucket TEXT NOT NULL REFERENCES s3_buckets (name) ON DELETE CASCADE,
  key TEXT NOT NULL,
  digest TEXT NOT NULL,               -- hex SHA-256: the blob file
  size INTEGER NOT NULL,
  etag TEXT NOT NULL,                 -- quoted, as sent
  content_type TEXT NOT NULL,
  metadata TEXT NOT NULL,             -- JSON object of x-amz-meta-* (lower-case names)
  modified INTEGER NOT NULL,
  PRIMARY KEY (bucket, key));
CREATE TABLE s3_uploads (
  id TEXT PRIMARY KEY,
  bucket TEXT NOT NULL REFERENCES s3_buckets (name) ON DELETE CASCADE,
  key TEXT NOT NULL, content_type TEXT NOT NULL, metadata TEXT NOT NULL,
  initiated INTEGER NOT NULL, account TEXT NOT NULL);
CREATE TABLE s3_parts (
  upload TEXT NOT NULL REFERENCES s3_uploads (id) ON DELETE CASCADE,
  number INTEGER NOT NULL, digest TEXT NOT NULL, size INTEGER NOT NULL,
  md5 TEXT NOT NULL,                  -- hex
  modified INTEGER NOT NULL,
  PRIMARY KEY (upload, number));
)sql"},
          {2, R"sql(
CREATE TABLE s3_bucket_policies (
  bucket TEXT PRIMARY KEY REFERENCES s3_buckets (name) ON DELETE CASCADE,
  policy TEXT NOT NULL);              -- the JSON document as PutBucketPolicy received it
)sql"},
          {3, R"sql(
CREATE TABLE s3_bucket_configs (
  bucket TEXT NOT NULL REFERENCES s3_buckets (name) ON DELETE CASCADE,
  kind TEXT NOT NULL,                 -- cors, website, notification
  body TEXT NOT NULL,                 -- the XML document as it was put
  PRIMARY KEY (bucket, kind));
)sql"}};
}

}  // namespace hoplite::local::s3
