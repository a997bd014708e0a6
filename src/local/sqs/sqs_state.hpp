#pragma once
/// \file SQS's tables and the statements over them: queues per account and region (their
/// attributes as a JSON object), messages (with their visibility and receive count) and tags.
/// Deleting a queue deletes its messages and tags. Runs inside the caller's transaction.

#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "hoplite/core/result.hpp"
#include "local/sqs/sqs_attributes.hpp"
#include "local/sqs/sqs_names.hpp"
#include "local/store/database.hpp"

namespace hoplite::local::sqs {

/// Schema steps of the `sqs` component (never edit a released one: add the next).
[[nodiscard]] const std::vector<store::Migration>& migrations();

struct StoredQueue {
  std::int64_t id = 0;
  QueueRef ref;
  std::int64_t created_ms = 0;
  std::int64_t modified_ms = 0;
  std::int64_t purged_ms = 0;  ///< the last PurgeQueue (0: never)
  Attributes attributes;
};

struct StoredMessage {
  std::int64_t id = 0;
  std::string message_id;  ///< the UUID clients see
  std::string body;
  std::string message_attributes;  ///< JSON (see sqs_messages.cpp)
  std::string sender_id;
  std::int64_t sent_ms = 0;
  std::int64_t visible_ms = 0;  ///< receivable from then on
  std::int64_t receive_count = 0;
  std::optional<std::int64_t> first_receive_ms;
  std::string receipt_token;  ///< of the last receive ("" before the first)
};

class QueueTable {
 public:
  explicit QueueTable(store::Tx& tx) : tx_(tx) {}

  core::Result<std::optional<StoredQueue>> queue(const QueueRef& ref);
  core::Result<std::optional<StoredQueue>> queue_by_id(std::int64_t id);
  core::Result<std::int64_t> create(const QueueRef& ref, std::int64_t now_ms, const Attributes& attributes);
  core::Result<void> set_attributes(std::int64_t id, const Attributes& attributes, std::int64_t now_ms);
  core::Result<void> set_purged(std::int64_t id, std::int64_t now_ms);
  core::Result<void> remove(std::int64_t id);
  /// Queue names of an account and region after `after` starting with `prefix`, at most `limit`.
  core::Result<std::vector<std::string>> names(const std::string& account, const std::string& region,
                                               const std::string& after, const std::string& prefix, std::size_t limit);

  core::Result<std::int64_t> add_message(std::int64_t queue_id, const StoredMessage& m);
  /// Up to `limit` messages receivable at `now_ms`, oldest first.
  core::Result<std::vector<StoredMessage>> receivable(std::int64_t queue_id, std::int64_t now_ms, std::size_t limit);
  core::Result<std::optional<StoredMessage>> message(std::int64_t queue_id, std::int64_t id);
  core::Result<void> mark_received(std::int64_t id, std::int64_t visible_ms, const std::string& token,
                                   std::int64_t now_ms);
  core::Result<void> set_visible(std::int64_t id, std::int64_t visible_ms);
  core::Result<bool> remove_message(std::int64_t queue_id, std::int64_t id);
  core::Result<void> purge(std::int64_t queue_id);
  /// Drops messages sent before `cutoff_ms` (past the retention period).
  core::Result<void> expire(std::int64_t queue_id, std::int64_t cutoff_ms);
  /// Visible, in flight (received, not yet visible again) and delayed (never received, not yet
  /// visible) message counts.
  core::Result<std::array<std::int64_t, 3>> counts(std::int64_t queue_id, std::int64_t now_ms);

  core::Result<std::map<std::string, std::string>> tags(std::int64_t queue_id);
  core::Result<void> put_tag(std::int64_t queue_id, const std::string& key, const std::string& value);
  core::Result<void> remove_tag(std::int64_t queue_id, const std::string& key);

 private:
  store::Tx& tx_;
};

/// Queue names (with their message counts) per account and region, for /_hoplite/.
core::Result<std::map<std::string, std::map<std::string, std::map<std::string, std::int64_t>>>> queues_by_account(
    store::Database& db, std::size_t limit_per_region);

}  // namespace hoplite::local::sqs
