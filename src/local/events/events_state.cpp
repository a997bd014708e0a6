#include "local/events/events_state.hpp"

#include "hoplite/core/json.hpp"
#include "local/sql_values.hpp"

namespace hoplite::local::events {
namespace {

constexpr std::string_view kRuleColumns =
    "name, arn, event_pattern, schedule_expression, state, description, role_arn, bus, created_by";

aws::events::Rule rule_from_row(const store::Row& r) {
  return aws::events::Rule{.name = r.text(0),
                           .arn = r.text(1),
                           .event_pattern = r.optional_text(2),
                           .schedule_expression = r.optional_text(3),
                           .state = r.text(4),
                           .description = r.optional_text(5),
                           .role_arn = r.optional_text(6),
                           .event_bus_name = r.text(7),
                           .created_by = r.text(8)};
}

aws::events::Target target_from_row(const store::Row& r) {
  aws::events::Target t{.id = r.text(0),
                        .arn = r.text(1),
                        .role_arn = r.optional_text(2),
                        .input = r.optional_text(3),
                        .input_path = r.optional_text(4)};
  // Written by put_target from an object the request's capped parser produced; a row that does
  // not read back as an object is treated as having no other members.
  auto other = core::parse_json(r.text(5), "a stored EventBridge target");
  if (other && other->is_object()) t.other = std::move(*other);
  return t;
}

}  // namespace

const std::vector<store::Migration>& migrations() {
  static const std::vector<store::Migration> kMigrations = {
      {1,
       "CREATE TABLE events_rules ("
       " account TEXT NOT NULL, region TEXT NOT NULL, bus TEXT NOT NULL, name TEXT NOT NULL,"
       " arn TEXT NOT NULL, event_pattern TEXT, schedule_expression TEXT, state TEXT NOT NULL,"
       " description TEXT, role_arn TEXT, created_by TEXT NOT NULL,"
       " PRIMARY KEY (account, region, bus, name)) WITHOUT ROWID;"
       "CREATE TABLE events_targets ("
       " account TEXT NOT NULL, region TEXT NOT NULL, bus TEXT NOT NULL, rule TEXT NOT NULL, id TEXT NOT NULL,"
       " arn TEXT NOT NULL, role_arn TEXT, input TEXT, input_path TEXT, other TEXT NOT NULL,"
       " PRIMARY KEY (account, region, bus, rule, id),"
       " FOREIGN KEY (account, region, bus, rule) REFERENCES events_rules ON DELETE CASCADE) WITHOUT ROWID;"
       "CREATE TABLE events_tags ("
       " account TEXT NOT NULL, region TEXT NOT NULL, bus TEXT NOT NULL, rule TEXT NOT NULL, key TEXT NOT NULL,"
       " value TEXT NOT NULL,"
       " PRIMARY KEY (account, region, bus, rule, key),"
       " FOREIGN KEY (account, region, bus, rule) REFERENCES events_rules ON DELETE CASCADE) WITHOUT ROWID;"},
  };
  return kMigrations;
}

core::Result<std::optional<aws::events::Rule>> RuleTable::find(const std::string& name) {
  auto r = tx_.query_one(std::string("SELECT ") + std::string(kRuleColumns) +
                             " FROM events_rules WHERE account = ? AND region = ? AND bus = ? AND name = ?",
                         {account_, region_, bus_, name});
  if (!r) return r.failure();
  if (!*r) return std::optional<aws::events::Rule>{};
  return std::optional<aws::events::Rule>{rule_from_row(**r)};
}

core::Result<void> RuleTable::write(const aws::events::Rule& rule) {
  return tx_.exec(
      "INSERT INTO events_rules (account, region, bus, name, arn, event_pattern, schedule_expression, state,"
      " description, role_arn, created_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
      " ON CONFLICT (account, region, bus, name) DO UPDATE SET event_pattern = excluded.event_pattern,"
      " schedule_expression = excluded.schedule_expression, state = excluded.state,"
      " description = excluded.description, role_arn = excluded.role_arn",
      {account_, region_, bus_, rule.name, rule.arn, nullable(rule.event_pattern), nullable(rule.schedule_expression),
       rule.state, nullable(rule.description), nullable(rule.role_arn), rule.created_by.value_or(account_)});
}

core::Result<void> RuleTable::set_state(const std::string& name, const std::string& state) {
  return tx_.exec("UPDATE events_rules SET state = ? WHERE account = ? AND region = ? AND bus = ? AND name = ?",
                  {state, account_, region_, bus_, name});
}

core::Result<void> RuleTable::remove(const std::string& name) {
  return tx_.exec("DELETE FROM events_rules WHERE account = ? AND region = ? AND bus = ? AND name = ?",
                  {account_, region_, bus_, name});
}

core::Result<std::vector<aws::events::Rule>> RuleTable::list(const std::string& after, const std::string& prefix,
                                                             std::size_t limit) {
  std::string sql = std::string("SELECT ") + std::string(kRuleColumns) +
                    " FROM events_rules WHERE account = ? AND region = ? AND bus = ? AND name > ? AND name >= ?";
  std::vector<store::Value> params{account_, region_, bus_, after, prefix};
  std::string end = prefix_end(prefix);
  if (!end.empty()) {
    sql += " AND name < ?";
    params.emplace_back(end);
  }
  sql += " ORDER BY name LIMIT ?";
  params.emplace_back(static_cast<std::int64_t>(limit));
  auto rows = tx_.query(sql, params);
  if (!rows) return rows.failure();
  std::vector<aws::events::Rule> out;
  out.reserve(rows->size());
  for (const auto& row : *rows) out.push_back(rule_from_row(row));
  return out;
}

core::Result<void> RuleTable::put_tag(const std::string& rule, const std::string& key, const std::string& value) {
  return tx_.exec(
      "INSERT INTO events_tags (account, region, bus, rule, key, value) VALUES (?, ?, ?, ?, ?, ?)"
      " ON CONFLICT (account, region, bus, rule, key) DO UPDATE SET value = excluded.value",
      {account_, region_, bus_, rule, key, value});
}

core::Result<std::vector<aws::events::Target>> RuleTable::targets(const std::string& rule, const std::string& after,
                                                                  std::size_t limit) {
  auto rows = tx_.query(
      "SELECT id, arn, role_arn, input, input_path, other FROM events_targets"
      " WHERE account = ? AND region = ? AND bus = ? AND rule = ? AND id > ? ORDER BY id LIMIT ?",
      {account_, region_, bus_, rule, after, static_cast<std::int64_t>(limit)});
  if (!rows) return rows.failure();
  std::vector<aws::events::Target> out;
  out.reserve(rows->size());
  for (const auto& row : *rows) out.push_back(target_from_row(row));
  return out;
}

core::Result<std::int64_t> RuleTable::target_count(const std::string& rule) {
  auto r =
      tx_.query_one("SELECT COUNT(*) FROM events_targets WHERE account = ? AND region = ? AND bus = ? AND rule = ?",
                    {account_, region_, bus_, rule});
  if (!r) return r.failure();
  return *r ? (*r)->integer(0) : 0;
}

core::Result<bool> RuleTable::has_target(const std::string& rule, const std::string& id) {
  auto r =
      tx_.query_one("SELECT 1 FROM events_targets WHERE account = ? AND region = ? AND bus = ? AND rule = ? AND id = ?",
                    {account_, region_, bus_, rule, id});
  if (!r) return r.failure();
  return r->has_value();
}

core::Result<void> RuleTable::put_target(const std::string& rule, const aws::events::Target& t) {
  return tx_.exec(
      "INSERT INTO events_targets (account, region, bus, rule, id, arn, role_arn, input, input_path, other)"
      " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (account, region, bus, rule, id) DO UPDATE SET"
      " arn = excluded.arn, role_arn = excluded.role_arn, input = excluded.input,"
      " input_path = excluded.input_path, other = excluded.other",
      {account_, region_, bus_, rule, t.id, t.arn, nullable(t.role_arn), nullable(t.input), nullable(t.input_path),
       t.other.is_object() ? t.other.dump() : std::string("{}")});
}

core::Result<void> RuleTable::remove_target(const std::string& rule, const std::string& id) {
  return tx_.exec("DELETE FROM events_targets WHERE account = ? AND region = ? AND bus = ? AND rule = ? AND id = ?",
                  {account_, region_, bus_, rule, id});
}

}  // namespace hoplite::local::events
