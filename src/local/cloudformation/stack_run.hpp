#pragma once
/// \file One stack being driven by the engine: the phase its status names (create, update,
/// cleanup, rollback, delete, update rollback and its cleanup), run as a pass over the template's
/// dependency graph, then the next status. Providers run on the engine's workers; everything else
/// happens under the run's lock. Writes are group-committed: the resources that start together
/// (a wave of the graph) are recorded in one transaction before any of their providers runs, and
/// the outcomes that arrive while the lock is busy are recorded together with the starts they
/// allow. See engine.hpp and docs/local.md ("CloudFormation").

#include <atomic>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "hoplite/cfn/dependency_graph.hpp"
#include "hoplite/cfn/evaluator.hpp"
#include "local/cloudformation/cfn_state.hpp"
#include "local/cloudformation/provider.hpp"
#include "local/cloudformation/stack_resolver.hpp"

namespace hoplite::local::cloudformation {

class Engine;

class StackRun : public std::enable_shared_from_this<StackRun> {
 public:
  StackRun(Engine& engine, std::string stack_id) : engine_(engine), stack_id_(std::move(stack_id)) {}

  /// Reads the stack and starts the phase its status names (or finishes when it is stable).
  void begin();
  /// CancelUpdateStack: starts no further resource and rolls the update back.
  void request_cancel() { cancel_ = true; }

 private:
  enum class Pass { create, update, cleanup, rollback, remove, update_rollback, update_rollback_cleanup };

  /// What a resource step asks of its provider, prepared under the lock.
  struct Work {
    enum class Kind { none, create, update, remove } kind = Kind::none;
    Provider* provider = nullptr;
    std::string generated_name;
    ProvidedResource current;
    nlohmann::json before;
    nlohmann::json after;
  };

  struct Outcome {
    bool ok = true;
    std::string message;
    ProvidedResource result;
    bool interrupted = false;  ///< the provider stopped waiting because the engine stops
  };

  /// A step whose provider returned, waiting to be recorded.
  struct Finished {
    std::string logical_id;
    Work work;
    Outcome outcome;
  };

  // ---- phases ----
  void start_pass_locked();
  core::Result<void> setup_pass_locked(Pass pass);
  void pump_locked();
  void end_pass_locked();
  void transition_locked(const std::string& status, const std::string& reason);

  // ---- one resource ----
  /// On a worker: runs the provider, then hands the outcome to finish().
  void step(const std::string& logical_id, Work work);
  /// Queues an outcome; the thread that finds no one recording outcomes records them all (and
  /// what arrives meanwhile), each batch under the lock with one flush.
  void finish(Finished finished);
  [[nodiscard]] Outcome call_provider(const std::string& logical_id, const Work& work) const;
  Work prepare_locked(const std::string& logical_id);
  void record_locked(const std::string& logical_id, const Work& work, const Outcome& outcome);
  Work prepare_create_locked(const cfn::TemplateResource& r, bool in_update);
  Work prepare_update_locked(const cfn::TemplateResource& r, ResourceRow& row);
  Work prepare_delete_locked(const std::string& logical_id, const cfn::TemplateResource* r);
  Work prepare_cleanup_locked(const std::string& logical_id);
  Work prepare_update_rollback_locked(const std::string& logical_id);
  Work prepare_update_rollback_cleanup_locked(const std::string& logical_id);
  void fail_locked(const std::string& logical_id, const std::string& type, const std::string& status,
                   const std::string& reason, const std::optional<nlohmann::json>& properties = std::nullopt);

  // ---- state ----
  core::Result<void> load_locked();
  /// Both queue their write for the next flush_locked().
  void save_resource_locked(const ResourceRow& row, const std::vector<EventRow>& events);
  void erase_resource_locked(const std::string& logical_id, const std::vector<EventRow>& events);
  /// Writes the queued writes in order, in one transaction. Called before a provider may run
  /// (what it is about to do is recorded first) and before the lock is released; a status change
  /// writes them in its own transaction, ahead of the stack's event.
  void flush_locked();
  [[nodiscard]] core::Result<void> write_pending(StackTable& table) const;
  EventRow resource_event(const std::string& logical_id, const std::string& type, const std::string& physical_id,
                          const std::string& status, const std::string& reason,
                          const std::optional<nlohmann::json>& properties) const;
  void compute_outputs_locked(const cfn::TemplateDocument& doc, const std::vector<cfn::ParameterValue>& params);
  [[nodiscard]] const cfn::TemplateResource* in_doc(const std::string& logical_id) const;
  [[nodiscard]] ProviderCall provider_call(const std::string& logical_id, const std::string& generated) const;

  Engine& engine_;
  const std::string stack_id_;
  std::mutex mutex_;
  StackRow stack_;
  std::map<std::string, ResourceRow> rows_;
  CallContext call_{};

  // The pass in progress.
  Pass pass_ = Pass::create;
  std::optional<cfn::TemplateDocument> doc_;      ///< the pass's template
  std::optional<cfn::TemplateDocument> new_doc_;  ///< cleanup: the template being kept
  std::set<std::string> dropped_;                 ///< cleanup: in new_doc_ but its Condition is false
  std::vector<cfn::ParameterValue> params_;
  cfn::StackContext context_;
  std::unique_ptr<StackResolver> resolver_;
  std::unique_ptr<cfn::Evaluator> evaluator_;
  std::optional<cfn::DependencyGraph> graph_;
  std::unique_ptr<cfn::Schedule> schedule_;
  std::deque<std::string> ready_;
  std::size_t in_flight_ = 0;
  std::vector<std::string> failed_;          ///< logical IDs, in the order they failed
  std::vector<std::string> failed_creates_;  ///< those of failed_ that failed to create
  bool stop_starting_ = false;
  std::atomic<bool> cancel_ = false;
  std::string pass_error_;  ///< a failure of the pass itself (its template could not be set up)
  std::vector<std::function<core::Result<void>(StackTable&)>> pending_;  ///< writes for the next flush

  std::mutex finished_mutex_;  ///< guards the two below (never held while taking mutex_ )
  std::vector<Finished> finished_;
  bool recording_ = false;  ///< a thread is recording finished_
};

}  // namespace hoplite::local::cloudformation
