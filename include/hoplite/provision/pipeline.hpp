#pragma once
/// \file
/// A pipeline of named stages of ops (Sparta's provisioning workflow made explicit, STYLE.md
/// G14). Each op has an `invoke` and, optionally, a `rollback`; the pipeline runs the ops in
/// order, logs each with its duration, and when one fails runs the rollbacks of that op (it may
/// have done part of its work) and of the ops before it, newest first, before returning the
/// failure. An op may also end the pipeline early
/// with success (a change set without changes: nothing more to do).
///
/// **Example**:
/// \code
///   provision::Pipeline p;
///   p.stage("build").op("image", [&] { return build(); })
///    .stage("publish").op("push", [&] { return push(); })
///    .stage("deploy").op("change set", [&]() -> core::Result<provision::Step> {
///       if (no_changes) return provision::Step::finish;
///       return provision::Step::next;
///     }, [&] { delete_change_set(); });
///   core::Result<void> done = p.run();
/// \endcode

#include <chrono>
#include <functional>
#include <string>
#include <vector>

#include "hoplite/core/result.hpp"

namespace hoplite::provision {

/// What an op asks the pipeline to do next.
enum class Step {
  next,    ///< run the following op
  finish,  ///< the work is done: skip the remaining ops, succeed
};

/// One op's invoke: Step, or the error that stops the pipeline.
using Invoke = std::function<core::Result<Step>()>;
/// Undoes what an op did, wholly or in part (best effort: it logs its own problems, it cannot
/// fail the run).
using Rollback = std::function<void()>;

/// What happened to one op of a run (for logs, tests and the progress view).
struct OpRecord {
  std::string stage;  ///< the stage the op belongs to
  std::string name;   ///< the op's name, unique in its stage
  /// Where the op is: not run yet, done, done and ended the run early (finish), failed, skipped, or undone by its
  /// rollback.
  enum class Outcome { pending, done, finished, failed, skipped, rolled_back };
  Outcome outcome = Outcome::pending;     ///< default pending
  std::chrono::milliseconds duration{0};  ///< time spent in invoke
};

/// Told about each op as it starts and ends (a progress view listens here). Default: nothing.
class PipelineObserver {
 public:
  virtual ~PipelineObserver() = default;
  /// The op is about to be invoked.
  virtual void op_started(const OpRecord& /*op*/) {}
  /// The op ended; `op.outcome` and `op.duration` say how.
  virtual void op_ended(const OpRecord& /*op*/) {}
};

/// The provisioning pipeline: named stages of ops, each with invoke and rollback; a failure rolls the done ops back in
/// reverse order, and `--noop` runs the same list.
class Pipeline {
 public:
  /// Starts a new stage; following op() calls belong to it.
  Pipeline& stage(std::string name);
  /// Adds an op to the current stage (a stage named "main" when none was started).
  Pipeline& op(std::string name, Invoke invoke, Rollback rollback = {});
  /// An op whose invoke cannot end the pipeline early.
  Pipeline& op_void(std::string name, std::function<core::Result<void>()> invoke, Rollback rollback = {});

  /// Runs every op in order. On failure: the rollbacks of the failed op and the ones before it,
  /// newest first, then
  /// the error with `<stage>/<op>` as context. Logs `stage/op took N ms` at debug for each op
  /// and the failing op at error. Run once.
  core::Result<void> run(PipelineObserver* observer = nullptr);

  /// Every op added, with what happened to it in run().
  [[nodiscard]] const std::vector<OpRecord>& records() const { return records_; }
  /// `stage/op 12 ms, stage/op 3 ms, …` for the ops that ran.
  [[nodiscard]] std::string timings() const;

 private:
  struct Entry {
    Invoke invoke;
    Rollback rollback;
  };
  std::string stage_ = "main";
  std::vector<Entry> entries_;
  std::vector<OpRecord> records_;
};

}  // namespace hoplite::provision
