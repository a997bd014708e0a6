#pragma once
/// \file
/// Where Fargate tasks run: fargate::Network (subnets + security groups, bring your own) and
/// fargate::PublicNetwork, which creates a complete public VPC.
///
/// **Example**:
/// \code
///   fargate::PublicNetwork net{"Net", {.availability_zones = 2}};
///   net.add_to(tmpl);
///   fargate::Network mine{.subnets = {"subnet-0abc", "subnet-0def"}, .security_groups = {"sg-0123"}};
/// \endcode

#include <string>
#include <vector>

#include "hoplite/cfn/json.hpp"
#include "hoplite/cfn/resources/ec2/internet_gateway.hpp"
#include "hoplite/cfn/resources/ec2/route.hpp"
#include "hoplite/cfn/resources/ec2/route_table.hpp"
#include "hoplite/cfn/resources/ec2/security_group.hpp"
#include "hoplite/cfn/resources/ec2/subnet.hpp"
#include "hoplite/cfn/resources/ec2/subnet_route_table_association.hpp"
#include "hoplite/cfn/resources/ec2/vpc.hpp"
#include "hoplite/cfn/resources/ec2/vpc_gateway_attachment.hpp"

namespace hoplite::cfn {
class Template;
}

namespace hoplite::fargate {

/// The awsvpc placement of a task: what RunTask's NetworkConfiguration needs. Use it directly to
/// run in subnets and security groups that exist outside the stack.
struct Network {
  std::vector<cfn::Json> subnets;          ///< subnet IDs (literals or cfn::ref(subnet)); at least one
  std::vector<cfn::Json> security_groups;  ///< security group IDs; default none (the VPC's default group)
  /// Give tasks a public IP: needed in public subnets without a NAT gateway, or the task cannot
  /// reach ECR to pull its image. Default false for your own subnets.
  bool assign_public_ip = false;
};

/// The shape of a PublicNetwork.
struct PublicNetworkProps {
  int availability_zones = 2;        ///< public subnets, each in a different AZ (1..6); default 2
  std::string cidr = "10.0.0.0/16";  ///< the VPC's CIDR block; default 10.0.0.0/16
  /// Subnet CIDR blocks, one per AZ; default: consecutive blocks 8 bits longer than the VPC's
  /// (10.0.0.0/24, 10.0.1.0/24, ...).
  std::vector<std::string> subnet_cidrs;
};

/// A VPC with DNS support and hostnames, N public subnets (MapPublicIpOnLaunch) in the first N
/// availability zones of the region (`Fn::Select [i, Fn::GetAZs ""]`), an internet gateway and its
/// attachment, one route table with the default route to the gateway (DependsOn the attachment)
/// associated with every subnet, and a security group that allows all egress and no ingress. As a
/// Network it yields those subnets, that security group and assign_public_ip = true, so the tasks
/// really run in them.
///
/// Logical IDs are `<name>` + Vpc, Subnet1.., InternetGateway, GatewayAttachment, RouteTable,
/// DefaultRoute, Subnet1RouteTableAssociation.., SecurityGroup.
class PublicNetwork : public Network {
 public:
  /// Throws fargate::DefinitionError [103] for a bad AZ count or CIDR.
  explicit PublicNetwork(std::string name, PublicNetworkProps props = {});

  /// Adds every resource to `t`.
  void add_to(cfn::Template& t) const;

  /// The name given at construction (the logical IDs' prefix).
  [[nodiscard]] const std::string& name() const { return name_; }
  /// The VPC resource.
  [[nodiscard]] const cfn::ec2::VPC& vpc() const { return vpc_; }
  /// The public subnets, one per availability zone.
  [[nodiscard]] const std::vector<cfn::ec2::Subnet>& subnet_resources() const { return subnets_; }
  /// The security group the tasks run in.
  [[nodiscard]] const cfn::ec2::SecurityGroup& security_group() const { return security_group_; }

 private:
  std::string name_;
  cfn::ec2::VPC vpc_;
  cfn::ec2::InternetGateway gateway_;
  cfn::ec2::VPCGatewayAttachment attachment_;
  cfn::ec2::RouteTable route_table_;
  cfn::ec2::Route default_route_;
  std::vector<cfn::ec2::Subnet> subnets_;
  std::vector<cfn::ec2::SubnetRouteTableAssociation> associations_;
  cfn::ec2::SecurityGroup security_group_;
};

}  // namespace hoplite::fargate
