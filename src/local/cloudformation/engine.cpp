#include "local/cloudformation/engine.hpp"

#include "hoplite/core/time_format.hpp"
#include "local/cloudformation/cfn_names.hpp"
#include "local/cloudformation/stack_run.hpp"
#include "local/ids.hpp"
#include "local/sql_values.hpp"
#include "local/store/database.hpp"

namespace hoplite::local::cloudformation {

Engine::Engine(ServiceContext& house, const ProviderRegistry& providers, EngineOptions options)
    : house_(house), providers_(providers), options_(options), queue_(std::make_unique<WorkQueue>(options.workers)) {}

Engine::~Engine() { stop(); }

void Engine::start(const std::string& stack_id) {
  if (stopping_) return;
  std::shared_ptr<StackRun> run;
  {
    std::lock_guard lock(mutex_);
    auto it = runs_.find(stack_id);
    if (it != runs_.end()) {
      it->second.again = true;
      return;
    }
    run = std::make_shared<StackRun>(*this, stack_id);
    runs_.emplace(stack_id, Entry{run, false});
  }
  queue_->submit([run] { run->begin(); });
}

bool Engine::cancel(const std::string& stack_id) {
  std::lock_guard lock(mutex_);
  auto it = runs_.find(stack_id);
  if (it == runs_.end()) return false;
  it->second.run->request_cancel();
  return true;
}

void Engine::finished(const std::string& stack_id) {
  std::lock_guard lock(mutex_);
  auto it = runs_.find(stack_id);
  if (it == runs_.end()) return;
  if (it->second.again && !stopping_) {
    it->second.again = false;
    auto run = it->second.run;
    queue_->submit([run] { run->begin(); });
    return;
  }
  runs_.erase(it);
  if (runs_.empty()) idle_.notify_all();
}

void Engine::resume_interrupted() {
  // What a crash interrupted: resources caught mid-create or mid-update cannot be trusted to have
  // finished, so they fail and the stack rolls back (their physical IDs were recorded first, so
  // rollback deletes whatever the provider did create). Deletes, rollbacks and cleanups are
  // idempotent and simply continue.
  std::vector<std::string> ids;
  (void)house_.db.transaction([&](store::Tx& tx) -> core::Result<void> {
    StackTable table(tx);
    auto stacks = table.stacks_in({"CREATE_IN_PROGRESS", "UPDATE_IN_PROGRESS", "UPDATE_COMPLETE_CLEANUP_IN_PROGRESS",
                                   "ROLLBACK_IN_PROGRESS", "DELETE_IN_PROGRESS", "UPDATE_ROLLBACK_IN_PROGRESS",
                                   "UPDATE_ROLLBACK_COMPLETE_CLEANUP_IN_PROGRESS"});
    if (!stacks) return stacks.failure();
    auto now = to_millis(house_.clock.now());
    for (auto stack : *stacks) {
      ids.push_back(stack.id);
      bool creating = stack.status == "CREATE_IN_PROGRESS";
      if (!creating && stack.status != "UPDATE_IN_PROGRESS") continue;
      auto rows = table.resources(stack.id);
      if (!rows) return rows.failure();
      std::vector<std::string> failed;
      for (auto row : *rows) {
        bool mid_create = row.status == "CREATE_IN_PROGRESS";
        bool mid_update = row.status == "UPDATE_IN_PROGRESS";
        if (!mid_create && !mid_update) continue;
        row.status = mid_create ? "CREATE_FAILED" : "UPDATE_FAILED";
        row.reason = mid_create ? "Resource creation cancelled" : "Resource update cancelled";
        row.updated = now;
        if (auto ok = table.put_resource(row); !ok) return ok;
        // AWS's resource event ID (see StackRun::resource_event).
        std::string event_id = row.logical_id + "-" + row.status + "-" + core::format_iso8601_millis(from_millis(now));
        if (auto ok = table.add_event({.seq = 0,
                                       .event_id = event_id,
                                       .stack_id = stack.id,
                                       .stack_name = stack.name,
                                       .logical_id = row.logical_id,
                                       .physical_id = row.physical_id,
                                       .type = row.type,
                                       .status = row.status,
                                       .reason = row.reason,
                                       .properties = std::nullopt,
                                       .time = now,
                                       .token = stack.token});
            !ok)
          return ok;
        failed.push_back(row.logical_id);
      }
      if (failed.empty()) continue;  // between two steps: the phase simply goes on
      std::string list = "[";
      for (std::size_t i = 0; i < failed.size(); ++i) list += (i ? ", " : "") + failed[i];
      list += "]";
      if (creating) {
        stack.reason = "The following resource(s) failed to create: " + list + ". ";
        if (stack.disable_rollback || stack.on_failure == "DO_NOTHING") {
          stack.status = "CREATE_FAILED";
        } else if (stack.on_failure == "DELETE") {
          stack.status = "DELETE_IN_PROGRESS";
          stack.reason += "Delete requested by user.";
        } else {
          stack.status = "ROLLBACK_IN_PROGRESS";
          stack.reason += "Rollback requested by user.";
        }
      } else {
        stack.reason = "The following resource(s) failed to update: " + list + ". ";
        stack.status = stack.disable_rollback ? "UPDATE_FAILED" : "UPDATE_ROLLBACK_IN_PROGRESS";
      }
      stack.updated = now;
      if (auto ok = table.put_stack(stack); !ok) return ok;
      if (auto ok = table.add_event({.seq = 0,
                                     .event_id = request_id(),
                                     .stack_id = stack.id,
                                     .stack_name = stack.name,
                                     .logical_id = stack.name,
                                     .physical_id = stack.id,
                                     .type = "AWS::CloudFormation::Stack",
                                     .status = stack.status,
                                     .reason = stack.reason,
                                     .properties = std::nullopt,
                                     .time = now,
                                     .token = stack.token});
          !ok)
        return ok;
    }
    return core::ok();
  });
  for (const auto& id : ids) start(id);
}

void Engine::stop() {
  stopping_ = true;
  if (queue_) queue_->wait_idle();
  std::lock_guard lock(mutex_);
  runs_.clear();
  idle_.notify_all();
}

void Engine::wait_idle() {
  std::unique_lock lock(mutex_);
  idle_.wait(lock, [this] { return runs_.empty(); });
}

bool Engine::busy(const std::string& stack_id) {
  std::lock_guard lock(mutex_);
  return runs_.contains(stack_id);
}

}  // namespace hoplite::local::cloudformation
