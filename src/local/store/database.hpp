#pragma once
/// \file The local cloud's metadata store: one SQLite database in WAL mode with foreign keys on,
/// whose schema each component (a service, the accounts) versions on its own through migrations.
///
/// Durability: every acknowledged write was committed first; with WAL and `synchronous=NORMAL` a
/// commit survives the process being killed at any moment (`kill -9`). It would not survive a power
/// cut, which a local development cloud accepts in exchange for not calling fsync per request.
///
/// Concurrency: one connection, one mutex: a transaction has the database to itself. Requests are
/// short; a local cloud is not a database benchmark.
///
/// **Example**:
/// \code
///   auto db = Database::open(dir / "state.db");
///   db->migrate("sts", {{1, "CREATE TABLE sessions (id TEXT PRIMARY KEY, expires INTEGER NOT NULL)"}});
///   auto n = db->transaction<std::int64_t>([&](Tx& tx) -> core::Result<std::int64_t> {
///     if (auto ok = tx.exec("INSERT INTO sessions VALUES (?, ?)", {id, expires}); !ok) return ok.failure();
///     return tx.changes();
///   });
/// \endcode

#include <cstdint>
#include <filesystem>
#include <functional>
#include <initializer_list>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "hoplite/core/result.hpp"

struct sqlite3;
struct sqlite3_stmt;

namespace hoplite::local::store {

/// A column value: NULL, an integer, a real or text (blobs are files, see blob_store.hpp).
using Value = std::variant<std::monostate, std::int64_t, double, std::string>;

/// One result row.
struct Row {
  std::vector<Value> values;
  [[nodiscard]] bool is_null(std::size_t i) const { return std::holds_alternative<std::monostate>(values.at(i)); }
  /// Text of column `i` ("" for NULL; numbers are formatted).
  [[nodiscard]] std::string text(std::size_t i) const;
  /// Integer of column `i` (0 for NULL or text).
  [[nodiscard]] std::int64_t integer(std::size_t i) const;
  [[nodiscard]] std::optional<std::string> optional_text(std::size_t i) const;
};

/// One schema step of one component. Versions start at 1 and increase by one.
struct Migration {
  int version = 0;
  std::string sql;  ///< one or more statements, run in the migration's transaction
};

class Database;

/// The statements of one transaction. Only valid inside `Database::transaction`.
class Tx {
 public:
  /// Runs one statement with `?` parameters bound in order.
  core::Result<void> exec(std::string_view sql, std::initializer_list<Value> params = {});
  core::Result<void> exec(std::string_view sql, const std::vector<Value>& params);
  /// Every row of a query.
  core::Result<std::vector<Row>> query(std::string_view sql, std::initializer_list<Value> params = {});
  core::Result<std::vector<Row>> query(std::string_view sql, const std::vector<Value>& params);
  /// The first row, or nullopt when there is none.
  core::Result<std::optional<Row>> query_one(std::string_view sql, std::initializer_list<Value> params = {});
  /// Rows changed by the last INSERT/UPDATE/DELETE.
  [[nodiscard]] std::int64_t changes() const;

 private:
  friend class Database;
  explicit Tx(Database& db) : db_(db) {}
  Database& db_;
};

class Database {
 public:
  /// Opens (creating) the database file: WAL journal, `synchronous=NORMAL`, foreign keys on, a
  /// busy timeout. Errors: `local.store`.
  static core::Result<std::unique_ptr<Database>> open(const std::filesystem::path& file);
  ~Database();
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;

  /// Brings `component`'s schema up to its last migration, each step in its own transaction
  /// together with the new version number. A database newer than the code is an error (the data
  /// directory was written by a later hoplite).
  core::Result<void> migrate(std::string_view component, const std::vector<Migration>& migrations);
  /// The schema version of `component` (0 when it has none).
  core::Result<int> schema_version(std::string_view component);

  /// Runs `fn` between BEGIN IMMEDIATE and COMMIT; a failed result (or an exception) rolls back.
  template <typename T>
  core::Result<T> transaction(const std::function<core::Result<T>(Tx&)>& fn) {
    std::lock_guard lock(mutex_);
    if (auto b = begin(); !b) return b.failure();
    Tx tx(*this);
    try {
      core::Result<T> r = fn(tx);
      if (!r) {
        rollback();
        return r;
      }
      if (auto c = commit(); !c) return c.failure();
      return r;
    } catch (...) {
      rollback();
      throw;
    }
  }
  /// The same for work without a result.
  core::Result<void> transaction(const std::function<core::Result<void>(Tx&)>& fn);

  /// `PRAGMA integrity_check`: "ok" or SQLite's list of problems.
  core::Result<std::string> integrity_check();

 private:
  friend class Tx;
  explicit Database(sqlite3* db) : db_(db) {}
  core::Result<void> begin();
  core::Result<void> commit();
  void rollback();
  core::Result<sqlite3_stmt*> prepare(std::string_view sql);
  core::Result<std::vector<Row>> run(std::string_view sql, const Value* params, std::size_t count, bool want_rows);
  core::Failure error(std::string_view what) const;

  sqlite3* db_;
  std::recursive_mutex mutex_;
  std::map<std::string, sqlite3_stmt*, std::less<>> statements_;  ///< prepared once, reused
};

}  // namespace hoplite::local::store
