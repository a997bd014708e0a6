// IAM operations on roles and their inline policies.
#include "local/iam/iam_names.hpp"
#include "local/iam/iam_service.hpp"
#include "local/iam/iam_state.hpp"
#include "local/paging.hpp"
#include "local/store/database.hpp"

namespace hoplite::local::iam {
namespace {

using namespace aws::iam;

/// IAM's quotas on documents (characters, whitespace included, as IAM counts them).
constexpr std::size_t kMaxTrustPolicy = 2048;
constexpr std::size_t kMaxInlinePolicies = 10240;  ///< all of a role's inline policies together

core::Result<void> check_trust(const std::string& document) {
  if (utf8_length(document) > kMaxTrustPolicy)
    return aws_error("LimitExceeded", "Cannot exceed quota for ACLSizePerRole: 2048");
  auto parsed = parse_policy(document, PolicyKind::trust);
  if (!parsed) return parsed.failure();
  return core::ok();
}

core::Result<int> page_size(const std::optional<int>& max_items) {
  Violations v;
  v.range("maxItems", max_items, 1, 1000);
  if (auto ok = finish(v); !ok) return ok.failure();
  return max_items.value_or(100);
}

}  // namespace

core::Result<RoleResponse> IamService::create_role(const CallContext& ctx, const CreateRoleRequest& r) {
  Violations v;
  check_name(v, "roleName", r.role_name, 64);
  v.required("assumeRolePolicyDocument", !r.assume_role_policy_document.empty());
  v.length("description", r.description, 0, 1000);
  v.range("maxSessionDuration", r.max_session_duration, 3600, 43200);
  if (r.tags.size() > 50) v.add("tags", std::nullopt, "Member must have length less than or equal to 50");
  if (auto ok = finish(v); !ok) return ok.failure();
  const std::string path = r.path.value_or("/");
  if (auto ok = check_path(path); !ok) return ok.failure();
  if (auto ok = check_trust(r.assume_role_policy_document); !ok) return ok.failure();
  Role role{.path = path,
            .role_name = r.role_name,
            .role_id = unique_id("AROA"),
            .arn = iam_arn(ctx.principal.account_id, "role", path, r.role_name),
            .create_date = std::chrono::time_point_cast<std::chrono::seconds>(ctx.now),
            .assume_role_policy_document = r.assume_role_policy_document,
            .description = r.description,
            .max_session_duration = r.max_session_duration.value_or(3600),
            .tags = r.tags};
  return house_.db.transaction<RoleResponse>([&](store::Tx& tx) -> core::Result<RoleResponse> {
    IamTable table(tx, ctx.principal.account_id);
    auto existing = table.role(r.role_name);
    if (!existing) return existing.failure();
    if (*existing) return aws_error("EntityAlreadyExists", "Role with name " + r.role_name + " already exists.", 409);
    if (auto ok = table.put_role(role); !ok) return ok.failure();
    return RoleResponse{.role = role};
  });
}

core::Result<RoleResponse> IamService::get_role(const CallContext& ctx, const RoleNameRequest& r) {
  Violations v;
  check_name(v, "roleName", r.role_name, 64);
  if (auto ok = finish(v); !ok) return ok.failure();
  return house_.db.transaction<RoleResponse>([&](store::Tx& tx) -> core::Result<RoleResponse> {
    IamTable table(tx, ctx.principal.account_id);
    auto role = table.existing_role(r.role_name);
    if (!role) return role.failure();
    return RoleResponse{.role = std::move(*role)};
  });
}

core::Result<ListRolesResponse> IamService::list_roles(const CallContext& ctx, const ListRolesRequest& r) {
  auto limit = page_size(r.max_items);
  if (!limit) return limit.failure();
  constexpr std::string_view kListing = "iam.ListRoles";
  std::string after;
  if (r.marker) {
    auto position = read_page_token(kListing, *r.marker);
    if (!position) return aws_error("ValidationError", "Invalid Marker.");
    after = *position;
  }
  return house_.db.transaction<ListRolesResponse>([&](store::Tx& tx) -> core::Result<ListRolesResponse> {
    IamTable table(tx, ctx.principal.account_id);
    auto roles = table.roles(r.path_prefix.value_or("/"), after, static_cast<std::size_t>(*limit) + 1);
    if (!roles) return roles.failure();
    ListRolesResponse out;
    if (roles->size() > static_cast<std::size_t>(*limit)) {
      roles->pop_back();
      out.is_truncated = true;
      out.marker = page_token(kListing, roles->back().role_name);
    }
    out.roles = std::move(*roles);
    return out;
  });
}

core::Result<void> IamService::delete_role(const CallContext& ctx, const RoleNameRequest& r) {
  return house_.db.transaction([&](store::Tx& tx) -> core::Result<void> {
    IamTable table(tx, ctx.principal.account_id);
    auto role = table.existing_role(r.role_name);
    if (!role) return role.failure();
    auto inline_policies = table.role_policies(role->role_name);
    if (!inline_policies) return inline_policies.failure();
    if (!inline_policies->empty()) return delete_conflict("Cannot delete entity, must delete policies first.");
    auto attached = table.attached(role->role_name);
    if (!attached) return attached.failure();
    if (!attached->empty()) return delete_conflict("Cannot delete entity, must detach all policies first.");
    return table.delete_role(role->role_name);
  });
}

core::Result<void> IamService::update_assume_role_policy(const CallContext& ctx,
                                                         const UpdateAssumeRolePolicyRequest& r) {
  if (auto ok = check_trust(r.policy_document); !ok) return ok;
  return house_.db.transaction([&](store::Tx& tx) -> core::Result<void> {
    IamTable table(tx, ctx.principal.account_id);
    auto role = table.existing_role(r.role_name);
    if (!role) return role.failure();
    role->assume_role_policy_document = r.policy_document;
    return table.put_role(*role);
  });
}

core::Result<void> IamService::update_role(const CallContext& ctx, const UpdateRoleRequest& r) {
  Violations v;
  check_name(v, "roleName", r.role_name, 64);
  v.length("description", r.description, 0, 1000);
  v.range("maxSessionDuration", r.max_session_duration, 3600, 43200);
  if (auto ok = finish(v); !ok) return ok;
  return house_.db.transaction([&](store::Tx& tx) -> core::Result<void> {
    IamTable table(tx, ctx.principal.account_id);
    auto role = table.existing_role(r.role_name);
    if (!role) return role.failure();
    // What the request leaves out stays; an empty Description removes it (GetRole then shows none).
    if (r.description) role->description = r.description->empty() ? std::nullopt : r.description;
    if (r.max_session_duration) role->max_session_duration = *r.max_session_duration;
    return table.put_role(*role);
  });
}

core::Result<void> IamService::put_role_policy(const CallContext& ctx, const RolePolicyRequest& r) {
  Violations v;
  check_name(v, "roleName", r.role_name, 64);
  check_name(v, "policyName", r.policy_name, 128);
  v.required("policyDocument", !r.policy_document.empty());
  if (auto ok = finish(v); !ok) return ok;
  auto parsed = parse_policy(r.policy_document, PolicyKind::identity);
  if (!parsed) return parsed.failure();
  return house_.db.transaction([&](store::Tx& tx) -> core::Result<void> {
    IamTable table(tx, ctx.principal.account_id);
    auto role = table.existing_role(r.role_name);
    if (!role) return role.failure();
    auto current = table.role_policies(role->role_name);
    if (!current) return current.failure();
    std::size_t total = utf8_length(r.policy_document);
    for (const auto& [name, document] : *current)
      if (name != r.policy_name) total += utf8_length(document);
    if (total > kMaxInlinePolicies)
      return aws_error("LimitExceeded", "Maximum policy size of 10240 bytes exceeded for role " + role->role_name);
    return table.put_role_policy(role->role_name, r.policy_name, r.policy_document);
  });
}

core::Result<GetRolePolicyResponse> IamService::get_role_policy(const CallContext& ctx, const RolePolicyRequest& r) {
  return house_.db.transaction<GetRolePolicyResponse>([&](store::Tx& tx) -> core::Result<GetRolePolicyResponse> {
    IamTable table(tx, ctx.principal.account_id);
    auto role = table.existing_role(r.role_name);
    if (!role) return role.failure();
    auto document = table.role_policy(role->role_name, r.policy_name);
    if (!document) return document.failure();
    if (!*document)
      return no_such_entity("The role policy with name " + r.policy_name.substr(0, 128) + " cannot be found.");
    return GetRolePolicyResponse{
        .role_name = role->role_name, .policy_name = r.policy_name, .policy_document = std::move(**document)};
  });
}

core::Result<void> IamService::delete_role_policy(const CallContext& ctx, const RolePolicyRequest& r) {
  return house_.db.transaction([&](store::Tx& tx) -> core::Result<void> {
    IamTable table(tx, ctx.principal.account_id);
    auto role = table.existing_role(r.role_name);
    if (!role) return role.failure();
    auto gone = table.delete_role_policy(role->role_name, r.policy_name);
    if (!gone) return gone.failure();
    if (!*gone)
      return no_such_entity("The role policy with name " + r.policy_name.substr(0, 128) + " cannot be found.");
    return core::ok();
  });
}

core::Result<ListRolePoliciesResponse> IamService::list_role_policies(const CallContext& ctx,
                                                                      const RoleNameRequest& r) {
  return house_.db.transaction<ListRolePoliciesResponse>([&](store::Tx& tx) -> core::Result<ListRolePoliciesResponse> {
    IamTable table(tx, ctx.principal.account_id);
    auto role = table.existing_role(r.role_name);
    if (!role) return role.failure();
    auto policies = table.role_policies(role->role_name);
    if (!policies) return policies.failure();
    ListRolePoliciesResponse out;
    for (auto& [name, document] : *policies) out.policy_names.push_back(name);
    return out;
  });
}

}  // namespace hoplite::local::iam
