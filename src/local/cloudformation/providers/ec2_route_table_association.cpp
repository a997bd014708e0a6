// AWS::EC2::SubnetRouteTableAssociation through the local EC2's typed operations. Ref is the
// association id (`rtbassoc-…`); Fn::GetAtt offers Id. Both properties are Immutable, so an update
// changes nothing. Disassociating leaves the route table with no explicit association, which is
// what lets its own deletion (later, in reverse dependency order) succeed.
#include "local/cloudformation/providers/properties.hpp"
#include "local/cloudformation/providers/providers.hpp"
#include "local/ec2/ec2_service.hpp"

namespace hoplite::local::cloudformation {
namespace {

using nlohmann::json;

class Ec2RouteTableAssociationProvider final : public Provider {
 public:
  explicit Ec2RouteTableAssociationProvider(ec2::Ec2Service& ec2) : ec2_(ec2) {}

  [[nodiscard]] std::string_view type() const override { return "AWS::EC2::SubnetRouteTableAssociation"; }

  core::Result<ProvidedResource> create(const ProviderCall& call, const json& props) override {
    // SubnetId is required by the type, so the request always names a subnet (never a gateway).
    auto made = ec2_.associate_route_table(call.context, {.route_table_id = text(props, "RouteTableId").value_or(""),
                                                          .subnet_id = text(props, "SubnetId").value_or("")});
    if (!made) return made.failure();
    return provided(made->association_id);
  }

  core::Result<ProvidedResource> update(const ProviderCall&, const ProvidedResource& current, const json&,
                                        const json&) override {
    return provided(current.physical_id);
  }

  core::Result<void> remove(const ProviderCall& call, const ProvidedResource& current, const json&) override {
    if (current.physical_id.empty()) return core::ok();
    auto r = ec2_.disassociate_route_table(call.context, {.association_id = current.physical_id});
    if (!r && r.error().code == "InvalidAssociationID.NotFound") return core::ok();
    return r;
  }

 private:
  static ProvidedResource provided(const std::string& id) { return {.physical_id = id, .attributes = {{"Id", id}}}; }

  ec2::Ec2Service& ec2_;
};

}  // namespace

std::unique_ptr<Provider> make_ec2_route_table_association_provider(ec2::Ec2Service& ec2) {
  return std::make_unique<Ec2RouteTableAssociationProvider>(ec2);
}

}  // namespace hoplite::local::cloudformation
