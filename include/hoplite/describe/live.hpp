#pragma once
/// \file
/// The live half of the describe page: the stack's status, each resource's status, the
/// outputs, and the recent executions of each state machine with the path the last one took —
/// read through the production AWS clients (the same calls work against the local cloud).
///
/// **Example**:
/// \code
///   aws::cloudformation::Client cfn(config);
///   aws::sfn::Client states(config);
///   auto live = describe::fetch_live(cfn, states, "ServicefulStepFunction");
///   if (!live) return live.failure("reading the stack");
///   if (!live->stack_exists) fmt::print("not provisioned yet\n");
/// \endcode

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "hoplite/aws/cloudformation.hpp"
#include "hoplite/aws/sfn.hpp"
#include "hoplite/core/clock.hpp"
#include "hoplite/core/result.hpp"

namespace hoplite::describe {

/// One resource of the deployed stack (ListStackResources).
struct LiveResource {
  std::string logical_id;   ///< the template's key
  std::string physical_id;  ///< the AWS id or ARN; "" before it exists
  std::string type;         ///< "AWS::SNS::Topic"
  std::string status;       ///< CREATE_COMPLETE, UPDATE_IN_PROGRESS, …
  std::string reason;       ///< the status reason; "" when none
};

/// One execution of a state machine (ListExecutions).
struct LiveExecution {
  std::string name;                      ///< the execution's name
  std::string arn;                       ///< the execution's ARN
  std::string status;                    ///< RUNNING, SUCCEEDED, FAILED, TIMED_OUT, ABORTED
  std::optional<core::TimePoint> start;  ///< when it started
  std::optional<core::TimePoint> stop;   ///< when it ended; none while running
};

/// One state entered by an execution, in the order entered.
struct LiveVisit {
  std::string state;    ///< the state's name
  std::string outcome;  ///< "succeeded" (exited), "failed" (failed, maybe caught), "running" (not left yet)
};

/// A deployed state machine: recent executions and the newest one's path.
struct LiveMachine {
  std::string logical_id;             ///< the template's key
  std::string arn;                    ///< the physical id of the state machine resource
  std::vector<LiveExecution> recent;  ///< newest first
  std::vector<LiveVisit> last_path;   ///< the newest execution's states
  std::string last_error;             ///< the newest execution's error and cause, when it failed
  std::string last_cause;             ///< the newest execution's cause text, when it failed
};

/// What describe shows of the deployed service: the stack, its resources, outputs and state machines.
struct LiveStatus {
  std::string where;                                 ///< "AWS us-east-1", "the local cloud", "http://127.0.0.1:4566"
  std::string stack_name;                            ///< the stack read
  bool stack_exists = false;                         ///< false: no such stack (the rest is empty)
  std::string stack_status;                          ///< CREATE_COMPLETE, UPDATE_ROLLBACK_COMPLETE, …
  std::string stack_status_reason;                   ///< the stack's status reason; "" when none
  std::optional<core::TimePoint> created;            ///< CreationTime
  std::optional<core::TimePoint> updated;            ///< LastUpdatedTime; none when never updated
  std::vector<aws::cloudformation::Output> outputs;  ///< sorted by key
  std::vector<LiveResource> resources;               ///< sorted by logical id
  std::vector<LiveMachine> machines;                 ///< sorted by logical id
  /// What could not be read while the rest could (an execution history, say).
  std::vector<std::string> warnings;
};

/// How much of each state machine's activity to read.
struct LiveOptions {
  std::size_t recent_executions = 10;     ///< per state machine; default 10
  std::size_t max_history_events = 5000;  ///< of the newest execution; default 5000 (5 pages)
  std::string where;                      ///< copied to LiveStatus::where
};

/// Reads the stack `stack_name`: DescribeStacks, ListStackResources (every page), and for each
/// AWS::StepFunctions::StateMachine resource ListExecutions and the newest execution's
/// GetExecutionHistory. A stack that does not exist is not an error (`stack_exists` false);
/// failures of the Step Functions calls become warnings. Errors: the CloudFormation calls' own.
[[nodiscard]] core::Result<LiveStatus> fetch_live(aws::cloudformation::Client& cloudformation, aws::sfn::Client& states,
                                                  const std::string& stack_name, const LiveOptions& options = {});

/// The states an execution entered, from its history (oldest event first).
[[nodiscard]] std::vector<LiveVisit> path_of(const std::vector<aws::sfn::HistoryEvent>& history);

}  // namespace hoplite::describe
