#pragma once
/// \file
/// One execution: a tree of frames (the machine, Parallel branches, Map iterations), each at one
/// state in one phase. Work happens in steps taken from a ready queue; a step advances one frame
/// until it blocks (timer, task, children) or moves to another state. Everything here is plain
/// data so that a snapshot can be written after any step and read back (snapshot.cpp).

#include <cstdint>
#include <deque>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "hoplite/sfn/engine.hpp"
#include "sfn/asl/model.hpp"
#include "sfn/query/scope.hpp"

namespace hoplite::sfn::asl {

enum class Moment { kEntered, kExited, kAborted };
/// The StateEntered / StateExited / StateAborted event of a state type.
[[nodiscard]] EventType state_event(StateType type, Moment moment);

/// An error on its way through Retry/Catch: the name matchers see and the cause.
struct StateError {
  std::optional<std::string> error;
  std::optional<std::string> cause;
};

enum class Phase {
  kEnter,       ///< about to enter `state` (StateEntered not yet written)
  kRun,         ///< entered; do the state's work (also after a retry delay)
  kWait,        ///< a Wait state sleeps until `deadline`
  kRetryDelay,  ///< sleeping until `deadline` before the next attempt
  kTask,        ///< a Task's service call is out
  kChildren,    ///< a Parallel/Map waits for its branches/iterations
  kDone,        ///< the frame finished (see Frame::outcome)
};

/// The branches of a Parallel or the iterations of a Map being run by a frame.
struct FanOut {
  bool map = false;
  bool distributed = false;
  std::size_t total = 0;
  std::size_t next_index = 0;  ///< next item to start
  std::size_t running = 0;
  std::size_t succeeded = 0;
  std::size_t failed = 0;
  std::int64_t max_concurrency = 0;  ///< 0: all at once
  std::optional<std::int64_t> tolerated_count;
  std::optional<double> tolerated_percentage;
  std::vector<int> children;          ///< frame id per branch/item, -1 when not running
  Json items;                         ///< Map: the items (array)
  Json selector_input;                ///< Map: what ItemSelector reads as `$`
  Json results;                       ///< array, one slot per branch/item
  std::int64_t last_child_event = 0;  ///< previousEventId for what follows a child's end
  std::string map_run_arn;
  std::optional<StateError> failure;  ///< the first failure that ends the fan-out
};

struct Frame {
  int id = 0;
  int parent = -1;       ///< the frame running the Parallel/Map, -1 for the machine
  std::size_t slot = 0;  ///< branch / item index in the parent
  const StateGraph* graph = nullptr;
  std::string graph_key;  ///< how a snapshot finds `graph` again: "" | "P:<state>:<branch>" | "M:<state>"
  bool silent = false;    ///< a distributed Map's item: its events belong to a child execution

  const StateNode* state = nullptr;
  Phase phase = Phase::kEnter;
  Json raw_input;  ///< the current state's raw input
  /// raw_input already written as a JSON string literal, when known (for StateEntered): the
  /// previous state's output, or the execution input as given.
  std::optional<std::string> input_literal;
  /// The plain size of input_literal when it is the compact text of raw_input (not so for the
  /// execution's input as given).
  std::optional<std::size_t> input_plain;
  /// Once entered: the compact text of raw_input as a literal (and its plain size) when it was
  /// known, so an output that is the input plus one member is written by appending the member.
  /// Not in snapshots (a restored frame writes its output in full).
  std::optional<std::string> entered_literal;
  std::size_t entered_plain = 0;
  Json effective;  ///< phase data: the effective input (Wait, Map, Parallel)
  std::int64_t entered_event = 0;
  core::TimePoint entered_time{};
  std::int64_t last_event = 0;
  std::vector<std::int64_t> retry_counts;  ///< per retrier, for this entry of the state
  std::optional<core::TimePoint> deadline;
  std::optional<core::TimePoint> heartbeat_deadline;

  // Task in flight.
  std::string task_id;
  std::string task_token;
  TaskRequest task;
  bool task_submitted = false;

  std::unique_ptr<FanOut> fan;

  // Outcome once kDone.
  bool succeeded = false;
  Json output;
  StateError error;
};

/// A report from a TaskHandle or a token API call, applied in order by the engine thread.
struct TaskReport {
  enum class Kind { kSubmitted, kSucceeded, kFailed, kHeartbeat };
  Kind kind = Kind::kSucceeded;
  std::string execution_arn;
  std::string task_id;
  std::string output;
  std::string error;
  std::string cause;
};

/// What an execution needs from its engine.
struct EngineContext {
  core::Clock& clock;
  TaskIntegration* integration;
  const std::function<std::uint64_t()>& random;
  std::shared_ptr<TaskInbox> inbox;
  const EngineOptions& options;
  /// Task token -> execution ARN, for SendTask*; executions register and drop their tokens.
  std::unordered_map<std::string, std::string>& tokens;
  /// Called before a Task's service call so the observer can persist first.
  std::function<void(class Execution&)> flush;
};

class Execution {
 public:
  Execution(EngineContext& engine, std::shared_ptr<const Definition> definition);

  /// Begins the execution (ExecutionStarted, first state queued).
  void begin(const StartRequest& request, Json input);

  ExecutionInfo info;
  std::vector<HistoryEvent> history;  ///< every event (when keep_history)
  std::vector<HistoryEvent> pending;  ///< events not yet handed to the observer

  [[nodiscard]] bool finished() const { return info.status != ExecutionStatus::running; }
  [[nodiscard]] std::optional<core::TimePoint> next_deadline() const;
  /// Fires due timers and runs ready frames. Returns events written.
  std::size_t advance();
  /// Applies a report for one of this execution's tasks (stale ones are ignored).
  void apply(const TaskReport& report);
  /// Finds the frame waiting on `token` (wait_for_task_token).
  [[nodiscard]] Frame* frame_for_token(std::string_view token);
  void stop(std::optional<std::string> error, std::optional<std::string> cause);

  [[nodiscard]] std::string snapshot() const;
  /// Rebuilds from a snapshot; false (and `why`) when it does not fit the definition.
  bool restore(const Json& snapshot, std::string* why);
  /// After restore: calls the integration again for tasks that were in flight.
  void resume_tasks();

  [[nodiscard]] const Definition& definition() const { return *definition_; }

 private:
  EngineContext& engine_;
  std::shared_ptr<const Definition> definition_;
  std::map<int, std::unique_ptr<Frame>> frames_;
  /// Frames that ended during the current step: callers up the stack may still hold references,
  /// so they are destroyed when the step is over.
  std::vector<std::unique_ptr<Frame>> graveyard_;
  std::deque<int> ready_;
  int next_frame_id_ = 0;
  std::int64_t next_event_id_ = 1;
  std::int64_t next_task_seq_ = 0;
  std::optional<core::TimePoint> timeout_at_;  ///< the machine's TimeoutSeconds
  Json execution_context_;                     ///< `$$.Execution`
  Json state_machine_context_;                 ///< `$$.StateMachine`
  std::size_t written_ = 0;

  friend struct ExecutionAccess;

  // --- frames and events (execution.cpp)
  Frame& new_frame(int parent, std::size_t slot, const StateGraph* graph, std::string graph_key, bool silent);
  void drop_frame(int id);
  /// Writes an event that follows `previous` (default: the frame's last event) and, unless
  /// `advance_last` is false, becomes the frame's last event. Silent frames write nothing.
  std::int64_t emit(Frame* f, EventType type, std::string details, std::optional<std::int64_t> previous = std::nullopt,
                    bool advance_last = true);
  void enter(Frame& f, const StateNode* state, Json input);
  void step(Frame& f);
  void transition(Frame& f, const StateNode* next, Json output, const std::string* appended = nullptr);
  void finish_frame(Frame& f, bool succeeded, Json output, StateError error);
  void end_execution(ExecutionStatus status, std::string details, std::optional<std::string> error,
                     std::optional<std::string> cause, std::optional<std::string> output);
  void abort_frame(Frame& f);
  void child_done(Frame& child);
  ContextObject context_for(const Frame& f) const;
  std::string state_prefix(const Frame& f) const;
  /// Writes `value` as the JSON string literal events hold; on a limit, fails the state with
  /// States.DataLimitExceeded and returns nullopt.
  /// `appended`: `value` is the state's raw input with this member appended (see
  /// DataFlow::appended_member), so the text is the input's plus the member's when it is known.
  /// `plain_size` receives the plain size of the text.
  std::optional<std::string> payload_text(Frame& f, const Json& value, const std::string* appended = nullptr,
                                          std::size_t* plain_size = nullptr);
  /// The member the state's output appends to its raw input (see DataFlow::appended_member) when
  /// it does so for this input and the input's text is known; else null. Call before the output
  /// is computed.
  [[nodiscard]] const std::string* appends_member(const Frame& f) const;
  void exit_state(Frame& f, Json output, const std::string* appended = nullptr);

  // --- failures (errors.cpp)
  /// A failure of the current state: Retry, then Catch, then the frame fails.
  void fail_state(Frame& f, StateError e, const Json* error_output_input = nullptr);
  /// An error raised by the interpreter itself (path, template, intrinsic): adds the state prefix.
  void runtime_failure(Frame& f, const core::Error& e);

  // --- states (states_*.cpp)
  void run_pass(Frame& f);
  void run_choice(Frame& f);
  void run_wait(Frame& f);
  void wait_done(Frame& f);
  void run_succeed(Frame& f);
  void run_fail(Frame& f);
  void run_task(Frame& f);
  void task_report(Frame& f, const TaskReport& r);
  void task_timeout(Frame& f, bool heartbeat);
  void run_parallel(Frame& f);
  void run_map(Frame& f);
  void start_children(Frame& f);
  void fan_out_done(Frame& f);
};

}  // namespace hoplite::sfn::asl
