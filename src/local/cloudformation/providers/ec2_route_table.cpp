// AWS::EC2::RouteTable through the local EC2's typed operations. Ref is the rtb id; Fn::GetAtt
// offers RouteTableId. Its routes and subnet associations are resources of their own
// (AWS::EC2::Route, AWS::EC2::SubnetRouteTableAssociation) that the engine deletes first.
#include <algorithm>

#include "local/cloudformation/providers/ec2_tags.hpp"
#include "local/cloudformation/providers/properties.hpp"
#include "local/cloudformation/providers/providers.hpp"
#include "local/ec2/ec2_service.hpp"

namespace hoplite::local::cloudformation {
namespace {

using nlohmann::json;

class Ec2RouteTableProvider final : public Provider {
 public:
  explicit Ec2RouteTableProvider(ec2::Ec2Service& ec2) : ec2_(ec2) {}

  [[nodiscard]] std::string_view type() const override { return "AWS::EC2::RouteTable"; }

  core::Result<ProvidedResource> create(const ProviderCall& call, const json& props) override {
    auto specs = ec2_tag_specifications(call, props, "route-table");
    auto made = ec2_.create_route_table(
        call.context, {.vpc_id = text(props, "VpcId").value_or(""), .tag_specifications = std::move(specs)});
    if (!made) return made.failure();
    return provided(made->route_table.route_table_id);
  }

  core::Result<ProvidedResource> update(const ProviderCall& call, const ProvidedResource& current, const json& before,
                                        const json& after) override {
    if (auto tagged = ec2_retag(ec2_, call.context, current.physical_id, before, after); !tagged)
      return tagged.failure();
    return provided(current.physical_id);
  }

  core::Result<void> remove(const ProviderCall& call, const ProvidedResource& current, const json&) override {
    if (current.physical_id.empty()) return core::ok();
    auto r = ec2_.delete_route_table(call.context, {.route_table_id = current.physical_id});
    if (!r && r.error().code == "InvalidRouteTableID.NotFound") return core::ok();
    return r;
  }

 private:
  static ProvidedResource provided(const std::string& id) {
    return {.physical_id = id, .attributes = {{"RouteTableId", id}}};
  }

  ec2::Ec2Service& ec2_;
};

}  // namespace

std::unique_ptr<Provider> make_ec2_route_table_provider(ec2::Ec2Service& ec2) {
  return std::make_unique<Ec2RouteTableProvider>(ec2);
}

}  // namespace hoplite::local::cloudformation
