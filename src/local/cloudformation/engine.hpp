#pragma once
/// \file The CloudFormation engine: drives each stack from its stored status to a stable one in
/// the background (AWS's status machine: CREATE_*, ROLLBACK_*, UPDATE_* with cleanup and
/// rollback, DELETE_*), resources in dependency order with independent ones in parallel on a
/// small worker pool. Every step is written to the state before and after the provider runs
/// (group-committed, see stack_run.hpp), so after a crash `resume_interrupted` finishes or rolls
/// back what was in progress.

#include <atomic>
#include <condition_variable>
#include <cstddef>
#include <map>
#include <memory>
#include <mutex>
#include <string>

#include "local/cloudformation/provider.hpp"
#include "local/cloudformation/work_queue.hpp"
#include "local/service.hpp"

namespace hoplite::local::cloudformation {

struct EngineOptions {
  /// Worker threads shared by every stack. Default 4: resource operations are short, and most
  /// of their time is the database, which is one connection.
  std::size_t workers = 4;
  /// At most one resource operation at a time per stack (for comparisons; AWS runs independent
  /// resources in parallel). Default false.
  bool one_at_a_time = false;
};

class StackRun;

class Engine {
 public:
  Engine(ServiceContext& house, const ProviderRegistry& providers, EngineOptions options = {});
  /// Stops (see stop()).
  ~Engine();
  Engine(const Engine&) = delete;
  Engine& operator=(const Engine&) = delete;

  /// Drives the stack (already written with its new *_IN_PROGRESS status) in the background. A
  /// stack already being driven is left alone (it reads its status again at every phase).
  void start(const std::string& stack_id);
  /// CancelUpdateStack: the running update starts no further resource and rolls back. False when
  /// the stack is not being driven.
  bool cancel(const std::string& stack_id);
  /// At start-up: stacks a crash left in progress. Resources caught mid-create or mid-update
  /// fail ("Resource creation cancelled"), and the stack rolls back; deletes, rollbacks and
  /// cleanups resume where they were.
  void resume_interrupted();
  /// Starts no new step and waits for the running ones; what is unfinished stays in the state.
  void stop();
  /// Blocks until no stack is being driven (tests, benchmarks).
  void wait_idle();
  /// True while the stack is being driven.
  [[nodiscard]] bool busy(const std::string& stack_id);
  [[nodiscard]] bool stopping() const { return stopping_; }

 private:
  friend class StackRun;
  /// A run reached a stable status: it ends, or starts again when `start` was called meanwhile.
  void finished(const std::string& stack_id);

  struct Entry {
    std::shared_ptr<StackRun> run;
    bool again = false;  ///< start() was called while it ran
  };

  ServiceContext& house_;
  const ProviderRegistry& providers_;
  EngineOptions options_;
  std::mutex mutex_;
  std::condition_variable idle_;
  std::map<std::string, Entry> runs_;
  std::atomic<bool> stopping_ = false;
  std::unique_ptr<WorkQueue> queue_;
};

}  // namespace hoplite::local::cloudformation
