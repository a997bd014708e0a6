#pragma once
/// \file
/// The exception thrown when a state machine definition is wrong (a programming error in the
/// service definition, caught when the service is defined or synthesized, before any AWS call).

#include <string>

#include "hoplite/core/definition_error.hpp"

namespace hoplite::sfn {

/// Stable ids of definition errors; the number appears in the message as `[sfn.definition.NNN]`
/// so that documentation, tests and users can refer to one rule. Never renumber.
enum class DefinitionRule : int {
  kDuplicateName = 101,           ///< two different states share a name within one machine
  kBadName = 102,                 ///< a state name is empty or longer than 80 characters
  kMissingTarget = 201,           ///< a transition has no target (Choice without rules/default, no StartAt)
  kDanglingTarget = 202,          ///< Next/Default/StartAt names no state of its scope (e.g. leaves a branch)
  kUnreachable = 203,             ///< a state cannot be reached from StartAt
  kTransitionFromTerminal = 204,  ///< Next after Succeed/Fail/Choice, or both Next and End
  kAlreadyLinked = 205,           ///< a state already continues with a different state
  kNoTerminal = 206,              ///< no state of a scope ends the execution
  kRetryCatchNotAllowed = 301,    ///< Retry/Catch on a state type that has none
  kUnsupportedIntegration = 302,  ///< a Task integration pattern the service does not support
  kInvalidField = 303,            ///< a field value is out of range or malformed (paths, seconds, ...)
  kMissingField = 304,            ///< a required field is missing or has the wrong JSON type
  kUnknownField = 305,            ///< a field the ASL does not define for this state type
  kUnsupportedFeature = 306,      ///< an ASL feature hoplite does not run yet (JSONata, Assign, ItemReader)
  kTooLarge = 307,                ///< the definition exceeds a size or nesting limit
};

/// A wrong state machine definition. `what()` reads `[sfn.definition.NNN] <what to change>`.
class DefinitionError : public core::DefinitionError {
 public:
  /// An error for the broken `rule`; `message` names the state and what to change.
  DefinitionError(DefinitionRule rule, const std::string& message);
  /// The broken rule.
  [[nodiscard]] DefinitionRule rule() const { return rule_; }
  /// The numeric id, e.g. 203.
  [[nodiscard]] int id() const { return static_cast<int>(rule_); }

 private:
  DefinitionRule rule_;
};

}  // namespace hoplite::sfn
