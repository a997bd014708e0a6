#pragma once
/// \file
/// A checker for Amazon States Language documents (JSONPath query language): the structural and
/// graph rules of the ASL specification and AWS's statelint rule list. The builder runs it on every
/// definition it renders, so a machine it emits has passed the same rules; it also checks ASL
/// written by hand.
///
/// **Example**:
/// \code
///   for (const auto& p : sfn::check_asl(text)) fmt::print("{}\n", p.message);
///   sfn::validate_asl(text);   // throws sfn::DefinitionError on the first problem
/// \endcode

#include <string>
#include <string_view>
#include <vector>

#include "hoplite/sfn/error.hpp"

namespace hoplite::sfn {

/// One broken rule: its stable id and a sentence naming the state and what to change.
struct Problem {
  DefinitionRule rule;  ///< which rule
  std::string message;  ///< names the state and what to change
};

/// Every problem found in `asl_json`, in document order (empty when the document is valid).
/// Checks: JSON shape and required fields per state type, state names (unique in the whole
/// machine, 1..80 characters), transitions (targets exist in their own scope, no Next out of
/// Succeed/Fail/Choice, exactly one of Next/End), reachability from StartAt, a terminal state in
/// every scope, Retry/Catch only on Task/Parallel/Map, Retrier/Catcher fields, Wait durations,
/// Choice rules (one operator, value types, no Next inside And/Or/Not), and path syntax.
/// Does not check service-integration Parameters.
[[nodiscard]] std::vector<Problem> check_asl(std::string_view asl_json);

/// Throws DefinitionError for the first problem of `check_asl(asl_json)`.
void validate_asl(std::string_view asl_json);

}  // namespace hoplite::sfn
