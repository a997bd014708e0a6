// AWS::Events::Rule through the local EventBridge's typed operations. Ref is the rule's name (what
// AWS returns for a rule on the default bus, the only bus locally); Fn::GetAtt offers Arn. A name
// left out is `<stack>-<logical id>-<12 upper-case letters and digits>`, at most 64 characters.
//
// Targets go through PutTargets/RemoveTargets, so ListTargetsByRule shows what the stack made;
// deleting removes the targets first (EventBridge refuses to delete a rule that has some).
// Name and EventBusName replace the rule (spec: Immutable); the rest changes in place.
#include <set>

#include "local/cloudformation/providers/properties.hpp"
#include "local/cloudformation/providers/providers.hpp"
#include "local/events/events_service.hpp"

#include "hoplite/core/ascii.hpp"

namespace hoplite::local::cloudformation {
namespace {

constexpr std::size_t kMaxRuleName = 64;

/// A Json property (EventPattern) as EventBridge takes it: its JSON text.
std::optional<std::string> rule_json_text(const nlohmann::json& props, const char* key) {
  auto it = props.find(key);
  if (it == props.end() || it->is_null()) return std::nullopt;
  return it->is_string() ? it->get<std::string>() : it->dump();
}

/// The template's Targets, typed members apart and the rest (InputTransformer, EcsParameters,
/// RetryPolicy, …: the API's member names) kept as written.
std::vector<aws::events::Target> rule_targets(const nlohmann::json& props) {
  std::vector<aws::events::Target> out;
  auto it = props.find("Targets");
  if (it == props.end() || !it->is_array()) return out;
  for (const auto& t : *it) {
    if (!t.is_object()) continue;
    aws::events::Target target{.id = text(t, "Id").value_or(""),
                               .arn = text(t, "Arn").value_or(""),
                               .role_arn = text(t, "RoleArn"),
                               .input = text(t, "Input"),
                               .input_path = text(t, "InputPath")};
    for (const auto& [key, value] : t.items())
      if (key != "Id" && key != "Arn" && key != "RoleArn" && key != "Input" && key != "InputPath")
        target.other[key] = value;
    out.push_back(std::move(target));
  }
  return out;
}

bool rule_gone(const core::Error& e) { return e.code == "ResourceNotFoundException"; }

class EventsRuleProvider final : public Provider {
 public:
  explicit EventsRuleProvider(events::EventsService& events) : events_(events) {}

  [[nodiscard]] std::string_view type() const override { return "AWS::Events::Rule"; }

  [[nodiscard]] std::string generated_name(std::string_view stack_name, std::string_view logical_id,
                                           std::string_view random) const override {
    return name_with_random_tail(stack_name, logical_id, core::ascii_upper(random.substr(0, 12)), kMaxRuleName);
  }

  [[nodiscard]] std::string planned_physical_id(const ProviderCall& call, const nlohmann::json& props) const override {
    return text(props, "Name").value_or(call.generated_name);
  }

  core::Result<ProvidedResource> create(const ProviderCall& call, const nlohmann::json& props) override {
    std::string name = planned_physical_id(call, props);
    auto put = put_rule(call, name, props);
    if (!put) return put.failure();
    if (auto t = put_targets(call, name, props, rule_targets(props)); !t) return t.failure();
    return ProvidedResource{.physical_id = name, .attributes = {{"Arn", put->rule_arn}}};
  }

  core::Result<ProvidedResource> update(const ProviderCall& call, const ProvidedResource& current,
                                        const nlohmann::json& before, const nlohmann::json& after) override {
    const std::string& name = current.physical_id;
    auto put = put_rule(call, name, after);
    if (!put) return put.failure();
    auto now = rule_targets(after);
    std::set<std::string> kept;
    for (const auto& t : now) kept.insert(t.id);
    std::vector<std::string> gone;
    for (const auto& t : rule_targets(before))
      if (!kept.contains(t.id)) gone.push_back(t.id);
    // Removed first, so the rule stays within its target limit while it changes.
    if (auto r = remove_targets(call, name, after, gone); !r) return r.failure();
    if (auto t = put_targets(call, name, after, now); !t) return t.failure();
    return ProvidedResource{.physical_id = name, .attributes = {{"Arn", put->rule_arn}}};
  }

  core::Result<void> remove(const ProviderCall& call, const ProvidedResource& current,
                            const nlohmann::json& props) override {
    if (current.physical_id.empty()) return core::ok();
    const auto bus = text(props, "EventBusName");
    // Every target the rule has (the stack's, and any added outside it), page by page.
    while (true) {
      auto page = events_.list_targets_by_rule(
          call.context,
          {.rule = current.physical_id, .event_bus_name = bus, .next_token = std::nullopt, .limit = std::nullopt});
      if (!page) {
        if (rule_gone(page.error())) return core::ok();
        return page.failure();
      }
      if (page->targets.empty()) break;
      std::vector<std::string> ids;
      for (const auto& t : page->targets) ids.push_back(t.id);
      if (auto r = remove_targets(call, current.physical_id, props, ids); !r) return r;
    }
    return events_.delete_rule(call.context,
                               {.name = current.physical_id, .event_bus_name = bus, .force = std::nullopt});
  }

 private:
  core::Result<aws::events::PutRuleResponse> put_rule(const ProviderCall& call, const std::string& name,
                                                      const nlohmann::json& props) {
    return events_.put_rule(call.context, {.name = name,
                                           .schedule_expression = text(props, "ScheduleExpression"),
                                           .event_pattern = rule_json_text(props, "EventPattern"),
                                           .state = text(props, "State"),
                                           .description = text(props, "Description"),
                                           .role_arn = text(props, "RoleArn"),
                                           .tags = {},
                                           .event_bus_name = text(props, "EventBusName")});
  }

  /// PutTargets in requests of at most 10 (the API's limit per call).
  core::Result<void> put_targets(const ProviderCall& call, const std::string& name, const nlohmann::json& props,
                                 const std::vector<aws::events::Target>& targets) {
    for (std::size_t i = 0; i < targets.size(); i += events::kMaxTargetsPerRequest) {
      aws::events::PutTargetsRequest r{.rule = name, .event_bus_name = text(props, "EventBusName"), .targets = {}};
      for (std::size_t j = i; j < targets.size() && j < i + events::kMaxTargetsPerRequest; ++j)
        r.targets.push_back(targets[j]);
      auto put = events_.put_targets(call.context, r);
      if (!put) return put.failure();
      if (put->failed_entry_count > 0 && !put->failed_entries.empty()) {
        const auto& f = put->failed_entries.front();
        return aws_error(f.error_code, "Target " + f.target_id + ": " + f.error_message);
      }
    }
    return core::ok();
  }

  core::Result<void> remove_targets(const ProviderCall& call, const std::string& name, const nlohmann::json& props,
                                    const std::vector<std::string>& ids) {
    if (ids.empty()) return core::ok();
    auto removed = events_.remove_targets(
        call.context, {.rule = name, .event_bus_name = text(props, "EventBusName"), .ids = ids, .force = std::nullopt});
    if (!removed) return removed.failure();
    return core::ok();
  }

  events::EventsService& events_;
};

}  // namespace

std::unique_ptr<Provider> make_events_rule_provider(events::EventsService& events) {
  return std::make_unique<EventsRuleProvider>(events);
}

}  // namespace hoplite::local::cloudformation
