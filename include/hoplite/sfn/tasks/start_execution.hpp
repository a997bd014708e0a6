#pragma once
/// \file
/// states:startExecution — start another state machine; with run_job (the default,
/// `.sync:2`) wait for it and return its output as JSON.
///
/// The role gets states:StartExecution on the machine; for `.sync:2` also
/// states:DescribeExecution and states:StopExecution on its executions and
/// events:PutTargets/PutRule/DescribeRule on the managed rule
/// StepFunctionsGetEventsForStepFunctionsExecutionRule.
/// See https://docs.aws.amazon.com/step-functions/latest/dg/connect-stepfunctions.html

#include <string>

#include "hoplite/cfn/json.hpp"
#include "hoplite/sfn/arn.hpp"
#include "hoplite/sfn/task.hpp"

namespace hoplite::sfn {

struct StartExecutionProps {
  Arn state_machine;                               ///< StateMachineArn (a state machine resource works); required
  cfn::Json input;                                 ///< Input; default: the whole state input ("Input.$": "$")
  std::string input_path;                          ///< Input.$; replaces the default; default none
  std::string execution_name;                      ///< Name; default none (generated)
  Integration integration = Integration::run_job;  ///< run_job (.sync:2), request_response, wait_for_task_token
};

class StartExecution : public Task {
 public:
  StartExecution(std::string name, StartExecutionProps props, TaskOptions options = {});
};

}  // namespace hoplite::sfn
