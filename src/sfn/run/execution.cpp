// The execution's frames, its step loop, state transitions and history events.
#include "sfn/run/execution.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "hoplite/core/time_format.hpp"
#include "sfn/run/details.hpp"
#include "sfn/run/task_inbox.hpp"

namespace hoplite::sfn::asl {
namespace {}  // namespace

Execution::Execution(EngineContext& engine, std::shared_ptr<const Definition> definition)
    : engine_(engine), definition_(std::move(definition)) {}

void Execution::begin(const StartRequest& request, Json input) {
  const core::TimePoint now = engine_.clock.now();
  info.state_machine_arn = request.state_machine_arn;
  info.name = request.name;
  info.role_arn = request.role_arn;
  info.input = request.input;
  info.start_date = now;
  // arn:aws:states:REGION:ACCOUNT:stateMachine:NAME -> ...:execution:NAME:EXECUTION
  std::string machine_name = request.state_machine_arn.substr(request.state_machine_arn.rfind(':') + 1);
  std::string prefix = request.state_machine_arn.substr(0, request.state_machine_arn.rfind(':'));
  prefix = prefix.substr(0, prefix.rfind(':'));
  info.execution_arn = fmt::format("{}:execution:{}:{}", prefix, machine_name, request.name);
  execution_context_ = Json::object();
  execution_context_["Id"] = info.execution_arn;
  execution_context_["Input"] = input;
  execution_context_["StartTime"] = core::format_iso8601_millis(now);
  execution_context_["Name"] = request.name;
  execution_context_["RoleArn"] = request.role_arn;
  execution_context_["RedriveCount"] = 0;
  state_machine_context_ = Json{{"Id", request.state_machine_arn}, {"Name", machine_name}};
  if (definition_->timeout_seconds) timeout_at_ = now + std::chrono::seconds(*definition_->timeout_seconds);

  if (engine_.options.keep_history) history.reserve(32);
  emit(nullptr, EventType::ExecutionStarted,
       Details().payload("input", request.input).str("roleArn", request.role_arn).done(), 0);
  Frame& root = new_frame(-1, 0, definition_->root.get(), "", false);
  root.last_event = 0;  // AWS: the first state's StateEntered follows event 0, not ExecutionStarted
  enter(root, definition_->root->start, std::move(input));
  root.input_literal = literal(request.input);  // AWS shows the first state the input text as given
}

Frame& Execution::new_frame(int parent, std::size_t slot, const StateGraph* graph, std::string graph_key, bool silent) {
  auto f = std::make_unique<Frame>();
  f->id = next_frame_id_++;
  f->parent = parent;
  f->slot = slot;
  f->graph = graph;
  f->graph_key = std::move(graph_key);
  f->silent = silent;
  Frame& ref = *f;
  frames_.emplace(ref.id, std::move(f));
  return ref;
}

void Execution::drop_frame(int id) {
  auto it = frames_.find(id);
  if (it == frames_.end()) return;
  graveyard_.push_back(std::move(it->second));
  frames_.erase(it);
}

EventType state_event(StateType type, Moment moment) {
  static constexpr EventType kEvents[][3] = {
      {EventType::PassStateEntered, EventType::PassStateExited, EventType::PassStateExited},
      {EventType::TaskStateEntered, EventType::TaskStateExited, EventType::TaskStateAborted},
      {EventType::ChoiceStateEntered, EventType::ChoiceStateExited, EventType::ChoiceStateExited},
      {EventType::WaitStateEntered, EventType::WaitStateExited, EventType::WaitStateAborted},
      {EventType::SucceedStateEntered, EventType::SucceedStateExited, EventType::SucceedStateExited},
      {EventType::FailStateEntered, EventType::FailStateEntered, EventType::FailStateEntered},
      {EventType::ParallelStateEntered, EventType::ParallelStateExited, EventType::ParallelStateAborted},
      {EventType::MapStateEntered, EventType::MapStateExited, EventType::MapStateAborted},
  };
  return kEvents[static_cast<int>(type)][static_cast<int>(moment)];
}

std::int64_t Execution::emit(Frame* f, EventType type, std::string details, std::optional<std::int64_t> previous,
                             bool advance_last) {
  if (f != nullptr && f->silent) return 0;
  const std::int64_t id = next_event_id_++;
  HistoryEvent ev;
  ev.id = id;
  ev.previous_event_id = previous ? *previous : (f ? f->last_event : id - 1);
  ev.timestamp = engine_.clock.now();
  ev.type = type;
  ev.details = std::move(details);
  if (f != nullptr && advance_last) f->last_event = id;
  ++written_;
  if (engine_.options.observer != nullptr) pending.push_back(ev);
  if (engine_.options.keep_history) history.push_back(std::move(ev));
  return id;
}

void Execution::enter(Frame& f, const StateNode* state, Json input) {
  f.state = state;
  f.phase = Phase::kEnter;
  f.raw_input = std::move(input);
  f.input_literal.reset();
  f.input_plain.reset();
  f.entered_literal.reset();
  f.effective = Json();
  f.retry_counts.assign(state->retriers.size(), 0);
  f.deadline.reset();
  f.heartbeat_deadline.reset();
  f.fan.reset();
  ready_.push_back(f.id);
}

std::string Execution::state_prefix(const Frame& f) const {
  return fmt::format("An error occurred while executing the state '{}' (entered at the event id #{}). ", f.state->name,
                     f.entered_event);
}

ContextObject Execution::context_for(const Frame& f) const {
  ContextObject c;
  c.execution = &execution_context_;
  c.state_machine = &state_machine_context_;
  if (f.state) c.state_name = f.state->name;
  c.entered_time = f.entered_time;
  c.task_token = f.task_token;
  return c;
}

const std::string* Execution::appends_member(const Frame& f) const {
  if (!f.entered_literal) return nullptr;
  const std::string* key = f.state->flow->appended_member();
  if (key == nullptr || !f.raw_input.is_object() || f.raw_input.contains(*key)) return nullptr;
  return key;
}

std::optional<std::string> Execution::payload_text(Frame& f, const Json& value, const std::string* appended,
                                                   std::size_t* plain_size) {
  if (appended != nullptr && f.entered_literal && value.is_object() && !value.empty()) {
    const auto& last = value.get_ref<const Json::object_t&>().back();
    if (last.first == *appended) {
      // The input's text with the member appended: the same text as writing it all, without
      // writing the input again (a ResultPath `$.x` machine's outputs grow state by state).
      std::string text = std::move(*f.entered_literal);
      std::size_t plain = f.entered_plain;
      f.entered_literal.reset();
      if (append_member_literal(text, plain, last.first, last.second, WriteLimits{})) {
        if (plain_size != nullptr) *plain_size = plain;
        return text;
      }
      // Over a limit: the full write below fails the state the usual way.
    }
  }
  std::string text;
  if (write_json_literal(text, value, WriteLimits{}, plain_size)) return text;
  fail_state(f, StateError{"States.DataLimitExceeded",
                           fmt::format("The state/task '{}' returned a result with a size exceeding the maximum "
                                       "number of bytes service limit.",
                                       f.state->name)});
  return std::nullopt;
}

void Execution::step(Frame& f) {
  if (f.phase == Phase::kEnter) {
    std::string input;
    std::optional<std::size_t> plain = f.input_plain;
    if (f.input_literal) {
      input = std::move(*f.input_literal);
    } else {
      std::size_t written = 0;
      (void)write_json_literal(input, f.raw_input, WriteLimits{.max_bytes = SIZE_MAX, .max_depth = SIZE_MAX}, &written);
      plain = written;
    }
    f.input_literal.reset();
    f.input_plain.reset();
    f.entered_time = engine_.clock.now();
    f.entered_event = emit(&f, state_event(f.state->type, Moment::kEntered),
                           Details().payload_literal("input", input).str("name", f.state->name).done());
    if (plain) {
      f.entered_literal = std::move(input);
      f.entered_plain = *plain;
    }
    f.phase = Phase::kRun;
  }
  if (f.phase != Phase::kRun) return;
  switch (f.state->type) {
    case StateType::kPass:
      return run_pass(f);
    case StateType::kChoice:
      return run_choice(f);
    case StateType::kWait:
      return run_wait(f);
    case StateType::kSucceed:
      return run_succeed(f);
    case StateType::kFail:
      return run_fail(f);
    case StateType::kTask:
      return run_task(f);
    case StateType::kParallel:
      return run_parallel(f);
    case StateType::kMap:
      return run_map(f);
  }
}

void Execution::exit_state(Frame& f, Json output, const std::string* appended) {
  transition(f, f.state->end ? nullptr : f.state->next, std::move(output), appended);
}

void Execution::transition(Frame& f, const StateNode* next, Json output, const std::string* appended) {
  std::size_t plain = 0;
  auto written = payload_text(f, output, appended, &plain);
  if (!written) return;
  f.entered_literal.reset();
  emit(&f, state_event(f.state->type, Moment::kExited),
       Details().str("name", f.state->name).payload_literal("output", *written).done());
  if (next == nullptr) {
    f.input_literal = std::move(written);  // the execution's output, if this frame is the machine
    return finish_frame(f, true, std::move(output), {});
  }
  enter(f, next, std::move(output));
  f.input_literal = std::move(written);  // the next state's input is this output: written once
  f.input_plain = plain;
}

void Execution::finish_frame(Frame& f, bool succeeded, Json output, StateError error) {
  f.phase = Phase::kDone;
  f.succeeded = succeeded;
  f.output = std::move(output);
  f.error = std::move(error);
  if (f.parent >= 0) return child_done(f);
  if (succeeded) {
    std::string literal_text;
    if (f.input_literal) {
      literal_text = std::move(*f.input_literal);  // the last state's output, already written
    } else {
      (void)write_json_literal(literal_text, f.output, WriteLimits{.max_bytes = SIZE_MAX, .max_depth = SIZE_MAX});
    }
    std::string plain_text = plain_of_literal(literal_text);
    end_execution(ExecutionStatus::succeeded, Details().payload_literal("output", literal_text).done(), std::nullopt,
                  std::nullopt, std::move(plain_text));
  } else {
    Details d;
    if (f.error.cause) d.str("cause", *f.error.cause);
    if (f.error.error) d.str("error", *f.error.error);
    end_execution(ExecutionStatus::failed, d.done(), f.error.error, f.error.cause, std::nullopt);
  }
}

void Execution::end_execution(ExecutionStatus status, std::string details, std::optional<std::string> error,
                              std::optional<std::string> cause, std::optional<std::string> output) {
  if (finished()) return;
  EventType event = status == ExecutionStatus::succeeded   ? EventType::ExecutionSucceeded
                    : status == ExecutionStatus::failed    ? EventType::ExecutionFailed
                    : status == ExecutionStatus::timed_out ? EventType::ExecutionTimedOut
                                                           : EventType::ExecutionAborted;
  // Follows the last event written, whichever frame wrote it.
  emit(nullptr, event, std::move(details), next_event_id_ - 1);
  info.status = status;
  info.stop_date = engine_.clock.now();
  info.output = std::move(output);
  // DescribeExecution shows no error for a timeout (the ExecutionTimedOut event has it).
  if (status != ExecutionStatus::timed_out) {
    info.error = std::move(error);
    info.cause = std::move(cause);
  }
  // Whatever still runs stops without events of its own.
  for (auto& [id, frame] : frames_) {
    if (frame->phase == Phase::kTask && engine_.integration) engine_.integration->cancel(frame->task);
    if (!frame->task_token.empty()) engine_.tokens.erase(frame->task_token);
  }
  for (auto& [id, frame] : frames_) graveyard_.push_back(std::move(frame));
  frames_.clear();
  ready_.clear();
}

void Execution::abort_frame(Frame& f) {
  // Recursion follows Parallel/Map nesting, which the reader caps.
  if (f.fan) {
    for (int child : f.fan->children)
      if (auto it = frames_.find(child); it != frames_.end()) abort_frame(*it->second);
  }
  if (f.phase == Phase::kTask) {
    if (engine_.integration) engine_.integration->cancel(f.task);
    if (!f.task_token.empty()) engine_.tokens.erase(f.task_token);
  }
  const bool in_progress = f.phase == Phase::kTask || f.phase == Phase::kWait || f.phase == Phase::kChildren ||
                           f.phase == Phase::kRetryDelay;
  if (in_progress && f.state && f.state->type != StateType::kPass && f.state->type != StateType::kChoice)
    emit(&f, state_event(f.state->type, Moment::kAborted), "");
  drop_frame(f.id);
}

std::optional<core::TimePoint> Execution::next_deadline() const {
  std::optional<core::TimePoint> best = timeout_at_;
  if (finished()) return std::nullopt;
  for (const auto& [id, f] : frames_) {
    for (const auto& d : {f->deadline, f->heartbeat_deadline})
      if (d && (!best || *d < *best)) best = d;
  }
  return best;
}

std::size_t Execution::advance() {
  const std::size_t before = written_;
  if (finished()) return 0;
  const core::TimePoint now = engine_.clock.now();
  if (timeout_at_ && now >= *timeout_at_) {
    end_execution(ExecutionStatus::timed_out, Details().str("error", "States.Timeout").done(), "States.Timeout",
                  std::nullopt, std::nullopt);
    return written_ - before;
  }
  // Due timers, earliest first (frames may disappear while others fire).
  std::vector<std::pair<core::TimePoint, int>> due;
  for (const auto& [id, f] : frames_) {
    if (f->deadline && *f->deadline <= now)
      due.emplace_back(*f->deadline, id);
    else if (f->heartbeat_deadline && *f->heartbeat_deadline <= now)
      due.emplace_back(*f->heartbeat_deadline, id);
  }
  std::sort(due.begin(), due.end());
  for (const auto& [when, id] : due) {
    auto it = frames_.find(id);
    if (it == frames_.end() || finished()) continue;
    Frame& f = *it->second;
    bool heartbeat = !(f.deadline && *f.deadline <= now);
    switch (f.phase) {
      case Phase::kWait:
        f.deadline.reset();
        wait_done(f);
        break;
      case Phase::kRetryDelay:
        f.deadline.reset();
        f.phase = Phase::kRun;
        ready_.push_back(f.id);
        break;
      case Phase::kTask:
        task_timeout(f, heartbeat);
        break;
      default:
        f.deadline.reset();
        f.heartbeat_deadline.reset();
        break;
    }
  }
  while (!ready_.empty() && !finished()) {
    if (written_ > engine_.options.max_history_events) {
      end_execution(ExecutionStatus::failed,
                    Details()
                        .str("cause", fmt::format("The execution reached the maximum number of history events ({}).",
                                                  engine_.options.max_history_events))
                        .str("error", "States.Runtime")
                        .done(),
                    "States.Runtime", "The execution reached the maximum number of history events.", std::nullopt);
      break;
    }
    int id = ready_.front();
    ready_.pop_front();
    auto it = frames_.find(id);
    if (it != frames_.end()) step(*it->second);
    graveyard_.clear();
  }
  graveyard_.clear();
  // Persist once the execution waits (a timer, a task, its children) or ended, not after every
  // step: the steps in between touch nothing outside this object (a Task's call is preceded by
  // its own flush, states_task.cpp), so a crash before this point replays them from the last
  // snapshot, and nobody saw the events it lost. One snapshot per run of steps instead of one per
  // state is most of the persisting cost of a Pass-heavy machine.
  if (engine_.flush && !pending.empty()) engine_.flush(*this);
  return written_ - before;
}

void Execution::stop(std::optional<std::string> error, std::optional<std::string> cause) {
  Details d;
  if (cause) d.str("cause", *cause);
  if (error) d.str("error", *error);
  end_execution(ExecutionStatus::aborted, d.done(), error, cause, std::nullopt);
}

void Execution::apply(const TaskReport& report) {
  for (auto& [id, f] : frames_) {
    if (f->phase == Phase::kTask && f->task_id == report.task_id) {
      task_report(*f, report);
      graveyard_.clear();
      return;
    }
  }
}

Frame* Execution::frame_for_token(std::string_view token) {
  for (auto& [id, f] : frames_)
    if (f->phase == Phase::kTask && f->task_token == token) return f.get();
  return nullptr;
}

}  // namespace hoplite::sfn::asl
