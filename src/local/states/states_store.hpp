#pragma once
/// \file The Step Functions service's tables: state machines, their definitions (stored once per
/// content), executions with the snapshot that restores a running one, and history events. Every
/// function runs inside the caller's transaction.

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "hoplite/core/clock.hpp"
#include "hoplite/core/result.hpp"
#include "hoplite/sfn/engine.hpp"
#include "local/store/database.hpp"

namespace hoplite::local::states {

[[nodiscard]] const std::vector<store::Migration>& migrations();

struct MachineRecord {
  std::string account;
  std::string region;
  std::string name;
  std::string arn;
  std::string type;  ///< STANDARD or EXPRESS
  std::string definition;
  std::string role_arn;
  core::TimePoint created{};
  std::string revision_id;
};

struct ExecutionRecord {
  std::string arn;
  std::string machine_arn;
  std::string name;
  std::string role_arn;
  std::string status;  ///< RUNNING, SUCCEEDED, FAILED, TIMED_OUT, ABORTED
  std::string input;
  std::optional<std::string> output;
  std::optional<std::string> error;
  std::optional<std::string> cause;
  core::TimePoint start{};
  std::optional<core::TimePoint> stop;
  std::int64_t seq = 0;  ///< the order executions were started in (ListExecutions: newest first)
};

/// A running execution as the store holds it: what restarting it takes.
struct RunningExecution {
  ExecutionRecord record;
  std::string account;
  std::string region;
  std::string definition;
  std::optional<std::string> snapshot;  ///< none until its first step was persisted
};

class StatesTable {
 public:
  explicit StatesTable(store::Tx& tx) : tx_(tx) {}

  // ---- state machines ----
  core::Result<std::optional<MachineRecord>> machine(const std::string& arn);
  core::Result<void> insert_machine(const MachineRecord& m);
  core::Result<void> update_machine(const MachineRecord& m);
  /// Removes the machine with its executions and their events.
  core::Result<void> delete_machine(const std::string& arn);
  /// Up to `limit` machines of an account and region named after `after`, by name.
  core::Result<std::vector<MachineRecord>> machines(const std::string& account, const std::string& region,
                                                    const std::string& after, std::size_t limit);

  // ---- executions ----
  core::Result<std::optional<ExecutionRecord>> execution(const std::string& arn);
  /// The definition an execution runs (the machine's definition when it started).
  core::Result<std::string> execution_definition(const std::string& arn);
  core::Result<void> insert_execution(const ExecutionRecord& e, const std::string& definition);
  /// An execution's new events and state; `snapshot` is kept while it runs and dropped after.
  core::Result<void> record_progress(const sfn::ExecutionInfo& info, std::span<const sfn::HistoryEvent> events,
                                     const std::string& snapshot);
  /// Newest first: executions of `machine_arn` started before `before_seq` (0: from the newest).
  core::Result<std::vector<ExecutionRecord>> executions(const std::string& machine_arn,
                                                        const std::optional<std::string>& status,
                                                        std::int64_t before_seq, std::size_t limit);
  /// Every RUNNING execution, oldest first.
  core::Result<std::vector<RunningExecution>> running();
  /// True when the machine has RUNNING executions.
  core::Result<bool> has_running(const std::string& machine_arn);

  // ---- history ----
  /// Up to `limit` events after `after_id` (before it when `reverse`; 0 = from the start/end).
  core::Result<std::vector<sfn::HistoryEvent>> events(const std::string& execution_arn, std::int64_t after_id,
                                                      bool reverse, std::size_t limit);
  /// The events of an execution, oldest first (for restoring it).
  core::Result<std::vector<sfn::HistoryEvent>> all_events(const std::string& execution_arn);

  /// Counts per account and region for /_hoplite/: {account: {region: {machines, executions}}}.
  core::Result<std::vector<store::Row>> counts();

 private:
  core::Result<std::string> put_definition(const std::string& text);
  store::Tx& tx_;
};

}  // namespace hoplite::local::states
