// AWS::EC2::Subnet through the local EC2's typed operations. Ref is the subnet id; Fn::GetAtt
// offers AvailabilityZone, AvailabilityZoneId, CidrBlock, Ipv6CidrBlocks, NetworkAclAssociationId,
// OutpostArn, SubnetId and VpcId. MapPublicIpOnLaunch is set after CreateSubnet (EC2 takes it
// only through ModifySubnetAttribute) and changes in place. The local EC2 has no IPv6, DNS64,
// Outposts or private DNS name options: those properties are accepted and have no effect.
#include <algorithm>

#include "local/cloudformation/providers/ec2_tags.hpp"
#include "local/cloudformation/providers/properties.hpp"
#include "local/cloudformation/providers/providers.hpp"
#include "local/ec2/ec2_service.hpp"

namespace hoplite::local::cloudformation {
namespace {

using nlohmann::json;

// EC2's default for a subnet it makes: no public addresses.
bool map_public_ip(const json& props) { return flag(props, "MapPublicIpOnLaunch").value_or(false); }

class Ec2SubnetProvider final : public Provider {
 public:
  explicit Ec2SubnetProvider(ec2::Ec2Service& ec2) : ec2_(ec2) {}

  [[nodiscard]] std::string_view type() const override { return "AWS::EC2::Subnet"; }

  core::Result<ProvidedResource> create(const ProviderCall& call, const json& props) override {
    auto specs = ec2_tag_specifications(call, props, "subnet");
    auto made = ec2_.create_subnet(call.context, {.vpc_id = text(props, "VpcId").value_or(""),
                                                  .cidr_block = text(props, "CidrBlock").value_or(""),
                                                  .availability_zone = text(props, "AvailabilityZone"),
                                                  .availability_zone_id = text(props, "AvailabilityZoneId"),
                                                  .tag_specifications = std::move(specs)});
    if (!made) return made.failure();
    aws::ec2::Subnet subnet = std::move(made->subnet);
    if (map_public_ip(props)) {
      auto set =
          ec2_.modify_subnet_attribute(call.context, {.subnet_id = subnet.subnet_id, .map_public_ip_on_launch = true});
      if (!set) {
        // Its id was not known before the call, so the stack has none: a failed create must not
        // leave the subnet behind.
        (void)ec2_.delete_subnet(call.context, {.subnet_id = subnet.subnet_id});
        return set.failure();
      }
      subnet.map_public_ip_on_launch = true;
    }
    return provided(subnet);
  }

  core::Result<ProvidedResource> update(const ProviderCall& call, const ProvidedResource& current, const json& before,
                                        const json& after) override {
    if (map_public_ip(before) != map_public_ip(after)) {
      auto set = ec2_.modify_subnet_attribute(
          call.context, {.subnet_id = current.physical_id, .map_public_ip_on_launch = map_public_ip(after)});
      if (!set) return set.failure();
    }
    if (auto tagged = ec2_retag(ec2_, call.context, current.physical_id, before, after); !tagged)
      return tagged.failure();
    auto found = ec2_.describe_subnets(call.context, {.ids = {current.physical_id}});
    if (!found) return found.failure();
    if (found->subnets.empty()) return current;
    return provided(found->subnets.front());
  }

  core::Result<void> remove(const ProviderCall& call, const ProvidedResource& current, const json&) override {
    if (current.physical_id.empty()) return core::ok();
    auto r = ec2_.delete_subnet(call.context, {.subnet_id = current.physical_id});
    if (!r && r.error().code == "InvalidSubnetID.NotFound") return core::ok();
    return r;
  }

 private:
  static ProvidedResource provided(const aws::ec2::Subnet& s) {
    // The local EC2 has no network ACLs. The association id is still an `aclassoc-…`, derived
    // from the subnet id so that every read of it agrees.
    std::string acl_association = "aclassoc-" + s.subnet_id.substr(s.subnet_id.find('-') + 1);
    return {.physical_id = s.subnet_id,
            .attributes = {{"AvailabilityZone", s.availability_zone},
                           {"AvailabilityZoneId", s.availability_zone_id},
                           {"CidrBlock", s.cidr_block},
                           {"Ipv6CidrBlocks", json::array()},
                           {"NetworkAclAssociationId", acl_association},
                           {"OutpostArn", ""},
                           {"SubnetId", s.subnet_id},
                           {"VpcId", s.vpc_id}}};
  }

  ec2::Ec2Service& ec2_;
};

}  // namespace

std::unique_ptr<Provider> make_ec2_subnet_provider(ec2::Ec2Service& ec2) {
  return std::make_unique<Ec2SubnetProvider>(ec2);
}

}  // namespace hoplite::local::cloudformation
