#pragma once
/// \file How a stack operation's progress is shown: on a terminal a live status line (resources
/// done / total, the ones in progress, elapsed time, upload bytes while pushing) under the event
/// lines; otherwise one log line per event; with `--log-format json` one JSON object per event
/// (the log line's fields: resource, type, status, reason). Every text from AWS is made
/// terminal-safe first.

#include <chrono>
#include <cstdint>
#include <iosfwd>
#include <set>
#include <string>

#include "hoplite/aws/cloudformation.hpp"
#include "hoplite/oci/progress.hpp"
#include "hoplite/provision/pipeline.hpp"

namespace hoplite::app {

class DeployProgress final : public oci::Progress, public provision::PipelineObserver {
 public:
  /// `live`: draw the status line on `term` (a terminal, text logs). `total`: resources the
  /// operation touches (0 = unknown).
  DeployProgress(bool live, std::ostream& term, std::size_t total = 0);
  ~DeployProgress() override;

  void set_total(std::size_t total) { total_ = total; }
  /// One stack event.
  void event(const aws::cloudformation::StackEvent& e);
  /// A phase ("pushing", "waiting for the change set", …) shown on the status line.
  void phase(std::string what);
  /// Removes the status line (before the final output).
  void clear();

  // oci::Progress: bytes while pushing.
  void blob_bytes(const std::string& digest, std::uint64_t sent, std::uint64_t total) override;
  void blob_done(const std::string& digest, std::uint64_t size, oci::BlobOutcome outcome) override;
  void manifest_pushed(const std::string& reference) override;

  // provision::PipelineObserver: the op that runs is the phase.
  void op_started(const provision::OpRecord& op) override { phase(op.stage + "/" + op.name); }

 private:
  void draw();

  bool live_;
  std::ostream& term_;
  std::size_t total_;
  std::chrono::steady_clock::time_point start_ = std::chrono::steady_clock::now();
  std::string phase_;
  std::set<std::string> in_progress_;
  std::set<std::string> done_;
  std::uint64_t uploaded_ = 0;
  bool drawn_ = false;
};

}  // namespace hoplite::app
