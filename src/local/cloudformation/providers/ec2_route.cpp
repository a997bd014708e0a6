// AWS::EC2::Route through the local EC2's typed operations. Ref is AWS's id for a route, its
// table and destination: `rtb-…|0.0.0.0/0`; Fn::GetAtt offers CidrBlock (the destination). The
// local EC2 routes to internet gateways (GatewayId) and NAT gateways (NatGatewayId) only; a
// route to any other target is refused rather than made without one.
#include <array>

#include "local/cloudformation/providers/properties.hpp"
#include "local/cloudformation/providers/providers.hpp"
#include "local/ec2/ec2_service.hpp"

namespace hoplite::local::cloudformation {
namespace {

using nlohmann::json;

/// Route targets (and the IPv6 destination) that the local EC2 has no resources for.
constexpr std::array kUnsupported{"CarrierGatewayId",
                                  "DestinationIpv6CidrBlock",
                                  "EgressOnlyInternetGatewayId",
                                  "InstanceId",
                                  "LocalGatewayId",
                                  "NetworkInterfaceId",
                                  "TransitGatewayId",
                                  "VpcEndpointId",
                                  "VpcPeeringConnectionId",
                                  "DestinationPrefixListId"};

core::Result<void> refuse_unsupported(const json& props) {
  for (const char* key : kUnsupported)
    if (text(props, key))
      return aws_error("UnsupportedOperation", std::string("The local EC2 routes only to GatewayId or NatGatewayId; ") +
                                                   key + " is not emulated.");
  return core::ok();
}

/// AWS's id for a route: its table and its destination.
std::string route_id(const json& props) {
  return text(props, "RouteTableId").value_or("") + "|" + text(props, "DestinationCidrBlock").value_or("");
}

aws::ec2::CreateRouteRequest create_request(const json& props) {
  return {.route_table_id = text(props, "RouteTableId").value_or(""),
          .destination_cidr_block = text(props, "DestinationCidrBlock").value_or(""),
          .gateway_id = text(props, "GatewayId"),
          .nat_gateway_id = text(props, "NatGatewayId")};
}

class Ec2RouteProvider final : public Provider {
 public:
  explicit Ec2RouteProvider(ec2::Ec2Service& ec2) : ec2_(ec2) {}

  [[nodiscard]] std::string_view type() const override { return "AWS::EC2::Route"; }

  [[nodiscard]] std::string planned_physical_id(const ProviderCall&, const json& props) const override {
    return route_id(props);
  }

  core::Result<ProvidedResource> create(const ProviderCall& call, const json& props) override {
    if (auto refused = refuse_unsupported(props); !refused) return refused.failure();
    auto made = ec2_.create_route(call.context, create_request(props));
    if (!made) return made.failure();
    return provided(props);
  }

  /// A new target for the same destination. EC2 does that with ReplaceRoute, which the local EC2
  /// lacks: the route is deleted and made again with the new target, and the old one is put back
  /// if that fails.
  core::Result<ProvidedResource> update(const ProviderCall& call, const ProvidedResource& current, const json& before,
                                        const json& after) override {
    if (auto refused = refuse_unsupported(after); !refused) return refused.failure();
    auto old_route = create_request(before);
    auto new_route = create_request(after);
    if (old_route.gateway_id == new_route.gateway_id && old_route.nat_gateway_id == new_route.nat_gateway_id)
      return current;
    auto deleted = ec2_.delete_route(call.context, {.route_table_id = old_route.route_table_id,
                                                    .destination_cidr_block = old_route.destination_cidr_block});
    if (!deleted && deleted.error().code != "InvalidRoute.NotFound") return deleted.failure();
    auto made = ec2_.create_route(call.context, new_route);
    if (!made) {
      if (deleted) (void)ec2_.create_route(call.context, old_route);
      return made.failure();
    }
    return provided(after);
  }

  core::Result<void> remove(const ProviderCall& call, const ProvidedResource& current, const json&) override {
    // The id says which route: the table before the first '|', the destination after it.
    auto bar = current.physical_id.find('|');
    if (bar == std::string::npos) return core::ok();
    auto r = ec2_.delete_route(call.context, {.route_table_id = current.physical_id.substr(0, bar),
                                              .destination_cidr_block = current.physical_id.substr(bar + 1)});
    if (!r && (r.error().code == "InvalidRoute.NotFound" || r.error().code == "InvalidRouteTableID.NotFound"))
      return core::ok();
    return r;
  }

 private:
  static ProvidedResource provided(const json& props) {
    return {.physical_id = route_id(props),
            .attributes = {{"CidrBlock", text(props, "DestinationCidrBlock").value_or("")}}};
  }

  ec2::Ec2Service& ec2_;
};

}  // namespace

std::unique_ptr<Provider> make_ec2_route_provider(ec2::Ec2Service& ec2) {
  return std::make_unique<Ec2RouteProvider>(ec2);
}

}  // namespace hoplite::local::cloudformation
