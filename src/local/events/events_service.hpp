#pragma once
/// \file The local cloud's EventBridge: rules on each account's default event bus, their targets
/// and tags. Rules are stored, not run: no schedule fires and no event is matched. Typed
/// operations first — what the CloudFormation engine's `AWS::Events::Rule` provider calls — and
/// a thin JSON 1.1 handler over them (events_service.cpp).
///
/// What is emulated and what not: docs/local.md ("EventBridge").

#include "hoplite/aws/events.hpp"
#include "local/protocol/json.hpp"
#include "local/service.hpp"

namespace hoplite::local::events {

/// Targets one rule may have: AWS's documented limit (PutTargets: "Each rule can have up to five
/// (5) targets associated with it at one time").
inline constexpr std::int64_t kMaxTargetsPerRule = 5;
/// Targets in one PutTargets request (the API's 1..10).
inline constexpr std::size_t kMaxTargetsPerRequest = 10;
/// Most tags on a rule.
inline constexpr std::size_t kMaxTags = 50;

class EventsService final : public Service {
 public:
  explicit EventsService(ServiceContext& house);

  [[nodiscard]] const ServiceSpec& spec() const override { return spec_; }
  http::Response handle(Call& call) override { return api_.handle(call); }
  nlohmann::json inspect() override;

  // ---- operations (errors: AWS codes and messages, see events_names.hpp) ----
  core::Result<aws::events::PutRuleResponse> put_rule(const CallContext& ctx, const aws::events::PutRuleRequest& r);
  core::Result<aws::events::Rule> describe_rule(const CallContext& ctx, const aws::events::RuleRequest& r);
  core::Result<aws::events::ListRulesResponse> list_rules(const CallContext& ctx,
                                                          const aws::events::ListRulesRequest& r);
  core::Result<void> delete_rule(const CallContext& ctx, const aws::events::DeleteRuleRequest& r);
  core::Result<void> enable_rule(const CallContext& ctx, const aws::events::RuleRequest& r);
  core::Result<void> disable_rule(const CallContext& ctx, const aws::events::RuleRequest& r);
  core::Result<aws::events::TargetsResult> put_targets(const CallContext& ctx, const aws::events::PutTargetsRequest& r);
  core::Result<aws::events::TargetsResult> remove_targets(const CallContext& ctx,
                                                          const aws::events::RemoveTargetsRequest& r);
  core::Result<aws::events::ListTargetsByRuleResponse> list_targets_by_rule(
      const CallContext& ctx, const aws::events::ListTargetsByRuleRequest& r);

 private:
  void add_routes();
  core::Result<void> set_state(const CallContext& ctx, const aws::events::RuleRequest& r, const char* state);

  ServiceSpec spec_;
  JsonApi api_;
  ServiceContext& house_;
};

}  // namespace hoplite::local::events
