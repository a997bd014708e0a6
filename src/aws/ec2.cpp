#include "hoplite/aws/ec2.hpp"

#include <fmt/format.h>

#include "hoplite/aws/ec2_wire.hpp"

namespace hoplite::aws::ec2 {
namespace {

/// EC2 answers `<ActionResponse>` with the results directly inside (no `<ActionResult>`).
core::Result<XmlElement> call_xml(Caller& caller, std::string_view operation, const QueryParams& params) {
  auto r = caller.query(operation, params);
  if (!r) return r.failure();
  auto doc = parse_xml(r->body);
  if (!doc) return doc.failure(fmt::format("{} response", operation));
  return doc;
}

template <typename Decode>
auto call(Caller& caller, std::string_view operation, const QueryParams& params, Decode decode)
    -> decltype(decode(XmlElement{})) {
  auto x = call_xml(caller, operation, params);
  if (!x) return x.failure();
  return decode(*x);
}

core::Result<void> call_void(Caller& caller, std::string_view operation, const QueryParams& params) {
  auto x = call_xml(caller, operation, params);
  if (!x) return x.failure();
  return core::ok();
}

}  // namespace

ServiceInfo service_info() {
  return {.name = "ec2",
          .endpoint_id = "ec2",
          .signing_name = "ec2",
          .protocol = Protocol::query,
          .api_version = std::string(wire::kApiVersion)};
}

Client::Client(const ClientConfig& config) : caller_(service_info(), config) {}

core::Result<DescribeAvailabilityZonesResponse> Client::describe_availability_zones(
    const DescribeAvailabilityZonesRequest& r) {
  return call(caller_, "DescribeAvailabilityZones", wire::encode_request(r),
              wire::decode_describe_availability_zones_response);
}
core::Result<CreateVpcResponse> Client::create_vpc(const CreateVpcRequest& r) {
  return call(caller_, "CreateVpc", wire::encode_request(r), wire::decode_create_vpc_response);
}
core::Result<DescribeVpcsResponse> Client::describe_vpcs(const DescribeRequest& r) {
  return call(caller_, "DescribeVpcs", wire::encode_request(r, "VpcId"), wire::decode_describe_vpcs_response);
}
core::Result<void> Client::delete_vpc(const DeleteVpcRequest& r) {
  return call_void(caller_, "DeleteVpc", wire::encode_request(r));
}
core::Result<void> Client::modify_vpc_attribute(const ModifyVpcAttributeRequest& r) {
  return call_void(caller_, "ModifyVpcAttribute", wire::encode_request(r));
}
core::Result<DescribeVpcAttributeResponse> Client::describe_vpc_attribute(const DescribeVpcAttributeRequest& r) {
  return call(caller_, "DescribeVpcAttribute", wire::encode_request(r), wire::decode_describe_vpc_attribute_response);
}
core::Result<CreateSubnetResponse> Client::create_subnet(const CreateSubnetRequest& r) {
  return call(caller_, "CreateSubnet", wire::encode_request(r), wire::decode_create_subnet_response);
}
core::Result<DescribeSubnetsResponse> Client::describe_subnets(const DescribeRequest& r) {
  return call(caller_, "DescribeSubnets", wire::encode_request(r, "SubnetId"), wire::decode_describe_subnets_response);
}
core::Result<void> Client::delete_subnet(const DeleteSubnetRequest& r) {
  return call_void(caller_, "DeleteSubnet", wire::encode_request(r));
}
core::Result<void> Client::modify_subnet_attribute(const ModifySubnetAttributeRequest& r) {
  return call_void(caller_, "ModifySubnetAttribute", wire::encode_request(r));
}
core::Result<CreateInternetGatewayResponse> Client::create_internet_gateway(const CreateInternetGatewayRequest& r) {
  return call(caller_, "CreateInternetGateway", wire::encode_request(r), wire::decode_create_internet_gateway_response);
}
core::Result<DescribeInternetGatewaysResponse> Client::describe_internet_gateways(const DescribeRequest& r) {
  return call(caller_, "DescribeInternetGateways", wire::encode_request(r, "InternetGatewayId"),
              wire::decode_describe_internet_gateways_response);
}
core::Result<void> Client::delete_internet_gateway(const InternetGatewayRequest& r) {
  return call_void(caller_, "DeleteInternetGateway",
                   wire::encode_request(InternetGatewayRequest{r.internet_gateway_id, {}}));
}
core::Result<void> Client::attach_internet_gateway(const InternetGatewayRequest& r) {
  return call_void(caller_, "AttachInternetGateway", wire::encode_request(r));
}
core::Result<void> Client::detach_internet_gateway(const InternetGatewayRequest& r) {
  return call_void(caller_, "DetachInternetGateway", wire::encode_request(r));
}
core::Result<CreateRouteTableResponse> Client::create_route_table(const CreateRouteTableRequest& r) {
  return call(caller_, "CreateRouteTable", wire::encode_request(r), wire::decode_create_route_table_response);
}
core::Result<DescribeRouteTablesResponse> Client::describe_route_tables(const DescribeRequest& r) {
  return call(caller_, "DescribeRouteTables", wire::encode_request(r, "RouteTableId"),
              wire::decode_describe_route_tables_response);
}
core::Result<void> Client::delete_route_table(const DeleteRouteTableRequest& r) {
  return call_void(caller_, "DeleteRouteTable", wire::encode_request(r));
}
core::Result<void> Client::create_route(const CreateRouteRequest& r) {
  return call_void(caller_, "CreateRoute", wire::encode_request(r));
}
core::Result<void> Client::delete_route(const DeleteRouteRequest& r) {
  return call_void(caller_, "DeleteRoute", wire::encode_request(r));
}
core::Result<AssociateRouteTableResponse> Client::associate_route_table(const AssociateRouteTableRequest& r) {
  return call(caller_, "AssociateRouteTable", wire::encode_request(r), wire::decode_associate_route_table_response);
}
core::Result<void> Client::disassociate_route_table(const DisassociateRouteTableRequest& r) {
  return call_void(caller_, "DisassociateRouteTable", wire::encode_request(r));
}
core::Result<CreateSecurityGroupResponse> Client::create_security_group(const CreateSecurityGroupRequest& r) {
  return call(caller_, "CreateSecurityGroup", wire::encode_request(r), wire::decode_create_security_group_response);
}
core::Result<DescribeSecurityGroupsResponse> Client::describe_security_groups(const DescribeRequest& r) {
  return call(caller_, "DescribeSecurityGroups", wire::encode_request(r, "GroupId"),
              wire::decode_describe_security_groups_response);
}
core::Result<void> Client::delete_security_group(const DeleteSecurityGroupRequest& r) {
  return call_void(caller_, "DeleteSecurityGroup", wire::encode_request(r));
}
core::Result<void> Client::authorize_security_group_ingress(const SecurityGroupRulesRequest& r) {
  return call_void(caller_, "AuthorizeSecurityGroupIngress", wire::encode_request(r));
}
core::Result<void> Client::authorize_security_group_egress(const SecurityGroupRulesRequest& r) {
  return call_void(caller_, "AuthorizeSecurityGroupEgress", wire::encode_request(r));
}
core::Result<void> Client::revoke_security_group_ingress(const SecurityGroupRulesRequest& r) {
  return call_void(caller_, "RevokeSecurityGroupIngress", wire::encode_request(r));
}
core::Result<void> Client::revoke_security_group_egress(const SecurityGroupRulesRequest& r) {
  return call_void(caller_, "RevokeSecurityGroupEgress", wire::encode_request(r));
}
core::Result<void> Client::create_tags(const CreateTagsRequest& r) {
  return call_void(caller_, "CreateTags", wire::encode_request(r));
}
core::Result<void> Client::delete_tags(const DeleteTagsRequest& r) {
  return call_void(caller_, "DeleteTags", wire::encode_request(r));
}

}  // namespace hoplite::aws::ec2
