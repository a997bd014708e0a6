#pragma once
/// \file CloudFormation's names and identifiers: stack and change set ARNs and names, the
/// pseudo-parameter context of a stack, the identity the engine acts as, and AWS's messages
/// that several operations share.

#include <string>
#include <string_view>

#include "hoplite/cfn/evaluator.hpp"
#include "hoplite/core/clock.hpp"
#include "local/cloudformation/cfn_state.hpp"
#include "local/service.hpp"

namespace hoplite::local::cloudformation {

/// "aws", "aws-cn" or "aws-us-gov" for a region.
[[nodiscard]] std::string partition_of(std::string_view region);
/// `arn:<partition>:cloudformation:<region>:<account>:stack/<name>/<uuid>`.
[[nodiscard]] std::string new_stack_id(std::string_view region, std::string_view account, std::string_view name);
/// `arn:<partition>:cloudformation:<region>:<account>:changeSet/<name>/<uuid>`.
[[nodiscard]] std::string new_change_set_id(std::string_view region, std::string_view account, std::string_view name);
/// True for an ARN of either kind (a name given as an ARN).
[[nodiscard]] bool is_arn(std::string_view s);

/// Stack names: a letter, then letters, digits and hyphens, at most 128 characters. The error is
/// AWS's ValidationError for the member `stackName`.
core::Result<void> check_stack_name(std::string_view name);
/// Change set names: the same rule, member `changeSetName`.
core::Result<void> check_change_set_name(std::string_view name);

/// `Stack with id <name> does not exist` (ValidationError, 400).
[[nodiscard]] core::Failure stack_not_found(std::string_view name_or_id);
/// `ChangeSet [<name>] does not exist` (ChangeSetNotFound, 404).
[[nodiscard]] core::Failure change_set_not_found(std::string_view name);

/// The pseudo parameters of a stack.
[[nodiscard]] cfn::StackContext stack_context(const StackRow& stack);
/// The identity the engine acts as in the stack's account and region (the account's root, as a
/// stack without a service role does).
[[nodiscard]] CallContext engine_call(const StackRow& stack, core::TimePoint now);

/// `n` random letters and digits (the random part of generated physical names).
[[nodiscard]] std::string random_alnum(std::size_t n);

/// Statuses in which an operation runs (the engine drives the stack).
[[nodiscard]] bool is_in_progress(std::string_view status);

}  // namespace hoplite::local::cloudformation
