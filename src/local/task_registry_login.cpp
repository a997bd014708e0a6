#include "local/task_registry_login.hpp"

#include <fmt/format.h>

#include "hoplite/core/base64.hpp"
#include "hoplite/oci/reference.hpp"
#include "local/ecr/ecr_service.hpp"
#include "local/ids.hpp"

namespace hoplite::local {

ecs::RegistryCredentials local_ecr_login(ecr::EcrService& ecr, ServiceContext& house) {
  return [&ecr, &house](const std::string& account, const std::string& region,
                        const std::string& image) -> std::optional<oci::Credentials> {
    auto ref = oci::Reference::parse(image);
    if (!ref) return std::nullopt;
    int port = house.port->load();
    if (port == 0) port = 4566;  // not bound yet (tests without a server): the default port
    if (ref->registry != fmt::format("127.0.0.1:{}", port) && ref->registry != fmt::format("localhost:{}", port))
      return std::nullopt;
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
