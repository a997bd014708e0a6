#include "hoplite/sfn/tasks/start_execution.hpp"

#include <fmt/format.h>

#include "hoplite/cfn/intrinsics.hpp"
#include "hoplite/sfn/error.hpp"

namespace hoplite::sfn {

using cfn::Json;

StartExecution::StartExecution(std::string name, StartExecutionProps props, TaskOptions options)
    : Task(std::move(name), "states:startExecution", props.integration,
           {Integration::request_response, Integration::run_job, Integration::wait_for_task_token},
           std::move(options)) {
  const std::string& state = this->name();
  if (!props.state_machine.is_set())
    throw DefinitionError(DefinitionRule::kMissingField,
                          fmt::format("states:startExecution '{}' needs a state_machine", state));
  if (!props.input.is_null() && !props.input_path.empty())
    throw DefinitionError(DefinitionRule::kInvalidField,
                          fmt::format("states:startExecution '{}' has both input and input_path", state));
  Json p = Json::object({{"StateMachineArn", props.state_machine.json()}});
  if (!props.input.is_null())
    p.set("Input", props.input);
  else
    p.set("Input.$", props.input_path.empty() ? std::string("$") : props.input_path);
  if (!props.execution_name.empty()) p.set("Name", props.execution_name);
  if (props.integration == Integration::wait_for_task_token && p.dump().find("$$.Task.Token") == std::string::npos)
    throw DefinitionError(DefinitionRule::kInvalidField,
                          fmt::format("states:startExecution '{}' waits for a task token but does not send "
                                      "$$.Task.Token",
                                      state));
  set_parameters(std::move(p));
  add_policy({{"states:StartExecution"}, {props.state_machine.json()}, {}});
  if (props.integration == Integration::run_job) {
    // Executions of the machine: arn:...:execution:<machine name>:*; the name is the 7th field of its ARN.
    auto machine_name = cfn::select(6, cfn::split(":", cfn::Value<std::string>::from_json(props.state_machine.json())));
    add_policy({{"states:DescribeExecution", "states:StopExecution"},
                {cfn::sub("arn:${AWS::Partition}:states:${AWS::Region}:${AWS::AccountId}:execution:${MachineName}:*",
                          {{"MachineName", machine_name}})},
                {}});
    add_policy({{"events:PutTargets", "events:PutRule", "events:DescribeRule"},
                {cfn::sub("arn:${AWS::Partition}:events:${AWS::Region}:${AWS::AccountId}:rule/"
                          "StepFunctionsGetEventsForStepFunctionsExecutionRule")},
                {}});
  }
}

}  // namespace hoplite::sfn
