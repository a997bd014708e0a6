#pragma once
/// \file
/// Every public header of the Step Functions builder (hoplite::sfn). See docs/sfn.md.

#include "hoplite/sfn/arn.hpp"
#include "hoplite/sfn/choice.hpp"
#include "hoplite/sfn/condition.hpp"
#include "hoplite/sfn/error.hpp"
#include "hoplite/sfn/fail.hpp"
#include "hoplite/sfn/map.hpp"
#include "hoplite/sfn/parallel.hpp"
#include "hoplite/sfn/pass.hpp"
#include "hoplite/sfn/state.hpp"
#include "hoplite/sfn/state_machine.hpp"
#include "hoplite/sfn/succeed.hpp"
#include "hoplite/sfn/task.hpp"
#include "hoplite/sfn/tasks/ecs_run_task.hpp"
#include "hoplite/sfn/tasks/lambda_invoke.hpp"
#include "hoplite/sfn/tasks/sns_publish.hpp"
#include "hoplite/sfn/tasks/sqs_send_message.hpp"
#include "hoplite/sfn/tasks/start_execution.hpp"
#include "hoplite/sfn/validate.hpp"
#include "hoplite/sfn/wait.hpp"
