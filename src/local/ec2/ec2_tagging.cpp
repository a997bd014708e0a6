// EC2's tag rules, and CreateTags/DeleteTags on any resource of the local EC2.
#include "local/ec2/ec2_tagging.hpp"

#include <algorithm>

#include "local/acting_service.hpp"
#include "local/ec2/ec2_errors.hpp"
#include "local/ec2/ec2_service.hpp"
#include "local/ec2/ec2_state.hpp"
#include "local/store/database.hpp"
#include "local/validation.hpp"

namespace hoplite::local::ec2 {
namespace {

using namespace aws::ec2;

core::Result<void> check_tag(const CallContext& ctx, const Tag& t) {
  if (t.key.empty() || utf8_length(t.key) > 128)
    return invalid_value("Tag key must be between 1 and 128 characters long.");
  // CloudFormation tags what a stack makes with its own `aws:cloudformation:` keys; nobody else may.
  bool cloudformation = called_by_cloudformation(ctx) && t.key.starts_with("aws:cloudformation:");
  if (t.key.starts_with("aws:") && !cloudformation)
    return invalid_value("Tag keys starting with 'aws:' are reserved for internal use");
  if (utf8_length(t.value) > 256) return invalid_value("Tag value exceeds the maximum length of 256 characters");
  return core::ok();
}

/// Applies `change` to the tags of whatever resource `id` is.
template <typename Change>
core::Result<void> retag(ResourceTable& table, const std::string& id, Change change) {
  auto edit = [&](auto found, auto not_found) -> core::Result<void> {
    if (!found) return found.failure();
    if (!*found) return not_found(id);
    if (auto ok = change((*found)->tags); !ok) return ok;
    return table.put(**found);
  };
  if (id.starts_with("vpc-")) return edit(table.vpc(id), vpc_not_found);
  if (id.starts_with("subnet-")) return edit(table.subnet(id), subnet_not_found);
  if (id.starts_with("igw-")) return edit(table.gateway(id), gateway_not_found);
  if (id.starts_with("rtb-")) return edit(table.route_table(id), route_table_not_found);
  if (id.starts_with("sg-")) return edit(table.security_group(id), group_not_found);
  return aws_error("InvalidID", "The ID '" + id.substr(0, 128) + "' is not valid");
}

}  // namespace

core::Result<std::vector<Tag>> tags_for(const CallContext& ctx, const std::vector<TagSpecification>& specs,
                                        std::string_view resource_type) {
  std::vector<Tag> out;
  for (const auto& spec : specs) {
    if (spec.resource_type != resource_type)
      return invalid_value("'" + spec.resource_type.substr(0, 64) +
                           "' is not a valid taggable resource type for this operation.");
    if (auto ok = merge_tags(ctx, out, spec.tags); !ok) return ok.failure();
  }
  return out;
}

core::Result<void> merge_tags(const CallContext& ctx, std::vector<Tag>& current, const std::vector<Tag>& added) {
  for (const auto& t : added) {
    if (auto ok = check_tag(ctx, t); !ok) return ok;
    auto it = std::find_if(current.begin(), current.end(), [&](const Tag& c) { return c.key == t.key; });
    if (it != current.end())
      it->value = t.value;
    else
      current.push_back(t);
  }
  if (current.size() > kMaxTags)
    return aws_error("TagLimitExceeded", "The maximum number of Tags for a resource has been reached.");
  return core::ok();
}

core::Result<void> Ec2Service::create_tags(const CallContext& ctx, const CreateTagsRequest& r) {
  if (r.resources.empty()) return aws_error("MissingParameter", "The request must contain the parameter resourceIdSet");
  if (r.tags.empty()) return aws_error("MissingParameter", "The request must contain the parameter tagSet");
  return house_.db.transaction([&](store::Tx& tx) -> core::Result<void> {
    ResourceTable table(tx, ctx.principal.account_id, ctx.region);
    for (const auto& id : r.resources)
      if (auto ok = retag(table, id, [&](std::vector<Tag>& tags) { return merge_tags(ctx, tags, r.tags); }); !ok)
        return ok;
    return core::ok();
  });
}

core::Result<void> Ec2Service::delete_tags(const CallContext& ctx, const DeleteTagsRequest& r) {
  if (r.resources.empty()) return aws_error("MissingParameter", "The request must contain the parameter resourceIdSet");
  return house_.db.transaction([&](store::Tx& tx) -> core::Result<void> {
    ResourceTable table(tx, ctx.principal.account_id, ctx.region);
    for (const auto& id : r.resources) {
      auto ok = retag(table, id, [&](std::vector<Tag>& tags) -> core::Result<void> {
        // No tags named: every tag goes. A key alone: whatever its value. With a value: only then.
        std::erase_if(tags, [&](const Tag& t) {
          if (r.tags.empty()) return true;
          return std::any_of(r.tags.begin(), r.tags.end(),
                             [&](const auto& d) { return d.first == t.key && (!d.second || *d.second == t.value); });
        });
        return core::ok();
      });
      if (!ok) return ok;
    }
    return core::ok();
  });
}

}  // namespace hoplite::local::ec2
