#pragma once
/// \file EventBridge's tables and the statements over them. Rules belong to an account, a region
/// and an event bus (only `default` exists locally); targets and tags belong to their rule.
/// Runs inside the caller's transaction.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "hoplite/aws/events.hpp"
#include "hoplite/core/result.hpp"
#include "local/store/database.hpp"

namespace hoplite::local::events {

/// Schema steps of the `events` component (never edit a released one: add the next).
[[nodiscard]] const std::vector<store::Migration>& migrations();

/// The statements of one transaction, scoped to an account, a region and an event bus.
class RuleTable {
 public:
  RuleTable(store::Tx& tx, std::string account, std::string region, std::string bus)
      : tx_(tx), account_(std::move(account)), region_(std::move(region)), bus_(std::move(bus)) {}

  /// The rule, or nullopt.
  core::Result<std::optional<aws::events::Rule>> find(const std::string& name);
  /// Creates or replaces the rule's stored members (its targets and tags stay).
  core::Result<void> write(const aws::events::Rule& rule);
  core::Result<void> set_state(const std::string& name, const std::string& state);
  /// Deletes the rule with its targets and tags.
  core::Result<void> remove(const std::string& name);
  /// Rules whose name is after `after` and starts with `prefix`, in name order, at most `limit`.
  core::Result<std::vector<aws::events::Rule>> list(const std::string& after, const std::string& prefix,
                                                    std::size_t limit);

  core::Result<void> put_tag(const std::string& rule, const std::string& key, const std::string& value);

  /// Targets of `rule` whose id is after `after`, in id order, at most `limit`.
  core::Result<std::vector<aws::events::Target>> targets(const std::string& rule, const std::string& after,
                                                         std::size_t limit);
  core::Result<std::int64_t> target_count(const std::string& rule);
  core::Result<bool> has_target(const std::string& rule, const std::string& id);
  /// Creates or replaces the target with `target.id`.
  core::Result<void> put_target(const std::string& rule, const aws::events::Target& target);
  core::Result<void> remove_target(const std::string& rule, const std::string& id);

 private:
  store::Tx& tx_;
  std::string account_;
  std::string region_;
  std::string bus_;
};

}  // namespace hoplite::local::events
