#include "hoplite/aws/events_wire.hpp"

#include <array>
#include <string_view>

#include "hoplite/aws/json_reader.hpp"

namespace hoplite::aws::events::wire {
namespace {

using nlohmann::json;

constexpr std::string_view kResponseError = "aws.json";

/// The Target members that are typed; every other member travels in `Target::other`.
constexpr std::array<std::string_view, 5> kTypedTargetMembers = {"Id", "Arn", "RoleArn", "Input", "InputPath"};

json tags_json(const std::vector<Tag>& tags) {
  json out = json::array();
  for (const auto& t : tags) out.push_back({{"Key", t.key}, {"Value", t.value}});
  return out;
}

void read_tag(JsonReader& r, Tag& t) {
  r.get("Key", t.key);
  r.get("Value", t.value);
}

json rule_json(const Rule& rule) {
  json j{{"Name", rule.name}, {"Arn", rule.arn}};
  put_if(j, "EventPattern", rule.event_pattern);
  put_if(j, "ScheduleExpression", rule.schedule_expression);
  j["State"] = rule.state;
  put_if(j, "Description", rule.description);
  put_if(j, "RoleArn", rule.role_arn);
  j["EventBusName"] = rule.event_bus_name;
  put_if(j, "CreatedBy", rule.created_by);
  return j;
}

void read_rule(JsonReader& r, Rule& rule) {
  r.get("Name", rule.name);
  r.get("Arn", rule.arn);
  r.get("EventPattern", rule.event_pattern);
  r.get("ScheduleExpression", rule.schedule_expression);
  r.get("State", rule.state);
  r.get("Description", rule.description);
  r.get("RoleArn", rule.role_arn);
  r.get("EventBusName", rule.event_bus_name);
  r.get("CreatedBy", rule.created_by);
}

json target_json(const Target& t) {
  json j = t.other.is_object() ? t.other : json::object();
  j["Id"] = t.id;
  j["Arn"] = t.arn;
  put_if(j, "RoleArn", t.role_arn);
  put_if(j, "Input", t.input);
  put_if(j, "InputPath", t.input_path);
  return j;
}

void read_target(JsonReader& r, Target& t) {
  r.get("Id", t.id);
  r.get("Arn", t.arn);
  r.get("RoleArn", t.role_arn);
  r.get("Input", t.input);
  r.get("InputPath", t.input_path);
}

/// Reads `key`'s targets: the typed members through the reader, the rest copied as written.
void read_targets(JsonReader& r, const json& body, std::string_view key, std::vector<Target>& out) {
  r.list(key, out, read_target);
  if (r.failed() || !body.is_object()) return;
  auto it = body.find(key);
  if (it == body.end() || !it->is_array() || it->size() != out.size()) return;
  for (std::size_t i = 0; i < out.size(); ++i) {
    const json& element = (*it)[i];
    if (!element.is_object()) continue;
    for (const auto& [member, value] : element.items()) {
      bool typed = false;
      for (auto m : kTypedTargetMembers) typed = typed || member == m;
      if (!typed && !value.is_null()) out[i].other[member] = value;
    }
  }
}

json targets_json(const std::vector<Target>& targets) {
  json out = json::array();
  for (const auto& t : targets) out.push_back(target_json(t));
  return out;
}

}  // namespace

// ---- PutRule ----

json encode_request(const PutRuleRequest& r) {
  json j{{"Name", r.name}};
  put_if(j, "ScheduleExpression", r.schedule_expression);
  put_if(j, "EventPattern", r.event_pattern);
  put_if(j, "State", r.state);
  put_if(j, "Description", r.description);
  put_if(j, "RoleArn", r.role_arn);
  if (!r.tags.empty()) j["Tags"] = tags_json(r.tags);
  put_if(j, "EventBusName", r.event_bus_name);
  return j;
}

core::Result<PutRuleRequest> decode_put_rule_request(const json& body) {
  JsonReader r(body);
  PutRuleRequest out;
  r.get("Name", out.name);
  r.get("ScheduleExpression", out.schedule_expression);
  r.get("EventPattern", out.event_pattern);
  r.get("State", out.state);
  r.get("Description", out.description);
  r.get("RoleArn", out.role_arn);
  r.list("Tags", out.tags, read_tag);
  r.get("EventBusName", out.event_bus_name);
  return r.finish(std::move(out));
}

json encode_response(const PutRuleResponse& r) { return {{"RuleArn", r.rule_arn}}; }

core::Result<PutRuleResponse> decode_put_rule_response(const json& body) {
  JsonReader r(body, kResponseError);
  PutRuleResponse out;
  r.get("RuleArn", out.rule_arn);
  return r.finish(std::move(out));
}

// ---- DescribeRule, EnableRule, DisableRule ----

json encode_request(const RuleRequest& r) {
  json j{{"Name", r.name}};
  put_if(j, "EventBusName", r.event_bus_name);
  return j;
}

core::Result<RuleRequest> decode_rule_request(const json& body) {
  JsonReader r(body);
  RuleRequest out;
  r.get("Name", out.name);
  r.get("EventBusName", out.event_bus_name);
  return r.finish(std::move(out));
}

json encode_response(const Rule& rule) { return rule_json(rule); }

core::Result<Rule> decode_rule_response(const json& body) {
  JsonReader r(body, kResponseError);
  Rule out;
  read_rule(r, out);
  return r.finish(std::move(out));
}

// ---- DeleteRule ----

json encode_request(const DeleteRuleRequest& r) {
  json j{{"Name", r.name}};
  put_if(j, "EventBusName", r.event_bus_name);
  put_if(j, "Force", r.force);
  return j;
}

core::Result<DeleteRuleRequest> decode_delete_rule_request(const json& body) {
  JsonReader r(body);
  DeleteRuleRequest out;
  r.get("Name", out.name);
  r.get("EventBusName", out.event_bus_name);
  r.get("Force", out.force);
  return r.finish(std::move(out));
}

// ---- ListRules ----

json encode_request(const ListRulesRequest& r) {
  json j = json::object();
  put_if(j, "NamePrefix", r.name_prefix);
  put_if(j, "EventBusName", r.event_bus_name);
  put_if(j, "NextToken", r.next_token);
  put_if(j, "Limit", r.limit);
  return j;
}

core::Result<ListRulesRequest> decode_list_rules_request(const json& body) {
  JsonReader r(body);
  ListRulesRequest out;
  r.get("NamePrefix", out.name_prefix);
  r.get("EventBusName", out.event_bus_name);
  r.get("NextToken", out.next_token);
  r.get("Limit", out.limit);
  return r.finish(std::move(out));
}

json encode_response(const ListRulesResponse& r) {
  json rules = json::array();
  for (const auto& rule : r.rules) rules.push_back(rule_json(rule));
  json j{{"Rules", std::move(rules)}};
  put_if(j, "NextToken", r.next_token);
  return j;
}

core::Result<ListRulesResponse> decode_list_rules_response(const json& body) {
  JsonReader r(body, kResponseError);
  ListRulesResponse out;
  r.list("Rules", out.rules, read_rule);
  r.get("NextToken", out.next_token);
  return r.finish(std::move(out));
}

// ---- PutTargets, RemoveTargets ----

json encode_request(const PutTargetsRequest& r) {
  json j{{"Rule", r.rule}};
  put_if(j, "EventBusName", r.event_bus_name);
  j["Targets"] = targets_json(r.targets);
  return j;
}

core::Result<PutTargetsRequest> decode_put_targets_request(const json& body) {
  JsonReader r(body);
  PutTargetsRequest out;
  r.get("Rule", out.rule);
  r.get("EventBusName", out.event_bus_name);
  read_targets(r, body, "Targets", out.targets);
  return r.finish(std::move(out));
}

json encode_response(const TargetsResult& r) {
  json failed = json::array();
  for (const auto& f : r.failed_entries)
    failed.push_back({{"TargetId", f.target_id}, {"ErrorCode", f.error_code}, {"ErrorMessage", f.error_message}});
  return {{"FailedEntryCount", r.failed_entry_count}, {"FailedEntries", std::move(failed)}};
}

core::Result<TargetsResult> decode_targets_result(const json& body) {
  JsonReader r(body, kResponseError);
  TargetsResult out;
  r.get("FailedEntryCount", out.failed_entry_count);
  r.list("FailedEntries", out.failed_entries, [](JsonReader& e, FailedEntry& f) {
    e.get("TargetId", f.target_id);
    e.get("ErrorCode", f.error_code);
    e.get("ErrorMessage", f.error_message);
  });
  return r.finish(std::move(out));
}

json encode_request(const RemoveTargetsRequest& r) {
  json j{{"Rule", r.rule}};
  put_if(j, "EventBusName", r.event_bus_name);
  j["Ids"] = r.ids;
  put_if(j, "Force", r.force);
  return j;
}

core::Result<RemoveTargetsRequest> decode_remove_targets_request(const json& body) {
  JsonReader r(body);
  RemoveTargetsRequest out;
  r.get("Rule", out.rule);
  r.get("EventBusName", out.event_bus_name);
  r.get("Ids", out.ids);
  r.get("Force", out.force);
  return r.finish(std::move(out));
}

// ---- ListTargetsByRule ----

json encode_request(const ListTargetsByRuleRequest& r) {
  json j{{"Rule", r.rule}};
  put_if(j, "EventBusName", r.event_bus_name);
  put_if(j, "NextToken", r.next_token);
  put_if(j, "Limit", r.limit);
  return j;
}

core::Result<ListTargetsByRuleRequest> decode_list_targets_by_rule_request(const json& body) {
  JsonReader r(body);
  ListTargetsByRuleRequest out;
  r.get("Rule", out.rule);
  r.get("EventBusName", out.event_bus_name);
  r.get("NextToken", out.next_token);
  r.get("Limit", out.limit);
  return r.finish(std::move(out));
}

json encode_response(const ListTargetsByRuleResponse& r) {
  json j{{"Targets", targets_json(r.targets)}};
  put_if(j, "NextToken", r.next_token);
  return j;
}

core::Result<ListTargetsByRuleResponse> decode_list_targets_by_rule_response(const json& body) {
  JsonReader r(body, kResponseError);
  ListTargetsByRuleResponse out;
  read_targets(r, body, "Targets", out.targets);
  r.get("NextToken", out.next_token);
  return r.finish(std::move(out));
}

}  // namespace hoplite::aws::events::wire
