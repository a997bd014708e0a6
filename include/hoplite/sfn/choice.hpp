#pragma once
/// \file
/// Choice: branches on the input. The first rule whose condition holds picks the next state;
/// otherwise Default. A Choice has no Next and no End (DefinitionError [204] when chained onward).
///
/// \code
///   sfn::Choice check{"Check"};
///   check.when(sfn::Condition::string_equals("$.status", "done"), done)
///        .otherwise(wait_again);
/// \endcode
/// See https://docs.aws.amazon.com/step-functions/latest/dg/state-choice.html

#include <optional>
#include <string>

#include "hoplite/sfn/condition.hpp"
#include "hoplite/sfn/state.hpp"

namespace hoplite::sfn {

/// The Choice state's optional fields; each default leaves the field out of the ASL.
struct ChoiceProps {
  std::string comment;              ///< Comment; default none
  std::optional<Path> input_path;   ///< InputPath; default "$"
  std::optional<Path> output_path;  ///< OutputPath; default "$"
};

/// A Choice state: continues with the first rule whose condition holds, else with otherwise().
class Choice : public State {
 public:
  /// A Choice state named `name` (unique in the machine).
  explicit Choice(std::string name, ChoiceProps props = {});

  /// Adds a rule: when `condition` holds, continue with `then` (a state or a chain's start).
  Choice& when(const Condition& condition, const Chain& then);
  /// Default: the state to continue with when no rule matches. Without it, no match fails the
  /// execution with States.NoChoiceMatched. Throws [205] when a different default is already set.
  Choice& otherwise(const Chain& then);
};

}  // namespace hoplite::sfn
