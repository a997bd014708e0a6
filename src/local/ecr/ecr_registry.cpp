// The registry's storage over state.db and the blob store (see ecr_registry.hpp).
#include "local/ecr/ecr_registry.hpp"

#include "hoplite/core/base64.hpp"
#include "hoplite/core/sha256.hpp"
#include "local/ids.hpp"
#include "local/sql_values.hpp"
#include "local/store/database.hpp"

namespace hoplite::local::ecr {
namespace {

using store::Row;
using store::Tx;

core::Failure registry_failure(std::string code, std::string message, int status) {
  return core::fail(core::Error{std::move(code), std::move(message), status, false, {}});
}

struct Tenant {
  std::string account;
  std::string region;
};

Tenant split(const std::string& tenant) {
  auto slash = tenant.find('/');
  return {tenant.substr(0, slash), slash == std::string::npos ? std::string() : tenant.substr(slash + 1)};
}

core::Failure name_unknown(const Tenant& t, const std::string& repo) {
  return registry_failure(
      "NAME_UNKNOWN",
      "The repository with name '" + repo + "' does not exist in the registry with id '" + t.account + "'", 404);
}

core::Failure upload_unknown() {
  return registry_failure("BLOB_UPLOAD_UNKNOWN", "blob upload unknown to registry", 404);
}

core::Result<bool> repository_exists(Tx& tx, const Tenant& t, const std::string& repo) {
  auto row = tx.query_one("SELECT 1 FROM ecr_repositories WHERE account = ? AND region = ? AND name = ?",
                          {t.account, t.region, repo});
  if (!row) return row.failure();
  return row->has_value();
}

/// The digest a tag or digest reference names, or "" when none.
core::Result<std::string> resolve(Tx& tx, const Tenant& t, const std::string& repo, const std::string& reference) {
  if (reference.find(':') != std::string::npos) return reference;
  auto row = tx.query_one("SELECT digest FROM ecr_image_tags WHERE account = ? AND region = ? AND repo = ? AND tag = ?",
                          {t.account, t.region, repo, reference});
  if (!row) return row.failure();
  return *row ? (*row)->text(0) : std::string();
}

}  // namespace

std::string registry_tenant(std::string_view account, std::string_view region) {
  return std::string(account) + "/" + std::string(region);
}

core::Result<std::string> EcrRegistryStorage::authenticate(const http::ServerRequest& request) {
  auto header = request.headers.get("Authorization");
  auto denied = [](std::string message) { return registry_failure("DENIED", std::move(message), 401); };
  if (!header || !header->starts_with("Basic ")) return denied("Not Authorized");
  auto decoded = core::base64_decode(std::string_view(*header).substr(6));
  if (!decoded || !decoded->starts_with("AWS:")) return denied("Your authorization token is invalid.");
  const std::string hash = core::sha256_hex(decoded->substr(4));
  const auto now = to_millis(house_.clock.now());
  auto row = house_.db.transaction<std::optional<Row>>([&](Tx& tx) {
    return tx.query_one("SELECT account, region, expires FROM ecr_tokens WHERE password_sha256 = ?", {hash});
  });
  if (!row) return row.failure();
  if (!*row) return denied("Your authorization token is invalid.");
  if ((*row)->integer(2) <= now) return denied("Your authorization token has expired. Reauthenticate and try again.");
  return registry_tenant((*row)->text(0), (*row)->text(1));
}

core::Result<void> EcrRegistryStorage::check_repository(const std::string& tenant, const std::string& repo) {
  const Tenant t = split(tenant);
  auto exists = house_.db.transaction<bool>([&](Tx& tx) { return repository_exists(tx, t, repo); });
  if (!exists) return exists.failure();
  if (!*exists) return name_unknown(t, repo);
  return core::ok();
}

core::Result<std::optional<std::uint64_t>> EcrRegistryStorage::blob_size(const std::string& tenant,
                                                                         const std::string& repo,
                                                                         const oci::Digest& digest) {
  const Tenant t = split(tenant);
  auto row = house_.db.transaction<std::optional<Row>>([&](Tx& tx) {
    return tx.query_one("SELECT size FROM ecr_layers WHERE account = ? AND region = ? AND repo = ? AND digest = ?",
                        {t.account, t.region, repo, digest.str()});
  });
  if (!row) return row.failure();
  if (!*row) return std::optional<std::uint64_t>{};
  return std::optional<std::uint64_t>{static_cast<std::uint64_t>((*row)->integer(0))};
}

core::Result<http::BodyStream> EcrRegistryStorage::read_blob(const std::string& tenant, const std::string& repo,
                                                             const oci::Digest& digest, std::uint64_t offset,
                                                             std::uint64_t length) {
  auto size = blob_size(tenant, repo, digest);
  if (!size) return size.failure();
  if (!*size) return registry_failure("BLOB_UNKNOWN", "blob unknown to registry", 404);
  return house_.blobs.stream(digest.encoded(), offset, length);
}

core::Result<std::optional<std::filesystem::path>> EcrRegistryStorage::blob_file(const std::string& tenant,
                                                                                 const std::string& repo,
                                                                                 const oci::Digest& digest) {
  auto size = blob_size(tenant, repo, digest);
  if (!size) return size.failure();
  if (!*size) return std::optional<std::filesystem::path>{};
  if (digest.algorithm() != "sha256") return std::optional<std::filesystem::path>{};
  return house_.blobs.path_of(digest.encoded());
}

core::Result<bool> EcrRegistryStorage::mount_blob(const std::string& tenant, const std::string& repo,
                                                  const std::string& from, const oci::Digest& digest) {
  const Tenant t = split(tenant);
  return house_.db.transaction<bool>([&](Tx& tx) -> core::Result<bool> {
    auto source =
        tx.query_one("SELECT size FROM ecr_layers WHERE account = ? AND region = ? AND repo = ? AND digest = ?",
                     {t.account, t.region, from, digest.str()});
    if (!source) return source.failure();
    if (!*source) return false;
    if (auto ins = tx.exec("INSERT OR IGNORE INTO ecr_layers VALUES (?, ?, ?, ?, ?)",
                           {t.account, t.region, repo, digest.str(), (*source)->integer(0)});
        !ins)
      return ins.failure();
    return true;
  });
}

core::Result<void> EcrRegistryStorage::delete_blob(const std::string& tenant, const std::string& repo,
                                                   const oci::Digest& digest) {
  const Tenant t = split(tenant);
  // The file stays: other repositories (and S3 objects with the same bytes) may name it.
  return house_.db.transaction([&](Tx& tx) -> core::Result<void> {
    if (auto d = tx.exec("DELETE FROM ecr_layers WHERE account = ? AND region = ? AND repo = ? AND digest = ?",
                         {t.account, t.region, repo, digest.str()});
        !d)
      return d;
    if (tx.changes() == 0) return registry_failure("BLOB_UNKNOWN", "blob unknown to registry", 404);
    return core::ok();
  });
}

core::Result<std::string> EcrRegistryStorage::start_upload(const std::string& tenant, const std::string& repo) {
  auto writer = house_.blobs.create();
  if (!writer) return writer.failure();
  std::lock_guard lock(mutex_);
  if (uploads_.size() >= kMaxOpenUploads)
    return registry_failure("TOOMANYREQUESTS", "too many uploads in progress", 429);
  std::string id =
      random_hex(8) + "-" + random_hex(4) + "-" + random_hex(4) + "-" + random_hex(4) + "-" + random_hex(12);
  uploads_.emplace(id, Upload{tenant, repo, std::move(*writer)});
  return id;
}

core::Result<store::BlobStore::Writer> EcrRegistryStorage::take(const std::string& tenant, const std::string& repo,
                                                                const std::string& id) {
  std::lock_guard lock(mutex_);
  auto it = uploads_.find(id);
  if (it == uploads_.end() || it->second.tenant != tenant || it->second.repo != repo) return upload_unknown();
  if (!it->second.writer)
    return registry_failure("BLOB_UPLOAD_INVALID", "blob upload invalid: another request is writing to it", 400);
  store::BlobStore::Writer w = std::move(*it->second.writer);
  it->second.writer.reset();
  return w;
}

void EcrRegistryStorage::give_back(const std::string& id, store::BlobStore::Writer writer) {
  std::lock_guard lock(mutex_);
  auto it = uploads_.find(id);
  if (it != uploads_.end()) it->second.writer.emplace(std::move(writer));
}

core::Result<std::uint64_t> EcrRegistryStorage::upload_size(const std::string& tenant, const std::string& repo,
                                                            const std::string& id) {
  std::lock_guard lock(mutex_);
  auto it = uploads_.find(id);
  if (it == uploads_.end() || it->second.tenant != tenant || it->second.repo != repo) return upload_unknown();
  if (!it->second.writer)
    return registry_failure("BLOB_UPLOAD_INVALID", "blob upload invalid: another request is writing to it", 400);
  return it->second.writer->size();
}

core::Result<std::uint64_t> EcrRegistryStorage::append_upload(const std::string& tenant, const std::string& repo,
                                                              const std::string& id, http::RequestBody& body,
                                                              std::uint64_t max) {
  auto writer = take(tenant, repo, id);
  if (!writer) return writer.failure();
  const std::uint64_t before = writer->size();
  if (before > max) return registry_failure("SIZE_INVALID", "blob too large", 413);
  core::Result<void> failed_write = core::ok();
  auto read = body.read(
      [&](std::string_view piece) {
        failed_write = writer->append(piece);
        return failed_write.ok();
      },
      max - before);
  if (!failed_write) return failed_write.failure();  // the upload is dropped with the writer
  if (!read) {
    std::lock_guard lock(mutex_);
    uploads_.erase(id);
    if (read.error().http_status == 413) return registry_failure("SIZE_INVALID", "blob too large", 413);
    return registry_failure("BLOB_UPLOAD_INVALID", "blob upload invalid: incomplete body", 400);
  }
  const std::uint64_t size = writer->size();
  give_back(id, std::move(*writer));
  return size;
}

core::Result<std::uint64_t> EcrRegistryStorage::finish_upload(const std::string& tenant, const std::string& repo,
                                                              const std::string& id, const oci::Digest& digest) {
  auto writer = take(tenant, repo, id);
  {
    std::lock_guard lock(mutex_);
    uploads_.erase(id);
  }
  if (!writer) return writer.failure();
  auto info = writer->commit(digest.encoded());
  if (!info) {
    if (info.error().code == "local.blob_digest")
      return registry_failure("DIGEST_INVALID", "provided digest did not match uploaded content", 400);
    return info.failure();
  }
  const Tenant t = split(tenant);
  // The file is in place before the row names it: a crash between the two leaves an unnamed file.
  auto linked = house_.db.transaction([&](Tx& tx) -> core::Result<void> {
    auto exists = repository_exists(tx, t, repo);
    if (!exists) return exists.failure();
    if (!*exists) return name_unknown(t, repo);
    return tx.exec("INSERT OR REPLACE INTO ecr_layers VALUES (?, ?, ?, ?, ?)",
                   {t.account, t.region, repo, digest.str(), static_cast<std::int64_t>(info->size)});
  });
  if (!linked) return linked.failure();
  return info->size;
}

core::Result<void> EcrRegistryStorage::cancel_upload(const std::string& tenant, const std::string& repo,
                                                     const std::string& id) {
  std::lock_guard lock(mutex_);
  auto it = uploads_.find(id);
  if (it == uploads_.end() || it->second.tenant != tenant || it->second.repo != repo) return upload_unknown();
  uploads_.erase(it);  // a writer still in use by a request is dropped when that request ends
  return core::ok();
}

core::Result<std::optional<oci::StoredManifest>> EcrRegistryStorage::get_manifest(const std::string& tenant,
                                                                                  const std::string& repo,
                                                                                  const std::string& reference) {
  const Tenant t = split(tenant);
  auto row = house_.db.transaction<std::optional<Row>>([&](Tx& tx) -> core::Result<std::optional<Row>> {
    auto digest = resolve(tx, t, repo, reference);
    if (!digest) return digest.failure();
    if (digest->empty()) return std::optional<Row>{};
    return tx.query_one(
        "SELECT digest, media_type, manifest FROM ecr_images WHERE account = ? AND region = ? AND repo = ? AND "
        "digest = ?",
        {t.account, t.region, repo, *digest});
  });
  if (!row) return row.failure();
  if (!*row) return std::optional<oci::StoredManifest>{};
  auto digest = oci::Digest::parse((*row)->text(0));
  if (!digest) return digest.failure();
  return std::optional<oci::StoredManifest>{oci::StoredManifest{*digest, (*row)->text(1), (*row)->text(2)}};
}

core::Result<void> EcrRegistryStorage::put_manifest(const std::string& tenant, const std::string& repo,
                                                    const oci::StoredManifest& manifest, const std::string& tag,
                                                    const oci::ManifestFacts& facts) {
  const Tenant t = split(tenant);
  const std::int64_t now = to_millis(house_.clock.now());
  return house_.db.transaction([&](Tx& tx) -> core::Result<void> {
    auto repo_row =
        tx.query_one("SELECT mutability FROM ecr_repositories WHERE account = ? AND region = ? AND name = ?",
                     {t.account, t.region, repo});
    if (!repo_row) return repo_row.failure();
    if (!*repo_row) return name_unknown(t, repo);
    if (!tag.empty() && (*repo_row)->text(0) == "IMMUTABLE") {
      auto current = resolve(tx, t, repo, tag);
      if (!current) return current.failure();
      if (!current->empty() && *current != manifest.digest.str())
        return registry_failure("TAG_INVALID",
                                "The image tag '" + tag + "' already exists in the '" + repo +
                                    "' repository and cannot be overwritten because the repository is immutable.",
                                400);
    }
    if (auto ins = tx.exec("INSERT OR IGNORE INTO ecr_images VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                           {t.account, t.region, repo, manifest.digest.str(), manifest.media_type, manifest.bytes,
                            static_cast<std::int64_t>(facts.image_size), facts.artifact_type, now});
        !ins)
      return ins;
    if (tag.empty()) return core::ok();
    return tx.exec("INSERT OR REPLACE INTO ecr_image_tags VALUES (?, ?, ?, ?, ?)",
                   {t.account, t.region, repo, tag, manifest.digest.str()});
  });
}

core::Result<void> EcrRegistryStorage::delete_manifest(const std::string& tenant, const std::string& repo,
                                                       const std::string& reference) {
  const Tenant t = split(tenant);
  return house_.db.transaction([&](Tx& tx) -> core::Result<void> {
    const bool by_digest = reference.find(':') != std::string::npos;
    auto d = by_digest ? tx.exec("DELETE FROM ecr_images WHERE account = ? AND region = ? AND repo = ? AND digest = ?",
                                 {t.account, t.region, repo, reference})
                       : tx.exec("DELETE FROM ecr_image_tags WHERE account = ? AND region = ? AND repo = ? AND tag = ?",
                                 {t.account, t.region, repo, reference});
    if (!d) return d;
    if (tx.changes() == 0) return registry_failure("MANIFEST_UNKNOWN", "manifest unknown", 404);
    return core::ok();
  });
}

core::Result<std::vector<std::string>> EcrRegistryStorage::list_tags(const std::string& tenant,
                                                                     const std::string& repo) {
  const Tenant t = split(tenant);
  auto rows = house_.db.transaction<std::vector<Row>>([&](Tx& tx) {
    return tx.query("SELECT tag FROM ecr_image_tags WHERE account = ? AND region = ? AND repo = ? ORDER BY tag",
                    {t.account, t.region, repo});
  });
  if (!rows) return rows.failure();
  std::vector<std::string> out;
  out.reserve(rows->size());
  for (const auto& r : *rows) out.push_back(r.text(0));
  return out;
}

}  // namespace hoplite::local::ecr
