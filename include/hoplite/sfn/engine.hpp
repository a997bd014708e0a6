#pragma once
/// \file
/// The Step Functions interpreter: runs executions of checked definitions, event-driven, with no
/// thread of its own and none per execution. Whoever owns the engine drives it:
///
/// \code
///   sfn::Engine engine({.clock = &clock, .integration = &services, .wake = [&] { cv.notify_one(); }});
///   auto arn = engine.start({.definition = def, .state_machine_arn = sm, .name = "run-1", .input = "{}"});
///   for (;;) {                       // the owner's loop (the local cloud runs one such thread)
///     engine.run();                  // everything that is ready now: completions, due timers
///     wait_until(engine.next_deadline(), or a wake());
///   }
/// \endcode
///
/// Time comes only from `clock`: with a fake clock a one-hour Wait takes no time (advance the clock
/// to next_deadline() and run()). Every method but TaskHandle's must be called from one thread at
/// a time; TaskHandle may be used from any thread.
///
/// Durability: with an `observer`, new history events are handed over together with a snapshot of
/// the execution (JSON text) taken after them; persisting both atomically and calling
/// restore() after a crash continues the execution from the last snapshot. In-flight tasks are
/// started again with `TaskRequest::resumed` set (see docs/sfn.md, "Embedding the interpreter").

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "hoplite/core/clock.hpp"
#include "hoplite/core/result.hpp"
#include "hoplite/sfn/history.hpp"
#include "hoplite/sfn/integration.hpp"

namespace hoplite::sfn {

class Definition;

/// An execution's status, as DescribeExecution reports it.
enum class ExecutionStatus { running, succeeded, failed, timed_out, aborted };

/// `RUNNING`, `SUCCEEDED`, `FAILED`, `TIMED_OUT`, `ABORTED`.
[[nodiscard]] const char* to_string(ExecutionStatus status);

/// What DescribeExecution shows.
struct ExecutionInfo {
  std::string execution_arn;                          ///< `arn:aws:states:REGION:ACCOUNT:execution:MACHINE:NAME`
  std::string name;                                   ///< the execution's name (the ARN's last part)
  std::string state_machine_arn;                      ///< the machine it runs
  std::string role_arn;                               ///< the role given at start
  ExecutionStatus status = ExecutionStatus::running;  ///< RUNNING until the execution ends
  core::TimePoint start_date{};                       ///< when start() ran (the engine's clock)
  std::optional<core::TimePoint> stop_date;           ///< when the execution ended; none while running
  std::string input;                                  ///< JSON text as given to start()
  std::optional<std::string> output;                  ///< JSON text, when SUCCEEDED
  std::optional<std::string> error;                   ///< when FAILED / TIMED_OUT / ABORTED and known
  std::optional<std::string> cause;                   ///< the error's cause text, when known
};

/// Sees each execution's progress: new events and a snapshot to persist with them.
class ExecutionObserver {
 public:
  virtual ~ExecutionObserver() = default;
  /// Called when an execution that added events stops for now (waits on a timer, a task or its
  /// children, or ended) and before a Task's service is called, so a crash never loses a request
  /// that was made. `snapshot` restores the execution as of `events.back()`.
  virtual void on_progress(const ExecutionInfo& info, std::span<const HistoryEvent> events,
                           const std::string& snapshot) = 0;
};

/// What an Engine needs: its clock, the Task integrations, an observer, ARN parts and limits.
struct EngineOptions {
  core::Clock* clock = nullptr;            ///< required: all time comes from here
  TaskIntegration* integration = nullptr;  ///< Task states fail with States.TaskFailed when null
  ExecutionObserver* observer = nullptr;   ///< default: none (no snapshots are made)
  std::string region = "us-east-1";        ///< for ARNs and TaskScheduled's `region`
  std::string account = "000000000000";    ///< for ARNs
  std::function<std::uint64_t()>
      random;                  ///< States.UUID, MathRandom, task tokens, jitter; default: random_device-seeded
  std::function<void()> wake;  ///< called (any thread) when a TaskHandle report arrives; default: none
  std::size_t max_history_events = 25000;  ///< AWS's limit; the execution fails beyond it
  bool keep_history = true;                ///< keep every event in memory for history()
};

/// What StartExecution gives: the definition, the ARNs, the name and the input.
struct StartRequest {
  std::shared_ptr<const Definition> definition;  ///< required
  std::string state_machine_arn;                 ///< `arn:aws:states:REGION:ACCOUNT:stateMachine:NAME`
  std::string name;                              ///< execution name (ARN suffix); required
  std::string input = "{}";                      ///< JSON text, at most 256 KiB
  std::string role_arn;                          ///< shown in ExecutionStarted and `$$.Execution.RoleArn`
};

/// The Step Functions interpreter (see the file comment): runs executions of checked definitions on
/// an injected clock, calling Task integrations and recording the history AWS would.
class Engine {
 public:
  /// An engine with these options (`options.clock` is required and must outlive it).
  explicit Engine(EngineOptions options);
  ~Engine();
  Engine(const Engine&) = delete;
  Engine& operator=(const Engine&) = delete;

  /// Starts an execution and returns its ARN. Errors: `InvalidExecutionInput` (not JSON, too
  /// large), `InvalidName`, `ExecutionAlreadyExists` (a running execution has this ARN).
  [[nodiscard]] core::Result<std::string> start(StartRequest request);

  /// Continues an execution from a snapshot handed to the observer (after a crash). `history`
  /// is the events persisted with it (kept for history(); may be empty).
  [[nodiscard]] core::Result<std::string> restore(std::shared_ptr<const Definition> definition,
                                                  std::string_view snapshot, std::vector<HistoryEvent> history = {});

  /// Does everything that is ready at clock->now(): reported task outcomes, due timers, and the
  /// states they unblock. Returns the number of history events written.
  std::size_t run();

  /// When the next timer is due (a Wait, a retry delay, a timeout); nullopt when nothing waits
  /// on time. Reports from TaskHandles come in between, announced by `wake`.
  [[nodiscard]] std::optional<core::TimePoint> next_deadline() const;

  /// StopExecution: the execution ends ABORTED (ExecutionAborted); running tasks are cancelled.
  /// Error `ExecutionDoesNotExist`; stopping a finished execution does nothing.
  core::Result<bool> stop(std::string_view execution_arn, std::optional<std::string> error = std::nullopt,
                          std::optional<std::string> cause = std::nullopt);

  ///@{
  /// SendTaskSuccess / SendTaskFailure / SendTaskHeartbeat. Errors: `InvalidToken` (unknown
  /// token), `InvalidOutput` (output not JSON or too large).
  core::Result<bool> send_task_success(std::string_view token, std::string output_json);
  core::Result<bool> send_task_failure(std::string_view token, std::string error, std::string cause);
  core::Result<bool> send_task_heartbeat(std::string_view token);
  ///@}

  /// DescribeExecution; nullptr for an unknown ARN.
  [[nodiscard]] const ExecutionInfo* describe(std::string_view execution_arn) const;
  /// GetExecutionHistory, oldest first (empty when keep_history is off or the ARN is unknown).
  [[nodiscard]] const std::vector<HistoryEvent>& history(std::string_view execution_arn) const;
  /// Drops a finished execution from memory (the owner keeps its record elsewhere).
  void forget(std::string_view execution_arn);

  struct Impl;

 private:
  std::unique_ptr<Impl> impl_;
};

}  // namespace hoplite::sfn
