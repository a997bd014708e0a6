#include "local/cloudformation/providers/ec2_tags.hpp"

#include <algorithm>
#include <optional>
#include <utility>

#include "local/cloudformation/providers/properties.hpp"
#include "local/ec2/ec2_service.hpp"

namespace hoplite::local::cloudformation {

std::vector<aws::ec2::Tag> ec2_tags(const nlohmann::json& props) {
  std::vector<aws::ec2::Tag> out;
  auto it = props.find("Tags");
  if (it == props.end() || !it->is_array()) return out;
  for (const auto& t : *it)
    if (t.is_object()) out.push_back({.key = text(t, "Key").value_or(""), .value = text(t, "Value").value_or("")});
  return out;
}

std::vector<aws::ec2::TagSpecification> ec2_tag_specifications(const ProviderCall& call, const nlohmann::json& props,
                                                               const std::string& resource_type) {
  // In the order AWS lists them (recorded: cfn-ec2-cfn_with_multiple_route_table_associations).
  std::vector<aws::ec2::Tag> tags = {{.key = "aws:cloudformation:stack-id", .value = call.stack_id},
                                     {.key = "aws:cloudformation:logical-id", .value = call.logical_id},
                                     {.key = "aws:cloudformation:stack-name", .value = call.stack_name}};
  for (auto& t : ec2_tags(props)) tags.push_back(std::move(t));
  return {{.resource_type = resource_type, .tags = std::move(tags)}};
}

core::Result<void> ec2_retag(ec2::Ec2Service& ec2, const CallContext& ctx, const std::string& id,
                             const nlohmann::json& before, const nlohmann::json& after) {
  auto was = ec2_tags(before);
  auto now = ec2_tags(after);
  if (was == now) return core::ok();
  std::vector<std::pair<std::string, std::optional<std::string>>> gone;
  for (const auto& t : was)
    if (std::none_of(now.begin(), now.end(), [&](const auto& n) { return n.key == t.key; }))
      gone.emplace_back(t.key, std::nullopt);
  if (!gone.empty())
    if (auto r = ec2.delete_tags(ctx, {.resources = {id}, .tags = gone}); !r) return r;
  if (now.empty()) return core::ok();
  return ec2.create_tags(ctx, {.resources = {id}, .tags = now});
}

}  // namespace hoplite::local::cloudformation
