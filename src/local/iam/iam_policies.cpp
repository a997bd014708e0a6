// IAM operations on managed policies (customer managed, and the AWS managed ones the local IAM
// knows) and their attachment to roles.
#include <algorithm>

#include "local/iam/iam_names.hpp"
#include "local/iam/iam_service.hpp"
#include "local/iam/iam_state.hpp"
#include "local/iam/managed_policies.hpp"
#include "local/paging.hpp"
#include "local/store/database.hpp"

namespace hoplite::local::iam {
namespace {

using namespace aws::iam;

constexpr std::size_t kMaxManagedPolicy = 6144;

Policy aws_policy_shape(const ManagedPolicy& m, std::int64_t attachments) {
  return Policy{.policy_name = std::string(m.name),
                .policy_id = "ANPA" + std::string(17, 'A'),
                .arn = aws_managed_arn(m),
                .path = std::string(m.path),
                .attachment_count = static_cast<int>(attachments),
                .description = std::string(m.description)};
}

core::Failure policy_not_found(std::string_view arn) {
  return no_such_entity("Policy " + std::string(arn.substr(0, 2048)) + " does not exist or is not attachable.");
}

/// The policy an ARN names (customer managed of this account, or AWS managed), with its
/// document.
core::Result<StoredPolicy> find_policy(IamTable& table, const std::string& arn) {
  if (auto m = aws_managed_policy(arn)) {
    auto count = table.attachment_count(arn);
    if (!count) return count.failure();
    return StoredPolicy{.policy = aws_policy_shape(*m, *count), .document = std::string(m->document)};
  }
  auto p = table.policy(arn);
  if (!p) return p.failure();
  if (!*p) return policy_not_found(arn);
  auto count = table.attachment_count(arn);
  if (!count) return count.failure();
  (*p)->policy.attachment_count = static_cast<int>(*count);
  return std::move(**p);
}

}  // namespace

core::Result<PolicyResponse> IamService::create_policy(const CallContext& ctx, const CreatePolicyRequest& r) {
  Violations v;
  check_name(v, "policyName", r.policy_name, 128);
  v.required("policyDocument", !r.policy_document.empty());
  v.length("description", r.description, 0, 1000);
  if (auto ok = finish(v); !ok) return ok.failure();
  const std::string path = r.path.value_or("/");
  if (auto ok = check_path(path); !ok) return ok.failure();
  if (utf8_length(r.policy_document) > kMaxManagedPolicy)
    return aws_error("LimitExceeded", "Cannot exceed quota for PolicySize: 6144");
  auto parsed = parse_policy(r.policy_document, PolicyKind::identity);
  if (!parsed) return parsed.failure();
  const auto now = std::chrono::time_point_cast<std::chrono::seconds>(ctx.now);
  StoredPolicy p{.policy = {.policy_name = r.policy_name,
                            .policy_id = unique_id("ANPA"),
                            .arn = iam_arn(ctx.principal.account_id, "policy", path, r.policy_name),
                            .path = path,
                            .description = r.description,
                            .create_date = now,
                            .update_date = now,
                            .tags = r.tags},
                 .document = r.policy_document};
  return house_.db.transaction<PolicyResponse>([&](store::Tx& tx) -> core::Result<PolicyResponse> {
    IamTable table(tx, ctx.principal.account_id);
    auto all = table.policies();
    if (!all) return all.failure();
    for (const auto& other : *all)
      if (other.policy.policy_name == r.policy_name && other.policy.path == path)
        return aws_error("EntityAlreadyExists",
                         "A policy called " + r.policy_name + " already exists. Duplicate names are not allowed.", 409);
    if (auto ok = table.put_policy(p); !ok) return ok.failure();
    return PolicyResponse{.policy = p.policy};
  });
}

core::Result<PolicyResponse> IamService::get_policy(const CallContext& ctx, const PolicyArnRequest& r) {
  return house_.db.transaction<PolicyResponse>([&](store::Tx& tx) -> core::Result<PolicyResponse> {
    IamTable table(tx, ctx.principal.account_id);
    auto p = find_policy(table, r.policy_arn);
    if (!p) return p.failure();
    return PolicyResponse{.policy = std::move(p->policy)};
  });
}

core::Result<GetPolicyVersionResponse> IamService::get_policy_version(const CallContext& ctx,
                                                                      const GetPolicyVersionRequest& r) {
  return house_.db.transaction<GetPolicyVersionResponse>([&](store::Tx& tx) -> core::Result<GetPolicyVersionResponse> {
    IamTable table(tx, ctx.principal.account_id);
    auto p = find_policy(table, r.policy_arn);
    if (!p) return p.failure();
    if (r.version_id != p->policy.default_version_id)
      return no_such_entity("Policy " + r.policy_arn + " version " + r.version_id.substr(0, 32) +
                            " does not exist or is not attachable.");
    return GetPolicyVersionResponse{.policy_version = {.document = p->document,
                                                       .version_id = p->policy.default_version_id,
                                                       .create_date = p->policy.create_date}};
  });
}

core::Result<void> IamService::delete_policy(const CallContext& ctx, const PolicyArnRequest& r) {
  if (aws_managed_policy(r.policy_arn))
    return aws_error("AccessDenied", "You can't delete an AWS managed policy.", 403);
  return house_.db.transaction([&](store::Tx& tx) -> core::Result<void> {
    IamTable table(tx, ctx.principal.account_id);
    auto p = find_policy(table, r.policy_arn);
    if (!p) return p.failure();
    if (p->policy.attachment_count > 0) return delete_conflict("Cannot delete a policy attached to entities.");
    return table.delete_policy(p->policy.arn);
  });
}

core::Result<ListPoliciesResponse> IamService::list_policies(const CallContext& ctx, const ListPoliciesRequest& r) {
  const std::string scope = r.scope.value_or("All");
  if (scope != "All" && scope != "AWS" && scope != "Local")
    return aws_error("ValidationError", "1 validation error detected: Value '" + scope.substr(0, 32) +
                                            "' at 'scope' failed to satisfy constraint: Member must satisfy enum "
                                            "value set: [All, AWS, Local]");
  Violations v;
  v.range("maxItems", r.max_items, 1, 1000);
  if (auto ok = finish(v); !ok) return ok.failure();
  const std::size_t limit = static_cast<std::size_t>(r.max_items.value_or(100));
  constexpr std::string_view kListing = "iam.ListPolicies";
  std::string after;
  if (r.marker) {
    auto position = read_page_token(kListing, *r.marker);
    if (!position) return aws_error("ValidationError", "Invalid Marker.");
    after = *position;
  }
  return house_.db.transaction<ListPoliciesResponse>([&](store::Tx& tx) -> core::Result<ListPoliciesResponse> {
    IamTable table(tx, ctx.principal.account_id);
    std::vector<Policy> all;
    if (scope != "Local")
      for (const auto& m : aws_managed_policies()) {
        auto count = table.attachment_count(aws_managed_arn(m));
        if (!count) return count.failure();
        all.push_back(aws_policy_shape(m, *count));
      }
    if (scope != "AWS") {
      auto local = table.policies();
      if (!local) return local.failure();
      for (auto& p : *local) {
        auto count = table.attachment_count(p.policy.arn);
        if (!count) return count.failure();
        p.policy.attachment_count = static_cast<int>(*count);
        all.push_back(std::move(p.policy));
      }
    }
    std::sort(all.begin(), all.end(), [](const Policy& a, const Policy& b) { return a.arn < b.arn; });
    ListPoliciesResponse out;
    for (auto& p : all) {
      if (p.arn <= after) continue;
      if (r.only_attached.value_or(false) && p.attachment_count == 0) continue;
      if (r.path_prefix && !p.path.starts_with(*r.path_prefix)) continue;
      if (out.policies.size() == limit) {
        out.is_truncated = true;
        out.marker = page_token(kListing, out.policies.back().arn);
        break;
      }
      out.policies.push_back(std::move(p));
    }
    return out;
  });
}

core::Result<void> IamService::attach_role_policy(const CallContext& ctx, const RolePolicyArnRequest& r) {
  return house_.db.transaction([&](store::Tx& tx) -> core::Result<void> {
    IamTable table(tx, ctx.principal.account_id);
    auto role = table.role(r.role_name);
    if (!role) return role.failure();
    if (!*role) return no_such_role(r.role_name);
    auto p = find_policy(table, r.policy_arn);
    if (!p) return p.failure();
    auto attached = table.attached((*role)->role_name);
    if (!attached) return attached.failure();
    if (std::find(attached->begin(), attached->end(), p->policy.arn) != attached->end()) return core::ok();
    if (attached->size() >= kMaxAttachedPolicies)
      return aws_error("LimitExceeded", "Cannot exceed quota for PoliciesPerRole: 10", 409);
    return table.attach((*role)->role_name, p->policy.arn);
  });
}

core::Result<void> IamService::detach_role_policy(const CallContext& ctx, const RolePolicyArnRequest& r) {
  return house_.db.transaction([&](store::Tx& tx) -> core::Result<void> {
    IamTable table(tx, ctx.principal.account_id);
    auto role = table.role(r.role_name);
    if (!role) return role.failure();
    if (!*role) return no_such_role(r.role_name);
    auto gone = table.detach((*role)->role_name, r.policy_arn);
    if (!gone) return gone.failure();
    if (!*gone) return no_such_entity("Policy " + r.policy_arn.substr(0, 2048) + " was not found.");
    return core::ok();
  });
}

core::Result<ListAttachedRolePoliciesResponse> IamService::list_attached_role_policies(const CallContext& ctx,
                                                                                       const RoleNameRequest& r) {
  return house_.db.transaction<ListAttachedRolePoliciesResponse>(
      [&](store::Tx& tx) -> core::Result<ListAttachedRolePoliciesResponse> {
        IamTable table(tx, ctx.principal.account_id);
        auto role = table.role(r.role_name);
        if (!role) return role.failure();
        if (!*role) return no_such_role(r.role_name);
        auto attached = table.attached((*role)->role_name);
        if (!attached) return attached.failure();
        ListAttachedRolePoliciesResponse out;
        for (const auto& arn : *attached) out.attached_policies.push_back({arn.substr(arn.rfind('/') + 1), arn});
        return out;
      });
}

}  // namespace hoplite::local::iam
