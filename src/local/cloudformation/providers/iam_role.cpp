// AWS::IAM::Role through the local IAM's typed operations. Ref is the role's name; Fn::GetAtt
// offers Arn (`arn:aws:iam::<account>:role<path><name>`, no region: IAM is global) and RoleId
// (`AROA…`). A name left out is `<stack>-<logical id>-<12 characters>`, at most 64 characters.
// Description and MaxSessionDuration change in place through UpdateRole, Tags through
// TagRole/UntagRole, as AWS's handler does (the spec says Mutable for all three).
#include <algorithm>
#include <map>
#include <set>

#include "local/cloudformation/providers/properties.hpp"
#include "local/cloudformation/providers/providers.hpp"
#include "local/iam/iam_service.hpp"

namespace hoplite::local::cloudformation {
namespace {

nlohmann::json role_property(const nlohmann::json& props, const char* key) {
  auto it = props.find(key);
  return it == props.end() ? nlohmann::json() : *it;
}

/// A policy document: templates write it as a JSON object, IAM takes its text.
std::string document_text(const nlohmann::json& document) {
  return document.is_string() ? document.get<std::string>() : document.dump();
}

std::vector<aws::iam::Tag> role_tags(const nlohmann::json& props) {
  std::vector<aws::iam::Tag> out;
  auto it = props.find("Tags");
  if (it == props.end() || !it->is_array()) return out;
  for (const auto& t : *it)
    if (t.is_object()) out.push_back({.key = text(t, "Key").value_or(""), .value = text(t, "Value").value_or("")});
  return out;
}

/// Inline policies by name (`Policies: [{PolicyName, PolicyDocument}]`), documents as text.
std::map<std::string, std::string> inline_policies(const nlohmann::json& props) {
  std::map<std::string, std::string> out;
  auto it = props.find("Policies");
  if (it == props.end() || !it->is_array()) return out;
  for (const auto& p : *it)
    if (p.is_object()) out[text(p, "PolicyName").value_or("")] = document_text(role_property(p, "PolicyDocument"));
  return out;
}

std::set<std::string> managed_arns(const nlohmann::json& props) {
  std::set<std::string> out;
  auto it = props.find("ManagedPolicyArns");
  if (it == props.end() || !it->is_array()) return out;
  for (const auto& arn : *it) out.insert(arn.is_string() ? arn.get<std::string>() : arn.dump());
  return out;
}

bool role_gone(const core::Error& e) { return e.code == "NoSuchEntity"; }

class IamRoleProvider final : public Provider {
 public:
  explicit IamRoleProvider(iam::IamService& iam) : iam_(iam) {}

  [[nodiscard]] std::string_view type() const override { return "AWS::IAM::Role"; }

  [[nodiscard]] std::string generated_name(std::string_view stack_name, std::string_view logical_id,
                                           std::string_view random) const override {
    return name_with_random_tail(stack_name, logical_id, random, 64);  // role names: at most 64
  }

  [[nodiscard]] std::string planned_physical_id(const ProviderCall& call, const nlohmann::json& props) const override {
    return text(props, "RoleName").value_or(call.generated_name);
  }

  core::Result<ProvidedResource> create(const ProviderCall& call, const nlohmann::json& props) override {
    if (auto ok = check_supported(props); !ok) return ok.failure();
    auto max_session = integer_property(props, "MaxSessionDuration");
    if (!max_session) return max_session.failure();
    std::string name = planned_physical_id(call, props);
    aws::iam::CreateRoleRequest r{
        .role_name = name,
        .path = text(props, "Path"),
        .assume_role_policy_document = document_text(role_property(props, "AssumeRolePolicyDocument")),
        .description = text(props, "Description"),
        .max_session_duration = *max_session,
        .tags = role_tags(props)};
    auto created = iam_.create_role(call.context, r);
    if (!created) return created.failure();
    // A failure from here on leaves the role recorded under its name: the rollback's remove
    // detaches and deletes whatever was attached so far.
    for (const auto& [policy, document] : inline_policies(props)) {
      auto put =
          iam_.put_role_policy(call.context, {.role_name = name, .policy_name = policy, .policy_document = document});
      if (!put) return put.failure();
    }
    for (const auto& arn : managed_arns(props)) {
      auto attached = iam_.attach_role_policy(call.context, {.role_name = name, .policy_arn = arn});
      if (!attached) return attached.failure();
    }
    return provided(created->role);
  }

  core::Result<ProvidedResource> update(const ProviderCall& call, const ProvidedResource& current,
                                        const nlohmann::json& before, const nlohmann::json& after) override {
    if (auto ok = check_supported(after); !ok) return ok.failure();
    const std::string& name = current.physical_id;
    if (auto ok = update_settings(call, name, before, after); !ok) return ok.failure();
    if (auto ok = update_tags(call, name, role_tags(before), role_tags(after)); !ok) return ok.failure();
    if (role_property(before, "AssumeRolePolicyDocument") != role_property(after, "AssumeRolePolicyDocument")) {
      auto trust = iam_.update_assume_role_policy(
          call.context,
          {.role_name = name, .policy_document = document_text(role_property(after, "AssumeRolePolicyDocument"))});
      if (!trust) return trust.failure();
    }
    auto old_policies = inline_policies(before);
    for (const auto& [policy, document] : inline_policies(after)) {
      auto was = old_policies.find(policy);
      if (was != old_policies.end() && was->second == document) continue;
      auto put =
          iam_.put_role_policy(call.context, {.role_name = name, .policy_name = policy, .policy_document = document});
      if (!put) return put.failure();
    }
    auto new_policies = inline_policies(after);
    for (const auto& [policy, document] : old_policies) {
      if (new_policies.contains(policy)) continue;
      auto gone =
          iam_.delete_role_policy(call.context, {.role_name = name, .policy_name = policy, .policy_document = ""});
      if (!gone && !role_gone(gone.error())) return gone.failure();
    }
    // Detach before attaching, so that swapping policies never trips the 10-per-role quota.
    auto old_arns = managed_arns(before);
    auto new_arns = managed_arns(after);
    for (const auto& arn : old_arns) {
      if (new_arns.contains(arn)) continue;
      auto detached = iam_.detach_role_policy(call.context, {.role_name = name, .policy_arn = arn});
      if (!detached && !role_gone(detached.error())) return detached.failure();
    }
    for (const auto& arn : new_arns) {
      if (old_arns.contains(arn)) continue;
      auto attached = iam_.attach_role_policy(call.context, {.role_name = name, .policy_arn = arn});
      if (!attached) return attached.failure();
    }
    auto role = iam_.get_role(call.context, {.role_name = name, .marker = std::nullopt, .max_items = std::nullopt});
    if (!role) return role.failure();
    return provided(role->role);
  }

  core::Result<void> remove(const ProviderCall& call, const ProvidedResource& current, const nlohmann::json&) override {
    const std::string& name = current.physical_id;
    if (name.empty()) return core::ok();
    // IAM refuses to delete a role that still has policies (DeleteConflict): what the role has
    // now is listed, not what the template said, so policies attached outside the stack go too.
    const aws::iam::RoleNameRequest role{.role_name = name, .marker = std::nullopt, .max_items = std::nullopt};
    auto attached = iam_.list_attached_role_policies(call.context, role);
    if (!attached) return role_gone(attached.error()) ? core::ok() : core::Result<void>(attached.failure());
    for (const auto& p : attached->attached_policies) {
      auto detached = iam_.detach_role_policy(call.context, {.role_name = name, .policy_arn = p.policy_arn});
      if (!detached && !role_gone(detached.error())) return detached;
    }
    auto policies = iam_.list_role_policies(call.context, role);
    if (!policies) return role_gone(policies.error()) ? core::ok() : core::Result<void>(policies.failure());
    for (const auto& policy : policies->policy_names) {
      auto gone =
          iam_.delete_role_policy(call.context, {.role_name = name, .policy_name = policy, .policy_document = ""});
      if (!gone && !role_gone(gone.error())) return gone;
    }
    auto deleted = iam_.delete_role(call.context, role);
    if (!deleted && role_gone(deleted.error())) return core::ok();
    return deleted;
  }

 private:
  /// UpdateRole with what changed: a Description left out of the template is cleared, a
  /// MaxSessionDuration left out goes back to IAM's default (3600).
  core::Result<void> update_settings(const ProviderCall& call, const std::string& name, const nlohmann::json& before,
                                     const nlohmann::json& after) {
    aws::iam::UpdateRoleRequest r{.role_name = name, .description = std::nullopt, .max_session_duration = std::nullopt};
    if (role_property(before, "Description") != role_property(after, "Description"))
      r.description = text(after, "Description").value_or("");
    if (role_property(before, "MaxSessionDuration") != role_property(after, "MaxSessionDuration")) {
      auto max_session = integer_property(after, "MaxSessionDuration");
      if (!max_session) return max_session.failure();
      r.max_session_duration = max_session->value_or(3600);
    }
    if (!r.description && !r.max_session_duration) return core::ok();
    return iam_.update_role(call.context, r);
  }

  /// Untags the keys the template dropped, then tags what is new or has a new value.
  core::Result<void> update_tags(const ProviderCall& call, const std::string& name,
                                 const std::vector<aws::iam::Tag>& before, const std::vector<aws::iam::Tag>& after) {
    auto has_key = [](const std::vector<aws::iam::Tag>& tags, const std::string& key) {
      return std::any_of(tags.begin(), tags.end(), [&](const aws::iam::Tag& t) { return t.key == key; });
    };
    aws::iam::UntagRoleRequest untag{.role_name = name, .tag_keys = {}};
    for (const auto& t : before)
      if (!has_key(after, t.key)) untag.tag_keys.push_back(t.key);
    aws::iam::TagRoleRequest tag{.role_name = name, .tags = {}};
    for (const auto& t : after)
      if (std::find(before.begin(), before.end(), t) == before.end()) tag.tags.push_back(t);
    if (!untag.tag_keys.empty())
      if (auto ok = iam_.untag_role(call.context, untag); !ok) return ok;
    if (!tag.tags.empty())
      if (auto ok = iam_.tag_role(call.context, tag); !ok) return ok;
    return core::ok();
  }

  /// A permissions boundary limits what the role may do; ignoring it would let the local cloud
  /// allow calls AWS denies, so a template that sets one is refused rather than half-honoured.
  static core::Result<void> check_supported(const nlohmann::json& props) {
    if (!role_property(props, "PermissionsBoundary").is_null())
      return aws_error("ValidationError", "The local cloud's IAM does not support PermissionsBoundary yet.");
    return core::ok();
  }

  static ProvidedResource provided(const aws::iam::Role& role) {
    return {.physical_id = role.role_name, .attributes = {{"Arn", role.arn}, {"RoleId", role.role_id}}};
  }

  iam::IamService& iam_;
};

}  // namespace

std::unique_ptr<Provider> make_iam_role_provider(iam::IamService& iam) {
  return std::make_unique<IamRoleProvider>(iam);
}

}  // namespace hoplite::local::cloudformation
