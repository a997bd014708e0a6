#include "local/s3/s3_multipart.hpp"

#include <nlohmann/json.hpp>

#include "hoplite/aws/xml.hpp"
#include "hoplite/core/hex.hpp"
#include "local/ids.hpp"
#include "local/s3/s3_body.hpp"
#include "local/s3/s3_names.hpp"
#include "local/s3/s3_service.hpp"
#include "local/s3/s3_store.hpp"
#include "local/sql_values.hpp"
#include "local/store/database.hpp"

namespace hoplite::local::s3::multipart {

using store::Row;
using store::Tx;

namespace {

core::Result<std::optional<Row>> find_upload(Tx& tx, const CallContext& ctx, const std::string& bucket,
                                             const std::string& key, const std::string& id) {
  auto row = tx.query_one(
      "SELECT content_type, metadata FROM s3_uploads WHERE id = ? AND bucket = ? AND key = ? AND account = ?",
      {id, bucket, key, ctx.principal.account_id});
  if (!row) return row.failure();
  return *row;
}

core::Failure malformed() {
  return s3_error("MalformedXML",
                  "The XML you provided was not well-formed or did not validate against our published schema", 400);
}

}  // namespace

core::Result<std::string> create(ServiceContext& house, const CallContext& ctx, const std::string& bucket,
                                 const std::string& key, const std::string& content_type,
                                 const std::map<std::string, std::string>& metadata) {
  nlohmann::json meta = nlohmann::json::object();
  for (const auto& [k, v] : metadata) meta[k] = v;
  std::string id = random_base64ish(64);
  for (char& c : id) c = c == '+' ? '-' : (c == '/' ? '_' : c);  // URL-safe: it travels in query strings
  auto ins = house.db.transaction([&](Tx& tx) {
    return tx.exec("INSERT INTO s3_uploads VALUES (?, ?, ?, ?, ?, ?, ?)",
                   {id, bucket, key, content_type, meta.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace),
                    to_millis(ctx.now), ctx.principal.account_id});
  });
  if (!ins) return ins.failure();
  return id;
}

core::Result<void> check(ServiceContext& house, const CallContext& ctx, const std::string& bucket,
                         const std::string& key, const std::string& id) {
  return house.db.transaction([&](Tx& tx) -> core::Result<void> {
    auto row = find_upload(tx, ctx, bucket, key, id);
    if (!row) return row.failure();
    if (!*row) return no_such_upload();
    return core::ok();
  });
}

core::Result<std::string> record_part(ServiceContext& house, const CallContext& ctx, const std::string& bucket,
                                      const std::string& key, const std::string& id, int number,
                                      const store::BlobInfo& blob, const std::string& raw_md5) {
  const std::string md5 = core::to_hex(raw_md5);
  auto done = house.db.transaction([&](Tx& tx) -> core::Result<void> {
    auto row = find_upload(tx, ctx, bucket, key, id);
    if (!row) return row.failure();
    if (!*row) return no_such_upload();  // aborted while the part streamed in
    return tx.exec("INSERT OR REPLACE INTO s3_parts VALUES (?, ?, ?, ?, ?, ?)",
                   {id, static_cast<std::int64_t>(number), blob.digest, static_cast<std::int64_t>(blob.size), md5,
                    to_millis(ctx.now)});
  });
  if (!done) return done.failure();
  return "\"" + md5 + "\"";
}

core::Result<Completed> complete(ServiceContext& house, const CallContext& ctx, const std::string& bucket,
                                 const std::string& key, const std::string& id, const std::string& document) {
  auto doc = aws::parse_xml(document);
  if (!doc || doc->name != "CompleteMultipartUpload") return malformed();
  auto listed = doc->children_named("Part");
  if (listed.empty() || listed.size() > 10000) return malformed();
  struct Wanted {
    int number;
    std::string etag;
  };
  std::vector<Wanted> wanted;
  for (const auto* p : listed) {
    const std::string n = p->text_at("PartNumber");
    if (n.empty() || n.size() > 5 || n.find_first_not_of("0123456789") != std::string::npos) return malformed();
    std::string etag = p->text_at("ETag");
    if (!etag.starts_with('"')) etag = "\"" + etag + "\"";  // clients send it quoted or not
    wanted.push_back({std::stoi(n), etag});
  }
  for (std::size_t i = 1; i < wanted.size(); ++i)
    if (wanted[i].number <= wanted[i - 1].number)
      return s3_error("InvalidPartOrder",
                      "The list of parts was not in ascending order. The parts list must be specified in order of the "
                      "part number.",
                      400);
  // What the upload has, read once; the concatenation runs outside the transaction.
  struct Have {
    std::string digest;
    std::uint64_t size;
    std::string md5;
  };
  std::vector<Have> parts;
  std::string content_type, metadata;
  auto read = house.db.transaction([&](Tx& tx) -> core::Result<void> {
    auto up = find_upload(tx, ctx, bucket, key, id);
    if (!up) return up.failure();
    if (!*up) return no_such_upload();
    content_type = (*up)->text(0);
    metadata = (*up)->text(1);
    for (std::size_t i = 0; i < wanted.size(); ++i) {
      auto row = tx.query_one("SELECT digest, size, md5 FROM s3_parts WHERE upload = ? AND number = ?",
                              {id, static_cast<std::int64_t>(wanted[i].number)});
      if (!row) return row.failure();
      if (!*row || "\"" + (*row)->text(2) + "\"" != wanted[i].etag)
        return s3_error("InvalidPart",
                        "One or more of the specified parts could not be found.  The part may not have been uploaded, "
                        "or the specified entity tag may not match the part's entity tag.",
                        400);
      parts.push_back({(*row)->text(0), static_cast<std::uint64_t>((*row)->integer(1)), (*row)->text(2)});
      if (i + 1 < wanted.size() && parts.back().size < kMinPartBytes)
        return s3_error("EntityTooSmall", "Your proposed upload is smaller than the minimum allowed size", 400);
    }
    return core::ok();
  });
  if (!read) return read.failure();

  auto writer = house.blobs.create();
  if (!writer) return writer.failure();
  Md5 etag_md5;
  std::string buffer(1 << 20, '\0');
  for (const auto& part : parts) {
    auto raw = core::from_hex(part.md5);
    if (raw) etag_md5.update(*raw);
    auto stream = house.blobs.stream(part.digest, 0, part.size);
    if (!stream) return stream.failure();
    auto reader = stream->open();
    std::uint64_t left = part.size;
    while (left > 0) {
      std::int64_t n = reader(buffer.data(), buffer.size());
      if (n <= 0) return core::fail("local.blob", "reading part " + part.digest);
      if (auto a = writer->append(std::string_view(buffer.data(), static_cast<std::size_t>(n))); !a) return a.failure();
      left -= static_cast<std::uint64_t>(n);
    }
  }
  auto blob = writer->commit();
  if (!blob) return blob.failure();
  Completed out{"\"" + core::to_hex(etag_md5.finish()) + "-" + std::to_string(parts.size()) + "\""};
  ObjectRecord o{.bucket = bucket,
                 .key = key,
                 .digest = blob->digest,
                 .size = blob->size,
                 .etag = out.etag,
                 .content_type = content_type,
                 .metadata = {},
                 .modified = ctx.now};
  auto meta = nlohmann::json::parse(metadata, nullptr, false);
  if (meta.is_object())
    for (const auto& [k, v] : meta.items())
      if (v.is_string()) o.metadata[k] = v.get<std::string>();
  auto written = house.db.transaction([&](Tx& tx) -> core::Result<void> {
    auto up = find_upload(tx, ctx, bucket, key, id);
    if (!up) return up.failure();
    if (!*up) return no_such_upload();  // completed or aborted meanwhile
    if (auto w = write_object(tx, o); !w) return w;
    return tx.exec("DELETE FROM s3_uploads WHERE id = ?", {id});  // its parts go with it
  });
  if (!written) return written.failure();
  return out;
}

core::Result<void> abort(ServiceContext& house, const CallContext& ctx, const std::string& bucket,
                         const std::string& key, const std::string& id) {
  return house.db.transaction([&](Tx& tx) -> core::Result<void> {
    if (auto d = tx.exec("DELETE FROM s3_uploads WHERE id = ? AND bucket = ? AND key = ? AND account = ?",
                         {id, bucket, key, ctx.principal.account_id});
        !d)
      return d;
    if (tx.changes() == 0) return no_such_upload();
    return core::ok();
  });
}

core::Result<std::vector<Part>> list_parts(ServiceContext& house, const CallContext& ctx, const std::string& bucket,
                                           const std::string& key, const std::string& id, int marker, int limit) {
  return house.db.transaction<std::vector<Part>>([&](Tx& tx) -> core::Result<std::vector<Part>> {
    auto up = find_upload(tx, ctx, bucket, key, id);
    if (!up) return up.failure();
    if (!*up) return no_such_upload();
    auto rows = tx.query(
        "SELECT number, size, md5, modified FROM s3_parts WHERE upload = ? AND number > ? ORDER BY number LIMIT ?",
        {id, static_cast<std::int64_t>(marker), static_cast<std::int64_t>(limit)});
    if (!rows) return rows.failure();
    std::vector<Part> out;
    for (const auto& r : *rows)
      out.push_back({static_cast<int>(r.integer(0)), static_cast<std::uint64_t>(r.integer(1)), "\"" + r.text(2) + "\"",
                     from_millis(r.integer(3))});
    return out;
  });
}

}  // namespace hoplite::local::s3::multipart
