// AWS::EC2::VPCGatewayAttachment through the local EC2's typed operations: AttachInternetGateway
// and DetachInternetGateway. Ref is AWS's id for the attachment, `IGW|<vpc id>` (the attachment
// type and the VPC, a VPC having at most one internet gateway); there are no Fn::GetAtt
// attributes. The local EC2 has no virtual private gateways, so VpnGatewayId is refused.
#include <string>

#include "local/cloudformation/providers/properties.hpp"
#include "local/cloudformation/providers/providers.hpp"
#include "local/ec2/ec2_service.hpp"

namespace hoplite::local::cloudformation {
namespace {

using nlohmann::json;

/// What detaching something already detached (or gone) answers: the attachment is not there,
/// which is what removing it wants.
bool already_detached(const core::Result<void>& r) {
  if (r) return false;
  const auto& code = r.error().code;
  return code == "Gateway.NotAttached" || code == "InvalidInternetGatewayID.NotFound" ||
         code == "InvalidVpcID.NotFound";
}

class Ec2GatewayAttachmentProvider final : public Provider {
 public:
  explicit Ec2GatewayAttachmentProvider(ec2::Ec2Service& ec2) : ec2_(ec2) {}

  [[nodiscard]] std::string_view type() const override { return "AWS::EC2::VPCGatewayAttachment"; }

  [[nodiscard]] std::string planned_physical_id(const ProviderCall&, const json& props) const override {
    return "IGW|" + text(props, "VpcId").value_or("");
  }

  core::Result<ProvidedResource> create(const ProviderCall& call, const json& props) override {
    if (auto refused = refuse_vpn(props); !refused) return refused.failure();
    auto attached = ec2_.attach_internet_gateway(call.context, request(props));
    if (!attached) return attached.failure();
    return ProvidedResource{.physical_id = planned_physical_id(call, props)};
  }

  /// Only the gateway changes in place (a new VPC is a new attachment): the old one is detached
  /// and the new one attached; if that fails the old one is put back.
  core::Result<ProvidedResource> update(const ProviderCall& call, const ProvidedResource& current, const json& before,
                                        const json& after) override {
    if (auto refused = refuse_vpn(after); !refused) return refused.failure();
    if (text(before, "InternetGatewayId") == text(after, "InternetGatewayId")) return current;
    auto detached = ec2_.detach_internet_gateway(call.context, request(before));
    if (!detached && !already_detached(detached)) return detached.failure();
    auto attached = ec2_.attach_internet_gateway(call.context, request(after));
    if (!attached) {
      if (detached) (void)ec2_.attach_internet_gateway(call.context, request(before));
      return attached.failure();
    }
    return current;
  }

  core::Result<void> remove(const ProviderCall& call, const ProvidedResource& current, const json& props) override {
    if (current.physical_id.empty()) return core::ok();
    auto r = ec2_.detach_internet_gateway(call.context, request(props));
    if (already_detached(r)) return core::ok();
    return r;
  }

  /// The spec subset calls VpcId Mutable; AWS documents it as "Update requires: Replacement", and
  /// the attachment's id names the VPC.
  [[nodiscard]] bool needs_replacement(const json& before, const json& after) const override {
    return Provider::needs_replacement(before, after) || text(before, "VpcId") != text(after, "VpcId");
  }

 private:
  static aws::ec2::InternetGatewayRequest request(const json& props) {
    return {.internet_gateway_id = text(props, "InternetGatewayId").value_or(""),
            .vpc_id = text(props, "VpcId").value_or("")};
  }

  static core::Result<void> refuse_vpn(const json& props) {
    if (text(props, "VpnGatewayId") && !text(props, "InternetGatewayId"))
      return aws_error("UnsupportedOperation",
                       "The local EC2 has no virtual private gateways: only InternetGatewayId can be attached.");
    return core::ok();
  }

  ec2::Ec2Service& ec2_;
};

}  // namespace

std::unique_ptr<Provider> make_ec2_gateway_attachment_provider(ec2::Ec2Service& ec2) {
  return std::make_unique<Ec2GatewayAttachmentProvider>(ec2);
}

}  // namespace hoplite::local::cloudformation
