#include "local/ecs/ecs_state.hpp"

#include <cstdio>

#include "hoplite/aws/ecs_wire.hpp"
#include "local/sql_values.hpp"

namespace hoplite::local::ecs {
namespace {

using nlohmann::json;

core::Result<json> parse_doc(const std::string& text) {
  auto j = json::parse(text, nullptr, false);
  if (j.is_discarded()) return core::fail("local.store", "an ECS document in the state is not JSON");
  return j;
}

/// Sorts task definitions by family, then numerically by revision.
std::string revision_key(const std::string& family, int revision) {
  char digits[16];
  std::snprintf(digits, sizeof digits, "%010d", revision);
  return family + ":" + digits;
}

core::Result<StoredTask> task_from_row(const store::Row& r) {
  StoredTask t;
  t.scope = Scope{r.text(0), r.text(1)};
  t.id = r.text(2);
  t.cluster = r.text(3);
  auto task_doc = parse_doc(r.text(4));
  if (!task_doc) return task_doc.failure();
  auto task = aws::ecs::wire::decode_task(*task_doc);
  if (!task) return task.failure();
  t.task = std::move(*task);
  auto def_doc = parse_doc(r.text(5));
  if (!def_doc) return def_doc.failure();
  auto def = aws::ecs::wire::decode_task_definition(*def_doc);
  if (!def) return def.failure();
  t.definition = std::move(*def);
  t.endpoint = r.text(6);
  t.token = r.text(7);
  return t;
}

constexpr std::string_view kTaskColumns = "account, region, id, cluster, doc, definition, endpoint, token";

}  // namespace

const std::vector<store::Migration>& migrations() {
  static const std::vector<store::Migration> kMigrations = {
      {1,
       "CREATE TABLE ecs_clusters ("
       " account TEXT NOT NULL, region TEXT NOT NULL, name TEXT NOT NULL, status TEXT NOT NULL, doc TEXT NOT NULL,"
       " PRIMARY KEY (account, region, name)) WITHOUT ROWID;"
       "CREATE TABLE ecs_task_definitions ("
       " account TEXT NOT NULL, region TEXT NOT NULL, family TEXT NOT NULL, revision INTEGER NOT NULL,"
       " sort_key TEXT NOT NULL, status TEXT NOT NULL, doc TEXT NOT NULL, tags TEXT NOT NULL,"
       " PRIMARY KEY (account, region, family, revision)) WITHOUT ROWID;"
       "CREATE TABLE ecs_tasks ("
       " account TEXT NOT NULL, region TEXT NOT NULL, id TEXT NOT NULL, cluster TEXT NOT NULL,"
       " position TEXT NOT NULL, last_status TEXT NOT NULL, desired_status TEXT NOT NULL, family TEXT NOT NULL,"
       " started_by TEXT, doc TEXT NOT NULL, definition TEXT NOT NULL, endpoint TEXT NOT NULL, token TEXT NOT NULL,"
       " PRIMARY KEY (account, region, id)) WITHOUT ROWID;"
       "CREATE INDEX ecs_tasks_by_id ON ecs_tasks (id);"
       "CREATE INDEX ecs_tasks_by_cluster ON ecs_tasks (account, region, cluster, desired_status, position);"
       "CREATE INDEX ecs_tasks_unfinished ON ecs_tasks (last_status);"},
      {2,
       "CREATE TABLE ecs_services ("
       " account TEXT NOT NULL, region TEXT NOT NULL, cluster TEXT NOT NULL, name TEXT NOT NULL,"
       " status TEXT NOT NULL, doc TEXT NOT NULL, host TEXT NOT NULL,"
       " PRIMARY KEY (account, region, cluster, name)) WITHOUT ROWID;"
       "CREATE INDEX ecs_services_live ON ecs_services (status);"},
  };
  return kMigrations;
}

// ---- clusters ----

core::Result<std::optional<aws::ecs::Cluster>> EcsTables::cluster(const std::string& name) {
  auto row = tx_.query_one("SELECT doc FROM ecs_clusters WHERE account = ? AND region = ? AND name = ?",
                           {scope_.account, scope_.region, name});
  if (!row) return row.failure();
  if (!*row) return std::optional<aws::ecs::Cluster>{};
  auto doc = parse_doc((*row)->text(0));
  if (!doc) return doc.failure();
  auto c = aws::ecs::wire::decode_cluster_response(json{{"cluster", *doc}});
  if (!c) return c.failure();
  return std::optional<aws::ecs::Cluster>{std::move(c->cluster)};
}

core::Result<void> EcsTables::put_cluster(const aws::ecs::Cluster& c) {
  return tx_.exec(
      "INSERT INTO ecs_clusters (account, region, name, status, doc) VALUES (?, ?, ?, ?, ?)"
      " ON CONFLICT (account, region, name) DO UPDATE SET status = excluded.status, doc = excluded.doc",
      {scope_.account, scope_.region, c.cluster_name, c.status, aws::ecs::wire::encode(c).dump()});
}

core::Result<std::vector<std::string>> EcsTables::cluster_names(const std::string& after, std::size_t limit) {
  auto rows = tx_.query(
      "SELECT name FROM ecs_clusters WHERE account = ? AND region = ? AND status = 'ACTIVE' AND name > ?"
      " ORDER BY name LIMIT ?",
      {scope_.account, scope_.region, after, static_cast<std::int64_t>(limit)});
  if (!rows) return rows.failure();
  std::vector<std::string> out;
  for (const auto& r : *rows) out.push_back(r.text(0));
  return out;
}

core::Result<std::int64_t> EcsTables::count_tasks(const std::string& cluster, std::string_view last_status) {
  auto row = tx_.query_one(
      "SELECT COUNT(*) FROM ecs_tasks WHERE account = ? AND region = ? AND cluster = ? AND last_status = ?",
      {scope_.account, scope_.region, cluster, std::string(last_status)});
  if (!row) return row.failure();
  return *row ? (*row)->integer(0) : 0;
}

// ---- task definitions ----

core::Result<std::optional<aws::ecs::TaskDefinition>> EcsTables::task_definition(const std::string& family,
                                                                                 std::optional<int> revision) {
  auto row = revision ? tx_.query_one(
                            "SELECT doc FROM ecs_task_definitions WHERE account = ? AND region = ? AND family = ?"
                            " AND revision = ?",
                            {scope_.account, scope_.region, family, static_cast<std::int64_t>(*revision)})
                      : tx_.query_one(
                            "SELECT doc FROM ecs_task_definitions WHERE account = ? AND region = ? AND family = ?"
                            " AND status = 'ACTIVE' ORDER BY revision DESC LIMIT 1",
                            {scope_.account, scope_.region, family});
  if (!row) return row.failure();
  if (!*row) return std::optional<aws::ecs::TaskDefinition>{};
  auto doc = parse_doc((*row)->text(0));
  if (!doc) return doc.failure();
  auto d = aws::ecs::wire::decode_task_definition(*doc);
  if (!d) return d.failure();
  return std::optional<aws::ecs::TaskDefinition>{std::move(*d)};
}

core::Result<int> EcsTables::last_revision(const std::string& family) {
  auto row =
      tx_.query_one("SELECT MAX(revision) FROM ecs_task_definitions WHERE account = ? AND region = ? AND family = ?",
                    {scope_.account, scope_.region, family});
  if (!row) return row.failure();
  if (!*row || (*row)->is_null(0)) return 0;
  return static_cast<int>((*row)->integer(0));
}

core::Result<void> EcsTables::put_task_definition(const aws::ecs::TaskDefinition& d,
                                                  const std::vector<aws::ecs::Tag>& tags) {
  json tag_doc = json::array();
  for (const auto& t : tags) tag_doc.push_back({{"key", t.key}, {"value", t.value}});
  return tx_.exec(
      "INSERT INTO ecs_task_definitions (account, region, family, revision, sort_key, status, doc, tags)"
      " VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (account, region, family, revision) DO UPDATE SET"
      " status = excluded.status, doc = excluded.doc",
      {scope_.account, scope_.region, d.family, static_cast<std::int64_t>(d.revision),
       revision_key(d.family, d.revision), d.status, aws::ecs::wire::encode(d).dump(), tag_doc.dump()});
}

core::Result<std::vector<aws::ecs::Tag>> EcsTables::task_definition_tags(const std::string& family, int revision) {
  auto row = tx_.query_one(
      "SELECT tags FROM ecs_task_definitions WHERE account = ? AND region = ? AND family = ? AND revision = ?",
      {scope_.account, scope_.region, family, static_cast<std::int64_t>(revision)});
  if (!row) return row.failure();
  std::vector<aws::ecs::Tag> out;
  if (!*row) return out;
  auto doc = parse_doc((*row)->text(0));
  if (!doc) return doc.failure();
  for (const auto& t : *doc)
    if (t.is_object() && t.contains("key") && t["key"].is_string() && t.contains("value") && t["value"].is_string())
      out.push_back({t["key"].get<std::string>(), t["value"].get<std::string>()});
  return out;
}

core::Result<std::vector<std::pair<std::string, std::string>>> EcsTables::task_definition_arns(
    const std::string& family_prefix, std::optional<std::string_view> status, bool descending, const std::string& after,
    std::size_t limit) {
  std::string sql =
      "SELECT sort_key, family, revision FROM ecs_task_definitions WHERE account = ? AND region = ?"
      " AND substr(family, 1, ?) = ?";
  std::vector<store::Value> params{scope_.account, scope_.region, static_cast<std::int64_t>(family_prefix.size()),
                                   family_prefix};
  if (status) {
    sql += " AND status = ?";
    params.emplace_back(std::string(*status));
  }
  if (!after.empty()) {
    sql += descending ? " AND sort_key < ?" : " AND sort_key > ?";
    params.emplace_back(after);
  }
  sql += descending ? " ORDER BY sort_key DESC LIMIT ?" : " ORDER BY sort_key LIMIT ?";
  params.emplace_back(static_cast<std::int64_t>(limit));
  auto rows = tx_.query(sql, params);
  if (!rows) return rows.failure();
  std::vector<std::pair<std::string, std::string>> out;
  for (const auto& r : *rows)
    out.emplace_back(r.text(0), task_definition_arn(scope_, r.text(1), static_cast<int>(r.integer(2))));
  return out;
}

// ---- tasks ----

core::Result<std::optional<StoredTask>> EcsTables::task(const std::string& id) {
  auto row = tx_.query_one(std::string("SELECT ") + std::string(kTaskColumns) +
                               " FROM ecs_tasks WHERE account = ? AND region = ? AND id = ?",
                           {scope_.account, scope_.region, id});
  if (!row) return row.failure();
  if (!*row) return std::optional<StoredTask>{};
  auto t = task_from_row(**row);
  if (!t) return t.failure();
  return std::optional<StoredTask>{std::move(*t)};
}

core::Result<void> EcsTables::put_task(const StoredTask& t) {
  std::int64_t created = t.task.created_at ? to_millis(*t.task.created_at) : 0;
  char position[32];
  std::snprintf(position, sizeof position, "%015lld-", static_cast<long long>(created));
  return tx_.exec(
      "INSERT INTO ecs_tasks (account, region, id, cluster, position, last_status, desired_status, family,"
      " started_by, doc, definition, endpoint, token) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
      " ON CONFLICT (account, region, id) DO UPDATE SET last_status = excluded.last_status,"
      " desired_status = excluded.desired_status, doc = excluded.doc",
      {scope_.account, scope_.region, t.id, t.cluster, std::string(position) + t.id, t.task.last_status,
       t.task.desired_status, t.definition.family, nullable(t.task.started_by), aws::ecs::wire::encode(t.task).dump(),
       aws::ecs::wire::encode(t.definition).dump(), t.endpoint, t.token});
}

core::Result<std::vector<std::pair<std::string, std::string>>> EcsTables::task_ids(
    const std::string& cluster, const std::string& desired_status, const std::optional<std::string>& family,
    const std::optional<std::string>& started_by, const std::string& after, std::size_t limit) {
  std::string sql =
      "SELECT position, id FROM ecs_tasks WHERE account = ? AND region = ? AND cluster = ? AND desired_status = ?"
      " AND position > ?";
  std::vector<store::Value> params{scope_.account, scope_.region, cluster, desired_status, after};
  if (family) {
    sql += " AND family = ?";
    params.emplace_back(*family);
  }
  if (started_by) {
    sql += " AND started_by = ?";
    params.emplace_back(*started_by);
  }
  sql += " ORDER BY position LIMIT ?";
  params.emplace_back(static_cast<std::int64_t>(limit));
  auto rows = tx_.query(sql, params);
  if (!rows) return rows.failure();
  std::vector<std::pair<std::string, std::string>> out;
  for (const auto& r : *rows) out.emplace_back(r.text(0), r.text(1));
  return out;
}

// ---- services ----

core::Result<std::optional<aws::ecs::Service>> EcsTables::service(const std::string& cluster, const std::string& name) {
  auto row = tx_.query_one("SELECT doc FROM ecs_services WHERE account = ? AND region = ? AND cluster = ? AND name = ?",
                           {scope_.account, scope_.region, cluster, name});
  if (!row) return row.failure();
  if (!*row) return std::optional<aws::ecs::Service>{};
  auto doc = parse_doc((*row)->text(0));
  if (!doc) return doc.failure();
  auto s = aws::ecs::wire::decode_service(*doc);
  if (!s) return s.failure();
  return std::optional<aws::ecs::Service>{std::move(*s)};
}

core::Result<void> EcsTables::put_service(const std::string& cluster, const aws::ecs::Service& s,
                                          const std::string& host) {
  return tx_.exec(
      "INSERT INTO ecs_services (account, region, cluster, name, status, doc, host) VALUES (?, ?, ?, ?, ?, ?, ?)"
      " ON CONFLICT (account, region, cluster, name) DO UPDATE SET status = excluded.status, doc = excluded.doc",
      {scope_.account, scope_.region, cluster, s.service_name, s.status, aws::ecs::wire::encode(s).dump(), host});
}

core::Result<std::vector<std::string>> EcsTables::service_names(const std::string& cluster, const std::string& after,
                                                                std::size_t limit) {
  auto rows = tx_.query(
      "SELECT name FROM ecs_services WHERE account = ? AND region = ? AND cluster = ? AND status <> 'INACTIVE'"
      " AND name > ? ORDER BY name LIMIT ?",
      {scope_.account, scope_.region, cluster, after, static_cast<std::int64_t>(limit)});
  if (!rows) return rows.failure();
  std::vector<std::string> out;
  for (const auto& r : *rows) out.push_back(r.text(0));
  return out;
}

core::Result<std::vector<ServiceKey>> live_services(store::Tx& tx) {
  auto rows = tx.query("SELECT account, region, cluster, name, host FROM ecs_services WHERE status <> 'INACTIVE'");
  if (!rows) return rows.failure();
  std::vector<ServiceKey> out;
  for (const auto& r : *rows) out.push_back({Scope{r.text(0), r.text(1)}, r.text(2), r.text(3), r.text(4)});
  return out;
}

core::Result<std::optional<StoredTask>> task_by_id(store::Tx& tx, const std::string& id) {
  auto row = tx.query_one(std::string("SELECT ") + std::string(kTaskColumns) + " FROM ecs_tasks WHERE id = ?", {id});
  if (!row) return row.failure();
  if (!*row) return std::optional<StoredTask>{};
  auto t = task_from_row(**row);
  if (!t) return t.failure();
  return std::optional<StoredTask>{std::move(*t)};
}

core::Result<std::vector<StoredTask>> unfinished_tasks(store::Tx& tx) {
  auto rows = tx.query(std::string("SELECT ") + std::string(kTaskColumns) +
                       " FROM ecs_tasks WHERE last_status <> 'STOPPED' ORDER BY position");
  if (!rows) return rows.failure();
  std::vector<StoredTask> out;
  for (const auto& r : *rows) {
    auto t = task_from_row(r);
    if (!t) return t.failure();
    out.push_back(std::move(*t));
  }
  return out;
}

core::Result<nlohmann::json> inventory(store::Database& db) {
  return db.transaction<json>([](store::Tx& tx) -> core::Result<json> {
    json out = json::object();
    auto clusters = tx.query("SELECT account, region, name FROM ecs_clusters WHERE status = 'ACTIVE' ORDER BY 1, 2, 3");
    if (!clusters) return clusters.failure();
    for (const auto& r : *clusters) out[r.text(0)][r.text(1)]["clusters"].push_back(r.text(2));
    auto defs =
        tx.query("SELECT account, region, COUNT(*) FROM ecs_task_definitions WHERE status = 'ACTIVE' GROUP BY 1, 2");
    if (!defs) return defs.failure();
    for (const auto& r : *defs) out[r.text(0)][r.text(1)]["taskDefinitions"] = r.integer(2);
    auto tasks = tx.query("SELECT account, region, last_status, COUNT(*) FROM ecs_tasks GROUP BY 1, 2, 3");
    if (!tasks) return tasks.failure();
    for (const auto& r : *tasks) out[r.text(0)][r.text(1)]["tasks"][r.text(2)] = r.integer(3);
    return out;
  });
}

core::Result<std::string> active_cluster(EcsTables& tables, const Scope& scope,
                                         const std::optional<std::string>& reference) {
  auto name = cluster_name(scope, reference);
  if (!name) return cluster_not_found();
  auto c = tables.cluster(*name);
  if (!c) return c.failure();
  if (!*c || (*c)->status != "ACTIVE") return cluster_not_found();
  return *name;
}

}  // namespace hoplite::local::ecs
