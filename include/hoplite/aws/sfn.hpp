#pragma once
/// \file AWS Step Functions: start, follow and stop executions; answer task tokens.
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

 private:
  Caller caller_;
};

}  // namespace hoplite::aws::sfn
