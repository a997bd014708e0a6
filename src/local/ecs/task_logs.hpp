#pragma once
/// \file Where a task's output goes: the `awslogs` log driver's destination, one event per line.
/// The seam lets ECS write through CloudWatch Logs' typed operations without knowing that service
/// (services.cpp connects them), and lets tests collect the lines.

#include <string>
#include <vector>

#include "hoplite/core/clock.hpp"

namespace hoplite::local::ecs {

/// `awslogs-group` and the stream `<awslogs-stream-prefix>/<container name>/<task id>`.
struct LogDestination {
  std::string account;
  std::string region;
  std::string group;
  std::string stream;
};

struct LogLine {
  core::TimePoint time;
  std::string message;  ///< one line, without its newline
};

class TaskLogSink {
 public:
  virtual ~TaskLogSink() = default;
  /// Appends `lines` (in order) to the destination's stream, creating the stream (not the group:
  /// as with awslogs, a missing group is the task definition's error unless `awslogs-create-group`
  /// is "true"). Called from the supervisor's thread; failures are the sink's to report.
  virtual void put(const LogDestination& destination, bool create_group, std::vector<LogLine> lines) = 0;
};

}  // namespace hoplite::local::ecs
