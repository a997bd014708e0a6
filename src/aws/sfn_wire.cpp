// Step Functions shapes both ways: one encoder and one decoder per shape, used by the client
// (src/aws/sfn.cpp) and the local cloud (src/local/states/).
#include "hoplite/aws/sfn_wire.hpp"

#include "hoplite/aws/json_reader.hpp"

namespace hoplite::aws::sfn::wire {
namespace {

using nlohmann::json;

constexpr std::string_view kResponseError = "aws.json";

// `inputDetails`/`outputDetails`: hoplite never truncates a payload it returns.
const json& included() {
  static const json kIncluded{{"included", true}};
  return kIncluded;
}

void read_execution(JsonReader& r, Execution& e) {
  r.get("executionArn", e.execution_arn);
  r.get("stateMachineArn", e.state_machine_arn);
  r.get("name", e.name);
  r.get("status", e.status);
  r.get("startDate", e.start_date);
  r.get("stopDate", e.stop_date);
  r.get("input", e.input);
  r.get("output", e.output);
  r.get("error", e.error);
  r.get("cause", e.cause);
}

json execution_list_item(const Execution& e) {
  json j{{"executionArn", e.execution_arn},
         {"stateMachineArn", e.state_machine_arn},
         {"name", e.name},
         {"status", e.status}};
  put_time_if(j, "startDate", e.start_date);
  put_time_if(j, "stopDate", e.stop_date);
  return j;
}

}  // namespace

// ---- CreateStateMachine ----

json encode_request(const CreateStateMachineRequest& r) {
  json j{{"name", r.name}, {"definition", r.definition}, {"roleArn", r.role_arn}};
  put_if(j, "type", r.type);
  if (!r.tags.empty()) {
    json tags = json::array();
    for (const auto& t : r.tags) tags.push_back({{"key", t.key}, {"value", t.value}});
    j["tags"] = std::move(tags);
  }
  return j;
}

core::Result<CreateStateMachineRequest> decode_create_state_machine_request(const json& body) {
  JsonReader r(body);
  CreateStateMachineRequest out;
  r.get("name", out.name);
  r.get("definition", out.definition);
  r.get("roleArn", out.role_arn);
  r.get("type", out.type);
  r.list("tags", out.tags, [](JsonReader& t, Tag& tag) {
    t.get("key", tag.key);
    t.get("value", tag.value);
  });
  return r.finish(std::move(out));
}

json encode_response(const CreateStateMachineResponse& r) {
  json j{{"stateMachineArn", r.state_machine_arn}};
  put_time_if(j, "creationDate", r.creation_date);
  return j;
}

core::Result<CreateStateMachineResponse> decode_create_state_machine_response(const json& body) {
  JsonReader r(body, kResponseError);
  CreateStateMachineResponse out;
  r.get("stateMachineArn", out.state_machine_arn);
  r.get("creationDate", out.creation_date);
  return r.finish(std::move(out));
}

// ---- DescribeStateMachine ----

json encode_request(const DescribeStateMachineRequest& r) { return json{{"stateMachineArn", r.state_machine_arn}}; }

core::Result<DescribeStateMachineRequest> decode_describe_state_machine_request(const json& body) {
  JsonReader r(body);
  DescribeStateMachineRequest out;
  r.get("stateMachineArn", out.state_machine_arn);
  return r.finish(std::move(out));
}

json encode_response(const DescribeStateMachineResponse& r) {
  json j{{"stateMachineArn", r.state_machine_arn},
         {"name", r.name},
         {"status", r.status},
         {"definition", r.definition},
         {"roleArn", r.role_arn},
         {"type", r.type}};
  put_time_if(j, "creationDate", r.creation_date);
  // What AWS shows for a machine created without these configurations.
  j["loggingConfiguration"] = json{{"level", "OFF"}, {"includeExecutionData", false}};
  j["tracingConfiguration"] = json{{"enabled", false}};
  j["encryptionConfiguration"] = json{{"type", "AWS_OWNED_KEY"}};  // no customer-managed keys
  put_if(j, "revisionId", r.revision_id);
  return j;
}

core::Result<DescribeStateMachineResponse> decode_describe_state_machine_response(const json& body) {
  JsonReader r(body, kResponseError);
  DescribeStateMachineResponse out;
  r.get("stateMachineArn", out.state_machine_arn);
  r.get("name", out.name);
  r.get("status", out.status);
  r.get("definition", out.definition);
  r.get("roleArn", out.role_arn);
  r.get("type", out.type);
  r.get("creationDate", out.creation_date);
  r.get("revisionId", out.revision_id);
  return r.finish(std::move(out));
}

// ---- UpdateStateMachine ----

json encode_request(const UpdateStateMachineRequest& r) {
  json j{{"stateMachineArn", r.state_machine_arn}};
  put_if(j, "definition", r.definition);
  put_if(j, "roleArn", r.role_arn);
  return j;
}

core::Result<UpdateStateMachineRequest> decode_update_state_machine_request(const json& body) {
  JsonReader r(body);
  UpdateStateMachineRequest out;
  r.get("stateMachineArn", out.state_machine_arn);
  r.get("definition", out.definition);
  r.get("roleArn", out.role_arn);
  return r.finish(std::move(out));
}

json encode_response(const UpdateStateMachineResponse& r) {
  json j = json::object();
  put_time_if(j, "updateDate", r.update_date);
  put_if(j, "revisionId", r.revision_id);
  return j;
}

core::Result<UpdateStateMachineResponse> decode_update_state_machine_response(const json& body) {
  JsonReader r(body, kResponseError);
  UpdateStateMachineResponse out;
  r.get("updateDate", out.update_date);
  r.get("revisionId", out.revision_id);
  return r.finish(std::move(out));
}

// ---- DeleteStateMachine ----

json encode_request(const DeleteStateMachineRequest& r) { return json{{"stateMachineArn", r.state_machine_arn}}; }

core::Result<DeleteStateMachineRequest> decode_delete_state_machine_request(const json& body) {
  JsonReader r(body);
  DeleteStateMachineRequest out;
  r.get("stateMachineArn", out.state_machine_arn);
  return r.finish(std::move(out));
}

// ---- ListStateMachines ----

json encode_request(const ListStateMachinesRequest& r) {
  json j = json::object();
  put_if(j, "maxResults", r.max_results);
  put_if(j, "nextToken", r.next_token);
  return j;
}

core::Result<ListStateMachinesRequest> decode_list_state_machines_request(const json& body) {
  JsonReader r(body);
  ListStateMachinesRequest out;
  r.get("maxResults", out.max_results);
  r.get("nextToken", out.next_token);
  return r.finish(std::move(out));
}

json encode_response(const ListStateMachinesResponse& r) {
  json list = json::array();
  for (const auto& m : r.state_machines) {
    json j{{"stateMachineArn", m.state_machine_arn}, {"name", m.name}, {"type", m.type}};
    put_time_if(j, "creationDate", m.creation_date);
    list.push_back(std::move(j));
  }
  json j{{"stateMachines", std::move(list)}};
  put_if(j, "nextToken", r.next_token);
  return j;
}

core::Result<ListStateMachinesResponse> decode_list_state_machines_response(const json& body) {
  JsonReader r(body, kResponseError);
  ListStateMachinesResponse out;
  r.list("stateMachines", out.state_machines, [](JsonReader& m, StateMachineListItem& item) {
    m.get("stateMachineArn", item.state_machine_arn);
    m.get("name", item.name);
    m.get("type", item.type);
    m.get("creationDate", item.creation_date);
  });
  r.get("nextToken", out.next_token);
  return r.finish(std::move(out));
}

// ---- StartExecution / StartSyncExecution ----

json encode_request(const StartExecutionRequest& r) {
  json j{{"stateMachineArn", r.state_machine_arn}};
  put_if(j, "name", r.name);
  put_if(j, "input", r.input);
  return j;
}

core::Result<StartExecutionRequest> decode_start_execution_request(const json& body) {
  JsonReader r(body);
  StartExecutionRequest out;
  r.get("stateMachineArn", out.state_machine_arn);
  r.get("name", out.name);
  r.get("input", out.input);
  return r.finish(std::move(out));
}

json encode_response(const StartExecutionResponse& r) {
  json j{{"executionArn", r.execution_arn}};
  put_time_if(j, "startDate", r.start_date);
  return j;
}

core::Result<StartExecutionResponse> decode_start_execution_response(const json& body) {
  JsonReader r(body, kResponseError);
  StartExecutionResponse out;
  r.get("executionArn", out.execution_arn);
  r.get("startDate", out.start_date);
  return r.finish(std::move(out));
}

json encode_response(const StartSyncExecutionResponse& r) {
  json j{{"executionArn", r.execution_arn}, {"stateMachineArn", r.state_machine_arn}, {"name", r.name}};
  put_time_if(j, "startDate", r.start_date);
  put_time_if(j, "stopDate", r.stop_date);
  j["status"] = r.status;
  put_if(j, "error", r.error);
  put_if(j, "cause", r.cause);
  if (r.input) {
    j["input"] = *r.input;
    j["inputDetails"] = included();
  }
  if (r.output) {
    j["output"] = *r.output;
    j["outputDetails"] = included();
  }
  return j;
}

core::Result<StartSyncExecutionResponse> decode_start_sync_execution_response(const json& body) {
  JsonReader r(body, kResponseError);
  StartSyncExecutionResponse out;
  r.get("executionArn", out.execution_arn);
  r.get("stateMachineArn", out.state_machine_arn);
  r.get("name", out.name);
  r.get("status", out.status);
  r.get("startDate", out.start_date);
  r.get("stopDate", out.stop_date);
  r.get("input", out.input);
  r.get("output", out.output);
  r.get("error", out.error);
  r.get("cause", out.cause);
  return r.finish(std::move(out));
}

// ---- DescribeExecution ----

json encode_request(const DescribeExecutionRequest& r) { return json{{"executionArn", r.execution_arn}}; }

core::Result<DescribeExecutionRequest> decode_describe_execution_request(const json& body) {
  JsonReader r(body);
  DescribeExecutionRequest out;
  r.get("executionArn", out.execution_arn);
  return r.finish(std::move(out));
}

json encode_response(const Execution& e) {
  json j = execution_list_item(e);
  if (e.input) {
    j["input"] = *e.input;
    j["inputDetails"] = included();
  }
  if (e.output) {
    j["output"] = *e.output;
    j["outputDetails"] = included();
  }
  put_if(j, "error", e.error);
  put_if(j, "cause", e.cause);
  return j;
}

core::Result<Execution> decode_describe_execution_response(const json& body) {
  JsonReader r(body, kResponseError);
  Execution out;
  read_execution(r, out);
  return r.finish(std::move(out));
}

// ---- StopExecution ----

json encode_request(const StopExecutionRequest& r) {
  json j{{"executionArn", r.execution_arn}};
  put_if(j, "error", r.error);
  put_if(j, "cause", r.cause);
  return j;
}

core::Result<StopExecutionRequest> decode_stop_execution_request(const json& body) {
  JsonReader r(body);
  StopExecutionRequest out;
  r.get("executionArn", out.execution_arn);
  r.get("error", out.error);
  r.get("cause", out.cause);
  return r.finish(std::move(out));
}

json encode_response(const StopExecutionResponse& r) {
  json j = json::object();
  put_time_if(j, "stopDate", r.stop_date);
  return j;
}

core::Result<StopExecutionResponse> decode_stop_execution_response(const json& body) {
  JsonReader r(body, kResponseError);
  StopExecutionResponse out;
  r.get("stopDate", out.stop_date);
  return r.finish(std::move(out));
}

// ---- ListExecutions ----

json encode_request(const ListExecutionsRequest& r) {
  json j{{"stateMachineArn", r.state_machine_arn}};
  put_if(j, "statusFilter", r.status_filter);
  put_if(j, "maxResults", r.max_results);
  put_if(j, "nextToken", r.next_token);
  return j;
}

core::Result<ListExecutionsRequest> decode_list_executions_request(const json& body) {
  JsonReader r(body);
  ListExecutionsRequest out;
  r.get("stateMachineArn", out.state_machine_arn);
  r.get("statusFilter", out.status_filter);
  r.get("maxResults", out.max_results);
  r.get("nextToken", out.next_token);
  return r.finish(std::move(out));
}

json encode_response(const ListExecutionsResponse& r) {
  json list = json::array();
  for (const auto& e : r.executions) list.push_back(execution_list_item(e));
  json j{{"executions", std::move(list)}};
  put_if(j, "nextToken", r.next_token);
  return j;
}

core::Result<ListExecutionsResponse> decode_list_executions_response(const json& body) {
  JsonReader r(body, kResponseError);
  ListExecutionsResponse out;
  r.list("executions", out.executions, [](JsonReader& e, Execution& item) { read_execution(e, item); });
  r.get("nextToken", out.next_token);
  return r.finish(std::move(out));
}

// ---- GetExecutionHistory ----

json encode_request(const GetExecutionHistoryRequest& r) {
  json j{{"executionArn", r.execution_arn}};
  put_if(j, "maxResults", r.max_results);
  if (r.reverse_order) j["reverseOrder"] = true;
  put_if(j, "nextToken", r.next_token);
  return j;
}

core::Result<GetExecutionHistoryRequest> decode_get_execution_history_request(const json& body) {
  JsonReader r(body);
  GetExecutionHistoryRequest out;
  std::optional<bool> reverse;
  r.get("executionArn", out.execution_arn);
  r.get("maxResults", out.max_results);
  r.get("reverseOrder", reverse);
  r.get("nextToken", out.next_token);
  out.reverse_order = reverse.value_or(false);
  return r.finish(std::move(out));
}

json encode_response(const GetExecutionHistoryResponse& r) {
  json events = json::array();
  for (const auto& e : r.events) {
    json j = json::object();
    put_time_if(j, "timestamp", e.timestamp);
    j["type"] = e.type;
    j["id"] = e.id;
    j["previousEventId"] = e.previous_event_id;
    if (!e.details_member.empty()) {
      json details =
          json::parse(e.details.empty() ? std::string_view("{}") : std::string_view(e.details), nullptr, false);
      if (details.is_object()) j[e.details_member] = std::move(details);
    }
    events.push_back(std::move(j));
  }
  json j{{"events", std::move(events)}};
  put_if(j, "nextToken", r.next_token);
  return j;
}

core::Result<GetExecutionHistoryResponse> decode_get_execution_history_response(const json& body) {
  JsonReader r(body, kResponseError);
  GetExecutionHistoryResponse out;
  r.list("events", out.events, [](JsonReader& e, HistoryEvent& ev) {
    e.get("id", ev.id);
    e.get("previousEventId", ev.previous_event_id);
    e.get("type", ev.type);
    e.get("timestamp", ev.timestamp);
  });
  r.get("nextToken", out.next_token);
  if (r.failed()) return r.finish(std::move(out));
  // The details member's name depends on the type: take the one member that ends so.
  const json* list = body.is_object() && body.contains("events") ? &body["events"] : nullptr;
  for (std::size_t i = 0; list != nullptr && list->is_array() && i < list->size() && i < out.events.size(); ++i) {
    const json& e = (*list)[i];
    if (!e.is_object()) continue;
    for (const auto& [key, value] : e.items()) {
      if (key.ends_with("EventDetails") && value.is_object()) {
        out.events[i].details = value.dump();
        out.events[i].details_member = key;
        break;
      }
    }
  }
  return out;
}

// ---- SendTaskSuccess / SendTaskFailure / SendTaskHeartbeat ----

json encode_request(const SendTaskSuccessRequest& r) { return json{{"taskToken", r.task_token}, {"output", r.output}}; }

core::Result<SendTaskSuccessRequest> decode_send_task_success_request(const json& body) {
  JsonReader r(body);
  SendTaskSuccessRequest out;
  r.get("taskToken", out.task_token);
  r.get("output", out.output);
  return r.finish(std::move(out));
}

json encode_request(const SendTaskFailureRequest& r) {
  json j{{"taskToken", r.task_token}};
  put_if(j, "error", r.error);
  put_if(j, "cause", r.cause);
  return j;
}

core::Result<SendTaskFailureRequest> decode_send_task_failure_request(const json& body) {
  JsonReader r(body);
  SendTaskFailureRequest out;
  r.get("taskToken", out.task_token);
  r.get("error", out.error);
  r.get("cause", out.cause);
  return r.finish(std::move(out));
}

json encode_request(const SendTaskHeartbeatRequest& r) { return json{{"taskToken", r.task_token}}; }

core::Result<SendTaskHeartbeatRequest> decode_send_task_heartbeat_request(const json& body) {
  JsonReader r(body);
  SendTaskHeartbeatRequest out;
  r.get("taskToken", out.task_token);
  return r.finish(std::move(out));
}

// ---- TestState ----

json encode_request(const TestStateRequest& r) {
  json j{{"definition", r.definition}};
  put_if(j, "roleArn", r.role_arn);
  put_if(j, "input", r.input);
  put_if(j, "inspectionLevel", r.inspection_level);
  return j;
}

core::Result<TestStateRequest> decode_test_state_request(const json& body) {
  JsonReader r(body);
  TestStateRequest out;
  r.get("definition", out.definition);
  r.get("roleArn", out.role_arn);
  r.get("input", out.input);
  r.get("inspectionLevel", out.inspection_level);
  return r.finish(std::move(out));
}

json encode_response(const TestStateResponse& r) {
  json j = json::object();
  put_if(j, "output", r.output);
  put_if(j, "error", r.error);
  put_if(j, "cause", r.cause);
  put_if(j, "nextState", r.next_state);
  j["status"] = r.status;
  return j;
}

core::Result<TestStateResponse> decode_test_state_response(const json& body) {
  JsonReader r(body, kResponseError);
  TestStateResponse out;
  r.get("output", out.output);
  r.get("error", out.error);
  r.get("cause", out.cause);
  r.get("nextState", out.next_state);
  r.get("status", out.status);
  return r.finish(std::move(out));
}

}  // namespace hoplite::aws::sfn::wire
