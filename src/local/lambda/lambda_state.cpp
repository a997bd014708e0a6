#include "local/lambda/lambda_state.hpp"

#include <nlohmann/json.hpp>

#include "local/sql_values.hpp"

namespace hoplite::local::lambda {
namespace {

constexpr std::string_view kFunctionColumns =
    "name, runtime, role, handler, description, timeout, memory_size, environment, package_type, architectures,"
    " code_digest, image_uri, code_size, code_sha256, modified_ms, revision_id";

/// Environment and architectures are stored as the JSON text this file wrote; a row that does not
/// read back (never expected) gives empty values rather than a throw.
StoredFunction function_from_row(const store::Row& r) {
  StoredFunction f{.name = r.text(0),
                   .runtime = r.optional_text(1),
                   .role = r.text(2),
                   .handler = r.optional_text(3),
                   .description = r.text(4),
                   .timeout = r.integer(5),
                   .memory_size = r.integer(6),
                   .environment = {},
                   .package_type = r.text(8),
                   .architectures = {},
                   .code_digest = r.optional_text(10),
                   .image_uri = r.optional_text(11),
                   .code_size = r.integer(12),
                   .code_sha256 = r.text(13),
                   .modified = from_millis(r.integer(14)),
                   .revision_id = r.text(15)};
  auto env = nlohmann::json::parse(r.text(7), nullptr, false);
  if (env.is_object())
    for (const auto& [k, v] : env.items())
      if (v.is_string()) f.environment[k] = v.get<std::string>();
  auto arch = nlohmann::json::parse(r.text(9), nullptr, false);
  if (arch.is_array())
    for (const auto& a : arch)
      if (a.is_string()) f.architectures.push_back(a.get<std::string>());
  return f;
}

std::vector<store::Value> function_values(const std::string& account, const std::string& region,
                                          const StoredFunction& f) {
  return {account,
          region,
          f.name,
          nullable(f.runtime),
          f.role,
          nullable(f.handler),
          f.description,
          f.timeout,
          f.memory_size,
          nlohmann::json(f.environment).dump(),
          f.package_type,
          nlohmann::json(f.architectures).dump(),
          nullable(f.code_digest),
          nullable(f.image_uri),
          f.code_size,
          f.code_sha256,
          to_millis(f.modified),
          f.revision_id};
}

}  // namespace

const std::vector<store::Migration>& migrations() {
  static const std::vector<store::Migration> kMigrations = {
      {1,
       "CREATE TABLE lambda_functions ("
       " account TEXT NOT NULL, region TEXT NOT NULL, name TEXT NOT NULL,"
       " runtime TEXT, role TEXT NOT NULL, handler TEXT, description TEXT NOT NULL,"
       " timeout INTEGER NOT NULL, memory_size INTEGER NOT NULL, environment TEXT NOT NULL,"
       " package_type TEXT NOT NULL, architectures TEXT NOT NULL, code_digest TEXT, image_uri TEXT,"
       " code_size INTEGER NOT NULL, code_sha256 TEXT NOT NULL, modified_ms INTEGER NOT NULL,"
       " revision_id TEXT NOT NULL,"
       " PRIMARY KEY (account, region, name)) WITHOUT ROWID;"
       "CREATE TABLE lambda_tags ("
       " account TEXT NOT NULL, region TEXT NOT NULL, name TEXT NOT NULL, key TEXT NOT NULL, value TEXT NOT NULL,"
       " PRIMARY KEY (account, region, name, key),"
       " FOREIGN KEY (account, region, name) REFERENCES lambda_functions ON DELETE CASCADE) WITHOUT ROWID;"},
  };
  return kMigrations;
}

core::Result<std::optional<StoredFunction>> FunctionTable::get(const std::string& name) {
  auto row = tx_.query_one(std::string("SELECT ") + std::string(kFunctionColumns) +
                               " FROM lambda_functions WHERE account = ? AND region = ? AND name = ?",
                           {account_, region_, name});
  if (!row) return row.failure();
  if (!*row) return std::optional<StoredFunction>{};
  return std::optional<StoredFunction>{function_from_row(**row)};
}

core::Result<bool> FunctionTable::insert(const StoredFunction& f) {
  if (auto r = tx_.exec("INSERT INTO lambda_functions (account, region, " + std::string(kFunctionColumns) +
                            ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                            " ON CONFLICT (account, region, name) DO NOTHING",
                        function_values(account_, region_, f));
      !r)
    return r.failure();
  return tx_.changes() > 0;
}

core::Result<void> FunctionTable::update(const StoredFunction& f) {
  auto values = function_values(account_, region_, f);
  // UPDATE … SET columns = values, keyed by the first three.
  std::vector<store::Value> params(values.begin() + 3, values.end());
  params.insert(params.end(), values.begin(), values.begin() + 3);
  return tx_.exec(
      "UPDATE lambda_functions SET runtime = ?, role = ?, handler = ?, description = ?, timeout = ?,"
      " memory_size = ?, environment = ?, package_type = ?, architectures = ?, code_digest = ?, image_uri = ?,"
      " code_size = ?, code_sha256 = ?, modified_ms = ?, revision_id = ? WHERE account = ? AND region = ? AND name = ?",
      params);
}

core::Result<bool> FunctionTable::remove(const std::string& name) {
  if (auto r = tx_.exec("DELETE FROM lambda_functions WHERE account = ? AND region = ? AND name = ?",
                        {account_, region_, name});
      !r)
    return r.failure();
  return tx_.changes() > 0;
}

core::Result<std::vector<StoredFunction>> FunctionTable::list(const std::string& after, std::size_t limit) {
  auto rows = tx_.query(std::string("SELECT ") + std::string(kFunctionColumns) +
                            " FROM lambda_functions WHERE account = ? AND region = ? AND name > ?"
                            " ORDER BY name LIMIT ?",
                        {account_, region_, after, static_cast<std::int64_t>(limit)});
  if (!rows) return rows.failure();
  std::vector<StoredFunction> out;
  for (const auto& r : *rows) out.push_back(function_from_row(r));
  return out;
}

core::Result<std::map<std::string, std::string>> FunctionTable::tags(const std::string& name) {
  auto rows = tx_.query("SELECT key, value FROM lambda_tags WHERE account = ? AND region = ? AND name = ?",
                        {account_, region_, name});
  if (!rows) return rows.failure();
  std::map<std::string, std::string> out;
  for (const auto& r : *rows) out[r.text(0)] = r.text(1);
  return out;
}

core::Result<void> FunctionTable::put_tag(const std::string& name, const std::string& key, const std::string& value) {
  return tx_.exec(
      "INSERT INTO lambda_tags (account, region, name, key, value) VALUES (?, ?, ?, ?, ?)"
      " ON CONFLICT (account, region, name, key) DO UPDATE SET value = excluded.value",
      {account_, region_, name, key, value});
}

core::Result<void> FunctionTable::remove_tag(const std::string& name, const std::string& key) {
  return tx_.exec("DELETE FROM lambda_tags WHERE account = ? AND region = ? AND name = ? AND key = ?",
                  {account_, region_, name, key});
}

}  // namespace hoplite::local::lambda
