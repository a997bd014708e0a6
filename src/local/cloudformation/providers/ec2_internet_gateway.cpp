// AWS::EC2::InternetGateway through the local EC2's typed operations. Ref is the igw id;
// Fn::GetAtt offers InternetGatewayId. Attaching it is AWS::EC2::VPCGatewayAttachment's work, which
// the engine deletes first, so DeleteInternetGateway finds it detached.
#include <algorithm>

#include "local/cloudformation/providers/ec2_tags.hpp"
#include "local/cloudformation/providers/properties.hpp"
#include "local/cloudformation/providers/providers.hpp"
#include "local/ec2/ec2_service.hpp"

namespace hoplite::local::cloudformation {
namespace {

using nlohmann::json;

class Ec2InternetGatewayProvider final : public Provider {
 public:
  explicit Ec2InternetGatewayProvider(ec2::Ec2Service& ec2) : ec2_(ec2) {}

  [[nodiscard]] std::string_view type() const override { return "AWS::EC2::InternetGateway"; }

  core::Result<ProvidedResource> create(const ProviderCall& call, const json& props) override {
    auto specs = ec2_tag_specifications(call, props, "internet-gateway");
    auto made = ec2_.create_internet_gateway(call.context, {.tag_specifications = std::move(specs)});
    if (!made) return made.failure();
    return provided(made->internet_gateway.internet_gateway_id);
  }

  core::Result<ProvidedResource> update(const ProviderCall& call, const ProvidedResource& current, const json& before,
                                        const json& after) override {
    if (auto tagged = ec2_retag(ec2_, call.context, current.physical_id, before, after); !tagged)
      return tagged.failure();
    return provided(current.physical_id);
  }

  core::Result<void> remove(const ProviderCall& call, const ProvidedResource& current, const json&) override {
    if (current.physical_id.empty()) return core::ok();
    auto r = ec2_.delete_internet_gateway(call.context, {.internet_gateway_id = current.physical_id});
    if (!r && r.error().code == "InvalidInternetGatewayID.NotFound") return core::ok();
    return r;
  }

 private:
  static ProvidedResource provided(const std::string& id) {
    return {.physical_id = id, .attributes = {{"InternetGatewayId", id}}};
  }

  ec2::Ec2Service& ec2_;
};

}  // namespace

std::unique_ptr<Provider> make_ec2_internet_gateway_provider(ec2::Ec2Service& ec2) {
  return std::make_unique<Ec2InternetGatewayProvider>(ec2);
}

}  // namespace hoplite::local::cloudformation
