// SSM's handler table: each operation decoded and encoded by the shared shapes (ssm_wire.hpp).
#include "local/ssm/ssm_service.hpp"
#include "local/inspect_names.hpp"

#include <stdexcept>

#include "hoplite/aws/ssm_wire.hpp"
#include "local/protocol/routes.hpp"
#include "local/ssm/ssm_state.hpp"
#include "local/store/database.hpp"

namespace hoplite::local::ssm {

namespace wire = aws::ssm::wire;

SsmService::SsmService(ServiceContext& house)
    : spec_{.signing_name = "ssm", .protocol = Protocol::json_1_1, .target_prefix = "AmazonSSM"},
      api_(spec_),
      house_(house) {
  if (auto m = house_.db.migrate("ssm", migrations()); !m)
    throw std::runtime_error("local ssm: " + m.error().to_string());
  add_routes();
}

void SsmService::add_routes() {
  auto encode = [](const auto& r) { return wire::encode_response(r); };
  api_.add("PutParameter", json_route(
                               wire::decode_put_parameter_request,
                               [this](auto& ctx, auto& r) { return put_parameter(ctx, r); }, encode));
  api_.add("GetParameter", json_route(
                               wire::decode_get_parameter_request,
                               [this](auto& ctx, auto& r) { return get_parameter(ctx, r); }, encode));
  api_.add("GetParameters", json_route(
                                wire::decode_get_parameters_request,
                                [this](auto& ctx, auto& r) { return get_parameters(ctx, r); }, encode));
  api_.add("DeleteParameter", json_route(wire::decode_delete_parameter_request,
                                         [this](auto& ctx, auto& r) { return delete_parameter(ctx, r); }));
  api_.add("DeleteParameters", json_route(
                                   wire::decode_delete_parameters_request,
                                   [this](auto& ctx, auto& r) { return delete_parameters(ctx, r); }, encode));
  api_.add("DescribeParameters", json_route(
                                     wire::decode_describe_parameters_request,
                                     [this](auto& ctx, auto& r) { return describe_parameters(ctx, r); }, encode));
  api_.add("GetParametersByPath", json_route(
                                      wire::decode_get_parameters_by_path_request,
                                      [this](auto& ctx, auto& r) { return get_parameters_by_path(ctx, r); }, encode));
  api_.add("GetParameterHistory", json_route(
                                      wire::decode_get_parameter_history_request,
                                      [this](auto& ctx, auto& r) { return get_parameter_history(ctx, r); }, encode));
  api_.add("AddTagsToResource", json_route(wire::decode_add_tags_to_resource_request,
                                           [this](auto& ctx, auto& r) { return add_tags_to_resource(ctx, r); }));
  api_.add("RemoveTagsFromResource",
           json_route(wire::decode_remove_tags_from_resource_request,
                      [this](auto& ctx, auto& r) { return remove_tags_from_resource(ctx, r); }));
  api_.add("ListTagsForResource", json_route(
                                      wire::decode_list_tags_for_resource_request,
                                      [this](auto& ctx, auto& r) { return list_tags_for_resource(ctx, r); }, encode));
}

nlohmann::json SsmService::inspect() {
  return inspect_names(house_.db, "SELECT account, region, name FROM ssm_parameters ORDER BY account, region, name",
                       "parameters");
}

}  // namespace hoplite::local::ssm
