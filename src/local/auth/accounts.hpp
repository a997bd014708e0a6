#pragma once
/// \file Accounts and access keys the local cloud accepts. Out of the box: account `000000000000`
/// with the key pair `test`/`test` (the convention LocalStack users have in their scripts); more
/// long-term keys can be registered (`hoplite local up --credentials ID:SECRET[:ACCOUNT[:USER]]`), and STS
/// AssumeRole issues temporary ones. Stored in the state database, so they survive restarts; the
/// secrets are there because verifying SigV4 needs them — they are never logged or returned.

#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <string>

#include "hoplite/core/clock.hpp"
#include "hoplite/core/result.hpp"
#include "local/store/database.hpp"

namespace hoplite::local::auth {

/// Who is calling, once the signature checked out.
struct Principal {
  std::string account_id;     ///< 12 digits
  std::string arn;            ///< `arn:aws:iam::000000000000:root`, or `arn:aws:sts::…:assumed-role/R/S`
  std::string user_id;        ///< what GetCallerIdentity calls UserId (the account id for root)
  std::string access_key_id;  ///< the key the request was signed with
  bool temporary = false;     ///< temporary (AssumeRole) credentials
};

/// A key the server knows.
struct AccessKey {
  std::string id;
  std::string secret;
  std::string session_token;               ///< temporary keys only; "" otherwise
  std::optional<core::TimePoint> expires;  ///< temporary keys only
  Principal principal;
};

/// The default account and key pair.
inline constexpr const char* kDefaultAccount = "000000000000";
inline constexpr const char* kDefaultAccessKey = "test";
inline constexpr const char* kDefaultSecret = "test";

/// True for exactly 12 digits.
[[nodiscard]] bool is_account_id(std::string_view s);

class Accounts {
 public:
  /// Creates its tables (migrations of component `accounts`) and the default `test` key.
  static core::Result<Accounts> open(store::Database& db);

  /// Registers (or replaces) a key for the root of `account_id`, or for its IAM user `user_name`.
  /// With a `session_token`, requests must carry it (as with temporary credentials, but without
  /// expiry).
  core::Result<void> register_key(const std::string& id, const std::string& secret, const std::string& account_id,
                                  const std::string& session_token = {}, const std::string& user_name = {});
  /// The key with this id, if known (expired temporary keys included: callers check `expires`).
  core::Result<std::optional<AccessKey>> find(const std::string& id);
  /// New temporary credentials for `principal` (its arn and user id), valid until `expires`:
  /// an `ASIA…` id, a 40-character secret and a session token.
  core::Result<AccessKey> issue_temporary(Principal principal, core::TimePoint expires);
  /// Forgets temporary keys that expired before `now`.
  core::Result<void> purge_expired(core::TimePoint now);
  /// Per account: how many long-term and unexpired temporary keys it has, for the inspection page.
  struct KeyCounts {
    std::int64_t long_term = 0;
    std::int64_t temporary = 0;
  };
  core::Result<std::map<std::string, KeyCounts>> counts(core::TimePoint now);

 private:
  explicit Accounts(store::Database& db) : db_(&db) {}
  store::Database* db_;
};

}  // namespace hoplite::local::auth
