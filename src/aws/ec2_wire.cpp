#include "hoplite/aws/ec2_wire.hpp"

#include <charconv>

namespace hoplite::aws::ec2::wire {
namespace {

/// Most entries read from one flattened list: far above what EC2 takes (1000 ids, 50 tags, 200
/// filter values), so a hostile request cannot make the reader loop long.
constexpr std::size_t kMaxEntries = 1000;

std::string at(std::string_view prefix, std::size_t i) { return std::string(prefix) + "." + std::to_string(i); }

void add_list(QueryParams& p, std::string_view prefix, const std::vector<std::string>& values) {
  for (std::size_t i = 0; i < values.size(); ++i) p.add(at(prefix, i + 1), values[i]);
}

void add_bool(QueryParams& p, std::string key, std::optional<bool> v) {
  if (v) p.add(std::move(key), *v ? "true" : "false");
}

void add_int(QueryParams& p, std::string key, std::optional<int> v) {
  if (v) p.add(std::move(key), std::to_string(*v));
}

core::Failure bad_value(std::string_view key, std::string_view value, std::string_view expected) {
  return core::fail(core::Error{"InvalidParameterValue",
                                "Value (" + std::string(value.substr(0, 128)) + ") for parameter " + std::string(key) +
                                    " is invalid. Expected: '" + std::string(expected) + "'.",
                                400,
                                false,
                                {}});
}

core::Result<std::optional<int>> read_int(const QueryReader& in, const std::string& key) {
  auto v = in.string(key);
  if (!v) return std::optional<int>{};
  int n = 0;
  auto [end, ec] = std::from_chars(v->data(), v->data() + v->size(), n);
  if (ec != std::errc{} || end != v->data() + v->size()) return bad_value(key, *v, "Integer");
  return std::optional<int>{n};
}

core::Result<std::optional<bool>> read_bool(const QueryReader& in, const std::string& key) {
  auto v = in.string(key);
  if (!v) return std::optional<bool>{};
  if (*v == "true") return std::optional<bool>{true};
  if (*v == "false") return std::optional<bool>{false};
  return bad_value(key, *v, "Boolean");
}

void add_tags(QueryParams& p, std::string_view prefix, const std::vector<Tag>& tags) {
  for (std::size_t i = 0; i < tags.size(); ++i) {
    std::string k = at(prefix, i + 1);
    p.add(k + ".Key", tags[i].key).add(k + ".Value", tags[i].value);
  }
}

std::vector<Tag> read_tags(const QueryReader& in, std::string_view prefix) {
  std::vector<Tag> out;
  for (std::size_t i = 1; i <= kMaxEntries; ++i) {
    std::string k = at(prefix, i);
    auto key = in.string(k + ".Key");
    if (!key) break;
    out.push_back({*key, in.string(k + ".Value").value_or("")});
  }
  return out;
}

void add_tag_specifications(QueryParams& p, const std::vector<TagSpecification>& specs) {
  for (std::size_t i = 0; i < specs.size(); ++i) {
    std::string k = at("TagSpecification", i + 1);
    p.add(k + ".ResourceType", specs[i].resource_type);
    add_tags(p, k + ".Tag", specs[i].tags);
  }
}

std::vector<TagSpecification> read_tag_specifications(const QueryReader& in) {
  std::vector<TagSpecification> out;
  for (std::size_t i = 1; i <= kMaxEntries; ++i) {
    std::string k = at("TagSpecification", i);
    auto type = in.string(k + ".ResourceType");
    auto tags = read_tags(in, k + ".Tag");
    if (!type && tags.empty()) break;
    out.push_back({type.value_or(""), std::move(tags)});
  }
  return out;
}

void add_filters(QueryParams& p, const std::vector<Filter>& filters) {
  for (std::size_t i = 0; i < filters.size(); ++i) {
    std::string k = at("Filter", i + 1);
    p.add(k + ".Name", filters[i].name);
    add_list(p, k + ".Value", filters[i].values);
  }
}

std::vector<Filter> read_filters(const QueryReader& in) {
  std::vector<Filter> out;
  for (std::size_t i = 1; i <= kMaxEntries; ++i) {
    std::string k = at("Filter", i);
    auto name = in.string(k + ".Name");
    if (!name) break;
    out.push_back({*name, in.flat_list(k + ".Value")});
  }
  return out;
}

void add_permissions(QueryParams& p, const std::vector<IpPermission>& permissions) {
  for (std::size_t i = 0; i < permissions.size(); ++i) {
    const auto& perm = permissions[i];
    std::string k = at("IpPermissions", i + 1);
    p.add(k + ".IpProtocol", perm.ip_protocol);
    add_int(p, k + ".FromPort", perm.from_port);
    add_int(p, k + ".ToPort", perm.to_port);
    for (std::size_t j = 0; j < perm.ip_ranges.size(); ++j) {
      std::string r = at(k + ".IpRanges", j + 1);
      p.add(r + ".CidrIp", perm.ip_ranges[j].cidr_ip).add(r + ".Description", perm.ip_ranges[j].description);
    }
    for (std::size_t j = 0; j < perm.ipv6_ranges.size(); ++j) {
      std::string r = at(k + ".Ipv6Ranges", j + 1);
      p.add(r + ".CidrIpv6", perm.ipv6_ranges[j].cidr_ipv6).add(r + ".Description", perm.ipv6_ranges[j].description);
    }
    for (std::size_t j = 0; j < perm.user_id_group_pairs.size(); ++j) {
      const auto& g = perm.user_id_group_pairs[j];
      std::string r = at(k + ".Groups", j + 1);
      p.add(r + ".GroupId", g.group_id).add(r + ".UserId", g.user_id).add(r + ".Description", g.description);
    }
  }
}

core::Result<std::vector<IpPermission>> read_permissions(const QueryReader& in) {
  std::vector<IpPermission> out;
  for (std::size_t i = 1; i <= kMaxEntries; ++i) {
    std::string k = at("IpPermissions", i);
    auto protocol = in.string(k + ".IpProtocol");
    if (!protocol) break;
    IpPermission perm{.ip_protocol = *protocol};
    auto from = read_int(in, k + ".FromPort");
    if (!from) return from.failure();
    auto to = read_int(in, k + ".ToPort");
    if (!to) return to.failure();
    perm.from_port = *from;
    perm.to_port = *to;
    for (std::size_t j = 1; j <= kMaxEntries; ++j) {
      std::string r = at(k + ".IpRanges", j);
      auto cidr = in.string(r + ".CidrIp");
      if (!cidr) break;
      perm.ip_ranges.push_back({*cidr, in.string(r + ".Description")});
    }
    for (std::size_t j = 1; j <= kMaxEntries; ++j) {
      std::string r = at(k + ".Ipv6Ranges", j);
      auto cidr = in.string(r + ".CidrIpv6");
      if (!cidr) break;
      perm.ipv6_ranges.push_back({*cidr, in.string(r + ".Description")});
    }
    for (std::size_t j = 1; j <= kMaxEntries; ++j) {
      std::string r = at(k + ".Groups", j);
      auto group = in.string(r + ".GroupId");
      if (!group) break;
      perm.user_id_group_pairs.push_back({*group, in.string(r + ".UserId"), in.string(r + ".Description")});
    }
    out.push_back(std::move(perm));
  }
  return out;
}

// ---- responses ----

void write_tags(XmlWriter& out, const std::vector<Tag>& tags) {
  if (tags.empty()) return;
  out.open("tagSet");
  for (const auto& t : tags) out.open("item").element("key", t.key).element("value", t.value).close();
  out.close();
}

std::vector<Tag> tags_of(const XmlElement& e) {
  std::vector<Tag> out;
  if (const auto* set = e.child("tagSet"))
    for (const auto* item : set->children_named("item")) out.push_back({item->text_at("key"), item->text_at("value")});
  return out;
}

/// The `<item>` children of `set` under `e`.
std::vector<const XmlElement*> items(const XmlElement& e, std::string_view set) {
  if (const auto* s = e.child(set)) return s->children_named("item");
  return {};
}

bool flag(const XmlElement& e, std::string_view path) { return e.text_at(path) == "true"; }

std::optional<int> optional_int(const XmlElement& e, std::string_view path) {
  auto t = e.optional_text(path);
  if (!t) return std::nullopt;
  int n = 0;
  auto [end, ec] = std::from_chars(t->data(), t->data() + t->size(), n);
  if (ec != std::errc{}) return std::nullopt;
  return n;
}

void write_vpc(XmlWriter& out, const Vpc& v) {
  out.element("vpcId", v.vpc_id).element("ownerId", v.owner_id).element("state", v.state);
  out.element("cidrBlock", v.cidr_block);
  out.open("cidrBlockAssociationSet")
      .open("item")
      .element("cidrBlock", v.cidr_block)
      .element("associationId", v.cidr_block_association_id)
      .open("cidrBlockState")
      .element("state", "associated")
      .close()
      .close()
      .close();
  out.element("dhcpOptionsId", v.dhcp_options_id).element("instanceTenancy", v.instance_tenancy);
  out.boolean("isDefault", v.is_default);
  write_tags(out, v.tags);
}

Vpc read_vpc(const XmlElement& e) {
  Vpc v{.vpc_id = e.text_at("vpcId"),
        .cidr_block = e.text_at("cidrBlock"),
        .state = e.text_at("state"),
        .owner_id = e.text_at("ownerId"),
        .instance_tenancy = e.text_at("instanceTenancy"),
        .dhcp_options_id = e.text_at("dhcpOptionsId"),
        .is_default = flag(e, "isDefault"),
        .tags = tags_of(e)};
  auto assoc = items(e, "cidrBlockAssociationSet");
  if (!assoc.empty()) v.cidr_block_association_id = assoc.front()->text_at("associationId");
  return v;
}

void write_subnet(XmlWriter& out, const Subnet& s) {
  out.element("subnetId", s.subnet_id).element("subnetArn", s.subnet_arn).element("state", s.state);
  out.element("vpcId", s.vpc_id).element("ownerId", s.owner_id).element("cidrBlock", s.cidr_block);
  out.number("availableIpAddressCount", s.available_ip_address_count);
  out.element("availabilityZone", s.availability_zone).element("availabilityZoneId", s.availability_zone_id);
  out.boolean("defaultForAz", s.default_for_az).boolean("mapPublicIpOnLaunch", s.map_public_ip_on_launch);
  write_tags(out, s.tags);
}

Subnet read_subnet(const XmlElement& e) {
  return Subnet{.subnet_id = e.text_at("subnetId"),
                .subnet_arn = e.text_at("subnetArn"),
                .vpc_id = e.text_at("vpcId"),
                .cidr_block = e.text_at("cidrBlock"),
                .availability_zone = e.text_at("availabilityZone"),
                .availability_zone_id = e.text_at("availabilityZoneId"),
                .available_ip_address_count = optional_int(e, "availableIpAddressCount").value_or(0),
                .state = e.text_at("state"),
                .default_for_az = flag(e, "defaultForAz"),
                .map_public_ip_on_launch = flag(e, "mapPublicIpOnLaunch"),
                .owner_id = e.text_at("ownerId"),
                .tags = tags_of(e)};
}

void write_gateway(XmlWriter& out, const InternetGateway& g) {
  out.element("internetGatewayId", g.internet_gateway_id).element("ownerId", g.owner_id);
  out.open("attachmentSet");
  for (const auto& a : g.attachments) out.open("item").element("vpcId", a.vpc_id).element("state", a.state).close();
  out.close();
  write_tags(out, g.tags);
}

InternetGateway read_gateway(const XmlElement& e) {
  InternetGateway g{.internet_gateway_id = e.text_at("internetGatewayId"), .owner_id = e.text_at("ownerId")};
  for (const auto* a : items(e, "attachmentSet")) g.attachments.push_back({a->text_at("vpcId"), a->text_at("state")});
  g.tags = tags_of(e);
  return g;
}

void write_route_table(XmlWriter& out, const RouteTable& t) {
  out.element("routeTableId", t.route_table_id).element("vpcId", t.vpc_id).element("ownerId", t.owner_id);
  out.open("routeSet");
  for (const auto& r : t.routes) {
    out.open("item").element("destinationCidrBlock", r.destination_cidr_block);
    out.optional_element("gatewayId", r.gateway_id).optional_element("natGatewayId", r.nat_gateway_id);
    out.element("state", r.state).element("origin", r.origin).close();
  }
  out.close().open("associationSet");
  for (const auto& a : t.associations) {
    out.open("item").element("routeTableAssociationId", a.route_table_association_id);
    out.element("routeTableId", a.route_table_id).optional_element("subnetId", a.subnet_id);
    out.optional_element("gatewayId", a.gateway_id).boolean("main", a.main);
    out.open("associationState").element("state", a.state).close().close();
  }
  out.close().open("propagatingVgwSet").close();
  write_tags(out, t.tags);
}

RouteTable read_route_table(const XmlElement& e) {
  RouteTable t{
      .route_table_id = e.text_at("routeTableId"), .vpc_id = e.text_at("vpcId"), .owner_id = e.text_at("ownerId")};
  for (const auto* r : items(e, "routeSet"))
    t.routes.push_back({.destination_cidr_block = r->text_at("destinationCidrBlock"),
                        .gateway_id = r->optional_text("gatewayId"),
                        .nat_gateway_id = r->optional_text("natGatewayId"),
                        .origin = r->text_at("origin"),
                        .state = r->text_at("state")});
  for (const auto* a : items(e, "associationSet"))
    t.associations.push_back({.route_table_association_id = a->text_at("routeTableAssociationId"),
                              .route_table_id = a->text_at("routeTableId"),
                              .subnet_id = a->optional_text("subnetId"),
                              .gateway_id = a->optional_text("gatewayId"),
                              .main = flag(*a, "main"),
                              .state = a->text_at("associationState/state")});
  t.tags = tags_of(e);
  return t;
}

void write_permissions(XmlWriter& out, std::string_view name, const std::vector<IpPermission>& permissions) {
  out.open(name);
  for (const auto& p : permissions) {
    out.open("item").element("ipProtocol", p.ip_protocol);
    if (p.from_port) out.number("fromPort", *p.from_port);
    if (p.to_port) out.number("toPort", *p.to_port);
    out.open("groups");
    for (const auto& g : p.user_id_group_pairs) {
      out.open("item").element("groupId", g.group_id).optional_element("userId", g.user_id);
      out.optional_element("description", g.description).close();
    }
    out.close().open("ipRanges");
    for (const auto& r : p.ip_ranges)
      out.open("item").element("cidrIp", r.cidr_ip).optional_element("description", r.description).close();
    out.close().open("ipv6Ranges");
    for (const auto& r : p.ipv6_ranges)
      out.open("item").element("cidrIpv6", r.cidr_ipv6).optional_element("description", r.description).close();
    out.close().open("prefixListIds").close().close();
  }
  out.close();
}

std::vector<IpPermission> read_permission_items(const XmlElement& e, std::string_view name) {
  std::vector<IpPermission> out;
  for (const auto* p : items(e, name)) {
    IpPermission perm{.ip_protocol = p->text_at("ipProtocol"),
                      .from_port = optional_int(*p, "fromPort"),
                      .to_port = optional_int(*p, "toPort")};
    for (const auto* r : items(*p, "ipRanges"))
      perm.ip_ranges.push_back({r->text_at("cidrIp"), r->optional_text("description")});
    for (const auto* r : items(*p, "ipv6Ranges"))
      perm.ipv6_ranges.push_back({r->text_at("cidrIpv6"), r->optional_text("description")});
    for (const auto* g : items(*p, "groups"))
      perm.user_id_group_pairs.push_back(
          {g->text_at("groupId"), g->optional_text("userId"), g->optional_text("description")});
    out.push_back(std::move(perm));
  }
  return out;
}

void write_security_group(XmlWriter& out, const SecurityGroup& g) {
  out.element("ownerId", g.owner_id).element("groupId", g.group_id).element("groupName", g.group_name);
  out.element("groupDescription", g.description).element("vpcId", g.vpc_id);
  write_permissions(out, "ipPermissions", g.ip_permissions);
  write_permissions(out, "ipPermissionsEgress", g.ip_permissions_egress);
  write_tags(out, g.tags);
}

SecurityGroup read_security_group(const XmlElement& e) {
  return SecurityGroup{.group_id = e.text_at("groupId"),
                       .group_name = e.text_at("groupName"),
                       .description = e.text_at("groupDescription"),
                       .vpc_id = e.text_at("vpcId"),
                       .owner_id = e.text_at("ownerId"),
                       .ip_permissions = read_permission_items(e, "ipPermissions"),
                       .ip_permissions_egress = read_permission_items(e, "ipPermissionsEgress"),
                       .tags = tags_of(e)};
}

QueryParams one(std::string key, const std::string& value) {
  QueryParams p;
  p.add(std::move(key), value);
  return p;
}

std::string text(const QueryReader& in, std::string_view key) { return in.string(key).value_or(""); }

}  // namespace

void encode_return(XmlWriter& out) { out.boolean("return", true); }

// ---- describe ----

QueryParams encode_request(const DescribeRequest& r, std::string_view id_name) {
  QueryParams p;
  add_list(p, id_name, r.ids);
  add_list(p, "GroupName", r.group_names);
  add_filters(p, r.filters);
  add_int(p, "MaxResults", r.max_results);
  p.add("NextToken", r.next_token);
  return p;
}

core::Result<DescribeRequest> decode_describe_request(const QueryParams& params, std::string_view id_name) {
  QueryReader in(params);
  DescribeRequest out{.ids = in.flat_list(id_name), .filters = read_filters(in), .next_token = in.string("NextToken")};
  if (id_name == "GroupId") out.group_names = in.flat_list("GroupName");
  auto max = read_int(in, "MaxResults");
  if (!max) return max.failure();
  out.max_results = *max;
  return out;
}

QueryParams encode_request(const DescribeAvailabilityZonesRequest& r) {
  QueryParams p;
  add_list(p, "ZoneName", r.zone_names);
  add_list(p, "ZoneId", r.zone_ids);
  add_filters(p, r.filters);
  add_bool(p, "AllAvailabilityZones", r.all_availability_zones);
  return p;
}

core::Result<DescribeAvailabilityZonesRequest> decode_describe_availability_zones_request(const QueryParams& params) {
  QueryReader in(params);
  DescribeAvailabilityZonesRequest out{
      .zone_names = in.flat_list("ZoneName"), .zone_ids = in.flat_list("ZoneId"), .filters = read_filters(in)};
  auto all = read_bool(in, "AllAvailabilityZones");
  if (!all) return all.failure();
  out.all_availability_zones = *all;
  return out;
}

void encode_response(const DescribeAvailabilityZonesResponse& r, XmlWriter& out) {
  out.open("availabilityZoneInfo");
  for (const auto& z : r.availability_zones) {
    out.open("item").element("zoneName", z.zone_name).element("zoneState", z.state);
    out.element("regionName", z.region_name).element("zoneId", z.zone_id);
    out.element("optInStatus", z.opt_in_status).element("groupName", z.group_name);
    out.element("networkBorderGroup", z.network_border_group).element("zoneType", z.zone_type);
    out.open("messageSet").close().close();
  }
  out.close();
}

core::Result<DescribeAvailabilityZonesResponse> decode_describe_availability_zones_response(const XmlElement& root) {
  DescribeAvailabilityZonesResponse out;
  for (const auto* z : items(root, "availabilityZoneInfo"))
    out.availability_zones.push_back({.zone_name = z->text_at("zoneName"),
                                      .zone_id = z->text_at("zoneId"),
                                      .region_name = z->text_at("regionName"),
                                      .state = z->text_at("zoneState"),
                                      .opt_in_status = z->text_at("optInStatus"),
                                      .group_name = z->text_at("groupName"),
                                      .network_border_group = z->text_at("networkBorderGroup"),
                                      .zone_type = z->text_at("zoneType")});
  return out;
}

// ---- VPCs ----

QueryParams encode_request(const CreateVpcRequest& r) {
  QueryParams p = one("CidrBlock", r.cidr_block);
  p.add("InstanceTenancy", r.instance_tenancy);
  add_tag_specifications(p, r.tag_specifications);
  return p;
}

core::Result<CreateVpcRequest> decode_create_vpc_request(const QueryParams& params) {
  QueryReader in(params);
  return CreateVpcRequest{.cidr_block = text(in, "CidrBlock"),
                          .instance_tenancy = in.string("InstanceTenancy"),
                          .tag_specifications = read_tag_specifications(in)};
}

void encode_response(const CreateVpcResponse& r, XmlWriter& out) {
  out.open("vpc");
  write_vpc(out, r.vpc);
  out.close();
}

core::Result<CreateVpcResponse> decode_create_vpc_response(const XmlElement& root) {
  const auto* v = root.child("vpc");
  return CreateVpcResponse{.vpc = v ? read_vpc(*v) : Vpc{}};
}

void encode_response(const DescribeVpcsResponse& r, XmlWriter& out) {
  out.open("vpcSet");
  for (const auto& v : r.vpcs) {
    out.open("item");
    write_vpc(out, v);
    out.close();
  }
  out.close().optional_element("nextToken", r.next_token);
}

core::Result<DescribeVpcsResponse> decode_describe_vpcs_response(const XmlElement& root) {
  DescribeVpcsResponse out;
  for (const auto* v : items(root, "vpcSet")) out.vpcs.push_back(read_vpc(*v));
  out.next_token = root.optional_text("nextToken");
  return out;
}

QueryParams encode_request(const DeleteVpcRequest& r) { return one("VpcId", r.vpc_id); }
core::Result<DeleteVpcRequest> decode_delete_vpc_request(const QueryParams& params) {
  return DeleteVpcRequest{.vpc_id = text(QueryReader(params), "VpcId")};
}

QueryParams encode_request(const ModifyVpcAttributeRequest& r) {
  QueryParams p = one("VpcId", r.vpc_id);
  add_bool(p, "EnableDnsSupport.Value", r.enable_dns_support);
  add_bool(p, "EnableDnsHostnames.Value", r.enable_dns_hostnames);
  return p;
}

core::Result<ModifyVpcAttributeRequest> decode_modify_vpc_attribute_request(const QueryParams& params) {
  QueryReader in(params);
  ModifyVpcAttributeRequest out{.vpc_id = text(in, "VpcId")};
  auto support = read_bool(in, "EnableDnsSupport.Value");
  if (!support) return support.failure();
  auto hostnames = read_bool(in, "EnableDnsHostnames.Value");
  if (!hostnames) return hostnames.failure();
  out.enable_dns_support = *support;
  out.enable_dns_hostnames = *hostnames;
  return out;
}

QueryParams encode_request(const DescribeVpcAttributeRequest& r) {
  QueryParams p = one("VpcId", r.vpc_id);
  p.add("Attribute", r.attribute);
  return p;
}

core::Result<DescribeVpcAttributeRequest> decode_describe_vpc_attribute_request(const QueryParams& params) {
  QueryReader in(params);
  return DescribeVpcAttributeRequest{.vpc_id = text(in, "VpcId"), .attribute = text(in, "Attribute")};
}

void encode_response(const DescribeVpcAttributeResponse& r, XmlWriter& out) {
  out.element("vpcId", r.vpc_id);
  if (r.enable_dns_support) out.open("enableDnsSupport").boolean("value", *r.enable_dns_support).close();
  if (r.enable_dns_hostnames) out.open("enableDnsHostnames").boolean("value", *r.enable_dns_hostnames).close();
}

core::Result<DescribeVpcAttributeResponse> decode_describe_vpc_attribute_response(const XmlElement& root) {
  DescribeVpcAttributeResponse out{.vpc_id = root.text_at("vpcId")};
  if (auto v = root.optional_text("enableDnsSupport/value")) out.enable_dns_support = *v == "true";
  if (auto v = root.optional_text("enableDnsHostnames/value")) out.enable_dns_hostnames = *v == "true";
  return out;
}

// ---- subnets ----

QueryParams encode_request(const CreateSubnetRequest& r) {
  QueryParams p = one("VpcId", r.vpc_id);
  p.add("CidrBlock", r.cidr_block).add("AvailabilityZone", r.availability_zone);
  p.add("AvailabilityZoneId", r.availability_zone_id);
  add_tag_specifications(p, r.tag_specifications);
  return p;
}

core::Result<CreateSubnetRequest> decode_create_subnet_request(const QueryParams& params) {
  QueryReader in(params);
  return CreateSubnetRequest{.vpc_id = text(in, "VpcId"),
                             .cidr_block = text(in, "CidrBlock"),
                             .availability_zone = in.string("AvailabilityZone"),
                             .availability_zone_id = in.string("AvailabilityZoneId"),
                             .tag_specifications = read_tag_specifications(in)};
}

void encode_response(const CreateSubnetResponse& r, XmlWriter& out) {
  out.open("subnet");
  write_subnet(out, r.subnet);
  out.close();
}

core::Result<CreateSubnetResponse> decode_create_subnet_response(const XmlElement& root) {
  const auto* s = root.child("subnet");
  return CreateSubnetResponse{.subnet = s ? read_subnet(*s) : Subnet{}};
}

void encode_response(const DescribeSubnetsResponse& r, XmlWriter& out) {
  out.open("subnetSet");
  for (const auto& s : r.subnets) {
    out.open("item");
    write_subnet(out, s);
    out.close();
  }
  out.close().optional_element("nextToken", r.next_token);
}

core::Result<DescribeSubnetsResponse> decode_describe_subnets_response(const XmlElement& root) {
  DescribeSubnetsResponse out;
  for (const auto* s : items(root, "subnetSet")) out.subnets.push_back(read_subnet(*s));
  out.next_token = root.optional_text("nextToken");
  return out;
}

QueryParams encode_request(const DeleteSubnetRequest& r) { return one("SubnetId", r.subnet_id); }
core::Result<DeleteSubnetRequest> decode_delete_subnet_request(const QueryParams& params) {
  return DeleteSubnetRequest{.subnet_id = text(QueryReader(params), "SubnetId")};
}

QueryParams encode_request(const ModifySubnetAttributeRequest& r) {
  QueryParams p = one("SubnetId", r.subnet_id);
  add_bool(p, "MapPublicIpOnLaunch.Value", r.map_public_ip_on_launch);
  return p;
}

core::Result<ModifySubnetAttributeRequest> decode_modify_subnet_attribute_request(const QueryParams& params) {
  QueryReader in(params);
  ModifySubnetAttributeRequest out{.subnet_id = text(in, "SubnetId")};
  auto map = read_bool(in, "MapPublicIpOnLaunch.Value");
  if (!map) return map.failure();
  out.map_public_ip_on_launch = *map;
  return out;
}

// ---- internet gateways ----

QueryParams encode_request(const CreateInternetGatewayRequest& r) {
  QueryParams p;
  add_tag_specifications(p, r.tag_specifications);
  return p;
}

core::Result<CreateInternetGatewayRequest> decode_create_internet_gateway_request(const QueryParams& params) {
  return CreateInternetGatewayRequest{.tag_specifications = read_tag_specifications(QueryReader(params))};
}

void encode_response(const CreateInternetGatewayResponse& r, XmlWriter& out) {
  out.open("internetGateway");
  write_gateway(out, r.internet_gateway);
  out.close();
}

core::Result<CreateInternetGatewayResponse> decode_create_internet_gateway_response(const XmlElement& root) {
  const auto* g = root.child("internetGateway");
  return CreateInternetGatewayResponse{.internet_gateway = g ? read_gateway(*g) : InternetGateway{}};
}

void encode_response(const DescribeInternetGatewaysResponse& r, XmlWriter& out) {
  out.open("internetGatewaySet");
  for (const auto& g : r.internet_gateways) {
    out.open("item");
    write_gateway(out, g);
    out.close();
  }
  out.close().optional_element("nextToken", r.next_token);
}

core::Result<DescribeInternetGatewaysResponse> decode_describe_internet_gateways_response(const XmlElement& root) {
  DescribeInternetGatewaysResponse out;
  for (const auto* g : items(root, "internetGatewaySet")) out.internet_gateways.push_back(read_gateway(*g));
  out.next_token = root.optional_text("nextToken");
  return out;
}

QueryParams encode_request(const InternetGatewayRequest& r) {
  QueryParams p = one("InternetGatewayId", r.internet_gateway_id);
  if (!r.vpc_id.empty()) p.add("VpcId", r.vpc_id);
  return p;
}

core::Result<InternetGatewayRequest> decode_internet_gateway_request(const QueryParams& params) {
  QueryReader in(params);
  return InternetGatewayRequest{.internet_gateway_id = text(in, "InternetGatewayId"), .vpc_id = text(in, "VpcId")};
}

// ---- route tables ----

QueryParams encode_request(const CreateRouteTableRequest& r) {
  QueryParams p = one("VpcId", r.vpc_id);
  add_tag_specifications(p, r.tag_specifications);
  return p;
}

core::Result<CreateRouteTableRequest> decode_create_route_table_request(const QueryParams& params) {
  QueryReader in(params);
  return CreateRouteTableRequest{.vpc_id = text(in, "VpcId"), .tag_specifications = read_tag_specifications(in)};
}

void encode_response(const CreateRouteTableResponse& r, XmlWriter& out) {
  out.open("routeTable");
  write_route_table(out, r.route_table);
  out.close();
}

core::Result<CreateRouteTableResponse> decode_create_route_table_response(const XmlElement& root) {
  const auto* t = root.child("routeTable");
  return CreateRouteTableResponse{.route_table = t ? read_route_table(*t) : RouteTable{}};
}

void encode_response(const DescribeRouteTablesResponse& r, XmlWriter& out) {
  out.open("routeTableSet");
  for (const auto& t : r.route_tables) {
    out.open("item");
    write_route_table(out, t);
    out.close();
  }
  out.close().optional_element("nextToken", r.next_token);
}

core::Result<DescribeRouteTablesResponse> decode_describe_route_tables_response(const XmlElement& root) {
  DescribeRouteTablesResponse out;
  for (const auto* t : items(root, "routeTableSet")) out.route_tables.push_back(read_route_table(*t));
  out.next_token = root.optional_text("nextToken");
  return out;
}

QueryParams encode_request(const DeleteRouteTableRequest& r) { return one("RouteTableId", r.route_table_id); }
core::Result<DeleteRouteTableRequest> decode_delete_route_table_request(const QueryParams& params) {
  return DeleteRouteTableRequest{.route_table_id = text(QueryReader(params), "RouteTableId")};
}

QueryParams encode_request(const CreateRouteRequest& r) {
  QueryParams p = one("RouteTableId", r.route_table_id);
  p.add("DestinationCidrBlock", r.destination_cidr_block).add("GatewayId", r.gateway_id);
  p.add("NatGatewayId", r.nat_gateway_id);
  return p;
}

core::Result<CreateRouteRequest> decode_create_route_request(const QueryParams& params) {
  QueryReader in(params);
  return CreateRouteRequest{.route_table_id = text(in, "RouteTableId"),
                            .destination_cidr_block = text(in, "DestinationCidrBlock"),
                            .gateway_id = in.string("GatewayId"),
                            .nat_gateway_id = in.string("NatGatewayId")};
}

QueryParams encode_request(const DeleteRouteRequest& r) {
  QueryParams p = one("RouteTableId", r.route_table_id);
  p.add("DestinationCidrBlock", r.destination_cidr_block);
  return p;
}

core::Result<DeleteRouteRequest> decode_delete_route_request(const QueryParams& params) {
  QueryReader in(params);
  return DeleteRouteRequest{.route_table_id = text(in, "RouteTableId"),
                            .destination_cidr_block = text(in, "DestinationCidrBlock")};
}

QueryParams encode_request(const AssociateRouteTableRequest& r) {
  QueryParams p = one("RouteTableId", r.route_table_id);
  p.add("SubnetId", r.subnet_id).add("GatewayId", r.gateway_id);
  return p;
}

core::Result<AssociateRouteTableRequest> decode_associate_route_table_request(const QueryParams& params) {
  QueryReader in(params);
  return AssociateRouteTableRequest{.route_table_id = text(in, "RouteTableId"),
                                    .subnet_id = in.string("SubnetId"),
                                    .gateway_id = in.string("GatewayId")};
}

void encode_response(const AssociateRouteTableResponse& r, XmlWriter& out) {
  out.element("associationId", r.association_id).open("associationState").element("state", r.state).close();
}

core::Result<AssociateRouteTableResponse> decode_associate_route_table_response(const XmlElement& root) {
  return AssociateRouteTableResponse{.association_id = root.text_at("associationId"),
                                     .state = root.text_at("associationState/state")};
}

QueryParams encode_request(const DisassociateRouteTableRequest& r) { return one("AssociationId", r.association_id); }
core::Result<DisassociateRouteTableRequest> decode_disassociate_route_table_request(const QueryParams& params) {
  return DisassociateRouteTableRequest{.association_id = text(QueryReader(params), "AssociationId")};
}

// ---- security groups ----

QueryParams encode_request(const CreateSecurityGroupRequest& r) {
  QueryParams p = one("GroupName", r.group_name);
  p.add("GroupDescription", r.description).add("VpcId", r.vpc_id);
  add_tag_specifications(p, r.tag_specifications);
  return p;
}

core::Result<CreateSecurityGroupRequest> decode_create_security_group_request(const QueryParams& params) {
  QueryReader in(params);
  return CreateSecurityGroupRequest{.group_name = text(in, "GroupName"),
                                    .description = text(in, "GroupDescription"),
                                    .vpc_id = in.string("VpcId"),
                                    .tag_specifications = read_tag_specifications(in)};
}

void encode_response(const CreateSecurityGroupResponse& r, XmlWriter& out) {
  out.boolean("return", true).element("groupId", r.group_id);
}

core::Result<CreateSecurityGroupResponse> decode_create_security_group_response(const XmlElement& root) {
  return CreateSecurityGroupResponse{.group_id = root.text_at("groupId")};
}

void encode_response(const DescribeSecurityGroupsResponse& r, XmlWriter& out) {
  out.open("securityGroupInfo");
  for (const auto& g : r.security_groups) {
    out.open("item");
    write_security_group(out, g);
    out.close();
  }
  out.close().optional_element("nextToken", r.next_token);
}

core::Result<DescribeSecurityGroupsResponse> decode_describe_security_groups_response(const XmlElement& root) {
  DescribeSecurityGroupsResponse out;
  for (const auto* g : items(root, "securityGroupInfo")) out.security_groups.push_back(read_security_group(*g));
  out.next_token = root.optional_text("nextToken");
  return out;
}

QueryParams encode_request(const DeleteSecurityGroupRequest& r) {
  QueryParams p;
  p.add("GroupId", r.group_id).add("GroupName", r.group_name);
  return p;
}

core::Result<DeleteSecurityGroupRequest> decode_delete_security_group_request(const QueryParams& params) {
  QueryReader in(params);
  return DeleteSecurityGroupRequest{.group_id = in.string("GroupId"), .group_name = in.string("GroupName")};
}

QueryParams encode_request(const SecurityGroupRulesRequest& r) {
  QueryParams p = one("GroupId", r.group_id);
  add_permissions(p, r.ip_permissions);
  return p;
}

core::Result<SecurityGroupRulesRequest> decode_security_group_rules_request(const QueryParams& params) {
  QueryReader in(params);
  SecurityGroupRulesRequest out{.group_id = text(in, "GroupId")};
  auto permissions = read_permissions(in);
  if (!permissions) return permissions.failure();
  out.ip_permissions = std::move(*permissions);
  // The older single-rule form (`--protocol tcp --port 22 --cidr …` in the CLI).
  if (auto protocol = in.string("IpProtocol")) {
    IpPermission perm{.ip_protocol = *protocol};
    auto from = read_int(in, "FromPort");
    if (!from) return from.failure();
    auto to = read_int(in, "ToPort");
    if (!to) return to.failure();
    perm.from_port = *from;
    perm.to_port = *to;
    if (auto cidr = in.string("CidrIp")) perm.ip_ranges.push_back({*cidr, std::nullopt});
    out.ip_permissions.push_back(std::move(perm));
  }
  return out;
}

// ---- tags ----

QueryParams encode_request(const CreateTagsRequest& r) {
  QueryParams p;
  add_list(p, "ResourceId", r.resources);
  add_tags(p, "Tag", r.tags);
  return p;
}

core::Result<CreateTagsRequest> decode_create_tags_request(const QueryParams& params) {
  QueryReader in(params);
  return CreateTagsRequest{.resources = in.flat_list("ResourceId"), .tags = read_tags(in, "Tag")};
}

QueryParams encode_request(const DeleteTagsRequest& r) {
  QueryParams p;
  add_list(p, "ResourceId", r.resources);
  for (std::size_t i = 0; i < r.tags.size(); ++i) {
    std::string k = at("Tag", i + 1);
    p.add(k + ".Key", r.tags[i].first).add(k + ".Value", r.tags[i].second);
  }
  return p;
}

core::Result<DeleteTagsRequest> decode_delete_tags_request(const QueryParams& params) {
  QueryReader in(params);
  DeleteTagsRequest out{.resources = in.flat_list("ResourceId")};
  for (std::size_t i = 1; i <= kMaxEntries; ++i) {
    std::string k = at("Tag", i);
    auto key = in.string(k + ".Key");
    if (!key) break;
    out.tags.emplace_back(*key, in.string(k + ".Value"));
  }
  return out;
}

}  // namespace hoplite::aws::ec2::wire
