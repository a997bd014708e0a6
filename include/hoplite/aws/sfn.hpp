#pragma once
/// \file
/// AWS Step Functions: start, follow and stop executions; answer task tokens.
/// API: https://docs.aws.amazon.com/step-functions/latest/apireference/

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "hoplite/aws/caller.hpp"
#include "hoplite/core/clock.hpp"

namespace hoplite::aws::sfn {

/// JSON 1.0, target prefix AWSStepFunctions, endpoint `states`, signing name `states`.
[[nodiscard]] ServiceInfo service_info();

/// The parameters of StartExecution and StartSyncExecution (Client::start_execution).
struct StartExecutionRequest {
  std::string state_machine_arn;  ///< `stateMachineArn` on the wire
  /// The execution name, which is also StartExecution's idempotency key: starting again with the
  /// same name and input returns the running execution instead of a second one. Default: none
  /// (the service picks a UUID, and a retried call may start a second execution).
  std::optional<std::string> name;
  std::optional<std::string> input;  ///< JSON text; default: "{}"
};
/// What StartExecution returns.
struct StartExecutionResponse {
  std::string execution_arn;                  ///< `executionArn` on the wire
  std::optional<core::TimePoint> start_date;  ///< `startDate` on the wire
};

/// An execution as DescribeExecution and ListExecutions report it.
struct Execution {
  std::string execution_arn;                  ///< `executionArn` on the wire
  std::string state_machine_arn;              ///< `stateMachineArn` on the wire
  std::string name;                           ///< `name` on the wire
  std::string status;                         ///< RUNNING, SUCCEEDED, FAILED, TIMED_OUT, ABORTED
  std::optional<core::TimePoint> start_date;  ///< `startDate` on the wire
  std::optional<core::TimePoint> stop_date;   ///< `stopDate` on the wire
  std::optional<std::string> input;           ///< `input` on the wire
  std::optional<std::string> output;          ///< `output` on the wire
  std::optional<std::string> error;           ///< `error` on the wire
  std::optional<std::string> cause;           ///< `cause` on the wire
};

/// AWS's `HistoryEvent` data type: https://docs.aws.amazon.com/step-functions/latest/apireference/API_HistoryEvent.html
struct HistoryEvent {
  std::int64_t id = 0;                       ///< `id` on the wire
  std::int64_t previous_event_id = 0;        ///< `previousEventId` on the wire
  std::string type;                          ///< ExecutionStarted, TaskStateEntered, TaskSucceeded, …
  std::optional<core::TimePoint> timestamp;  ///< `timestamp` on the wire
  /// The event's `…EventDetails` object as JSON text (its shape depends on `type`); "" when none.
  std::string details;
  /// The member `details` was read from (`stateEnteredEventDetails`, …); "" when none.
  std::string details_member;
};

/// The parameters of GetExecutionHistory (Client::get_execution_history).
struct GetExecutionHistoryRequest {
  std::string execution_arn;              ///< `executionArn` on the wire
  std::optional<int> max_results;         ///< `maxResults` on the wire
  bool reverse_order = false;             ///< `reverseOrder` on the wire
  std::optional<std::string> next_token;  ///< `nextToken` on the wire
};
/// What GetExecutionHistory returns.
struct GetExecutionHistoryResponse {
  std::vector<HistoryEvent> events;       ///< `events` on the wire
  std::optional<std::string> next_token;  ///< `nextToken` on the wire
};

/// The parameters of ListExecutions (Client::list_executions).
struct ListExecutionsRequest {
  std::string state_machine_arn;             ///< `stateMachineArn` on the wire
  std::optional<std::string> status_filter;  ///< RUNNING, SUCCEEDED, …; default: every status
  std::optional<int> max_results;            ///< 1–1000; default: the service's (100)
  std::optional<std::string> next_token;     ///< `nextToken` on the wire
};
/// What ListExecutions returns.
struct ListExecutionsResponse {
  std::vector<Execution> executions;      ///< newest first; input/output/error/cause are not listed
  std::optional<std::string> next_token;  ///< `nextToken` on the wire
};

/// The parameters of StopExecution (Client::stop_execution).
struct StopExecutionRequest {
  std::string execution_arn;         ///< `executionArn` on the wire
  std::optional<std::string> error;  ///< `error` on the wire
  std::optional<std::string> cause;  ///< `cause` on the wire
};

/// The parameters of DescribeExecution (Client::describe_execution).
struct DescribeExecutionRequest {
  std::string execution_arn;  ///< `executionArn` on the wire
};
/// What StopExecution returns.
struct StopExecutionResponse {
  std::optional<core::TimePoint> stop_date;  ///< `stopDate` on the wire
};
/// The parameters of DescribeStateMachine (Client::describe_state_machine).
struct DescribeStateMachineRequest {
  std::string state_machine_arn;  ///< `stateMachineArn` on the wire
};
/// The parameters of DeleteStateMachine (Client::delete_state_machine).
struct DeleteStateMachineRequest {
  std::string state_machine_arn;  ///< `stateMachineArn` on the wire
};

/// A tag on a state machine.
struct Tag {
  std::string key;    ///< `key` on the wire
  std::string value;  ///< `value` on the wire
};

/// The parameters of CreateStateMachine (Client::create_state_machine).
struct CreateStateMachineRequest {
  std::string name;                 ///< 1-80 characters, no whitespace, brackets, wildcards or `"#%\^|~`$&,;:/`
  std::string definition;           ///< the Amazon States Language text, at most 1 MiB
  std::string role_arn;             ///< the role executions run as (Task integrations are checked against it)
  std::optional<std::string> type;  ///< STANDARD or EXPRESS; default STANDARD
  std::vector<Tag> tags;            ///< default: none
};
/// What CreateStateMachine returns.
struct CreateStateMachineResponse {
  std::string state_machine_arn;                 ///< `stateMachineArn` on the wire
  std::optional<core::TimePoint> creation_date;  ///< `creationDate` on the wire
};

/// What DescribeStateMachine returns.
struct DescribeStateMachineResponse {
  std::string state_machine_arn;  ///< `stateMachineArn` on the wire
  std::string name;               ///< `name` on the wire
  std::string status;             ///< ACTIVE (DELETING while executions still run after DeleteStateMachine)
  std::string definition;         ///< `definition` on the wire
  std::string role_arn;           ///< `roleArn` on the wire
  std::string type;               ///< STANDARD or EXPRESS
  std::optional<core::TimePoint> creation_date;  ///< `creationDate` on the wire
  std::optional<std::string> revision_id;        ///< changes with every UpdateStateMachine
};

/// The parameters of UpdateStateMachine (Client::update_state_machine).
struct UpdateStateMachineRequest {
  std::string state_machine_arn;          ///< `stateMachineArn` on the wire
  std::optional<std::string> definition;  ///< default: unchanged
  std::optional<std::string> role_arn;    ///< default: unchanged
};
/// What UpdateStateMachine returns.
struct UpdateStateMachineResponse {
  std::optional<core::TimePoint> update_date;  ///< `updateDate` on the wire
  std::optional<std::string> revision_id;      ///< `revisionId` on the wire
};

/// AWS's `StateMachineListItem` data type:
/// https://docs.aws.amazon.com/step-functions/latest/apireference/API_StateMachineListItem.html
struct StateMachineListItem {
  std::string state_machine_arn;                 ///< `stateMachineArn` on the wire
  std::string name;                              ///< `name` on the wire
  std::string type;                              ///< `type` on the wire
  std::optional<core::TimePoint> creation_date;  ///< `creationDate` on the wire
};
/// The parameters of ListStateMachines (Client::list_state_machines).
struct ListStateMachinesRequest {
  std::optional<int> max_results;         ///< 1-1000; default: the service's (100)
  std::optional<std::string> next_token;  ///< `nextToken` on the wire
};
/// What ListStateMachines returns.
struct ListStateMachinesResponse {
  std::vector<StateMachineListItem> state_machines;  ///< by name
  std::optional<std::string> next_token;             ///< `nextToken` on the wire
};

/// StartSyncExecution's answer (EXPRESS state machines): the finished execution.
struct StartSyncExecutionResponse {
  std::string execution_arn;                  ///< `executionArn` on the wire
  std::string state_machine_arn;              ///< `stateMachineArn` on the wire
  std::string name;                           ///< `name` on the wire
  std::string status;                         ///< SUCCEEDED, FAILED, TIMED_OUT
  std::optional<core::TimePoint> start_date;  ///< `startDate` on the wire
  std::optional<core::TimePoint> stop_date;   ///< `stopDate` on the wire
  std::optional<std::string> input;           ///< `input` on the wire
  std::optional<std::string> output;          ///< `output` on the wire
  std::optional<std::string> error;           ///< `error` on the wire
  std::optional<std::string> cause;           ///< `cause` on the wire
};

/// The parameters of SendTaskSuccess (Client::send_task_success).
struct SendTaskSuccessRequest {
  std::string task_token;  ///< a bearer secret: never logged
  std::string output;      ///< JSON text
};
/// The parameters of SendTaskFailure (Client::send_task_failure).
struct SendTaskFailureRequest {
  std::string task_token;            ///< `taskToken` on the wire
  std::optional<std::string> error;  ///< `error` on the wire
  std::optional<std::string> cause;  ///< `cause` on the wire
};
/// The parameters of SendTaskHeartbeat (Client::send_task_heartbeat).
struct SendTaskHeartbeatRequest {
  std::string task_token;  ///< `taskToken` on the wire
};

/// TestState: one state run on its own (no execution, no history).
struct TestStateRequest {
  std::string definition;                       ///< one state's definition (JSON object text)
  std::optional<std::string> role_arn;          ///< `roleArn` on the wire
  std::optional<std::string> input;             ///< JSON text; default "{}"
  std::optional<std::string> inspection_level;  ///< INFO (default), DEBUG, TRACE
};
/// What TestState returns.
struct TestStateResponse {
  std::optional<std::string> output;      ///< `output` on the wire
  std::optional<std::string> error;       ///< `error` on the wire
  std::optional<std::string> cause;       ///< `cause` on the wire
  std::optional<std::string> next_state;  ///< `nextState` on the wire
  std::string status;                     ///< SUCCEEDED, FAILED, RETRIABLE, CAUGHT_ERROR
};

/// The Step Functions client: one method per action, each signed, sent and retried through a Caller.
class Client {
 public:
  /// A client that signs and sends with `config` (region, credentials, HTTP client, clock, endpoint, retries).
  explicit Client(const ClientConfig& config);

  /// Calls StartExecution: https://docs.aws.amazon.com/step-functions/latest/apireference/API_StartExecution.html
  core::Result<StartExecutionResponse> start_execution(const StartExecutionRequest& request);
  /// Calls DescribeExecution: https://docs.aws.amazon.com/step-functions/latest/apireference/API_DescribeExecution.html
  core::Result<Execution> describe_execution(const std::string& execution_arn);
  /// One page of executions, newest first.
  core::Result<ListExecutionsResponse> list_executions(const ListExecutionsRequest& request);
  /// Calls GetExecutionHistory:
  /// https://docs.aws.amazon.com/step-functions/latest/apireference/API_GetExecutionHistory.html
  core::Result<GetExecutionHistoryResponse> get_execution_history(const GetExecutionHistoryRequest& request);
  /// The whole history: get_execution_history page after page.
  core::Result<std::vector<HistoryEvent>> get_execution_history_all(GetExecutionHistoryRequest request);
  /// Returns the stop date.
  core::Result<std::optional<core::TimePoint>> stop_execution(const StopExecutionRequest& request);
  /// `task_token` is a bearer secret for that task: it is never logged.
  core::Result<void> send_task_success(const std::string& task_token, const std::string& output_json);
  /// Calls SendTaskFailure: https://docs.aws.amazon.com/step-functions/latest/apireference/API_SendTaskFailure.html
  core::Result<void> send_task_failure(const std::string& task_token, const std::optional<std::string>& error,
                                       const std::optional<std::string>& cause);
  /// Calls SendTaskHeartbeat: https://docs.aws.amazon.com/step-functions/latest/apireference/API_SendTaskHeartbeat.html
  core::Result<void> send_task_heartbeat(const std::string& task_token);

  /// Calls CreateStateMachine:
  /// https://docs.aws.amazon.com/step-functions/latest/apireference/API_CreateStateMachine.html
  core::Result<CreateStateMachineResponse> create_state_machine(const CreateStateMachineRequest& request);
  /// Calls DescribeStateMachine:
  /// https://docs.aws.amazon.com/step-functions/latest/apireference/API_DescribeStateMachine.html
  core::Result<DescribeStateMachineResponse> describe_state_machine(const std::string& state_machine_arn);
  /// Calls UpdateStateMachine:
  /// https://docs.aws.amazon.com/step-functions/latest/apireference/API_UpdateStateMachine.html
  core::Result<UpdateStateMachineResponse> update_state_machine(const UpdateStateMachineRequest& request);
  /// Calls DeleteStateMachine:
  /// https://docs.aws.amazon.com/step-functions/latest/apireference/API_DeleteStateMachine.html
  core::Result<void> delete_state_machine(const std::string& state_machine_arn);
  /// Calls ListStateMachines: https://docs.aws.amazon.com/step-functions/latest/apireference/API_ListStateMachines.html
  core::Result<ListStateMachinesResponse> list_state_machines(const ListStateMachinesRequest& request);
  /// EXPRESS state machines only: runs the execution and answers when it finished.
  core::Result<StartSyncExecutionResponse> start_sync_execution(const StartExecutionRequest& request);
  /// Calls TestState: https://docs.aws.amazon.com/step-functions/latest/apireference/API_TestState.html
  core::Result<TestStateResponse> test_state(const TestStateRequest& request);

 private:
  Caller caller_;
};

}  // namespace hoplite::aws::sfn
