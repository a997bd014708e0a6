// Stack policies: SetStackPolicy, GetStackPolicy and CreateStack's StackPolicyBody. A policy is
// checked the way AWS checks it (recorded: a statement with an action outside `Update:*` or a
// principal other than `*` is "Error validating stack policy: Invalid stack policy") and kept
// with the stack; the engine does not enforce it on updates (docs/local.md).
#include <nlohmann/json.hpp>

#include "local/cloudformation/cfn_lookup.hpp"
#include "local/cloudformation/cfn_service.hpp"
#include "local/store/database.hpp"

namespace hoplite::local::cloudformation {
namespace {

core::Failure invalid_policy() {
  return aws_error("ValidationError", "Error validating stack policy: Invalid stack policy");
}

/// A member that is one string or a list of strings, each passing `ok`.
template <typename Ok>
bool strings_pass(const nlohmann::json& v, Ok ok) {
  if (v.is_string()) return ok(v.get<std::string>());
  if (!v.is_array() || v.empty()) return false;
  for (const auto& x : v)
    if (!x.is_string() || !ok(x.get<std::string>())) return false;
  return true;
}

bool is_update_action(const std::string& a) {
  return a == "Update:*" || a == "Update:Modify" || a == "Update:Replace" || a == "Update:Delete";
}

core::Result<void> check_policy(const std::string& body) {
  auto doc = nlohmann::json::parse(body, nullptr, false);
  if (doc.is_discarded() || !doc.is_object()) return invalid_policy();
  if (doc.empty()) return core::ok();  // `{}`: no statements, the policy removed
  auto statements = doc.find("Statement");
  if (statements == doc.end()) return invalid_policy();
  nlohmann::json list = statements->is_array() ? *statements : nlohmann::json::array({*statements});
  for (const auto& s : list) {
    if (!s.is_object()) return invalid_policy();
    std::string effect = s.value("Effect", "");
    if (effect != "Allow" && effect != "Deny") return invalid_policy();
    bool action = s.contains("Action"), not_action = s.contains("NotAction");
    if (action == not_action) return invalid_policy();
    if (!strings_pass(s[action ? "Action" : "NotAction"], is_update_action)) return invalid_policy();
    if (!s.contains("Principal") || !strings_pass(s["Principal"], [](const std::string& p) { return p == "*"; }))
      return invalid_policy();
    bool resource = s.contains("Resource"), not_resource = s.contains("NotResource");
    if (resource == not_resource) return invalid_policy();
    if (!strings_pass(s[resource ? "Resource" : "NotResource"], [](const std::string&) { return true; }))
      return invalid_policy();
  }
  return core::ok();
}

}  // namespace

core::Result<void> CloudFormationService::check_stack_policy(const std::string& body) { return check_policy(body); }

core::Result<void> CloudFormationService::set_stack_policy(const CallContext& ctx, const std::string& stack_name,
                                                           const std::string& body) {
  if (auto ok = check_policy(body); !ok) return ok;
  return house_.db.transaction([&](store::Tx& tx) -> core::Result<void> {
    StackTable table(tx);
    auto stack = find_stack(table, ctx, stack_name, false);
    if (!stack) return stack.failure();
    return tx.exec(
        "INSERT INTO cfn_stack_policies (stack_id, body) VALUES (?, ?) "
        "ON CONFLICT(stack_id) DO UPDATE SET body = excluded.body",
        {stack->id, body});
  });
}

core::Result<std::optional<std::string>> CloudFormationService::get_stack_policy(const CallContext& ctx,
                                                                                 const std::string& stack_name) {
  return house_.db.transaction<std::optional<std::string>>(
      [&](store::Tx& tx) -> core::Result<std::optional<std::string>> {
        StackTable table(tx);
        auto stack = find_stack(table, ctx, stack_name, true);
        if (!stack) return stack.failure();
        auto row = tx.query_one("SELECT body FROM cfn_stack_policies WHERE stack_id = ?", {stack->id});
        if (!row) return row.failure();
        if (!*row) return std::optional<std::string>{};
        return std::optional<std::string>((*row)->text(0));
      });
}

}  // namespace hoplite::local::cloudformation
