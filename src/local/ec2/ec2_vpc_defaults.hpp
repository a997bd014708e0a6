#pragma once
/// \file What comes with a VPC (its main route table and default security group), and the
/// default VPC AWS gives every account in every region: 172.31.0.0/16 with one /20 default
/// subnet per availability zone, an attached internet gateway and a main route table with a
/// route to it. ResourceTable makes the default VPC the first time an account and region is
/// used (ec2_state.cpp); a deleted default VPC stays deleted, as in AWS.

#include <string>
#include <string_view>
#include <vector>

#include "hoplite/aws/ec2.hpp"

namespace hoplite::local::ec2 {

/// A VPC's main route table: the local route for its block and the main association.
[[nodiscard]] aws::ec2::RouteTable main_route_table(const aws::ec2::Vpc& vpc);

/// A VPC's default security group: ingress from itself, all egress.
[[nodiscard]] aws::ec2::SecurityGroup default_security_group(const aws::ec2::Vpc& vpc);

/// The default VPC of an account and region, with everything that comes with it.
struct DefaultNetwork {
  aws::ec2::Vpc vpc;
  std::vector<aws::ec2::Subnet> subnets;  ///< one per zone, in zone order
  aws::ec2::InternetGateway gateway;
  aws::ec2::RouteTable main_table;
  aws::ec2::SecurityGroup group;
};

/// A fresh default VPC (new ids) for `account` in `region`.
[[nodiscard]] DefaultNetwork default_network(const std::string& account, std::string_view region);

}  // namespace hoplite::local::ec2
