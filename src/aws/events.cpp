#include "hoplite/aws/events.hpp"

#include "aws/protocol/json_call.hpp"
#include "hoplite/aws/events_wire.hpp"

namespace hoplite::aws::events {
namespace {

/// Encodes `request`, calls `operation`, decodes the answer with `decode`.
template <typename Request, typename Decode>
auto events_call(Caller& caller, std::string_view operation, const Request& request, Decode decode)
    -> decltype(decode(nlohmann::json{})) {
  auto out = detail::json_call(caller, operation, wire::encode_request(request));
  if (!out) return out.failure();
  return decode(*out);
}

template <typename Request>
core::Result<void> events_call_void(Caller& caller, std::string_view operation, const Request& request) {
  auto out = detail::json_call(caller, operation, wire::encode_request(request));
  if (!out) return out.failure();
  return core::ok();
}

}  // namespace

ServiceInfo service_info() {
  return {.name = "events",
          .endpoint_id = "events",
          .signing_name = "events",
          .protocol = Protocol::json_1_1,
          .target_prefix = "AWSEvents"};
}

Client::Client(const ClientConfig& config) : caller_(service_info(), config) {}

core::Result<PutRuleResponse> Client::put_rule(const PutRuleRequest& r) {
  return events_call(caller_, "PutRule", r, wire::decode_put_rule_response);
}

core::Result<Rule> Client::describe_rule(const RuleRequest& r) {
  return events_call(caller_, "DescribeRule", r, wire::decode_rule_response);
}

core::Result<ListRulesResponse> Client::list_rules(const ListRulesRequest& r) {
  return events_call(caller_, "ListRules", r, wire::decode_list_rules_response);
}

core::Result<void> Client::delete_rule(const DeleteRuleRequest& r) {
  return events_call_void(caller_, "DeleteRule", r);
}

core::Result<void> Client::enable_rule(const RuleRequest& r) { return events_call_void(caller_, "EnableRule", r); }

core::Result<void> Client::disable_rule(const RuleRequest& r) { return events_call_void(caller_, "DisableRule", r); }

core::Result<TargetsResult> Client::put_targets(const PutTargetsRequest& r) {
  return events_call(caller_, "PutTargets", r, wire::decode_targets_result);
}

core::Result<TargetsResult> Client::remove_targets(const RemoveTargetsRequest& r) {
  return events_call(caller_, "RemoveTargets", r, wire::decode_targets_result);
}

core::Result<ListTargetsByRuleResponse> Client::list_targets_by_rule(const ListTargetsByRuleRequest& r) {
  return events_call(caller_, "ListTargetsByRule", r, wire::decode_list_targets_by_rule_response);
}

}  // namespace hoplite::aws::events
