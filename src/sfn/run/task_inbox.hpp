#pragma once
/// \file Where TaskHandles leave their reports: the only state shared across threads.

#include <functional>
#include <mutex>
#include <vector>

#include "hoplite/sfn/integration.hpp"
#include "sfn/run/execution.hpp"

namespace hoplite::sfn::asl {

struct TaskInbox {
  std::mutex mu;
  std::vector<TaskReport> reports;
  std::function<void()> wake;  ///< set once, before any handle exists
  bool closed = false;         ///< the engine is gone: reports are dropped

  void post(TaskReport report) {
    {
      std::lock_guard lock(mu);
      if (closed) return;
      reports.push_back(std::move(report));
    }
    if (wake) wake();
  }

  std::vector<TaskReport> take() {
    std::lock_guard lock(mu);
    return std::exchange(reports, {});
  }
};

}  // namespace hoplite::sfn::asl
