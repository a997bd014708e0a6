#pragma once
/// \file Lambda's tables and the statements over them. A function belongs to an account and a
/// region; its code is a blob digest (zip) or an image URI; its tags belong to it. Runs inside the
/// caller's transaction.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "hoplite/core/clock.hpp"
#include "hoplite/core/result.hpp"
#include "local/store/database.hpp"

namespace hoplite::local::lambda {

/// Schema steps of the `lambda` component (never edit a released one: add the next).
[[nodiscard]] const std::vector<store::Migration>& migrations();

struct StoredFunction {
  std::string name;
  std::optional<std::string> runtime;
  std::string role;
  std::optional<std::string> handler;
  std::string description;
  std::int64_t timeout = 3;
  std::int64_t memory_size = 128;
  std::map<std::string, std::string> environment;
  std::string package_type = "Zip";
  std::vector<std::string> architectures;
  std::optional<std::string> code_digest;  ///< hex SHA-256: the zip's blob (Zip packages)
  std::optional<std::string> image_uri;    ///< Image packages
  std::int64_t code_size = 0;
  std::string code_sha256;  ///< as the API shows it
  core::TimePoint modified;
  std::string revision_id;
};

/// The statements of one transaction, scoped to an account and a region.
class FunctionTable {
 public:
  FunctionTable(store::Tx& tx, std::string account, std::string region)
      : tx_(tx), account_(std::move(account)), region_(std::move(region)) {}

  core::Result<std::optional<StoredFunction>> get(const std::string& name);
  /// Inserts a new function; false when the name is taken.
  core::Result<bool> insert(const StoredFunction& f);
  /// Overwrites the function's row (it exists).
  core::Result<void> update(const StoredFunction& f);
  /// Deletes the function with its tags; false when there was none.
  core::Result<bool> remove(const std::string& name);
  /// Functions whose name is after `after`, in name order, at most `limit`.
  core::Result<std::vector<StoredFunction>> list(const std::string& after, std::size_t limit);

  core::Result<std::map<std::string, std::string>> tags(const std::string& name);
  core::Result<void> put_tag(const std::string& name, const std::string& key, const std::string& value);
  core::Result<void> remove_tag(const std::string& name, const std::string& key);

 private:
  store::Tx& tx_;
  std::string account_;
  std::string region_;
};

}  // namespace hoplite::local::lambda
