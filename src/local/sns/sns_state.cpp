#include "local/sns/sns_state.hpp"

#include "local/regions.hpp"
#include "local/sql_values.hpp"

namespace hoplite::local::sns {
namespace {

Attributes attributes_from(const std::string& text) {
  Attributes out;
  auto j = nlohmann::json::parse(text, nullptr, false);
  if (j.is_object())
    for (const auto& [k, v] : j.items())
      if (v.is_string()) out[k] = v.get<std::string>();
  return out;
}

std::string attributes_json(const Attributes& a) { return nlohmann::json(a).dump(); }

constexpr std::string_view kSubscriptionColumns =
    "s.arn, s.topic_id, t.region, t.account, t.name, s.protocol, s.endpoint, s.owner, s.confirmed, s.attributes";

StoredSubscription subscription_from(const store::Row& r) {
  return StoredSubscription{.arn = r.text(0),
                            .topic_id = r.integer(1),
                            .topic_arn = topic_arn(r.text(2), r.text(3), r.text(4)),
                            .protocol = r.text(5),
                            .endpoint = r.text(6),
                            .owner = r.text(7),
                            .confirmed = r.integer(8) != 0,
                            .attributes = attributes_from(r.text(9))};
}

}  // namespace

std::string topic_arn(std::string_view region, std::string_view account, std::string_view name) {
  return "arn:" + partition_of(region) + ":sns:" + std::string(region) + ":" + std::string(account) + ":" +
         std::string(name);
}

const std::vector<store::Migration>& migrations() {
  static const std::vector<store::Migration> kMigrations = {
      {1,
       "CREATE TABLE sns_topics ("
       " id INTEGER PRIMARY KEY, account TEXT NOT NULL, region TEXT NOT NULL, name TEXT NOT NULL,"
       " created_ms INTEGER NOT NULL, attributes TEXT NOT NULL, UNIQUE (account, region, name));"
       "CREATE TABLE sns_subscriptions ("
       " arn TEXT PRIMARY KEY, topic_id INTEGER NOT NULL REFERENCES sns_topics (id) ON DELETE CASCADE,"
       " protocol TEXT NOT NULL, endpoint TEXT NOT NULL, owner TEXT NOT NULL, confirmed INTEGER NOT NULL,"
       " attributes TEXT NOT NULL);"
       "CREATE INDEX sns_subscriptions_by_topic ON sns_subscriptions (topic_id, arn);"
       "CREATE TABLE sns_messages ("
       " id INTEGER PRIMARY KEY, topic_id INTEGER NOT NULL REFERENCES sns_topics (id) ON DELETE CASCADE,"
       " message_id TEXT NOT NULL, subject TEXT, message TEXT NOT NULL, message_attributes TEXT NOT NULL,"
       " published_ms INTEGER NOT NULL);"
       "CREATE INDEX sns_messages_by_topic ON sns_messages (topic_id, id);"
       "CREATE TABLE sns_tags ("
       " topic_id INTEGER NOT NULL REFERENCES sns_topics (id) ON DELETE CASCADE, key TEXT NOT NULL,"
       " value TEXT NOT NULL, PRIMARY KEY (topic_id, key)) WITHOUT ROWID;"},
  };
  return kMigrations;
}

core::Result<std::optional<StoredTopic>> TopicTable::topic(const std::string& account, const std::string& region,
                                                           const std::string& name) {
  auto row = tx_.query_one("SELECT id, attributes FROM sns_topics WHERE account = ? AND region = ? AND name = ?",
                           {account, region, name});
  if (!row) return row.failure();
  if (!*row) return std::optional<StoredTopic>{};
  return std::optional<StoredTopic>{StoredTopic{.id = (*row)->integer(0),
                                                .account = account,
                                                .region = region,
                                                .name = name,
                                                .attributes = attributes_from((*row)->text(1))}};
}

core::Result<std::int64_t> TopicTable::create(const std::string& account, const std::string& region,
                                              const std::string& name, std::int64_t now_ms,
                                              const Attributes& attributes) {
  if (auto r = tx_.exec("INSERT INTO sns_topics (account, region, name, created_ms, attributes) VALUES (?, ?, ?, ?, ?)",
                        {account, region, name, now_ms, attributes_json(attributes)});
      !r)
    return r.failure();
  auto row = tx_.query_one("SELECT last_insert_rowid()");
  if (!row) return row.failure();
  return (*row)->integer(0);
}

core::Result<void> TopicTable::set_attributes(std::int64_t id, const Attributes& attributes) {
  return tx_.exec("UPDATE sns_topics SET attributes = ? WHERE id = ?", {attributes_json(attributes), id});
}

core::Result<void> TopicTable::remove(std::int64_t id) { return tx_.exec("DELETE FROM sns_topics WHERE id = ?", {id}); }

core::Result<std::vector<std::string>> TopicTable::names(const std::string& account, const std::string& region,
                                                         const std::string& after, std::size_t limit) {
  auto rows =
      tx_.query("SELECT name FROM sns_topics WHERE account = ? AND region = ? AND name > ? ORDER BY name LIMIT ?",
                {account, region, after, static_cast<std::int64_t>(limit)});
  if (!rows) return rows.failure();
  std::vector<std::string> out;
  for (const auto& r : *rows) out.push_back(r.text(0));
  return out;
}

core::Result<std::optional<StoredSubscription>> TopicTable::subscription(const std::string& arn) {
  auto row = tx_.query_one(std::string("SELECT ") + std::string(kSubscriptionColumns) +
                               " FROM sns_subscriptions s JOIN sns_topics t ON t.id = s.topic_id WHERE s.arn = ?",
                           {arn});
  if (!row) return row.failure();
  if (!*row) return std::optional<StoredSubscription>{};
  return std::optional<StoredSubscription>{subscription_from(**row)};
}

core::Result<void> TopicTable::add_subscription(const StoredSubscription& s) {
  return tx_.exec(
      "INSERT INTO sns_subscriptions (arn, topic_id, protocol, endpoint, owner, confirmed, attributes)"
      " VALUES (?, ?, ?, ?, ?, ?, ?)",
      {s.arn, s.topic_id, s.protocol, s.endpoint, s.owner, static_cast<std::int64_t>(s.confirmed),
       attributes_json(s.attributes)});
}

core::Result<void> TopicTable::set_subscription_attributes(const std::string& arn, const Attributes& attributes) {
  return tx_.exec("UPDATE sns_subscriptions SET attributes = ? WHERE arn = ?", {attributes_json(attributes), arn});
}

core::Result<bool> TopicTable::remove_subscription(const std::string& arn) {
  if (auto r = tx_.exec("DELETE FROM sns_subscriptions WHERE arn = ?", {arn}); !r) return r.failure();
  return tx_.changes() > 0;
}

core::Result<std::vector<StoredSubscription>> TopicTable::subscriptions(std::int64_t topic_id,
                                                                        const std::string& account,
                                                                        const std::string& region,
                                                                        const std::string& after, std::size_t limit) {
  std::string sql = std::string("SELECT ") + std::string(kSubscriptionColumns) +
                    " FROM sns_subscriptions s JOIN sns_topics t ON t.id = s.topic_id WHERE s.arn > ?";
  std::vector<store::Value> params{after};
  if (topic_id != 0) {
    sql += " AND s.topic_id = ?";
    params.emplace_back(topic_id);
  } else {
    sql += " AND t.account = ? AND t.region = ?";
    params.emplace_back(account);
    params.emplace_back(region);
  }
  sql += " ORDER BY s.arn LIMIT ?";
  params.emplace_back(static_cast<std::int64_t>(limit));
  auto rows = tx_.query(sql, params);
  if (!rows) return rows.failure();
  std::vector<StoredSubscription> out;
  for (const auto& r : *rows) out.push_back(subscription_from(r));
  return out;
}

core::Result<void> TopicTable::add_message(std::int64_t topic_id, const StoredMessage& m) {
  if (auto r =
          tx_.exec("INSERT INTO sns_messages (topic_id, message_id, subject, message, message_attributes, published_ms)"
                   " VALUES (?, ?, ?, ?, ?, ?)",
                   {topic_id, m.message_id, nullable(m.subject), m.message, m.message_attributes, m.published_ms});
      !r)
    return r;
  return tx_.exec(
      "DELETE FROM sns_messages WHERE topic_id = ? AND id <= (SELECT id FROM sns_messages WHERE topic_id = ?"
      " ORDER BY id DESC LIMIT 1 OFFSET ?)",
      {topic_id, topic_id, kKeptMessages});
}

core::Result<std::vector<std::pair<std::string, std::string>>> TopicTable::tags(std::int64_t topic_id) {
  auto rows = tx_.query("SELECT key, value FROM sns_tags WHERE topic_id = ? ORDER BY key", {topic_id});
  if (!rows) return rows.failure();
  std::vector<std::pair<std::string, std::string>> out;
  for (const auto& r : *rows) out.emplace_back(r.text(0), r.text(1));
  return out;
}

core::Result<void> TopicTable::put_tag(std::int64_t topic_id, const std::string& key, const std::string& value) {
  return tx_.exec(
      "INSERT INTO sns_tags (topic_id, key, value) VALUES (?, ?, ?)"
      " ON CONFLICT (topic_id, key) DO UPDATE SET value = excluded.value",
      {topic_id, key, value});
}

core::Result<void> TopicTable::remove_tag(std::int64_t topic_id, const std::string& key) {
  return tx_.exec("DELETE FROM sns_tags WHERE topic_id = ? AND key = ?", {topic_id, key});
}

core::Result<nlohmann::json> inspect_topics(store::Database& db) {
  return db.transaction<nlohmann::json>([&](store::Tx& tx) -> core::Result<nlohmann::json> {
    nlohmann::json out = nlohmann::json::object();
    auto topics =
        tx.query("SELECT id, account, region, name FROM sns_topics ORDER BY account, region, name LIMIT 1000");
    if (!topics) return topics.failure();
    for (const auto& t : *topics) {
      nlohmann::json topic{{"subscriptions", nlohmann::json::array()}, {"messages", nlohmann::json::array()}};
      auto subs = tx.query("SELECT arn, protocol, endpoint FROM sns_subscriptions WHERE topic_id = ? ORDER BY arn",
                           {t.integer(0)});
      if (!subs) return subs.failure();
      for (const auto& s : *subs)
        topic["subscriptions"].push_back({{"arn", s.text(0)}, {"protocol", s.text(1)}, {"endpoint", s.text(2)}});
      auto messages = tx.query(
          "SELECT message_id, subject, message, published_ms FROM sns_messages WHERE topic_id = ?"
          " ORDER BY id DESC LIMIT 20",
          {t.integer(0)});
      if (!messages) return messages.failure();
      for (const auto& m : *messages) {
        nlohmann::json j{{"messageId", m.text(0)}, {"message", m.text(2)}, {"publishedMs", m.integer(3)}};
        if (!m.is_null(1)) j["subject"] = m.text(1);
        topic["messages"].push_back(std::move(j));
      }
      out[t.text(1)]["topics"][t.text(2)][t.text(3)] = std::move(topic);
    }
    return out;
  });
}

}  // namespace hoplite::local::sns
