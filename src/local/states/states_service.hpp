#pragma once
/// \file The local cloud's Step Functions: state machines (STANDARD and EXPRESS), executions run by
/// hoplite's interpreter (src/sfn) and kept in the store step by step, history, task tokens and
/// TestState. Typed operations first — what the CloudFormation engine's
/// `AWS::StepFunctions::StateMachine` provider and the `states:startExecution` integration call —
/// and a thin JSON 1.0 handler over them (`AWSStepFunctions.*`, states_service.cpp).
///
/// Every operation takes the caller's context (account, region, time) and answers AWS's errors:
/// `StateMachineDoesNotExist`, `ExecutionDoesNotExist`, `InvalidArn`, `InvalidName`,
/// `InvalidDefinition`, `ExecutionAlreadyExists`, `StateMachineAlreadyExists`, `InvalidToken`,
/// `InvalidExecutionInput`, `InvalidOutput`, `ValidationException`, `StateMachineTypeNotSupported`.
///
/// What is emulated and what not: docs/local.md ("Step Functions").

#include <map>
#include <memory>
#include <mutex>

#include "hoplite/aws/sfn.hpp"
#include "local/protocol/json.hpp"
#include "local/service.hpp"

namespace hoplite::sfn {
class Definition;
class TaskIntegration;
}  // namespace hoplite::sfn

namespace hoplite::local::states {

class Runner;
class Integrations;
struct StatesPeers;

class StatesService final : public Service {
 public:
  /// `peers`: the services Task states call (states_integration.hpp); they must outlive this one.
  explicit StatesService(ServiceContext& house);
  StatesService(ServiceContext& house, const StatesPeers& peers);
  ~StatesService() override;

  [[nodiscard]] const ServiceSpec& spec() const override { return spec_; }
  http::Response handle(Call& call) override { return api_.handle(call); }
  nlohmann::json inspect() override;

  // ---- state machines ----
  /// Creating the same name again with the same definition, role and type answers the existing
  /// machine (AWS's idempotency); anything else is StateMachineAlreadyExists.
  core::Result<aws::sfn::CreateStateMachineResponse> create_state_machine(
      const CallContext& ctx, const aws::sfn::CreateStateMachineRequest& request);
  core::Result<aws::sfn::DescribeStateMachineResponse> describe_state_machine(
      const CallContext& ctx, const aws::sfn::DescribeStateMachineRequest& request);
  /// Running executions keep the definition they started with.
  core::Result<aws::sfn::UpdateStateMachineResponse> update_state_machine(
      const CallContext& ctx, const aws::sfn::UpdateStateMachineRequest& request);
  /// Stops the machine's running executions and removes it with them. A machine that does not
  /// exist is not an error (as AWS).
  core::Result<void> delete_state_machine(const CallContext& ctx, const aws::sfn::DeleteStateMachineRequest& request);
  core::Result<aws::sfn::ListStateMachinesResponse> list_state_machines(
      const CallContext& ctx, const aws::sfn::ListStateMachinesRequest& request);

  // ---- executions ----
  /// Name idempotency as AWS: the same name and input while it runs answers the same execution;
  /// a finished one, or another input, is ExecutionAlreadyExists.
  core::Result<aws::sfn::StartExecutionResponse> start_execution(const CallContext& ctx,
                                                                 const aws::sfn::StartExecutionRequest& request);
  /// EXPRESS machines only; answers once the execution finished.
  core::Result<aws::sfn::StartSyncExecutionResponse> start_sync_execution(
      const CallContext& ctx, const aws::sfn::StartExecutionRequest& request);
  core::Result<aws::sfn::Execution> describe_execution(const CallContext& ctx,
                                                       const aws::sfn::DescribeExecutionRequest& request);
  core::Result<aws::sfn::StopExecutionResponse> stop_execution(const CallContext& ctx,
                                                               const aws::sfn::StopExecutionRequest& request);
  core::Result<aws::sfn::ListExecutionsResponse> list_executions(const CallContext& ctx,
                                                                 const aws::sfn::ListExecutionsRequest& request);
  core::Result<aws::sfn::GetExecutionHistoryResponse> get_execution_history(
      const CallContext& ctx, const aws::sfn::GetExecutionHistoryRequest& request);

  // ---- task tokens ----
  core::Result<void> send_task_success(const CallContext& ctx, const aws::sfn::SendTaskSuccessRequest& request);
  core::Result<void> send_task_failure(const CallContext& ctx, const aws::sfn::SendTaskFailureRequest& request);
  core::Result<void> send_task_heartbeat(const CallContext& ctx, const aws::sfn::SendTaskHeartbeatRequest& request);

  // ---- TestState ----
  core::Result<aws::sfn::TestStateResponse> test_state(const CallContext& ctx,
                                                       const aws::sfn::TestStateRequest& request);

 private:
  struct Started {
    std::string arn;
    core::TimePoint start{};
    bool existing = false;  ///< the same name and input were already running (idempotent start)
  };
  /// StartExecution's checks and the start itself; `sync`: StartSyncExecution (EXPRESS only, and
  /// the caller waits for the result, so the runner is told before the execution can finish).
  core::Result<Started> begin_execution(const CallContext& ctx, const aws::sfn::StartExecutionRequest& request,
                                        bool sync);
  void add_routes();
  /// The checked model of a definition, read once per content.
  core::Result<std::shared_ptr<const sfn::Definition>> definition(const std::string& text);

  ServiceSpec spec_;
  JsonApi api_;
  ServiceContext& house_;
  std::mutex definitions_mu_;
  std::map<std::string, std::shared_ptr<const sfn::Definition>> definitions_;  // by SHA-256 of the text
  std::unique_ptr<Integrations> integrations_;
  std::unique_ptr<Runner> runner_;  // last: its thread stops before the rest goes
};

}  // namespace hoplite::local::states
