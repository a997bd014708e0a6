#include "local/s3/s3_store.hpp"

#include <nlohmann/json.hpp>

#include "hoplite/core/hex.hpp"
#include "local/s3/s3_names.hpp"
#include "local/sql_values.hpp"

namespace hoplite::local::s3 {

core::Result<std::string> owned_bucket(store::Tx& tx, const CallContext& ctx, const std::string& bucket) {
  auto row = tx.query_one("SELECT account, region FROM s3_buckets WHERE name = ?", {bucket});
  if (!row) return row.failure();
  if (!*row) return no_such_bucket();
  if ((*row)->text(0) != ctx.principal.account_id) return s3_error("AccessDenied", "Access Denied", 403);
  return (*row)->text(1);
}

core::Result<std::optional<ObjectRecord>> find_object(store::Tx& tx, const std::string& bucket,
                                                      const std::string& key) {
  auto row = tx.query_one(
      "SELECT digest, size, etag, content_type, metadata, modified FROM s3_objects WHERE bucket = ? AND key = ?",
      {bucket, key});
  if (!row) return row.failure();
  if (!*row) return std::optional<ObjectRecord>{};
  const store::Row& r = **row;
  ObjectRecord o{.bucket = bucket,
                 .key = key,
                 .digest = r.text(0),
                 .size = static_cast<std::uint64_t>(r.integer(1)),
                 .etag = r.text(2),
                 .content_type = r.text(3),
                 .metadata = {},
                 .modified = from_millis(r.integer(5))};
  auto meta = nlohmann::json::parse(r.text(4), nullptr, false);
  if (meta.is_object())
    for (const auto& [k, v] : meta.items())
      if (v.is_string()) o.metadata[k] = v.get<std::string>();
  return std::optional<ObjectRecord>{std::move(o)};
}

core::Result<void> write_object(store::Tx& tx, const ObjectRecord& o) {
  nlohmann::json meta = nlohmann::json::object();
  for (const auto& [k, v] : o.metadata) meta[k] = v;
  return tx.exec("INSERT OR REPLACE INTO s3_objects VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                 {o.bucket, o.key, o.digest, static_cast<std::int64_t>(o.size), o.etag, o.content_type,
                  meta.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace), to_millis(o.modified)});
}

core::Result<void> check_key(const std::string& key) {
  if (key.empty()) return invalid_argument("A key must not be empty");
  if (key.size() > kMaxKeyBytes) return s3_error("KeyTooLongError", "Your key is too long", 400);
  return core::ok();
}

std::string quoted_etag(std::string_view raw_md5) { return "\"" + core::to_hex(raw_md5) + "\""; }

}  // namespace hoplite::local::s3
