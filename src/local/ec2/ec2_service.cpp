// EC2's handler table: each operation decoded and encoded by the shared shapes (ec2_wire.hpp).
#include "local/ec2/ec2_service.hpp"

#include <stdexcept>

#include "hoplite/aws/ec2_wire.hpp"
#include "local/ec2/ec2_state.hpp"
#include "local/protocol/routes.hpp"
#include "local/store/database.hpp"

namespace hoplite::local::ec2 {

namespace wire = aws::ec2::wire;

namespace {

/// A QueryApi entry for an operation whose result is `Result<void>`: `<return>true</return>`.
template <typename Decode, typename Op>
QueryApi::Operation void_route(Decode decode, Op op) {
  return [decode, op](const QueryRequest& in, CallContext& ctx, aws::XmlWriter& out) -> core::Result<void> {
    auto request = decode(in.params);
    if (!request) return request.failure();
    if (auto r = op(ctx, *request); !r) return r;
    wire::encode_return(out);
    return core::ok();
  };
}

auto describe_decoder(std::string_view id_name) {
  return [id_name](const aws::QueryParams& p) { return wire::decode_describe_request(p, id_name); };
}

}  // namespace

Ec2Service::Ec2Service(ServiceContext& house)
    : spec_{.signing_name = "ec2",
            .protocol = Protocol::ec2,
            .api_version = std::string(wire::kApiVersion),
            .xml_namespace = std::string(wire::kXmlNamespace)},
      api_(spec_),
      house_(house) {
  if (auto m = house_.db.migrate("ec2", migrations()); !m)
    throw std::runtime_error("local ec2: " + m.error().to_string());
  add_routes();
}

void Ec2Service::add_routes() {
  auto encode = [](const auto& r, aws::XmlWriter& out) { wire::encode_response(r, out); };
  api_.add("DescribeAvailabilityZones",
           query_route(
               wire::decode_describe_availability_zones_request,
               [this](auto& ctx, auto& r) { return describe_availability_zones(ctx, r); }, encode));
  api_.add("CreateVpc",
           query_route(
               wire::decode_create_vpc_request, [this](auto& ctx, auto& r) { return create_vpc(ctx, r); }, encode));
  api_.add("DescribeVpcs",
           query_route(
               describe_decoder("VpcId"), [this](auto& ctx, auto& r) { return describe_vpcs(ctx, r); }, encode));
  api_.add("DeleteVpc",
           void_route(wire::decode_delete_vpc_request, [this](auto& ctx, auto& r) { return delete_vpc(ctx, r); }));
  api_.add("ModifyVpcAttribute", void_route(wire::decode_modify_vpc_attribute_request,
                                            [this](auto& ctx, auto& r) { return modify_vpc_attribute(ctx, r); }));
  api_.add("DescribeVpcAttribute", query_route(
                                       wire::decode_describe_vpc_attribute_request,
                                       [this](auto& ctx, auto& r) { return describe_vpc_attribute(ctx, r); }, encode));
  api_.add("CreateSubnet", query_route(
                               wire::decode_create_subnet_request,
                               [this](auto& ctx, auto& r) { return create_subnet(ctx, r); }, encode));
  api_.add("DescribeSubnets",
           query_route(
               describe_decoder("SubnetId"), [this](auto& ctx, auto& r) { return describe_subnets(ctx, r); }, encode));
  api_.add("DeleteSubnet", void_route(wire::decode_delete_subnet_request,
                                      [this](auto& ctx, auto& r) { return delete_subnet(ctx, r); }));
  api_.add("ModifySubnetAttribute", void_route(wire::decode_modify_subnet_attribute_request,
                                               [this](auto& ctx, auto& r) { return modify_subnet_attribute(ctx, r); }));
  api_.add("CreateInternetGateway",
           query_route(
               wire::decode_create_internet_gateway_request,
               [this](auto& ctx, auto& r) { return create_internet_gateway(ctx, r); }, encode));
  api_.add("DescribeInternetGateways",
           query_route(
               describe_decoder("InternetGatewayId"),
               [this](auto& ctx, auto& r) { return describe_internet_gateways(ctx, r); }, encode));
  api_.add("DeleteInternetGateway", void_route(wire::decode_internet_gateway_request,
                                               [this](auto& ctx, auto& r) { return delete_internet_gateway(ctx, r); }));
  api_.add("AttachInternetGateway", void_route(wire::decode_internet_gateway_request,
                                               [this](auto& ctx, auto& r) { return attach_internet_gateway(ctx, r); }));
  api_.add("DetachInternetGateway", void_route(wire::decode_internet_gateway_request,
                                               [this](auto& ctx, auto& r) { return detach_internet_gateway(ctx, r); }));
  api_.add("CreateRouteTable", query_route(
                                   wire::decode_create_route_table_request,
                                   [this](auto& ctx, auto& r) { return create_route_table(ctx, r); }, encode));
  api_.add("DescribeRouteTables", query_route(
                                      describe_decoder("RouteTableId"),
                                      [this](auto& ctx, auto& r) { return describe_route_tables(ctx, r); }, encode));
  api_.add("DeleteRouteTable", void_route(wire::decode_delete_route_table_request,
                                          [this](auto& ctx, auto& r) { return delete_route_table(ctx, r); }));
  api_.add("CreateRoute",
           void_route(wire::decode_create_route_request, [this](auto& ctx, auto& r) { return create_route(ctx, r); }));
  api_.add("DeleteRoute",
           void_route(wire::decode_delete_route_request, [this](auto& ctx, auto& r) { return delete_route(ctx, r); }));
  api_.add("AssociateRouteTable", query_route(
                                      wire::decode_associate_route_table_request,
                                      [this](auto& ctx, auto& r) { return associate_route_table(ctx, r); }, encode));
  api_.add("DisassociateRouteTable",
           void_route(wire::decode_disassociate_route_table_request,
                      [this](auto& ctx, auto& r) { return disassociate_route_table(ctx, r); }));
  api_.add("CreateSecurityGroup", query_route(
                                      wire::decode_create_security_group_request,
                                      [this](auto& ctx, auto& r) { return create_security_group(ctx, r); }, encode));
  api_.add("DescribeSecurityGroups",
           query_route(
               describe_decoder("GroupId"), [this](auto& ctx, auto& r) { return describe_security_groups(ctx, r); },
               encode));
  api_.add("DeleteSecurityGroup", void_route(wire::decode_delete_security_group_request,
                                             [this](auto& ctx, auto& r) { return delete_security_group(ctx, r); }));
  api_.add("AuthorizeSecurityGroupIngress",
           void_route(wire::decode_security_group_rules_request,
                      [this](auto& ctx, auto& r) { return authorize_security_group(ctx, r, false); }));
  api_.add("AuthorizeSecurityGroupEgress",
           void_route(wire::decode_security_group_rules_request,
                      [this](auto& ctx, auto& r) { return authorize_security_group(ctx, r, true); }));
  api_.add("RevokeSecurityGroupIngress",
           void_route(wire::decode_security_group_rules_request,
                      [this](auto& ctx, auto& r) { return revoke_security_group(ctx, r, false); }));
  api_.add("RevokeSecurityGroupEgress",
           void_route(wire::decode_security_group_rules_request,
                      [this](auto& ctx, auto& r) { return revoke_security_group(ctx, r, true); }));
  api_.add("CreateTags",
           void_route(wire::decode_create_tags_request, [this](auto& ctx, auto& r) { return create_tags(ctx, r); }));
  api_.add("DeleteTags",
           void_route(wire::decode_delete_tags_request, [this](auto& ctx, auto& r) { return delete_tags(ctx, r); }));
}

nlohmann::json Ec2Service::inspect() {
  auto r = inspect_resources(house_.db);
  return r ? *r : nlohmann::json::object();
}

}  // namespace hoplite::local::ec2
