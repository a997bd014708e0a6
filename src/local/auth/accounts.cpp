#include "local/auth/accounts.hpp"

#include <algorithm>

#include "hoplite/core/sha256.hpp"
#include "local/ids.hpp"

namespace hoplite::local::auth {
namespace {

const std::vector<store::Migration> kMigrations = {
    {1,
     "CREATE TABLE access_keys ("
     " access_key_id TEXT PRIMARY KEY,"
     " secret_access_key TEXT NOT NULL,"
     " session_token TEXT NOT NULL DEFAULT '',"
     " account_id TEXT NOT NULL,"
     " principal_arn TEXT NOT NULL,"
     " user_id TEXT NOT NULL,"
     " temporary INTEGER NOT NULL DEFAULT 0,"
     " expires_at INTEGER);"
     "CREATE INDEX access_keys_expiry ON access_keys (expires_at) WHERE expires_at IS NOT NULL;"},
};

std::int64_t epoch(core::TimePoint t) {
  return std::chrono::duration_cast<std::chrono::seconds>(t.time_since_epoch()).count();
}

/// IAM's user-name characters (`[\w+=,.@-]`), 1-64 of them.
bool is_user_name(std::string_view s) {
  return !s.empty() && s.size() <= 64 && std::all_of(s.begin(), s.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           std::string_view("+=,.@_-").find(c) != std::string_view::npos;
  });
}

/// An IAM user's id: `AIDA` and 17 of IAM's id characters, the same for the same user every time
/// the key is registered (IAM keeps a user's id for the user's life).
std::string user_id_of(const std::string& account_id, const std::string& user_name) {
  static constexpr std::string_view kAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  std::string hash = core::sha256(account_id + "/" + user_name), out = "AIDA";
  for (std::size_t i = 0; i < 17; ++i) out += kAlphabet[static_cast<unsigned char>(hash[i]) % kAlphabet.size()];
  return out;
}

}  // namespace

bool is_account_id(std::string_view s) {
  return s.size() == 12 && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

core::Result<Accounts> Accounts::open(store::Database& db) {
  if (auto m = db.migrate("accounts", kMigrations); !m) return m.failure();
  Accounts accounts(db);
  auto existing = accounts.find(kDefaultAccessKey);
  if (!existing) return existing.failure();
  if (!*existing) {
    if (auto r = accounts.register_key(kDefaultAccessKey, kDefaultSecret, kDefaultAccount); !r) return r.failure();
  }
  return accounts;
}

core::Result<void> Accounts::register_key(const std::string& id, const std::string& secret,
                                          const std::string& account_id, const std::string& session_token,
                                          const std::string& user_name) {
  if (id.empty() || id.size() > 128 || secret.empty() || secret.size() > 256)
    return core::fail("local.accounts", "an access key id needs 1-128 characters and a secret 1-256");
  if (!is_account_id(account_id)) return core::fail("local.accounts", "an account id is 12 digits: " + account_id);
  if (!user_name.empty() && !is_user_name(user_name))
    return core::fail("local.accounts", "an IAM user name is 1-64 of A-Za-z0-9+=,.@_-");
  std::string arn = "arn:aws:iam::" + account_id + (user_name.empty() ? ":root" : ":user/" + user_name);
  std::string user_id = user_name.empty() ? account_id : user_id_of(account_id, user_name);
  return db_->transaction([&](store::Tx& tx) {
    return tx.exec(
        "INSERT INTO access_keys (access_key_id, secret_access_key, session_token, account_id, principal_arn, user_id) "
        "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(access_key_id) DO UPDATE SET"
        " secret_access_key = excluded.secret_access_key, session_token = excluded.session_token,"
        " account_id = excluded.account_id, principal_arn = excluded.principal_arn, user_id = excluded.user_id,"
        " temporary = 0, expires_at = NULL",
        {id, secret, session_token, account_id, arn, user_id});
  });
}

core::Result<std::optional<AccessKey>> Accounts::find(const std::string& id) {
  return db_->transaction<std::optional<AccessKey>>([&](store::Tx& tx) -> core::Result<std::optional<AccessKey>> {
    auto row = tx.query_one(
        "SELECT access_key_id, secret_access_key, session_token, account_id, principal_arn, user_id, temporary,"
        " expires_at FROM access_keys WHERE access_key_id = ?",
        {id});
    if (!row) return row.failure();
    if (!*row) return std::optional<AccessKey>{};
    const store::Row& r = **row;
    AccessKey k;
    k.id = r.text(0);
    k.secret = r.text(1);
    k.session_token = r.text(2);
    k.principal = Principal{r.text(3), r.text(4), r.text(5), k.id, r.integer(6) != 0};
    if (!r.is_null(7)) k.expires = core::TimePoint{} + std::chrono::seconds(r.integer(7));
    return std::optional<AccessKey>{std::move(k)};
  });
}

core::Result<AccessKey> Accounts::issue_temporary(Principal principal, core::TimePoint expires) {
  AccessKey k;
  k.id = "ASIA" + random_upper_alnum(16);
  k.secret = random_base64ish(40);
  // AWS session tokens are long opaque base64 strings; clients must not assume a length.
  k.session_token = "IQoJb3JpZ2luX2Vj" + random_base64ish(340);
  k.expires = std::chrono::time_point_cast<std::chrono::seconds>(expires);
  principal.access_key_id = k.id;
  principal.temporary = true;
  k.principal = std::move(principal);
  auto saved = db_->transaction([&](store::Tx& tx) {
    return tx.exec(
        "INSERT INTO access_keys (access_key_id, secret_access_key, session_token, account_id, principal_arn,"
        " user_id, temporary, expires_at) VALUES (?, ?, ?, ?, ?, ?, 1, ?)",
        {k.id, k.secret, k.session_token, k.principal.account_id, k.principal.arn, k.principal.user_id,
         epoch(*k.expires)});
  });
  if (!saved) return saved.failure();
  return k;
}

core::Result<void> Accounts::purge_expired(core::TimePoint now) {
  return db_->transaction([&](store::Tx& tx) {
    return tx.exec("DELETE FROM access_keys WHERE temporary = 1 AND expires_at < ?", {epoch(now)});
  });
}

core::Result<std::map<std::string, Accounts::KeyCounts>> Accounts::counts(core::TimePoint now) {
  using Out = std::map<std::string, KeyCounts>;
  return db_->transaction<Out>([&](store::Tx& tx) -> core::Result<Out> {
    auto rows = tx.query(
        "SELECT account_id, SUM(temporary = 0), SUM(temporary = 1) FROM access_keys"
        " WHERE temporary = 0 OR expires_at >= ? GROUP BY account_id ORDER BY account_id",
        {epoch(now)});
    if (!rows) return rows.failure();
    Out out;
    for (const auto& r : *rows) out[r.text(0)] = KeyCounts{r.integer(1), r.integer(2)};
    return out;
  });
}

}  // namespace hoplite::local::auth
