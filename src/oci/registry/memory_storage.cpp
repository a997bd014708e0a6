#include "hoplite/oci/memory_registry_storage.hpp"

#include <algorithm>
#include <cstring>
#include <memory>

namespace hoplite::oci {
namespace {

core::Failure registry_failure(std::string code, std::string message, int status) {
  return core::fail(core::Error{std::move(code), std::move(message), status, false, {}});
}

core::Failure upload_unknown() {
  return registry_failure("BLOB_UPLOAD_UNKNOWN", "blob upload unknown to registry", 404);
}

}  // namespace

core::Result<void> MemoryRegistryStorage::check_repository(const std::string&, const std::string&) {
  return core::ok();  // repositories appear with their first push
}

core::Result<std::optional<std::uint64_t>> MemoryRegistryStorage::blob_size(const std::string& tenant,
                                                                            const std::string& repo,
                                                                            const Digest& digest) {
  std::lock_guard lock(mutex_);
  auto r = repos_.find(key(tenant, repo));
  if (r == repos_.end() || !r->second.blobs.contains(digest.str())) return std::optional<std::uint64_t>{};
  return std::optional<std::uint64_t>{blobs_.at(digest.str()).size()};
}

core::Result<http::BodyStream> MemoryRegistryStorage::read_blob(const std::string& tenant, const std::string& repo,
                                                                const Digest& digest, std::uint64_t offset,
                                                                std::uint64_t length) {
  std::lock_guard lock(mutex_);
  auto r = repos_.find(key(tenant, repo));
  if (r == repos_.end() || !r->second.blobs.contains(digest.str()))
    return registry_failure("BLOB_UNKNOWN", "blob unknown to registry", 404);
  const std::string& all = blobs_.at(digest.str());
  if (offset > all.size() || length > all.size() - offset)
    return registry_failure("BLOB_UNKNOWN", "range outside the blob", 416);
  auto bytes = std::make_shared<std::string>(all.substr(offset, length));
  return http::BodyStream{bytes->size(), [bytes]() -> http::BodyReader {
                            auto pos = std::make_shared<std::size_t>(0);
                            return [bytes, pos](char* buf, std::size_t max) -> std::int64_t {
                              std::size_t n = std::min(max, bytes->size() - *pos);
                              std::memcpy(buf, bytes->data() + *pos, n);
                              *pos += n;
                              return static_cast<std::int64_t>(n);
                            };
                          }};
}

core::Result<bool> MemoryRegistryStorage::mount_blob(const std::string& tenant, const std::string& repo,
                                                     const std::string& from, const Digest& digest) {
  std::lock_guard lock(mutex_);
  auto source = repos_.find(key(tenant, from));
  if (source == repos_.end() || !source->second.blobs.contains(digest.str())) return false;
  repos_[key(tenant, repo)].blobs.insert(digest.str());
  return true;
}

core::Result<void> MemoryRegistryStorage::delete_blob(const std::string& tenant, const std::string& repo,
                                                      const Digest& digest) {
  std::lock_guard lock(mutex_);
  auto r = repos_.find(key(tenant, repo));
  if (r == repos_.end() || r->second.blobs.erase(digest.str()) == 0)
    return registry_failure("BLOB_UNKNOWN", "blob unknown to registry", 404);
  return core::ok();
}

core::Result<std::string> MemoryRegistryStorage::start_upload(const std::string& tenant, const std::string& repo) {
  std::lock_guard lock(mutex_);
  std::string id = "upload-" + std::to_string(++next_id_);
  uploads_[id] = Upload{key(tenant, repo), {}};
  return id;
}

core::Result<std::uint64_t> MemoryRegistryStorage::upload_size(const std::string& tenant, const std::string& repo,
                                                               const std::string& id) {
  std::lock_guard lock(mutex_);
  auto up = uploads_.find(id);
  if (up == uploads_.end() || up->second.key != key(tenant, repo)) return upload_unknown();
  return up->second.data.size();
}

core::Result<std::uint64_t> MemoryRegistryStorage::append_upload(const std::string& tenant, const std::string& repo,
                                                                 const std::string& id, http::RequestBody& body,
                                                                 std::uint64_t max) {
  if (auto size = upload_size(tenant, repo, id); !size) return size.failure();
  auto bytes = body.read_all(std::min(max, max_upload_));
  if (!bytes) {
    if (bytes.error().http_status == 413) return registry_failure("SIZE_INVALID", "blob too large", 413);
    return registry_failure("BLOB_UPLOAD_INVALID", "blob upload invalid: incomplete body", 400);
  }
  std::lock_guard lock(mutex_);
  auto up = uploads_.find(id);
  if (up == uploads_.end()) return upload_unknown();
  if (up->second.data.size() + bytes->size() > max_upload_)
    return registry_failure("SIZE_INVALID", "blob too large", 413);
  up->second.data += *bytes;
  return up->second.data.size();
}

core::Result<std::uint64_t> MemoryRegistryStorage::finish_upload(const std::string& tenant, const std::string& repo,
                                                                 const std::string& id, const Digest& digest) {
  std::lock_guard lock(mutex_);
  auto up = uploads_.find(id);
  if (up == uploads_.end() || up->second.key != key(tenant, repo)) return upload_unknown();
  std::string data = std::move(up->second.data);
  uploads_.erase(up);
  if (!digest.matches(data))
    return registry_failure("DIGEST_INVALID", "provided digest did not match uploaded content", 400);
  const std::uint64_t size = data.size();
  blobs_[digest.str()] = std::move(data);
  repos_[key(tenant, repo)].blobs.insert(digest.str());
  return size;
}

core::Result<void> MemoryRegistryStorage::cancel_upload(const std::string& tenant, const std::string& repo,
                                                        const std::string& id) {
  std::lock_guard lock(mutex_);
  auto up = uploads_.find(id);
  if (up == uploads_.end() || up->second.key != key(tenant, repo)) return upload_unknown();
  uploads_.erase(up);
  return core::ok();
}

core::Result<std::optional<StoredManifest>> MemoryRegistryStorage::get_manifest(const std::string& tenant,
                                                                                const std::string& repo,
                                                                                const std::string& reference) {
  std::lock_guard lock(mutex_);
  auto r = repos_.find(key(tenant, repo));
  if (r == repos_.end()) return std::optional<StoredManifest>{};
  std::string digest = reference;
  if (auto t = r->second.tags.find(reference); t != r->second.tags.end()) digest = t->second;
  auto m = r->second.manifests.find(digest);
  if (m == r->second.manifests.end()) return std::optional<StoredManifest>{};
  return std::optional<StoredManifest>{m->second};
}

core::Result<void> MemoryRegistryStorage::put_manifest(const std::string& tenant, const std::string& repo,
                                                       const StoredManifest& manifest, const std::string& tag,
                                                       const ManifestFacts&) {
  std::lock_guard lock(mutex_);
  auto& r = repos_[key(tenant, repo)];
  r.manifests[manifest.digest.str()] = manifest;
  if (!tag.empty()) r.tags[tag] = manifest.digest.str();
  return core::ok();
}

core::Result<void> MemoryRegistryStorage::delete_manifest(const std::string& tenant, const std::string& repo,
                                                          const std::string& reference) {
  std::lock_guard lock(mutex_);
  auto r = repos_.find(key(tenant, repo));
  auto unknown = [] { return registry_failure("MANIFEST_UNKNOWN", "manifest unknown", 404); };
  if (r == repos_.end()) return unknown();
  if (r->second.tags.erase(reference) > 0) return core::ok();
  if (r->second.manifests.erase(reference) == 0) return unknown();
  std::erase_if(r->second.tags, [&](const auto& t) { return t.second == reference; });
  return core::ok();
}

core::Result<std::vector<std::string>> MemoryRegistryStorage::list_tags(const std::string& tenant,
                                                                        const std::string& repo) {
  std::lock_guard lock(mutex_);
  std::vector<std::string> out;
  auto r = repos_.find(key(tenant, repo));
  if (r == repos_.end()) return registry_failure("NAME_UNKNOWN", "repository name not known to registry", 404);
  for (const auto& [tag, digest] : r->second.tags) out.push_back(tag);
  return out;
}

std::string MemoryRegistryStorage::put_blob(const std::string& repo, const std::string& bytes) {
  std::lock_guard lock(mutex_);
  auto d = Digest::of(bytes).str();
  blobs_[d] = bytes;
  repos_[key("", repo)].blobs.insert(d);
  return d;
}

bool MemoryRegistryStorage::has_blob(const std::string& repo, const std::string& digest) const {
  std::lock_guard lock(mutex_);
  auto r = repos_.find(key("", repo));
  return r != repos_.end() && r->second.blobs.contains(digest);
}

std::optional<std::string> MemoryRegistryStorage::manifest(const std::string& repo,
                                                           const std::string& reference) const {
  std::lock_guard lock(mutex_);
  auto r = repos_.find(key("", repo));
  if (r == repos_.end()) return std::nullopt;
  std::string digest = reference;
  if (auto t = r->second.tags.find(reference); t != r->second.tags.end()) digest = t->second;
  auto m = r->second.manifests.find(digest);
  if (m == r->second.manifests.end()) return std::nullopt;
  return m->second.bytes;
}

std::size_t MemoryRegistryStorage::manifest_count() const {
  std::lock_guard lock(mutex_);
  std::size_t n = 0;
  for (const auto& [k, r] : repos_) n += r.manifests.size() + r.tags.size();
  return n;
}

void MemoryRegistryStorage::drop_uploads() {
  std::lock_guard lock(mutex_);
  uploads_.clear();
}

}  // namespace hoplite::oci
