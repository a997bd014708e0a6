#pragma once
/// \file
/// What a query is evaluated against: the state's input (`$`), the context object (`$$`), and
/// the randomness States.UUID / States.MathRandom draw from (injected, so tests are repeatable).

#include <cstdint>
#include <functional>
#include <optional>
#include <string_view>

#include "hoplite/core/clock.hpp"
#include "hoplite/core/result.hpp"
#include "sfn/json/value.hpp"

namespace hoplite::sfn::asl {

class JsonPath;

/// The context object, assembled on demand from parts that live elsewhere: the execution and
/// state machine parts are shared by every state of an execution, the rest describes the state
/// being run. Reading `$$.Execution.Input.x` copies only `x`.
class ContextObject {
 public:
  struct MapItem {
    std::int64_t index = 0;
    const Json* value = nullptr;
  };

  const Json* execution = nullptr;      ///< {"Id","Input","StartTime","Name","RoleArn","RedriveCount"}
  const Json* state_machine = nullptr;  ///< {"Id","Name"}
  std::string_view state_name;
  core::TimePoint entered_time{};  ///< shown as RFC 3339 with milliseconds (formatted only when read)
  std::string_view task_token;     ///< empty unless the Task state waits for a token
  std::optional<MapItem> map_item;

  /// The value `path` (a `$$` path) selects; error `path.missing` like JsonPath::read.
  [[nodiscard]] core::Result<Json> read(const JsonPath& path) const;

  /// The whole context object (what `$$` alone selects).
  [[nodiscard]] Json whole() const;

 private:
  [[nodiscard]] Json part(std::string_view name) const;
};

/// Everything a query may read.
struct Scope {
  const Json& input;
  const ContextObject& context;
  /// 64 random bits per call; never null while an execution runs.
  const std::function<std::uint64_t()>* random = nullptr;

  /// Reads `$…` against the input and `$$…` against the context object.
  [[nodiscard]] core::Result<Json> read(const JsonPath& path) const;
};

}  // namespace hoplite::sfn::asl
