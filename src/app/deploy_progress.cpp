#include "app/deploy_progress.hpp"

#include <ostream>

#include <fmt/format.h>

#include "hoplite/core/log.hpp"
#include "hoplite/core/terminal_text.hpp"

namespace hoplite::app {

DeployProgress::DeployProgress(bool live, std::ostream& term, std::size_t total)
    : live_(live), term_(term), total_(total) {}

DeployProgress::~DeployProgress() { clear(); }

void DeployProgress::clear() {
  if (!drawn_) return;
  term_ << "\r\x1b[K" << std::flush;
  drawn_ = false;
}

void DeployProgress::event(const aws::cloudformation::StackEvent& e) {
  auto safe = [](const std::string& s) { return core::terminal_safe(s, 1024); };
  const std::string id = safe(e.logical_resource_id);
  const std::string& status = e.resource_status;
  if (e.resource_type != "AWS::CloudFormation::Stack") {
    if (status.ends_with("_IN_PROGRESS")) {
      in_progress_.insert(id);
    } else {
      in_progress_.erase(id);
      if (status.ends_with("_COMPLETE") || status.ends_with("_SKIPPED")) done_.insert(id);
    }
  }
  clear();
  auto log = core::Logger{}.with("resource", id).with("type", safe(e.resource_type)).with("status", safe(status));
  if (!e.resource_status_reason.empty()) log = log.with("reason", safe(e.resource_status_reason));
  const std::string reason = e.resource_status_reason.empty() ? "" : "  " + safe(e.resource_status_reason);
  if (status.ends_with("_FAILED")) {
    log.warn("{}  {}  {}{}", id, safe(e.resource_type), safe(status), reason);
  } else {
    log.info("{}  {}  {}{}", id, safe(e.resource_type), safe(status), reason);
  }
  draw();
}

void DeployProgress::phase(std::string what) {
  phase_ = std::move(what);
  draw();
}

void DeployProgress::blob_bytes(const std::string&, std::uint64_t sent, std::uint64_t) {
  // Bytes acknowledged per blob restart at 0 on a retry; the line shows the running sum of
  // what finished plus the current blob, which is good enough for a glance.
  (void)sent;
  draw();
}

void DeployProgress::blob_done(const std::string&, std::uint64_t size, oci::BlobOutcome outcome) {
  if (outcome == oci::BlobOutcome::kUploaded) uploaded_ += size;
  draw();
}

void DeployProgress::manifest_pushed(const std::string&) { draw(); }

void DeployProgress::draw() {
  if (!live_) return;
  const auto elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  std::string line = fmt::format("{:.1f}s", elapsed);
  if (!phase_.empty()) line += "  " + phase_;
  if (total_ > 0 || !done_.empty()) line += fmt::format("  {}/{} resources", done_.size(), total_);
  if (uploaded_ > 0) line += fmt::format("  {:.1f} MB uploaded", static_cast<double>(uploaded_) / 1e6);
  if (!in_progress_.empty()) {
    line += "  in progress:";
    std::size_t shown = 0;
    for (const auto& id : in_progress_) {
      if (++shown > 4) {
        line += fmt::format(" +{}", in_progress_.size() - 4);
        break;
      }
      line += " " + id;
    }
  }
  if (line.size() > 150) line.resize(150);
  term_ << "\r\x1b[K" << line << std::flush;
  drawn_ = true;
}

}  // namespace hoplite::app
