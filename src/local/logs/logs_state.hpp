#pragma once
/// \file CloudWatch Logs' tables and the statements over them: log groups per account and region,
/// their streams, events (ordered by timestamp, then arrival) and tags. Deleting a group deletes
/// its streams, events and tags (foreign keys). Runs inside the caller's transaction.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "hoplite/core/result.hpp"
#include "local/logs/logs_names.hpp"
#include "local/store/database.hpp"

namespace hoplite::local::logs {

/// Schema steps of the `logs` component (never edit a released one: add the next).
[[nodiscard]] const std::vector<store::Migration>& migrations();

struct StoredGroup {
  std::int64_t id = 0;
  std::string name;
  std::int64_t created_ms = 0;
  std::optional<std::int64_t> retention_days;
  std::optional<std::string> kms_key_id;
  std::int64_t stored_bytes = 0;  ///< the sum of its streams'
};

struct StoredStream {
  std::int64_t id = 0;
  std::string name;
  std::int64_t created_ms = 0;
  std::optional<std::int64_t> first_event_ms;
  std::optional<std::int64_t> last_event_ms;
  std::optional<std::int64_t> last_ingestion_ms;
  std::int64_t stored_bytes = 0;
};

struct StoredEvent {
  EventKey key;
  std::int64_t stream_id = 0;
  std::int64_t ingestion_ms = 0;
  std::string message;
};

/// Which events a read wants: after `after` (exclusive) or before `before` (exclusive), within
/// `[start_ms, end_ms)`.
struct EventRange {
  std::optional<std::int64_t> start_ms;
  std::optional<std::int64_t> end_ms;
};

/// The statements of one transaction, scoped to an account and a region.
class LogsTable {
 public:
  LogsTable(store::Tx& tx, std::string account, std::string region)
      : tx_(tx), account_(std::move(account)), region_(std::move(region)) {}

  core::Result<std::optional<StoredGroup>> group(const std::string& name);
  core::Result<void> create_group(const std::string& name, std::int64_t created_ms,
                                  const std::optional<std::string>& kms_key_id);
  core::Result<void> delete_group(std::int64_t id);
  core::Result<void> set_retention(std::int64_t id, std::optional<std::int64_t> days);
  /// Groups named after `after` starting with `prefix`, in name order, at most `limit`.
  core::Result<std::vector<StoredGroup>> groups(const std::string& after, const std::string& prefix, std::size_t limit);

  core::Result<std::optional<StoredStream>> stream(std::int64_t group_id, const std::string& name);
  core::Result<void> create_stream(std::int64_t group_id, const std::string& name, std::int64_t created_ms);
  core::Result<void> delete_stream(std::int64_t id);
  /// Every stream of a group in name order (the caller pages and sorts; a group's streams are few).
  core::Result<std::vector<StoredStream>> streams(std::int64_t group_id);

  /// Appends events (already checked and in order) to a stream and updates its summary.
  core::Result<void> append(std::int64_t group_id, const StoredStream& stream, const std::vector<StoredEvent>& events,
                            std::int64_t ingestion_ms);
  /// At most `limit` events of a stream after `after`, oldest first.
  core::Result<std::vector<StoredEvent>> events_after(std::int64_t stream_id, EventKey after, const EventRange& range,
                                                      std::size_t limit);
  /// At most `limit` events of a stream before `before`, oldest first (the newest `limit` of them).
  core::Result<std::vector<StoredEvent>> events_before(std::int64_t stream_id, EventKey before, const EventRange& range,
                                                       std::size_t limit);
  /// At most `limit` events of a whole group after `after`, oldest first.
  core::Result<std::vector<StoredEvent>> group_events_after(std::int64_t group_id, EventKey after,
                                                            const EventRange& range, std::size_t limit);

  core::Result<std::map<std::string, std::string>> tags(std::int64_t group_id);
  core::Result<void> put_tag(std::int64_t group_id, const std::string& key, const std::string& value);
  core::Result<void> remove_tag(std::int64_t group_id, const std::string& key);

 private:
  store::Tx& tx_;
  std::string account_;
  std::string region_;
};

}  // namespace hoplite::local::logs
