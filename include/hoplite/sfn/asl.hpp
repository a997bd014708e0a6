#pragma once
/// \file
/// The Amazon States Language reader: a definition's JSON text in, a checked model out, or every
/// problem with AWS's `InvalidDefinition` codes and the place it was found.
///
/// **Example**:
/// \code
///   auto def = sfn::read_definition(text);
///   if (!def) return def.error();   // InvalidDefinition: "Invalid State Machine Definition:
///   'MISSING_TRANSITION_TARGET: ..." engine.start({.definition = *def, ...});
/// \endcode
///
/// Caps before anything is read: 1 MiB of text (AWS's limit), 512 levels of JSON nesting, 40
/// levels of Parallel/Map nesting, 32 levels of Choice And/Or/Not. JSONata (`QueryLanguage`) and
/// variables (`Assign`) are refused with a message naming the feature.

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "hoplite/core/result.hpp"
#include "hoplite/sfn/error.hpp"

namespace hoplite::sfn {

/// A definition that passed every check (opaque; see src/sfn/asl/model.hpp).
class Definition;

/// AWS's limit on a definition's size.
inline constexpr std::size_t kMaxDefinitionBytes = 1048576;
/// Parallel branches and Map processors nested deeper than this are refused.
inline constexpr std::size_t kMaxStateNesting = 40;
/// Choice rules nested (And/Or/Not) deeper than this are refused.
inline constexpr std::size_t kMaxRuleNesting = 32;

/// One broken rule.
struct DefinitionProblem {
  DefinitionRule rule = DefinitionRule::kInvalidField;  ///< hoplite's stable id (docs/sfn.md)
  std::string code;      ///< AWS's: SCHEMA_VALIDATION_FAILED, MISSING_TRANSITION_TARGET, DUPLICATE_STATE_NAME, ...
  std::string message;   ///< what is wrong, naming the field or state
  std::string location;  ///< JSON pointer into the definition (`/States/Wait/Next`); empty for the document

  /// `CODE: message at /location`, as AWS words each problem.
  [[nodiscard]] std::string to_string() const;
};

/// Every problem of `text`, in document order; empty when the definition can run.
[[nodiscard]] std::vector<DefinitionProblem> check_definition(std::string_view text);

/// Reads and checks a definition. On problems: error code `InvalidDefinition` (HTTP 400) and
/// AWS's message, `Invalid State Machine Definition: 'CODE: message at /location'` (several
/// problems are listed `''A', 'B''`, as AWS does).
[[nodiscard]] core::Result<std::shared_ptr<const Definition>> read_definition(std::string_view text);

}  // namespace hoplite::sfn
