#pragma once
/// \file
/// A state machine definition as the interpreter runs it: states linked by pointers, every path,
/// template, rule and expression compiled. Built by the reader (reader.cpp), immutable after.

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "hoplite/core/clock.hpp"
#include "hoplite/sfn/integration_pattern.hpp"
#include "sfn/asl/resource.hpp"
#include "sfn/json/value.hpp"
#include "sfn/query/language.hpp"

namespace hoplite::sfn::asl {

enum class StateType { kPass, kTask, kChoice, kWait, kSucceed, kFail, kParallel, kMap };

/// "Pass", "Task", ... as in the definition and in event type names (`PassStateEntered`).
[[nodiscard]] const char* state_type_name(StateType t);

struct StateNode;

/// StartAt + States: the machine itself, a Parallel branch, or a Map's item processor.
struct StateGraph {
  const StateNode* start = nullptr;
  std::vector<std::unique_ptr<StateNode>> states;  ///< document order
  std::unordered_map<std::string, StateNode*> by_name;
};

struct Retrier {
  std::vector<std::string> errors;
  std::int64_t interval_seconds = 1;
  std::int64_t max_attempts = 3;
  double backoff_rate = 2.0;
  std::optional<std::int64_t> max_delay_seconds;
  bool full_jitter = false;
};

struct Catcher {
  std::vector<std::string> errors;
  std::string next_name;
  const StateNode* next = nullptr;
  std::unique_ptr<DataFlow> flow;  ///< only its ResultPath is used
};

struct ChoiceRule {
  std::unique_ptr<Condition> condition;
  std::string next_name;
  std::string pointer;  ///< of the rule, `/States/C/Choices/0`
  const StateNode* next = nullptr;
};

struct WaitSpec {
  enum class Kind { kSeconds, kSecondsPath, kTimestamp, kTimestampPath };
  Kind kind = Kind::kSeconds;
  std::int64_t seconds = 0;
  core::TimePoint timestamp{};
  std::unique_ptr<Expression> path;
};

/// A number given literally or read from a path at run time (TimeoutSeconds/…Path, MaxConcurrency/…Path).
struct DynamicNumber {
  std::optional<double> literal;
  std::unique_ptr<Expression> path;
  [[nodiscard]] bool set() const { return literal.has_value() || path != nullptr; }
};

struct TaskSpec {
  std::string resource;  ///< as written
  ResourceArn arn;       ///< split: resourceType `sns`, resource `publish`, pattern
  DynamicNumber timeout_seconds;
  DynamicNumber heartbeat_seconds;
};

struct MapSpec {
  std::unique_ptr<Expression> items_path;       ///< nullptr: the whole effective input
  std::unique_ptr<ItemSelector> item_selector;  ///< nullptr: the item itself
  DynamicNumber max_concurrency;
  DynamicNumber tolerated_failure_count;
  DynamicNumber tolerated_failure_percentage;
  bool distributed = false;
  std::unique_ptr<StateGraph> processor;
};

struct FailSpec {
  std::optional<std::string> error;
  std::optional<std::string> cause;
  std::unique_ptr<Expression> error_path;
  std::unique_ptr<Expression> cause_path;
};

struct StateNode {
  std::string name;
  StateType type = StateType::kPass;
  std::string pointer;  ///< JSON pointer in the definition, `/States/X`
  std::string next_name;
  const StateNode* next = nullptr;
  bool end = false;

  std::unique_ptr<DataFlow> flow;  ///< every state but Fail
  std::optional<Json> result;      ///< Pass `Result`

  std::vector<Retrier> retriers;
  std::vector<Catcher> catchers;

  std::vector<ChoiceRule> choices;
  std::string default_name;
  const StateNode* default_next = nullptr;

  std::unique_ptr<WaitSpec> wait;
  std::unique_ptr<TaskSpec> task;
  std::unique_ptr<MapSpec> map;
  std::vector<std::unique_ptr<StateGraph>> branches;  ///< Parallel
  std::unique_ptr<FailSpec> fail;
};

}  // namespace hoplite::sfn::asl

namespace hoplite::sfn {

/// A definition that passed every check; shared by all executions of a state machine.
class Definition {
 public:
  std::unique_ptr<asl::StateGraph> root;
  std::optional<std::int64_t> timeout_seconds;  ///< the machine's TimeoutSeconds
  std::string text;                             ///< the definition as given
  /// Every state by name (names are unique in the whole machine): resuming an execution finds
  /// its states again by name.
  std::unordered_map<std::string, const asl::StateNode*> all_states;
};

}  // namespace hoplite::sfn
