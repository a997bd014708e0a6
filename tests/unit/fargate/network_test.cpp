#include "hoplite/fargate/network.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "hoplite/cfn/template.hpp"
#include "hoplite/fargate/error.hpp"
#include "support/golden.hpp"

namespace hoplite::fargate {
namespace {

using Json = nlohmann::ordered_json;

TEST(PublicNetwork, ThreeZonesWithCustomCidr) {
  PublicNetwork net{"Edge", {.availability_zones = 3, .cidr = "172.16.0.0/20"}};
  cfn::Template t;
  net.add_to(t);
  Json j = Json::parse(t.render());
  EXPECT_EQ(j["Resources"]["EdgeVpc"]["Properties"]["CidrBlock"], "172.16.0.0/20");
  EXPECT_EQ(j["Resources"]["EdgeSubnet1"]["Properties"]["CidrBlock"], "172.16.0.0/28");
  EXPECT_EQ(j["Resources"]["EdgeSubnet3"]["Properties"]["CidrBlock"], "172.16.0.32/28");
  EXPECT_EQ(j["Resources"]["EdgeSubnet3"]["Properties"]["AvailabilityZone"]["Fn::Select"][0], 2);
  EXPECT_TRUE(j["Resources"].contains("EdgeSubnet3RouteTableAssociation"));
  EXPECT_EQ(net.subnets.size(), 3u);
  EXPECT_EQ(net.security_groups.size(), 1u);
  EXPECT_TRUE(net.assign_public_ip);
  const Json& sg = j["Resources"]["EdgeSecurityGroup"]["Properties"];
  EXPECT_EQ(sg["SecurityGroupEgress"], Json::parse(R"([{"CidrIp": "0.0.0.0/0", "IpProtocol": "-1"}])"));
  EXPECT_FALSE(sg.contains("SecurityGroupIngress"));
}

TEST(PublicNetwork, DefaultSubnetCidrs) {
  PublicNetwork net{"Net"};
  EXPECT_EQ(
      net.subnet_resources()[1].props.CidrBlock.literal() ? *net.subnet_resources()[1].props.CidrBlock.literal() : "",
      "10.0.1.0/24");
}

TEST(PublicNetwork, RejectsBadShapes) {
  EXPECT_THROW_WITH((PublicNetwork{"Net", {.availability_zones = 0}}), DefinitionError,
                    "[fargate.definition.103] network 'Net' asks for 0 availability zones");
  EXPECT_THROW_WITH((PublicNetwork{"Net", {.cidr = "10.0.0.1/16"}}), DefinitionError, "has host bits set");
  EXPECT_THROW_WITH((PublicNetwork{"Net", {.cidr = "10.0.0/16"}}), DefinitionError, "is not an IPv4 CIDR block");
  EXPECT_THROW_WITH((PublicNetwork{"Net", {.availability_zones = 2, .subnet_cidrs = {"10.0.0.0/24"}}}), DefinitionError,
                    "has 2 availability zones but 1 subnet CIDR blocks");
}

}  // namespace
}  // namespace hoplite::fargate
