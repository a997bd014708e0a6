// IAM operations on a role's tags: TagRole, UntagRole, ListRoleTags. IAM compares tag keys
// without regard to case (a role cannot have both `Team` and `team`), keeps them as last written,
// and allows 50 per role.
#include <algorithm>
#include <cctype>

#include "local/iam/iam_names.hpp"
#include "local/iam/iam_service.hpp"
#include "local/iam/iam_state.hpp"
#include "local/paging.hpp"
#include "local/store/database.hpp"

namespace hoplite::local::iam {
namespace {

using namespace aws::iam;

constexpr std::size_t kMaxTagsPerRole = 50;

bool same_key(std::string_view a, std::string_view b) {
  return std::equal(a.begin(), a.end(), b.begin(), b.end(), [](char x, char y) {
    return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
  });
}

/// The request's own limits, in IAM's validation sentences (`tags.N.member.key`).
core::Result<void> check_tags(const std::string& role_name, const std::vector<Tag>& tags) {
  Violations v;
  check_name(v, "roleName", role_name, 64);
  if (tags.empty()) v.required("tags", false);
  if (tags.size() > kMaxTagsPerRole) v.add("tags", std::nullopt, "Member must have length less than or equal to 50");
  for (std::size_t i = 0; i < tags.size() && i < kMaxTagsPerRole; ++i) {
    std::string at = "tags." + std::to_string(i + 1) + ".member.";
    v.length(at + "key", tags[i].key, 1, 128);
    v.length(at + "value", tags[i].value, 0, 256);
  }
  return finish(v);
}

}  // namespace

core::Result<void> IamService::tag_role(const CallContext& ctx, const TagRoleRequest& r) {
  if (auto ok = check_tags(r.role_name, r.tags); !ok) return ok;
  return house_.db.transaction([&](store::Tx& tx) -> core::Result<void> {
    IamTable table(tx, ctx.principal.account_id);
    auto role = table.existing_role(r.role_name);
    if (!role) return role.failure();
    for (const auto& tag : r.tags) {
      auto same = [&](const Tag& t) { return same_key(t.key, tag.key); };
      auto found = std::find_if(role->tags.begin(), role->tags.end(), same);
      if (found != role->tags.end())
        *found = tag;
      else
        role->tags.push_back(tag);
    }
    if (role->tags.size() > kMaxTagsPerRole)
      return aws_error("LimitExceeded", "Cannot exceed quota for TagsPerRole: 50", 409);
    return table.put_role(*role);
  });
}

core::Result<void> IamService::untag_role(const CallContext& ctx, const UntagRoleRequest& r) {
  Violations v;
  check_name(v, "roleName", r.role_name, 64);
  if (r.tag_keys.empty()) v.required("tagKeys", false);
  if (r.tag_keys.size() > kMaxTagsPerRole)
    v.add("tagKeys", std::nullopt, "Member must have length less than or equal to 50");
  for (std::size_t i = 0; i < r.tag_keys.size() && i < kMaxTagsPerRole; ++i)
    v.length("tagKeys." + std::to_string(i + 1) + ".member", r.tag_keys[i], 1, 128);
  if (auto ok = finish(v); !ok) return ok;
  return house_.db.transaction([&](store::Tx& tx) -> core::Result<void> {
    IamTable table(tx, ctx.principal.account_id);
    auto role = table.existing_role(r.role_name);
    if (!role) return role.failure();
    std::erase_if(role->tags, [&](const Tag& t) {
      return std::any_of(r.tag_keys.begin(), r.tag_keys.end(),
                         [&](const std::string& k) { return same_key(k, t.key); });
    });
    return table.put_role(*role);
  });
}

core::Result<ListRoleTagsResponse> IamService::list_role_tags(const CallContext& ctx, const RoleNameRequest& r) {
  Violations v;
  check_name(v, "roleName", r.role_name, 64);
  v.range("maxItems", r.max_items, 1, 1000);
  if (auto ok = finish(v); !ok) return ok.failure();
  constexpr std::string_view kListing = "iam.ListRoleTags";
  std::size_t from = 0;
  if (r.marker) {
    auto position = read_page_token(kListing, *r.marker);
    if (!position || position->empty() || position->size() > 2 ||
        !std::all_of(position->begin(), position->end(), [](char c) { return c >= '0' && c <= '9'; }))
      return aws_error("ValidationError", "Invalid Marker.");
    from = std::stoul(*position);
  }
  return house_.db.transaction<ListRoleTagsResponse>([&](store::Tx& tx) -> core::Result<ListRoleTagsResponse> {
    IamTable table(tx, ctx.principal.account_id);
    auto role = table.existing_role(r.role_name);
    if (!role) return role.failure();
    const std::size_t limit = static_cast<std::size_t>(r.max_items.value_or(100));
    ListRoleTagsResponse out;
    for (std::size_t i = from; i < role->tags.size() && out.tags.size() < limit; ++i) out.tags.push_back(role->tags[i]);
    if (from + out.tags.size() < role->tags.size()) {
      out.is_truncated = true;
      out.marker = page_token(kListing, std::to_string(from + out.tags.size()));
    }
    return out;
  });
}

}  // namespace hoplite::local::iam
