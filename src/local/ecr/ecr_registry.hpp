#pragma once
/// \file The ECR registry's storage: the OCI distribution API's repositories are ECR repositories
/// (they must exist: a push into a missing one is NAME_UNKNOWN, as ECR answers), their blobs
/// content-addressed files (the house's BlobStore) linked per repository in SQLite, their
/// manifests and tags rows that DescribeImages and BatchGetImage read. An IMMUTABLE repository
/// refuses to move a tag (TAG_INVALID, ECR's answer). Uploads in progress live in memory: a
/// restart forgets them and clients start over, as with any registry.
///
/// Tenants are `<account>/<region>` (registry_tenant), decided by the ECR token a request carries.

#include <map>
#include <memory>
#include <mutex>

#include "hoplite/core/clock.hpp"
#include "hoplite/oci/registry_server.hpp"
#include "local/service.hpp"
#include "local/store/blob_store.hpp"

namespace hoplite::local::ecr {

/// Most uploads open at once over all clients (each holds a file descriptor).
inline constexpr std::size_t kMaxOpenUploads = 256;

[[nodiscard]] std::string registry_tenant(std::string_view account, std::string_view region);

class EcrRegistryStorage final : public oci::RegistryStorage {
 public:
  explicit EcrRegistryStorage(ServiceContext& house) : house_(house) {}

  /// Checks `Authorization: Basic base64(AWS:<password>)` against the tokens GetAuthorizationToken
  /// issued; returns the tenant. Errors (answered 401): DENIED with ECR's messages.
  core::Result<std::string> authenticate(const http::ServerRequest& request);

  core::Result<void> check_repository(const std::string& tenant, const std::string& repo) override;
  core::Result<std::optional<std::uint64_t>> blob_size(const std::string& tenant, const std::string& repo,
                                                       const oci::Digest& digest) override;
  core::Result<http::BodyStream> read_blob(const std::string& tenant, const std::string& repo,
                                           const oci::Digest& digest, std::uint64_t offset,
                                           std::uint64_t length) override;
  core::Result<bool> mount_blob(const std::string& tenant, const std::string& repo, const std::string& from,
                                const oci::Digest& digest) override;
  core::Result<void> delete_blob(const std::string& tenant, const std::string& repo,
                                 const oci::Digest& digest) override;
  core::Result<std::string> start_upload(const std::string& tenant, const std::string& repo) override;
  core::Result<std::uint64_t> upload_size(const std::string& tenant, const std::string& repo,
                                          const std::string& id) override;
  core::Result<std::uint64_t> append_upload(const std::string& tenant, const std::string& repo, const std::string& id,
                                            http::RequestBody& body, std::uint64_t max) override;
  core::Result<std::uint64_t> finish_upload(const std::string& tenant, const std::string& repo, const std::string& id,
                                            const oci::Digest& digest) override;
  core::Result<void> cancel_upload(const std::string& tenant, const std::string& repo, const std::string& id) override;
  core::Result<std::optional<oci::StoredManifest>> get_manifest(const std::string& tenant, const std::string& repo,
                                                                const std::string& reference) override;
  core::Result<void> put_manifest(const std::string& tenant, const std::string& repo,
                                  const oci::StoredManifest& manifest, const std::string& tag,
                                  const oci::ManifestFacts& facts) override;
  core::Result<void> delete_manifest(const std::string& tenant, const std::string& repo,
                                     const std::string& reference) override;
  core::Result<std::vector<std::string>> list_tags(const std::string& tenant, const std::string& repo) override;

  /// The blob file of `digest` when `repo` of `tenant` has that blob (read_blob's check), else
  /// nullopt: for in-process readers that map it instead of streaming it.
  core::Result<std::optional<std::filesystem::path>> blob_file(const std::string& tenant, const std::string& repo,
                                                               const oci::Digest& digest);

 private:
  struct Upload {
    std::string tenant;
    std::string repo;
    std::optional<store::BlobStore::Writer> writer;  ///< empty while a request appends to it
  };
  /// Takes the upload's writer out for one request (BLOB_UPLOAD_UNKNOWN / BLOB_UPLOAD_INVALID).
  core::Result<store::BlobStore::Writer> take(const std::string& tenant, const std::string& repo,
                                              const std::string& id);
  void give_back(const std::string& id, store::BlobStore::Writer writer);

  ServiceContext& house_;
  std::mutex mutex_;
  std::map<std::string, Upload> uploads_;
};

}  // namespace hoplite::local::ecr
