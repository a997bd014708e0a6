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

/// AWS's `Tag` data type: https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_Tag.html
struct Tag {
  std::string key;                              ///< `key` on the wire
  std::string value;                            ///< `value` on the wire
  bool operator==(const Tag&) const = default;  ///< member-wise
};

/// Tags to put on the resource a Create call makes: `resource_type` is `vpc`, `subnet`,
/// `internet-gateway`, `route-table` or `security-group`.
struct TagSpecification {
  std::string resource_type;  ///< `vpc`, `subnet`, …
  std::vector<Tag> tags;      ///< items named `Tag` on the wire
};

/// A Describe filter: `vpc-id`, `tag:Name`, `tag-key`, `state`, `cidr-block`, … (each operation
/// lists its own). Values may hold `*` and `?` wildcards.
struct Filter {
  std::string name;                 ///< the filter's name, e.g. `vpc-id`
  std::vector<std::string> values;  ///< values it matches (any of them)
};

/// What every Describe call of this file takes: ids (empty: all), filters, paging.
struct DescribeRequest {
  std::vector<std::string> ids;           ///< VpcId.N, SubnetId.N, InternetGatewayId.N, RouteTableId.N, GroupId.N
  std::vector<std::string> group_names;   ///< DescribeSecurityGroups only (GroupName.N)
  std::vector<Filter> filters;            ///< items named `Filter` on the wire
  std::optional<int> max_results;         ///< 5–1000; without it, everything in one page
  std::optional<std::string> next_token;  ///< `NextToken` on the wire
};

// ---- availability zones ----

/// AWS's `AvailabilityZone` data type: https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_AvailabilityZone.html
struct AvailabilityZone {
  std::string zone_name;                              ///< us-east-1a
  std::string zone_id;                                ///< use1-az1
  std::string region_name;                            ///< `regionName` on the wire
  std::string state = "available";                    ///< `state` on the wire
  std::string opt_in_status = "opt-in-not-required";  ///< `optInStatus` on the wire
  std::string group_name;                             ///< the region
  std::string network_border_group;                   ///< `networkBorderGroup` on the wire
  std::string zone_type = "availability-zone";        ///< `zoneType` on the wire
};

/// The parameters of DescribeAvailabilityZones (Client::describe_availability_zones).
struct DescribeAvailabilityZonesRequest {
  std::vector<std::string> zone_names;         ///< items named `ZoneName` on the wire
  std::vector<std::string> zone_ids;           ///< items named `ZoneId` on the wire
  std::vector<Filter> filters;                 ///< items named `Filter` on the wire
  std::optional<bool> all_availability_zones;  ///< `AllAvailabilityZones` on the wire
};
/// What DescribeAvailabilityZones returns.
struct DescribeAvailabilityZonesResponse {
  std::vector<AvailabilityZone> availability_zones;  ///< items named `AvailabilityZone` on the wire
};

// ---- VPCs ----

/// AWS's `Vpc` data type: https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_Vpc.html
struct Vpc {
  std::string vpc_id;                        ///< `VpcId` on the wire
  std::string cidr_block;                    ///< `CidrBlock` on the wire
  std::string cidr_block_association_id;     ///< `vpc-cidr-assoc-…`
  std::string state = "available";           ///< `state` on the wire
  std::string owner_id;                      ///< `ownerId` on the wire
  std::string instance_tenancy = "default";  ///< `InstanceTenancy` on the wire
  std::string dhcp_options_id = "default";   ///< `dhcpOptionsId` on the wire
  bool is_default = false;                   ///< `isDefault` on the wire
  std::vector<Tag> tags;                     ///< items named `Tag` on the wire
};

/// The parameters of CreateVpc (Client::create_vpc).
struct CreateVpcRequest {
  std::string cidr_block;                            ///< /16 to /28
  std::optional<std::string> instance_tenancy;       ///< `InstanceTenancy` on the wire
  std::vector<TagSpecification> tag_specifications;  ///< items named `TagSpecification` on the wire
};
/// What CreateVpc returns.
struct CreateVpcResponse {
  Vpc vpc;  ///< `vpc` on the wire
};
/// What DescribeVpcs returns.
struct DescribeVpcsResponse {
  std::vector<Vpc> vpcs;                  ///< `vpcSet` on the wire
  std::optional<std::string> next_token;  ///< `NextToken` on the wire
};
/// The parameters of DeleteVpc (Client::delete_vpc).
struct DeleteVpcRequest {
  std::string vpc_id;  ///< `VpcId` on the wire
};

/// The parameters of ModifyVpcAttribute (Client::modify_vpc_attribute).
struct ModifyVpcAttributeRequest {
  std::string vpc_id;                        ///< `VpcId` on the wire
  std::optional<bool> enable_dns_support;    ///< `EnableDnsSupport` on the wire
  std::optional<bool> enable_dns_hostnames;  ///< `EnableDnsHostnames` on the wire
};
/// The parameters of DescribeVpcAttribute (Client::describe_vpc_attribute).
struct DescribeVpcAttributeRequest {
  std::string vpc_id;     ///< `VpcId` on the wire
  std::string attribute;  ///< enableDnsSupport, enableDnsHostnames
};
/// What DescribeVpcAttribute returns.
struct DescribeVpcAttributeResponse {
  std::string vpc_id;                        ///< `VpcId` on the wire
  std::optional<bool> enable_dns_support;    ///< `EnableDnsSupport` on the wire
  std::optional<bool> enable_dns_hostnames;  ///< `EnableDnsHostnames` on the wire
};

// ---- subnets ----

/// AWS's `Subnet` data type: https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_Subnet.html
struct Subnet {
  std::string subnet_id;                 ///< `SubnetId` on the wire
  std::string subnet_arn;                ///< `subnetArn` on the wire
  std::string vpc_id;                    ///< `VpcId` on the wire
  std::string cidr_block;                ///< `CidrBlock` on the wire
  std::string availability_zone;         ///< `AvailabilityZone` on the wire
  std::string availability_zone_id;      ///< `AvailabilityZoneId` on the wire
  int available_ip_address_count = 0;    ///< `availableIpAddressCount` on the wire
  std::string state = "available";       ///< `state` on the wire
  bool default_for_az = false;           ///< `defaultForAz` on the wire
  bool map_public_ip_on_launch = false;  ///< `MapPublicIpOnLaunch` on the wire
  std::string owner_id;                  ///< `ownerId` on the wire
  std::vector<Tag> tags;                 ///< items named `Tag` on the wire
};

/// The parameters of CreateSubnet (Client::create_subnet).
struct CreateSubnetRequest {
  std::string vpc_id;                                ///< `VpcId` on the wire
  std::string cidr_block;                            ///< `CidrBlock` on the wire
  std::optional<std::string> availability_zone;      ///< `AvailabilityZone` on the wire
  std::optional<std::string> availability_zone_id;   ///< `AvailabilityZoneId` on the wire
  std::vector<TagSpecification> tag_specifications;  ///< items named `TagSpecification` on the wire
};
/// What CreateSubnet returns.
struct CreateSubnetResponse {
  Subnet subnet;  ///< `subnet` on the wire
};
/// What DescribeSubnets returns.
struct DescribeSubnetsResponse {
  std::vector<Subnet> subnets;            ///< `subnetSet` on the wire
  std::optional<std::string> next_token;  ///< `NextToken` on the wire
};
/// The parameters of DeleteSubnet (Client::delete_subnet).
struct DeleteSubnetRequest {
  std::string subnet_id;  ///< `SubnetId` on the wire
};
/// The parameters of ModifySubnetAttribute (Client::modify_subnet_attribute).
struct ModifySubnetAttributeRequest {
  std::string subnet_id;                        ///< `SubnetId` on the wire
  std::optional<bool> map_public_ip_on_launch;  ///< `MapPublicIpOnLaunch` on the wire
};

// ---- internet gateways ----

/// AWS's `InternetGatewayAttachment` data type:
/// https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_InternetGatewayAttachment.html
struct InternetGatewayAttachment {
  std::string vpc_id;               ///< `VpcId` on the wire
  std::string state = "available";  ///< what AWS shows for an attached gateway
};
/// AWS's `InternetGateway` data type: https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_InternetGateway.html
struct InternetGateway {
  std::string internet_gateway_id;                     ///< `InternetGatewayId` on the wire
  std::string owner_id;                                ///< `ownerId` on the wire
  std::vector<InternetGatewayAttachment> attachments;  ///< `attachmentSet` on the wire
  std::vector<Tag> tags;                               ///< items named `Tag` on the wire
};
/// The parameters of CreateInternetGateway (Client::create_internet_gateway).
struct CreateInternetGatewayRequest {
  std::vector<TagSpecification> tag_specifications;  ///< items named `TagSpecification` on the wire
};
/// What CreateInternetGateway returns.
struct CreateInternetGatewayResponse {
  InternetGateway internet_gateway;  ///< `internetGateway` on the wire
};
/// What DescribeInternetGateways returns.
struct DescribeInternetGatewaysResponse {
  std::vector<InternetGateway> internet_gateways;  ///< `internetGatewaySet` on the wire
  std::optional<std::string> next_token;           ///< `NextToken` on the wire
};
/// DeleteInternetGateway (vpc_id unused), AttachInternetGateway, DetachInternetGateway.
struct InternetGatewayRequest {
  std::string internet_gateway_id;  ///< `InternetGatewayId` on the wire
  std::string vpc_id;               ///< `VpcId` on the wire
};

// ---- route tables ----

/// AWS's `Route` data type: https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_Route.html
struct Route {
  std::string destination_cidr_block;         ///< `DestinationCidrBlock` on the wire
  std::optional<std::string> gateway_id;      ///< `local` for the VPC's own route, or an `igw-…`
  std::optional<std::string> nat_gateway_id;  ///< `NatGatewayId` on the wire
  std::string origin = "CreateRoute";         ///< CreateRouteTable for the local route
  std::string state = "active";               ///< `state` on the wire
};
/// AWS's `RouteTableAssociation` data type:
/// https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_RouteTableAssociation.html
struct RouteTableAssociation {
  std::string route_table_association_id;  ///< `rtbassoc-…`
  std::string route_table_id;              ///< `RouteTableId` on the wire
  std::optional<std::string> subnet_id;    ///< `SubnetId` on the wire
  std::optional<std::string> gateway_id;   ///< `GatewayId` on the wire
  bool main = false;                       ///< `main` on the wire
  std::string state = "associated";        ///< `state` on the wire
};
/// AWS's `RouteTable` data type: https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_RouteTable.html
struct RouteTable {
  std::string route_table_id;                       ///< `RouteTableId` on the wire
  std::string vpc_id;                               ///< `VpcId` on the wire
  std::string owner_id;                             ///< `ownerId` on the wire
  std::vector<Route> routes;                        ///< `routeSet` on the wire
  std::vector<RouteTableAssociation> associations;  ///< `associationSet` on the wire
  std::vector<Tag> tags;                            ///< items named `Tag` on the wire
};
/// The parameters of CreateRouteTable (Client::create_route_table).
struct CreateRouteTableRequest {
  std::string vpc_id;                                ///< `VpcId` on the wire
  std::vector<TagSpecification> tag_specifications;  ///< items named `TagSpecification` on the wire
};
/// What CreateRouteTable returns.
struct CreateRouteTableResponse {
  RouteTable route_table;  ///< `routeTable` on the wire
};
/// What DescribeRouteTables returns.
struct DescribeRouteTablesResponse {
  std::vector<RouteTable> route_tables;   ///< `routeTableSet` on the wire
  std::optional<std::string> next_token;  ///< `NextToken` on the wire
};
/// The parameters of DeleteRouteTable (Client::delete_route_table).
struct DeleteRouteTableRequest {
  std::string route_table_id;  ///< `RouteTableId` on the wire
};
/// The parameters of CreateRoute (Client::create_route).
struct CreateRouteRequest {
  std::string route_table_id;                 ///< `RouteTableId` on the wire
  std::string destination_cidr_block;         ///< `DestinationCidrBlock` on the wire
  std::optional<std::string> gateway_id;      ///< `GatewayId` on the wire
  std::optional<std::string> nat_gateway_id;  ///< `NatGatewayId` on the wire
};
/// The parameters of DeleteRoute (Client::delete_route).
struct DeleteRouteRequest {
  std::string route_table_id;          ///< `RouteTableId` on the wire
  std::string destination_cidr_block;  ///< `DestinationCidrBlock` on the wire
};
/// The parameters of AssociateRouteTable (Client::associate_route_table).
struct AssociateRouteTableRequest {
  std::string route_table_id;             ///< `RouteTableId` on the wire
  std::optional<std::string> subnet_id;   ///< `SubnetId` on the wire
  std::optional<std::string> gateway_id;  ///< `GatewayId` on the wire
};
/// What AssociateRouteTable returns.
struct AssociateRouteTableResponse {
  std::string association_id;        ///< `AssociationId` on the wire
  std::string state = "associated";  ///< `state` on the wire
};
/// The parameters of DisassociateRouteTable (Client::disassociate_route_table).
struct DisassociateRouteTableRequest {
  std::string association_id;  ///< `AssociationId` on the wire
};

// ---- security groups ----

/// AWS's `IpRange` data type: https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_IpRange.html
struct IpRange {
  std::string cidr_ip;                              ///< `CidrIp` on the wire
  std::optional<std::string> description;           ///< `description` on the wire
  bool operator==(const IpRange&) const = default;  ///< member-wise
};
/// AWS's `Ipv6Range` data type: https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_Ipv6Range.html
struct Ipv6Range {
  std::string cidr_ipv6;                              ///< `cidrIpv6` on the wire
  std::optional<std::string> description;             ///< `description` on the wire
  bool operator==(const Ipv6Range&) const = default;  ///< member-wise
};
/// AWS's `UserIdGroupPair` data type: https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_UserIdGroupPair.html
struct UserIdGroupPair {
  std::string group_id;                                     ///< `GroupId` on the wire
  std::optional<std::string> user_id;                       ///< `userId` on the wire
  std::optional<std::string> description;                   ///< `description` on the wire
  bool operator==(const UserIdGroupPair&) const = default;  ///< member-wise
};
/// AWS's `IpPermission` data type: https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_IpPermission.html
struct IpPermission {
  std::string ip_protocol;                               ///< tcp, udp, icmp, icmpv6, a protocol number, or -1 (all)
  std::optional<int> from_port;                          ///< `FromPort` on the wire
  std::optional<int> to_port;                            ///< `ToPort` on the wire
  std::vector<IpRange> ip_ranges;                        ///< `ipRanges` on the wire
  std::vector<Ipv6Range> ipv6_ranges;                    ///< `ipv6Ranges` on the wire
  std::vector<UserIdGroupPair> user_id_group_pairs;      ///< other security groups the rule allows
  bool operator==(const IpPermission&) const = default;  ///< member-wise
};
/// AWS's `SecurityGroup` data type: https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_SecurityGroup.html
struct SecurityGroup {
  std::string group_id;                             ///< `GroupId` on the wire
  std::string group_name;                           ///< `GroupName` on the wire
  std::string description;                          ///< `description` on the wire
  std::string vpc_id;                               ///< `VpcId` on the wire
  std::string owner_id;                             ///< `ownerId` on the wire
  std::vector<IpPermission> ip_permissions;         ///< `IpPermissions` on the wire
  std::vector<IpPermission> ip_permissions_egress;  ///< `ipPermissionsEgress` on the wire
  std::vector<Tag> tags;                            ///< items named `Tag` on the wire
};
/// The parameters of CreateSecurityGroup (Client::create_security_group).
struct CreateSecurityGroupRequest {
  std::string group_name;                            ///< `GroupName` on the wire
  std::string description;                           ///< `description` on the wire
  std::optional<std::string> vpc_id;                 ///< default: the region's default VPC
  std::vector<TagSpecification> tag_specifications;  ///< items named `TagSpecification` on the wire
};
/// What CreateSecurityGroup returns.
struct CreateSecurityGroupResponse {
  std::string group_id;  ///< `GroupId` on the wire
};
/// What DescribeSecurityGroups returns.
struct DescribeSecurityGroupsResponse {
  std::vector<SecurityGroup> security_groups;  ///< the groups found
  std::optional<std::string> next_token;       ///< `NextToken` on the wire
};
/// The parameters of DeleteSecurityGroup (Client::delete_security_group).
struct DeleteSecurityGroupRequest {
  std::optional<std::string> group_id;    ///< `GroupId` on the wire
  std::optional<std::string> group_name;  ///< `GroupName` on the wire
};
/// Authorize/RevokeSecurityGroupIngress/Egress.
struct SecurityGroupRulesRequest {
  std::string group_id;                      ///< `GroupId` on the wire
  std::vector<IpPermission> ip_permissions;  ///< `IpPermissions` on the wire
};
/// What AuthorizeSecurityGroupIngress/Egress and RevokeSecurityGroupIngress/Egress return.
struct SecurityGroupRulesResponse {
  bool return_value = true;  ///< `return` on the wire
};

// ---- tags ----

/// The parameters of CreateTags (Client::create_tags).
struct CreateTagsRequest {
  std::vector<std::string> resources;  ///< resource ids (items named `ResourceId` on the wire)
  std::vector<Tag> tags;               ///< items named `Tag` on the wire
};
/// A tag without a value deletes the key whatever its value; with one, only that value.
struct DeleteTagsRequest {
  std::vector<std::string> resources;  ///< resource ids (items named `ResourceId` on the wire)
  std::vector<std::pair<std::string, std::optional<std::string>>> tags;  ///< items named `Tag` on the wire
};

/// The EC2 client: one method per action, each signed, sent and retried through a Caller.
class Client {
 public:
  /// A client that signs and sends with `config` (region, credentials, HTTP client, clock, endpoint, retries).
  explicit Client(const ClientConfig& config);

  /// Calls DescribeAvailabilityZones:
  /// https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DescribeAvailabilityZones.html
  core::Result<DescribeAvailabilityZonesResponse> describe_availability_zones(
      const DescribeAvailabilityZonesRequest& request);
  /// Calls CreateVpc: https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CreateVpc.html
  core::Result<CreateVpcResponse> create_vpc(const CreateVpcRequest& request);
  /// Calls DescribeVpcs: https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DescribeVpcs.html
  core::Result<DescribeVpcsResponse> describe_vpcs(const DescribeRequest& request);
  /// Calls DeleteVpc: https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DeleteVpc.html
  core::Result<void> delete_vpc(const DeleteVpcRequest& request);
  /// Calls ModifyVpcAttribute: https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_ModifyVpcAttribute.html
  core::Result<void> modify_vpc_attribute(const ModifyVpcAttributeRequest& request);
  /// Calls DescribeVpcAttribute: https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DescribeVpcAttribute.html
  core::Result<DescribeVpcAttributeResponse> describe_vpc_attribute(const DescribeVpcAttributeRequest& request);
  /// Calls CreateSubnet: https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CreateSubnet.html
  core::Result<CreateSubnetResponse> create_subnet(const CreateSubnetRequest& request);
  /// Calls DescribeSubnets: https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DescribeSubnets.html
  core::Result<DescribeSubnetsResponse> describe_subnets(const DescribeRequest& request);
  /// Calls DeleteSubnet: https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DeleteSubnet.html
  core::Result<void> delete_subnet(const DeleteSubnetRequest& request);
  /// Calls ModifySubnetAttribute: https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_ModifySubnetAttribute.html
  core::Result<void> modify_subnet_attribute(const ModifySubnetAttributeRequest& request);
  /// Calls CreateInternetGateway: https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CreateInternetGateway.html
  core::Result<CreateInternetGatewayResponse> create_internet_gateway(const CreateInternetGatewayRequest& request);
  /// Calls DescribeInternetGateways:
  /// https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DescribeInternetGateways.html
  core::Result<DescribeInternetGatewaysResponse> describe_internet_gateways(const DescribeRequest& request);
  /// Calls DeleteInternetGateway: https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DeleteInternetGateway.html
  core::Result<void> delete_internet_gateway(const InternetGatewayRequest& request);
  /// Calls AttachInternetGateway: https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_AttachInternetGateway.html
  core::Result<void> attach_internet_gateway(const InternetGatewayRequest& request);
  /// Calls DetachInternetGateway: https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DetachInternetGateway.html
  core::Result<void> detach_internet_gateway(const InternetGatewayRequest& request);
  /// Calls CreateRouteTable: https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CreateRouteTable.html
  core::Result<CreateRouteTableResponse> create_route_table(const CreateRouteTableRequest& request);
  /// Calls DescribeRouteTables: https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DescribeRouteTables.html
  core::Result<DescribeRouteTablesResponse> describe_route_tables(const DescribeRequest& request);
  /// Calls DeleteRouteTable: https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DeleteRouteTable.html
  core::Result<void> delete_route_table(const DeleteRouteTableRequest& request);
  /// Calls CreateRoute: https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CreateRoute.html
  core::Result<void> create_route(const CreateRouteRequest& request);
  /// Calls DeleteRoute: https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DeleteRoute.html
  core::Result<void> delete_route(const DeleteRouteRequest& request);
  /// Calls AssociateRouteTable: https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_AssociateRouteTable.html
  core::Result<AssociateRouteTableResponse> associate_route_table(const AssociateRouteTableRequest& request);
  /// Calls DisassociateRouteTable:
  /// https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DisassociateRouteTable.html
  core::Result<void> disassociate_route_table(const DisassociateRouteTableRequest& request);
  /// Calls CreateSecurityGroup: https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CreateSecurityGroup.html
  core::Result<CreateSecurityGroupResponse> create_security_group(const CreateSecurityGroupRequest& request);
  /// Calls DescribeSecurityGroups:
  /// https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DescribeSecurityGroups.html
  core::Result<DescribeSecurityGroupsResponse> describe_security_groups(const DescribeRequest& request);
  /// Calls DeleteSecurityGroup: https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DeleteSecurityGroup.html
  core::Result<void> delete_security_group(const DeleteSecurityGroupRequest& request);
  /// Calls AuthorizeSecurityGroupIngress:
  /// https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_AuthorizeSecurityGroupIngress.html
  core::Result<void> authorize_security_group_ingress(const SecurityGroupRulesRequest& request);
  /// Calls AuthorizeSecurityGroupEgress:
  /// https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_AuthorizeSecurityGroupEgress.html
  core::Result<void> authorize_security_group_egress(const SecurityGroupRulesRequest& request);
  /// Calls RevokeSecurityGroupIngress:
  /// https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_RevokeSecurityGroupIngress.html
  core::Result<void> revoke_security_group_ingress(const SecurityGroupRulesRequest& request);
  /// Calls RevokeSecurityGroupEgress:
  /// https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_RevokeSecurityGroupEgress.html
  core::Result<void> revoke_security_group_egress(const SecurityGroupRulesRequest& request);
  /// Calls CreateTags: https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CreateTags.html
  core::Result<void> create_tags(const CreateTagsRequest& request);
  /// Calls DeleteTags: https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DeleteTags.html
  core::Result<void> delete_tags(const DeleteTagsRequest& request);

 private:
  Caller caller_;
};

}  // namespace hoplite::aws::ec2
