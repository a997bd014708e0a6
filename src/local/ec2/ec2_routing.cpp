// EC2 operations on internet gateways and route tables (routes, associations).
#include <algorithm>

#include "local/ec2/ec2_cidr.hpp"
#include "local/ec2/ec2_describe.hpp"
#include "local/ec2/ec2_errors.hpp"
#include "local/ec2/ec2_service.hpp"
#include "local/ec2/ec2_state.hpp"
#include "local/ec2/ec2_tagging.hpp"
#include "local/store/database.hpp"

namespace hoplite::local::ec2 {
namespace {

using namespace aws::ec2;

FieldValues gateway_fields(const InternetGateway& g) {
  return [&g](std::string_view name) -> std::optional<std::vector<std::string>> {
    if (name == "internet-gateway-id") return one(g.internet_gateway_id);
    if (name == "owner-id") return one(g.owner_id);
    std::vector<std::string> out;
    if (name == "attachment.vpc-id") {
      for (const auto& a : g.attachments) out.push_back(a.vpc_id);
      return out;
    }
    if (name == "attachment.state") {
      for (const auto& a : g.attachments) out.push_back(a.state);
      return out;
    }
    return std::nullopt;
  };
}

FieldValues route_table_fields(const RouteTable& t) {
  return [&t](std::string_view name) -> std::optional<std::vector<std::string>> {
    if (name == "route-table-id") return one(t.route_table_id);
    if (name == "vpc-id") return one(t.vpc_id);
    if (name == "owner-id") return one(t.owner_id);
    std::vector<std::string> out;
    if (name == "association.route-table-association-id") {
      for (const auto& a : t.associations) out.push_back(a.route_table_association_id);
    } else if (name == "association.subnet-id") {
      for (const auto& a : t.associations)
        if (a.subnet_id) out.push_back(*a.subnet_id);
    } else if (name == "association.gateway-id") {
      for (const auto& a : t.associations)
        if (a.gateway_id) out.push_back(*a.gateway_id);
    } else if (name == "association.main") {
      bool has_main = std::any_of(t.associations.begin(), t.associations.end(), [](const auto& a) { return a.main; });
      out.push_back(has_main ? "true" : "false");
    } else if (name == "route.destination-cidr-block") {
      for (const auto& r : t.routes) out.push_back(r.destination_cidr_block);
    } else if (name == "route.gateway-id") {
      for (const auto& r : t.routes)
        if (r.gateway_id) out.push_back(*r.gateway_id);
    } else if (name == "route.origin") {
      for (const auto& r : t.routes) out.push_back(r.origin);
    } else if (name == "route.state") {
      for (const auto& r : t.routes) out.push_back(r.state);
    } else {
      return std::nullopt;
    }
    return out;
  };
}

/// The route table holding association `id`, or InvalidAssociationID.NotFound.
core::Result<RouteTable> table_of_association(ResourceTable& table, const std::string& id) {
  auto tables = table.route_tables();
  if (!tables) return tables.failure();
  for (auto& t : *tables)
    for (const auto& a : t.associations)
      if (a.route_table_association_id == id) return std::move(t);
  return aws_error("InvalidAssociationID.NotFound", "The association ID '" + id.substr(0, 128) + "' does not exist");
}

}  // namespace

// ---- internet gateways ----

core::Result<CreateInternetGatewayResponse> Ec2Service::create_internet_gateway(const CallContext& ctx,
                                                                                const CreateInternetGatewayRequest& r) {
  auto tags = tags_for(ctx, r.tag_specifications, "internet-gateway");
  if (!tags) return tags.failure();
  InternetGateway g{
      .internet_gateway_id = new_id("igw"), .owner_id = ctx.principal.account_id, .tags = std::move(*tags)};
  auto done = house_.db.transaction([&](store::Tx& tx) -> core::Result<void> {
    return ResourceTable(tx, ctx.principal.account_id, ctx.region).put(g);
  });
  if (!done) return done.failure();
  return CreateInternetGatewayResponse{.internet_gateway = std::move(g)};
}

core::Result<DescribeInternetGatewaysResponse> Ec2Service::describe_internet_gateways(const CallContext& ctx,
                                                                                      const DescribeRequest& r) {
  return house_.db.transaction<DescribeInternetGatewaysResponse>(
      [&](store::Tx& tx) -> core::Result<DescribeInternetGatewaysResponse> {
        ResourceTable table(tx, ctx.principal.account_id, ctx.region);
        auto all = table.gateways();
        if (!all) return all.failure();
        auto page = select(
            std::move(*all), r, "ec2.DescribeInternetGateways",
            [](const InternetGateway& g) -> const std::string& { return g.internet_gateway_id; }, gateway_fields,
            gateway_not_found);
        if (!page) return page.failure();
        return DescribeInternetGatewaysResponse{.internet_gateways = std::move(page->items),
                                                .next_token = std::move(page->next_token)};
      });
}

core::Result<void> Ec2Service::delete_internet_gateway(const CallContext& ctx, const InternetGatewayRequest& r) {
  return house_.db.transaction([&](store::Tx& tx) -> core::Result<void> {
    ResourceTable table(tx, ctx.principal.account_id, ctx.region);
    auto g = table.gateway(r.internet_gateway_id);
    if (!g) return g.failure();
    if (!*g) return gateway_not_found(r.internet_gateway_id);
    if (!(*g)->attachments.empty()) return dependency_violation("internetGateway", r.internet_gateway_id);
    return table.remove(r.internet_gateway_id);
  });
}

core::Result<void> Ec2Service::attach_internet_gateway(const CallContext& ctx, const InternetGatewayRequest& r) {
  return house_.db.transaction([&](store::Tx& tx) -> core::Result<void> {
    ResourceTable table(tx, ctx.principal.account_id, ctx.region);
    auto g = table.gateway(r.internet_gateway_id);
    if (!g) return g.failure();
    if (!*g) return gateway_not_found(r.internet_gateway_id);
    auto vpc = table.vpc(r.vpc_id);
    if (!vpc) return vpc.failure();
    if (!*vpc) return vpc_not_found(r.vpc_id);
    if (!(*g)->attachments.empty())
      return aws_error(
          "Resource.AlreadyAssociated",
          "resource " + r.internet_gateway_id + " is already attached to network " + (*g)->attachments.front().vpc_id);
    auto gateways = table.gateways();
    if (!gateways) return gateways.failure();
    for (const auto& other : *gateways)
      for (const auto& a : other.attachments)
        if (a.vpc_id == r.vpc_id)
          return aws_error("Resource.AlreadyAssociated",
                           "Network " + r.vpc_id + " already has an internet gateway attached");
    (*g)->attachments.push_back({.vpc_id = r.vpc_id});
    return table.put(**g);
  });
}

core::Result<void> Ec2Service::detach_internet_gateway(const CallContext& ctx, const InternetGatewayRequest& r) {
  return house_.db.transaction([&](store::Tx& tx) -> core::Result<void> {
    ResourceTable table(tx, ctx.principal.account_id, ctx.region);
    auto g = table.gateway(r.internet_gateway_id);
    if (!g) return g.failure();
    if (!*g) return gateway_not_found(r.internet_gateway_id);
    auto vpc = table.vpc(r.vpc_id);
    if (!vpc) return vpc.failure();
    if (!*vpc) return vpc_not_found(r.vpc_id);
    if ((*g)->attachments.empty() || (*g)->attachments.front().vpc_id != r.vpc_id)
      return aws_error("Gateway.NotAttached",
                       "resource " + r.internet_gateway_id + " is not attached to network " + r.vpc_id);
    (*g)->attachments.clear();
    return table.put(**g);
  });
}

// ---- route tables ----

core::Result<CreateRouteTableResponse> Ec2Service::create_route_table(const CallContext& ctx,
                                                                      const CreateRouteTableRequest& r) {
  auto tags = tags_for(ctx, r.tag_specifications, "route-table");
  if (!tags) return tags.failure();
  return house_.db.transaction<CreateRouteTableResponse>([&](store::Tx& tx) -> core::Result<CreateRouteTableResponse> {
    ResourceTable table(tx, ctx.principal.account_id, ctx.region);
    auto vpc = table.vpc(r.vpc_id);
    if (!vpc) return vpc.failure();
    if (!*vpc) return vpc_not_found(r.vpc_id);
    RouteTable t{
        .route_table_id = new_id("rtb"),
        .vpc_id = r.vpc_id,
        .owner_id = ctx.principal.account_id,
        .routes = {{.destination_cidr_block = (*vpc)->cidr_block, .gateway_id = "local", .origin = "CreateRouteTable"}},
        .tags = std::move(*tags)};
    if (auto ok = table.put(t); !ok) return ok.failure();
    return CreateRouteTableResponse{.route_table = std::move(t)};
  });
}

core::Result<DescribeRouteTablesResponse> Ec2Service::describe_route_tables(const CallContext& ctx,
                                                                            const DescribeRequest& r) {
  return house_.db.transaction<DescribeRouteTablesResponse>(
      [&](store::Tx& tx) -> core::Result<DescribeRouteTablesResponse> {
        ResourceTable table(tx, ctx.principal.account_id, ctx.region);
        auto all = table.route_tables();
        if (!all) return all.failure();
        auto page = select(
            std::move(*all), r, "ec2.DescribeRouteTables",
            [](const RouteTable& t) -> const std::string& { return t.route_table_id; }, route_table_fields,
            route_table_not_found);
        if (!page) return page.failure();
        return DescribeRouteTablesResponse{.route_tables = std::move(page->items),
                                           .next_token = std::move(page->next_token)};
      });
}

core::Result<void> Ec2Service::delete_route_table(const CallContext& ctx, const DeleteRouteTableRequest& r) {
  return house_.db.transaction([&](store::Tx& tx) -> core::Result<void> {
    ResourceTable table(tx, ctx.principal.account_id, ctx.region);
    auto t = table.route_table(r.route_table_id);
    if (!t) return t.failure();
    if (!*t) return route_table_not_found(r.route_table_id);
    if (!(*t)->associations.empty()) return dependency_violation("routeTable", r.route_table_id);
    return table.remove(r.route_table_id);
  });
}

core::Result<void> Ec2Service::create_route(const CallContext& ctx, const CreateRouteRequest& r) {
  auto destination = parse_cidr(r.destination_cidr_block);
  if (!destination)
    return invalid_value("Value (" + r.destination_cidr_block.substr(0, 64) +
                         ") for parameter destinationCidrBlock is invalid. This is not a valid CIDR block.");
  if (r.gateway_id.has_value() == r.nat_gateway_id.has_value())
    return aws_error("InvalidParameterCombination",
                     "The parameter gatewayId or natGatewayId (exactly one) is required.");
  return house_.db.transaction([&](store::Tx& tx) -> core::Result<void> {
    ResourceTable table(tx, ctx.principal.account_id, ctx.region);
    auto t = table.route_table(r.route_table_id);
    if (!t) return t.failure();
    if (!*t) return route_table_not_found(r.route_table_id);
    for (const auto& route : (*t)->routes)
      if (route.destination_cidr_block == r.destination_cidr_block)
        return aws_error("RouteAlreadyExists",
                         "The route identified by " + r.destination_cidr_block + " already exists.");
    if (r.gateway_id) {
      auto g = table.gateway(*r.gateway_id);
      if (!g) return g.failure();
      if (!*g)
        return aws_error("InvalidGatewayID.NotFound",
                         "The gateway ID '" + r.gateway_id->substr(0, 128) + "' does not exist");
      bool attached = std::any_of((*g)->attachments.begin(), (*g)->attachments.end(),
                                  [&](const auto& a) { return a.vpc_id == (*t)->vpc_id; });
      if (!attached)
        return invalid_value("route table " + r.route_table_id + " and network gateway " + *r.gateway_id +
                             " belong to different networks");
    }
    (*t)->routes.push_back({.destination_cidr_block = r.destination_cidr_block,
                            .gateway_id = r.gateway_id,
                            .nat_gateway_id = r.nat_gateway_id,
                            .state = r.nat_gateway_id ? "blackhole" : "active"});
    return table.put(**t);
  });
}

core::Result<void> Ec2Service::delete_route(const CallContext& ctx, const DeleteRouteRequest& r) {
  return house_.db.transaction([&](store::Tx& tx) -> core::Result<void> {
    ResourceTable table(tx, ctx.principal.account_id, ctx.region);
    auto t = table.route_table(r.route_table_id);
    if (!t) return t.failure();
    if (!*t) return route_table_not_found(r.route_table_id);
    auto& routes = (*t)->routes;
    auto it = std::find_if(routes.begin(), routes.end(), [&](const Route& route) {
      return route.destination_cidr_block == r.destination_cidr_block;
    });
    if (it == routes.end())
      return aws_error("InvalidRoute.NotFound", "no route with destination-cidr-block " +
                                                    r.destination_cidr_block.substr(0, 64) + " in route table " +
                                                    r.route_table_id);
    if (it->gateway_id == "local")
      return invalid_value("cannot remove local route " + r.destination_cidr_block + " in route table " +
                           r.route_table_id);
    routes.erase(it);
    return table.put(**t);
  });
}

core::Result<AssociateRouteTableResponse> Ec2Service::associate_route_table(const CallContext& ctx,
                                                                            const AssociateRouteTableRequest& r) {
  if (r.subnet_id.has_value() == r.gateway_id.has_value())
    return aws_error("InvalidParameterCombination", "The parameter subnetId or gatewayId (exactly one) is required.");
  return house_.db.transaction<AssociateRouteTableResponse>(
      [&](store::Tx& tx) -> core::Result<AssociateRouteTableResponse> {
        ResourceTable table(tx, ctx.principal.account_id, ctx.region);
        auto t = table.route_table(r.route_table_id);
        if (!t) return t.failure();
        if (!*t) return route_table_not_found(r.route_table_id);
        std::string vpc_of_target;
        if (r.subnet_id) {
          auto s = table.subnet(*r.subnet_id);
          if (!s) return s.failure();
          if (!*s) return subnet_not_found(*r.subnet_id);
          vpc_of_target = (*s)->vpc_id;
        } else {
          auto g = table.gateway(*r.gateway_id);
          if (!g) return g.failure();
          if (!*g) return gateway_not_found(*r.gateway_id);
          vpc_of_target = (*g)->attachments.empty() ? "" : (*g)->attachments.front().vpc_id;
        }
        if (vpc_of_target != (*t)->vpc_id)
          return invalid_value("Route table " + r.route_table_id + " and " +
                               r.subnet_id.value_or(r.gateway_id.value_or("")) + " belong to different networks");
        auto tables = table.route_tables();
        if (!tables) return tables.failure();
        for (const auto& other : *tables)
          for (const auto& a : other.associations)
            if ((r.subnet_id && a.subnet_id == r.subnet_id) || (r.gateway_id && a.gateway_id == r.gateway_id))
              return aws_error("Resource.AlreadyAssociated", "the specified association for route table " +
                                                                 r.route_table_id +
                                                                 " conflicts with an existing association");
        RouteTableAssociation a{.route_table_association_id = new_id("rtbassoc"),
                                .route_table_id = r.route_table_id,
                                .subnet_id = r.subnet_id,
                                .gateway_id = r.gateway_id};
        (*t)->associations.push_back(a);
        if (auto ok = table.put(**t); !ok) return ok.failure();
        return AssociateRouteTableResponse{.association_id = a.route_table_association_id};
      });
}

core::Result<void> Ec2Service::disassociate_route_table(const CallContext& ctx,
                                                        const DisassociateRouteTableRequest& r) {
  return house_.db.transaction([&](store::Tx& tx) -> core::Result<void> {
    ResourceTable table(tx, ctx.principal.account_id, ctx.region);
    auto t = table_of_association(table, r.association_id);
    if (!t) return t.failure();
    auto& associations = t->associations;
    auto it = std::find_if(associations.begin(), associations.end(),
                           [&](const auto& a) { return a.route_table_association_id == r.association_id; });
    if (it->main) return invalid_value("cannot disassociate the main route table association " + r.association_id);
    associations.erase(it);
    return table.put(*t);
  });
}

}  // namespace hoplite::local::ec2
