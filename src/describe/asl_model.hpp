#pragma once
/// \file A state machine definition (Amazon States Language) as a graph: states in nested scopes
/// (the top level, each Parallel branch, each Map's processor) and the transitions between them.
/// https://states-language.net/spec.html

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "describe/json_input.hpp"
#include "hoplite/core/result.hpp"

namespace hoplite::describe {

/// A list of states that run together: the machine itself, a Parallel branch or a Map processor.
struct AslScope {
  std::optional<std::size_t> owner;  ///< the Parallel/Map state that holds it; none for the top level
  std::string label;                 ///< "Branch 1", "Item processor"; "" for the top level
  std::optional<std::size_t> start;  ///< the StartAt state; none when StartAt names no state
  std::vector<std::size_t> states;   ///< in document order
};

struct AslState {
  std::string name;
  std::string type;                   ///< Task, Choice, Pass, Wait, Parallel, Map, Succeed, Fail
  std::size_t scope = 0;              ///< index into AslMachine::scopes
  std::string resource;               ///< Task: the Resource as written ("arn:aws:states:::ecs:runTask.sync")
  std::string integration;            ///< Task: "ecs:runTask.sync", "lambda:invoke", … ("" when unknown)
  bool end = false;                   ///< "End": true, or a Succeed/Fail state
  Json definition;                    ///< the state's JSON (Parallel branches and Map processors left out)
  std::vector<std::size_t> children;  ///< scopes owned by a Parallel/Map state
};

enum class TransitionKind { next, choice, choice_default, catch_error, retry };

/// "next", "choice", "default", "catch" or "retry" (also the CSS class of the edge).
[[nodiscard]] const char* to_string(TransitionKind kind);

struct Transition {
  std::size_t from = 0;
  std::optional<std::size_t> to;  ///< none: the scope ends here (End, Succeed, Fail are not edges)
  TransitionKind kind = TransitionKind::next;
  std::string label;  ///< short text for the graph (a condition, the errors caught, a retry policy)
  std::string text;   ///< the full text for the detail view
};

struct AslMachine {
  std::string comment;
  std::vector<AslScope> scopes;  ///< [0] is the top level
  std::vector<AslState> states;
  std::vector<Transition> transitions;
  /// What does not fit together (a Next naming no state, a missing StartAt): shown on the page;
  /// describe draws what it can rather than refusing.
  std::vector<std::string> problems;
};

/// The most states describe draws in one machine.
inline constexpr std::size_t kMaxStates = 5000;

/// Reads a definition already parsed (and depth-checked) as JSON. Errors `describe.asl` when it is
/// not an object with a States object, or has more than kMaxStates states.
[[nodiscard]] core::Result<AslMachine> read_asl(const Json& definition);

/// A Choice rule as text: `$.status == "done"`, `$.n > 3 and not ($.x is present)`. Nested
/// And/Or/Not deeper than `max_depth` are shown as "…".
[[nodiscard]] std::string choice_rule_text(const Json& rule, int max_depth = 16);

/// "ecs:runTask.sync" for "arn:aws:states:::ecs:runTask.sync" (any partition, placeholders
/// allowed); "lambda:invoke" for a Lambda function ARN; "activity" for an activity ARN; else "".
[[nodiscard]] std::string integration_of(std::string_view resource);

}  // namespace hoplite::describe
