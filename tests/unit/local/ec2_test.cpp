// The local EC2 networking through the production client (aws::ec2::Client over InProcessClient):
// VPCs with what comes with them, subnets and their CIDR rules, gateways, route tables, security
// groups, tags, filters, and EC2's DependencyViolation rules.
#include <gtest/gtest.h>

#include <set>

#include "hoplite/aws/ec2.hpp"
#include "local_fixture.hpp"

namespace hoplite::local {
namespace {

using testing::LocalCloudTest;

class Ec2Test : public LocalCloudTest {
 protected:
  aws::ec2::Client client(const std::string& region = "us-east-1") { return aws::ec2::Client(config(creds, region)); }

  aws::ec2::Vpc make_vpc(const std::string& cidr = "10.0.0.0/16") {
    auto r = client().create_vpc({.cidr_block = cidr, .tag_specifications = {{"vpc", {{"Name", "main"}}}}});
    EXPECT_TRUE(r.ok()) << r.error().to_string();
    return r.ok() ? r->vpc : aws::ec2::Vpc{};
  }

  static void expect_error(const core::Error& e, const std::string& code, const std::string& part) {
    EXPECT_EQ(e.code, code) << e.message;
    EXPECT_EQ(e.http_status, 400);
    EXPECT_NE(e.message.find(part), std::string::npos) << e.message;
  }

  aws::StaticCredentialsProvider creds{testing::test_credentials()};
};

TEST_F(Ec2Test, AvailabilityZonesPerRegion) {
  auto zones = client("eu-west-1").describe_availability_zones({});
  ASSERT_TRUE(zones.ok()) << zones.error().to_string();
  ASSERT_EQ(zones->availability_zones.size(), 3u);
  EXPECT_EQ(zones->availability_zones[0].zone_name, "eu-west-1a");
  EXPECT_EQ(zones->availability_zones[2].zone_name, "eu-west-1c");
  EXPECT_EQ(zones->availability_zones[0].region_name, "eu-west-1");
  auto us = client().describe_availability_zones({.filters = {{"zone-name", {"nope*", "*f"}}}});
  ASSERT_TRUE(us.ok());
  ASSERT_EQ(us->availability_zones.size(), 1u);
  EXPECT_EQ(us->availability_zones[0].zone_name, "us-east-1f");
  EXPECT_EQ(us->availability_zones[0].zone_id, "use1-az6");
}

TEST_F(Ec2Test, VpcComesWithMainRouteTableAndDefaultGroup) {
  auto vpc = make_vpc();
  EXPECT_TRUE(vpc.vpc_id.starts_with("vpc-"));
  EXPECT_EQ(vpc.vpc_id.size(), 21u);
  EXPECT_EQ(vpc.cidr_block, "10.0.0.0/16");
  EXPECT_EQ(vpc.owner_id, "000000000000");
  EXPECT_EQ(vpc.tags, (std::vector<aws::ec2::Tag>{{"Name", "main"}}));
  auto c = client();
  auto tables = c.describe_route_tables({.filters = {{"vpc-id", {vpc.vpc_id}}}});
  ASSERT_TRUE(tables.ok()) << tables.error().to_string();
  ASSERT_EQ(tables->route_tables.size(), 1u);
  const auto& main = tables->route_tables[0];
  ASSERT_EQ(main.associations.size(), 1u);
  EXPECT_TRUE(main.associations[0].main);
  EXPECT_TRUE(main.associations[0].route_table_association_id.starts_with("rtbassoc-"));
  ASSERT_EQ(main.routes.size(), 1u);
  EXPECT_EQ(main.routes[0].gateway_id, "local");
  EXPECT_EQ(main.routes[0].destination_cidr_block, "10.0.0.0/16");
  auto groups = c.describe_security_groups({.filters = {{"vpc-id", {vpc.vpc_id}}, {"group-name", {"default"}}}});
  ASSERT_TRUE(groups.ok());
  ASSERT_EQ(groups->security_groups.size(), 1u);
  EXPECT_EQ(groups->security_groups[0].ip_permissions_egress[0].ip_ranges[0].cidr_ip, "0.0.0.0/0");

  auto by_tag = c.describe_vpcs({.filters = {{"tag:Name", {"ma*"}}}});
  ASSERT_TRUE(by_tag.ok());
  ASSERT_EQ(by_tag->vpcs.size(), 1u);
  auto none = c.describe_vpcs({.filters = {{"tag:Name", {"other"}}}});
  ASSERT_TRUE(none.ok());
  EXPECT_TRUE(none->vpcs.empty());
  auto bad_filter = c.describe_vpcs({.filters = {{"colour", {"x"}}}});
  ASSERT_FALSE(bad_filter.ok());
  expect_error(bad_filter.error(), "InvalidParameterValue", "The filter 'colour' is invalid");
  auto missing = c.describe_vpcs({.ids = {"vpc-00000000000000000"}});
  ASSERT_FALSE(missing.ok());
  expect_error(missing.error(), "InvalidVpcID.NotFound", "The vpc ID 'vpc-00000000000000000' does not exist");

  auto bad_cidr = c.create_vpc({.cidr_block = "10.0.0.0/8"});
  ASSERT_FALSE(bad_cidr.ok());
  expect_error(bad_cidr.error(), "InvalidVpc.Range", "The CIDR '10.0.0.0/8' is invalid.");
  auto malformed = c.create_vpc({.cidr_block = "10.0.0/16"});
  ASSERT_FALSE(malformed.ok());
  expect_error(malformed.error(), "InvalidParameterValue", "This is not a valid CIDR block.");
  // Host bits set: EC2 keeps the block's network address (AWS's recorded
  // stack_description_special_chars case).
  auto host_bits = c.create_vpc({.cidr_block = "100.30.20.0/20"});
  ASSERT_TRUE(host_bits.ok()) << host_bits.error().to_string();
  EXPECT_EQ(host_bits->vpc.cidr_block, "100.30.16.0/20");
  auto subnet_host_bits = c.create_subnet({.vpc_id = vpc.vpc_id, .cidr_block = "10.0.0.1/24"});
  ASSERT_FALSE(subnet_host_bits.ok());
  EXPECT_EQ(subnet_host_bits.error().code, "InvalidParameterValue");

  ASSERT_TRUE(c.modify_vpc_attribute({.vpc_id = vpc.vpc_id, .enable_dns_hostnames = true}).ok());
  auto attr = c.describe_vpc_attribute({.vpc_id = vpc.vpc_id, .attribute = "enableDnsHostnames"});
  ASSERT_TRUE(attr.ok());
  EXPECT_EQ(attr->enable_dns_hostnames, true);
  auto both = c.modify_vpc_attribute({.vpc_id = vpc.vpc_id, .enable_dns_support = true, .enable_dns_hostnames = true});
  ASSERT_FALSE(both.ok());
  EXPECT_EQ(both.error().code, "InvalidParameterCombination");
}

TEST_F(Ec2Test, SubnetsStayInsideTheVpcAndDoNotOverlap) {
  auto vpc = make_vpc();
  auto c = client();
  auto a = c.create_subnet({.vpc_id = vpc.vpc_id, .cidr_block = "10.0.1.0/24", .availability_zone = "us-east-1b"});
  ASSERT_TRUE(a.ok()) << a.error().to_string();
  EXPECT_TRUE(a->subnet.subnet_id.starts_with("subnet-"));
  EXPECT_EQ(a->subnet.availability_zone, "us-east-1b");
  EXPECT_EQ(a->subnet.availability_zone_id, "use1-az2");
  EXPECT_EQ(a->subnet.available_ip_address_count, 251);
  EXPECT_EQ(a->subnet.subnet_arn, "arn:aws:ec2:us-east-1:000000000000:subnet/" + a->subnet.subnet_id);
  auto overlap = c.create_subnet({.vpc_id = vpc.vpc_id, .cidr_block = "10.0.1.128/25"});
  ASSERT_FALSE(overlap.ok());
  expect_error(overlap.error(), "InvalidSubnet.Conflict", "conflicts with another subnet");
  auto outside = c.create_subnet({.vpc_id = vpc.vpc_id, .cidr_block = "10.1.0.0/24"});
  ASSERT_FALSE(outside.ok());
  expect_error(outside.error(), "InvalidSubnet.Range", "The CIDR '10.1.0.0/24' is invalid.");
  auto zone = c.create_subnet({.vpc_id = vpc.vpc_id, .cidr_block = "10.0.2.0/24", .availability_zone = "us-east-1z"});
  ASSERT_FALSE(zone.ok());
  expect_error(zone.error(), "InvalidParameterValue", "us-east-1a, us-east-1b");
  ASSERT_TRUE(c.modify_subnet_attribute({.subnet_id = a->subnet.subnet_id, .map_public_ip_on_launch = true}).ok());
  auto listed = c.describe_subnets({.filters = {{"vpc-id", {vpc.vpc_id}}, {"map-public-ip-on-launch", {"true"}}}});
  ASSERT_TRUE(listed.ok());
  ASSERT_EQ(listed->subnets.size(), 1u);
  EXPECT_TRUE(listed->subnets[0].map_public_ip_on_launch);

  auto busy = c.delete_vpc({.vpc_id = vpc.vpc_id});
  ASSERT_FALSE(busy.ok());
  expect_error(busy.error(), "DependencyViolation",
               "The vpc '" + vpc.vpc_id + "' has dependencies and cannot be deleted.");
  ASSERT_TRUE(c.delete_subnet({.subnet_id = a->subnet.subnet_id}).ok());
  ASSERT_TRUE(c.delete_vpc({.vpc_id = vpc.vpc_id}).ok());
  auto tables = c.describe_route_tables({.filters = {{"vpc-id", {vpc.vpc_id}}}});
  ASSERT_TRUE(tables.ok());
  EXPECT_TRUE(tables->route_tables.empty()) << "the main route table goes with the VPC";
}

TEST_F(Ec2Test, GatewaysRoutesAndAssociations) {
  auto vpc = make_vpc();
  auto c = client();
  auto subnet = c.create_subnet({.vpc_id = vpc.vpc_id, .cidr_block = "10.0.0.0/24"});
  ASSERT_TRUE(subnet.ok());
  auto igw = c.create_internet_gateway({});
  ASSERT_TRUE(igw.ok());
  const std::string gw = igw->internet_gateway.internet_gateway_id;
  EXPECT_TRUE(gw.starts_with("igw-"));
  auto rtb = c.create_route_table({.vpc_id = vpc.vpc_id});
  ASSERT_TRUE(rtb.ok());
  const std::string table = rtb->route_table.route_table_id;

  auto unattached = c.create_route({.route_table_id = table, .destination_cidr_block = "0.0.0.0/0", .gateway_id = gw});
  ASSERT_FALSE(unattached.ok());
  expect_error(unattached.error(), "InvalidParameterValue", "belong to different networks");
  ASSERT_TRUE(c.attach_internet_gateway({.internet_gateway_id = gw, .vpc_id = vpc.vpc_id}).ok());
  auto twice = c.attach_internet_gateway({.internet_gateway_id = gw, .vpc_id = vpc.vpc_id});
  ASSERT_FALSE(twice.ok());
  EXPECT_EQ(twice.error().code, "Resource.AlreadyAssociated");
  ASSERT_TRUE(c.create_route({.route_table_id = table, .destination_cidr_block = "0.0.0.0/0", .gateway_id = gw}).ok());
  auto dup = c.create_route({.route_table_id = table, .destination_cidr_block = "0.0.0.0/0", .gateway_id = gw});
  ASSERT_FALSE(dup.ok());
  expect_error(dup.error(), "RouteAlreadyExists", "The route identified by 0.0.0.0/0 already exists.");

  auto assoc = c.associate_route_table({.route_table_id = table, .subnet_id = subnet->subnet.subnet_id});
  ASSERT_TRUE(assoc.ok()) << assoc.error().to_string();
  EXPECT_TRUE(assoc->association_id.starts_with("rtbassoc-"));
  auto found = c.describe_route_tables({.filters = {{"association.subnet-id", {subnet->subnet.subnet_id}}}});
  ASSERT_TRUE(found.ok());
  ASSERT_EQ(found->route_tables.size(), 1u);
  EXPECT_EQ(found->route_tables[0].routes.size(), 2u);

  auto busy_table = c.delete_route_table({.route_table_id = table});
  ASSERT_FALSE(busy_table.ok());
  EXPECT_EQ(busy_table.error().code, "DependencyViolation");
  auto busy_gateway = c.delete_internet_gateway({.internet_gateway_id = gw});
  ASSERT_FALSE(busy_gateway.ok());
  expect_error(busy_gateway.error(), "DependencyViolation", "The internetGateway '" + gw + "' has dependencies");
  auto local = c.delete_route({.route_table_id = table, .destination_cidr_block = "10.0.0.0/16"});
  ASSERT_FALSE(local.ok());
  expect_error(local.error(), "InvalidParameterValue", "cannot remove local route");

  ASSERT_TRUE(c.disassociate_route_table({.association_id = assoc->association_id}).ok());
  ASSERT_TRUE(c.delete_route({.route_table_id = table, .destination_cidr_block = "0.0.0.0/0"}).ok());
  ASSERT_TRUE(c.delete_route_table({.route_table_id = table}).ok());
  ASSERT_TRUE(c.detach_internet_gateway({.internet_gateway_id = gw, .vpc_id = vpc.vpc_id}).ok());
  ASSERT_TRUE(c.delete_internet_gateway({.internet_gateway_id = gw}).ok());
}

TEST_F(Ec2Test, SecurityGroupRules) {
  auto vpc = make_vpc();
  auto c = client();
  auto web = c.create_security_group({.group_name = "web", .description = "web servers", .vpc_id = vpc.vpc_id});
  ASSERT_TRUE(web.ok()) << web.error().to_string();
  auto db = c.create_security_group({.group_name = "db", .description = "databases", .vpc_id = vpc.vpc_id});
  ASSERT_TRUE(db.ok());
  auto dup = c.create_security_group({.group_name = "web", .description = "again", .vpc_id = vpc.vpc_id});
  ASSERT_FALSE(dup.ok());
  expect_error(dup.error(), "InvalidGroup.Duplicate", "The security group 'web' already exists for VPC");

  aws::ec2::IpPermission https{
      .ip_protocol = "tcp", .from_port = 443, .to_port = 443, .ip_ranges = {{"0.0.0.0/0", "world"}}};
  ASSERT_TRUE(c.authorize_security_group_ingress({.group_id = web->group_id, .ip_permissions = {https}}).ok());
  auto again = c.authorize_security_group_ingress({.group_id = web->group_id, .ip_permissions = {https}});
  ASSERT_FALSE(again.ok());
  expect_error(again.error(), "InvalidPermission.Duplicate",
               "the specified rule \"peer: 0.0.0.0/0, TCP, from port: 443, to port: 443, ALLOW\" already exists");
  aws::ec2::IpPermission from_web{
      .ip_protocol = "6", .from_port = 5432, .to_port = 5432, .user_id_group_pairs = {{web->group_id, {}, {}}}};
  ASSERT_TRUE(c.authorize_security_group_ingress({.group_id = db->group_id, .ip_permissions = {from_web}}).ok());
  auto bad_ports = c.authorize_security_group_ingress(
      {.group_id = web->group_id, .ip_permissions = {{.ip_protocol = "tcp", .ip_ranges = {{"10.0.0.0/8", {}}}}}});
  ASSERT_FALSE(bad_ports.ok());
  EXPECT_EQ(bad_ports.error().code, "InvalidParameterValue");

  auto groups = c.describe_security_groups({.ids = {db->group_id}});
  ASSERT_TRUE(groups.ok());
  ASSERT_EQ(groups->security_groups.size(), 1u);
  const auto& rule = groups->security_groups[0].ip_permissions.at(0);
  EXPECT_EQ(rule.ip_protocol, "tcp");
  EXPECT_EQ(rule.from_port, 5432);
  EXPECT_EQ(rule.user_id_group_pairs.at(0).group_id, web->group_id);
  EXPECT_EQ(rule.user_id_group_pairs.at(0).user_id, "000000000000");

  auto referenced = c.delete_security_group({.group_id = web->group_id});
  ASSERT_FALSE(referenced.ok());
  expect_error(referenced.error(), "DependencyViolation", "has a dependent object");
  ASSERT_TRUE(c.revoke_security_group_ingress({.group_id = db->group_id, .ip_permissions = {from_web}}).ok());
  auto gone = c.revoke_security_group_ingress({.group_id = db->group_id, .ip_permissions = {from_web}});
  ASSERT_FALSE(gone.ok());
  EXPECT_EQ(gone.error().code, "InvalidPermission.NotFound");
  ASSERT_TRUE(c.delete_security_group({.group_id = web->group_id}).ok());

  auto defaults = c.describe_security_groups({.filters = {{"group-name", {"default"}}}});
  ASSERT_TRUE(defaults.ok());
  auto not_default = c.delete_security_group({.group_id = defaults->security_groups.at(0).group_id});
  ASSERT_FALSE(not_default.ok());
  EXPECT_EQ(not_default.error().code, "CannotDelete");
}

TEST_F(Ec2Test, EveryRegionHasADefaultVpc) {
  auto c = client();
  auto vpcs = c.describe_vpcs({});
  ASSERT_TRUE(vpcs.ok()) << vpcs.error().to_string();
  ASSERT_EQ(vpcs->vpcs.size(), 1u);
  const auto vpc = vpcs->vpcs[0];
  EXPECT_TRUE(vpc.is_default);
  EXPECT_EQ(vpc.cidr_block, "172.31.0.0/16");
  EXPECT_EQ(vpc.owner_id, "000000000000");
  auto hostnames = c.describe_vpc_attribute({.vpc_id = vpc.vpc_id, .attribute = "enableDnsHostnames"});
  ASSERT_TRUE(hostnames.ok());
  EXPECT_EQ(hostnames->enable_dns_hostnames, true);

  // One default /20 per zone, public addresses on launch.
  auto subnets = c.describe_subnets({.filters = {{"default-for-az", {"true"}}}});
  ASSERT_TRUE(subnets.ok());
  ASSERT_EQ(subnets->subnets.size(), 6u);  // us-east-1a … f
  std::set<std::string> zones;
  for (const auto& s : subnets->subnets) {
    EXPECT_EQ(s.vpc_id, vpc.vpc_id);
    EXPECT_TRUE(s.cidr_block.starts_with("172.31.") && s.cidr_block.ends_with(".0/20")) << s.cidr_block;
    EXPECT_EQ(s.available_ip_address_count, 4091);
    EXPECT_TRUE(s.map_public_ip_on_launch);
    zones.insert(s.availability_zone);
  }
  EXPECT_EQ(zones.size(), 6u);
  auto gateways = c.describe_internet_gateways({.filters = {{"attachment.vpc-id", {vpc.vpc_id}}}});
  ASSERT_TRUE(gateways.ok());
  ASSERT_EQ(gateways->internet_gateways.size(), 1u);
  auto tables = c.describe_route_tables({.filters = {{"vpc-id", {vpc.vpc_id}}}});
  ASSERT_TRUE(tables.ok());
  ASSERT_EQ(tables->route_tables.size(), 1u);
  ASSERT_EQ(tables->route_tables[0].routes.size(), 2u);
  EXPECT_EQ(tables->route_tables[0].routes[1].destination_cidr_block, "0.0.0.0/0");
  EXPECT_EQ(tables->route_tables[0].routes[1].gateway_id, gateways->internet_gateways[0].internet_gateway_id);
  EXPECT_TRUE(tables->route_tables[0].associations.at(0).main);

  // A group without VpcId goes into it; GroupName parameters name its groups.
  auto web = c.create_security_group({.group_name = "web", .description = "web servers"});
  ASSERT_TRUE(web.ok()) << web.error().to_string();
  auto named = c.describe_security_groups({.group_names = {"web"}});
  ASSERT_TRUE(named.ok()) << named.error().to_string();
  ASSERT_EQ(named->security_groups.size(), 1u);
  EXPECT_EQ(named->security_groups[0].group_id, web->group_id);
  EXPECT_EQ(named->security_groups[0].vpc_id, vpc.vpc_id);
  auto elsewhere = make_vpc();
  ASSERT_TRUE(c.create_security_group({.group_name = "db", .description = "d", .vpc_id = elsewhere.vpc_id}).ok());
  auto not_default = c.describe_security_groups({.group_names = {"db"}});
  ASSERT_FALSE(not_default.ok());
  expect_error(not_default.error(), "InvalidGroup.NotFound",
               "The security group 'db' does not exist in default VPC '" + vpc.vpc_id + "'");
  ASSERT_TRUE(c.delete_security_group({.group_name = "web"}).ok());

  // Each region has its own.
  auto eu = client("eu-west-1").describe_subnets({.filters = {{"default-for-az", {"true"}}}});
  ASSERT_TRUE(eu.ok());
  EXPECT_EQ(eu->subnets.size(), 3u);

  // Deleted (its subnets and gateway first, as EC2 asks), it stays deleted, restart or not.
  ASSERT_FALSE(c.delete_vpc({.vpc_id = vpc.vpc_id}).ok());
  for (const auto& s : subnets->subnets) ASSERT_TRUE(c.delete_subnet({.subnet_id = s.subnet_id}).ok());
  const auto& igw = gateways->internet_gateways[0].internet_gateway_id;
  ASSERT_TRUE(c.detach_internet_gateway({.internet_gateway_id = igw, .vpc_id = vpc.vpc_id}).ok());
  ASSERT_TRUE(c.delete_internet_gateway({.internet_gateway_id = igw}).ok());
  ASSERT_TRUE(c.delete_vpc({.vpc_id = vpc.vpc_id}).ok()) << "the main route table and default group go with it";
  open_cloud();
  auto after = client().describe_vpcs({.filters = {{"is-default", {"true"}}}});
  ASSERT_TRUE(after.ok());
  EXPECT_TRUE(after->vpcs.empty());
  auto homeless = client().create_security_group({.group_name = "web", .description = "web servers"});
  ASSERT_FALSE(homeless.ok());
  expect_error(homeless.error(), "VPCIdNotSpecified", "No default VPC for this user");
}

TEST_F(Ec2Test, TagsAndPagingAndRestart) {
  auto c = client();
  std::vector<std::string> ids;
  for (int i = 0; i < 7; ++i) ids.push_back(make_vpc("10." + std::to_string(i) + ".0.0/16").vpc_id);
  ASSERT_TRUE(c.create_tags({.resources = {ids[0], ids[1]}, .tags = {{"team", "blue"}}}).ok());
  auto reserved = c.create_tags({.resources = {ids[0]}, .tags = {{"aws:x", "y"}}});
  ASSERT_FALSE(reserved.ok());
  expect_error(reserved.error(), "InvalidParameterValue", "reserved");
  auto blue = c.describe_vpcs({.filters = {{"tag:team", {"blue"}}}});
  ASSERT_TRUE(blue.ok());
  EXPECT_EQ(blue->vpcs.size(), 2u);
  ASSERT_TRUE(c.delete_tags({.resources = {ids[0]}, .tags = {{"team", std::nullopt}}}).ok());
  blue = c.describe_vpcs({.filters = {{"tag-key", {"team"}}}});
  ASSERT_TRUE(blue.ok());
  EXPECT_EQ(blue->vpcs.size(), 1u);

  const std::vector<aws::ec2::Filter> mine = {{"is-default", {"false"}}};
  auto first = c.describe_vpcs({.filters = mine, .max_results = 5});
  ASSERT_TRUE(first.ok()) << first.error().to_string();
  EXPECT_EQ(first->vpcs.size(), 5u);
  ASSERT_TRUE(first->next_token);
  auto rest = c.describe_vpcs({.filters = mine, .max_results = 5, .next_token = first->next_token});
  ASSERT_TRUE(rest.ok());
  EXPECT_EQ(rest->vpcs.size(), 2u);
  EXPECT_FALSE(rest->next_token);

  open_cloud();
  auto after = client().describe_vpcs({.ids = {ids[1]}});
  ASSERT_TRUE(after.ok()) << after.error().to_string();
  EXPECT_EQ(after->vpcs.at(0).tags.size(), 2u);
}

}  // namespace
}  // namespace hoplite::local
