#pragma once
/// \file What runs the Step Functions service's executions: one interpreter (`sfn::Engine`) per
/// account and region, driven by one thread on the house's clock, every step persisted (events
/// and a snapshot) before anything else sees it: the progress of every execution a pass of the
/// driver ran is written in one transaction at the end of the pass, before a Task's service is
/// called, and before StopExecution answers. At start every execution the
/// store holds as RUNNING is restored from its last snapshot (or started again from its input
/// when it had none yet), so `kill -9` mid-execution loses nothing: after the restart it goes on
/// with the same history.
///
/// Thread safety: every method may be called from any thread (one mutex guards the engines).

#include <condition_variable>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "hoplite/core/clock.hpp"
#include "hoplite/core/result.hpp"
#include "hoplite/sfn/engine.hpp"
#include "local/store/database.hpp"

namespace hoplite::local::states {

class Runner final : public sfn::ExecutionObserver {
 public:
  /// `integration` (may be null: Tasks fail) runs Task states; it must outlive the runner.
  Runner(store::Database& db, core::Clock& clock, sfn::TaskIntegration* integration);
  ~Runner() override;
  Runner(const Runner&) = delete;
  Runner& operator=(const Runner&) = delete;

  /// Restores the store's RUNNING executions and starts the driver thread.
  core::Result<void> start(
      const std::function<core::Result<std::shared_ptr<const sfn::Definition>>(const std::string& text)>&
          read_definition);

  /// Starts an execution whose record the store already holds (StartExecution inserts it first).
  core::Result<std::string> start_execution(const std::string& account, const std::string& region,
                                            sfn::StartRequest request);
  /// StopExecution of a running execution; false when the engine does not run it.
  core::Result<bool> stop(const std::string& account, const std::string& region, const std::string& execution_arn,
                          std::optional<std::string> error, std::optional<std::string> cause);
  core::Result<void> send_task_success(const std::string& token, std::string output);
  core::Result<void> send_task_failure(const std::string& token, std::string error, std::string cause);
  core::Result<void> send_task_heartbeat(const std::string& token);

  /// Blocks until `execution_arn` (started by this process) finished; its final state.
  /// (StartSyncExecution). Call register_waiter before the execution starts.
  void register_waiter(const std::string& execution_arn);
  sfn::ExecutionInfo wait_finished(const std::string& execution_arn);

  /// Runs `job` on the driver thread after the current step, with no engine lock held (Task
  /// integrations that call services, which may start executions themselves).
  void post(std::function<void()> job);
  /// Called (engine lock held) whenever an execution finished. Set before start().
  void on_finished(std::function<void(const sfn::ExecutionInfo&)> listener) {
    finished_listener_ = std::move(listener);
  }

  /// Runs everything due now, at once (tests and StartExecution's callers need not wait for the
  /// driver thread).
  void wake();

  void on_progress(const sfn::ExecutionInfo& info, std::span<const sfn::HistoryEvent> events,
                   const std::string& snapshot) override;

 private:
  sfn::Engine& engine_for(const std::string& account, const std::string& region);
  template <typename Op>
  core::Result<void> by_token(Op op);
  void loop();
  void run_all();
  /// Writes the progress on_progress collected, in one transaction, then tells the listeners
  /// about executions that finished. mu_ held.
  void persist();

  /// What on_progress collected for one execution since the last persist().
  struct Progress {
    sfn::ExecutionInfo info;
    std::vector<sfn::HistoryEvent> events;
    std::string snapshot;
  };
  /// The engines' integration: persists what is pending before a Task's service is called.
  class PersistFirst final : public sfn::TaskIntegration {
   public:
    explicit PersistFirst(Runner& runner) : runner_(runner) {}
    void start(const sfn::TaskRequest& request, sfn::TaskHandle handle) override;
    void cancel(const sfn::TaskRequest& request) override;
    std::string scheduled_parameters(const sfn::TaskRequest& request) override;

   private:
    Runner& runner_;
  };

  store::Database& db_;
  core::Clock& clock_;
  sfn::TaskIntegration* integration_;

  std::mutex mu_;                                                // guards everything below and every engine call
  std::map<std::string, std::unique_ptr<sfn::Engine>> engines_;  // by "account/region"
  std::set<std::string> finished_;                               // to forget after the current run
  std::vector<Progress> progress_;                               // not yet persisted, in order
  std::map<std::string, std::size_t> progress_at_;               // ARN -> index in progress_
  PersistFirst persist_first_{*this};
  std::set<std::string> waiting_;                   // StartSyncExecution callers
  std::map<std::string, sfn::ExecutionInfo> done_;  // results for them
  std::condition_variable done_cv_;
  std::function<void(const sfn::ExecutionInfo&)> finished_listener_;

  std::mutex wake_mu_;  // the driver's sleep; never held with mu_ waiting for it
  std::condition_variable wake_cv_;
  bool woken_ = false;
  std::vector<std::function<void()>> jobs_;
  bool stopping_ = false;
  std::thread driver_;
};

}  // namespace hoplite::local::states
