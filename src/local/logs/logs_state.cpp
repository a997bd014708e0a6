#include "local/logs/logs_state.hpp"

#include <algorithm>
#include <limits>

#include "local/sql_values.hpp"

namespace hoplite::local::logs {
namespace {

constexpr std::string_view kGroupColumns =
    "g.id, g.name, g.created_ms, g.retention_days, g.kms_key_id,"
    " (SELECT COALESCE(SUM(s.stored_bytes), 0) FROM logs_streams s WHERE s.group_id = g.id)";

StoredGroup group_from(const store::Row& r) {
  StoredGroup g{.id = r.integer(0), .name = r.text(1), .created_ms = r.integer(2)};
  if (!r.is_null(3)) g.retention_days = r.integer(3);
  g.kms_key_id = r.optional_text(4);
  g.stored_bytes = r.integer(5);
  return g;
}

constexpr std::string_view kStreamColumns =
    "id, name, created_ms, first_event_ms, last_event_ms, last_ingestion_ms, stored_bytes";

std::optional<std::int64_t> optional_int(const store::Row& r, std::size_t i) {
  if (r.is_null(i)) return std::nullopt;
  return r.integer(i);
}

StoredStream stream_from(const store::Row& r) {
  return StoredStream{.id = r.integer(0),
                      .name = r.text(1),
                      .created_ms = r.integer(2),
                      .first_event_ms = optional_int(r, 3),
                      .last_event_ms = optional_int(r, 4),
                      .last_ingestion_ms = optional_int(r, 5),
                      .stored_bytes = r.integer(6)};
}

core::Result<std::vector<StoredEvent>> events_from(core::Result<std::vector<store::Row>> rows) {
  if (!rows) return rows.failure();
  std::vector<StoredEvent> out;
  out.reserve(rows->size());
  for (const auto& r : *rows)
    out.push_back({.key = {r.integer(0), r.integer(1)},
                   .stream_id = r.integer(2),
                   .ingestion_ms = r.integer(3),
                   .message = r.text(4)});
  return out;
}

/// The time-range clauses and their parameters.
void add_range(std::string& sql, std::vector<store::Value>& params, const EventRange& range) {
  if (range.start_ms) {
    sql += " AND ts >= ?";
    params.emplace_back(*range.start_ms);
  }
  if (range.end_ms) {
    sql += " AND ts < ?";
    params.emplace_back(*range.end_ms);
  }
}

}  // namespace

const std::vector<store::Migration>& migrations() {
  static const std::vector<store::Migration> kMigrations = {
      {1,
       "CREATE TABLE logs_groups ("
       " id INTEGER PRIMARY KEY, account TEXT NOT NULL, region TEXT NOT NULL, name TEXT NOT NULL,"
       " created_ms INTEGER NOT NULL, retention_days INTEGER, kms_key_id TEXT,"
       " UNIQUE (account, region, name));"
       "CREATE TABLE logs_streams ("
       " id INTEGER PRIMARY KEY, group_id INTEGER NOT NULL REFERENCES logs_groups (id) ON DELETE CASCADE,"
       " name TEXT NOT NULL, created_ms INTEGER NOT NULL, first_event_ms INTEGER, last_event_ms INTEGER,"
       " last_ingestion_ms INTEGER, stored_bytes INTEGER NOT NULL DEFAULT 0,"
       " UNIQUE (group_id, name));"
       "CREATE TABLE logs_events ("
       " id INTEGER PRIMARY KEY, stream_id INTEGER NOT NULL REFERENCES logs_streams (id) ON DELETE CASCADE,"
       " group_id INTEGER NOT NULL, ts INTEGER NOT NULL, ingestion_ms INTEGER NOT NULL, message TEXT NOT NULL);"
       "CREATE INDEX logs_events_by_stream ON logs_events (stream_id, ts, id);"
       "CREATE INDEX logs_events_by_group ON logs_events (group_id, ts, id);"
       "CREATE TABLE logs_tags ("
       " group_id INTEGER NOT NULL REFERENCES logs_groups (id) ON DELETE CASCADE, key TEXT NOT NULL,"
       " value TEXT NOT NULL, PRIMARY KEY (group_id, key)) WITHOUT ROWID;"},
  };
  return kMigrations;
}

core::Result<std::optional<StoredGroup>> LogsTable::group(const std::string& name) {
  auto r = tx_.query_one(std::string("SELECT ") + std::string(kGroupColumns) +
                             " FROM logs_groups g WHERE g.account = ? AND g.region = ? AND g.name = ?",
                         {account_, region_, name});
  if (!r) return r.failure();
  if (!*r) return std::optional<StoredGroup>{};
  return std::optional<StoredGroup>{group_from(**r)};
}

core::Result<void> LogsTable::create_group(const std::string& name, std::int64_t created_ms,
                                           const std::optional<std::string>& kms_key_id) {
  return tx_.exec("INSERT INTO logs_groups (account, region, name, created_ms, kms_key_id) VALUES (?, ?, ?, ?, ?)",
                  {account_, region_, name, created_ms, nullable(kms_key_id)});
}

core::Result<void> LogsTable::delete_group(std::int64_t id) {
  return tx_.exec("DELETE FROM logs_groups WHERE id = ?", {id});
}

core::Result<void> LogsTable::set_retention(std::int64_t id, std::optional<std::int64_t> days) {
  return tx_.exec("UPDATE logs_groups SET retention_days = ? WHERE id = ?", {nullable(days), id});
}

core::Result<std::vector<StoredGroup>> LogsTable::groups(const std::string& after, const std::string& prefix,
                                                         std::size_t limit) {
  std::string sql = std::string("SELECT ") + std::string(kGroupColumns) +
                    " FROM logs_groups g WHERE g.account = ? AND g.region = ? AND g.name > ? AND g.name >= ?";
  std::vector<store::Value> params{account_, region_, after, prefix};
  if (std::string end = prefix_end(prefix); !end.empty()) {
    sql += " AND g.name < ?";
    params.emplace_back(end);
  }
  sql += " ORDER BY g.name LIMIT ?";
  params.emplace_back(static_cast<std::int64_t>(limit));
  auto rows = tx_.query(sql, params);
  if (!rows) return rows.failure();
  std::vector<StoredGroup> out;
  for (const auto& r : *rows) out.push_back(group_from(r));
  return out;
}

core::Result<std::optional<StoredStream>> LogsTable::stream(std::int64_t group_id, const std::string& name) {
  auto r = tx_.query_one(
      std::string("SELECT ") + std::string(kStreamColumns) + " FROM logs_streams WHERE group_id = ? AND name = ?",
      {group_id, name});
  if (!r) return r.failure();
  if (!*r) return std::optional<StoredStream>{};
  return std::optional<StoredStream>{stream_from(**r)};
}

core::Result<void> LogsTable::create_stream(std::int64_t group_id, const std::string& name, std::int64_t created_ms) {
  return tx_.exec("INSERT INTO logs_streams (group_id, name, created_ms) VALUES (?, ?, ?)",
                  {group_id, name, created_ms});
}

core::Result<void> LogsTable::delete_stream(std::int64_t id) {
  return tx_.exec("DELETE FROM logs_streams WHERE id = ?", {id});
}

core::Result<std::vector<StoredStream>> LogsTable::streams(std::int64_t group_id) {
  auto rows = tx_.query(
      std::string("SELECT ") + std::string(kStreamColumns) + " FROM logs_streams WHERE group_id = ? ORDER BY name",
      {group_id});
  if (!rows) return rows.failure();
  std::vector<StoredStream> out;
  for (const auto& r : *rows) out.push_back(stream_from(r));
  return out;
}

core::Result<void> LogsTable::append(std::int64_t group_id, const StoredStream& stream,
                                     const std::vector<StoredEvent>& events, std::int64_t ingestion_ms) {
  if (events.empty()) return core::ok();
  std::int64_t bytes = 0;
  std::int64_t first = std::numeric_limits<std::int64_t>::max();
  std::int64_t last = std::numeric_limits<std::int64_t>::min();
  for (const auto& e : events) {
    if (auto r =
            tx_.exec("INSERT INTO logs_events (stream_id, group_id, ts, ingestion_ms, message) VALUES (?, ?, ?, ?, ?)",
                     {stream.id, group_id, e.key.timestamp, ingestion_ms, e.message});
        !r)
      return r;
    bytes += static_cast<std::int64_t>(e.message.size());
    first = std::min(first, e.key.timestamp);
    last = std::max(last, e.key.timestamp);
  }
  return tx_.exec(
      "UPDATE logs_streams SET first_event_ms = MIN(COALESCE(first_event_ms, ?), ?),"
      " last_event_ms = MAX(COALESCE(last_event_ms, ?), ?), last_ingestion_ms = ?, stored_bytes = stored_bytes + ?"
      " WHERE id = ?",
      {first, first, last, last, ingestion_ms, bytes, stream.id});
}

core::Result<std::vector<StoredEvent>> LogsTable::events_after(std::int64_t stream_id, EventKey after,
                                                               const EventRange& range, std::size_t limit) {
  std::string sql =
      "SELECT ts, id, stream_id, ingestion_ms, message FROM logs_events WHERE stream_id = ? AND (ts, id) > (?, ?)";
  std::vector<store::Value> params{stream_id, after.timestamp, after.id};
  add_range(sql, params, range);
  sql += " ORDER BY ts, id LIMIT ?";
  params.emplace_back(static_cast<std::int64_t>(limit));
  return events_from(tx_.query(sql, params));
}

core::Result<std::vector<StoredEvent>> LogsTable::events_before(std::int64_t stream_id, EventKey before,
                                                                const EventRange& range, std::size_t limit) {
  std::string sql =
      "SELECT ts, id, stream_id, ingestion_ms, message FROM logs_events WHERE stream_id = ? AND (ts, id) < (?, ?)";
  std::vector<store::Value> params{stream_id, before.timestamp, before.id};
  add_range(sql, params, range);
  sql += " ORDER BY ts DESC, id DESC LIMIT ?";
  params.emplace_back(static_cast<std::int64_t>(limit));
  auto out = events_from(tx_.query(sql, params));
  if (out) std::reverse(out->begin(), out->end());
  return out;
}

core::Result<std::vector<StoredEvent>> LogsTable::group_events_after(std::int64_t group_id, EventKey after,
                                                                     const EventRange& range, std::size_t limit) {
  std::string sql =
      "SELECT ts, id, stream_id, ingestion_ms, message FROM logs_events WHERE group_id = ? AND (ts, id) > (?, ?)";
  std::vector<store::Value> params{group_id, after.timestamp, after.id};
  add_range(sql, params, range);
  sql += " ORDER BY ts, id LIMIT ?";
  params.emplace_back(static_cast<std::int64_t>(limit));
  return events_from(tx_.query(sql, params));
}

core::Result<std::map<std::string, std::string>> LogsTable::tags(std::int64_t group_id) {
  auto rows = tx_.query("SELECT key, value FROM logs_tags WHERE group_id = ? ORDER BY key", {group_id});
  if (!rows) return rows.failure();
  std::map<std::string, std::string> out;
  for (const auto& r : *rows) out.emplace(r.text(0), r.text(1));
  return out;
}

core::Result<void> LogsTable::put_tag(std::int64_t group_id, const std::string& key, const std::string& value) {
  return tx_.exec(
      "INSERT INTO logs_tags (group_id, key, value) VALUES (?, ?, ?)"
      " ON CONFLICT (group_id, key) DO UPDATE SET value = excluded.value",
      {group_id, key, value});
}

core::Result<void> LogsTable::remove_tag(std::int64_t group_id, const std::string& key) {
  return tx_.exec("DELETE FROM logs_tags WHERE group_id = ? AND key = ?", {group_id, key});
}

}  // namespace hoplite::local::logs
