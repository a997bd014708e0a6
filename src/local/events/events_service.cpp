// EventBridge's handler table: each operation decoded and encoded by the shared shapes
// (events_wire.hpp).
#include "local/events/events_service.hpp"
#include "local/inspect_names.hpp"

#include <stdexcept>

#include "hoplite/aws/events_wire.hpp"
#include "local/events/events_state.hpp"
#include "local/protocol/routes.hpp"
#include "local/store/database.hpp"

namespace hoplite::local::events {

EventsService::EventsService(ServiceContext& house)
    : spec_{.signing_name = "events", .protocol = Protocol::json_1_1, .target_prefix = "AWSEvents"},
      api_(spec_),
      house_(house) {
  if (auto m = house_.db.migrate("events", migrations()); !m)
    throw std::runtime_error("local events: " + m.error().to_string());
  add_routes();
}

void EventsService::add_routes() {
  namespace wire = aws::events::wire;
  auto encode = [](const auto& r) { return wire::encode_response(r); };
  api_.add("PutRule",
           json_route(
               wire::decode_put_rule_request, [this](auto& ctx, auto& r) { return put_rule(ctx, r); }, encode));
  api_.add("DescribeRule",
           json_route(
               wire::decode_rule_request, [this](auto& ctx, auto& r) { return describe_rule(ctx, r); }, encode));
  api_.add("ListRules",
           json_route(
               wire::decode_list_rules_request, [this](auto& ctx, auto& r) { return list_rules(ctx, r); }, encode));
  api_.add("DeleteRule",
           json_route(wire::decode_delete_rule_request, [this](auto& ctx, auto& r) { return delete_rule(ctx, r); }));
  api_.add("EnableRule",
           json_route(wire::decode_rule_request, [this](auto& ctx, auto& r) { return enable_rule(ctx, r); }));
  api_.add("DisableRule",
           json_route(wire::decode_rule_request, [this](auto& ctx, auto& r) { return disable_rule(ctx, r); }));
  api_.add("PutTargets",
           json_route(
               wire::decode_put_targets_request, [this](auto& ctx, auto& r) { return put_targets(ctx, r); }, encode));
  api_.add("RemoveTargets", json_route(
                                wire::decode_remove_targets_request,
                                [this](auto& ctx, auto& r) { return remove_targets(ctx, r); }, encode));
  api_.add("ListTargetsByRule", json_route(
                                    wire::decode_list_targets_by_rule_request,
                                    [this](auto& ctx, auto& r) { return list_targets_by_rule(ctx, r); }, encode));
}

nlohmann::json EventsService::inspect() {
  return inspect_names(house_.db, "SELECT account, region, name FROM events_rules ORDER BY account, region, name",
                       "rules");
}

}  // namespace hoplite::local::events
