#pragma once
/// \file
/// A RegistryStorage in memory: repositories appear with their first push, nothing survives
/// the process. The tests' registry fake (tests/fakes/memory_registry.hpp) serves it; anything
/// that needs a throw-away registry in process can too. Thread-safe.

#include <map>
#include <mutex>
#include <set>

#include "hoplite/oci/registry_server.hpp"

namespace hoplite::oci {

/// A RegistryStorage in memory, for tests and in-process registries; nothing is persisted.
class MemoryRegistryStorage final : public RegistryStorage {
 public:
  /// Largest upload kept in memory. Default 1 GiB.
  explicit MemoryRegistryStorage(std::uint64_t max_upload_bytes = 1ull << 30) : max_upload_(max_upload_bytes) {}

  core::Result<void> check_repository(const std::string& tenant, const std::string& repo) override;
  core::Result<std::optional<std::uint64_t>> blob_size(const std::string& tenant, const std::string& repo,
                                                       const Digest& digest) override;
  core::Result<http::BodyStream> read_blob(const std::string& tenant, const std::string& repo, const Digest& digest,
                                           std::uint64_t offset, std::uint64_t length) override;
  core::Result<bool> mount_blob(const std::string& tenant, const std::string& repo, const std::string& from,
                                const Digest& digest) override;
  core::Result<void> delete_blob(const std::string& tenant, const std::string& repo, const Digest& digest) override;
  core::Result<std::string> start_upload(const std::string& tenant, const std::string& repo) override;
  core::Result<std::uint64_t> upload_size(const std::string& tenant, const std::string& repo,
                                          const std::string& id) override;
  core::Result<std::uint64_t> append_upload(const std::string& tenant, const std::string& repo, const std::string& id,
                                            http::RequestBody& body, std::uint64_t max) override;
  core::Result<std::uint64_t> finish_upload(const std::string& tenant, const std::string& repo, const std::string& id,
                                            const Digest& digest) override;
  core::Result<void> cancel_upload(const std::string& tenant, const std::string& repo, const std::string& id) override;
  core::Result<std::optional<StoredManifest>> get_manifest(const std::string& tenant, const std::string& repo,
                                                           const std::string& reference) override;
  core::Result<void> put_manifest(const std::string& tenant, const std::string& repo, const StoredManifest& manifest,
                                  const std::string& tag, const ManifestFacts& facts) override;
  core::Result<void> delete_manifest(const std::string& tenant, const std::string& repo,
                                     const std::string& reference) override;
  core::Result<std::vector<std::string>> list_tags(const std::string& tenant, const std::string& repo) override;

  // ---- for tests ----
  /// Puts a blob into `repo` directly (as if pushed earlier); returns its digest.
  std::string put_blob(const std::string& repo, const std::string& bytes);
  /// True when `repo` holds the blob `digest`.
  [[nodiscard]] bool has_blob(const std::string& repo, const std::string& digest) const;
  /// The manifest bytes a tag or digest names in `repo`.
  [[nodiscard]] std::optional<std::string> manifest(const std::string& repo, const std::string& reference) const;
  /// Manifests plus tags, over every repository (0: nothing was ever pushed).
  [[nodiscard]] std::size_t manifest_count() const;
  /// Forgets every unfinished upload (a registry that lost its sessions).
  void drop_uploads();

 private:
  struct Upload {
    std::string key;  ///< tenant and repository
    std::string data;
  };
  struct Repository {
    std::set<std::string> blobs;                      ///< digests
    std::map<std::string, StoredManifest> manifests;  ///< digest → manifest
    std::map<std::string, std::string> tags;          ///< tag → digest
  };
  static std::string key(const std::string& tenant, const std::string& repo) { return tenant + "\n" + repo; }

  std::uint64_t max_upload_;
  mutable std::mutex mutex_;
  std::map<std::string, std::string> blobs_;  ///< digest → bytes
  std::map<std::string, Repository> repos_;
  std::map<std::string, Upload> uploads_;
  int next_id_ = 0;
};

}  // namespace hoplite::oci
