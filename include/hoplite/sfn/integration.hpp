#pragma once
/// \file
/// The seam between Task states and the services they call. The interpreter hands a TaskRequest to
/// a TaskIntegration; the integration answers later, from any thread, through the TaskHandle:
/// `submitted` (the service accepted a `.sync` / `.waitForTaskToken` request), `succeeded`,
/// `failed`, `heartbeat`. The local cloud implements it with its services (ecs, sns, sqs, states,
/// aws-sdk); tests use an in-memory one (tests/fakes/sfn_integration.hpp).
///
/// **Example** (an integration that answers at once):
/// \code
///   class Echo final : public sfn::TaskIntegration {
///     void start(const sfn::TaskRequest& r, sfn::TaskHandle h) override { h.succeeded(r.parameters); }
///   };
/// \endcode

#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "hoplite/sfn/integration_pattern.hpp"

namespace hoplite::sfn {

/// What a Task state asks for. Every text field is what the history shows.
struct TaskRequest {
  std::string execution_arn;  ///< the execution the Task state runs in
  std::string state_name;     ///< the Task state's name
  std::string task_id;        ///< unique in the execution and stable across a resume (the TaskScheduled event id)
  std::string resource;       ///< the Resource ARN as written: `arn:aws:states:::ecs:runTask.sync`
  std::string resource_type;  ///< `ecs`, `sns`, `sqs`, `states`, `aws-sdk:s3`, `lambda`, `activity`
  std::string action;         ///< `runTask.sync`, `publish`, `getObject`, ... (history's `resource`)
  Integration pattern = Integration::request_response;  ///< request-response, `.sync` (run_job) or `.waitForTaskToken`
  std::string parameters;                       ///< the evaluated Parameters, JSON text (`{}` when the state has none)
  std::string task_token;                       ///< `$$.Task.Token` of this attempt (wait_for_task_token needs it)
  std::optional<std::int64_t> timeout_seconds;  ///< TimeoutSeconds(Path) when set
  std::optional<std::int64_t> heartbeat_seconds;  ///< HeartbeatSeconds(Path) when set
  std::string role_arn;                           ///< the execution's role (for IAM checks)
  std::string region;                             ///< the engine's region
  std::string account;                            ///< the engine's account id
  /// True when the engine restarted from a snapshot while this call was in flight: the service may
  /// have done the work already (attach to it rather than start it twice, where possible).
  bool resumed = false;
};

namespace asl {
struct TaskInbox;
}

/// How an integration reports back. Cheap to copy; every method is thread-safe and may be called
/// any time after TaskIntegration::start (even inside it). Reports after the task ended (timed
/// out, execution stopped) or a second final report are ignored.
class TaskHandle {
 public:
  TaskHandle() = default;
  /// A handle for one task of one execution (the engine makes them).
  TaskHandle(std::shared_ptr<asl::TaskInbox> inbox, std::string execution_arn, std::string task_id);

  /// `.sync` / `.waitForTaskToken`: the service accepted the request; `output_json` is its
  /// response (the TaskSubmitted event). Request-response tasks call succeeded() instead.
  void submitted(std::string output_json) const;
  /// The task's result (JSON text).
  void succeeded(std::string output_json) const;
  /// The task failed: `error` is the name Retry/Catch match (`States.TaskFailed`,
  /// `SNS.NotFoundException`, ...), `cause` a text (often JSON) for people.
  void failed(std::string error, std::string cause) const;
  /// The task is alive (resets HeartbeatSeconds).
  void heartbeat() const;

  /// The task's id (TaskRequest::task_id).
  [[nodiscard]] const std::string& task_id() const { return task_id_; }

 private:
  std::shared_ptr<asl::TaskInbox> inbox_;
  std::string execution_arn_;
  std::string task_id_;
};

/// Runs the work of Task states. Called by the engine's thread; must not block for long (start
/// the work and return; report through the handle).
class TaskIntegration {
 public:
  virtual ~TaskIntegration() = default;
  /// Starts `request`. `.waitForTaskToken` tasks end when someone calls Engine::send_task_success
  /// / send_task_failure with the token; report the service call itself with submitted() or failed().
  virtual void start(const TaskRequest& request, TaskHandle handle) = 0;
  /// The task no longer matters (timed out, execution stopped, a Parallel sibling failed): stop
  /// the work if it can be stopped (ECS StopTask). Default: nothing.
  virtual void cancel(const TaskRequest& request) { (void)request; }
  /// The Parameters as the TaskScheduled event shows them (ecs runTask.sync adds
  /// `"StartedBy": "AWS Step Functions"`). Default: unchanged.
  [[nodiscard]] virtual std::string scheduled_parameters(const TaskRequest& request) { return request.parameters; }
};

}  // namespace hoplite::sfn
