// S3's typed operations: buckets, and the object operations other services call.
#include <nlohmann/json.hpp>

#include "hoplite/core/json.hpp"
#include "local/paging.hpp"
#include "local/s3/s3_body.hpp"
#include "local/s3/s3_names.hpp"
#include "local/s3/s3_service.hpp"
#include "local/s3/s3_state.hpp"
#include "local/s3/s3_store.hpp"
#include "local/sql_values.hpp"
#include "local/store/blob_store.hpp"

namespace hoplite::local::s3 {

using store::Row;
using store::Tx;

S3Service::S3Service(ServiceContext& house)
    : spec_{.signing_name = "s3", .protocol = Protocol::rest_xml, .xml_namespace = std::string(kXmlns)}, house_(house) {
  if (auto m = house_.db.migrate("s3", migrations()); !m)
    throw std::runtime_error("local s3: " + m.error().to_string());
}

core::Result<CreateBucketResponse> S3Service::create_bucket(const CallContext& ctx, const CreateBucketRequest& r) {
  if (!is_bucket_name(r.bucket)) return s3_error("InvalidBucketName", "The specified bucket is not valid.", 400);
  const std::string region = r.location_constraint.value_or("us-east-1");
  if (r.location_constraint && (r.location_constraint->empty() || *r.location_constraint == "us-east-1"))
    return s3_error("InvalidLocationConstraint", "The specified location-constraint is not valid", 400);
  if (region != ctx.region) {
    return s3_error("IllegalLocationConstraintException",
                    r.location_constraint
                        ? "The " + *r.location_constraint +
                              " location constraint is incompatible for the region specific endpoint "
                              "this request was sent to."
                        : "The unspecified location constraint is incompatible for the region specific "
                          "endpoint this request was sent to.",
                    400);
  }
  return house_.db.transaction<CreateBucketResponse>([&](Tx& tx) -> core::Result<CreateBucketResponse> {
    auto existing = tx.query_one("SELECT account FROM s3_buckets WHERE name = ?", {r.bucket});
    if (!existing) return existing.failure();
    if (*existing) {
      if ((*existing)->text(0) != ctx.principal.account_id)
        return s3_error(
            "BucketAlreadyExists",
            "The requested bucket name is not available. The bucket namespace is shared by all users of the "
            "system. Please select a different name and try again.",
            409);
      // S3's legacy behaviour in us-east-1: re-creating your own bucket succeeds.
      if (ctx.region == "us-east-1") return CreateBucketResponse{"/" + r.bucket};
      return s3_error("BucketAlreadyOwnedByYou",
                      "Your previous request to create the named bucket succeeded and you already own it.", 409);
    }
    if (auto ins = tx.exec("INSERT INTO s3_buckets VALUES (?, ?, ?, ?)",
                           {r.bucket, ctx.principal.account_id, region, to_millis(ctx.now)});
        !ins)
      return ins.failure();
    return CreateBucketResponse{"/" + r.bucket};
  });
}

core::Result<void> S3Service::delete_bucket(const CallContext& ctx, const std::string& bucket) {
  return house_.db.transaction([&](Tx& tx) -> core::Result<void> {
    if (auto owned = owned_bucket(tx, ctx, bucket); !owned) return owned.failure();
    auto any = tx.query_one("SELECT 1 FROM s3_objects WHERE bucket = ? LIMIT 1", {bucket});
    if (!any) return any.failure();
    if (*any) return s3_error("BucketNotEmpty", "The bucket you tried to delete is not empty", 409);
    // Unfinished multipart uploads go with it (their parts are blobs nobody names any more).
    return tx.exec("DELETE FROM s3_buckets WHERE name = ?", {bucket});
  });
}

core::Result<std::string> S3Service::head_bucket(const CallContext& ctx, const std::string& bucket) {
  return house_.db.transaction<std::string>([&](Tx& tx) { return owned_bucket(tx, ctx, bucket); });
}

core::Result<void> S3Service::put_bucket_policy(const CallContext& ctx, const std::string& bucket,
                                                const std::string& policy) {
  constexpr std::size_t kMaxPolicy = 20 * 1024;  // S3's limit for a bucket policy
  if (policy.size() > kMaxPolicy)
    return s3_error("MalformedPolicy", "Policy exceeds the maximum allowed document size.", 400);
  auto parsed = core::parse_json(policy, "bucket policy");  // the house's depth cap as well
  if (!parsed || !parsed->is_object())
    return s3_error("MalformedPolicy", "Policies must be valid JSON and the first byte must be '{'", 400);
  return house_.db.transaction([&](Tx& tx) -> core::Result<void> {
    if (auto owned = owned_bucket(tx, ctx, bucket); !owned) return owned.failure();
    return tx.exec(
        "INSERT INTO s3_bucket_policies VALUES (?, ?) ON CONFLICT (bucket) DO UPDATE SET policy = excluded.policy",
        {bucket, policy});
  });
}

core::Result<std::string> S3Service::get_bucket_policy(const CallContext& ctx, const std::string& bucket) {
  return house_.db.transaction<std::string>([&](Tx& tx) -> core::Result<std::string> {
    if (auto owned = owned_bucket(tx, ctx, bucket); !owned) return owned.failure();
    auto row = tx.query_one("SELECT policy FROM s3_bucket_policies WHERE bucket = ?", {bucket});
    if (!row) return row.failure();
    if (!*row) return s3_error("NoSuchBucketPolicy", "The bucket policy does not exist", 404);
    return (*row)->text(0);
  });
}

core::Result<void> S3Service::delete_bucket_policy(const CallContext& ctx, const std::string& bucket) {
  return house_.db.transaction([&](Tx& tx) -> core::Result<void> {
    if (auto owned = owned_bucket(tx, ctx, bucket); !owned) return owned.failure();
    return tx.exec("DELETE FROM s3_bucket_policies WHERE bucket = ?", {bucket});
  });
}

core::Result<std::vector<BucketSummary>> S3Service::list_buckets(const CallContext& ctx) {
  auto rows = house_.db.transaction<std::vector<Row>>([&](Tx& tx) {
    return tx.query("SELECT name, region, created FROM s3_buckets WHERE account = ? ORDER BY name",
                    {ctx.principal.account_id});
  });
  if (!rows) return rows.failure();
  std::vector<BucketSummary> out;
  for (const auto& r : *rows) out.push_back({r.text(0), r.text(1), from_millis(r.integer(2))});
  return out;
}

core::Result<ObjectRecord> S3Service::head_object(const CallContext& ctx, const std::string& bucket,
                                                  const std::string& key) {
  return house_.db.transaction<ObjectRecord>([&](Tx& tx) -> core::Result<ObjectRecord> {
    if (auto owned = owned_bucket(tx, ctx, bucket); !owned) return owned.failure();
    auto o = find_object(tx, bucket, key);
    if (!o) return o.failure();
    if (!*o) return no_such_key();
    return **o;
  });
}

core::Result<std::string> S3Service::get_object_bytes(const CallContext& ctx, const std::string& bucket,
                                                      const std::string& key, std::uint64_t max) {
  auto o = head_object(ctx, bucket, key);
  if (!o) return o.failure();
  if (o->size > max)
    return s3_error("EntityTooLarge", "The object is larger than " + std::to_string(max) + " bytes", 400);
  return house_.blobs.read(o->digest, max);
}

core::Result<ObjectRecord> S3Service::put_object_bytes(const CallContext& ctx, const std::string& bucket,
                                                       const std::string& key, std::string_view bytes,
                                                       const std::string& content_type) {
  if (auto k = check_key(key); !k) return k.failure();
  auto blob = house_.blobs.put(bytes);
  if (!blob) return blob.failure();
  Md5 md5;
  md5.update(bytes);
  ObjectRecord o{.bucket = bucket,
                 .key = key,
                 .digest = blob->digest,
                 .size = blob->size,
                 .etag = quoted_etag(md5.finish()),
                 .content_type = content_type.empty() ? "binary/octet-stream" : content_type,
                 .metadata = {},
                 .modified = ctx.now};
  auto written = house_.db.transaction([&](Tx& tx) -> core::Result<void> {
    if (auto owned = owned_bucket(tx, ctx, bucket); !owned) return owned.failure();
    return write_object(tx, o);
  });
  if (!written) return written.failure();
  return o;
}

core::Result<void> S3Service::delete_object(const CallContext& ctx, const std::string& bucket, const std::string& key) {
  return house_.db.transaction([&](Tx& tx) -> core::Result<void> {
    if (auto owned = owned_bucket(tx, ctx, bucket); !owned) return owned.failure();
    // The blob file stays: other objects (copies) and images may share it.
    return tx.exec("DELETE FROM s3_objects WHERE bucket = ? AND key = ?", {bucket, key});
  });
}

core::Result<ListObjectsResponse> S3Service::list_objects(const CallContext& ctx, const ListObjectsRequest& r) {
  if (r.max_keys < 0 || r.max_keys > 1000) return invalid_argument("max-keys must be between 0 and 1000");
  // The listing resumes after `after` (StartAfter or the token's position), or starts at the prefix.
  std::string after = r.start_after;
  if (r.continuation_token) {
    auto position = read_page_token("s3.ListObjectsV2:" + r.bucket, *r.continuation_token);
    if (!position) return invalid_argument("The continuation token provided is incorrect");
    after = *position;
  }
  return house_.db.transaction<ListObjectsResponse>([&](Tx& tx) -> core::Result<ListObjectsResponse> {
    if (auto owned = owned_bucket(tx, ctx, r.bucket); !owned) return owned.failure();
    ListObjectsResponse out;
    std::string cursor = r.prefix;
    bool inclusive = true;
    if (!after.empty() && after >= r.prefix) {
      cursor = after;
      inclusive = false;
    }
    int taken = 0;
    std::string last;  // where the next page starts: after this key (or past this common prefix)
    // Keys arrive in batches in byte order. A common prefix stands for every key under it, so after
    // one the cursor jumps past all of them: `prefix + 0xFF` (keys are UTF-8, no key holds 0xFF).
    while (true) {
      auto rows =
          tx.query(inclusive ? "SELECT key FROM s3_objects WHERE bucket = ? AND key >= ? ORDER BY key LIMIT 1000"
                             : "SELECT key FROM s3_objects WHERE bucket = ? AND key > ? ORDER BY key LIMIT 1000",
                   {r.bucket, cursor});
      inclusive = false;
      if (!rows) return rows.failure();
      if (rows->empty()) return out;
      bool jumped = false;
      for (const auto& row : *rows) {
        std::string key = row.text(0);
        cursor = key;
        if (!key.starts_with(r.prefix)) return out;  // sorted: past every key with the prefix
        std::string entry = key;
        bool is_prefix = false;
        if (!r.delimiter.empty()) {
          auto d = key.find(r.delimiter, r.prefix.size());
          if (d != std::string::npos) {
            entry = key.substr(0, d + r.delimiter.size());
            is_prefix = true;
          }
        }
        if (taken == r.max_keys) {
          out.truncated = true;
          if (!last.empty()) out.next_continuation_token = page_token("s3.ListObjectsV2:" + r.bucket, last);
          return out;
        }
        ++taken;
        if (is_prefix) {
          out.common_prefixes.push_back(entry);
          last = entry + "\xff";
          cursor = last;
          jumped = true;
          break;  // query again from past the prefix
        }
        last = key;
        auto o = find_object(tx, r.bucket, key);
        if (!o) return o.failure();
        if (*o) out.contents.push_back(std::move(**o));
      }
      if (!jumped && rows->size() < 1000) return out;
    }
  });
}

nlohmann::json S3Service::inspect() {
  nlohmann::json out = nlohmann::json::object();
  auto rows = house_.db.transaction<std::vector<Row>>([](Tx& tx) {
    return tx.query(
        "SELECT b.account, b.name, b.region, (SELECT COUNT(*) FROM s3_objects o WHERE o.bucket = b.name) FROM "
        "s3_buckets b ORDER BY b.account, b.name LIMIT 1000");
  });
  if (!rows) return out;
  for (const auto& r : *rows) out[r.text(0)]["buckets"][r.text(1)] = {{"region", r.text(2)}, {"objects", r.integer(3)}};
  return out;
}

}  // namespace hoplite::local::s3
