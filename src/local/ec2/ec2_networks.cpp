// EC2 operations on availability zones, VPCs and subnets.
#include <algorithm>

#include "local/ec2/ec2_cidr.hpp"
#include "local/ec2/ec2_describe.hpp"
#include "local/ec2/ec2_errors.hpp"
#include "local/ec2/ec2_service.hpp"
#include "local/ec2/ec2_state.hpp"
#include "local/ec2/ec2_tagging.hpp"
#include "local/ec2/ec2_vpc_defaults.hpp"
#include "local/regions.hpp"
#include "local/store/database.hpp"

namespace hoplite::local::ec2 {
namespace {

using namespace aws::ec2;

std::string cidr_text(const Cidr& c) {
  return std::to_string(c.address >> 24) + "." + std::to_string((c.address >> 16) & 0xFF) + "." +
         std::to_string((c.address >> 8) & 0xFF) + "." + std::to_string(c.address & 0xFF) + "/" +
         std::to_string(c.prefix);
}

/// A VPC's or subnet's block: well-formed (InvalidParameterValue) and /16–/28 (`range_code`).
/// With `host_bits`, an address inside the block stands for the block (EC2 keeps the network
/// address: a VPC asked for as 100.30.20.0/20 is 100.30.16.0/20).
core::Result<Cidr> block(std::string_view text, std::string_view member, std::string_view range_code,
                         bool host_bits = false) {
  auto c = parse_cidr(text, !host_bits);
  if (!c)
    return invalid_value("Value (" + std::string(text.substr(0, 64)) + ") for parameter " + std::string(member) +
                         " is invalid. This is not a valid CIDR block.");
  if (c->prefix < 16 || c->prefix > 28)
    return aws_error(std::string(range_code), "The CIDR '" + std::string(text) + "' is invalid.");
  return *c;
}

FieldValues vpc_fields(const Vpc& v) {
  return [&v](std::string_view name) -> std::optional<std::vector<std::string>> {
    if (name == "vpc-id") return one(v.vpc_id);
    if (name == "cidr" || name == "cidr-block-association.cidr-block" || name == "cidrBlock") return one(v.cidr_block);
    if (name == "cidr-block-association.association-id") return one(v.cidr_block_association_id);
    if (name == "cidr-block-association.state") return one(std::string("associated"));
    if (name == "state") return one(v.state);
    if (name == "is-default" || name == "isDefault") return one(v.is_default);
    if (name == "owner-id") return one(v.owner_id);
    if (name == "dhcp-options-id") return one(v.dhcp_options_id);
    if (name == "instance-tenancy") return one(v.instance_tenancy);
    return std::nullopt;
  };
}

FieldValues subnet_fields(const Subnet& s) {
  return [&s](std::string_view name) -> std::optional<std::vector<std::string>> {
    if (name == "subnet-id" || name == "subnetId") return one(s.subnet_id);
    if (name == "subnet-arn") return one(s.subnet_arn);
    if (name == "vpc-id" || name == "vpcId") return one(s.vpc_id);
    if (name == "cidr-block" || name == "cidr" || name == "cidrBlock") return one(s.cidr_block);
    if (name == "availability-zone" || name == "availabilityZone") return one(s.availability_zone);
    if (name == "availability-zone-id" || name == "availabilityZoneId") return one(s.availability_zone_id);
    if (name == "state") return one(s.state);
    if (name == "default-for-az" || name == "defaultForAz") return one(s.default_for_az);
    if (name == "map-public-ip-on-launch") return one(s.map_public_ip_on_launch);
    if (name == "available-ip-address-count") return one(std::to_string(s.available_ip_address_count));
    if (name == "owner-id") return one(s.owner_id);
    return std::nullopt;
  };
}

}  // namespace

core::Result<DescribeAvailabilityZonesResponse> Ec2Service::describe_availability_zones(
    const CallContext& ctx, const DescribeAvailabilityZonesRequest& r) {
  auto names = availability_zones(ctx.region);
  DescribeAvailabilityZonesResponse out;
  for (std::size_t i = 0; i < names.size(); ++i) {
    AvailabilityZone z{.zone_name = names[i],
                       .zone_id = zone_id(ctx.region, i),
                       .region_name = ctx.region,
                       .group_name = ctx.region,
                       .network_border_group = ctx.region};
    if (!r.zone_names.empty() && std::find(r.zone_names.begin(), r.zone_names.end(), z.zone_name) == r.zone_names.end())
      continue;
    if (!r.zone_ids.empty() && std::find(r.zone_ids.begin(), r.zone_ids.end(), z.zone_id) == r.zone_ids.end()) continue;
    auto match = matches(r.filters, {}, [&z](std::string_view name) -> std::optional<std::vector<std::string>> {
      if (name == "zone-name") return one(z.zone_name);
      if (name == "zone-id") return one(z.zone_id);
      if (name == "region-name") return one(z.region_name);
      if (name == "state") return one(z.state);
      if (name == "zone-type") return one(z.zone_type);
      if (name == "opt-in-status") return one(z.opt_in_status);
      if (name == "group-name") return one(z.group_name);
      if (name == "network-border-group") return one(z.network_border_group);
      return std::nullopt;
    });
    if (!match) return match.failure();
    if (*match) out.availability_zones.push_back(std::move(z));
  }
  for (const auto& name : r.zone_names)
    if (std::find(names.begin(), names.end(), name) == names.end())
      return invalid_value("The zone '" + name.substr(0, 64) + "' does not exist.");
  return out;
}

core::Result<CreateVpcResponse> Ec2Service::create_vpc(const CallContext& ctx, const CreateVpcRequest& r) {
  if (r.cidr_block.empty())
    return aws_error("MissingParameter", "Either 'cidrBlock' or 'ipv4IpamPoolId' should be provided.");
  // EC2 takes a VPC block with host bits set and keeps its network address (AWS's recorded
  // stack_description_special_chars case creates 100.30.20.0/20).
  auto cidr = block(r.cidr_block, "cidrBlock", "InvalidVpc.Range", true);
  if (!cidr) return cidr.failure();
  const std::string tenancy = r.instance_tenancy.value_or("default");
  if (tenancy != "default" && tenancy != "dedicated")
    return invalid_value("Value (" + tenancy.substr(0, 64) + ") for parameter instanceTenancy is invalid.");
  auto tags = tags_for(ctx, r.tag_specifications, "vpc");
  if (!tags) return tags.failure();
  const std::string& account = ctx.principal.account_id;
  Vpc vpc{.vpc_id = new_id("vpc"),
          .cidr_block = cidr_text(*cidr),
          .cidr_block_association_id = new_id("vpc-cidr-assoc"),
          .owner_id = account,
          .instance_tenancy = tenancy,
          .dhcp_options_id = "dopt-" + std::string(17, '0'),
          .tags = std::move(*tags)};
  // Every VPC comes with its main route table (a local route) and its default security group
  // (all egress; ingress from itself), as in AWS.
  RouteTable main_table = main_route_table(vpc);
  SecurityGroup defaults = default_security_group(vpc);
  auto done = house_.db.transaction([&](store::Tx& tx) -> core::Result<void> {
    ResourceTable table(tx, account, ctx.region);
    if (auto ok = table.put(vpc); !ok) return ok;
    if (auto ok = table.put(main_table); !ok) return ok;
    if (auto ok = table.put(defaults); !ok) return ok;
    return table.set_extras(vpc.vpc_id, {});
  });
  if (!done) return done.failure();
  return CreateVpcResponse{.vpc = std::move(vpc)};
}

core::Result<DescribeVpcsResponse> Ec2Service::describe_vpcs(const CallContext& ctx, const DescribeRequest& r) {
  return house_.db.transaction<DescribeVpcsResponse>([&](store::Tx& tx) -> core::Result<DescribeVpcsResponse> {
    ResourceTable table(tx, ctx.principal.account_id, ctx.region);
    auto all = table.vpcs();
    if (!all) return all.failure();
    auto page = select(
        std::move(*all), r, "ec2.DescribeVpcs", [](const Vpc& v) -> const std::string& { return v.vpc_id; }, vpc_fields,
        vpc_not_found);
    if (!page) return page.failure();
    return DescribeVpcsResponse{.vpcs = std::move(page->items), .next_token = std::move(page->next_token)};
  });
}

core::Result<void> Ec2Service::delete_vpc(const CallContext& ctx, const DeleteVpcRequest& r) {
  return house_.db.transaction([&](store::Tx& tx) -> core::Result<void> {
    ResourceTable table(tx, ctx.principal.account_id, ctx.region);
    auto vpc = table.vpc(r.vpc_id);
    if (!vpc) return vpc.failure();
    if (!*vpc) return vpc_not_found(r.vpc_id);
    // What AWS removes with the VPC: its main route table and default security group. Anything
    // else still in it is a dependency.
    auto subnets = table.subnets();
    auto gateways = table.gateways();
    auto tables = table.route_tables();
    auto groups = table.security_groups();
    if (!subnets || !gateways || !tables || !groups) return core::fail("local.store", "EC2 state unreadable");
    std::vector<std::string> owned;
    for (const auto& s : *subnets)
      if (s.vpc_id == r.vpc_id) return dependency_violation("vpc", r.vpc_id);
    for (const auto& g : *gateways)
      for (const auto& a : g.attachments)
        if (a.vpc_id == r.vpc_id) return dependency_violation("vpc", r.vpc_id);
    for (const auto& t : *tables) {
      if (t.vpc_id != r.vpc_id) continue;
      bool has_main = std::any_of(t.associations.begin(), t.associations.end(), [](const auto& a) { return a.main; });
      if (!has_main) return dependency_violation("vpc", r.vpc_id);
      owned.push_back(t.route_table_id);
    }
    for (const auto& g : *groups) {
      if (g.vpc_id != r.vpc_id) continue;
      if (g.group_name != "default") return dependency_violation("vpc", r.vpc_id);
      owned.push_back(g.group_id);
    }
    for (const auto& id : owned)
      if (auto ok = table.remove(id); !ok) return ok;
    return table.remove(r.vpc_id);
  });
}

core::Result<void> Ec2Service::modify_vpc_attribute(const CallContext& ctx, const ModifyVpcAttributeRequest& r) {
  if (r.enable_dns_support.has_value() == r.enable_dns_hostnames.has_value())
    return aws_error("InvalidParameterCombination",
                     r.enable_dns_support ? "Fields for multiple attribute types specified: enableDnsSupport, "
                                            "enableDnsHostnames"
                                          : "No attributes specified.");
  return house_.db.transaction([&](store::Tx& tx) -> core::Result<void> {
    ResourceTable table(tx, ctx.principal.account_id, ctx.region);
    auto vpc = table.vpc(r.vpc_id);
    if (!vpc) return vpc.failure();
    if (!*vpc) return vpc_not_found(r.vpc_id);
    auto extras = table.extras(r.vpc_id);
    if (!extras) return extras.failure();
    if (r.enable_dns_support) extras->enable_dns_support = *r.enable_dns_support;
    if (r.enable_dns_hostnames) {
      if (*r.enable_dns_hostnames && !extras->enable_dns_support)
        return aws_error("InvalidParameterValue", "DNS hostnames cannot be enabled when DNS support is disabled.");
      extras->enable_dns_hostnames = *r.enable_dns_hostnames;
    }
    return table.set_extras(r.vpc_id, *extras);
  });
}

core::Result<DescribeVpcAttributeResponse> Ec2Service::describe_vpc_attribute(const CallContext& ctx,
                                                                              const DescribeVpcAttributeRequest& r) {
  if (r.attribute != "enableDnsSupport" && r.attribute != "enableDnsHostnames")
    return invalid_value("Value (" + r.attribute.substr(0, 64) +
                         ") for parameter attribute is invalid. Unknown attribute.");
  return house_.db.transaction<DescribeVpcAttributeResponse>(
      [&](store::Tx& tx) -> core::Result<DescribeVpcAttributeResponse> {
        ResourceTable table(tx, ctx.principal.account_id, ctx.region);
        auto vpc = table.vpc(r.vpc_id);
        if (!vpc) return vpc.failure();
        if (!*vpc) return vpc_not_found(r.vpc_id);
        auto extras = table.extras(r.vpc_id);
        if (!extras) return extras.failure();
        DescribeVpcAttributeResponse out{.vpc_id = r.vpc_id};
        if (r.attribute == "enableDnsSupport") out.enable_dns_support = extras->enable_dns_support;
        if (r.attribute == "enableDnsHostnames") out.enable_dns_hostnames = extras->enable_dns_hostnames;
        return out;
      });
}

core::Result<CreateSubnetResponse> Ec2Service::create_subnet(const CallContext& ctx, const CreateSubnetRequest& r) {
  if (r.vpc_id.empty()) return aws_error("MissingParameter", "The request must contain the parameter vpcId");
  auto cidr = block(r.cidr_block, "cidrBlock", "InvalidSubnet.Range");
  if (!cidr) return cidr.failure();
  auto tags = tags_for(ctx, r.tag_specifications, "subnet");
  if (!tags) return tags.failure();
  auto zones = availability_zones(ctx.region);
  std::size_t zone = 0;
  if (r.availability_zone || r.availability_zone_id) {
    zone = zones.size();
    for (std::size_t i = 0; i < zones.size(); ++i)
      if ((r.availability_zone && zones[i] == *r.availability_zone) ||
          (r.availability_zone_id && zone_id(ctx.region, i) == *r.availability_zone_id))
        zone = i;
    if (zone == zones.size()) {
      std::string list;
      for (const auto& z : zones) list += (list.empty() ? "" : ", ") + z;
      return invalid_value("Value (" + r.availability_zone.value_or(r.availability_zone_id.value_or("")).substr(0, 64) +
                           ") for parameter availabilityZone is invalid. Subnets can currently only be created in the "
                           "following availability zones: " +
                           list + ".");
    }
  }
  return house_.db.transaction<CreateSubnetResponse>([&](store::Tx& tx) -> core::Result<CreateSubnetResponse> {
    ResourceTable table(tx, ctx.principal.account_id, ctx.region);
    auto vpc = table.vpc(r.vpc_id);
    if (!vpc) return vpc.failure();
    if (!*vpc) return vpc_not_found(r.vpc_id);
    auto vpc_block = parse_cidr((*vpc)->cidr_block);
    if (!vpc_block || !vpc_block->contains(*cidr))
      return aws_error("InvalidSubnet.Range", "The CIDR '" + r.cidr_block + "' is invalid.");
    auto subnets = table.subnets();
    if (!subnets) return subnets.failure();
    for (const auto& s : *subnets) {
      auto other = parse_cidr(s.cidr_block);
      if (s.vpc_id == r.vpc_id && other && other->overlaps(*cidr))
        return aws_error("InvalidSubnet.Conflict", "The CIDR '" + r.cidr_block + "' conflicts with another subnet");
    }
    Subnet s{.subnet_id = new_id("subnet"),
             .vpc_id = r.vpc_id,
             .cidr_block = cidr_text(*cidr),
             .availability_zone = zones[zone],
             .availability_zone_id = zone_id(ctx.region, zone),
             // AWS keeps 5 addresses of every subnet (network, router, DNS, reserved, broadcast).
             .available_ip_address_count = static_cast<int>(cidr->size() - 5),
             .owner_id = ctx.principal.account_id,
             .tags = std::move(*tags)};
    s.subnet_arn = "arn:" + partition_of(ctx.region) + ":ec2:" + ctx.region + ":" + ctx.principal.account_id +
                   ":subnet/" + s.subnet_id;
    if (auto ok = table.put(s); !ok) return ok.failure();
    return CreateSubnetResponse{.subnet = std::move(s)};
  });
}

core::Result<DescribeSubnetsResponse> Ec2Service::describe_subnets(const CallContext& ctx, const DescribeRequest& r) {
  return house_.db.transaction<DescribeSubnetsResponse>([&](store::Tx& tx) -> core::Result<DescribeSubnetsResponse> {
    ResourceTable table(tx, ctx.principal.account_id, ctx.region);
    auto all = table.subnets();
    if (!all) return all.failure();
    auto page = select(
        std::move(*all), r, "ec2.DescribeSubnets", [](const Subnet& s) -> const std::string& { return s.subnet_id; },
        subnet_fields, subnet_not_found);
    if (!page) return page.failure();
    return DescribeSubnetsResponse{.subnets = std::move(page->items), .next_token = std::move(page->next_token)};
  });
}

core::Result<void> Ec2Service::delete_subnet(const CallContext& ctx, const DeleteSubnetRequest& r) {
  return house_.db.transaction([&](store::Tx& tx) -> core::Result<void> {
    ResourceTable table(tx, ctx.principal.account_id, ctx.region);
    auto subnet = table.subnet(r.subnet_id);
    if (!subnet) return subnet.failure();
    if (!*subnet) return subnet_not_found(r.subnet_id);
    // Its explicit route table association goes with it.
    auto tables = table.route_tables();
    if (!tables) return tables.failure();
    for (auto& t : *tables) {
      auto n = std::erase_if(t.associations, [&](const auto& a) { return a.subnet_id == r.subnet_id; });
      if (n > 0)
        if (auto ok = table.put(t); !ok) return ok;
    }
    return table.remove(r.subnet_id);
  });
}

core::Result<void> Ec2Service::modify_subnet_attribute(const CallContext& ctx, const ModifySubnetAttributeRequest& r) {
  if (!r.map_public_ip_on_launch) return aws_error("InvalidParameterCombination", "No attributes specified.");
  return house_.db.transaction([&](store::Tx& tx) -> core::Result<void> {
    ResourceTable table(tx, ctx.principal.account_id, ctx.region);
    auto subnet = table.subnet(r.subnet_id);
    if (!subnet) return subnet.failure();
    if (!*subnet) return subnet_not_found(r.subnet_id);
    (*subnet)->map_public_ip_on_launch = *r.map_public_ip_on_launch;
    return table.put(**subnet);
  });
}

}  // namespace hoplite::local::ec2
