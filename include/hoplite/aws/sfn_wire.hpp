#pragma once
/// \file
/// Step Functions on the wire, both directions (see docs/local.md, "Wire shapes"): the client
/// encodes requests and decodes responses, the local cloud decodes requests and encodes responses,
/// with the same functions. JSON 1.0 (`AWSStepFunctions.<Operation>`): a shape is the body.
///
/// Decoders check types only (a `name` that is not a string is a `SerializationException`); the
/// service checks constraints. Response decoders fail with `aws.json`.

#include <nlohmann/json.hpp>

#include "hoplite/aws/sfn.hpp"
#include "hoplite/core/result.hpp"

namespace hoplite::aws::sfn::wire {

// ---- state machines ----
[[nodiscard]] nlohmann::json encode_request(const CreateStateMachineRequest& request);
core::Result<CreateStateMachineRequest> decode_create_state_machine_request(const nlohmann::json& body);
[[nodiscard]] nlohmann::json encode_response(const CreateStateMachineResponse& response);
core::Result<CreateStateMachineResponse> decode_create_state_machine_response(const nlohmann::json& body);

[[nodiscard]] nlohmann::json encode_request(const DescribeStateMachineRequest& request);
core::Result<DescribeStateMachineRequest> decode_describe_state_machine_request(const nlohmann::json& body);
[[nodiscard]] nlohmann::json encode_response(const DescribeStateMachineResponse& response);
core::Result<DescribeStateMachineResponse> decode_describe_state_machine_response(const nlohmann::json& body);

[[nodiscard]] nlohmann::json encode_request(const UpdateStateMachineRequest& request);
core::Result<UpdateStateMachineRequest> decode_update_state_machine_request(const nlohmann::json& body);
[[nodiscard]] nlohmann::json encode_response(const UpdateStateMachineResponse& response);
core::Result<UpdateStateMachineResponse> decode_update_state_machine_response(const nlohmann::json& body);

[[nodiscard]] nlohmann::json encode_request(const DeleteStateMachineRequest& request);
core::Result<DeleteStateMachineRequest> decode_delete_state_machine_request(const nlohmann::json& body);

[[nodiscard]] nlohmann::json encode_request(const ListStateMachinesRequest& request);
core::Result<ListStateMachinesRequest> decode_list_state_machines_request(const nlohmann::json& body);
[[nodiscard]] nlohmann::json encode_response(const ListStateMachinesResponse& response);
core::Result<ListStateMachinesResponse> decode_list_state_machines_response(const nlohmann::json& body);

// ---- executions ----
[[nodiscard]] nlohmann::json encode_request(const StartExecutionRequest& request);
core::Result<StartExecutionRequest> decode_start_execution_request(const nlohmann::json& body);
[[nodiscard]] nlohmann::json encode_response(const StartExecutionResponse& response);
core::Result<StartExecutionResponse> decode_start_execution_response(const nlohmann::json& body);

/// StartSyncExecution's request is StartExecution's.
[[nodiscard]] nlohmann::json encode_response(const StartSyncExecutionResponse& response);
core::Result<StartSyncExecutionResponse> decode_start_sync_execution_response(const nlohmann::json& body);

[[nodiscard]] nlohmann::json encode_request(const DescribeExecutionRequest& request);
core::Result<DescribeExecutionRequest> decode_describe_execution_request(const nlohmann::json& body);
/// DescribeExecution's response is an Execution (with `inputDetails`/`outputDetails`).
[[nodiscard]] nlohmann::json encode_response(const Execution& response);
core::Result<Execution> decode_describe_execution_response(const nlohmann::json& body);

[[nodiscard]] nlohmann::json encode_request(const StopExecutionRequest& request);
core::Result<StopExecutionRequest> decode_stop_execution_request(const nlohmann::json& body);
[[nodiscard]] nlohmann::json encode_response(const StopExecutionResponse& response);
core::Result<StopExecutionResponse> decode_stop_execution_response(const nlohmann::json& body);

[[nodiscard]] nlohmann::json encode_request(const ListExecutionsRequest& request);
core::Result<ListExecutionsRequest> decode_list_executions_request(const nlohmann::json& body);
[[nodiscard]] nlohmann::json encode_response(const ListExecutionsResponse& response);
core::Result<ListExecutionsResponse> decode_list_executions_response(const nlohmann::json& body);

[[nodiscard]] nlohmann::json encode_request(const GetExecutionHistoryRequest& request);
core::Result<GetExecutionHistoryRequest> decode_get_execution_history_request(const nlohmann::json& body);
/// Each event's `details` (JSON object text) goes under its `details_member`; an event whose
/// details are not a JSON object is written without them.
[[nodiscard]] nlohmann::json encode_response(const GetExecutionHistoryResponse& response);
core::Result<GetExecutionHistoryResponse> decode_get_execution_history_response(const nlohmann::json& body);

// ---- task tokens ----
[[nodiscard]] nlohmann::json encode_request(const SendTaskSuccessRequest& request);
core::Result<SendTaskSuccessRequest> decode_send_task_success_request(const nlohmann::json& body);
[[nodiscard]] nlohmann::json encode_request(const SendTaskFailureRequest& request);
core::Result<SendTaskFailureRequest> decode_send_task_failure_request(const nlohmann::json& body);
[[nodiscard]] nlohmann::json encode_request(const SendTaskHeartbeatRequest& request);
core::Result<SendTaskHeartbeatRequest> decode_send_task_heartbeat_request(const nlohmann::json& body);

// ---- TestState ----
[[nodiscard]] nlohmann::json encode_request(const TestStateRequest& request);
core::Result<TestStateRequest> decode_test_state_request(const nlohmann::json& body);
[[nodiscard]] nlohmann::json encode_response(const TestStateResponse& response);
core::Result<TestStateResponse> decode_test_state_response(const nlohmann::json& body);

}  // namespace hoplite::aws::sfn::wire
