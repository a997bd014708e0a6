// ECR's handler table (each operation decoded and encoded by the shared shapes, ecr_wire.hpp) and
// the registry at /v2/.
#include "local/ecr/ecr_service.hpp"

#include <stdexcept>

#include "hoplite/aws/ecr_wire.hpp"
#include "local/ecr/ecr_state.hpp"
#include "local/protocol/routes.hpp"
#include "local/store/database.hpp"

namespace hoplite::local::ecr {

namespace wire = aws::ecr::wire;

EcrService::EcrService(ServiceContext& house)
    : spec_{.signing_name = "ecr",
            .protocol = Protocol::json_1_1,
            .target_prefix = "AmazonEC2ContainerRegistry_V20150921",
            .own_auth_prefix = "/v2/"},
      api_(spec_),
      house_(house),
      storage_(std::make_unique<EcrRegistryStorage>(house)) {
  if (auto m = house_.db.migrate("ecr", migrations()); !m)
    throw std::runtime_error("local ecr: " + m.error().to_string());
  oci::RegistryServerOptions options;
  options.authenticate = [this](const http::ServerRequest& r) { return storage_->authenticate(r); };
  // What ECR answers an anonymous request with; docker, podman and skopeo then send Basic.
  options.challenge = "Basic realm=\"https://ecr.localhost/\",service=\"ecr.amazonaws.com\"";
  registry_ = std::make_unique<oci::RegistryServer>(*storage_, std::move(options));
  add_routes();
}

EcrService::~EcrService() = default;

http::Response EcrService::handle(Call& call) {
  if (call.request.path().starts_with("/v2")) return registry_->handle(call.request, call.operation);
  return api_.handle(call);
}

void EcrService::add_routes() {
  auto encode = [](const auto& r) { return wire::encode_response(r); };
  api_.add("CreateRepository", json_route(
                                   wire::decode_create_repository_request,
                                   [this](auto& ctx, auto& r) { return create_repository(ctx, r); }, encode));
  api_.add("DescribeRepositories", json_route(
                                       wire::decode_describe_repositories_request,
                                       [this](auto& ctx, auto& r) { return describe_repositories(ctx, r); }, encode));
  api_.add("DeleteRepository", json_route(
                                   wire::decode_delete_repository_request,
                                   [this](auto& ctx, auto& r) { return delete_repository(ctx, r); }, encode));
  api_.add("GetAuthorizationToken",
           json_route(
               wire::decode_get_authorization_token_request,
               [this](auto& ctx, auto& r) { return get_authorization_token(ctx, r); }, encode));
  api_.add("PutImageTagMutability",
           json_route(
               wire::decode_put_image_tag_mutability_request,
               [this](auto& ctx, auto& r) { return put_image_tag_mutability(ctx, r); }, encode));
  api_.add("DescribeImages", json_route(
                                 wire::decode_describe_images_request,
                                 [this](auto& ctx, auto& r) { return describe_images(ctx, r); }, encode));
  api_.add("ListImages",
           json_route(
               wire::decode_list_images_request, [this](auto& ctx, auto& r) { return list_images(ctx, r); }, encode));
  api_.add("BatchGetImage", json_route(
                                wire::decode_batch_get_image_request,
                                [this](auto& ctx, auto& r) { return batch_get_image(ctx, r); }, encode));
  api_.add("BatchDeleteImage", json_route(
                                   wire::decode_batch_delete_image_request,
                                   [this](auto& ctx, auto& r) { return batch_delete_image(ctx, r); }, encode));
  api_.add("BatchCheckLayerAvailability",
           json_route(
               wire::decode_batch_check_layer_availability_request,
               [this](auto& ctx, auto& r) { return batch_check_layer_availability(ctx, r); }, encode));
}

nlohmann::json EcrService::inspect() {
  nlohmann::json out = nlohmann::json::object();
  auto rows = house_.db.transaction<std::vector<store::Row>>([](store::Tx& tx) {
    return tx.query(
        "SELECT r.account, r.region, r.name, (SELECT COUNT(*) FROM ecr_images i WHERE i.account = r.account AND "
        "i.region = r.region AND i.repo = r.name) FROM ecr_repositories r ORDER BY r.account, r.region, r.name LIMIT "
        "1000");
  });
  if (!rows) return out;
  for (const auto& r : *rows) out[r.text(0)]["repositories"][r.text(1)][r.text(2)] = {{"images", r.integer(3)}};
  return out;
}

}  // namespace hoplite::local::ecr
