#pragma once
/// \file
/// Amazon EC2 networking: availability zones, VPCs, subnets, internet gateways, route tables
/// and security groups, with tags and filters. The request and response shapes are shared with the
/// local cloud's EC2 (ec2_wire.hpp encodes and decodes them both ways). EC2's query dialect:
/// flattened lists (`VpcId.1`, `Filter.1.Value.2`) in requests, `<…Set><item>` lists in responses.
/// API: https://docs.aws.amazon.com/AWSEC2/latest/APIReference/

#include <optional>
#include <string>
#include <vector>

#include "hoplite/aws/caller.hpp"

namespace hoplite::aws::ec2 {

/// EC2's query dialect, version 2016-11-15, signing name `ec2`.
[[nodiscard]] ServiceInfo service_info();

struct Tag {
  std::string key;
  std::string value;
  bool operator==(const Tag&) const = default;
};

/// Tags to put on the resource a Create call makes: `resource_type` is `vpc`, `subnet`,
/// `internet-gateway`, `route-table` or `security-group`.
struct TagSpecification {
  std::string resource_type;
  std::vector<Tag> tags;
};

/// A Describe filter: `vpc-id`, `tag:Name`, `tag-key`, `state`, `cidr-block`, … (each operation
/// lists its own). Values may hold `*` and `?` wildcards.
struct Filter {
  std::string name;
  std::vector<std::string> values;
};

/// What every Describe call of this file takes: ids (empty: all), filters, paging.
struct DescribeRequest {
  std::vector<std::string> ids;          ///< VpcId.N, SubnetId.N, InternetGatewayId.N, RouteTableId.N, GroupId.N
  std::vector<std::string> group_names;  ///< DescribeSecurityGroups only (GroupName.N)
  std::vector<Filter> filters;
  std::optional<int> max_results;  ///< 5–1000; without it, everything in one page
  std::optional<std::string> next_token;
};

// ---- availability zones ----

struct AvailabilityZone {
  std::string zone_name;  ///< us-east-1a
  std::string zone_id;    ///< use1-az1
  std::string region_name;
  std::string state = "available";
  std::string opt_in_status = "opt-in-not-required";
  std::string group_name;  ///< the region
  std::string network_border_group;
  std::string zone_type = "availability-zone";
};

struct DescribeAvailabilityZonesRequest {
  std::vector<std::string> zone_names;
  std::vector<std::string> zone_ids;
  std::vector<Filter> filters;
  std::optional<bool> all_availability_zones;
};
struct DescribeAvailabilityZonesResponse {
  std::vector<AvailabilityZone> availability_zones;
};

// ---- VPCs ----

struct Vpc {
  std::string vpc_id;
  std::string cidr_block;
  std::string cidr_block_association_id;  ///< `vpc-cidr-assoc-…`
  std::string state = "available";
  std::string owner_id;
  std::string instance_tenancy = "default";
  std::string dhcp_options_id = "default";
  bool is_default = false;
  std::vector<Tag> tags;
};

struct CreateVpcRequest {
  std::string cidr_block;  ///< /16 to /28
  std::optional<std::string> instance_tenancy;
  std::vector<TagSpecification> tag_specifications;
};
struct CreateVpcResponse {
  Vpc vpc;
};
struct DescribeVpcsResponse {
  std::vector<Vpc> vpcs;
  std::optional<std::string> next_token;
};
struct DeleteVpcRequest {
  std::string vpc_id;
};

struct ModifyVpcAttributeRequest {
  std::string vpc_id;
  std::optional<bool> enable_dns_support;
  std::optional<bool> enable_dns_hostnames;
};
struct DescribeVpcAttributeRequest {
  std::string vpc_id;
  std::string attribute;  ///< enableDnsSupport, enableDnsHostnames
};
struct DescribeVpcAttributeResponse {
  std::string vpc_id;
  std::optional<bool> enable_dns_support;
  std::optional<bool> enable_dns_hostnames;
};

// ---- subnets ----

struct Subnet {
  std::string subnet_id;
  std::string subnet_arn;
  std::string vpc_id;
  std::string cidr_block;
  std::string availability_zone;
  std::string availability_zone_id;
  int available_ip_address_count = 0;
  std::string state = "available";
  bool default_for_az = false;
  bool map_public_ip_on_launch = false;
  std::string owner_id;
  std::vector<Tag> tags;
};

struct CreateSubnetRequest {
  std::string vpc_id;
  std::string cidr_block;
  std::optional<std::string> availability_zone;
  std::optional<std::string> availability_zone_id;
  std::vector<TagSpecification> tag_specifications;
};
struct CreateSubnetResponse {
  Subnet subnet;
};
struct DescribeSubnetsResponse {
  std::vector<Subnet> subnets;
  std::optional<std::string> next_token;
};
struct DeleteSubnetRequest {
  std::string subnet_id;
};
struct ModifySubnetAttributeRequest {
  std::string subnet_id;
  std::optional<bool> map_public_ip_on_launch;
};

// ---- internet gateways ----

struct InternetGatewayAttachment {
  std::string vpc_id;
  std::string state = "available";  ///< what AWS shows for an attached gateway
};
struct InternetGateway {
  std::string internet_gateway_id;
  std::string owner_id;
  std::vector<InternetGatewayAttachment> attachments;
  std::vector<Tag> tags;
};
struct CreateInternetGatewayRequest {
  std::vector<TagSpecification> tag_specifications;
};
struct CreateInternetGatewayResponse {
  InternetGateway internet_gateway;
};
struct DescribeInternetGatewaysResponse {
  std::vector<InternetGateway> internet_gateways;
  std::optional<std::string> next_token;
};
/// DeleteInternetGateway (vpc_id unused), AttachInternetGateway, DetachInternetGateway.
struct InternetGatewayRequest {
  std::string internet_gateway_id;
  std::string vpc_id;
};

// ---- route tables ----

struct Route {
  std::string destination_cidr_block;
  std::optional<std::string> gateway_id;  ///< `local` for the VPC's own route, or an `igw-…`
  std::optional<std::string> nat_gateway_id;
  std::string origin = "CreateRoute";  ///< CreateRouteTable for the local route
  std::string state = "active";
};
struct RouteTableAssociation {
  std::string route_table_association_id;  ///< `rtbassoc-…`
  std::string route_table_id;
  std::optional<std::string> subnet_id;
  std::optional<std::string> gateway_id;
  bool main = false;
  std::string state = "associated";
};
struct RouteTable {
  std::string route_table_id;
  std::string vpc_id;
  std::string owner_id;
  std::vector<Route> routes;
  std::vector<RouteTableAssociation> associations;
  std::vector<Tag> tags;
};
struct CreateRouteTableRequest {
  std::string vpc_id;
  std::vector<TagSpecification> tag_specifications;
};
struct CreateRouteTableResponse {
  RouteTable route_table;
};
struct DescribeRouteTablesResponse {
  std::vector<RouteTable> route_tables;
  std::optional<std::string> next_token;
};
struct DeleteRouteTableRequest {
  std::string route_table_id;
};
struct CreateRouteRequest {
  std::string route_table_id;
  std::string destination_cidr_block;
  std::optional<std::string> gateway_id;
  std::optional<std::string> nat_gateway_id;
};
struct DeleteRouteRequest {
  std::string route_table_id;
  std::string destination_cidr_block;
};
struct AssociateRouteTableRequest {
  std::string route_table_id;
  std::optional<std::string> subnet_id;
  std::optional<std::string> gateway_id;
};
struct AssociateRouteTableResponse {
  std::string association_id;
  std::string state = "associated";
};
struct DisassociateRouteTableRequest {
  std::string association_id;
};

// ---- security groups ----

struct IpRange {
  std::string cidr_ip;
  std::optional<std::string> description;
  bool operator==(const IpRange&) const = default;
};
struct Ipv6Range {
  std::string cidr_ipv6;
  std::optional<std::string> description;
  bool operator==(const Ipv6Range&) const = default;
};
struct UserIdGroupPair {
  std::string group_id;
  std::optional<std::string> user_id;
  std::optional<std::string> description;
  bool operator==(const UserIdGroupPair&) const = default;
};
struct IpPermission {
  std::string ip_protocol;  ///< tcp, udp, icmp, icmpv6, a protocol number, or -1 (all)
  std::optional<int> from_port;
  std::optional<int> to_port;
  std::vector<IpRange> ip_ranges;
  std::vector<Ipv6Range> ipv6_ranges;
  std::vector<UserIdGroupPair> user_id_group_pairs;
  bool operator==(const IpPermission&) const = default;
};
struct SecurityGroup {
  std::string group_id;
  std::string group_name;
  std::string description;
  std::string vpc_id;
  std::string owner_id;
  std::vector<IpPermission> ip_permissions;
  std::vector<IpPermission> ip_permissions_egress;
  std::vector<Tag> tags;
};
struct CreateSecurityGroupRequest {
  std::string group_name;
  std::string description;
  std::optional<std::string> vpc_id;  ///< default: the region's default VPC (none locally: required)
  std::vector<TagSpecification> tag_specifications;
};
struct CreateSecurityGroupResponse {
  std::string group_id;
};
struct DescribeSecurityGroupsResponse {
  std::vector<SecurityGroup> security_groups;
  std::optional<std::string> next_token;
};
struct DeleteSecurityGroupRequest {
  std::optional<std::string> group_id;
  std::optional<std::string> group_name;
};
/// Authorize/RevokeSecurityGroupIngress/Egress.
struct SecurityGroupRulesRequest {
  std::string group_id;
  std::vector<IpPermission> ip_permissions;
};
struct SecurityGroupRulesResponse {
  bool return_value = true;
};

// ---- tags ----

struct CreateTagsRequest {
  std::vector<std::string> resources;
  std::vector<Tag> tags;
};
/// A tag without a value deletes the key whatever its value; with one, only that value.
struct DeleteTagsRequest {
  std::vector<std::string> resources;
  std::vector<std::pair<std::string, std::optional<std::string>>> tags;
};

class Client {
 public:
  explicit Client(const ClientConfig& config);

  core::Result<DescribeAvailabilityZonesResponse> describe_availability_zones(
      const DescribeAvailabilityZonesRequest& request);
  core::Result<CreateVpcResponse> create_vpc(const CreateVpcRequest& request);
  core::Result<DescribeVpcsResponse> describe_vpcs(const DescribeRequest& request);
  core::Result<void> delete_vpc(const DeleteVpcRequest& request);
  core::Result<void> modify_vpc_attribute(const ModifyVpcAttributeRequest& request);
  core::Result<DescribeVpcAttributeResponse> describe_vpc_attribute(const DescribeVpcAttributeRequest& request);
  core::Result<CreateSubnetResponse> create_subnet(const CreateSubnetRequest& request);
  core::Result<DescribeSubnetsResponse> describe_subnets(const DescribeRequest& request);
  core::Result<void> delete_subnet(const DeleteSubnetRequest& request);
  core::Result<void> modify_subnet_attribute(const ModifySubnetAttributeRequest& request);
  core::Result<CreateInternetGatewayResponse> create_internet_gateway(const CreateInternetGatewayRequest& request);
  core::Result<DescribeInternetGatewaysResponse> describe_internet_gateways(const DescribeRequest& request);
  core::Result<void> delete_internet_gateway(const InternetGatewayRequest& request);
  core::Result<void> attach_internet_gateway(const InternetGatewayRequest& request);
  core::Result<void> detach_internet_gateway(const InternetGatewayRequest& request);
  core::Result<CreateRouteTableResponse> create_route_table(const CreateRouteTableRequest& request);
  core::Result<DescribeRouteTablesResponse> describe_route_tables(const DescribeRequest& request);
  core::Result<void> delete_route_table(const DeleteRouteTableRequest& request);
  core::Result<void> create_route(const CreateRouteRequest& request);
  core::Result<void> delete_route(const DeleteRouteRequest& request);
  core::Result<AssociateRouteTableResponse> associate_route_table(const AssociateRouteTableRequest& request);
  core::Result<void> disassociate_route_table(const DisassociateRouteTableRequest& request);
  core::Result<CreateSecurityGroupResponse> create_security_group(const CreateSecurityGroupRequest& request);
  core::Result<DescribeSecurityGroupsResponse> describe_security_groups(const DescribeRequest& request);
  core::Result<void> delete_security_group(const DeleteSecurityGroupRequest& request);
  core::Result<void> authorize_security_group_ingress(const SecurityGroupRulesRequest& request);
  core::Result<void> authorize_security_group_egress(const SecurityGroupRulesRequest& request);
  core::Result<void> revoke_security_group_ingress(const SecurityGroupRulesRequest& request);
  core::Result<void> revoke_security_group_egress(const SecurityGroupRulesRequest& request);
  core::Result<void> create_tags(const CreateTagsRequest& request);
  core::Result<void> delete_tags(const DeleteTagsRequest& request);

 private:
  Caller caller_;
};

}  // namespace hoplite::aws::ec2
