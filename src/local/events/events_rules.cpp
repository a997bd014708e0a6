// EventBridge rule operations: create or replace, describe, list (paged), delete, enable and
// disable. A rule's schedule and pattern are checked for shape and stored; nothing runs them.
#include "local/events/events_names.hpp"
#include "local/events/events_service.hpp"
#include "local/events/events_state.hpp"
#include "local/paging.hpp"
#include "local/store/database.hpp"
#include "local/validation.hpp"

namespace hoplite::local::events {
namespace {

constexpr std::string_view kRuleNamePattern = "[\\.\\-_A-Za-z0-9]+";
constexpr std::string_view kListRules = "events.ListRules";
constexpr std::size_t kMaxListLimit = 100;

/// The checks every operation on one rule runs on its name (member `name` or `rule`).
void check_rule_name(Violations& v, std::string_view member, const std::string& name) {
  v.length(member, name, 1, 64);
  if (!name.empty()) v.pattern(member, name, is_rule_name(name), kRuleNamePattern);
}

core::Result<void> check_put_rule(const aws::events::PutRuleRequest& r) {
  Violations v;
  check_rule_name(v, "name", r.name);
  v.length("scheduleExpression", r.schedule_expression, 0, 256);
  v.length("eventPattern", r.event_pattern, 0, 4096);
  v.one_of("state", r.state, {"ENABLED", "DISABLED", "ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS"});
  v.length("description", r.description, 0, 512);
  v.length("roleArn", r.role_arn, 1, 1600);
  v.length("eventBusName", r.event_bus_name, 1, 1600);
  for (std::size_t i = 0; i < r.tags.size(); ++i) {
    std::string member = "tags." + std::to_string(i + 1) + ".member.";
    v.length(member + "key", r.tags[i].key, 1, 128);
    v.length(member + "value", r.tags[i].value, 0, 256);
  }
  return v.finish();
}

core::Result<void> check_rule_request(const aws::events::RuleRequest& r) {
  Violations v;
  check_rule_name(v, "name", r.name);
  v.length("eventBusName", r.event_bus_name, 1, 1600);
  return v.finish();
}

}  // namespace

core::Result<aws::events::PutRuleResponse> EventsService::put_rule(const CallContext& ctx,
                                                                   const aws::events::PutRuleRequest& r) {
  if (auto ok = check_put_rule(r); !ok) return ok.failure();
  auto bus = event_bus(ctx, r.event_bus_name);
  if (!bus) return bus.failure();
  if (!r.schedule_expression && !r.event_pattern)
    return validation("Parameter(s) EventPattern or ScheduleExpression must be specified.");
  if (r.schedule_expression)
    if (auto ok = check_schedule(*r.schedule_expression); !ok) return ok.failure();
  if (r.event_pattern)
    if (auto ok = check_event_pattern(*r.event_pattern); !ok) return ok.failure();
  if (r.tags.size() > kMaxTags)
    return aws_error("LimitExceededException", "The requested resource exceeds the maximum number allowed.");
  aws::events::Rule rule{.name = r.name,
                         .arn = rule_arn(ctx, r.name),
                         .event_pattern = r.event_pattern,
                         .schedule_expression = r.schedule_expression,
                         // PutRule replaces the rule: a State left out is the default, ENABLED.
                         .state = r.state.value_or("ENABLED"),
                         .description = r.description,
                         .role_arn = r.role_arn,
                         .event_bus_name = *bus,
                         .created_by = ctx.principal.account_id};
  return house_.db.transaction<aws::events::PutRuleResponse>(
      [&](store::Tx& tx) -> core::Result<aws::events::PutRuleResponse> {
        RuleTable table(tx, ctx.principal.account_id, ctx.region, *bus);
        auto existing = table.find(r.name);
        if (!existing) return existing.failure();
        if (auto w = table.write(rule); !w) return w.failure();
        // AWS applies PutRule's tags when it creates the rule only; an update ignores them
        // (TagResource changes them).
        if (!*existing)
          for (const auto& t : r.tags)
            if (auto w = table.put_tag(r.name, t.key, t.value); !w) return w.failure();
        return aws::events::PutRuleResponse{.rule_arn = rule.arn};
      });
}

core::Result<aws::events::Rule> EventsService::describe_rule(const CallContext& ctx,
                                                             const aws::events::RuleRequest& r) {
  if (auto ok = check_rule_request(r); !ok) return ok.failure();
  auto bus = event_bus(ctx, r.event_bus_name);
  if (!bus) return bus.failure();
  return house_.db.transaction<aws::events::Rule>([&](store::Tx& tx) -> core::Result<aws::events::Rule> {
    RuleTable table(tx, ctx.principal.account_id, ctx.region, *bus);
    auto rule = table.find(r.name);
    if (!rule) return rule.failure();
    if (!*rule) return rule_not_found(r.name, *bus);
    return std::move(**rule);
  });
}

core::Result<aws::events::ListRulesResponse> EventsService::list_rules(const CallContext& ctx,
                                                                       const aws::events::ListRulesRequest& r) {
  Violations v;
  v.length("namePrefix", r.name_prefix, 1, 64);
  if (r.name_prefix && !r.name_prefix->empty())
    v.pattern("namePrefix", *r.name_prefix, is_rule_name(*r.name_prefix), kRuleNamePattern);
  v.length("eventBusName", r.event_bus_name, 1, 1600);
  v.length("nextToken", r.next_token, 1, 2048);
  v.range("limit", r.limit, 1, static_cast<std::int64_t>(kMaxListLimit));
  if (auto ok = v.finish(); !ok) return ok.failure();
  auto bus = event_bus(ctx, r.event_bus_name);
  if (!bus) return bus.failure();
  std::string after;
  if (r.next_token) {
    auto position = read_page_token(kListRules, *r.next_token);
    if (!position) return validation("The NextToken provided is invalid.");
    after = std::move(*position);
  }
  const auto limit = r.limit ? static_cast<std::size_t>(*r.limit) : kMaxListLimit;
  return house_.db.transaction<aws::events::ListRulesResponse>(
      [&](store::Tx& tx) -> core::Result<aws::events::ListRulesResponse> {
        RuleTable table(tx, ctx.principal.account_id, ctx.region, *bus);
        // One more than the page: whether a next page exists.
        auto rules = table.list(after, r.name_prefix.value_or(""), limit + 1);
        if (!rules) return rules.failure();
        aws::events::ListRulesResponse out;
        out.rules = std::move(*rules);
        if (out.rules.size() > limit) {
          out.rules.resize(limit);
          out.next_token = page_token(kListRules, out.rules.back().name);
        }
        // ListRules does not return CreatedBy (DescribeRule does).
        for (auto& rule : out.rules) rule.created_by.reset();
        return out;
      });
}

core::Result<void> EventsService::delete_rule(const CallContext& ctx, const aws::events::DeleteRuleRequest& r) {
  Violations v;
  check_rule_name(v, "name", r.name);
  v.length("eventBusName", r.event_bus_name, 1, 1600);
  if (auto ok = v.finish(); !ok) return ok.failure();
  auto bus = event_bus(ctx, r.event_bus_name);
  if (!bus) return bus.failure();
  return house_.db.transaction<void>([&](store::Tx& tx) -> core::Result<void> {
    RuleTable table(tx, ctx.principal.account_id, ctx.region, *bus);
    // Deleting a rule that does not exist succeeds, as AWS answers.
    auto count = table.target_count(r.name);
    if (!count) return count.failure();
    if (*count > 0) return validation("Rule can't be deleted since it has targets.");
    return table.remove(r.name);
  });
}

core::Result<void> EventsService::enable_rule(const CallContext& ctx, const aws::events::RuleRequest& r) {
  return set_state(ctx, r, "ENABLED");
}

core::Result<void> EventsService::disable_rule(const CallContext& ctx, const aws::events::RuleRequest& r) {
  return set_state(ctx, r, "DISABLED");
}

core::Result<void> EventsService::set_state(const CallContext& ctx, const aws::events::RuleRequest& r,
                                            const char* state) {
  if (auto ok = check_rule_request(r); !ok) return ok.failure();
  auto bus = event_bus(ctx, r.event_bus_name);
  if (!bus) return bus.failure();
  return house_.db.transaction<void>([&](store::Tx& tx) -> core::Result<void> {
    RuleTable table(tx, ctx.principal.account_id, ctx.region, *bus);
    auto rule = table.find(r.name);
    if (!rule) return rule.failure();
    if (!*rule) return rule_not_found(r.name, *bus);
    return table.set_state(r.name, state);
  });
}

}  // namespace hoplite::local::events
