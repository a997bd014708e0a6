// What comes with a VPC, and the default VPC of an account and region, as AWS makes them.
#include "local/ec2/ec2_vpc_defaults.hpp"

#include "local/ec2/ec2_errors.hpp"
#include "local/regions.hpp"

namespace hoplite::local::ec2 {

using namespace aws::ec2;

RouteTable main_route_table(const Vpc& vpc) {
  RouteTable t{
      .route_table_id = new_id("rtb"),
      .vpc_id = vpc.vpc_id,
      .owner_id = vpc.owner_id,
      .routes = {{.destination_cidr_block = vpc.cidr_block, .gateway_id = "local", .origin = "CreateRouteTable"}}};
  t.associations.push_back(
      {.route_table_association_id = new_id("rtbassoc"), .route_table_id = t.route_table_id, .main = true});
  return t;
}

SecurityGroup default_security_group(const Vpc& vpc) {
  SecurityGroup g{.group_id = new_id("sg"),
                  .group_name = "default",
                  .description = "default VPC security group",
                  .vpc_id = vpc.vpc_id,
                  .owner_id = vpc.owner_id};
  g.ip_permissions.push_back({.ip_protocol = "-1", .user_id_group_pairs = {{g.group_id, vpc.owner_id, {}}}});
  g.ip_permissions_egress.push_back({.ip_protocol = "-1", .ip_ranges = {{"0.0.0.0/0", {}}}});
  return g;
}

DefaultNetwork default_network(const std::string& account, std::string_view region) {
  DefaultNetwork n;
  n.vpc = {.vpc_id = new_id("vpc"),
           .cidr_block = "172.31.0.0/16",
           .cidr_block_association_id = new_id("vpc-cidr-assoc"),
           .owner_id = account,
           .dhcp_options_id = "dopt-" + std::string(17, '0'),
           .is_default = true};
  // One /20 per zone, in zone order (172.31.0.0/20, 172.31.16.0/20, …): sixteen fit in the /16,
  // more than any region has zones. Default subnets give instances public addresses.
  auto zones = availability_zones(region);
  for (std::size_t i = 0; i < zones.size() && i < 16; ++i) {
    Subnet s{.subnet_id = new_id("subnet"),
             .vpc_id = n.vpc.vpc_id,
             .cidr_block = "172.31." + std::to_string(i * 16) + ".0/20",
             .availability_zone = zones[i],
             .availability_zone_id = zone_id(region, i),
             .available_ip_address_count = 4096 - 5,  // AWS keeps 5 addresses of every subnet
             .default_for_az = true,
             .map_public_ip_on_launch = true,
             .owner_id = account};
    s.subnet_arn =
        "arn:" + partition_of(region) + ":ec2:" + std::string(region) + ":" + account + ":subnet/" + s.subnet_id;
    n.subnets.push_back(std::move(s));
  }
  n.gateway = {.internet_gateway_id = new_id("igw"), .owner_id = account, .attachments = {{.vpc_id = n.vpc.vpc_id}}};
  n.main_table = main_route_table(n.vpc);
  n.main_table.routes.push_back({.destination_cidr_block = "0.0.0.0/0", .gateway_id = n.gateway.internet_gateway_id});
  n.group = default_security_group(n.vpc);
  return n;
}

}  // namespace hoplite::local::ec2
