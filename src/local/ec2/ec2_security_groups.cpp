// EC2 operations on security groups and their rules. Rules are kept the way EC2 shows them: one
// IpPermission per protocol and port range, holding every source of that range.
#include <algorithm>
#include <charconv>

#include "local/ec2/ec2_cidr.hpp"
#include "local/ec2/ec2_describe.hpp"
#include "local/ec2/ec2_errors.hpp"
#include "local/ec2/ec2_service.hpp"
#include "local/ec2/ec2_state.hpp"
#include "local/ec2/ec2_tagging.hpp"
#include "local/store/database.hpp"
#include "local/validation.hpp"

#include "hoplite/core/ascii.hpp"

namespace hoplite::local::ec2 {
namespace {

using namespace aws::ec2;

FieldValues group_fields(const SecurityGroup& g) {
  return [&g](std::string_view name) -> std::optional<std::vector<std::string>> {
    if (name == "group-id") return one(g.group_id);
    if (name == "group-name") return one(g.group_name);
    if (name == "description") return one(g.description);
    if (name == "vpc-id") return one(g.vpc_id);
    if (name == "owner-id") return one(g.owner_id);
    std::vector<std::string> out;
    if (name == "ip-permission.cidr" || name == "egress.ip-permission.cidr") {
      const auto& perms = name.starts_with("egress") ? g.ip_permissions_egress : g.ip_permissions;
      for (const auto& p : perms)
        for (const auto& r : p.ip_ranges) out.push_back(r.cidr_ip);
      return out;
    }
    if (name == "ip-permission.protocol" || name == "egress.ip-permission.protocol") {
      const auto& perms = name.starts_with("egress") ? g.ip_permissions_egress : g.ip_permissions;
      for (const auto& p : perms) out.push_back(p.ip_protocol);
      return out;
    }
    return std::nullopt;
  };
}

/// The protocol as EC2 stores it: names in lower case, 6/17/1/58 as tcp/udp/icmp/icmpv6, `all`
/// as -1. Error: InvalidParameterValue.
core::Result<std::string> protocol_of(const std::string& p) {
  const std::string lower = core::ascii_lower(p);
  if (lower == "tcp" || lower == "6") return std::string("tcp");
  if (lower == "udp" || lower == "17") return std::string("udp");
  if (lower == "icmp" || lower == "1") return std::string("icmp");
  if (lower == "icmpv6" || lower == "58") return std::string("icmpv6");
  if (lower == "-1" || lower == "all") return std::string("-1");
  int n = -1;
  auto [end, ec] = std::from_chars(lower.data(), lower.data() + lower.size(), n);
  if (ec == std::errc{} && end == lower.data() + lower.size() && n >= 0 && n <= 255) return lower;
  return invalid_value("Invalid value '" + p.substr(0, 64) + "' for IP protocol. Unknown protocol.");
}

/// A permission checked and normalised (protocol, ports, sources), as EC2 stores it.
core::Result<IpPermission> normalise(ResourceTable& table, IpPermission p) {
  auto protocol = protocol_of(p.ip_protocol);
  if (!protocol) return protocol.failure();
  p.ip_protocol = *protocol;
  if (p.ip_protocol == "tcp" || p.ip_protocol == "udp") {
    if (!p.from_port || !p.to_port || *p.from_port < 0 || *p.to_port > 65535 || *p.from_port > *p.to_port)
      return invalid_value(
          "Invalid value 'Must specify both from and to ports with TCP/UDP.' for portRange. "
          "Ports must be 0-65535 and from <= to.");
  } else if (p.ip_protocol == "icmp" || p.ip_protocol == "icmpv6") {
    if (!p.from_port) p.from_port = -1;
    if (!p.to_port) p.to_port = -1;
  } else {
    // Other protocols (and -1) have no ports: EC2 drops them.
    p.from_port.reset();
    p.to_port.reset();
  }
  for (const auto& r : p.ip_ranges)
    if (!parse_cidr(r.cidr_ip, false)) return invalid_value("CIDR block " + r.cidr_ip.substr(0, 64) + " is malformed");
  for (const auto& r : p.ipv6_ranges)
    if (r.cidr_ipv6.find(':') == std::string::npos || r.cidr_ipv6.find('/') == std::string::npos)
      return invalid_value("CIDR block " + r.cidr_ipv6.substr(0, 64) + " is malformed");
  for (auto& pair : p.user_id_group_pairs) {
    auto g = table.security_group(pair.group_id);
    if (!g) return g.failure();
    if (!*g) return group_not_found(pair.group_id);
    if (!pair.user_id) pair.user_id = (*g)->owner_id;
  }
  if (p.ip_ranges.empty() && p.ipv6_ranges.empty() && p.user_id_group_pairs.empty())
    return aws_error("MissingParameter", "Either ipRanges, ipv6Ranges or groups must be given.");
  return p;
}

bool same_range(const IpPermission& a, const IpPermission& b) {
  return a.ip_protocol == b.ip_protocol && a.from_port == b.from_port && a.to_port == b.to_port;
}

std::string describe_rule(const IpPermission& p, std::string_view peer) {
  std::string ports = p.from_port ? ", from port: " + std::to_string(*p.from_port) +
                                        ", to port: " + std::to_string(p.to_port.value_or(*p.from_port))
                                  : "";
  const std::string protocol = p.ip_protocol == "-1" ? "ALL" : core::ascii_upper(p.ip_protocol);
  return "the specified rule \"peer: " + std::string(peer) + ", " + protocol + ports + ", ALLOW\" already exists";
}

/// Adds `p`'s sources to `perms`, refusing one that is there already.
core::Result<void> add_rule(std::vector<IpPermission>& perms, const IpPermission& p) {
  auto it = std::find_if(perms.begin(), perms.end(), [&](const auto& q) { return same_range(q, p); });
  if (it == perms.end()) {
    perms.push_back({.ip_protocol = p.ip_protocol, .from_port = p.from_port, .to_port = p.to_port});
    it = std::prev(perms.end());
  }
  for (const auto& r : p.ip_ranges) {
    if (std::any_of(it->ip_ranges.begin(), it->ip_ranges.end(), [&](const auto& x) { return x.cidr_ip == r.cidr_ip; }))
      return aws_error("InvalidPermission.Duplicate", describe_rule(p, r.cidr_ip));
    it->ip_ranges.push_back(r);
  }
  for (const auto& r : p.ipv6_ranges) {
    if (std::any_of(it->ipv6_ranges.begin(), it->ipv6_ranges.end(),
                    [&](const auto& x) { return x.cidr_ipv6 == r.cidr_ipv6; }))
      return aws_error("InvalidPermission.Duplicate", describe_rule(p, r.cidr_ipv6));
    it->ipv6_ranges.push_back(r);
  }
  for (const auto& g : p.user_id_group_pairs) {
    if (std::any_of(it->user_id_group_pairs.begin(), it->user_id_group_pairs.end(),
                    [&](const auto& x) { return x.group_id == g.group_id; }))
      return aws_error("InvalidPermission.Duplicate", describe_rule(p, g.group_id));
    it->user_id_group_pairs.push_back(g);
  }
  return core::ok();
}

/// Removes `p`'s sources from `perms`; a source that is not there is InvalidPermission.NotFound.
core::Result<void> remove_rule(std::vector<IpPermission>& perms, const IpPermission& p) {
  auto not_found = [] {
    return aws_error("InvalidPermission.NotFound", "The specified rule does not exist in this security group.");
  };
  auto it = std::find_if(perms.begin(), perms.end(), [&](const auto& q) { return same_range(q, p); });
  if (it == perms.end()) return not_found();
  for (const auto& r : p.ip_ranges)
    if (std::erase_if(it->ip_ranges, [&](const auto& x) { return x.cidr_ip == r.cidr_ip; }) == 0) return not_found();
  for (const auto& r : p.ipv6_ranges)
    if (std::erase_if(it->ipv6_ranges, [&](const auto& x) { return x.cidr_ipv6 == r.cidr_ipv6; }) == 0)
      return not_found();
  for (const auto& g : p.user_id_group_pairs)
    if (std::erase_if(it->user_id_group_pairs, [&](const auto& x) { return x.group_id == g.group_id; }) == 0)
      return not_found();
  if (it->ip_ranges.empty() && it->ipv6_ranges.empty() && it->user_id_group_pairs.empty()) perms.erase(it);
  return core::ok();
}

/// The id of the region's default VPC, or nullopt when it has been deleted.
core::Result<std::optional<std::string>> default_vpc(ResourceTable& table) {
  auto vpcs = table.vpcs();
  if (!vpcs) return vpcs.failure();
  for (const auto& v : *vpcs)
    if (v.is_default) return std::optional<std::string>(v.vpc_id);
  return std::optional<std::string>{};
}

core::Failure no_default_vpc() { return aws_error("VPCIdNotSpecified", "No default VPC for this user"); }

/// A group named in the default VPC (GroupName parameters name groups there only, as in EC2).
core::Result<SecurityGroup> named_group(ResourceTable& table, const std::string& name) {
  auto vpc = default_vpc(table);
  if (!vpc) return vpc.failure();
  if (!*vpc) return no_default_vpc();
  auto groups = table.security_groups();
  if (!groups) return groups.failure();
  for (auto& g : *groups)
    if (g.vpc_id == **vpc && g.group_name == name) return std::move(g);
  return aws_error("InvalidGroup.NotFound",
                   "The security group '" + name.substr(0, 255) + "' does not exist in default VPC '" + **vpc + "'");
}

}  // namespace

core::Result<CreateSecurityGroupResponse> Ec2Service::create_security_group(const CallContext& ctx,
                                                                            const CreateSecurityGroupRequest& r) {
  if (r.group_name.empty()) return aws_error("MissingParameter", "The request must contain the parameter groupName");
  if (r.description.empty())
    return aws_error("MissingParameter", "The request must contain the parameter groupDescription");
  if (utf8_length(r.group_name) > 255 || utf8_length(r.description) > 255)
    return invalid_value("Group name and description must be at most 255 characters.");
  if (r.group_name.starts_with("sg-")) return invalid_value("Group names may not be in the format sg-*.");
  auto tags = tags_for(ctx, r.tag_specifications, "security-group");
  if (!tags) return tags.failure();
  return house_.db.transaction<CreateSecurityGroupResponse>(
      [&](store::Tx& tx) -> core::Result<CreateSecurityGroupResponse> {
        ResourceTable table(tx, ctx.principal.account_id, ctx.region);
        // Without a VpcId the group goes into the region's default VPC.
        std::string vpc_id;
        if (r.vpc_id) {
          auto vpc = table.vpc(*r.vpc_id);
          if (!vpc) return vpc.failure();
          if (!*vpc) return vpc_not_found(*r.vpc_id);
          vpc_id = *r.vpc_id;
        } else {
          auto vpc = default_vpc(table);
          if (!vpc) return vpc.failure();
          if (!*vpc) return no_default_vpc();
          vpc_id = **vpc;
        }
        auto groups = table.security_groups();
        if (!groups) return groups.failure();
        for (const auto& g : *groups)
          if (g.vpc_id == vpc_id && g.group_name == r.group_name)
            return aws_error("InvalidGroup.Duplicate",
                             "The security group '" + r.group_name + "' already exists for VPC '" + vpc_id + "'");
        SecurityGroup g{.group_id = new_id("sg"),
                        .group_name = r.group_name,
                        .description = r.description,
                        .vpc_id = vpc_id,
                        .owner_id = ctx.principal.account_id,
                        .tags = std::move(*tags)};
        g.ip_permissions_egress.push_back({.ip_protocol = "-1", .ip_ranges = {{"0.0.0.0/0", {}}}});
        if (auto ok = table.put(g); !ok) return ok.failure();
        return CreateSecurityGroupResponse{.group_id = g.group_id};
      });
}

core::Result<DescribeSecurityGroupsResponse> Ec2Service::describe_security_groups(const CallContext& ctx,
                                                                                  const DescribeRequest& r) {
  return house_.db.transaction<DescribeSecurityGroupsResponse>(
      [&](store::Tx& tx) -> core::Result<DescribeSecurityGroupsResponse> {
        ResourceTable table(tx, ctx.principal.account_id, ctx.region);
        auto all = table.security_groups();
        if (!all) return all.failure();
        // GroupNames name groups of the default VPC (others are found by the group-name filter).
        if (!r.group_names.empty()) {
          std::vector<std::string> named;
          for (const auto& name : r.group_names) {
            auto g = named_group(table, name);
            if (!g && g.error().code == "VPCIdNotSpecified")
              return aws_error("InvalidGroup.NotFound",
                               "The security group '" + name.substr(0, 255) + "' does not exist in default VPC 'none'");
            if (!g) return g.failure();
            named.push_back(g->group_id);
          }
          std::erase_if(
              *all, [&](const auto& g) { return std::find(named.begin(), named.end(), g.group_id) == named.end(); });
        }
        auto page = select(
            std::move(*all), r, "ec2.DescribeSecurityGroups",
            [](const SecurityGroup& g) -> const std::string& { return g.group_id; }, group_fields, group_not_found);
        if (!page) return page.failure();
        return DescribeSecurityGroupsResponse{.security_groups = std::move(page->items),
                                              .next_token = std::move(page->next_token)};
      });
}

core::Result<void> Ec2Service::delete_security_group(const CallContext& ctx, const DeleteSecurityGroupRequest& r) {
  if (!r.group_id && !r.group_name)
    return aws_error("MissingParameter", "The request must contain the parameter groupName or groupId");
  return house_.db.transaction([&](store::Tx& tx) -> core::Result<void> {
    ResourceTable table(tx, ctx.principal.account_id, ctx.region);
    // A group named rather than identified is one of the default VPC.
    std::string id;
    if (r.group_id) {
      id = *r.group_id;
    } else {
      auto named = named_group(table, *r.group_name);
      if (!named) return named.failure();
      id = named->group_id;
    }
    auto g = table.security_group(id);
    if (!g) return g.failure();
    if (!*g) return group_not_found(id);
    if ((*g)->group_name == "default")
      return aws_error("CannotDelete",
                       "the specified group: \"" + id + "\" name: \"default\" cannot be deleted by a user");
    auto groups = table.security_groups();
    if (!groups) return groups.failure();
    for (const auto& other : *groups) {
      if (other.group_id == id) continue;
      for (const auto* perms : {&other.ip_permissions, &other.ip_permissions_egress})
        for (const auto& p : *perms)
          for (const auto& pair : p.user_id_group_pairs)
            if (pair.group_id == id)
              return aws_error("DependencyViolation", "resource " + id + " has a dependent object");
    }
    return table.remove(id);
  });
}

core::Result<void> Ec2Service::authorize_security_group(const CallContext& ctx, const SecurityGroupRulesRequest& r,
                                                        bool egress) {
  if (r.ip_permissions.empty())
    return aws_error("MissingParameter", "The request must contain the parameter ipPermissions");
  return house_.db.transaction([&](store::Tx& tx) -> core::Result<void> {
    ResourceTable table(tx, ctx.principal.account_id, ctx.region);
    auto g = table.security_group(r.group_id);
    if (!g) return g.failure();
    if (!*g) return group_not_found(r.group_id);
    auto& perms = egress ? (*g)->ip_permissions_egress : (*g)->ip_permissions;
    for (const auto& p : r.ip_permissions) {
      auto rule = normalise(table, p);
      if (!rule) return rule.failure();
      if (auto ok = add_rule(perms, *rule); !ok) return ok;
    }
    return table.put(**g);
  });
}

core::Result<void> Ec2Service::revoke_security_group(const CallContext& ctx, const SecurityGroupRulesRequest& r,
                                                     bool egress) {
  if (r.ip_permissions.empty())
    return aws_error("MissingParameter", "The request must contain the parameter ipPermissions");
  return house_.db.transaction([&](store::Tx& tx) -> core::Result<void> {
    ResourceTable table(tx, ctx.principal.account_id, ctx.region);
    auto g = table.security_group(r.group_id);
    if (!g) return g.failure();
    if (!*g) return group_not_found(r.group_id);
    auto& perms = egress ? (*g)->ip_permissions_egress : (*g)->ip_permissions;
    for (const auto& p : r.ip_permissions) {
      auto rule = normalise(table, p);
      if (!rule) return rule.failure();
      if (auto ok = remove_rule(perms, *rule); !ok) return ok;
    }
    return table.put(**g);
  });
}

}  // namespace hoplite::local::ec2
