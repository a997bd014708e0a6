#pragma once
/// \file EC2's table: every resource (VPC, subnet, internet gateway, route table, security group)
/// of an account and region as one row — its id, kind, VPC, and its description in the very
/// shape DescribeX answers (stored as that XML, read back with the same codec: one codec per
/// shape), plus the VPC's attributes that no Describe shows. Runs inside the caller's transaction.
/// The first use of an account and region makes its default VPC (ec2_vpc_defaults.hpp).

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>
#include "hoplite/aws/ec2.hpp"

#include "hoplite/core/result.hpp"
#include "local/store/database.hpp"

namespace hoplite::local::ec2 {

[[nodiscard]] const std::vector<store::Migration>& migrations();

/// What a VPC has besides its description: DNS attributes (AWS's defaults: support on,
/// hostnames off).
struct VpcExtras {
  bool enable_dns_support = true;
  bool enable_dns_hostnames = false;
};

class ResourceTable {
 public:
  ResourceTable(store::Tx& tx, std::string account, std::string region)
      : tx_(tx), account_(std::move(account)), region_(std::move(region)) {}

  core::Result<std::optional<aws::ec2::Vpc>> vpc(const std::string& id);
  core::Result<std::optional<aws::ec2::Subnet>> subnet(const std::string& id);
  core::Result<std::optional<aws::ec2::InternetGateway>> gateway(const std::string& id);
  core::Result<std::optional<aws::ec2::RouteTable>> route_table(const std::string& id);
  core::Result<std::optional<aws::ec2::SecurityGroup>> security_group(const std::string& id);

  core::Result<std::vector<aws::ec2::Vpc>> vpcs();
  core::Result<std::vector<aws::ec2::Subnet>> subnets();
  core::Result<std::vector<aws::ec2::InternetGateway>> gateways();
  core::Result<std::vector<aws::ec2::RouteTable>> route_tables();
  core::Result<std::vector<aws::ec2::SecurityGroup>> security_groups();

  /// Inserts or replaces.
  core::Result<void> put(const aws::ec2::Vpc& v);
  core::Result<void> put(const aws::ec2::Subnet& s);
  core::Result<void> put(const aws::ec2::InternetGateway& g);
  core::Result<void> put(const aws::ec2::RouteTable& t);
  core::Result<void> put(const aws::ec2::SecurityGroup& g);
  core::Result<void> remove(const std::string& id);

  core::Result<VpcExtras> extras(const std::string& vpc_id);
  core::Result<void> set_extras(const std::string& vpc_id, const VpcExtras& extras);

 private:
  template <typename T>
  core::Result<std::optional<T>> get(const std::string& id);
  template <typename T>
  core::Result<std::vector<T>> all();
  template <typename T>
  core::Result<void> put_one(const T& x);
  core::Result<std::optional<std::string>> doc(const std::string& id, std::string_view kind);
  core::Result<std::vector<std::string>> docs(std::string_view kind);
  core::Result<void> put_doc(const std::string& id, std::string_view kind, const std::string& vpc_id,
                             const std::string& doc);
  /// Makes the default VPC of the account and region unless it was made before (even if it has
  /// been deleted since). Every access to the table comes here first.
  core::Result<void> seed();

  store::Tx& tx_;
  std::string account_;
  std::string region_;
  bool seeded_ = false;
};

/// Resource ids per account, region and kind, for /_hoplite/.
core::Result<nlohmann::json> inspect_resources(store::Database& db);

}  // namespace hoplite::local::ec2
