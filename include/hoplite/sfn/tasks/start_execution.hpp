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

/// The `states:startExecution` parameters.
struct StartExecutionProps {
  Arn state_machine;                               ///< StateMachineArn (a state machine resource works); required
  cfn::Json input;                                 ///< Input; default: the whole state input ("Input.$": "$")
  std::string input_path;                          ///< Input.$; replaces the default; default none
  std::string execution_name;                      ///< Name; default none (generated)
  Integration integration = Integration::run_job;  ///< run_job (.sync:2), request_response, wait_for_task_token
};

/// A Task that starts another state machine's execution (`arn:aws:states:::states:startExecution`, `.sync:2` by
/// default) and grants what that needs.
class StartExecution : public Task {
 public:
  /// Throws DefinitionError [302] for an unsupported integration pattern.
  StartExecution(std::string name, StartExecutionProps props, TaskOptions options = {});
};

}  // namespace hoplite::sfn
