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

struct StartExecutionRequest {
  std::string state_machine_arn;
  /// The execution name, which is also StartExecution's idempotency key: starting again with the
  /// same name and input returns the running execution instead of a second one. Default: none
  /// (the service picks a UUID, and a retried call may start a second execution).
  std::optional<std::string> name;
  std::optional<std::string> input;  ///< JSON text; default: "{}"
};
struct StartExecutionResponse {
  std::string execution_arn;
  std::optional<core::TimePoint> start_date;
};

struct Execution {
  std::string execution_arn;
  std::string state_machine_arn;
  std::string name;
  std::string status;  ///< RUNNING, SUCCEEDED, FAILED, TIMED_OUT, ABORTED
  std::optional<core::TimePoint> start_date;
  std::optional<core::TimePoint> stop_date;
  std::optional<std::string> input;
  std::optional<std::string> output;
  std::optional<std::string> error;
  std::optional<std::string> cause;
};

struct HistoryEvent {
  std::int64_t id = 0;
  std::int64_t previous_event_id = 0;
  std::string type;  ///< ExecutionStarted, TaskStateEntered, TaskSucceeded, …
  std::optional<core::TimePoint> timestamp;
  /// The event's `…EventDetails` object as JSON text (its shape depends on `type`); "" when none.
  std::string details;
  /// The member `details` was read from (`stateEnteredEventDetails`, …); "" when none.
  std::string details_member;
};

struct GetExecutionHistoryRequest {
  std::string execution_arn;
  std::optional<int> max_results;
  bool reverse_order = false;
  std::optional<std::string> next_token;
};
struct GetExecutionHistoryResponse {
  std::vector<HistoryEvent> events;
  std::optional<std::string> next_token;
};

struct ListExecutionsRequest {
  std::string state_machine_arn;
  std::optional<std::string> status_filter;  ///< RUNNING, SUCCEEDED, …; default: every status
  std::optional<int> max_results;            ///< 1–1000; default: the service's (100)
  std::optional<std::string> next_token;
};
struct ListExecutionsResponse {
  std::vector<Execution> executions;  ///< newest first; input/output/error/cause are not listed
  std::optional<std::string> next_token;
};

struct StopExecutionRequest {
  std::string execution_arn;
  std::optional<std::string> error;
  std::optional<std::string> cause;
};

struct DescribeExecutionRequest {
  std::string execution_arn;
};
struct StopExecutionResponse {
  std::optional<core::TimePoint> stop_date;
};
struct DescribeStateMachineRequest {
  std::string state_machine_arn;
};
struct DeleteStateMachineRequest {
  std::string state_machine_arn;
};

/// A tag on a state machine.
struct Tag {
  std::string key;
  std::string value;
};

struct CreateStateMachineRequest {
  std::string name;                 ///< 1-80 characters, no whitespace, brackets, wildcards or `"#%\^|~`$&,;:/`
  std::string definition;           ///< the Amazon States Language text, at most 1 MiB
  std::string role_arn;             ///< the role executions run as (Task integrations are checked against it)
  std::optional<std::string> type;  ///< STANDARD or EXPRESS; default STANDARD
  std::vector<Tag> tags;            ///< default: none
};
struct CreateStateMachineResponse {
  std::string state_machine_arn;
  std::optional<core::TimePoint> creation_date;
};

struct DescribeStateMachineResponse {
  std::string state_machine_arn;
  std::string name;
  std::string status;  ///< ACTIVE (DELETING while executions still run after DeleteStateMachine)
  std::string definition;
  std::string role_arn;
  std::string type;  ///< STANDARD or EXPRESS
  std::optional<core::TimePoint> creation_date;
  std::optional<std::string> revision_id;  ///< changes with every UpdateStateMachine
};

struct UpdateStateMachineRequest {
  std::string state_machine_arn;
  std::optional<std::string> definition;  ///< default: unchanged
  std::optional<std::string> role_arn;    ///< default: unchanged
};
struct UpdateStateMachineResponse {
  std::optional<core::TimePoint> update_date;
  std::optional<std::string> revision_id;
};

struct StateMachineListItem {
  std::string state_machine_arn;
  std::string name;
  std::string type;
  std::optional<core::TimePoint> creation_date;
};
struct ListStateMachinesRequest {
  std::optional<int> max_results;  ///< 1-1000; default: the service's (100)
  std::optional<std::string> next_token;
};
struct ListStateMachinesResponse {
  std::vector<StateMachineListItem> state_machines;  ///< by name
  std::optional<std::string> next_token;
};

/// StartSyncExecution's answer (EXPRESS state machines): the finished execution.
struct StartSyncExecutionResponse {
  std::string execution_arn;
  std::string state_machine_arn;
  std::string name;
  std::string status;  ///< SUCCEEDED, FAILED, TIMED_OUT
  std::optional<core::TimePoint> start_date;
  std::optional<core::TimePoint> stop_date;
  std::optional<std::string> input;
  std::optional<std::string> output;
  std::optional<std::string> error;
  std::optional<std::string> cause;
};

struct SendTaskSuccessRequest {
  std::string task_token;  ///< a bearer secret: never logged
  std::string output;      ///< JSON text
};
struct SendTaskFailureRequest {
  std::string task_token;
  std::optional<std::string> error;
  std::optional<std::string> cause;
};
struct SendTaskHeartbeatRequest {
  std::string task_token;
};

/// TestState: one state run on its own (no execution, no history).
struct TestStateRequest {
  std::string definition;  ///< one state's definition (JSON object text)
  std::optional<std::string> role_arn;
  std::optional<std::string> input;             ///< JSON text; default "{}"
  std::optional<std::string> inspection_level;  ///< INFO (default), DEBUG, TRACE
};
struct TestStateResponse {
  std::optional<std::string> output;
  std::optional<std::string> error;
  std::optional<std::string> cause;
  std::optional<std::string> next_state;
  std::string status;  ///< SUCCEEDED, FAILED, RETRIABLE, CAUGHT_ERROR
};

class Client {
 public:
  explicit Client(const ClientConfig& config);

  core::Result<StartExecutionResponse> start_execution(const StartExecutionRequest& request);
  core::Result<Execution> describe_execution(const std::string& execution_arn);
  /// One page of executions, newest first.
  core::Result<ListExecutionsResponse> list_executions(const ListExecutionsRequest& request);
  core::Result<GetExecutionHistoryResponse> get_execution_history(const GetExecutionHistoryRequest& request);
  core::Result<std::vector<HistoryEvent>> get_execution_history_all(GetExecutionHistoryRequest request);
  /// Returns the stop date.
  core::Result<std::optional<core::TimePoint>> stop_execution(const StopExecutionRequest& request);
  /// `task_token` is a bearer secret for that task: it is never logged.
  core::Result<void> send_task_success(const std::string& task_token, const std::string& output_json);
  core::Result<void> send_task_failure(const std::string& task_token, const std::optional<std::string>& error,
                                       const std::optional<std::string>& cause);
  core::Result<void> send_task_heartbeat(const std::string& task_token);

  core::Result<CreateStateMachineResponse> create_state_machine(const CreateStateMachineRequest& request);
  core::Result<DescribeStateMachineResponse> describe_state_machine(const std::string& state_machine_arn);
  core::Result<UpdateStateMachineResponse> update_state_machine(const UpdateStateMachineRequest& request);
  core::Result<void> delete_state_machine(const std::string& state_machine_arn);
  core::Result<ListStateMachinesResponse> list_state_machines(const ListStateMachinesRequest& request);
  /// EXPRESS state machines only: runs the execution and answers when it finished.
  core::Result<StartSyncExecutionResponse> start_sync_execution(const StartExecutionRequest& request);
  core::Result<TestStateResponse> test_state(const TestStateRequest& request);

 private:
  Caller caller_;
};

}  // namespace hoplite::aws::sfn
