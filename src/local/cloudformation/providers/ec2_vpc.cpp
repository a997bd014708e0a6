// AWS::EC2::VPC through the local EC2's typed operations. Ref is the vpc id; Fn::GetAtt offers
// CidrBlock, CidrBlockAssociations, DefaultNetworkAcl, DefaultSecurityGroup, Ipv6CidrBlocks and
// VpcId. The DNS attributes are set after CreateVpc (EC2 takes them only through
// ModifyVpcAttribute, one per call), as CloudFormation does.
#include <algorithm>

#include "local/cloudformation/providers/ec2_tags.hpp"
#include "local/cloudformation/providers/properties.hpp"
#include "local/cloudformation/providers/providers.hpp"
#include "local/ec2/ec2_service.hpp"

namespace hoplite::local::cloudformation {
namespace {

using nlohmann::json;

// EC2's defaults for a new VPC: DNS support on, DNS hostnames off.
bool dns_support(const json& props) { return flag(props, "EnableDnsSupport").value_or(true); }
bool dns_hostnames(const json& props) { return flag(props, "EnableDnsHostnames").value_or(false); }

class Ec2VpcProvider final : public Provider {
 public:
  explicit Ec2VpcProvider(ec2::Ec2Service& ec2) : ec2_(ec2) {}

  [[nodiscard]] std::string_view type() const override { return "AWS::EC2::VPC"; }

  core::Result<ProvidedResource> create(const ProviderCall& call, const json& props) override {
    auto specs = ec2_tag_specifications(call, props, "vpc");
    auto made = ec2_.create_vpc(call.context, {.cidr_block = text(props, "CidrBlock").value_or(""),
                                               .instance_tenancy = text(props, "InstanceTenancy"),
                                               .tag_specifications = std::move(specs)});
    if (!made) return made.failure();
    const std::string& id = made->vpc.vpc_id;
    // A VPC whose DNS settings fail is not the one the template asks for: it goes, so a failed
    // create leaves nothing behind (its id was not known before the call, so the stack has none).
    if (auto dns = set_dns(call.context, id, json::object(), props); !dns) {
      (void)ec2_.delete_vpc(call.context, {.vpc_id = id});
      return dns.failure();
    }
    return provided(call.context, made->vpc);
  }

  core::Result<ProvidedResource> update(const ProviderCall& call, const ProvidedResource& current, const json& before,
                                        const json& after) override {
    if (auto dns = set_dns(call.context, current.physical_id, before, after); !dns) return dns.failure();
    if (auto tagged = ec2_retag(ec2_, call.context, current.physical_id, before, after); !tagged)
      return tagged.failure();
    auto found = ec2_.describe_vpcs(call.context, {.ids = {current.physical_id}});
    if (!found) return found.failure();
    if (found->vpcs.empty()) return current;
    return provided(call.context, found->vpcs.front());
  }

  core::Result<void> remove(const ProviderCall& call, const ProvidedResource& current, const json&) override {
    if (current.physical_id.empty()) return core::ok();
    auto r = ec2_.delete_vpc(call.context, {.vpc_id = current.physical_id});
    if (!r && r.error().code == "InvalidVpcID.NotFound") return core::ok();
    return r;
  }

  /// AWS changes InstanceTenancy from dedicated to default in place (ModifyVpcTenancy); the local
  /// EC2 has no such operation, so any tenancy change makes a new VPC (default to dedicated does
  /// in AWS too).
  [[nodiscard]] bool needs_replacement(const json& before, const json& after) const override {
    return Provider::needs_replacement(before, after) ||
           text(before, "InstanceTenancy").value_or("default") != text(after, "InstanceTenancy").value_or("default");
  }

 private:
  /// Brings the DNS attributes from what `before` asked to what `after` asks. EC2 takes one
  /// attribute per call and refuses hostnames without support, so support goes on before
  /// hostnames do, and hostnames go off before support does.
  core::Result<void> set_dns(const CallContext& ctx, const std::string& id, const json& before, const json& after) {
    bool support = dns_support(after);
    bool hostnames = dns_hostnames(after);
    auto set_support = [&]() -> core::Result<void> {
      if (support == dns_support(before)) return core::ok();
      return ec2_.modify_vpc_attribute(ctx, {.vpc_id = id, .enable_dns_support = support});
    };
    auto set_hostnames = [&]() -> core::Result<void> {
      if (hostnames == dns_hostnames(before)) return core::ok();
      return ec2_.modify_vpc_attribute(ctx, {.vpc_id = id, .enable_dns_hostnames = hostnames});
    };
    if (!hostnames) {
      if (auto r = set_hostnames(); !r) return r;
      return set_support();
    }
    if (auto r = set_support(); !r) return r;
    return set_hostnames();
  }

  core::Result<ProvidedResource> provided(const CallContext& ctx, const aws::ec2::Vpc& vpc) {
    // CreateVpc does not name the default security group it makes; EC2 shows it as the VPC's
    // group called "default".
    auto groups = ec2_.describe_security_groups(
        ctx, {.filters = {{.name = "vpc-id", .values = {vpc.vpc_id}}, {.name = "group-name", .values = {"default"}}}});
    if (!groups) return groups.failure();
    std::string default_group = groups->security_groups.empty() ? "" : groups->security_groups.front().group_id;
    // The local EC2 has no network ACLs. The attribute is still an `acl-…` id, derived from the
    // vpc id so that every read of it agrees.
    std::string default_acl = "acl-" + vpc.vpc_id.substr(vpc.vpc_id.find('-') + 1);
    return ProvidedResource{.physical_id = vpc.vpc_id,
                            .attributes = {{"CidrBlock", vpc.cidr_block},
                                           {"CidrBlockAssociations", json::array({vpc.cidr_block_association_id})},
                                           {"DefaultNetworkAcl", default_acl},
                                           {"DefaultSecurityGroup", default_group},
                                           {"Ipv6CidrBlocks", json::array()},
                                           {"VpcId", vpc.vpc_id}}};
  }

  ec2::Ec2Service& ec2_;
};

}  // namespace

std::unique_ptr<Provider> make_ec2_vpc_provider(ec2::Ec2Service& ec2) { return std::make_unique<Ec2VpcProvider>(ec2); }

}  // namespace hoplite::local::cloudformation
