#pragma once
/// \file An in-memory TaskIntegration for the interpreter's tests: handlers per Resource ARN,
/// every request and cancellation recorded, handles kept so a test can answer later.

#include <functional>
#include <map>
#include <string>
#include <vector>

#include "hoplite/sfn/integration.hpp"

namespace hoplite::sfn::testing {

class InMemoryIntegration final : public TaskIntegration {
 public:
  using Handler = std::function<void(const TaskRequest&, const TaskHandle&)>;

  /// What a Task with this Resource does when started; none: the task stays open (answer it
  /// through `handles`).
  std::map<std::string, Handler> handlers;
  std::vector<TaskRequest> started;
  std::vector<TaskRequest> cancelled;
  std::map<std::string, TaskHandle> handles;  ///< by task id

  void start(const TaskRequest& request, TaskHandle handle) override {
    started.push_back(request);
    handles[request.task_id] = handle;
    auto it = handlers.find(request.resource);
    if (it != handlers.end()) it->second(request, handle);
  }
  void cancel(const TaskRequest& request) override { cancelled.push_back(request); }

  /// The handle of the most recent task.
  [[nodiscard]] const TaskHandle& last() const { return handles.at(started.back().task_id); }
};

/// Answers with the request's parameters (a service that echoes).
inline InMemoryIntegration::Handler echo() {
  return [](const TaskRequest& r, const TaskHandle& h) { h.succeeded(r.parameters); };
}

/// Fails every call with `error` / `cause`.
inline InMemoryIntegration::Handler failing(std::string error, std::string cause) {
  return [error, cause](const TaskRequest&, const TaskHandle& h) { h.failed(error, cause); };
}

}  // namespace hoplite::sfn::testing
