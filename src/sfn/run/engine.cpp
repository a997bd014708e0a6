// The engine: owns executions, routes task reports and token calls, drives steps and timers,
// hands progress to the observer.
#include "hoplite/sfn/engine.hpp"

#include <fmt/format.h>

#include <map>
#include <random>
#include <set>

#include "sfn/json/text.hpp"
#include "sfn/run/execution.hpp"
#include "sfn/run/task_inbox.hpp"

namespace hoplite::sfn {

using asl::Execution;
using asl::Json;
using asl::TaskReport;

const char* to_string(ExecutionStatus status) {
  switch (status) {
    case ExecutionStatus::running:
      return "RUNNING";
    case ExecutionStatus::succeeded:
      return "SUCCEEDED";
    case ExecutionStatus::failed:
      return "FAILED";
    case ExecutionStatus::timed_out:
      return "TIMED_OUT";
    case ExecutionStatus::aborted:
      return "ABORTED";
  }
  return "RUNNING";
}

namespace {

// AWS: 1-80 characters, none of whitespace, brackets, wildcards, quotes, control characters or
// `# % \ ^ | ~ ` $ & , ; : /`.
bool valid_execution_name(std::string_view name) {
  if (name.empty() || name.size() > 80) return false;
  for (char c : name) {
    auto u = static_cast<unsigned char>(c);
    if (u <= 0x20 || u == 0x7f) return false;
    if (std::string_view("<>{}[]?*\"#%\\^|~`$&,;:/").find(c) != std::string_view::npos) return false;
  }
  return true;
}

const std::vector<HistoryEvent> kNoEvents;

}  // namespace

struct Engine::Impl {
  EngineOptions options;
  std::function<std::uint64_t()> random;
  std::shared_ptr<asl::TaskInbox> inbox = std::make_shared<asl::TaskInbox>();
  std::unordered_map<std::string, std::string> tokens;
  std::unique_ptr<asl::EngineContext> context;
  std::map<std::string, std::unique_ptr<Execution>, std::less<>> executions;
  std::set<std::string, std::less<>> running;

  void flush(Execution& e) {
    if (options.observer == nullptr || e.pending.empty()) return;
    options.observer->on_progress(e.info, e.pending, e.snapshot());
    e.pending.clear();
  }

  Execution* find(std::string_view arn) {
    auto it = executions.find(arn);
    return it == executions.end() ? nullptr : it->second.get();
  }

  core::Result<Execution*> by_token(std::string_view token) {
    auto it = tokens.find(std::string(token));
    Execution* e = it == tokens.end() ? nullptr : find(it->second);
    if (e == nullptr || e->frame_for_token(token) == nullptr)
      return core::fail(core::Error{"InvalidToken", "Invalid Token: 'Invalid token'", 400, false, {}});
    return e;
  }
};

Engine::Engine(EngineOptions options) : impl_(std::make_unique<Impl>()) {
  impl_->options = std::move(options);
  if (impl_->options.clock == nullptr) throw std::invalid_argument("sfn::Engine needs a clock");
  if (impl_->options.random) {
    impl_->random = impl_->options.random;
  } else {
    auto gen = std::make_shared<std::mt19937_64>(std::random_device{}());
    impl_->random = [gen] { return (*gen)(); };
  }
  impl_->inbox->wake = impl_->options.wake;
  impl_->context = std::make_unique<asl::EngineContext>(
      asl::EngineContext{*impl_->options.clock, impl_->options.integration, impl_->random, impl_->inbox, impl_->options,
                         impl_->tokens, [impl = impl_.get()](Execution& e) { impl->flush(e); }});
}

Engine::~Engine() {
  std::lock_guard lock(impl_->inbox->mu);
  impl_->inbox->closed = true;
}

core::Result<std::string> Engine::start(StartRequest request) {
  if (!request.definition) return core::fail("InvalidDefinition", "no definition given");
  if (!valid_execution_name(request.name))
    return core::fail(core::Error{"InvalidName", fmt::format("Invalid Name: '{}'", request.name), 400, false, {}});
  auto input = asl::parse_json(request.input, asl::JsonLimits{.max_bytes = 262144, .max_depth = asl::kMaxJsonDepth});
  if (!input)
    return core::fail(core::Error{"InvalidExecutionInput",
                                  fmt::format("Invalid State Machine Execution Input: '{}'", input.error().message),
                                  400,
                                  false,
                                  {}});
  auto e = std::make_unique<Execution>(*impl_->context, request.definition);
  e->begin(request, std::move(*input));
  std::string arn = e->info.execution_arn;
  if (Execution* existing = impl_->find(arn)) {
    // StartExecution is idempotent for a running execution started with the same input.
    if (!existing->finished() && existing->info.input == request.input) return arn;
    return core::fail(
        core::Error{"ExecutionAlreadyExists", fmt::format("Execution Already Exists: '{}'", arn), 400, false, {}});
  }
  impl_->running.insert(arn);
  impl_->executions.emplace(arn, std::move(e));
  return arn;
}

core::Result<std::string> Engine::restore(std::shared_ptr<const Definition> definition, std::string_view snapshot,
                                          std::vector<HistoryEvent> history) {
  if (!definition) return core::fail("InvalidDefinition", "no definition given");
  auto parsed = asl::parse_json(snapshot, asl::JsonLimits{.max_bytes = 1u << 30, .max_depth = 2 * asl::kMaxJsonDepth});
  if (!parsed) return core::fail("InvalidSnapshot", "the snapshot is not JSON: " + parsed.error().message);
  auto e = std::make_unique<Execution>(*impl_->context, std::move(definition));
  std::string why;
  if (!e->restore(*parsed, &why)) return core::fail("InvalidSnapshot", "cannot restore the execution: " + why);
  e->history = std::move(history);
  std::string arn = e->info.execution_arn;
  if (impl_->find(arn)) return core::fail("ExecutionAlreadyExists", "the engine already runs " + arn);
  if (!e->finished()) impl_->running.insert(arn);
  Execution& ref = *e;
  impl_->executions.emplace(arn, std::move(e));
  ref.resume_tasks();
  return arn;
}

std::size_t Engine::run() {
  std::size_t total = 0;
  for (;;) {
    auto reports = impl_->inbox->take();
    for (const auto& r : reports)
      if (Execution* e = impl_->find(r.execution_arn); e && !e->finished()) e->apply(r);
    std::size_t written = 0;
    std::vector<std::string> done;
    for (const auto& arn : impl_->running) {
      Execution* e = impl_->find(arn);
      if (e == nullptr) continue;
      written += e->advance();
      impl_->flush(*e);
      if (e->finished()) done.push_back(arn);
    }
    for (const auto& arn : done) impl_->running.erase(arn);
    total += written;
    if (reports.empty() && written == 0) break;
  }
  return total;
}

std::optional<core::TimePoint> Engine::next_deadline() const {
  std::optional<core::TimePoint> best;
  for (const auto& arn : impl_->running) {
    auto it = impl_->executions.find(arn);
    if (it == impl_->executions.end()) continue;
    auto d = it->second->next_deadline();
    if (d && (!best || *d < *best)) best = d;
  }
  return best;
}

core::Result<bool> Engine::stop(std::string_view execution_arn, std::optional<std::string> error,
                                std::optional<std::string> cause) {
  Execution* e = impl_->find(execution_arn);
  if (e == nullptr)
    return core::fail(core::Error{
        "ExecutionDoesNotExist", fmt::format("Execution Does Not Exist: '{}'", execution_arn), 400, false, {}});
  if (e->finished()) return true;
  e->stop(std::move(error), std::move(cause));
  impl_->flush(*e);
  impl_->running.erase(std::string(execution_arn));
  return true;
}

core::Result<bool> Engine::send_task_success(std::string_view token, std::string output_json) {
  auto e = impl_->by_token(token);
  if (!e) return e.failure();
  auto parsed = asl::parse_json(output_json, asl::JsonLimits{.max_bytes = 262144, .max_depth = asl::kMaxJsonDepth});
  if (!parsed)
    return core::fail(
        core::Error{"InvalidOutput", fmt::format("Invalid Output: '{}'", parsed.error().message), 400, false, {}});
  asl::Frame* f = (*e)->frame_for_token(token);
  impl_->inbox->post(
      {TaskReport::Kind::kSucceeded, (*e)->info.execution_arn, f->task_id, std::move(output_json), {}, {}});
  return true;
}

core::Result<bool> Engine::send_task_failure(std::string_view token, std::string error, std::string cause) {
  auto e = impl_->by_token(token);
  if (!e) return e.failure();
  asl::Frame* f = (*e)->frame_for_token(token);
  impl_->inbox->post(
      {TaskReport::Kind::kFailed, (*e)->info.execution_arn, f->task_id, {}, std::move(error), std::move(cause)});
  return true;
}

core::Result<bool> Engine::send_task_heartbeat(std::string_view token) {
  auto e = impl_->by_token(token);
  if (!e) return e.failure();
  asl::Frame* f = (*e)->frame_for_token(token);
  impl_->inbox->post({TaskReport::Kind::kHeartbeat, (*e)->info.execution_arn, f->task_id, {}, {}, {}});
  return true;
}

const ExecutionInfo* Engine::describe(std::string_view execution_arn) const {
  auto it = impl_->executions.find(execution_arn);
  return it == impl_->executions.end() ? nullptr : &it->second->info;
}

const std::vector<HistoryEvent>& Engine::history(std::string_view execution_arn) const {
  auto it = impl_->executions.find(execution_arn);
  return it == impl_->executions.end() ? kNoEvents : it->second->history;
}

void Engine::forget(std::string_view execution_arn) {
  auto it = impl_->executions.find(execution_arn);
  if (it == impl_->executions.end() || !it->second->finished()) return;
  impl_->executions.erase(it);
}

}  // namespace hoplite::sfn
