#pragma once
/// \file IAM's tables (global: per account, no region): roles with their trust policy, inline
/// role policies, customer managed policies, attachments, tags, and the record of roles passed
/// to services (iam:PassRole). Runs inside the caller's transaction.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "hoplite/aws/iam.hpp"
#include "hoplite/core/result.hpp"
#include "local/store/database.hpp"

namespace hoplite::local::iam {

[[nodiscard]] const std::vector<store::Migration>& migrations();

struct StoredPolicy {
  aws::iam::Policy policy;
  std::string document;
};

class IamTable {
 public:
  IamTable(store::Tx& tx, std::string account) : tx_(tx), account_(std::move(account)) {}

  /// By name, case-insensitively (IAM names are unique regardless of case).
  core::Result<std::optional<aws::iam::Role>> role(const std::string& name);
  /// The same, or IAM's NoSuchEntity ("The role with name X cannot be found.").
  core::Result<aws::iam::Role> existing_role(const std::string& name);
  core::Result<void> put_role(const aws::iam::Role& role);
  core::Result<void> delete_role(const std::string& name);
  /// Roles whose path starts with `path_prefix` and whose name is after `after`, in name order.
  core::Result<std::vector<aws::iam::Role>> roles(const std::string& path_prefix, const std::string& after,
                                                  std::size_t limit);

  core::Result<std::optional<std::string>> role_policy(const std::string& role, const std::string& name);
  core::Result<void> put_role_policy(const std::string& role, const std::string& name, const std::string& document);
  core::Result<bool> delete_role_policy(const std::string& role, const std::string& name);
  /// Inline policy names and documents of a role, in name order.
  core::Result<std::vector<std::pair<std::string, std::string>>> role_policies(const std::string& role);

  core::Result<std::optional<StoredPolicy>> policy(const std::string& arn);
  core::Result<void> put_policy(const StoredPolicy& policy);
  core::Result<void> delete_policy(const std::string& arn);
  core::Result<std::vector<StoredPolicy>> policies();

  core::Result<std::vector<std::string>> attached(const std::string& role);
  core::Result<std::int64_t> attachment_count(const std::string& policy_arn);
  core::Result<void> attach(const std::string& role, const std::string& policy_arn);
  core::Result<bool> detach(const std::string& role, const std::string& policy_arn);

  core::Result<void> record_pass(const std::string& role_arn, const std::string& service, const std::string& caller,
                                 std::int64_t time_ms);

 private:
  store::Tx& tx_;
  std::string account_;
};

/// Roles, policies and passed roles per account, for /_hoplite/.
core::Result<nlohmann::json> inspect_iam(store::Database& db);

}  // namespace hoplite::local::iam
