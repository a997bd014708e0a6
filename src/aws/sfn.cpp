#include "hoplite/aws/sfn.hpp"

#include "aws/protocol/json_call.hpp"
#include "aws/protocol/pages.hpp"
#include "hoplite/aws/sfn_wire.hpp"

namespace hoplite::aws::sfn {
namespace {

// One call: the request shape out, the response shape back (both through sfn_wire).
template <typename Decode>
auto call(Caller& caller, std::string_view operation, const nlohmann::json& in, Decode decode)
    -> decltype(decode(nlohmann::json())) {
  auto out = detail::json_call(caller, operation, in);
  if (!out) return out.failure();
  return decode(*out);
}

core::Result<void> call_void(Caller& caller, std::string_view operation, const nlohmann::json& in) {
  auto out = detail::json_call(caller, operation, in);
  if (!out) return out.failure();
  return core::ok();
}

}  // namespace

ServiceInfo service_info() {
  return {.name = "states",
          .endpoint_id = "states",
          .signing_name = "states",
          .protocol = Protocol::json_1_0,
          .target_prefix = "AWSStepFunctions"};
}

Client::Client(const ClientConfig& config) : caller_(service_info(), config) {}

core::Result<StartExecutionResponse> Client::start_execution(const StartExecutionRequest& r) {
  return call(caller_, "StartExecution", wire::encode_request(r), wire::decode_start_execution_response);
}

core::Result<Execution> Client::describe_execution(const std::string& execution_arn) {
  return call(caller_, "DescribeExecution", wire::encode_request(DescribeExecutionRequest{execution_arn}),
              wire::decode_describe_execution_response);
}

core::Result<ListExecutionsResponse> Client::list_executions(const ListExecutionsRequest& r) {
  return call(caller_, "ListExecutions", wire::encode_request(r), wire::decode_list_executions_response);
}

core::Result<GetExecutionHistoryResponse> Client::get_execution_history(const GetExecutionHistoryRequest& r) {
  return call(caller_, "GetExecutionHistory", wire::encode_request(r), wire::decode_get_execution_history_response);
}

core::Result<std::vector<HistoryEvent>> Client::get_execution_history_all(GetExecutionHistoryRequest r) {
  std::vector<HistoryEvent> all;
  auto done = detail::each_page(
      r, [this](const GetExecutionHistoryRequest& req) { return get_execution_history(req); },
      [&](GetExecutionHistoryResponse& p) { all.insert(all.end(), p.events.begin(), p.events.end()); });
  if (!done) return done.failure();
  return all;
}

core::Result<std::optional<core::TimePoint>> Client::stop_execution(const StopExecutionRequest& r) {
  auto out = call(caller_, "StopExecution", wire::encode_request(r), wire::decode_stop_execution_response);
  if (!out) return out.failure();
  return out->stop_date;
}

core::Result<void> Client::send_task_success(const std::string& task_token, const std::string& output_json) {
  return call_void(caller_, "SendTaskSuccess", wire::encode_request(SendTaskSuccessRequest{task_token, output_json}));
}

core::Result<void> Client::send_task_failure(const std::string& task_token, const std::optional<std::string>& error,
                                             const std::optional<std::string>& cause) {
  return call_void(caller_, "SendTaskFailure", wire::encode_request(SendTaskFailureRequest{task_token, error, cause}));
}

core::Result<void> Client::send_task_heartbeat(const std::string& task_token) {
  return call_void(caller_, "SendTaskHeartbeat", wire::encode_request(SendTaskHeartbeatRequest{task_token}));
}

core::Result<CreateStateMachineResponse> Client::create_state_machine(const CreateStateMachineRequest& r) {
  return call(caller_, "CreateStateMachine", wire::encode_request(r), wire::decode_create_state_machine_response);
}

core::Result<DescribeStateMachineResponse> Client::describe_state_machine(const std::string& state_machine_arn) {
  return call(caller_, "DescribeStateMachine", wire::encode_request(DescribeStateMachineRequest{state_machine_arn}),
              wire::decode_describe_state_machine_response);
}

core::Result<UpdateStateMachineResponse> Client::update_state_machine(const UpdateStateMachineRequest& r) {
  return call(caller_, "UpdateStateMachine", wire::encode_request(r), wire::decode_update_state_machine_response);
}

core::Result<void> Client::delete_state_machine(const std::string& state_machine_arn) {
  return call_void(caller_, "DeleteStateMachine", wire::encode_request(DeleteStateMachineRequest{state_machine_arn}));
}

core::Result<ListStateMachinesResponse> Client::list_state_machines(const ListStateMachinesRequest& r) {
  return call(caller_, "ListStateMachines", wire::encode_request(r), wire::decode_list_state_machines_response);
}

core::Result<StartSyncExecutionResponse> Client::start_sync_execution(const StartExecutionRequest& r) {
  return call(caller_, "StartSyncExecution", wire::encode_request(r), wire::decode_start_sync_execution_response);
}

core::Result<TestStateResponse> Client::test_state(const TestStateRequest& r) {
  return call(caller_, "TestState", wire::encode_request(r), wire::decode_test_state_response);
}

}  // namespace hoplite::aws::sfn
