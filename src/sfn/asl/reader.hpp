#pragma once
/// \file The ASL reader's internals: one Reader walks the document once, building the model and
/// collecting problems; its methods are spread over reader_*.cpp by concern.

#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "hoplite/sfn/asl.hpp"
#include "sfn/asl/model.hpp"
#include "sfn/query/jsonpath_condition.hpp"
#include "sfn/query/jsonpath_flow.hpp"

namespace hoplite::sfn::asl {

/// `~` and `/` escaped as JSON pointers want them.
[[nodiscard]] std::string pointer_escape(std::string_view key);

class Reader {
 public:
  std::vector<DefinitionProblem> problems;

  /// The whole document; nullptr when it is not even an object.
  std::unique_ptr<Definition> machine(const Json& doc);

  // --- reporting (reader.cpp)
  void problem(DefinitionRule rule, std::string code, std::string message, std::string location);
  void schema(DefinitionRule rule, std::string message, std::string location) {
    problem(rule, "SCHEMA_VALIDATION_FAILED", std::move(message), std::move(location));
  }

  // --- fields (reader_fields.cpp)
  /// Reports fields of `obj` not in `allowed` (and JSONata / Assign fields as unsupported).
  void check_fields(const Json& obj, const std::vector<const char*>& allowed, const std::string& at);
  std::optional<std::string> string_field(const Json& obj, const char* field, const std::string& at, bool required);
  std::optional<std::int64_t> integer_field(const Json& obj, const char* field, const std::string& at, std::int64_t min,
                                            std::int64_t max);
  std::optional<double> number_field(const Json& obj, const char* field, const std::string& at, double min, double max);
  /// InputPath/OutputPath (`reference` false) or ResultPath (`reference` true); `null` allowed.
  OptionalPath optional_path(const Json& obj, const char* field, const std::string& at, bool reference);
  /// A reference path that must be a string (SecondsPath, ItemsPath, ...); nullptr when absent.
  std::unique_ptr<Expression> path_expression(const Json& obj, const char* field, const std::string& at,
                                              bool reference);
  /// ErrorPath/CausePath: a path or an intrinsic call.
  std::unique_ptr<Expression> path_or_call(const Json& obj, const char* field, const std::string& at);
  std::optional<PayloadTemplate> payload(const Json& obj, const char* field, const std::string& at);
  /// `Field` / `FieldPath` pairs (TimeoutSeconds, MaxConcurrency, ToleratedFailure...).
  DynamicNumber dynamic_number(const Json& obj, const char* field, const std::string& at, double min, double max,
                               bool integer);

  // --- states (reader_states.cpp)
  std::unique_ptr<StateGraph> graph(const Json& scope, const std::string& at, std::size_t nesting,
                                    const std::vector<const char*>& extra_fields);
  std::unique_ptr<StateNode> state(const std::string& name, const Json& s, const std::string& at, std::size_t nesting);
  void task(StateNode& node, const Json& s, const std::string& at);
  void wait(StateNode& node, const Json& s, const std::string& at);
  void fail(StateNode& node, const Json& s, const std::string& at);
  void parallel(StateNode& node, const Json& s, const std::string& at, std::size_t nesting);
  void map(StateNode& node, const Json& s, const std::string& at, std::size_t nesting);

  // --- Retry and Catch (reader_errors.cpp)
  void retry(StateNode& node, const Json& s, const std::string& at);
  /// Catchers are read before the graph's names are known; targets resolve in link().
  void catchers(StateNode& node, const Json& s, const std::string& at);

  // --- Choice (reader_choice.cpp)
  void choice(StateNode& node, const Json& s, const std::string& at);
  std::unique_ptr<JsonPathRule> rule(const Json& r, const std::string& at, std::size_t depth, bool top);

  // --- graph checks (reader_graph.cpp)
  /// Links Next/Default/Choices/Catch names to states of `g`, reports dangling and unreachable
  /// states and scopes without an end.
  void link(StateGraph& g, const Json& states, const std::string& at);

 private:
  std::set<std::string> names_;  // every state name seen, for uniqueness in the whole machine

 public:
  Definition* definition = nullptr;  // the machine being built (all_states is filled as states are read)
};

/// Reads `text` (size and depth capped first) into a definition and its problems.
struct ReadOutcome {
  std::unique_ptr<Definition> definition;
  std::vector<DefinitionProblem> problems;
};
[[nodiscard]] ReadOutcome read_asl(std::string_view text);

}  // namespace hoplite::sfn::asl
