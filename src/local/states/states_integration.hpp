#pragma once
/// \file The Task integrations of the local cloud's Step Functions: each Task state's resource is
/// served by the owning service's typed operations, in process (never over HTTP):
///
/// | resource | runs |
/// |---|---|
/// | `states:startExecution` (request-response, `.sync`, `.sync:2`) | StatesService::start_execution; `.sync` reports
/// when the child execution finished | | `ecs:runTask` (request-response, `.sync`, `.waitForTaskToken`) |
/// EcsService::run_task; `.sync` reports the STOPPED task (PascalCase) — TaskFailed with the task as cause when a
/// container exited non-zero or the task failed to start | | `sns:publish` | SnsService::publish | | `sqs:sendMessage`
/// | SqsService::send_message | | `aws-sdk:s3:getObject`, `putObject`, `headObject`, `deleteObject`, `listObjects`,
/// `listObjectsV2` | S3Service (integration_sdk.cpp) | | `aws-sdk:sfn:startExecution`, `sendTaskSuccess`,
/// `sendTaskFailure`, `describeExecution` | StatesService | | `lambda:invoke`, Lambda function ARNs | TaskFailed: the
/// local cloud has no Lambda | | anything else | TaskFailed naming the resource as not run by the local cloud |
///
/// `aws-sdk:ecs:*`, `aws-sdk:cloudwatchlogs:*`, `aws-sdk:ssm:*` and `aws-sdk:ecr:*` go to the
/// service's own JSON request handler, in process (integration_sdk.cpp), IAM-checked as
/// `<prefix>:<Action>` on `*`.
///
/// **IAM is enforced** when the house has IAM (StatesPeers::iam): the execution's role must allow
/// the action on the resource (`ecs:RunTask` on the task definition, `iam:PassRole` on its task
/// and execution roles, `sns:Publish` on the topic, `sqs:SendMessage` on the queue,
/// `states:StartExecution` on the state machine), else the Task fails with the service's access
/// error and IAM's AccessDenied text as the cause.
///
/// Service errors become what AWS's integrations report (integration_output.hpp). Work that calls
/// a service runs on the runner's driver thread after the current step (posted), so an
/// integration never re-enters the interpreter.

#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>

#include "hoplite/core/clock.hpp"
#include "hoplite/sfn/engine.hpp"
#include "hoplite/sfn/integration.hpp"
#include "local/service.hpp"

namespace hoplite::aws::ecs {
struct Task;
}

namespace hoplite::local {
namespace ecs {
class EcsService;
}
namespace sns {
class SnsService;
}
namespace sqs {
class SqsService;
}
namespace s3 {
class S3Service;
}
namespace iam {
class IamService;
}
}  // namespace hoplite::local

namespace hoplite::local::states {

class StatesService;
struct ServiceNames;

/// The services Task states reach (each may be null: its Tasks then fail saying so). They must
/// outlive Step Functions.
struct StatesPeers {
  ecs::EcsService* ecs = nullptr;
  sns::SnsService* sns = nullptr;
  sqs::SqsService* sqs = nullptr;
  s3::S3Service* s3 = nullptr;
  iam::IamService* iam = nullptr;
  /// The JSON services `aws-sdk:*` calls through their own request handlers (integration_sdk.cpp).
  Service* logs = nullptr;
  Service* ssm = nullptr;
  Service* ecr = nullptr;
};

class Integrations final : public sfn::TaskIntegration {
 public:
  Integrations(StatesService& states, ServiceContext& house, StatesPeers peers);
  ~Integrations() override;
  Integrations(const Integrations&) = delete;
  Integrations& operator=(const Integrations&) = delete;

  /// Where deferred work goes (the runner's driver); set before the first execution runs.
  void set_poster(std::function<void(std::function<void()>)> post);
  /// Stops ECS's stop notices from reaching this object or the poster: call before the runner
  /// goes (the peers outlive both).
  void detach();

  void start(const sfn::TaskRequest& request, sfn::TaskHandle handle) override;
  void cancel(const sfn::TaskRequest& request) override;
  [[nodiscard]] std::string scheduled_parameters(const sfn::TaskRequest& request) override;

  /// An execution finished (called by the runner): a `.sync` parent waiting for it is told.
  void execution_finished(const sfn::ExecutionInfo& info);

 private:
  void start_execution(const sfn::TaskRequest& request, const sfn::TaskHandle& handle);
  void run_task(const sfn::TaskRequest& request, const sfn::TaskHandle& handle);
  void publish(const sfn::TaskRequest& request, const sfn::TaskHandle& handle);
  void send_message(const sfn::TaskRequest& request, const sfn::TaskHandle& handle);
  /// `aws-sdk:<service>:<action>` (integration_sdk.cpp): S3's object calls, Step Functions', and the
  /// JSON services' (sdk_json).
  void sdk_call(const sfn::TaskRequest& request, const sfn::TaskHandle& handle);
  void sdk_s3(const sfn::TaskRequest& request, const sfn::TaskHandle& handle, const std::string& action);
  void sdk_sfn(const sfn::TaskRequest& request, const sfn::TaskHandle& handle, const std::string& action);
  /// `aws-sdk:ecs|cloudwatchlogs|ssm|ecr:<action>`: any operation of those JSON services, the
  /// Parameters renamed to the wire's member names and sent to `target`'s own request handler.
  void sdk_json(const sfn::TaskRequest& request, const sfn::TaskHandle& handle, const std::string& service,
                Service* target, const std::string& action);
  /// An ECS task stopped (posted from ECS's listener): a `.sync` Task waiting for it is told.
  void task_stopped(const aws::ecs::Task& task);
  /// The Task whose id is `task_id` no longer waits: its ECS task is stopped, if it has one.
  void stop_ecs_task(const std::string& task_id);
  /// IAM's verdict on the execution's role doing `action` on `resource` with the condition `keys`
  /// (always allowed without IAM); a denial comes back as `service`'s access error with IAM's
  /// message.
  core::Result<void> authorize(const sfn::TaskRequest& request, const CallContext& ctx, const ServiceNames& service,
                               const std::string& action, const std::string& resource,
                               std::map<std::string, std::vector<std::string>> keys = {});

  struct Watch {
    sfn::TaskHandle handle;
    sfn::Integration pattern = sfn::Integration::run_job;
    bool v2 = false;  ///< `.sync:2`: Input and Output as JSON, not text
  };
  struct TaskWatch {
    sfn::TaskHandle handle;
    std::string task_id;  ///< the Task state's id (cancel finds the ECS task by it)
    CallContext ctx;      ///< to stop the ECS task as the execution's role
    std::string cluster;
  };

  /// What ECS's stop listener (registered for ECS's lifetime) reaches through, until detach().
  struct Relay {
    std::mutex mu;
    std::function<void(std::function<void()>)> post;
    std::function<void(const aws::ecs::Task&)> task_stopped;
  };

  StatesService& states_;
  ServiceContext& house_;
  StatesPeers peers_;
  std::function<void(std::function<void()>)> post_;
  std::mutex mu_;
  std::map<std::string, Watch> watches_;           // by child execution ARN
  std::map<std::string, TaskWatch> task_watches_;  // by ECS task ARN
  std::shared_ptr<Relay> relay_;
};

}  // namespace hoplite::local::states
