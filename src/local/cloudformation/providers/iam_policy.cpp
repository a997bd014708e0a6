// AWS::IAM::Policy through the local IAM's typed PutRolePolicy/DeleteRolePolicy: the policy is an
// inline policy named PolicyName on each of its Roles (as CloudFormation embeds it, not a managed
// policy), so GetRolePolicy shows what the stack made. Ref is a generated id,
// `<stack, 5 characters>-<logical id, 5>-<12 upper-case letters and digits>` — the form AWS's
// physical ids of this type take on real stacks (from observation: no recording in
// tests/testdata shows one, and AWS documents only that Ref returns a generated id). No
// Fn::GetAtt: the spec (spec/cfn-spec-subset.json) lists no attribute for the type, so the engine
// refuses one.
//
// Every property changes in place (spec: Mutable): a new PolicyName moves the policy, roles
// added or dropped gain or lose it. The local IAM has no users and no groups, so a policy for
// Users or Groups fails as AWS fails for an entity that does not exist.
#include <set>

#include "local/cloudformation/providers/properties.hpp"
#include "local/cloudformation/providers/providers.hpp"
#include "local/iam/iam_service.hpp"

#include "hoplite/core/ascii.hpp"

namespace hoplite::local::cloudformation {
namespace {

/// A string-list property (Roles, Users, Groups), in order, duplicates dropped.
std::vector<std::string> policy_names_list(const nlohmann::json& props, const char* key) {
  std::vector<std::string> out;
  auto it = props.find(key);
  if (it == props.end() || !it->is_array()) return out;
  std::set<std::string> seen;
  for (const auto& v : *it) {
    std::string name = v.is_string() ? v.get<std::string>() : v.dump();
    if (seen.insert(name).second) out.push_back(std::move(name));
  }
  return out;
}

/// PolicyDocument as IAM takes it: templates write an object, IAM reads its text.
std::string policy_document_text(const nlohmann::json& props) {
  auto it = props.find("PolicyDocument");
  if (it == props.end() || it->is_null()) return "";
  return it->is_string() ? it->get<std::string>() : it->dump();
}

/// What the local IAM cannot hold (users, groups) and what the type requires.
core::Result<void> check_policy_properties(const nlohmann::json& props) {
  if (!text(props, "PolicyName")) return aws_error("ValidationError", "Property PolicyName cannot be empty.");
  if (policy_document_text(props).empty())
    return aws_error("ValidationError", "Property PolicyDocument cannot be empty.");
  auto users = policy_names_list(props, "Users");
  if (!users.empty())
    return aws_error("NoSuchEntity", "The user with name " + users.front().substr(0, 64) + " cannot be found.", 404);
  auto groups = policy_names_list(props, "Groups");
  if (!groups.empty())
    return aws_error("NoSuchEntity", "The group with name " + groups.front().substr(0, 128) + " cannot be found.", 404);
  if (policy_names_list(props, "Roles").empty())
    return aws_error("ValidationError", "At least one of [Groups,Roles,Users] must be non-empty.");
  return core::ok();
}

bool policy_role_gone(const core::Error& e) { return e.code == "NoSuchEntity"; }

class IamPolicyProvider final : public Provider {
 public:
  explicit IamPolicyProvider(iam::IamService& iam) : iam_(iam) {}

  [[nodiscard]] std::string_view type() const override { return "AWS::IAM::Policy"; }

  [[nodiscard]] std::string generated_name(std::string_view stack_name, std::string_view logical_id,
                                           std::string_view random) const override {
    return std::string(stack_name.substr(0, 5)) + "-" + std::string(logical_id.substr(0, 5)) + "-" +
           core::ascii_upper(random.substr(0, 12));
  }

  [[nodiscard]] std::string planned_physical_id(const ProviderCall& call, const nlohmann::json&) const override {
    return call.generated_name;
  }

  core::Result<ProvidedResource> create(const ProviderCall& call, const nlohmann::json& props) override {
    if (auto ok = check_policy_properties(props); !ok) return ok.failure();
    const std::string policy = *text(props, "PolicyName");
    const std::string document = policy_document_text(props);
    for (const auto& role : policy_names_list(props, "Roles"))
      if (auto added = put(call, role, policy, document); !added) return added.failure();
    return provided(planned_physical_id(call, props));
  }

  core::Result<ProvidedResource> update(const ProviderCall& call, const ProvidedResource& current,
                                        const nlohmann::json& before, const nlohmann::json& after) override {
    if (auto ok = check_policy_properties(after); !ok) return ok.failure();
    const std::string policy = *text(after, "PolicyName");
    const std::string old_policy = text(before, "PolicyName").value_or("");
    auto roles = policy_names_list(after, "Roles");
    const std::set<std::string> keep(roles.begin(), roles.end());
    // The old policy leaves roles that no longer have it: every role when it was renamed.
    for (const auto& role : policy_names_list(before, "Roles"))
      if (old_policy != policy || !keep.contains(role))
        if (auto gone = drop(call, role, old_policy); !gone) return gone.failure();
    const std::string document = policy_document_text(after);
    for (const auto& role : roles)
      if (auto added = put(call, role, policy, document); !added) return added.failure();
    return provided(current.physical_id);
  }

  core::Result<void> remove(const ProviderCall& call, const ProvidedResource&, const nlohmann::json& props) override {
    auto policy = text(props, "PolicyName");
    if (!policy) return core::ok();
    for (const auto& role : policy_names_list(props, "Roles"))
      if (auto gone = drop(call, role, *policy); !gone) return gone;
    return core::ok();
  }

 private:
  static ProvidedResource provided(const std::string& id) { return {.physical_id = id}; }

  core::Result<void> put(const ProviderCall& call, const std::string& role, const std::string& policy,
                         const std::string& document) {
    return iam_.put_role_policy(call.context, {.role_name = role, .policy_name = policy, .policy_document = document});
  }

  /// Deletes the inline policy; a role (or policy) already gone is fine.
  core::Result<void> drop(const ProviderCall& call, const std::string& role, const std::string& policy) {
    auto r = iam_.delete_role_policy(call.context, {.role_name = role, .policy_name = policy, .policy_document = ""});
    if (!r && policy_role_gone(r.error())) return core::ok();
    return r;
  }

  iam::IamService& iam_;
};

}  // namespace

std::unique_ptr<Provider> make_iam_policy_provider(iam::IamService& iam) {
  return std::make_unique<IamPolicyProvider>(iam);
}

}  // namespace hoplite::local::cloudformation
