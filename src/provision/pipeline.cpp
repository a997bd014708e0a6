#include "hoplite/provision/pipeline.hpp"

#include <fmt/format.h>

#include "hoplite/core/log.hpp"

namespace hoplite::provision {

Pipeline& Pipeline::stage(std::string name) {
  stage_ = std::move(name);
  return *this;
}

Pipeline& Pipeline::op(std::string name, Invoke invoke, Rollback rollback) {
  entries_.push_back({std::move(invoke), std::move(rollback)});
  records_.push_back({.stage = stage_, .name = std::move(name)});
  return *this;
}

Pipeline& Pipeline::op_void(std::string name, std::function<core::Result<void>()> invoke, Rollback rollback) {
  return op(
      std::move(name),
      [fn = std::move(invoke)]() -> core::Result<Step> {
        auto r = fn();
        if (!r) return r.failure();
        return Step::next;
      },
      std::move(rollback));
}

core::Result<void> Pipeline::run(PipelineObserver* observer) {
  using RecordOutcome = OpRecord::Outcome;
  for (std::size_t i = 0; i < entries_.size(); ++i) {
    OpRecord& rec = records_[i];
    if (observer != nullptr) observer->op_started(rec);
    const auto start = std::chrono::steady_clock::now();
    core::Result<Step> step = entries_[i].invoke ? entries_[i].invoke() : core::Result<Step>(Step::next);
    rec.duration = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start);
    core::log::debug("{}/{} took {} ms", rec.stage, rec.name, rec.duration.count());
    if (!step) {
      rec.outcome = RecordOutcome::failed;
      if (observer != nullptr) observer->op_ended(rec);
      for (std::size_t j = i + 1; j < entries_.size(); ++j) records_[j].outcome = RecordOutcome::skipped;
      // Undo newest first, the failed op included: it may have done part of its work.
      for (std::size_t j = i + 1; j-- > 0;) {
        if (!entries_[j].rollback) continue;
        core::log::info("rolling back {}/{}", records_[j].stage, records_[j].name);
        entries_[j].rollback();
        records_[j].outcome = RecordOutcome::rolled_back;
      }
      return step.failure(rec.stage + "/" + rec.name);
    }
    rec.outcome = *step == Step::finish ? RecordOutcome::finished : RecordOutcome::done;
    if (observer != nullptr) observer->op_ended(rec);
    if (*step == Step::finish) {
      for (std::size_t j = i + 1; j < entries_.size(); ++j) records_[j].outcome = RecordOutcome::skipped;
      break;
    }
  }
  return {};
}

std::string Pipeline::timings() const {
  std::string out;
  for (const auto& r : records_) {
    if (r.outcome == OpRecord::Outcome::pending || r.outcome == OpRecord::Outcome::skipped) continue;
    out += fmt::format("{}{}/{} {} ms", out.empty() ? "" : ", ", r.stage, r.name, r.duration.count());
  }
  return out;
}

}  // namespace hoplite::provision
