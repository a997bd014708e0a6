#include "local/iam/iam_state.hpp"

#include "local/iam/iam_names.hpp"

#include "local/sql_values.hpp"

namespace hoplite::local::iam {
namespace {

using namespace aws::iam;

std::string tags_json(const std::vector<Tag>& tags) {
  nlohmann::json j = nlohmann::json::array();
  for (const auto& t : tags) j.push_back({t.key, t.value});
  return j.dump();
}

std::vector<Tag> tags_from(const std::string& text) {
  std::vector<Tag> out;
  auto j = nlohmann::json::parse(text, nullptr, false);
  if (j.is_array())
    for (const auto& t : j)
      if (t.is_array() && t.size() == 2 && t[0].is_string() && t[1].is_string())
        out.push_back({t[0].get<std::string>(), t[1].get<std::string>()});
  return out;
}

constexpr std::string_view kRoleColumns = "name, path, role_id, arn, created_ms, trust, description, max_session, tags";

Role role_from(const store::Row& r) {
  return Role{.path = r.text(1),
              .role_name = r.text(0),
              .role_id = r.text(2),
              .arn = r.text(3),
              .create_date = from_millis(r.integer(4)),
              .assume_role_policy_document = r.text(5),
              .description = r.optional_text(6),
              .max_session_duration = static_cast<int>(r.integer(7)),
              .tags = tags_from(r.text(8))};
}

constexpr std::string_view kPolicyColumns =
    "arn, name, path, policy_id, description, document, created_ms, updated_ms, tags";

StoredPolicy policy_from(const store::Row& r) {
  return StoredPolicy{.policy = {.policy_name = r.text(1),
                                 .policy_id = r.text(3),
                                 .arn = r.text(0),
                                 .path = r.text(2),
                                 .description = r.optional_text(4),
                                 .create_date = from_millis(r.integer(6)),
                                 .update_date = from_millis(r.integer(7)),
                                 .tags = tags_from(r.text(8))},
                      .document = r.text(5)};
}

}  // namespace

const std::vector<store::Migration>& migrations() {
  static const std::vector<store::Migration> kMigrations = {
      {1,
       "CREATE TABLE iam_roles ("
       " account TEXT NOT NULL, name TEXT NOT NULL COLLATE NOCASE, path TEXT NOT NULL, role_id TEXT NOT NULL,"
       " arn TEXT NOT NULL, created_ms INTEGER NOT NULL, trust TEXT NOT NULL, description TEXT,"
       " max_session INTEGER NOT NULL, tags TEXT NOT NULL, PRIMARY KEY (account, name)) WITHOUT ROWID;"
       "CREATE TABLE iam_role_policies ("
       " account TEXT NOT NULL, role TEXT NOT NULL COLLATE NOCASE, name TEXT NOT NULL COLLATE NOCASE,"
       " document TEXT NOT NULL, PRIMARY KEY (account, role, name)) WITHOUT ROWID;"
       "CREATE TABLE iam_policies ("
       " account TEXT NOT NULL, arn TEXT NOT NULL COLLATE NOCASE, name TEXT NOT NULL, path TEXT NOT NULL,"
       " policy_id TEXT NOT NULL, description TEXT, document TEXT NOT NULL, created_ms INTEGER NOT NULL,"
       " updated_ms INTEGER NOT NULL, tags TEXT NOT NULL, PRIMARY KEY (account, arn)) WITHOUT ROWID;"
       "CREATE TABLE iam_attachments ("
       " account TEXT NOT NULL, role TEXT NOT NULL COLLATE NOCASE, policy_arn TEXT NOT NULL,"
       " PRIMARY KEY (account, role, policy_arn)) WITHOUT ROWID;"
       "CREATE TABLE iam_passed_roles ("
       " id INTEGER PRIMARY KEY, account TEXT NOT NULL, role_arn TEXT NOT NULL, service TEXT NOT NULL,"
       " caller TEXT NOT NULL, time_ms INTEGER NOT NULL);"},
  };
  return kMigrations;
}

core::Result<std::optional<Role>> IamTable::role(const std::string& name) {
  auto row = tx_.query_one(
      std::string("SELECT ") + std::string(kRoleColumns) + " FROM iam_roles WHERE account = ? AND name = ?",
      {account_, name});
  if (!row) return row.failure();
  if (!*row) return std::optional<Role>{};
  return std::optional<Role>{role_from(**row)};
}

core::Result<Role> IamTable::existing_role(const std::string& name) {
  auto found = role(name);
  if (!found) return found.failure();
  if (!*found) return no_such_role(name);
  return std::move(**found);
}

core::Result<void> IamTable::put_role(const Role& r) {
  return tx_.exec(
      "INSERT INTO iam_roles (account, name, path, role_id, arn, created_ms, trust, description, max_session, tags)"
      " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (account, name) DO UPDATE SET trust = excluded.trust,"
      " description = excluded.description, max_session = excluded.max_session, tags = excluded.tags",
      {account_, r.role_name, r.path, r.role_id, r.arn, to_millis(r.create_date), r.assume_role_policy_document,
       nullable(r.description), static_cast<std::int64_t>(r.max_session_duration), tags_json(r.tags)});
}

core::Result<void> IamTable::delete_role(const std::string& name) {
  return tx_.exec("DELETE FROM iam_roles WHERE account = ? AND name = ?", {account_, name});
}

core::Result<std::vector<Role>> IamTable::roles(const std::string& path_prefix, const std::string& after,
                                                std::size_t limit) {
  std::string sql = std::string("SELECT ") + std::string(kRoleColumns) +
                    " FROM iam_roles WHERE account = ? AND name > ? AND substr(path, 1, ?) = ? ORDER BY name LIMIT ?";
  auto rows = tx_.query(sql, {account_, after, static_cast<std::int64_t>(path_prefix.size()), path_prefix,
                              static_cast<std::int64_t>(limit)});
  if (!rows) return rows.failure();
  std::vector<Role> out;
  for (const auto& r : *rows) out.push_back(role_from(r));
  return out;
}

core::Result<std::optional<std::string>> IamTable::role_policy(const std::string& role, const std::string& name) {
  auto row = tx_.query_one("SELECT document FROM iam_role_policies WHERE account = ? AND role = ? AND name = ?",
                           {account_, role, name});
  if (!row) return row.failure();
  if (!*row) return std::optional<std::string>{};
  return std::optional<std::string>{(*row)->text(0)};
}

core::Result<void> IamTable::put_role_policy(const std::string& role, const std::string& name,
                                             const std::string& document) {
  return tx_.exec(
      "INSERT INTO iam_role_policies (account, role, name, document) VALUES (?, ?, ?, ?)"
      " ON CONFLICT (account, role, name) DO UPDATE SET document = excluded.document",
      {account_, role, name, document});
}

core::Result<bool> IamTable::delete_role_policy(const std::string& role, const std::string& name) {
  if (auto r =
          tx_.exec("DELETE FROM iam_role_policies WHERE account = ? AND role = ? AND name = ?", {account_, role, name});
      !r)
    return r.failure();
  return tx_.changes() > 0;
}

core::Result<std::vector<std::pair<std::string, std::string>>> IamTable::role_policies(const std::string& role) {
  auto rows = tx_.query("SELECT name, document FROM iam_role_policies WHERE account = ? AND role = ? ORDER BY name",
                        {account_, role});
  if (!rows) return rows.failure();
  std::vector<std::pair<std::string, std::string>> out;
  for (const auto& r : *rows) out.emplace_back(r.text(0), r.text(1));
  return out;
}

core::Result<std::optional<StoredPolicy>> IamTable::policy(const std::string& arn) {
  auto row = tx_.query_one(
      std::string("SELECT ") + std::string(kPolicyColumns) + " FROM iam_policies WHERE account = ? AND arn = ?",
      {account_, arn});
  if (!row) return row.failure();
  if (!*row) return std::optional<StoredPolicy>{};
  return std::optional<StoredPolicy>{policy_from(**row)};
}

core::Result<void> IamTable::put_policy(const StoredPolicy& p) {
  return tx_.exec(
      "INSERT INTO iam_policies (account, arn, name, path, policy_id, description, document, created_ms, updated_ms,"
      " tags) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
      {account_, p.policy.arn, p.policy.policy_name, p.policy.path, p.policy.policy_id, nullable(p.policy.description),
       p.document, to_millis(p.policy.create_date), to_millis(p.policy.update_date), tags_json(p.policy.tags)});
}

core::Result<void> IamTable::delete_policy(const std::string& arn) {
  return tx_.exec("DELETE FROM iam_policies WHERE account = ? AND arn = ?", {account_, arn});
}

core::Result<std::vector<StoredPolicy>> IamTable::policies() {
  auto rows = tx_.query(
      std::string("SELECT ") + std::string(kPolicyColumns) + " FROM iam_policies WHERE account = ? ORDER BY name",
      {account_});
  if (!rows) return rows.failure();
  std::vector<StoredPolicy> out;
  for (const auto& r : *rows) out.push_back(policy_from(r));
  return out;
}

core::Result<std::vector<std::string>> IamTable::attached(const std::string& role) {
  auto rows = tx_.query("SELECT policy_arn FROM iam_attachments WHERE account = ? AND role = ? ORDER BY policy_arn",
                        {account_, role});
  if (!rows) return rows.failure();
  std::vector<std::string> out;
  for (const auto& r : *rows) out.push_back(r.text(0));
  return out;
}

core::Result<std::int64_t> IamTable::attachment_count(const std::string& policy_arn) {
  auto row = tx_.query_one("SELECT COUNT(*) FROM iam_attachments WHERE account = ? AND policy_arn = ?",
                           {account_, policy_arn});
  if (!row) return row.failure();
  return (*row)->integer(0);
}

core::Result<void> IamTable::attach(const std::string& role, const std::string& policy_arn) {
  return tx_.exec("INSERT OR IGNORE INTO iam_attachments (account, role, policy_arn) VALUES (?, ?, ?)",
                  {account_, role, policy_arn});
}

core::Result<bool> IamTable::detach(const std::string& role, const std::string& policy_arn) {
  if (auto r = tx_.exec("DELETE FROM iam_attachments WHERE account = ? AND role = ? AND policy_arn = ?",
                        {account_, role, policy_arn});
      !r)
    return r.failure();
  return tx_.changes() > 0;
}

core::Result<void> IamTable::record_pass(const std::string& role_arn, const std::string& service,
                                         const std::string& caller, std::int64_t time_ms) {
  if (auto r =
          tx_.exec("INSERT INTO iam_passed_roles (account, role_arn, service, caller, time_ms) VALUES (?, ?, ?, ?, ?)",
                   {account_, role_arn, service, caller, time_ms});
      !r)
    return r;
  // Keep the newest 1000 per account: a record for inspection, not an audit log.
  return tx_.exec(
      "DELETE FROM iam_passed_roles WHERE account = ? AND id <= (SELECT id FROM iam_passed_roles WHERE account = ?"
      " ORDER BY id DESC LIMIT 1 OFFSET 1000)",
      {account_, account_});
}

core::Result<nlohmann::json> inspect_iam(store::Database& db) {
  return db.transaction<nlohmann::json>([&](store::Tx& tx) -> core::Result<nlohmann::json> {
    nlohmann::json out = nlohmann::json::object();
    auto roles = tx.query("SELECT account, arn FROM iam_roles ORDER BY account, name LIMIT 1000");
    if (!roles) return roles.failure();
    for (const auto& r : *roles) out[r.text(0)]["roles"].push_back(r.text(1));
    auto policies = tx.query("SELECT account, arn FROM iam_policies ORDER BY account, arn LIMIT 1000");
    if (!policies) return policies.failure();
    for (const auto& r : *policies) out[r.text(0)]["policies"].push_back(r.text(1));
    auto passed =
        tx.query("SELECT account, role_arn, service, caller, time_ms FROM iam_passed_roles ORDER BY id DESC LIMIT 100");
    if (!passed) return passed.failure();
    for (const auto& r : *passed)
      out[r.text(0)]["passedRoles"].push_back(
          {{"roleArn", r.text(1)}, {"service", r.text(2)}, {"caller", r.text(3)}, {"timeMs", r.integer(4)}});
    return out;
  });
}

}  // namespace hoplite::local::iam
