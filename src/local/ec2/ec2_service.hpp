#pragma once
/// \file The local cloud's EC2 networking: availability zones, VPCs (with their main route table
/// and default security group), subnets, internet gateways, route tables with routes and
/// associations, security groups with their rules, tags and Describe filters, per account and
/// region, with EC2's ids, checks and DependencyViolation rules. Typed operations first — what
/// the CloudFormation engine's `AWS::EC2::*` providers call — and a thin handler in EC2's query
/// dialect over them (ec2_service.cpp). Nothing runs in these networks: they are records.
///
/// What is emulated and what not: docs/local.md ("EC2").

#include "hoplite/aws/ec2.hpp"
#include "local/protocol/query.hpp"
#include "local/service.hpp"

namespace hoplite::local::ec2 {

class Ec2Service final : public Service {
 public:
  explicit Ec2Service(ServiceContext& house);

  [[nodiscard]] const ServiceSpec& spec() const override { return spec_; }
  http::Response handle(Call& call) override { return api_.handle(call); }
  nlohmann::json inspect() override;

  // ---- operations (errors: EC2's codes and messages) ----
  core::Result<aws::ec2::DescribeAvailabilityZonesResponse> describe_availability_zones(
      const CallContext& ctx, const aws::ec2::DescribeAvailabilityZonesRequest& request);
  core::Result<aws::ec2::CreateVpcResponse> create_vpc(const CallContext& ctx,
                                                       const aws::ec2::CreateVpcRequest& request);
  core::Result<aws::ec2::DescribeVpcsResponse> describe_vpcs(const CallContext& ctx,
                                                             const aws::ec2::DescribeRequest& request);
  core::Result<void> delete_vpc(const CallContext& ctx, const aws::ec2::DeleteVpcRequest& request);
  core::Result<void> modify_vpc_attribute(const CallContext& ctx, const aws::ec2::ModifyVpcAttributeRequest& request);
  core::Result<aws::ec2::DescribeVpcAttributeResponse> describe_vpc_attribute(
      const CallContext& ctx, const aws::ec2::DescribeVpcAttributeRequest& request);
  core::Result<aws::ec2::CreateSubnetResponse> create_subnet(const CallContext& ctx,
                                                             const aws::ec2::CreateSubnetRequest& request);
  core::Result<aws::ec2::DescribeSubnetsResponse> describe_subnets(const CallContext& ctx,
                                                                   const aws::ec2::DescribeRequest& request);
  core::Result<void> delete_subnet(const CallContext& ctx, const aws::ec2::DeleteSubnetRequest& request);
  core::Result<void> modify_subnet_attribute(const CallContext& ctx,
                                             const aws::ec2::ModifySubnetAttributeRequest& request);
  core::Result<aws::ec2::CreateInternetGatewayResponse> create_internet_gateway(
      const CallContext& ctx, const aws::ec2::CreateInternetGatewayRequest& request);
  core::Result<aws::ec2::DescribeInternetGatewaysResponse> describe_internet_gateways(
      const CallContext& ctx, const aws::ec2::DescribeRequest& request);
  core::Result<void> delete_internet_gateway(const CallContext& ctx, const aws::ec2::InternetGatewayRequest& request);
  core::Result<void> attach_internet_gateway(const CallContext& ctx, const aws::ec2::InternetGatewayRequest& request);
  core::Result<void> detach_internet_gateway(const CallContext& ctx, const aws::ec2::InternetGatewayRequest& request);
  core::Result<aws::ec2::CreateRouteTableResponse> create_route_table(const CallContext& ctx,
                                                                      const aws::ec2::CreateRouteTableRequest& request);
  core::Result<aws::ec2::DescribeRouteTablesResponse> describe_route_tables(const CallContext& ctx,
                                                                            const aws::ec2::DescribeRequest& request);
  core::Result<void> delete_route_table(const CallContext& ctx, const aws::ec2::DeleteRouteTableRequest& request);
  core::Result<void> create_route(const CallContext& ctx, const aws::ec2::CreateRouteRequest& request);
  core::Result<void> delete_route(const CallContext& ctx, const aws::ec2::DeleteRouteRequest& request);
  core::Result<aws::ec2::AssociateRouteTableResponse> associate_route_table(
      const CallContext& ctx, const aws::ec2::AssociateRouteTableRequest& request);
  core::Result<void> disassociate_route_table(const CallContext& ctx,
                                              const aws::ec2::DisassociateRouteTableRequest& request);
  core::Result<aws::ec2::CreateSecurityGroupResponse> create_security_group(
      const CallContext& ctx, const aws::ec2::CreateSecurityGroupRequest& request);
  core::Result<aws::ec2::DescribeSecurityGroupsResponse> describe_security_groups(
      const CallContext& ctx, const aws::ec2::DescribeRequest& request);
  core::Result<void> delete_security_group(const CallContext& ctx, const aws::ec2::DeleteSecurityGroupRequest& request);
  /// Authorize/Revoke, ingress (`egress` false) or egress.
  core::Result<void> authorize_security_group(const CallContext& ctx,
                                              const aws::ec2::SecurityGroupRulesRequest& request, bool egress);
  core::Result<void> revoke_security_group(const CallContext& ctx, const aws::ec2::SecurityGroupRulesRequest& request,
                                           bool egress);
  core::Result<void> create_tags(const CallContext& ctx, const aws::ec2::CreateTagsRequest& request);
  core::Result<void> delete_tags(const CallContext& ctx, const aws::ec2::DeleteTagsRequest& request);

 private:
  void add_routes();

  ServiceSpec spec_;
  QueryApi api_;
  ServiceContext& house_;
};

}  // namespace hoplite::local::ec2
