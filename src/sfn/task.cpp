#include "hoplite/sfn/task.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "hoplite/sfn/error.hpp"
#include "sfn/checks.hpp"
#include "sfn/node.hpp"

namespace hoplite::sfn {
namespace {

const char* suffix(const char* service_action, Integration i) {
  switch (i) {
    case Integration::request_response:
      return "";
    case Integration::run_job:
      return std::string_view(service_action) == "states:startExecution" ? ".sync:2" : ".sync";
    case Integration::wait_for_task_token:
      return ".waitForTaskToken";
  }
  return "";
}

void apply_options(detail::StateNode& n, TaskOptions& o) {
  detail::check_path(n.name, "InputPath", o.input_path, false);
  detail::check_path(n.name, "ResultPath", o.result_path, true);
  detail::check_path(n.name, "OutputPath", o.output_path, false);
  detail::check_payload(n.name, "ResultSelector", o.result_selector);
  detail::check_positive(n.name, "TimeoutSeconds", o.timeout_seconds);
  detail::check_positive(n.name, "HeartbeatSeconds", o.heartbeat_seconds);
  auto both = [&](const char* a, const char* b) {
    throw DefinitionError(DefinitionRule::kInvalidField,
                          fmt::format("Task '{}' has both {} and {}; keep one", n.name, a, b));
  };
  if (o.timeout_seconds && !o.timeout_seconds_path.empty()) both("TimeoutSeconds", "TimeoutSecondsPath");
  if (o.heartbeat_seconds && !o.heartbeat_seconds_path.empty()) both("HeartbeatSeconds", "HeartbeatSecondsPath");
  if (!o.timeout_seconds_path.empty())
    detail::check_reference_path(n.name, "TimeoutSecondsPath", o.timeout_seconds_path);
  if (!o.heartbeat_seconds_path.empty())
    detail::check_reference_path(n.name, "HeartbeatSecondsPath", o.heartbeat_seconds_path);
  if (o.timeout_seconds && o.heartbeat_seconds && *o.heartbeat_seconds >= *o.timeout_seconds) {
    throw DefinitionError(DefinitionRule::kInvalidField,
                          fmt::format("HeartbeatSeconds ({}) of Task '{}' must be less than TimeoutSeconds ({})",
                                      *o.heartbeat_seconds, n.name, *o.timeout_seconds));
  }
  n.comment = std::move(o.comment);
  n.input_path = std::move(o.input_path);
  n.result_selector = std::move(o.result_selector);
  n.result_path = std::move(o.result_path);
  n.output_path = std::move(o.output_path);
  n.timeout_seconds = o.timeout_seconds;
  n.timeout_seconds_path = std::move(o.timeout_seconds_path);
  n.heartbeat_seconds = o.heartbeat_seconds;
  n.heartbeat_seconds_path = std::move(o.heartbeat_seconds_path);
}

}  // namespace

const char* to_string(Integration integration) {
  switch (integration) {
    case Integration::request_response:
      return "request_response";
    case Integration::run_job:
      return "run_job";
    case Integration::wait_for_task_token:
      return "wait_for_task_token";
  }
  return "?";
}

Task::Task(std::string name, TaskProps props, TaskOptions options) : State(StateType::task, std::move(name)) {
  auto& n = *node_;
  if (!props.resource.is_set())
    throw DefinitionError(DefinitionRule::kMissingField, fmt::format("Task '{}' needs a Resource ARN", n.name));
  detail::check_payload(n.name, "Parameters", props.parameters);
  apply_options(n, options);
  n.resource = props.resource.json();
  n.parameters = std::move(props.parameters);
  n.statements = std::move(props.policy);
}

Task::Task(std::string name, const char* service_action, Integration integration,
           std::initializer_list<Integration> supported, TaskOptions options)
    : State(StateType::task, std::move(name)) {
  auto& n = *node_;
  if (std::find(supported.begin(), supported.end(), integration) == supported.end()) {
    std::string list;
    for (Integration s : supported) {
      if (!list.empty()) list += ", ";
      list +=
          fmt::format("{} ({})", to_string(s), *suffix(service_action, s) ? suffix(service_action, s) : "no suffix");
    }
    throw DefinitionError(DefinitionRule::kUnsupportedIntegration,
                          fmt::format("Task '{}': {} does not support the {} integration pattern; supported: {}",
                                      n.name, service_action, to_string(integration), list));
  }
  apply_options(n, options);
  n.resource = fmt::format("arn:aws:states:::{}{}", service_action, suffix(service_action, integration));
}

void Task::set_parameters(cfn::Json parameters) {
  detail::check_payload(node_->name, "Parameters", parameters);
  node_->parameters = std::move(parameters);
}

void Task::add_policy(cfn::iam::PolicyStatement statement) { node_->statements.push_back(std::move(statement)); }

}  // namespace hoplite::sfn
