#include "local/sqs/sqs_state.hpp"

#include <nlohmann/json.hpp>

#include "local/sql_values.hpp"

namespace hoplite::local::sqs {
namespace {

constexpr std::string_view kQueueColumns = "id, account, region, name, created_ms, modified_ms, purged_ms, attributes";

StoredQueue queue_from(const store::Row& r) {
  StoredQueue q{.id = r.integer(0),
                .ref = {r.text(1), r.text(2), r.text(3)},
                .created_ms = r.integer(4),
                .modified_ms = r.integer(5),
                .purged_ms = r.integer(6)};
  auto attributes = nlohmann::json::parse(r.text(7), nullptr, false);
  if (attributes.is_object())
    for (const auto& [k, v] : attributes.items())
      if (v.is_string()) q.attributes[k] = v.get<std::string>();
  return q;
}

core::Result<std::optional<StoredQueue>> first_queue(core::Result<std::optional<store::Row>> row) {
  if (!row) return row.failure();
  if (!*row) return std::optional<StoredQueue>{};
  return std::optional<StoredQueue>{queue_from(**row)};
}

constexpr std::string_view kMessageColumns =
    "id, message_id, body, message_attributes, sender_id, sent_ms, visible_ms, receive_count, first_receive_ms,"
    " receipt_token";

StoredMessage message_from(const store::Row& r) {
  StoredMessage m{.id = r.integer(0),
                  .message_id = r.text(1),
                  .body = r.text(2),
                  .message_attributes = r.text(3),
                  .sender_id = r.text(4),
                  .sent_ms = r.integer(5),
                  .visible_ms = r.integer(6),
                  .receive_count = r.integer(7),
                  .receipt_token = r.text(9)};
  if (!r.is_null(8)) m.first_receive_ms = r.integer(8);
  return m;
}

std::string attributes_json(const Attributes& a) { return nlohmann::json(a).dump(); }

}  // namespace

const std::vector<store::Migration>& migrations() {
  static const std::vector<store::Migration> kMigrations = {
      {1,
       "CREATE TABLE sqs_queues ("
       " id INTEGER PRIMARY KEY, account TEXT NOT NULL, region TEXT NOT NULL, name TEXT NOT NULL,"
       " created_ms INTEGER NOT NULL, modified_ms INTEGER NOT NULL, purged_ms INTEGER NOT NULL DEFAULT 0,"
       " attributes TEXT NOT NULL, UNIQUE (account, region, name));"
       "CREATE TABLE sqs_messages ("
       " id INTEGER PRIMARY KEY, queue_id INTEGER NOT NULL REFERENCES sqs_queues (id) ON DELETE CASCADE,"
       " message_id TEXT NOT NULL, body TEXT NOT NULL, message_attributes TEXT NOT NULL, sender_id TEXT NOT NULL,"
       " sent_ms INTEGER NOT NULL, visible_ms INTEGER NOT NULL, receive_count INTEGER NOT NULL DEFAULT 0,"
       " first_receive_ms INTEGER, receipt_token TEXT NOT NULL DEFAULT '');"
       "CREATE INDEX sqs_messages_by_queue ON sqs_messages (queue_id, visible_ms, id);"
       "CREATE TABLE sqs_tags ("
       " queue_id INTEGER NOT NULL REFERENCES sqs_queues (id) ON DELETE CASCADE, key TEXT NOT NULL,"
       " value TEXT NOT NULL, PRIMARY KEY (queue_id, key)) WITHOUT ROWID;"},
  };
  return kMigrations;
}

core::Result<std::optional<StoredQueue>> QueueTable::queue(const QueueRef& ref) {
  return first_queue(tx_.query_one(std::string("SELECT ") + std::string(kQueueColumns) +
                                       " FROM sqs_queues WHERE account = ? AND region = ? AND name = ?",
                                   {ref.account, ref.region, ref.name}));
}

core::Result<std::optional<StoredQueue>> QueueTable::queue_by_id(std::int64_t id) {
  return first_queue(
      tx_.query_one(std::string("SELECT ") + std::string(kQueueColumns) + " FROM sqs_queues WHERE id = ?", {id}));
}

core::Result<std::int64_t> QueueTable::create(const QueueRef& ref, std::int64_t now_ms, const Attributes& attributes) {
  if (auto r = tx_.exec("INSERT INTO sqs_queues (account, region, name, created_ms, modified_ms, attributes)"
                        " VALUES (?, ?, ?, ?, ?, ?)",
                        {ref.account, ref.region, ref.name, now_ms, now_ms, attributes_json(attributes)});
      !r)
    return r.failure();
  auto row = tx_.query_one("SELECT last_insert_rowid()");
  if (!row) return row.failure();
  return (*row)->integer(0);
}

core::Result<void> QueueTable::set_attributes(std::int64_t id, const Attributes& attributes, std::int64_t now_ms) {
  return tx_.exec("UPDATE sqs_queues SET attributes = ?, modified_ms = ? WHERE id = ?",
                  {attributes_json(attributes), now_ms, id});
}

core::Result<void> QueueTable::set_purged(std::int64_t id, std::int64_t now_ms) {
  return tx_.exec("UPDATE sqs_queues SET purged_ms = ? WHERE id = ?", {now_ms, id});
}

core::Result<void> QueueTable::remove(std::int64_t id) { return tx_.exec("DELETE FROM sqs_queues WHERE id = ?", {id}); }

core::Result<std::vector<std::string>> QueueTable::names(const std::string& account, const std::string& region,
                                                         const std::string& after, const std::string& prefix,
                                                         std::size_t limit) {
  std::string sql = "SELECT name FROM sqs_queues WHERE account = ? AND region = ? AND name > ? AND name >= ?";
  std::vector<store::Value> params{account, region, after, prefix};
  if (std::string end = prefix_end(prefix); !end.empty()) {
    sql += " AND name < ?";
    params.emplace_back(end);
  }
  sql += " ORDER BY name LIMIT ?";
  params.emplace_back(static_cast<std::int64_t>(limit));
  auto rows = tx_.query(sql, params);
  if (!rows) return rows.failure();
  std::vector<std::string> out;
  for (const auto& r : *rows) out.push_back(r.text(0));
  return out;
}

core::Result<std::int64_t> QueueTable::add_message(std::int64_t queue_id, const StoredMessage& m) {
  if (auto r = tx_.exec(
          "INSERT INTO sqs_messages (queue_id, message_id, body, message_attributes, sender_id, sent_ms, visible_ms)"
          " VALUES (?, ?, ?, ?, ?, ?, ?)",
          {queue_id, m.message_id, m.body, m.message_attributes, m.sender_id, m.sent_ms, m.visible_ms});
      !r)
    return r.failure();
  auto row = tx_.query_one("SELECT last_insert_rowid()");
  if (!row) return row.failure();
  return (*row)->integer(0);
}

core::Result<std::vector<StoredMessage>> QueueTable::receivable(std::int64_t queue_id, std::int64_t now_ms,
                                                                std::size_t limit) {
  auto rows = tx_.query(std::string("SELECT ") + std::string(kMessageColumns) +
                            " FROM sqs_messages WHERE queue_id = ? AND visible_ms <= ? ORDER BY id LIMIT ?",
                        {queue_id, now_ms, static_cast<std::int64_t>(limit)});
  if (!rows) return rows.failure();
  std::vector<StoredMessage> out;
  for (const auto& r : *rows) out.push_back(message_from(r));
  return out;
}

core::Result<std::optional<StoredMessage>> QueueTable::message(std::int64_t queue_id, std::int64_t id) {
  auto row = tx_.query_one(
      std::string("SELECT ") + std::string(kMessageColumns) + " FROM sqs_messages WHERE queue_id = ? AND id = ?",
      {queue_id, id});
  if (!row) return row.failure();
  if (!*row) return std::optional<StoredMessage>{};
  return std::optional<StoredMessage>{message_from(**row)};
}

core::Result<void> QueueTable::mark_received(std::int64_t id, std::int64_t visible_ms, const std::string& token,
                                             std::int64_t now_ms) {
  return tx_.exec(
      "UPDATE sqs_messages SET visible_ms = ?, receipt_token = ?, receive_count = receive_count + 1,"
      " first_receive_ms = COALESCE(first_receive_ms, ?) WHERE id = ?",
      {visible_ms, token, now_ms, id});
}

core::Result<void> QueueTable::set_visible(std::int64_t id, std::int64_t visible_ms) {
  return tx_.exec("UPDATE sqs_messages SET visible_ms = ? WHERE id = ?", {visible_ms, id});
}

core::Result<bool> QueueTable::remove_message(std::int64_t queue_id, std::int64_t id) {
  if (auto r = tx_.exec("DELETE FROM sqs_messages WHERE queue_id = ? AND id = ?", {queue_id, id}); !r)
    return r.failure();
  return tx_.changes() > 0;
}

core::Result<void> QueueTable::purge(std::int64_t queue_id) {
  return tx_.exec("DELETE FROM sqs_messages WHERE queue_id = ?", {queue_id});
}

core::Result<void> QueueTable::expire(std::int64_t queue_id, std::int64_t cutoff_ms) {
  return tx_.exec("DELETE FROM sqs_messages WHERE queue_id = ? AND sent_ms < ?", {queue_id, cutoff_ms});
}

core::Result<std::array<std::int64_t, 3>> QueueTable::counts(std::int64_t queue_id, std::int64_t now_ms) {
  auto row = tx_.query_one(
      "SELECT COALESCE(SUM(visible_ms <= ?), 0), COALESCE(SUM(visible_ms > ? AND receive_count > 0), 0),"
      " COALESCE(SUM(visible_ms > ? AND receive_count = 0), 0) FROM sqs_messages WHERE queue_id = ?",
      {now_ms, now_ms, now_ms, queue_id});
  if (!row) return row.failure();
  return std::array<std::int64_t, 3>{(*row)->integer(0), (*row)->integer(1), (*row)->integer(2)};
}

core::Result<std::map<std::string, std::string>> QueueTable::tags(std::int64_t queue_id) {
  auto rows = tx_.query("SELECT key, value FROM sqs_tags WHERE queue_id = ? ORDER BY key", {queue_id});
  if (!rows) return rows.failure();
  std::map<std::string, std::string> out;
  for (const auto& r : *rows) out.emplace(r.text(0), r.text(1));
  return out;
}

core::Result<void> QueueTable::put_tag(std::int64_t queue_id, const std::string& key, const std::string& value) {
  return tx_.exec(
      "INSERT INTO sqs_tags (queue_id, key, value) VALUES (?, ?, ?)"
      " ON CONFLICT (queue_id, key) DO UPDATE SET value = excluded.value",
      {queue_id, key, value});
}

core::Result<void> QueueTable::remove_tag(std::int64_t queue_id, const std::string& key) {
  return tx_.exec("DELETE FROM sqs_tags WHERE queue_id = ? AND key = ?", {queue_id, key});
}

core::Result<std::map<std::string, std::map<std::string, std::map<std::string, std::int64_t>>>> queues_by_account(
    store::Database& db, std::size_t limit_per_region) {
  using Out = std::map<std::string, std::map<std::string, std::map<std::string, std::int64_t>>>;
  return db.transaction<Out>([&](store::Tx& tx) -> core::Result<Out> {
    auto r = tx.query(
        "SELECT q.account, q.region, q.name, (SELECT COUNT(*) FROM sqs_messages m WHERE m.queue_id = q.id)"
        " FROM sqs_queues q ORDER BY q.account, q.region, q.name");
    if (!r) return r.failure();
    Out out;
    for (const auto& row : *r) {
      auto& queues = out[row.text(0)][row.text(1)];
      if (queues.size() < limit_per_region) queues[row.text(2)] = row.integer(3);
    }
    return out;
  });
}

}  // namespace hoplite::local::sqs
