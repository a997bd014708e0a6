#include "local/cloudformation/cfn_state.hpp"

#include "local/ids.hpp"
#include "local/sql_values.hpp"

namespace hoplite::local::cloudformation {
namespace {

using store::Row;
using store::Value;

std::string dump(const nlohmann::json& j) { return j.dump(); }

nlohmann::json load(const std::string& text, nlohmann::json fallback) {
  if (text.empty()) return fallback;
  auto j = nlohmann::json::parse(text, nullptr, false);
  return j.is_discarded() ? fallback : j;
}

std::vector<std::string> load_list(const std::string& text) {
  std::vector<std::string> out;
  for (const auto& v : load(text, nlohmann::json::array()))
    if (v.is_string()) out.push_back(v.get<std::string>());
  return out;
}

std::string dump_list(const std::vector<std::string>& v) { return nlohmann::json(v).dump(); }

std::optional<std::int64_t> optional_int(const Row& r, std::size_t i) {
  if (r.is_null(i)) return std::nullopt;
  return r.integer(i);
}

constexpr const char* kStackColumns =
    "id, account, region, name, status, reason, created, updated, deleted, template, previous_template, "
    "parameters, previous_parameters, outputs, tags, capabilities, notification_arns, role_arn, description, "
    "disable_rollback, on_failure, termination_protection, change_set_id, token, cancel_requested, last_operations, "
    "caller_arn, caller_user_id";

StackRow stack_from(const Row& r) {
  StackRow s;
  s.id = r.text(0);
  s.account = r.text(1);
  s.region = r.text(2);
  s.name = r.text(3);
  s.status = r.text(4);
  s.reason = r.text(5);
  s.created = r.integer(6);
  s.updated = optional_int(r, 7);
  s.deleted = optional_int(r, 8);
  s.template_body = r.text(9);
  s.previous_template = r.text(10);
  s.parameters = load(r.text(11), nlohmann::json::array());
  s.previous_parameters = load(r.text(12), nlohmann::json::array());
  s.outputs = load(r.text(13), nlohmann::json::array());
  s.tags = load(r.text(14), nlohmann::json::object());
  s.capabilities = load_list(r.text(15));
  s.notification_arns = load_list(r.text(16));
  s.role_arn = r.optional_text(17);
  s.description = r.text(18);
  s.disable_rollback = r.integer(19) != 0;
  s.on_failure = r.text(20);
  s.termination_protection = r.integer(21) != 0;
  s.change_set_id = r.optional_text(22);
  s.token = r.text(23);
  s.cancel_requested = r.integer(24) != 0;
  s.last_operations = load(r.text(25), nlohmann::json::array());
  s.caller_arn = r.text(26);
  s.caller_user_id = r.text(27);
  return s;
}

constexpr const char* kResourceColumns =
    "stack_id, logical_id, type, physical_id, status, reason, updated, properties, attributes, touch, "
    "old_physical_id, old_properties, old_attributes, metadata";

ResourceRow resource_from(const Row& r) {
  ResourceRow x;
  x.stack_id = r.text(0);
  x.logical_id = r.text(1);
  x.type = r.text(2);
  x.physical_id = r.text(3);
  x.status = r.text(4);
  x.reason = r.text(5);
  x.updated = r.integer(6);
  x.properties = load(r.text(7), nlohmann::json::object());
  x.attributes = load(r.text(8), nlohmann::json::object());
  x.touch = static_cast<Touch>(r.integer(9));
  x.old_physical_id = r.text(10);
  x.old_properties = load(r.text(11), nlohmann::json::object());
  x.old_attributes = load(r.text(12), nlohmann::json::object());
  x.metadata = r.text(13);
  return x;
}

constexpr const char* kChangeSetColumns =
    "id, stack_id, name, type, status, reason, execution_status, created, description, template, parameters, "
    "capabilities, tags, notification_arns, role_arn, changes_with_values, changes, client_token";

ChangeSetRow change_set_from(const Row& r) {
  ChangeSetRow c;
  c.id = r.text(0);
  c.stack_id = r.text(1);
  c.name = r.text(2);
  c.type = r.text(3);
  c.status = r.text(4);
  c.reason = r.text(5);
  c.execution_status = r.text(6);
  c.created = r.integer(7);
  c.description = r.optional_text(8);
  c.template_body = r.text(9);
  c.parameters = load(r.text(10), nlohmann::json::array());
  c.capabilities = load_list(r.text(11));
  c.tags = load(r.text(12), nlohmann::json::object());
  c.notification_arns = load_list(r.text(13));
  c.role_arn = r.optional_text(14);
  c.changes_with_values = load(r.text(15), nlohmann::json::array());
  c.changes = load(r.text(16), nlohmann::json::array());
  c.client_token = r.text(17);
  return c;
}

template <typename T, typename F>
core::Result<std::vector<T>> rows_to(core::Result<std::vector<Row>> rows, F from) {
  if (!rows) return rows.failure();
  std::vector<T> out;
  out.reserve(rows->size());
  for (const auto& r : *rows) out.push_back(from(r));
  return out;
}

template <typename T, typename F>
core::Result<std::optional<T>> row_to(core::Result<std::optional<Row>> row, F from) {
  if (!row) return row.failure();
  if (!*row) return std::optional<T>{};
  return std::optional<T>{from(**row)};
}

}  // namespace

const std::vector<store::Migration>& migrations() {
  static const std::vector<store::Migration> m = {
      {1,
       "CREATE TABLE cfn_stacks (id TEXT PRIMARY KEY, account TEXT NOT NULL, region TEXT NOT NULL, "
       "name TEXT NOT NULL, status TEXT NOT NULL, reason TEXT NOT NULL, created INTEGER NOT NULL, updated INTEGER, "
       "deleted INTEGER, template TEXT NOT NULL, previous_template TEXT NOT NULL, parameters TEXT NOT NULL, "
       "previous_parameters TEXT NOT NULL, outputs TEXT NOT NULL, tags TEXT NOT NULL, capabilities TEXT NOT NULL, "
       "notification_arns TEXT NOT NULL, role_arn TEXT, description TEXT NOT NULL, disable_rollback INTEGER NOT "
       "NULL, on_failure TEXT NOT NULL, termination_protection INTEGER NOT NULL, change_set_id TEXT, token TEXT NOT "
       "NULL, cancel_requested INTEGER NOT NULL);"
       "CREATE INDEX cfn_stacks_by_name ON cfn_stacks (account, region, name);"
       "CREATE INDEX cfn_stacks_by_status ON cfn_stacks (status);"
       "CREATE TABLE cfn_resources (stack_id TEXT NOT NULL REFERENCES cfn_stacks(id), logical_id TEXT NOT NULL, "
       "type TEXT NOT NULL, physical_id TEXT NOT NULL, status TEXT NOT NULL, reason TEXT NOT NULL, updated INTEGER "
       "NOT NULL, properties TEXT NOT NULL, attributes TEXT NOT NULL, touch INTEGER NOT NULL, old_physical_id TEXT "
       "NOT NULL, old_properties TEXT NOT NULL, old_attributes TEXT NOT NULL, metadata TEXT NOT NULL, "
       "PRIMARY KEY (stack_id, logical_id));"
       "CREATE TABLE cfn_events (seq INTEGER PRIMARY KEY AUTOINCREMENT, event_id TEXT NOT NULL, stack_id TEXT NOT "
       "NULL REFERENCES cfn_stacks(id), stack_name TEXT NOT NULL, logical_id TEXT NOT NULL, physical_id TEXT NOT "
       "NULL, type TEXT NOT NULL, status TEXT NOT NULL, reason TEXT NOT NULL, properties TEXT, time INTEGER NOT "
       "NULL, token TEXT NOT NULL);"
       "CREATE INDEX cfn_events_by_stack ON cfn_events (stack_id, seq);"
       "CREATE TABLE cfn_change_sets (id TEXT PRIMARY KEY, stack_id TEXT NOT NULL REFERENCES cfn_stacks(id), "
       "name TEXT NOT NULL, type TEXT NOT NULL, status TEXT NOT NULL, reason TEXT NOT NULL, execution_status TEXT "
       "NOT NULL, created INTEGER NOT NULL, description TEXT, template TEXT NOT NULL, parameters TEXT NOT NULL, "
       "capabilities TEXT NOT NULL, tags TEXT NOT NULL, notification_arns TEXT NOT NULL, role_arn TEXT, "
       "changes_with_values TEXT NOT NULL, changes TEXT NOT NULL, client_token TEXT NOT NULL);"
       "CREATE INDEX cfn_change_sets_by_stack ON cfn_change_sets (stack_id, name);"
       "CREATE TABLE cfn_tokens (stack_id TEXT NOT NULL, operation TEXT NOT NULL, token TEXT NOT NULL, "
       "PRIMARY KEY (stack_id, operation, token));"},
      // Stack policies (SetStackPolicy, CreateStack's StackPolicyBody): the policy's JSON text.
      {2, "CREATE TABLE cfn_stack_policies (stack_id TEXT PRIMARY KEY REFERENCES cfn_stacks(id), body TEXT NOT NULL);"},
      // DescribeStacks' LastOperations (see start_operation).
      {3, "ALTER TABLE cfn_stacks ADD COLUMN last_operations TEXT NOT NULL DEFAULT '[]';"},
      // The caller of the operation started last (see start_operation).
      {4,
       "ALTER TABLE cfn_stacks ADD COLUMN caller_arn TEXT NOT NULL DEFAULT '';"
       "ALTER TABLE cfn_stacks ADD COLUMN caller_user_id TEXT NOT NULL DEFAULT '';"},
  };
  return m;
}

void start_operation(StackRow& stack, const std::string& operation_type, const auth::Principal& caller) {
  // AWS lists the operation in progress or finished last (recorded: cfn-change_set_mappings-*).
  stack.last_operations = nlohmann::json::array({{{"type", operation_type}, {"id", request_id()}}});
  stack.caller_arn = caller.arn;
  stack.caller_user_id = caller.user_id;
}

core::Result<std::optional<StackRow>> StackTable::stack(const std::string& id) {
  return row_to<StackRow>(tx_.query_one(std::string("SELECT ") + kStackColumns + " FROM cfn_stacks WHERE id = ?", {id}),
                          stack_from);
}

core::Result<std::optional<StackRow>> StackTable::live_stack(const std::string& account, const std::string& region,
                                                             const std::string& name) {
  return row_to<StackRow>(tx_.query_one(std::string("SELECT ") + kStackColumns +
                                            " FROM cfn_stacks WHERE account = ? AND region = ? AND name = ? AND "
                                            "status != 'DELETE_COMPLETE' ORDER BY created DESC LIMIT 1",
                                        {account, region, name}),
                          stack_from);
}

core::Result<std::vector<StackRow>> StackTable::stacks(const std::string& account, const std::string& region,
                                                       bool with_deleted) {
  std::string sql = std::string("SELECT ") + kStackColumns + " FROM cfn_stacks WHERE account = ? AND region = ?";
  if (!with_deleted) sql += " AND status != 'DELETE_COMPLETE'";
  sql += " ORDER BY created DESC, id";
  return rows_to<StackRow>(tx_.query(sql, {account, region}), stack_from);
}

core::Result<std::vector<StackRow>> StackTable::stacks_in(const std::vector<std::string>& statuses) {
  std::vector<StackRow> out;
  for (const auto& s : statuses) {
    auto rows = rows_to<StackRow>(
        tx_.query(std::string("SELECT ") + kStackColumns + " FROM cfn_stacks WHERE status = ? ORDER BY created", {s}),
        stack_from);
    if (!rows) return rows.failure();
    out.insert(out.end(), rows->begin(), rows->end());
  }
  return out;
}

core::Result<void> StackTable::put_stack(const StackRow& s) {
  return tx_.exec(std::string("INSERT OR REPLACE INTO cfn_stacks (") + kStackColumns +
                      ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                  {s.id,
                   s.account,
                   s.region,
                   s.name,
                   s.status,
                   s.reason,
                   s.created,
                   nullable(s.updated),
                   nullable(s.deleted),
                   s.template_body,
                   s.previous_template,
                   dump(s.parameters),
                   dump(s.previous_parameters),
                   dump(s.outputs),
                   dump(s.tags),
                   dump_list(s.capabilities),
                   dump_list(s.notification_arns),
                   nullable(s.role_arn),
                   s.description,
                   std::int64_t{s.disable_rollback ? 1 : 0},
                   s.on_failure,
                   std::int64_t{s.termination_protection ? 1 : 0},
                   nullable(s.change_set_id),
                   s.token,
                   std::int64_t{s.cancel_requested ? 1 : 0},
                   dump(s.last_operations),
                   s.caller_arn,
                   s.caller_user_id});
}

core::Result<std::vector<ResourceRow>> StackTable::resources(const std::string& stack_id) {
  return rows_to<ResourceRow>(
      tx_.query(std::string("SELECT ") + kResourceColumns + " FROM cfn_resources WHERE stack_id = ? ORDER BY rowid",
                {stack_id}),
      resource_from);
}

core::Result<std::optional<ResourceRow>> StackTable::resource(const std::string& stack_id,
                                                              const std::string& logical_id) {
  return row_to<ResourceRow>(tx_.query_one(std::string("SELECT ") + kResourceColumns +
                                               " FROM cfn_resources WHERE stack_id = ? AND logical_id = ?",
                                           {stack_id, logical_id}),
                             resource_from);
}

core::Result<void> StackTable::put_resource(const ResourceRow& r) {
  // An upsert that keeps the row's rowid, so resources keep the order they were first written in.
  return tx_.exec(std::string("INSERT INTO cfn_resources (") + kResourceColumns +
                      ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (stack_id, logical_id) DO "
                      "UPDATE SET type = excluded.type, physical_id = excluded.physical_id, status = "
                      "excluded.status, reason = excluded.reason, updated = excluded.updated, properties = "
                      "excluded.properties, attributes = excluded.attributes, touch = excluded.touch, "
                      "old_physical_id = excluded.old_physical_id, old_properties = excluded.old_properties, "
                      "old_attributes = excluded.old_attributes, metadata = excluded.metadata",
                  {r.stack_id, r.logical_id, r.type, r.physical_id, r.status, r.reason, r.updated, dump(r.properties),
                   dump(r.attributes), static_cast<std::int64_t>(r.touch), r.old_physical_id, dump(r.old_properties),
                   dump(r.old_attributes), r.metadata});
}

core::Result<void> StackTable::remove_resource(const std::string& stack_id, const std::string& logical_id) {
  return tx_.exec("DELETE FROM cfn_resources WHERE stack_id = ? AND logical_id = ?", {stack_id, logical_id});
}

core::Result<void> StackTable::add_event(const EventRow& e) {
  return tx_.exec(
      "INSERT INTO cfn_events (event_id, stack_id, stack_name, logical_id, physical_id, type, status, reason, "
      "properties, time, token) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
      {e.event_id, e.stack_id, e.stack_name, e.logical_id, e.physical_id, e.type, e.status, e.reason,
       nullable(e.properties), e.time, e.token});
}

core::Result<std::vector<EventRow>> StackTable::events(const std::string& stack_id, std::int64_t before,
                                                       std::size_t limit) {
  auto rows = tx_.query(
      "SELECT seq, event_id, stack_id, stack_name, logical_id, physical_id, type, status, reason, properties, time, "
      "token FROM cfn_events WHERE stack_id = ? AND (? = 0 OR seq < ?) ORDER BY seq DESC LIMIT ?",
      {stack_id, before, before, static_cast<std::int64_t>(limit)});
  return rows_to<EventRow>(std::move(rows), [](const Row& r) {
    return EventRow{.seq = r.integer(0),
                    .event_id = r.text(1),
                    .stack_id = r.text(2),
                    .stack_name = r.text(3),
                    .logical_id = r.text(4),
                    .physical_id = r.text(5),
                    .type = r.text(6),
                    .status = r.text(7),
                    .reason = r.text(8),
                    .properties = r.optional_text(9),
                    .time = r.integer(10),
                    .token = r.text(11)};
  });
}

core::Result<std::optional<ChangeSetRow>> StackTable::change_set(const std::string& id) {
  return row_to<ChangeSetRow>(
      tx_.query_one(std::string("SELECT ") + kChangeSetColumns + " FROM cfn_change_sets WHERE id = ?", {id}),
      change_set_from);
}

core::Result<std::optional<ChangeSetRow>> StackTable::change_set_by_name(const std::string& stack_id,
                                                                         const std::string& name) {
  return row_to<ChangeSetRow>(tx_.query_one(std::string("SELECT ") + kChangeSetColumns +
                                                " FROM cfn_change_sets WHERE stack_id = ? AND name = ?",
                                            {stack_id, name}),
                              change_set_from);
}

core::Result<std::vector<ChangeSetRow>> StackTable::change_sets(const std::string& stack_id) {
  return rows_to<ChangeSetRow>(tx_.query(std::string("SELECT ") + kChangeSetColumns +
                                             " FROM cfn_change_sets WHERE stack_id = ? ORDER BY created, rowid",
                                         {stack_id}),
                               change_set_from);
}

core::Result<void> StackTable::put_change_set(const ChangeSetRow& c) {
  return tx_.exec(
      std::string("INSERT OR REPLACE INTO cfn_change_sets (") + kChangeSetColumns +
          ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
      {c.id, c.stack_id, c.name, c.type, c.status, c.reason, c.execution_status, c.created, nullable(c.description),
       c.template_body, dump(c.parameters), dump_list(c.capabilities), dump(c.tags), dump_list(c.notification_arns),
       nullable(c.role_arn), dump(c.changes_with_values), dump(c.changes), c.client_token});
}

core::Result<void> StackTable::remove_change_set(const std::string& id) {
  return tx_.exec("DELETE FROM cfn_change_sets WHERE id = ?", {id});
}

core::Result<bool> StackTable::remember_token(const std::string& stack_id, const std::string& operation,
                                              const std::string& token) {
  auto seen = tx_.query_one("SELECT 1 FROM cfn_tokens WHERE stack_id = ? AND operation = ? AND token = ?",
                            {stack_id, operation, token});
  if (!seen) return seen.failure();
  if (*seen) return false;
  if (auto ok = tx_.exec("INSERT INTO cfn_tokens VALUES (?, ?, ?)", {stack_id, operation, token}); !ok)
    return ok.failure();
  return true;
}

core::Result<nlohmann::json> inspect_stacks(store::Database& db) {
  return db.transaction<nlohmann::json>([](store::Tx& tx) -> core::Result<nlohmann::json> {
    auto rows = tx.query(
        "SELECT account, region, name, status FROM cfn_stacks WHERE status != 'DELETE_COMPLETE' ORDER BY account, "
        "region, name");
    if (!rows) return rows.failure();
    nlohmann::json out = nlohmann::json::object();
    for (const auto& r : *rows) out[r.text(0)]["stacks"][r.text(1)][r.text(2)] = r.text(3);
    return out;
  });
}

}  // namespace hoplite::local::cloudformation
