#include "local/store/database.hpp"

#include <sqlite3.h>

#include <utility>

namespace hoplite::local::store {

std::string Row::text(std::size_t i) const {
  const Value& v = values.at(i);
  if (const auto* s = std::get_if<std::string>(&v)) return *s;
  if (const auto* n = std::get_if<std::int64_t>(&v)) return std::to_string(*n);
  if (const auto* d = std::get_if<double>(&v)) return std::to_string(*d);
  return {};
}

std::int64_t Row::integer(std::size_t i) const {
  const Value& v = values.at(i);
  if (const auto* n = std::get_if<std::int64_t>(&v)) return *n;
  if (const auto* d = std::get_if<double>(&v)) return static_cast<std::int64_t>(*d);
  return 0;
}

std::optional<std::string> Row::optional_text(std::size_t i) const {
  if (is_null(i)) return std::nullopt;
  return text(i);
}

core::Result<void> Tx::exec(std::string_view sql, std::initializer_list<Value> params) {
  auto r = db_.run(sql, params.begin(), params.size(), false);
  if (!r) return r.failure();
  return core::ok();
}

core::Result<void> Tx::exec(std::string_view sql, const std::vector<Value>& params) {
  auto r = db_.run(sql, params.data(), params.size(), false);
  if (!r) return r.failure();
  return core::ok();
}

core::Result<std::vector<Row>> Tx::query(std::string_view sql, std::initializer_list<Value> params) {
  return db_.run(sql, params.begin(), params.size(), true);
}

core::Result<std::vector<Row>> Tx::query(std::string_view sql, const std::vector<Value>& params) {
  return db_.run(sql, params.data(), params.size(), true);
}

core::Result<std::optional<Row>> Tx::query_one(std::string_view sql, std::initializer_list<Value> params) {
  auto rows = db_.run(sql, params.begin(), params.size(), true);
  if (!rows) return rows.failure();
  if (rows->empty()) return std::optional<Row>{};
  return std::optional<Row>{std::move(rows->front())};
}

std::int64_t Tx::changes() const { return sqlite3_changes64(db_.db_); }

core::Result<std::unique_ptr<Database>> Database::open(const std::filesystem::path& file) {
  sqlite3* raw = nullptr;
  int rc =
      sqlite3_open_v2(file.c_str(), &raw, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX, nullptr);
  if (rc != SQLITE_OK) {
    std::string why = raw ? sqlite3_errmsg(raw) : sqlite3_errstr(rc);
    sqlite3_close(raw);
    return core::fail("local.store", "cannot open " + file.string() + ": " + why);
  }
  std::unique_ptr<Database> db(new Database(raw));
  sqlite3_busy_timeout(raw, 5000);
  for (const char* pragma : {"PRAGMA journal_mode=WAL", "PRAGMA synchronous=NORMAL", "PRAGMA foreign_keys=ON"}) {
    char* msg = nullptr;
    if (sqlite3_exec(raw, pragma, nullptr, nullptr, &msg) != SQLITE_OK) {
      std::string why = msg ? msg : "unknown error";
      sqlite3_free(msg);
      return core::fail("local.store", std::string(pragma) + " on " + file.string() + ": " + why);
    }
  }
  auto created = db->transaction([](Tx& tx) {
    return tx.exec("CREATE TABLE IF NOT EXISTS hoplite_schema (component TEXT PRIMARY KEY, version INTEGER NOT NULL)");
  });
  if (!created) return created.failure("opening " + file.string());
  return db;
}

Database::~Database() {
  for (auto& [sql, stmt] : statements_) sqlite3_finalize(stmt);
  sqlite3_close(db_);
}

core::Failure Database::error(std::string_view what) const {
  return core::fail(core::Error{"local.store", std::string(what) + ": " + sqlite3_errmsg(db_), 500, false, {}});
}

core::Result<void> Database::begin() {
  if (sqlite3_exec(db_, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr) != SQLITE_OK) return error("BEGIN");
  return core::ok();
}

core::Result<void> Database::commit() {
  if (sqlite3_exec(db_, "COMMIT", nullptr, nullptr, nullptr) != SQLITE_OK) {
    auto e = error("COMMIT");
    rollback();
    return e;
  }
  return core::ok();
}

void Database::rollback() { sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr); }

core::Result<void> Database::transaction(const std::function<core::Result<void>(Tx&)>& fn) {
  std::lock_guard lock(mutex_);
  if (auto b = begin(); !b) return b;
  Tx tx(*this);
  try {
    auto r = fn(tx);
    if (!r) {
      rollback();
      return r;
    }
    return commit();
  } catch (...) {
    rollback();
    throw;
  }
}

core::Result<sqlite3_stmt*> Database::prepare(std::string_view sql) {
  if (auto it = statements_.find(sql); it != statements_.end()) {
    sqlite3_reset(it->second);
    sqlite3_clear_bindings(it->second);
    return it->second;
  }
  sqlite3_stmt* stmt = nullptr;
  if (sqlite3_prepare_v2(db_, sql.data(), static_cast<int>(sql.size()), &stmt, nullptr) != SQLITE_OK)
    return error("preparing " + std::string(sql.substr(0, 60)));
  statements_.emplace(std::string(sql), stmt);
  return stmt;
}

core::Result<std::vector<Row>> Database::run(std::string_view sql, const Value* params, std::size_t count,
                                             bool want_rows) {
  auto prepared = prepare(sql);
  if (!prepared) return prepared.failure();
  sqlite3_stmt* stmt = *prepared;
  for (std::size_t i = 0; i < count; ++i) {
    int index = static_cast<int>(i) + 1;
    int rc = SQLITE_OK;
    const Value& v = params[i];
    if (const auto* n = std::get_if<std::int64_t>(&v)) {
      rc = sqlite3_bind_int64(stmt, index, *n);
    } else if (const auto* d = std::get_if<double>(&v)) {
      rc = sqlite3_bind_double(stmt, index, *d);
    } else if (const auto* s = std::get_if<std::string>(&v)) {
      rc = sqlite3_bind_text64(stmt, index, s->data(), s->size(), SQLITE_TRANSIENT, SQLITE_UTF8);
    } else {
      rc = sqlite3_bind_null(stmt, index);
    }
    if (rc != SQLITE_OK) return error("binding parameter " + std::to_string(index));
  }
  std::vector<Row> rows;
  for (;;) {
    int rc = sqlite3_step(stmt);
    if (rc == SQLITE_DONE) break;
    if (rc != SQLITE_ROW) {
      auto e = error(std::string(sql.substr(0, 60)));
      sqlite3_reset(stmt);
      return e;
    }
    if (!want_rows) continue;
    Row row;
    int columns = sqlite3_column_count(stmt);
    row.values.reserve(static_cast<std::size_t>(columns));
    for (int c = 0; c < columns; ++c) {
      switch (sqlite3_column_type(stmt, c)) {
        case SQLITE_INTEGER:
          row.values.emplace_back(static_cast<std::int64_t>(sqlite3_column_int64(stmt, c)));
          break;
        case SQLITE_FLOAT:
          row.values.emplace_back(sqlite3_column_double(stmt, c));
          break;
        case SQLITE_NULL:
          row.values.emplace_back(std::monostate{});
          break;
        default: {
          const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(stmt, c));
          row.values.emplace_back(
              std::string(text ? text : "", static_cast<std::size_t>(sqlite3_column_bytes(stmt, c))));
        }
      }
    }
    rows.push_back(std::move(row));
  }
  sqlite3_reset(stmt);
  return rows;
}

core::Result<int> Database::schema_version(std::string_view component) {
  auto v = transaction<int>([&](Tx& tx) -> core::Result<int> {
    auto row = tx.query_one("SELECT version FROM hoplite_schema WHERE component = ?", {std::string(component)});
    if (!row) return row.failure();
    return *row ? static_cast<int>((*row)->integer(0)) : 0;
  });
  return v;
}

core::Result<void> Database::migrate(std::string_view component, const std::vector<Migration>& migrations) {
  auto current = schema_version(component);
  if (!current) return current.failure();
  int latest = migrations.empty() ? 0 : migrations.back().version;
  if (*current > latest)
    return core::fail("local.store", "the state of '" + std::string(component) + "' has schema version " +
                                         std::to_string(*current) + ", newer than this hoplite knows (" +
                                         std::to_string(latest) + "): use a newer hoplite or another --data-dir");
  for (const Migration& m : migrations) {
    if (m.version <= *current) continue;
    auto applied = transaction([&](Tx& tx) -> core::Result<void> {
      // sqlite3_exec runs several statements; the migration and its version commit together.
      char* msg = nullptr;
      if (sqlite3_exec(db_, m.sql.c_str(), nullptr, nullptr, &msg) != SQLITE_OK) {
        std::string why = msg ? msg : "unknown error";
        sqlite3_free(msg);
        return core::fail("local.store",
                          "migration " + std::string(component) + " v" + std::to_string(m.version) + ": " + why);
      }
      return tx.exec(
          "INSERT INTO hoplite_schema (component, version) VALUES (?, ?) "
          "ON CONFLICT(component) DO UPDATE SET version = excluded.version",
          {std::string(component), static_cast<std::int64_t>(m.version)});
    });
    if (!applied) return applied;
  }
  return core::ok();
}

core::Result<std::string> Database::integrity_check() {
  return transaction<std::string>([](Tx& tx) -> core::Result<std::string> {
    auto rows = tx.query("PRAGMA integrity_check");
    if (!rows) return rows.failure();
    std::string out;
    for (const auto& r : *rows) out += (out.empty() ? "" : "\n") + r.text(0);
    return out;
  });
}

}  // namespace hoplite::local::store
