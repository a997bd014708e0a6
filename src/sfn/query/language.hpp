#pragma once
/// \file
/// The one seam between the interpreter and a query language. The interpreter moves data through
/// these interfaces only; the ASL reader builds them for each state from its fields. JSONPath is
/// implemented (jsonpath_language.cpp); JSONata (`QueryLanguage: "JSONata"`, `Arguments`,
/// `Output`, `Condition`, `Assign`) is another implementation of the same interfaces.
///
/// Failures are `core::Error`s whose code is the ASL error name (`States.Runtime`,
/// `States.ResultPathMatchFailure`, ...) and whose message is the cause without the
/// "An error occurred while executing the state ..." prefix, which the interpreter adds.

#include <cstdint>
#include <functional>
#include <string>

#include "hoplite/core/result.hpp"
#include "sfn/json/value.hpp"

namespace hoplite::sfn::asl {

class ContextObject;

/// What every query can see besides its input.
struct Environment {
  const ContextObject& context;
  const std::function<std::uint64_t()>& random;
};

/// A state's input and output processing.
class DataFlow {
 public:
  virtual ~DataFlow() = default;
  /// The input the state works on (JSONPath: InputPath, then Parameters where the state type has
  /// them as its input).
  [[nodiscard]] virtual core::Result<Json> effective_input(const Json& raw_input, const Environment& env) const = 0;
  /// The result a Task/Parallel/Map keeps of what it produced (JSONPath: ResultSelector).
  [[nodiscard]] virtual core::Result<Json> select_result(Json result, const Environment& env) const = 0;
  /// The state's output from its raw input and its result (JSONPath: ResultPath, then OutputPath).
  [[nodiscard]] virtual core::Result<Json> output(Json raw_input, Json result, const Environment& env) const = 0;
  /// When output() is always the raw input with one member set to the result (JSONPath:
  /// `ResultPath: "$.name"`, no OutputPath), that member's name: for a raw input object without
  /// it, the output is the input with the member appended, and its text is written by appending.
  /// Null otherwise (the default).
  [[nodiscard]] virtual const std::string* appended_member() const { return nullptr; }
};

/// A value a state reads at run time: SecondsPath, TimestampPath, ItemsPath, ErrorPath, a
/// Choice `Variable`, the `…Path` fields of Map and Task.
class Expression {
 public:
  virtual ~Expression() = default;
  /// The value, or an error `path.missing` (callers turn it into the state's own message).
  [[nodiscard]] virtual core::Result<Json> evaluate(const Json& input, const Environment& env) const = 0;
  /// The expression as written, for messages (`$.waitSeconds`).
  [[nodiscard]] virtual const std::string& text() const = 0;
};

/// Builds a Map iteration's input (JSONPath: ItemSelector or the legacy Parameters of a Map).
class ItemSelector {
 public:
  virtual ~ItemSelector() = default;
  [[nodiscard]] virtual core::Result<Json> select(const Json& state_input, const Environment& env) const = 0;
};

/// A Choice rule's condition.
class Condition {
 public:
  virtual ~Condition() = default;
  [[nodiscard]] virtual core::Result<bool> test(const Json& input, const Environment& env) const = 0;
};

}  // namespace hoplite::sfn::asl
