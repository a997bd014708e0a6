#include "local/states/states_runner.hpp"

#include <algorithm>
#include <chrono>

#include "hoplite/core/log.hpp"
#include "local/states/states_store.hpp"

namespace hoplite::local::states {
namespace {

// The driver's longest sleep while a timer is pending: timers are due on the house's clock, which
// a test may move forward at any moment, so the driver looks again at least this often.
constexpr auto kTimerPoll = std::chrono::milliseconds(100);
// Its longest sleep with nothing pending (reports and new executions wake it at once).
constexpr auto kIdlePoll = std::chrono::seconds(1);

std::string engine_key(const std::string& account, const std::string& region) { return account + "/" + region; }

// `arn:aws:states:REGION:ACCOUNT:...` → "ACCOUNT/REGION".
std::string engine_key_of(std::string_view arn) {
  std::string_view fields[5];
  for (auto& f : fields) {
    std::size_t at = arn.find(':');
    f = arn.substr(0, at);
    arn = at == std::string_view::npos ? std::string_view() : arn.substr(at + 1);
  }
  return std::string(fields[4]) + "/" + std::string(fields[3]);
}

bool is_invalid_token(const core::Error& e) { return e.code == "InvalidToken"; }

}  // namespace

Runner::Runner(store::Database& db, core::Clock& clock, sfn::TaskIntegration* integration)
    : db_(db), clock_(clock), integration_(integration) {}

Runner::~Runner() {
  {
    std::lock_guard lock(wake_mu_);
    stopping_ = true;
  }
  wake_cv_.notify_all();
  {
    std::lock_guard lock(mu_);
    done_cv_.notify_all();
  }
  if (driver_.joinable()) driver_.join();
}

core::Result<void> Runner::start(
    const std::function<core::Result<std::shared_ptr<const sfn::Definition>>(const std::string&)>& read_definition) {
  auto running = db_.transaction<std::vector<RunningExecution>>(
      [](store::Tx& tx) -> core::Result<std::vector<RunningExecution>> { return StatesTable(tx).running(); });
  if (!running) return running.failure();
  {
    std::lock_guard lock(mu_);
    for (auto& r : *running) {
      auto definition = read_definition(r.definition);
      sfn::Engine& engine = engine_for(r.account, r.region);
      core::Result<std::string> restored = core::fail("local.states", "not restored");
      if (definition && r.snapshot) {
        restored = engine.restore(*definition, *r.snapshot);
      } else if (definition) {
        // Acknowledged but not one step persisted: start it again, same name, same input.
        restored = engine.start(sfn::StartRequest{.definition = *definition,
                                                  .state_machine_arn = r.record.machine_arn,
                                                  .name = r.record.name,
                                                  .input = r.record.input,
                                                  .role_arn = r.record.role_arn});
      }
      if (!restored) {
        const core::Error& e = definition ? restored.error() : definition.error();
        core::log::error("local states: cannot continue {} after a restart: {}", r.record.arn, e.to_string());
      }
    }
    persist();
  }
  driver_ = std::thread([this] { loop(); });
  wake();
  return core::ok();
}

sfn::Engine& Runner::engine_for(const std::string& account, const std::string& region) {
  auto& slot = engines_[engine_key(account, region)];
  if (!slot)
    slot = std::make_unique<sfn::Engine>(sfn::EngineOptions{.clock = &clock_,
                                                            .integration = integration_ ? &persist_first_ : nullptr,
                                                            .observer = this,
                                                            .region = region,
                                                            .account = account,
                                                            .random = {},
                                                            .wake = [this] { wake(); },
                                                            .max_history_events = 25000,
                                                            .keep_history = false});
  return *slot;
}

core::Result<std::string> Runner::start_execution(const std::string& account, const std::string& region,
                                                  sfn::StartRequest request) {
  core::Result<std::string> arn = core::fail("local.states", "not started");
  {
    std::lock_guard lock(mu_);
    arn = engine_for(account, region).start(std::move(request));
  }
  if (arn) wake();
  return arn;
}

core::Result<bool> Runner::stop(const std::string& account, const std::string& region, const std::string& execution_arn,
                                std::optional<std::string> error, std::optional<std::string> cause) {
  std::lock_guard lock(mu_);
  sfn::Engine& engine = engine_for(account, region);
  if (engine.describe(execution_arn) == nullptr) return false;
  auto stopped = engine.stop(execution_arn, std::move(error), std::move(cause));
  persist();
  if (!stopped) return stopped.failure();
  return true;
}

template <typename Op>
core::Result<void> Runner::by_token(Op op) {
  {
    std::lock_guard lock(mu_);
    // A token belongs to one engine; the others answer InvalidToken.
    bool taken = false;
    for (auto& [key, engine] : engines_) {
      auto r = op(*engine);
      if (r) {
        taken = true;
        break;
      }
      if (!is_invalid_token(r.error())) return r.failure();
    }
    if (!taken) return core::fail(core::Error{"InvalidToken", "Invalid Token: 'Invalid token'", 400, false, {}});
  }
  wake();
  return core::ok();
}

core::Result<void> Runner::send_task_success(const std::string& token, std::string output) {
  return by_token([&](sfn::Engine& e) { return e.send_task_success(token, output); });
}

core::Result<void> Runner::send_task_failure(const std::string& token, std::string error, std::string cause) {
  return by_token([&](sfn::Engine& e) { return e.send_task_failure(token, error, cause); });
}

core::Result<void> Runner::send_task_heartbeat(const std::string& token) {
  return by_token([&](sfn::Engine& e) { return e.send_task_heartbeat(token); });
}

void Runner::register_waiter(const std::string& execution_arn) {
  std::lock_guard lock(mu_);
  waiting_.insert(execution_arn);
}

sfn::ExecutionInfo Runner::wait_finished(const std::string& execution_arn) {
  std::unique_lock lock(mu_);
  done_cv_.wait(lock, [&] {
    if (done_.contains(execution_arn)) return true;
    std::lock_guard w(wake_mu_);
    return stopping_;
  });
  waiting_.erase(execution_arn);
  auto it = done_.find(execution_arn);
  if (it == done_.end()) {
    sfn::ExecutionInfo aborted;
    aborted.execution_arn = execution_arn;
    aborted.status = sfn::ExecutionStatus::aborted;
    aborted.error = "States.Runtime";
    aborted.cause = "The local cloud shut down while the execution ran.";
    return aborted;
  }
  sfn::ExecutionInfo info = std::move(it->second);
  done_.erase(it);
  return info;
}

void Runner::wake() {
  {
    std::lock_guard lock(wake_mu_);
    woken_ = true;
  }
  wake_cv_.notify_one();
}

void Runner::post(std::function<void()> job) {
  {
    std::lock_guard lock(wake_mu_);
    jobs_.push_back(std::move(job));
    woken_ = true;
  }
  wake_cv_.notify_one();
}

void Runner::on_progress(const sfn::ExecutionInfo& info, std::span<const sfn::HistoryEvent> events,
                         const std::string& snapshot) {
  // Called by an engine, so with mu_ held. Kept until persist(): the latest state of each
  // execution and all its new events, so a pass that ran a thousand executions commits once.
  auto [at, fresh] = progress_at_.try_emplace(info.execution_arn, progress_.size());
  if (fresh) progress_.push_back({});
  Progress& p = progress_[at->second];
  p.info = info;
  p.events.insert(p.events.end(), events.begin(), events.end());
  p.snapshot = snapshot;
}

void Runner::persist() {
  if (progress_.empty()) return;
  auto saved = db_.transaction([&](store::Tx& tx) -> core::Result<void> {
    StatesTable table(tx);
    for (const auto& p : progress_)
      if (auto ok = table.record_progress(p.info, p.events, p.snapshot); !ok) return ok;
    return core::ok();
  });
  if (!saved) {
    // One execution's write failed (or the disk did): the others are not lost with it.
    for (const auto& p : progress_) {
      auto one =
          db_.transaction([&](store::Tx& tx) { return StatesTable(tx).record_progress(p.info, p.events, p.snapshot); });
      if (!one) core::log::error("local states: cannot persist {}: {}", p.info.execution_arn, one.error().to_string());
    }
  }
  std::vector<Progress> written;
  written.swap(progress_);
  progress_at_.clear();
  for (const auto& p : written) {
    const sfn::ExecutionInfo& info = p.info;
    if (info.status == sfn::ExecutionStatus::running) continue;
    finished_.insert(info.execution_arn);
    if (finished_listener_) finished_listener_(info);
    if (waiting_.contains(info.execution_arn)) {
      done_[info.execution_arn] = info;
      done_cv_.notify_all();
    }
  }
}

void Runner::PersistFirst::start(const sfn::TaskRequest& request, sfn::TaskHandle handle) {
  // The engine flushed the execution that calls; it and everything else pending are written
  // before the request leaves, as a crash must not lose a request that was made.
  runner_.persist();
  runner_.integration_->start(request, std::move(handle));
}

void Runner::PersistFirst::cancel(const sfn::TaskRequest& request) { runner_.integration_->cancel(request); }

std::string Runner::PersistFirst::scheduled_parameters(const sfn::TaskRequest& request) {
  return runner_.integration_->scheduled_parameters(request);
}

void Runner::run_all() {
  std::lock_guard lock(mu_);
  for (auto& [key, engine] : engines_) engine->run();
  persist();
  // Finished executions live on in the store; the engines keep only what runs.
  for (const auto& arn : finished_) {
    auto it = engines_.find(engine_key_of(arn));
    if (it != engines_.end()) it->second->forget(arn);
  }
  finished_.clear();
}

void Runner::loop() {
  for (;;) {
    run_all();
    std::optional<core::TimePoint> next;
    {
      std::lock_guard lock(mu_);
      for (auto& [key, engine] : engines_) {
        auto d = engine->next_deadline();
        if (d && (!next || *d < *next)) next = d;
      }
    }
    std::chrono::milliseconds sleep = kIdlePoll;
    if (next) {
      auto until = std::chrono::duration_cast<std::chrono::milliseconds>(*next - clock_.now());
      sleep = std::clamp(until, std::chrono::milliseconds(0), std::chrono::milliseconds(kTimerPoll));
    }
    std::vector<std::function<void()>> jobs;
    {
      std::unique_lock lock(wake_mu_);
      wake_cv_.wait_for(lock, sleep, [&] { return woken_ || stopping_; });
      if (stopping_) return;
      woken_ = false;
      jobs.swap(jobs_);
    }
    for (auto& job : jobs) job();
  }
}

}  // namespace hoplite::local::states
