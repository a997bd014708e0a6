#include "hoplite/aws/sfn.hpp"

#include "aws/protocol/json_call.hpp"
#include "aws/protocol/pages.hpp"

namespace hoplite::aws::sfn {
namespace {
using nlohmann::json;
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
  json in{{"stateMachineArn", r.state_machine_arn}};
  if (r.name) in["name"] = *r.name;
  if (r.input) in["input"] = *r.input;
  auto out = detail::json_call(caller_, "StartExecution", in);
  if (!out) return out.failure();
  return StartExecutionResponse{.execution_arn = detail::str(*out, "executionArn"),
                                .start_date = detail::opt_epoch(*out, "startDate")};
}

core::Result<Execution> Client::describe_execution(const std::string& execution_arn) {
  auto out = detail::json_call(caller_, "DescribeExecution", json{{"executionArn", execution_arn}});
  if (!out) return out.failure();
  const json& j = *out;
  return Execution{.execution_arn = detail::str(j, "executionArn"),
                   .state_machine_arn = detail::str(j, "stateMachineArn"),
                   .name = detail::str(j, "name"),
                   .status = detail::str(j, "status"),
                   .start_date = detail::opt_epoch(j, "startDate"),
                   .stop_date = detail::opt_epoch(j, "stopDate"),
                   .input = detail::opt_str(j, "input"),
                   .output = detail::opt_str(j, "output"),
                   .error = detail::opt_str(j, "error"),
                   .cause = detail::opt_str(j, "cause")};
}

core::Result<ListExecutionsResponse> Client::list_executions(const ListExecutionsRequest& r) {
  json in{{"stateMachineArn", r.state_machine_arn}};
  if (r.status_filter) in["statusFilter"] = *r.status_filter;
  if (r.max_results) in["maxResults"] = *r.max_results;
  if (r.next_token) in["nextToken"] = *r.next_token;
  auto out = detail::json_call(caller_, "ListExecutions", in);
  if (!out) return out.failure();
  ListExecutionsResponse page;
  for (const auto& e : detail::array_at(*out, "executions")) {
    page.executions.push_back(Execution{.execution_arn = detail::str(e, "executionArn"),
                                        .state_machine_arn = detail::str(e, "stateMachineArn"),
                                        .name = detail::str(e, "name"),
                                        .status = detail::str(e, "status"),
                                        .start_date = detail::opt_epoch(e, "startDate"),
                                        .stop_date = detail::opt_epoch(e, "stopDate")});
  }
  page.next_token = detail::opt_str(*out, "nextToken");
  return page;
}

core::Result<GetExecutionHistoryResponse> Client::get_execution_history(const GetExecutionHistoryRequest& r) {
  json in{{"executionArn", r.execution_arn}};
  if (r.max_results) in["maxResults"] = *r.max_results;
  if (r.reverse_order) in["reverseOrder"] = true;
  if (r.next_token) in["nextToken"] = *r.next_token;
  auto out = detail::json_call(caller_, "GetExecutionHistory", in);
  if (!out) return out.failure();
  GetExecutionHistoryResponse page;
  for (const auto& e : detail::array_at(*out, "events")) {
    HistoryEvent ev{.id = detail::opt_int(e, "id").value_or(0),
                    .previous_event_id = detail::opt_int(e, "previousEventId").value_or(0),
                    .type = detail::str(e, "type"),
                    .timestamp = detail::opt_epoch(e, "timestamp")};
    for (const auto& [key, value] : e.items()) {
      if (key.ends_with("EventDetails") && value.is_object()) {
        ev.details = value.dump();
        break;
      }
    }
    page.events.push_back(std::move(ev));
  }
  page.next_token = detail::opt_str(*out, "nextToken");
  return page;
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
  json in{{"executionArn", r.execution_arn}};
  if (r.error) in["error"] = *r.error;
  if (r.cause) in["cause"] = *r.cause;
  auto out = detail::json_call(caller_, "StopExecution", in);
  if (!out) return out.failure();
  return detail::opt_epoch(*out, "stopDate");
}

core::Result<void> Client::send_task_success(const std::string& task_token, const std::string& output_json) {
  auto out = detail::json_call(caller_, "SendTaskSuccess", json{{"taskToken", task_token}, {"output", output_json}});
  if (!out) return out.failure();
  return core::ok();
}

core::Result<void> Client::send_task_failure(const std::string& task_token, const std::optional<std::string>& error,
                                             const std::optional<std::string>& cause) {
  json in{{"taskToken", task_token}};
  if (error) in["error"] = *error;
  if (cause) in["cause"] = *cause;
  auto out = detail::json_call(caller_, "SendTaskFailure", in);
  if (!out) return out.failure();
  return core::ok();
}

core::Result<void> Client::send_task_heartbeat(const std::string& task_token) {
  auto out = detail::json_call(caller_, "SendTaskHeartbeat", json{{"taskToken", task_token}});
  if (!out) return out.failure();
  return core::ok();
}

}  // namespace hoplite::aws::sfn
