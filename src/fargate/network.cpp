#include "hoplite/fargate/network.hpp"

#include <fmt/format.h>

#include <array>
#include <charconv>
#include <cstdint>

#include "hoplite/cfn/intrinsics.hpp"
#include "hoplite/cfn/logical_id.hpp"
#include "hoplite/cfn/template.hpp"
#include "hoplite/fargate/error.hpp"

namespace hoplite::fargate {
namespace {

struct Cidr {
  std::uint32_t address = 0;
  int prefix = 0;
};

Cidr parse_cidr(const std::string& text) {
  auto bad = [&] {
    return DefinitionError(103, fmt::format("'{}' is not an IPv4 CIDR block such as 10.0.0.0/16", text));
  };
  Cidr c;
  const char* p = text.data();
  const char* end = text.data() + text.size();
  for (int i = 0; i < 4; ++i) {
    unsigned octet = 0;
    auto [next, ec] = std::from_chars(p, end, octet);
    if (ec != std::errc() || octet > 255) throw bad();
    c.address = (c.address << 8) | octet;
    p = next;
    if (i < 3) {
      if (p == end || *p != '.') throw bad();
      ++p;
    }
  }
  if (p == end || *p != '/') throw bad();
  auto [next, ec] = std::from_chars(p + 1, end, c.prefix);
  if (ec != std::errc() || next != end || c.prefix < 16 || c.prefix > 28) {
    throw DefinitionError(103, fmt::format("VPC CIDR '{}' must have a prefix between /16 and /28", text));
  }
  if ((c.address & ~(0xFFFFFFFFu << (32 - c.prefix))) != 0) {
    throw DefinitionError(103, fmt::format("VPC CIDR '{}' has host bits set", text));
  }
  return c;
}

std::string format_cidr(std::uint32_t a, int prefix) {
  return fmt::format("{}.{}.{}.{}/{}", a >> 24, (a >> 16) & 255, (a >> 8) & 255, a & 255, prefix);
}

}  // namespace

PublicNetwork::PublicNetwork(std::string name, PublicNetworkProps props)
    : name_(std::move(name)),
      vpc_(cfn::sanitize_logical_id(name_) + "Vpc"),
      gateway_(cfn::sanitize_logical_id(name_) + "InternetGateway"),
      attachment_(cfn::sanitize_logical_id(name_) + "GatewayAttachment"),
      route_table_(cfn::sanitize_logical_id(name_) + "RouteTable"),
      default_route_(cfn::sanitize_logical_id(name_) + "DefaultRoute"),
      security_group_(cfn::sanitize_logical_id(name_) + "SecurityGroup") {
  const std::string id = cfn::sanitize_logical_id(name_);
  if (id.empty()) throw DefinitionError(103, fmt::format("network name '{}' needs a letter or digit", name_));
  if (props.availability_zones < 1 || props.availability_zones > 6) {
    throw DefinitionError(103, fmt::format("network '{}' asks for {} availability zones; use 1 to 6 (regions have at "
                                           "least 3; 2 is the default)",
                                           name_, props.availability_zones));
  }
  const auto azs = static_cast<std::size_t>(props.availability_zones);
  Cidr vpc_cidr = parse_cidr(props.cidr);
  std::vector<std::string> subnet_cidrs = props.subnet_cidrs;
  if (subnet_cidrs.empty()) {
    const int subnet_prefix = std::min(vpc_cidr.prefix + 8, 28);
    for (std::size_t i = 0; i < azs; ++i)
      subnet_cidrs.push_back(
          format_cidr(vpc_cidr.address + static_cast<std::uint32_t>(i << (32 - subnet_prefix)), subnet_prefix));
  } else if (subnet_cidrs.size() != azs) {
    throw DefinitionError(103, fmt::format("network '{}' has {} availability zones but {} subnet CIDR blocks", name_,
                                           azs, subnet_cidrs.size()));
  } else {
    for (const auto& c : subnet_cidrs) (void)parse_cidr(c);
  }

  vpc_.props.CidrBlock = props.cidr;
  vpc_.props.EnableDnsHostnames = true;
  vpc_.props.EnableDnsSupport = true;
  attachment_.props.InternetGatewayId = cfn::ref(gateway_);
  attachment_.props.VpcId = cfn::ref(vpc_);
  route_table_.props.VpcId = cfn::ref(vpc_);
  default_route_.props.DestinationCidrBlock = "0.0.0.0/0";
  default_route_.props.GatewayId = cfn::ref(gateway_);
  default_route_.props.RouteTableId = cfn::ref(route_table_);
  // The route only works once the gateway is attached; CloudFormation cannot infer that.
  default_route_.add_dependency(attachment_);
  for (std::size_t i = 0; i < azs; ++i) {
    cfn::ec2::Subnet subnet{fmt::format("{}Subnet{}", id, i + 1)};
    subnet.props.AvailabilityZone = cfn::select(static_cast<int>(i), cfn::get_azs());
    subnet.props.CidrBlock = subnet_cidrs[i];
    subnet.props.MapPublicIpOnLaunch = true;
    subnet.props.VpcId = cfn::ref(vpc_);
    cfn::ec2::SubnetRouteTableAssociation association{fmt::format("{}Subnet{}RouteTableAssociation", id, i + 1)};
    association.props.RouteTableId = cfn::ref(route_table_);
    association.props.SubnetId = cfn::ref(subnet);
    subnets.push_back(cfn::ref(subnet));
    subnets_.push_back(std::move(subnet));
    associations_.push_back(std::move(association));
  }
  security_group_.props.GroupDescription = fmt::format("Fargate tasks in {} (egress only)", name_);
  security_group_.props.SecurityGroupEgress.push_back({.CidrIp = "0.0.0.0/0", .IpProtocol = "-1"});
  security_group_.props.VpcId = cfn::ref(vpc_);
  security_groups.push_back(cfn::ref(security_group_));
  assign_public_ip = true;
}

void PublicNetwork::add_to(cfn::Template& t) const {
  t.add(vpc_);
  for (const auto& s : subnets_) t.add(s);
  t.add(gateway_);
  t.add(attachment_);
  t.add(route_table_);
  t.add(default_route_);
  for (const auto& a : associations_) t.add(a);
  t.add(security_group_);
}

}  // namespace hoplite::fargate
