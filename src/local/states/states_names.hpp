#pragma once
/// \file Step Functions names and ARNs as the service checks them, and its errors (codes and
/// messages as AWS words them).

#include <string>
#include <string_view>

#include "hoplite/core/result.hpp"
#include "local/service.hpp"

namespace hoplite::local::states {

/// A state machine or execution name: 1-80 characters, none of whitespace, control characters,
/// brackets, wildcards, quotes or `# % \ ^ | ~ ` $ & , ; : /`.
[[nodiscard]] bool is_valid_name(std::string_view name);

/// `arn:<partition>:states:<region>:<account>:stateMachine:<name>` for the call's account/region.
[[nodiscard]] std::string state_machine_arn(const CallContext& ctx, std::string_view name);

/// The parts of a Step Functions ARN: `arn:P:states:REGION:ACCOUNT:TYPE:NAME[:EXECUTION]`.
struct StatesArn {
  std::string region;
  std::string account;
  std::string type;       ///< stateMachine, execution, express
  std::string machine;    ///< the state machine's name
  std::string execution;  ///< the execution's name (execution ARNs only)
};

/// Reads a state machine ARN of the call's account and region. Errors: `InvalidArn` with AWS's
/// message (`Invalid Arn: 'Resource type not valid in this context: execution'`), or
/// `StateMachineDoesNotExist` for a well-formed ARN of another account or region.
core::Result<StatesArn> parse_state_machine_arn(const CallContext& ctx, std::string_view arn);
/// The same for an execution ARN (`ExecutionDoesNotExist` for another account or region).
core::Result<StatesArn> parse_execution_arn(const CallContext& ctx, std::string_view arn);

/// A role ARN as CreateStateMachine accepts it: `arn:<partition>:iam::<12 digits>:role/<name>`.
[[nodiscard]] bool is_role_arn(std::string_view arn);

// ---- errors ----
[[nodiscard]] core::Failure state_machine_does_not_exist(std::string_view arn);
[[nodiscard]] core::Failure execution_does_not_exist(std::string_view arn);
[[nodiscard]] core::Failure invalid_arn(std::string_view why);
[[nodiscard]] core::Failure invalid_name(std::string_view name);
[[nodiscard]] core::Failure invalid_token();

}  // namespace hoplite::local::states
