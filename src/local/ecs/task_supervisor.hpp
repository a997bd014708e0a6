#pragma once
/// \file Runs ECS tasks: one thread for every task of the local cloud (no thread per task). It
/// takes start and stop requests from a queue; starting a task pulls its images (ImageCache) and
/// starts its containers (runtime seam); then one poll() watches every container's output pipes
/// and a pidfd per container for its exit, ships output lines to the log sink, and enforces stop
/// timeouts (SIGTERM, then SIGKILL). Task state changes go through `TaskUpdate`, which the ECS
/// service implements as a transaction on the task's row.

#include <sys/types.h>

#include <chrono>
#include <condition_variable>
#include <deque>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "hoplite/aws/ecs.hpp"
#include "hoplite/core/clock.hpp"
#include "local/ecs/ecs_state.hpp"
#include "local/ecs/image_cache.hpp"
#include "local/ecs/task_logs.hpp"
#include "local/runtime/container_runtime.hpp"

namespace hoplite::local::ecs {

/// Applies `change` to the stored task (in one transaction) and returns the task as stored after
/// it; fails when the task is gone.
using TaskUpdate = std::function<core::Result<aws::ecs::Task>(const Scope&, const std::string& id,
                                                              const std::function<void(aws::ecs::Task&)>& change)>;

struct SupervisorOptions {
  runtime::ContainerRuntime* runtime = nullptr;  ///< required
  ImageCache* images = nullptr;                  ///< required
  TaskLogSink* logs = nullptr;                   ///< default none: output is dropped
  core::Clock* clock = nullptr;                  ///< task timestamps; required
  std::filesystem::path work_dir;                ///< per-container directories; required
  TaskUpdate update;                             ///< required
  /// The registry login for a task's image (the local ECR's token for the task's account). Default:
  /// anonymous pulls.
  RegistryCredentials registry_credentials;
  /// Where a task's image is read in process instead of pulled (the local ECR's storage). Default:
  /// every image is pulled.
  LocalImages local_images;
  /// Platform variables per task (metadata and credentials endpoints). Default: none.
  std::function<std::vector<std::pair<std::string, std::string>>(const StoredTask&)> platform_env;
};

/// The runtime's name of a task's container: `hoplite-<task id>-<index>`.
[[nodiscard]] std::string runtime_id(const std::string& task_id, std::size_t index);

class TaskSupervisor {
 public:
  explicit TaskSupervisor(SupervisorOptions options);
  /// Stops every running container (SIGKILL) and the thread. Their tasks stay as stored; the
  /// next start settles them (see EcsService).
  ~TaskSupervisor();
  TaskSupervisor(const TaskSupervisor&) = delete;
  TaskSupervisor& operator=(const TaskSupervisor&) = delete;

  /// Queues the start of a task stored PROVISIONING.
  void start(StoredTask task);
  /// Asks a task to stop: SIGTERM to its containers, SIGKILL after each one's stop timeout. A task
  /// still queued stops without running.
  void stop(const Scope& scope, const std::string& id);

 private:
  struct Container;
  struct Running;
  struct Command {
    enum Kind { start, stop } kind;
    StoredTask task;  ///< start
    Scope scope;      ///< stop
    std::string id;   ///< stop
  };

  void loop();
  void launch(StoredTask task);
  void begin_stop(Running& task, std::chrono::steady_clock::time_point now);
  void read_output(Running& task, Container& c, int fd, bool final);
  void finish(Running& task);
  void fail_to_start(const StoredTask& task, const std::string& reason);
  void wake();

  SupervisorOptions options_;
  std::mutex mutex_;
  std::deque<Command> queue_;
  bool quit_ = false;
  int wake_read_ = -1;
  int wake_write_ = -1;
  std::map<std::string, std::unique_ptr<Running>> running_;  ///< by "account/region/id"; loop thread only
  std::thread thread_;
};

}  // namespace hoplite::local::ecs
