#pragma once
/// \file SSM's tables and the statements over them. Every parameter belongs to an account and a
/// region; each write adds a version (the newest is the parameter's value); tags belong to the
/// parameter. Runs inside the caller's transaction.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "hoplite/core/clock.hpp"
#include "hoplite/core/result.hpp"
#include "local/store/database.hpp"

namespace hoplite::local::ssm {

/// Schema steps of the `ssm` component (never edit a released one: add the next).
[[nodiscard]] const std::vector<store::Migration>& migrations();

/// One stored version of a parameter.
struct StoredVersion {
  std::string name;
  std::int64_t version = 0;
  std::string type;
  std::string value;
  std::optional<std::string> description;
  std::optional<std::string> allowed_pattern;
  std::optional<std::string> key_id;
  std::string tier;
  std::string data_type;
  core::TimePoint modified;
  std::string modified_user;
};

/// The statements of one transaction, scoped to an account and a region.
class ParameterTable {
 public:
  ParameterTable(store::Tx& tx, std::string account, std::string region)
      : tx_(tx), account_(std::move(account)), region_(std::move(region)) {}

  /// The newest version, or nullopt.
  core::Result<std::optional<StoredVersion>> current(const std::string& name);
  core::Result<std::optional<StoredVersion>> at_version(const std::string& name, std::int64_t version);
  /// Versions after `after_version`, oldest first, at most `limit`.
  core::Result<std::vector<StoredVersion>> history(const std::string& name, std::int64_t after_version,
                                                   std::size_t limit);
  /// Stores `v` as the newest version (creating the parameter for version 1) and drops versions
  /// older than the last `keep`.
  core::Result<void> write(const StoredVersion& v, std::int64_t keep);
  /// Deletes the parameter with its versions and tags; false when there was none.
  core::Result<bool> remove(const std::string& name);
  /// The newest versions of parameters whose name is after `after` and starts with `prefix`, in
  /// name order, at most `limit`.
  core::Result<std::vector<StoredVersion>> list(const std::string& after, const std::string& prefix, std::size_t limit);

  core::Result<std::map<std::string, std::string>> tags(const std::string& name);
  core::Result<void> put_tag(const std::string& name, const std::string& key, const std::string& value);
  core::Result<void> remove_tag(const std::string& name, const std::string& key);

 private:
  store::Tx& tx_;
  std::string account_;
  std::string region_;
};

}  // namespace hoplite::local::ssm
