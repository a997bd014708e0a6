#include "local/ec2/ec2_state.hpp"

#include <nlohmann/json.hpp>

#include "hoplite/aws/ec2_wire.hpp"
#include "local/ec2/ec2_vpc_defaults.hpp"

namespace hoplite::local::ec2 {
namespace {

namespace wire = aws::ec2::wire;
using namespace aws::ec2;

/// A resource as its Describe answer of one item, wrapped in a root element.
template <typename Response>
std::string to_doc(const Response& response) {
  aws::XmlWriter w;
  w.open("r");
  wire::encode_response(response, w);
  return w.finish();
}

template <typename Decode>
auto from_doc(const std::string& doc, Decode decode) -> decltype(decode(aws::XmlElement{})) {
  auto x = aws::parse_xml(doc);
  if (!x) return x.failure();
  return decode(*x);
}

core::Failure corrupt(std::string_view id) {
  return core::fail("local.store", "EC2 resource " + std::string(id) + " is unreadable");
}

}  // namespace

const std::vector<store::Migration>& migrations() {
  static const std::vector<store::Migration> kMigrations = {
      {1,
       "CREATE TABLE ec2_resources ("
       " account TEXT NOT NULL, region TEXT NOT NULL, id TEXT NOT NULL, kind TEXT NOT NULL, vpc_id TEXT NOT NULL,"
       " doc TEXT NOT NULL, extras TEXT NOT NULL DEFAULT '{}', PRIMARY KEY (account, region, id)) WITHOUT ROWID;"
       "CREATE INDEX ec2_resources_by_kind ON ec2_resources (account, region, kind, id);"},
      // The accounts and regions whose default VPC has been made (it may have been deleted since).
      {2,
       "CREATE TABLE ec2_default_vpcs (account TEXT NOT NULL, region TEXT NOT NULL, PRIMARY KEY (account, region))"
       " WITHOUT ROWID;"},
  };
  return kMigrations;
}

core::Result<void> ResourceTable::seed() {
  if (seeded_) return core::ok();
  seeded_ = true;  // before the puts below, which come back here
  auto made = tx_.query_one("SELECT 1 FROM ec2_default_vpcs WHERE account = ? AND region = ?", {account_, region_});
  if (!made) return made.failure();
  if (*made) return core::ok();
  if (auto ok = tx_.exec("INSERT INTO ec2_default_vpcs (account, region) VALUES (?, ?)", {account_, region_}); !ok)
    return ok;
  auto n = default_network(account_, region_);
  if (auto ok = put(n.vpc); !ok) return ok;
  // A default VPC resolves public DNS host names (a VPC one makes does not, until asked).
  if (auto ok = set_extras(n.vpc.vpc_id, {.enable_dns_support = true, .enable_dns_hostnames = true}); !ok) return ok;
  for (const auto& s : n.subnets)
    if (auto ok = put(s); !ok) return ok;
  if (auto ok = put(n.gateway); !ok) return ok;
  if (auto ok = put(n.main_table); !ok) return ok;
  return put(n.group);
}

core::Result<std::optional<std::string>> ResourceTable::doc(const std::string& id, std::string_view kind) {
  if (auto ok = seed(); !ok) return ok.failure();
  auto row = tx_.query_one("SELECT doc FROM ec2_resources WHERE account = ? AND region = ? AND id = ? AND kind = ?",
                           {account_, region_, id, std::string(kind)});
  if (!row) return row.failure();
  if (!*row) return std::optional<std::string>{};
  return std::optional<std::string>{(*row)->text(0)};
}

core::Result<std::vector<std::string>> ResourceTable::docs(std::string_view kind) {
  if (auto ok = seed(); !ok) return ok.failure();
  auto rows = tx_.query("SELECT doc FROM ec2_resources WHERE account = ? AND region = ? AND kind = ? ORDER BY id",
                        {account_, region_, std::string(kind)});
  if (!rows) return rows.failure();
  std::vector<std::string> out;
  for (const auto& r : *rows) out.push_back(r.text(0));
  return out;
}

core::Result<void> ResourceTable::put_doc(const std::string& id, std::string_view kind, const std::string& vpc_id,
                                          const std::string& doc) {
  if (auto ok = seed(); !ok) return ok;
  return tx_.exec(
      "INSERT INTO ec2_resources (account, region, id, kind, vpc_id, doc) VALUES (?, ?, ?, ?, ?, ?)"
      " ON CONFLICT (account, region, id) DO UPDATE SET vpc_id = excluded.vpc_id, doc = excluded.doc",
      {account_, region_, id, std::string(kind), vpc_id, doc});
}

core::Result<void> ResourceTable::remove(const std::string& id) {
  if (auto ok = seed(); !ok) return ok;
  return tx_.exec("DELETE FROM ec2_resources WHERE account = ? AND region = ? AND id = ?", {account_, region_, id});
}

namespace {

/// What the one table needs to know about each kind: its name, the Describe answer that holds
/// it (the stored shape), its id and the VPC it belongs to.
template <typename T>
struct Kind;

template <>
struct Kind<Vpc> {
  static constexpr std::string_view name = "vpc";
  using Response = DescribeVpcsResponse;
  static auto& items(Response& r) { return r.vpcs; }
  static auto decode(const aws::XmlElement& x) { return wire::decode_describe_vpcs_response(x); }
  static const std::string& id(const Vpc& v) { return v.vpc_id; }
  static std::string vpc(const Vpc& v) { return v.vpc_id; }
};

template <>
struct Kind<Subnet> {
  static constexpr std::string_view name = "subnet";
  using Response = DescribeSubnetsResponse;
  static auto& items(Response& r) { return r.subnets; }
  static auto decode(const aws::XmlElement& x) { return wire::decode_describe_subnets_response(x); }
  static const std::string& id(const Subnet& s) { return s.subnet_id; }
  static std::string vpc(const Subnet& s) { return s.vpc_id; }
};

template <>
struct Kind<InternetGateway> {
  static constexpr std::string_view name = "internet-gateway";
  using Response = DescribeInternetGatewaysResponse;
  static auto& items(Response& r) { return r.internet_gateways; }
  static auto decode(const aws::XmlElement& x) { return wire::decode_describe_internet_gateways_response(x); }
  static const std::string& id(const InternetGateway& g) { return g.internet_gateway_id; }
  static std::string vpc(const InternetGateway& g) {
    return g.attachments.empty() ? std::string() : g.attachments.front().vpc_id;
  }
};

template <>
struct Kind<RouteTable> {
  static constexpr std::string_view name = "route-table";
  using Response = DescribeRouteTablesResponse;
  static auto& items(Response& r) { return r.route_tables; }
  static auto decode(const aws::XmlElement& x) { return wire::decode_describe_route_tables_response(x); }
  static const std::string& id(const RouteTable& t) { return t.route_table_id; }
  static std::string vpc(const RouteTable& t) { return t.vpc_id; }
};

template <>
struct Kind<SecurityGroup> {
  static constexpr std::string_view name = "security-group";
  using Response = DescribeSecurityGroupsResponse;
  static auto& items(Response& r) { return r.security_groups; }
  static auto decode(const aws::XmlElement& x) { return wire::decode_describe_security_groups_response(x); }
  static const std::string& id(const SecurityGroup& g) { return g.group_id; }
  static std::string vpc(const SecurityGroup& g) { return g.vpc_id; }
};

/// One stored document back as its resource.
template <typename T>
core::Result<T> read_doc(const std::string& doc) {
  auto response = from_doc(doc, Kind<T>::decode);
  if (!response || Kind<T>::items(*response).size() != 1) return corrupt(Kind<T>::name);
  return std::move(Kind<T>::items(*response).front());
}

template <typename T>
std::string write_doc(const T& x) {
  typename Kind<T>::Response response;
  Kind<T>::items(response).push_back(x);
  return to_doc(response);
}

}  // namespace

template <typename T>
core::Result<std::optional<T>> ResourceTable::get(const std::string& id) {
  auto d = doc(id, Kind<T>::name);
  if (!d) return d.failure();
  if (!*d) return std::optional<T>{};
  auto x = read_doc<T>(**d);
  if (!x) return x.failure();
  return std::optional<T>{std::move(*x)};
}

template <typename T>
core::Result<std::vector<T>> ResourceTable::all() {
  auto docs_of_kind = docs(Kind<T>::name);
  if (!docs_of_kind) return docs_of_kind.failure();
  std::vector<T> out;
  for (const auto& d : *docs_of_kind) {
    auto x = read_doc<T>(d);
    if (!x) return x.failure();
    out.push_back(std::move(*x));
  }
  return out;
}

template <typename T>
core::Result<void> ResourceTable::put_one(const T& x) {
  return put_doc(Kind<T>::id(x), Kind<T>::name, Kind<T>::vpc(x), write_doc(x));
}

core::Result<std::optional<Vpc>> ResourceTable::vpc(const std::string& id) { return get<Vpc>(id); }
core::Result<std::optional<Subnet>> ResourceTable::subnet(const std::string& id) { return get<Subnet>(id); }
core::Result<std::optional<InternetGateway>> ResourceTable::gateway(const std::string& id) {
  return get<InternetGateway>(id);
}
core::Result<std::optional<RouteTable>> ResourceTable::route_table(const std::string& id) {
  return get<RouteTable>(id);
}
core::Result<std::optional<SecurityGroup>> ResourceTable::security_group(const std::string& id) {
  return get<SecurityGroup>(id);
}
core::Result<std::vector<Vpc>> ResourceTable::vpcs() { return all<Vpc>(); }
core::Result<std::vector<Subnet>> ResourceTable::subnets() { return all<Subnet>(); }
core::Result<std::vector<InternetGateway>> ResourceTable::gateways() { return all<InternetGateway>(); }
core::Result<std::vector<RouteTable>> ResourceTable::route_tables() { return all<RouteTable>(); }
core::Result<std::vector<SecurityGroup>> ResourceTable::security_groups() { return all<SecurityGroup>(); }
core::Result<void> ResourceTable::put(const Vpc& x) { return put_one(x); }
core::Result<void> ResourceTable::put(const Subnet& x) { return put_one(x); }
core::Result<void> ResourceTable::put(const InternetGateway& x) { return put_one(x); }
core::Result<void> ResourceTable::put(const RouteTable& x) { return put_one(x); }
core::Result<void> ResourceTable::put(const SecurityGroup& x) { return put_one(x); }

core::Result<VpcExtras> ResourceTable::extras(const std::string& vpc_id) {
  if (auto ok = seed(); !ok) return ok.failure();
  auto row = tx_.query_one("SELECT extras FROM ec2_resources WHERE account = ? AND region = ? AND id = ?",
                           {account_, region_, vpc_id});
  if (!row) return row.failure();
  VpcExtras out;
  if (!*row) return out;
  auto j = nlohmann::json::parse((*row)->text(0), nullptr, false);
  if (j.is_object()) {
    out.enable_dns_support = j.value("enableDnsSupport", true);
    out.enable_dns_hostnames = j.value("enableDnsHostnames", false);
  }
  return out;
}

core::Result<void> ResourceTable::set_extras(const std::string& vpc_id, const VpcExtras& e) {
  nlohmann::json j{{"enableDnsSupport", e.enable_dns_support}, {"enableDnsHostnames", e.enable_dns_hostnames}};
  return tx_.exec("UPDATE ec2_resources SET extras = ? WHERE account = ? AND region = ? AND id = ?",
                  {j.dump(), account_, region_, vpc_id});
}

core::Result<nlohmann::json> inspect_resources(store::Database& db) {
  return db.transaction<nlohmann::json>([&](store::Tx& tx) -> core::Result<nlohmann::json> {
    auto rows =
        tx.query("SELECT account, region, kind, id FROM ec2_resources ORDER BY account, region, kind, id LIMIT 10000");
    if (!rows) return rows.failure();
    nlohmann::json out = nlohmann::json::object();
    for (const auto& r : *rows) out[r.text(0)][r.text(1)][r.text(2)].push_back(r.text(3));
    return out;
  });
}

}  // namespace hoplite::local::ec2
