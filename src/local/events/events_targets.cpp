// EventBridge target operations: add or replace, remove, list (paged). Targets are stored with
// their rule; nothing is ever delivered to them.
#include "local/events/events_names.hpp"
#include "local/events/events_service.hpp"
#include "local/events/events_state.hpp"
#include "local/paging.hpp"
#include "local/store/database.hpp"
#include "local/validation.hpp"

namespace hoplite::local::events {
namespace {

constexpr std::string_view kTargetIdPattern = "[\\.\\-_A-Za-z0-9]+";
constexpr std::string_view kListTargets = "events.ListTargetsByRule";
constexpr std::size_t kMaxTargetPage = 100;
constexpr std::size_t kMaxRemoveIds = 100;

void check_rule_member(Violations& v, const std::string& rule, const std::optional<std::string>& bus) {
  v.length("rule", rule, 1, 64);
  if (!rule.empty()) v.pattern("rule", rule, is_rule_name(rule), kTargetIdPattern);
  v.length("eventBusName", bus, 1, 1600);
}

void check_target_id(Violations& v, const std::string& member, const std::string& id) {
  v.length(member, id, 1, 64);
  if (!id.empty()) v.pattern(member, id, is_rule_name(id), kTargetIdPattern);
}

core::Result<void> check_put_targets(const aws::events::PutTargetsRequest& r) {
  Violations v;
  check_rule_member(v, r.rule, r.event_bus_name);
  if (r.targets.empty() || r.targets.size() > kMaxTargetsPerRequest)
    v.add("targets", std::nullopt,
          r.targets.empty() ? "Member must have length greater than or equal to 1"
                            : "Member must have length less than or equal to 10");
  for (std::size_t i = 0; i < r.targets.size() && i < kMaxTargetsPerRequest; ++i) {
    const auto& t = r.targets[i];
    std::string member = "targets." + std::to_string(i + 1) + ".member.";
    check_target_id(v, member + "id", t.id);
    v.length(member + "arn", t.arn, 1, 1600);
    v.length(member + "roleArn", t.role_arn, 1, 1600);
    v.length(member + "input", t.input, 0, 8192);
    v.length(member + "inputPath", t.input_path, 0, 256);
  }
  if (auto ok = v.finish(); !ok) return ok;
  for (const auto& t : r.targets)
    if (!t.arn.starts_with("arn:")) return validation("Parameter " + t.arn.substr(0, 1600) + " is not valid.");
  return core::ok();
}

}  // namespace

core::Result<aws::events::TargetsResult> EventsService::put_targets(const CallContext& ctx,
                                                                    const aws::events::PutTargetsRequest& r) {
  if (auto ok = check_put_targets(r); !ok) return ok.failure();
  auto bus = event_bus(ctx, r.event_bus_name);
  if (!bus) return bus.failure();
  return house_.db.transaction<aws::events::TargetsResult>(
      [&](store::Tx& tx) -> core::Result<aws::events::TargetsResult> {
        RuleTable table(tx, ctx.principal.account_id, ctx.region, *bus);
        auto rule = table.find(r.rule);
        if (!rule) return rule.failure();
        if (!*rule) return rule_not_found(r.rule, *bus);
        auto count = table.target_count(r.rule);
        if (!count) return count.failure();
        // The limit counts the rule's targets after the call: an id already there is replaced.
        std::int64_t after = *count;
        for (std::size_t i = 0; i < r.targets.size(); ++i) {
          bool repeated = false;
          for (std::size_t j = 0; j < i; ++j) repeated = repeated || r.targets[j].id == r.targets[i].id;
          if (repeated) continue;
          auto present = table.has_target(r.rule, r.targets[i].id);
          if (!present) return present.failure();
          if (!*present) ++after;
        }
        if (after > kMaxTargetsPerRule)
          return aws_error("LimitExceededException", "The requested resource exceeds the maximum number allowed.");
        for (const auto& t : r.targets)
          if (auto w = table.put_target(r.rule, t); !w) return w.failure();
        return aws::events::TargetsResult{};
      });
}

core::Result<aws::events::TargetsResult> EventsService::remove_targets(const CallContext& ctx,
                                                                       const aws::events::RemoveTargetsRequest& r) {
  Violations v;
  check_rule_member(v, r.rule, r.event_bus_name);
  if (r.ids.empty() || r.ids.size() > kMaxRemoveIds)
    v.add("ids", std::nullopt,
          r.ids.empty() ? "Member must have length greater than or equal to 1"
                        : "Member must have length less than or equal to 100");
  for (std::size_t i = 0; i < r.ids.size() && i < kMaxRemoveIds; ++i)
    check_target_id(v, "ids." + std::to_string(i + 1) + ".member", r.ids[i]);
  if (auto ok = v.finish(); !ok) return ok.failure();
  auto bus = event_bus(ctx, r.event_bus_name);
  if (!bus) return bus.failure();
  return house_.db.transaction<aws::events::TargetsResult>(
      [&](store::Tx& tx) -> core::Result<aws::events::TargetsResult> {
        RuleTable table(tx, ctx.principal.account_id, ctx.region, *bus);
        auto rule = table.find(r.rule);
        if (!rule) return rule.failure();
        if (!*rule) return rule_not_found(r.rule, *bus);
        // An id the rule does not have is not an error: removing is idempotent.
        for (const auto& id : r.ids)
          if (auto w = table.remove_target(r.rule, id); !w) return w.failure();
        return aws::events::TargetsResult{};
      });
}

core::Result<aws::events::ListTargetsByRuleResponse> EventsService::list_targets_by_rule(
    const CallContext& ctx, const aws::events::ListTargetsByRuleRequest& r) {
  Violations v;
  check_rule_member(v, r.rule, r.event_bus_name);
  v.length("nextToken", r.next_token, 1, 2048);
  v.range("limit", r.limit, 1, static_cast<std::int64_t>(kMaxTargetPage));
  if (auto ok = v.finish(); !ok) return ok.failure();
  auto bus = event_bus(ctx, r.event_bus_name);
  if (!bus) return bus.failure();
  std::string after;
  if (r.next_token) {
    // Tied to the rule, so a token from another rule's listing is refused.
    auto position = read_page_token(std::string(kListTargets) + "/" + r.rule, *r.next_token);
    if (!position) return validation("The NextToken provided is invalid.");
    after = std::move(*position);
  }
  const auto limit = r.limit ? static_cast<std::size_t>(*r.limit) : kMaxTargetPage;
  return house_.db.transaction<aws::events::ListTargetsByRuleResponse>(
      [&](store::Tx& tx) -> core::Result<aws::events::ListTargetsByRuleResponse> {
        RuleTable table(tx, ctx.principal.account_id, ctx.region, *bus);
        auto rule = table.find(r.rule);
        if (!rule) return rule.failure();
        if (!*rule) return rule_not_found(r.rule, *bus);
        auto targets = table.targets(r.rule, after, limit + 1);
        if (!targets) return targets.failure();
        aws::events::ListTargetsByRuleResponse out;
        out.targets = std::move(*targets);
        if (out.targets.size() > limit) {
          out.targets.resize(limit);
          out.next_token = page_token(std::string(kListTargets) + "/" + r.rule, out.targets.back().id);
        }
        return out;
      });
}

}  // namespace hoplite::local::events
