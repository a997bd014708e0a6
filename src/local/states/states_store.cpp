#include "local/states/states_store.hpp"

#include <limits>

#include "hoplite/core/hex.hpp"
#include "hoplite/core/sha256.hpp"
#include "local/sql_values.hpp"

namespace hoplite::local::states {
namespace {

constexpr std::string_view kMachineColumns =
    "m.account, m.region, m.name, m.arn, m.type, d.text, m.role_arn, m.created_ms, m.revision_id";
constexpr std::string_view kExecutionColumns =
    "e.arn, e.machine_arn, e.name, e.role_arn, e.status, e.input, e.output, e.error, e.cause, e.start_ms, e.stop_ms,"
    " e.rowid";

MachineRecord machine_of(const store::Row& r) {
  return MachineRecord{.account = r.text(0),
                       .region = r.text(1),
                       .name = r.text(2),
                       .arn = r.text(3),
                       .type = r.text(4),
                       .definition = r.text(5),
                       .role_arn = r.text(6),
                       .created = from_millis(r.integer(7)),
                       .revision_id = r.text(8)};
}

ExecutionRecord execution_of(const store::Row& r) {
  ExecutionRecord e{.arn = r.text(0),
                    .machine_arn = r.text(1),
                    .name = r.text(2),
                    .role_arn = r.text(3),
                    .status = r.text(4),
                    .input = r.text(5),
                    .output = r.optional_text(6),
                    .error = r.optional_text(7),
                    .cause = r.optional_text(8),
                    .start = from_millis(r.integer(9)),
                    .stop = {},
                    .seq = r.integer(11)};
  if (!r.is_null(10)) e.stop = from_millis(r.integer(10));
  return e;
}

sfn::HistoryEvent event_of(const store::Row& r) {
  sfn::HistoryEvent e;
  e.id = r.integer(0);
  e.previous_event_id = r.integer(1);
  e.timestamp = from_millis(r.integer(2));
  e.type = sfn::parse_event_type(r.text(3)).value_or(sfn::EventType::ExecutionStarted);
  e.details = r.text(4);
  return e;
}

std::string machine_query(std::string_view where) {
  return "SELECT " + std::string(kMachineColumns) +
         " FROM states_machines m JOIN states_definitions d ON d.sha = m.definition_sha " + std::string(where);
}

}  // namespace

const std::vector<store::Migration>& migrations() {
  static const std::vector<store::Migration> kMigrations = {
      {1,
       // Definitions are stored once per content: executions keep running the definition they
       // started with after an update, and a thousand executions do not hold a thousand copies.
       "CREATE TABLE states_definitions (sha TEXT PRIMARY KEY, text TEXT NOT NULL) WITHOUT ROWID;"
       "CREATE TABLE states_machines ("
       " account TEXT NOT NULL, region TEXT NOT NULL, name TEXT NOT NULL, arn TEXT NOT NULL UNIQUE,"
       " type TEXT NOT NULL, definition_sha TEXT NOT NULL REFERENCES states_definitions(sha), role_arn TEXT NOT NULL,"
       " created_ms INTEGER NOT NULL, revision_id TEXT NOT NULL,"
       " PRIMARY KEY (account, region, name)) WITHOUT ROWID;"
       "CREATE TABLE states_executions ("
       " arn TEXT NOT NULL UNIQUE, machine_arn TEXT NOT NULL, account TEXT NOT NULL, region TEXT NOT NULL,"
       " name TEXT NOT NULL, definition_sha TEXT NOT NULL REFERENCES states_definitions(sha),"
       " role_arn TEXT NOT NULL, status TEXT NOT NULL, input TEXT NOT NULL, output TEXT, error TEXT, cause TEXT,"
       " start_ms INTEGER NOT NULL, stop_ms INTEGER, snapshot TEXT);"
       "CREATE INDEX states_executions_by_machine ON states_executions (machine_arn, status);"
       "CREATE INDEX states_executions_running ON states_executions (status) WHERE status = 'RUNNING';"
       "CREATE TABLE states_events ("
       " execution_arn TEXT NOT NULL, id INTEGER NOT NULL, previous_id INTEGER NOT NULL, ts_ms INTEGER NOT NULL,"
       " type TEXT NOT NULL, details TEXT NOT NULL,"
       " PRIMARY KEY (execution_arn, id)) WITHOUT ROWID;"},
      {2,
       // What a `.sync` Task started in another service (the ECS task's ARN), so that a restart
       // finds the work it was waiting for instead of starting it twice.
       "CREATE TABLE states_task_calls ("
       " execution_arn TEXT NOT NULL, task_id TEXT NOT NULL, target TEXT NOT NULL,"
       " PRIMARY KEY (execution_arn, task_id)) WITHOUT ROWID;"},
  };
  return kMigrations;
}

core::Result<std::string> StatesTable::put_definition(const std::string& text) {
  std::string sha = core::sha256_hex(text);
  if (auto ok = tx_.exec("INSERT OR IGNORE INTO states_definitions (sha, text) VALUES (?, ?)", {sha, text}); !ok)
    return ok.failure();
  return sha;
}

core::Result<std::optional<MachineRecord>> StatesTable::machine(const std::string& arn) {
  auto row = tx_.query_one(machine_query("WHERE m.arn = ?"), {arn});
  if (!row) return row.failure();
  if (!*row) return std::optional<MachineRecord>{};
  return std::optional<MachineRecord>{machine_of(**row)};
}

core::Result<void> StatesTable::insert_machine(const MachineRecord& m) {
  auto sha = put_definition(m.definition);
  if (!sha) return sha.failure();
  return tx_.exec(
      "INSERT INTO states_machines (account, region, name, arn, type, definition_sha, role_arn, created_ms,"
      " revision_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
      {m.account, m.region, m.name, m.arn, m.type, *sha, m.role_arn, to_millis(m.created), m.revision_id});
}

core::Result<void> StatesTable::update_machine(const MachineRecord& m) {
  auto sha = put_definition(m.definition);
  if (!sha) return sha.failure();
  return tx_.exec("UPDATE states_machines SET definition_sha = ?, role_arn = ?, revision_id = ? WHERE arn = ?",
                  {*sha, m.role_arn, m.revision_id, m.arn});
}

core::Result<void> StatesTable::delete_machine(const std::string& arn) {
  if (auto ok = tx_.exec(
          "DELETE FROM states_events WHERE execution_arn IN (SELECT arn FROM states_executions WHERE machine_arn = ?)",
          {arn});
      !ok)
    return ok;
  if (auto ok = tx_.exec("DELETE FROM states_executions WHERE machine_arn = ?", {arn}); !ok) return ok;
  return tx_.exec("DELETE FROM states_machines WHERE arn = ?", {arn});
}

core::Result<std::vector<MachineRecord>> StatesTable::machines(const std::string& account, const std::string& region,
                                                               const std::string& after, std::size_t limit) {
  auto rows = tx_.query(machine_query("WHERE m.account = ? AND m.region = ? AND m.name > ? ORDER BY m.name LIMIT ?"),
                        {account, region, after, static_cast<std::int64_t>(limit)});
  if (!rows) return rows.failure();
  std::vector<MachineRecord> out;
  for (const auto& r : *rows) out.push_back(machine_of(r));
  return out;
}

core::Result<std::optional<ExecutionRecord>> StatesTable::execution(const std::string& arn) {
  auto row =
      tx_.query_one("SELECT " + std::string(kExecutionColumns) + " FROM states_executions e WHERE e.arn = ?", {arn});
  if (!row) return row.failure();
  if (!*row) return std::optional<ExecutionRecord>{};
  return std::optional<ExecutionRecord>{execution_of(**row)};
}

core::Result<std::string> StatesTable::execution_definition(const std::string& arn) {
  auto row = tx_.query_one(
      "SELECT d.text FROM states_executions e JOIN states_definitions d ON d.sha = e.definition_sha WHERE e.arn = ?",
      {arn});
  if (!row) return row.failure();
  if (!*row) return core::fail("local.store", "no definition for " + arn);
  return (*row)->text(0);
}

core::Result<void> StatesTable::insert_execution(const ExecutionRecord& e, const std::string& definition) {
  auto sha = put_definition(definition);
  if (!sha) return sha.failure();
  // account and region: the machine ARN's fields 4 and 3.
  return tx_.exec(
      "INSERT INTO states_executions (arn, machine_arn, account, region, name, definition_sha, role_arn, status, input,"
      " start_ms) SELECT ?, arn, account, region, ?, ?, ?, 'RUNNING', ?, ? FROM states_machines WHERE arn = ?",
      {e.arn, e.name, *sha, e.role_arn, e.input, to_millis(e.start), e.machine_arn});
}

core::Result<void> StatesTable::record_progress(const sfn::ExecutionInfo& info,
                                                std::span<const sfn::HistoryEvent> events,
                                                const std::string& snapshot) {
  for (const auto& ev : events) {
    if (auto ok = tx_.exec("INSERT OR REPLACE INTO states_events (execution_arn, id, previous_id, ts_ms, type, details)"
                           " VALUES (?, ?, ?, ?, ?, ?)",
                           {info.execution_arn, ev.id, ev.previous_event_id, to_millis(ev.timestamp),
                            std::string(sfn::to_string(ev.type)), ev.details});
        !ok)
      return ok;
  }
  const bool running = info.status == sfn::ExecutionStatus::running;
  std::optional<std::int64_t> stop;
  if (info.stop_date) stop = to_millis(*info.stop_date);
  return tx_.exec(
      "UPDATE states_executions SET status = ?, output = ?, error = ?, cause = ?, stop_ms = ?, snapshot = ?"
      " WHERE arn = ?",
      {std::string(sfn::to_string(info.status)), nullable(info.output), nullable(info.error), nullable(info.cause),
       nullable(stop), running ? store::Value{snapshot} : store::Value{}, info.execution_arn});
}

core::Result<std::vector<ExecutionRecord>> StatesTable::executions(const std::string& machine_arn,
                                                                   const std::optional<std::string>& status,
                                                                   std::int64_t before_seq, std::size_t limit) {
  std::string sql = "SELECT " + std::string(kExecutionColumns) + " FROM states_executions e WHERE e.machine_arn = ?";
  std::vector<store::Value> params{machine_arn};
  if (status) {
    sql += " AND e.status = ?";
    params.emplace_back(*status);
  }
  if (before_seq > 0) {
    sql += " AND e.rowid < ?";
    params.emplace_back(before_seq);
  }
  sql += " ORDER BY e.rowid DESC LIMIT ?";
  params.emplace_back(static_cast<std::int64_t>(limit));
  auto rows = tx_.query(sql, params);
  if (!rows) return rows.failure();
  std::vector<ExecutionRecord> out;
  for (const auto& r : *rows) out.push_back(execution_of(r));
  return out;
}

core::Result<std::vector<RunningExecution>> StatesTable::running() {
  auto rows = tx_.query("SELECT " + std::string(kExecutionColumns) +
                        ", e.account, e.region, d.text, e.snapshot FROM states_executions e"
                        " JOIN states_definitions d ON d.sha = e.definition_sha WHERE e.status = 'RUNNING'"
                        " ORDER BY e.rowid");
  if (!rows) return rows.failure();
  std::vector<RunningExecution> out;
  for (const auto& r : *rows)
    out.push_back(RunningExecution{.record = execution_of(r),
                                   .account = r.text(12),
                                   .region = r.text(13),
                                   .definition = r.text(14),
                                   .snapshot = r.optional_text(15)});
  return out;
}

core::Result<bool> StatesTable::has_running(const std::string& machine_arn) {
  auto row = tx_.query_one("SELECT 1 FROM states_executions WHERE machine_arn = ? AND status = 'RUNNING' LIMIT 1",
                           {machine_arn});
  if (!row) return row.failure();
  return row->has_value();
}

core::Result<std::vector<sfn::HistoryEvent>> StatesTable::events(const std::string& execution_arn,
                                                                 std::int64_t after_id, bool reverse,
                                                                 std::size_t limit) {
  std::string sql = "SELECT id, previous_id, ts_ms, type, details FROM states_events WHERE execution_arn = ?";
  std::vector<store::Value> params{execution_arn};
  if (after_id > 0) {
    sql += reverse ? " AND id < ?" : " AND id > ?";
    params.emplace_back(after_id);
  }
  sql += reverse ? " ORDER BY id DESC LIMIT ?" : " ORDER BY id LIMIT ?";
  params.emplace_back(static_cast<std::int64_t>(limit));
  auto rows = tx_.query(sql, params);
  if (!rows) return rows.failure();
  std::vector<sfn::HistoryEvent> out;
  out.reserve(rows->size());
  for (const auto& r : *rows) out.push_back(event_of(r));
  return out;
}

core::Result<std::vector<sfn::HistoryEvent>> StatesTable::all_events(const std::string& execution_arn) {
  return events(execution_arn, 0, false, std::numeric_limits<std::int64_t>::max());
}

core::Result<std::vector<store::Row>> StatesTable::counts() {
  return tx_.query(
      "SELECT m.account, m.region, COUNT(DISTINCT m.arn), COUNT(e.arn) FROM states_machines m"
      " LEFT JOIN states_executions e ON e.machine_arn = m.arn GROUP BY m.account, m.region ORDER BY 1, 2");
}

}  // namespace hoplite::local::states
