#include "local/ssm/ssm_state.hpp"

#include "local/sql_values.hpp"

namespace hoplite::local::ssm {
namespace {

constexpr std::string_view kColumns =
    "v.name, v.version, v.type, v.value, v.description, v.allowed_pattern, v.key_id, v.tier, v.data_type,"
    " v.modified_ms, v.modified_user";

StoredVersion from_row(const store::Row& r) {
  return StoredVersion{.name = r.text(0),
                       .version = r.integer(1),
                       .type = r.text(2),
                       .value = r.text(3),
                       .description = r.optional_text(4),
                       .allowed_pattern = r.optional_text(5),
                       .key_id = r.optional_text(6),
                       .tier = r.text(7),
                       .data_type = r.text(8),
                       .modified = from_millis(r.integer(9)),
                       .modified_user = r.text(10)};
}

core::Result<std::vector<StoredVersion>> rows(core::Result<std::vector<store::Row>> result) {
  if (!result) return result.failure();
  std::vector<StoredVersion> out;
  out.reserve(result->size());
  for (const auto& r : *result) out.push_back(from_row(r));
  return out;
}

core::Result<std::optional<StoredVersion>> first(core::Result<std::vector<StoredVersion>> result) {
  if (!result) return result.failure();
  if (result->empty()) return std::optional<StoredVersion>{};
  return std::optional<StoredVersion>{std::move(result->front())};
}

}  // namespace

const std::vector<store::Migration>& migrations() {
  static const std::vector<store::Migration> kMigrations = {
      {1,
       "CREATE TABLE ssm_parameters ("
       " account TEXT NOT NULL, region TEXT NOT NULL, name TEXT NOT NULL,"
       " version INTEGER NOT NULL,"
       " PRIMARY KEY (account, region, name)) WITHOUT ROWID;"
       "CREATE TABLE ssm_versions ("
       " account TEXT NOT NULL, region TEXT NOT NULL, name TEXT NOT NULL, version INTEGER NOT NULL,"
       " type TEXT NOT NULL, value TEXT NOT NULL, description TEXT, allowed_pattern TEXT, key_id TEXT,"
       " tier TEXT NOT NULL, data_type TEXT NOT NULL, modified_ms INTEGER NOT NULL, modified_user TEXT NOT NULL,"
       " PRIMARY KEY (account, region, name, version),"
       " FOREIGN KEY (account, region, name) REFERENCES ssm_parameters ON DELETE CASCADE) WITHOUT ROWID;"
       "CREATE TABLE ssm_tags ("
       " account TEXT NOT NULL, region TEXT NOT NULL, name TEXT NOT NULL, key TEXT NOT NULL, value TEXT NOT NULL,"
       " PRIMARY KEY (account, region, name, key),"
       " FOREIGN KEY (account, region, name) REFERENCES ssm_parameters ON DELETE CASCADE) WITHOUT ROWID;"},
  };
  return kMigrations;
}

core::Result<std::optional<StoredVersion>> ParameterTable::current(const std::string& name) {
  return first(rows(tx_.query(std::string("SELECT ") + std::string(kColumns) +
                                  " FROM ssm_parameters p JOIN ssm_versions v ON v.account = p.account AND"
                                  " v.region = p.region AND v.name = p.name AND v.version = p.version"
                                  " WHERE p.account = ? AND p.region = ? AND p.name = ?",
                              {account_, region_, name})));
}

core::Result<std::optional<StoredVersion>> ParameterTable::at_version(const std::string& name, std::int64_t version) {
  return first(rows(tx_.query(std::string("SELECT ") + std::string(kColumns) +
                                  " FROM ssm_versions v WHERE v.account = ? AND v.region = ? AND v.name = ? AND"
                                  " v.version = ?",
                              {account_, region_, name, version})));
}

core::Result<std::vector<StoredVersion>> ParameterTable::history(const std::string& name, std::int64_t after_version,
                                                                 std::size_t limit) {
  return rows(tx_.query(std::string("SELECT ") + std::string(kColumns) +
                            " FROM ssm_versions v WHERE v.account = ? AND v.region = ? AND v.name = ? AND"
                            " v.version > ? ORDER BY v.version LIMIT ?",
                        {account_, region_, name, after_version, static_cast<std::int64_t>(limit)}));
}

core::Result<void> ParameterTable::write(const StoredVersion& v, std::int64_t keep) {
  if (auto r = tx_.exec("INSERT INTO ssm_parameters (account, region, name, version) VALUES (?, ?, ?, ?)"
                        " ON CONFLICT (account, region, name) DO UPDATE SET version = excluded.version",
                        {account_, region_, v.name, v.version});
      !r)
    return r;
  if (auto r = tx_.exec(
          "INSERT INTO ssm_versions (account, region, name, version, type, value, description, allowed_pattern,"
          " key_id, tier, data_type, modified_ms, modified_user) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
          {account_, region_, v.name, v.version, v.type, v.value, nullable(v.description), nullable(v.allowed_pattern),
           nullable(v.key_id), v.tier, v.data_type, to_millis(v.modified), v.modified_user});
      !r)
    return r;
  return tx_.exec("DELETE FROM ssm_versions WHERE account = ? AND region = ? AND name = ? AND version <= ?",
                  {account_, region_, v.name, v.version - keep});
}

core::Result<bool> ParameterTable::remove(const std::string& name) {
  if (auto r = tx_.exec("DELETE FROM ssm_parameters WHERE account = ? AND region = ? AND name = ?",
                        {account_, region_, name});
      !r)
    return r.failure();
  return tx_.changes() > 0;
}

core::Result<std::vector<StoredVersion>> ParameterTable::list(const std::string& after, const std::string& prefix,
                                                              std::size_t limit) {
  std::string sql = std::string("SELECT ") + std::string(kColumns) +
                    " FROM ssm_parameters p JOIN ssm_versions v ON v.account = p.account AND v.region = p.region"
                    " AND v.name = p.name AND v.version = p.version"
                    " WHERE p.account = ? AND p.region = ? AND p.name > ? AND p.name >= ?";
  std::vector<store::Value> params{account_, region_, after, prefix};
  std::string end = prefix_end(prefix);
  if (!end.empty()) {
    sql += " AND p.name < ?";
    params.emplace_back(end);
  }
  sql += " ORDER BY p.name LIMIT ?";
  params.emplace_back(static_cast<std::int64_t>(limit));
  return rows(tx_.query(sql, params));
}

core::Result<std::map<std::string, std::string>> ParameterTable::tags(const std::string& name) {
  auto r = tx_.query("SELECT key, value FROM ssm_tags WHERE account = ? AND region = ? AND name = ? ORDER BY key",
                     {account_, region_, name});
  if (!r) return r.failure();
  std::map<std::string, std::string> out;
  for (const auto& row : *r) out.emplace(row.text(0), row.text(1));
  return out;
}

core::Result<void> ParameterTable::put_tag(const std::string& name, const std::string& key, const std::string& value) {
  return tx_.exec(
      "INSERT INTO ssm_tags (account, region, name, key, value) VALUES (?, ?, ?, ?, ?)"
      " ON CONFLICT (account, region, name, key) DO UPDATE SET value = excluded.value",
      {account_, region_, name, key, value});
}

core::Result<void> ParameterTable::remove_tag(const std::string& name, const std::string& key) {
  return tx_.exec("DELETE FROM ssm_tags WHERE account = ? AND region = ? AND name = ? AND key = ?",
                  {account_, region_, name, key});
}

}  // namespace hoplite::local::ssm
