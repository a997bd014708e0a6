#pragma once
/// \file
/// EventBridge rules and targets on the wire, both directions (see docs/local.md, "Wire shapes"):
/// the client encodes requests and decodes responses, the local cloud decodes requests and
/// encodes responses, with the same functions. JSON 1.1: a shape is the request or response body.
///
/// Decoders check types only (a `Name` that is not a string is a `SerializationException`); the
/// service checks constraints. Response decoders fail with `aws.json`.

#include <nlohmann/json.hpp>

#include "hoplite/aws/events.hpp"
#include "hoplite/core/result.hpp"

namespace hoplite::aws::events::wire {

[[nodiscard]] nlohmann::json encode_request(const PutRuleRequest& request);
core::Result<PutRuleRequest> decode_put_rule_request(const nlohmann::json& body);
[[nodiscard]] nlohmann::json encode_response(const PutRuleResponse& response);
core::Result<PutRuleResponse> decode_put_rule_response(const nlohmann::json& body);

/// DescribeRule, EnableRule, DisableRule.
[[nodiscard]] nlohmann::json encode_request(const RuleRequest& request);
core::Result<RuleRequest> decode_rule_request(const nlohmann::json& body);
/// DescribeRule's answer.
[[nodiscard]] nlohmann::json encode_response(const Rule& response);
core::Result<Rule> decode_rule_response(const nlohmann::json& body);

[[nodiscard]] nlohmann::json encode_request(const DeleteRuleRequest& request);
core::Result<DeleteRuleRequest> decode_delete_rule_request(const nlohmann::json& body);

[[nodiscard]] nlohmann::json encode_request(const ListRulesRequest& request);
core::Result<ListRulesRequest> decode_list_rules_request(const nlohmann::json& body);
[[nodiscard]] nlohmann::json encode_response(const ListRulesResponse& response);
core::Result<ListRulesResponse> decode_list_rules_response(const nlohmann::json& body);

[[nodiscard]] nlohmann::json encode_request(const PutTargetsRequest& request);
core::Result<PutTargetsRequest> decode_put_targets_request(const nlohmann::json& body);
/// PutTargets' and RemoveTargets' answer.
[[nodiscard]] nlohmann::json encode_response(const TargetsResult& response);
core::Result<TargetsResult> decode_targets_result(const nlohmann::json& body);

[[nodiscard]] nlohmann::json encode_request(const RemoveTargetsRequest& request);
core::Result<RemoveTargetsRequest> decode_remove_targets_request(const nlohmann::json& body);

[[nodiscard]] nlohmann::json encode_request(const ListTargetsByRuleRequest& request);
core::Result<ListTargetsByRuleRequest> decode_list_targets_by_rule_request(const nlohmann::json& body);
[[nodiscard]] nlohmann::json encode_response(const ListTargetsByRuleResponse& response);
core::Result<ListTargetsByRuleResponse> decode_list_targets_by_rule_response(const nlohmann::json& body);

}  // namespace hoplite::aws::events::wire
