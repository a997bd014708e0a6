#include "local/task_registry_login.hpp"

#include <fmt/format.h>

#include "hoplite/core/base64.hpp"
#include "hoplite/oci/reference.hpp"
#include "local/ecr/ecr_registry.hpp"
#include "local/ecr/ecr_service.hpp"
#include "local/ids.hpp"

namespace hoplite::local {
namespace {

/// Whether `registry` names this local cloud's server.
bool is_local_registry(const std::string& registry, ServiceContext& house) {
  int port = house.port->load();
  if (port == 0) port = 4566;  // not bound yet (tests without a server): the default port
  return registry == fmt::format("127.0.0.1:{}", port) || registry == fmt::format("localhost:{}", port);
}

class EcrImageStore final : public ecs::ImageStore {
 public:
  EcrImageStore(ecr::EcrRegistryStorage& storage, std::string tenant) : storage_(storage), tenant_(std::move(tenant)) {}
  core::Result<std::optional<oci::StoredManifest>> manifest(const std::string& repository,
                                                            const std::string& reference) override {
    return storage_.get_manifest(tenant_, repository, reference);
  }
  core::Result<std::optional<std::filesystem::path>> blob_file(const std::string& repository,
                                                               const oci::Digest& digest) override {
    return storage_.blob_file(tenant_, repository, digest);
  }

 private:
  ecr::EcrRegistryStorage& storage_;
  std::string tenant_;
};

}  // namespace

ecs::LocalImages local_ecr_images(ecr::EcrService& ecr, ServiceContext& house) {
  return [&ecr, &house](const std::string& account, const std::string& region,
                        const std::string& image) -> std::unique_ptr<ecs::ImageStore> {
    auto ref = oci::Reference::parse(image);
    if (!ref || !is_local_registry(ref->registry, house)) return nullptr;
    return std::make_unique<EcrImageStore>(ecr.registry_storage(), ecr::registry_tenant(account, region));
  };
}

ecs::RegistryCredentials local_ecr_login(ecr::EcrService& ecr, ServiceContext& house) {
  return [&ecr, &house](const std::string& account, const std::string& region,
                        const std::string& image) -> std::optional<oci::Credentials> {
    auto ref = oci::Reference::parse(image);
    if (!ref) return std::nullopt;
    if (!is_local_registry(ref->registry, house)) return std::nullopt;
    CallContext ctx{.request_id = request_id(),
                    .region = region,
                    .principal = auth::Principal{.account_id = account,
                                                 .arn = "arn:aws:iam::" + account + ":root",
                                                 .user_id = account,
                                                 .access_key_id = {},
                                                 .temporary = false},
                    .now = house.clock.now(),
                    .host = ref->registry};
    auto token = ecr.get_authorization_token(ctx, {});
    if (!token || token->authorization_data.empty()) return std::nullopt;
    auto decoded = core::base64_decode(token->authorization_data.front().authorization_token);
    if (!decoded) return std::nullopt;
    auto colon = decoded->find(':');
    if (colon == std::string::npos) return std::nullopt;
    return oci::Credentials{.username = decoded->substr(0, colon), .password = decoded->substr(colon + 1)};
  };
}

}  // namespace hoplite::local
