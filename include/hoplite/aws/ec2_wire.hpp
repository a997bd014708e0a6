#pragma once
/// \file
/// EC2 networking on the wire, both directions (see docs/local.md, "Wire shapes"). Requests
/// are EC2's query dialect (flattened lists: `VpcId.1`, `Filter.1.Name`, `Filter.1.Value.1`,
/// `TagSpecification.1.Tag.1.Key`, `IpPermissions.1.IpRanges.1.CidrIp`); responses are the members
/// of `<ActionResponse>` (`<vpcSet><item>…`), which the protocol layers wrap.

#include "hoplite/aws/ec2.hpp"
#include "hoplite/aws/protocol_query.hpp"
#include "hoplite/aws/xml.hpp"
#include "hoplite/aws/xml_writer.hpp"
#include "hoplite/core/result.hpp"

namespace hoplite::aws::ec2::wire {

inline constexpr std::string_view kApiVersion = "2016-11-15";
inline constexpr std::string_view kXmlNamespace = "http://ec2.amazonaws.com/doc/2016-11-15/";

/// A Describe call's ids are `<id_name>.N` (`VpcId`, `SubnetId`, `InternetGatewayId`,
/// `RouteTableId`, `GroupId`); security groups also take `GroupName.N`.
[[nodiscard]] QueryParams encode_request(const DescribeRequest& request, std::string_view id_name);
core::Result<DescribeRequest> decode_describe_request(const QueryParams& params, std::string_view id_name);

[[nodiscard]] QueryParams encode_request(const DescribeAvailabilityZonesRequest& request);
core::Result<DescribeAvailabilityZonesRequest> decode_describe_availability_zones_request(const QueryParams& params);
void encode_response(const DescribeAvailabilityZonesResponse& response, XmlWriter& out);
core::Result<DescribeAvailabilityZonesResponse> decode_describe_availability_zones_response(const XmlElement& root);

[[nodiscard]] QueryParams encode_request(const CreateVpcRequest& request);
core::Result<CreateVpcRequest> decode_create_vpc_request(const QueryParams& params);
void encode_response(const CreateVpcResponse& response, XmlWriter& out);
core::Result<CreateVpcResponse> decode_create_vpc_response(const XmlElement& root);
void encode_response(const DescribeVpcsResponse& response, XmlWriter& out);
core::Result<DescribeVpcsResponse> decode_describe_vpcs_response(const XmlElement& root);
[[nodiscard]] QueryParams encode_request(const DeleteVpcRequest& request);
core::Result<DeleteVpcRequest> decode_delete_vpc_request(const QueryParams& params);
[[nodiscard]] QueryParams encode_request(const ModifyVpcAttributeRequest& request);
core::Result<ModifyVpcAttributeRequest> decode_modify_vpc_attribute_request(const QueryParams& params);
[[nodiscard]] QueryParams encode_request(const DescribeVpcAttributeRequest& request);
core::Result<DescribeVpcAttributeRequest> decode_describe_vpc_attribute_request(const QueryParams& params);
void encode_response(const DescribeVpcAttributeResponse& response, XmlWriter& out);
core::Result<DescribeVpcAttributeResponse> decode_describe_vpc_attribute_response(const XmlElement& root);

[[nodiscard]] QueryParams encode_request(const CreateSubnetRequest& request);
core::Result<CreateSubnetRequest> decode_create_subnet_request(const QueryParams& params);
void encode_response(const CreateSubnetResponse& response, XmlWriter& out);
core::Result<CreateSubnetResponse> decode_create_subnet_response(const XmlElement& root);
void encode_response(const DescribeSubnetsResponse& response, XmlWriter& out);
core::Result<DescribeSubnetsResponse> decode_describe_subnets_response(const XmlElement& root);
[[nodiscard]] QueryParams encode_request(const DeleteSubnetRequest& request);
core::Result<DeleteSubnetRequest> decode_delete_subnet_request(const QueryParams& params);
[[nodiscard]] QueryParams encode_request(const ModifySubnetAttributeRequest& request);
core::Result<ModifySubnetAttributeRequest> decode_modify_subnet_attribute_request(const QueryParams& params);

[[nodiscard]] QueryParams encode_request(const CreateInternetGatewayRequest& request);
core::Result<CreateInternetGatewayRequest> decode_create_internet_gateway_request(const QueryParams& params);
void encode_response(const CreateInternetGatewayResponse& response, XmlWriter& out);
core::Result<CreateInternetGatewayResponse> decode_create_internet_gateway_response(const XmlElement& root);
void encode_response(const DescribeInternetGatewaysResponse& response, XmlWriter& out);
core::Result<DescribeInternetGatewaysResponse> decode_describe_internet_gateways_response(const XmlElement& root);
[[nodiscard]] QueryParams encode_request(const InternetGatewayRequest& request);
core::Result<InternetGatewayRequest> decode_internet_gateway_request(const QueryParams& params);

[[nodiscard]] QueryParams encode_request(const CreateRouteTableRequest& request);
core::Result<CreateRouteTableRequest> decode_create_route_table_request(const QueryParams& params);
void encode_response(const CreateRouteTableResponse& response, XmlWriter& out);
core::Result<CreateRouteTableResponse> decode_create_route_table_response(const XmlElement& root);
void encode_response(const DescribeRouteTablesResponse& response, XmlWriter& out);
core::Result<DescribeRouteTablesResponse> decode_describe_route_tables_response(const XmlElement& root);
[[nodiscard]] QueryParams encode_request(const DeleteRouteTableRequest& request);
core::Result<DeleteRouteTableRequest> decode_delete_route_table_request(const QueryParams& params);
[[nodiscard]] QueryParams encode_request(const CreateRouteRequest& request);
core::Result<CreateRouteRequest> decode_create_route_request(const QueryParams& params);
[[nodiscard]] QueryParams encode_request(const DeleteRouteRequest& request);
core::Result<DeleteRouteRequest> decode_delete_route_request(const QueryParams& params);
[[nodiscard]] QueryParams encode_request(const AssociateRouteTableRequest& request);
core::Result<AssociateRouteTableRequest> decode_associate_route_table_request(const QueryParams& params);
void encode_response(const AssociateRouteTableResponse& response, XmlWriter& out);
core::Result<AssociateRouteTableResponse> decode_associate_route_table_response(const XmlElement& root);
[[nodiscard]] QueryParams encode_request(const DisassociateRouteTableRequest& request);
core::Result<DisassociateRouteTableRequest> decode_disassociate_route_table_request(const QueryParams& params);

[[nodiscard]] QueryParams encode_request(const CreateSecurityGroupRequest& request);
core::Result<CreateSecurityGroupRequest> decode_create_security_group_request(const QueryParams& params);
void encode_response(const CreateSecurityGroupResponse& response, XmlWriter& out);
core::Result<CreateSecurityGroupResponse> decode_create_security_group_response(const XmlElement& root);
void encode_response(const DescribeSecurityGroupsResponse& response, XmlWriter& out);
core::Result<DescribeSecurityGroupsResponse> decode_describe_security_groups_response(const XmlElement& root);
[[nodiscard]] QueryParams encode_request(const DeleteSecurityGroupRequest& request);
core::Result<DeleteSecurityGroupRequest> decode_delete_security_group_request(const QueryParams& params);
[[nodiscard]] QueryParams encode_request(const SecurityGroupRulesRequest& request);
core::Result<SecurityGroupRulesRequest> decode_security_group_rules_request(const QueryParams& params);

[[nodiscard]] QueryParams encode_request(const CreateTagsRequest& request);
core::Result<CreateTagsRequest> decode_create_tags_request(const QueryParams& params);
[[nodiscard]] QueryParams encode_request(const DeleteTagsRequest& request);
core::Result<DeleteTagsRequest> decode_delete_tags_request(const QueryParams& params);

/// `<return>true</return>`: what EC2 answers to calls without other results.
void encode_return(XmlWriter& out);

}  // namespace hoplite::aws::ec2::wire
