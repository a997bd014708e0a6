#pragma once
/// \file The awslogs destination of ECS tasks, written through the local CloudWatch Logs' typed
/// operations: what connects `ecs::TaskLogSink` to `logs::LogsService` (services.cpp wires it), so
/// neither service knows the other.

#include <memory>

#include "local/ecs/task_logs.hpp"

namespace hoplite::local {

namespace logs {
class LogsService;
}

/// Appends task output as log events; creates the stream (and the group when the definition says
/// `awslogs-create-group: true`). A batch CloudWatch refuses (no such group, too large) is reported
/// on the server's log and dropped, as the awslogs driver drops what it cannot deliver.
std::shared_ptr<ecs::TaskLogSink> task_logs_to_cloudwatch(logs::LogsService& logs, core::Clock& clock);

}  // namespace hoplite::local
