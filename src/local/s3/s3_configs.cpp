// A bucket's configurations that S3 keeps as XML documents: CORS, website, event notifications
// and object lock. They are checked, kept and shown as sent; the local S3 neither serves websites,
// answers CORS preflights, sends notifications nor locks objects (docs/local.md).
#include "hoplite/aws/xml.hpp"
#include "local/s3/s3_names.hpp"
#include "local/s3/s3_service.hpp"
#include "local/s3/s3_store.hpp"
#include "local/store/database.hpp"

namespace hoplite::local::s3 {
namespace {

/// S3's limit on a CORS configuration; the others are far smaller in practice.
constexpr std::size_t kMaxConfigBytes = 64 * 1024;

struct ConfigKind {
  const char* column;   ///< the `kind` stored
  const char* root;     ///< the document's root element
  const char* missing;  ///< the error code when the bucket has none
  const char* message;
};

const ConfigKind& kind_of(BucketConfig c) {
  static const ConfigKind kCors{"cors", "CORSConfiguration", "NoSuchCORSConfiguration",
                                "The CORS configuration does not exist"};
  static const ConfigKind kWebsite{"website", "WebsiteConfiguration", "NoSuchWebsiteConfiguration",
                                   "The specified bucket does not have a website configuration"};
  static const ConfigKind kNotification{"notification", "NotificationConfiguration", "", ""};
  static const ConfigKind kObjectLock{"object-lock", "ObjectLockConfiguration", "ObjectLockConfigurationNotFoundError",
                                      "Object Lock configuration does not exist for this bucket"};
  switch (c) {
    case BucketConfig::cors:
      return kCors;
    case BucketConfig::website:
      return kWebsite;
    case BucketConfig::object_lock:
      return kObjectLock;
    case BucketConfig::notification:
      break;
  }
  return kNotification;
}

core::Failure malformed() {
  return s3_error("MalformedXML",
                  "The XML you provided was not well-formed or did not validate against our published schema", 400);
}

bool has_child(const aws::XmlElement& e, std::string_view name) {
  for (const auto& c : e.children)
    if (c.name == name) return true;
  return false;
}

/// What S3 requires of each document beyond its root: a CORS rule names methods and origins; a
/// website has an index document or redirects every request.
core::Result<void> check(BucketConfig c, const aws::XmlElement& doc) {
  if (c == BucketConfig::cors) {
    if (!has_child(doc, "CORSRule")) return malformed();
    for (const auto& rule : doc.children)
      if (rule.name == "CORSRule" && (!has_child(rule, "AllowedMethod") || !has_child(rule, "AllowedOrigin")))
        return malformed();
  }
  if (c == BucketConfig::object_lock && doc.optional_text("ObjectLockEnabled").value_or("") != "Enabled")
    return malformed();
  if (c == BucketConfig::website && !has_child(doc, "IndexDocument") && !has_child(doc, "RedirectAllRequestsTo"))
    return s3_error("InvalidArgument",
                    "A value for IndexDocument Suffix must be provided if RedirectAllRequestsTo is empty", 400);
  return core::ok();
}

}  // namespace

core::Result<void> S3Service::put_bucket_config(const CallContext& ctx, const std::string& bucket, BucketConfig c,
                                                const std::string& xml) {
  const ConfigKind& k = kind_of(c);
  if (xml.size() > kMaxConfigBytes) return malformed();
  auto doc = aws::parse_xml(xml);
  if (!doc || doc->name != k.root) return malformed();
  if (auto ok = check(c, *doc); !ok) return ok.failure();
  // An empty NotificationConfiguration is how S3 removes the notifications.
  bool remove = c == BucketConfig::notification && doc->children.empty();
  return house_.db.transaction([&](store::Tx& tx) -> core::Result<void> {
    if (auto owned = owned_bucket(tx, ctx, bucket); !owned) return owned.failure();
    if (remove) return tx.exec("DELETE FROM s3_bucket_configs WHERE bucket = ? AND kind = ?", {bucket, k.column});
    return tx.exec(
        "INSERT INTO s3_bucket_configs VALUES (?, ?, ?) ON CONFLICT (bucket, kind) DO UPDATE SET body = excluded.body",
        {bucket, k.column, xml});
  });
}

core::Result<std::string> S3Service::get_bucket_config(const CallContext& ctx, const std::string& bucket,
                                                       BucketConfig c) {
  const ConfigKind& k = kind_of(c);
  return house_.db.transaction<std::string>([&](store::Tx& tx) -> core::Result<std::string> {
    if (auto owned = owned_bucket(tx, ctx, bucket); !owned) return owned.failure();
    auto row = tx.query_one("SELECT body FROM s3_bucket_configs WHERE bucket = ? AND kind = ?", {bucket, k.column});
    if (!row) return row.failure();
    if (*row) return (*row)->text(0);
    if (c == BucketConfig::notification)
      return std::string(R"(<?xml version="1.0" encoding="UTF-8"?>)") + "\n<NotificationConfiguration xmlns=\"" +
             std::string(kXmlns) + "\"/>";
    return s3_error(k.missing, k.message, 404);
  });
}

core::Result<void> S3Service::delete_bucket_config(const CallContext& ctx, const std::string& bucket, BucketConfig c) {
  const ConfigKind& k = kind_of(c);
  return house_.db.transaction([&](store::Tx& tx) -> core::Result<void> {
    if (auto owned = owned_bucket(tx, ctx, bucket); !owned) return owned.failure();
    return tx.exec("DELETE FROM s3_bucket_configs WHERE bucket = ? AND kind = ?", {bucket, k.column});
  });
}

}  // namespace hoplite::local::s3
