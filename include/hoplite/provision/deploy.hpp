#pragma once
/// \file
/// Converging a stack through a change set (what `provision`, `diff` and `delete` do with
/// CloudFormation), one step per function so the pipeline can log and time each:
///
///     prepare_stack   a stack in ROLLBACK_COMPLETE is deleted first (AWS refuses to update it);
///                     one still in progress (an earlier run killed mid-update) is waited for
///     plan            the change set (CREATE or UPDATE) for the template and parameters,
///                     described; "no changes" when CloudFormation finds none
///     execute_plan    ExecuteChangeSet, then the stack's events until a terminal status;
///                     the first failing resource and its reason on failure
///
/// Idempotent after a `kill -9` anywhere: the change set's name and client token derive from
/// what it deploys, an existing change set of that name is reused (or replaced when it failed),
/// and a stack found in progress is waited for instead of updated again.

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "hoplite/aws/cloudformation.hpp"
#include "hoplite/core/result.hpp"
#include "hoplite/provision/stack_events.hpp"

namespace hoplite::provision {

/// What to deploy.
struct StackTarget {
  std::string stack_name;     ///< the stack to create or update
  std::string template_body;  ///< the template text (its SHA-256 names the change set)
  /// An S3 URL the template was uploaded to (required above 51,200 bytes); default: none, the
  /// body is sent inline.
  std::optional<std::string> template_url;
  std::map<std::string, std::string> parameters;  ///< e.g. {"ImageUri": "…@sha256:…"}
  /// Default: what hoplite's templates need (IAM roles with generated names).
  std::vector<std::string> capabilities{"CAPABILITY_IAM", "CAPABILITY_NAMED_IAM"};
};

/// The change set name for `target`: `hoplite-` + 16 hex of SHA-256 over template and parameters.
[[nodiscard]] std::string change_set_name(const StackTarget& target);

/// The stack as found before deploying.
struct StackBefore {
  std::optional<aws::cloudformation::Stack> stack;  ///< none: it does not exist (yet)
  bool deleted_failed_create = false;               ///< it was in ROLLBACK_COMPLETE and was deleted
};

/// Finds the stack; waits for one in progress; deletes one in ROLLBACK_COMPLETE (or
/// REVIEW_IN_PROGRESS with no change set left, a create that never ran) and waits for that.
/// With `read_only`, nothing is deleted: such a stack is reported as it is.
core::Result<StackBefore> prepare_stack(aws::cloudformation::Client& cfn, const std::string& stack_name,
                                        const WaitOptions& wait, bool read_only = false);

/// A described change set.
struct Plan {
  std::string change_set_id;  ///< ARN; empty when no change set was made (`no_changes` or read-only create)
  std::string stack_id;       ///< the stack's ARN
  bool create = false;        ///< CREATE change set (the stack is new)
  bool no_changes = false;    ///< CloudFormation found nothing to change (the change set is deleted)
  std::vector<aws::cloudformation::ResourceChange>
      changes;  ///< what the change set would do (DescribeChangeSet's Changes)
};

/// True when the stack already runs exactly `target`: same template text (GetTemplate), same
/// parameter values, and a status that is settled (CREATE_COMPLETE, UPDATE_COMPLETE,
/// UPDATE_ROLLBACK_COMPLETE). Saves a change set round trip for the common no-change provision.
core::Result<bool> already_deployed(aws::cloudformation::Client& cfn, const aws::cloudformation::Stack& stack,
                                    const StackTarget& target);

/// Creates (or reuses) the change set for `target` and waits until CloudFormation has computed
/// it. A change set without changes is deleted and reported as `no_changes`. `values`: ask for
/// before and after values of changed properties (IncludePropertyValues; `diff` shows them).
core::Result<Plan> plan(aws::cloudformation::Client& cfn, const StackBefore& before, const StackTarget& target,
                        const WaitOptions& wait, bool values = false);

/// Deletes the plan's change set (diff and --noop do not leave theirs behind); for a CREATE
/// change set also the stack in REVIEW_IN_PROGRESS it made. Best effort: problems are logged.
void discard_plan(aws::cloudformation::Client& cfn, const Plan& plan);

/// The end of an operation on a stack.
struct Outcome {
  std::optional<aws::cloudformation::Stack> stack;  ///< as it ended; none when deleted
  bool succeeded = false;                           ///< the stack did not end in a failed or rolled-back status
  /// The first failing resource (failed operations), see first_failure().
  std::optional<aws::cloudformation::StackEvent> first_failure;
  std::vector<aws::cloudformation::StackEvent> events;  ///< every event of the operation, oldest first
};

/// Executes the plan and follows the stack until it settles.
core::Result<Outcome> execute_plan(aws::cloudformation::Client& cfn, const Plan& plan, const WaitOptions& wait);

/// DeleteStack and follow it until the stack is gone (or DELETE_FAILED). A stack that does not
/// exist is a success with no events.
core::Result<Outcome> delete_stack(aws::cloudformation::Client& cfn, const std::string& stack_name,
                                   const WaitOptions& wait);

/// The error text for a failed outcome: `<status>: <first failing resource> (<type>) <status>:
/// <reason>` — made terminal-safe.
[[nodiscard]] std::string failure_text(const Outcome& outcome);

}  // namespace hoplite::provision
