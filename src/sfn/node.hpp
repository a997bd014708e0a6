#pragma once
/// \file The internal representation of one state, shared by the public handles (State and its
/// subclasses), the renderer and the IAM derivation.

#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "hoplite/cfn/json.hpp"
#include "hoplite/sfn/condition.hpp"
#include "hoplite/sfn/policy.hpp"
#include "hoplite/sfn/state.hpp"

namespace hoplite::sfn::detail {

struct Catcher {
  CatchProps props;
  std::shared_ptr<StateNode> handler;
};

struct ChoiceRule {
  Condition condition;
  std::shared_ptr<StateNode> next;
};

struct StateNode {
  StateType type = StateType::pass;
  std::string name;
  std::string comment;

  // Input and output processing.
  std::optional<Path> input_path;
  std::optional<Path> output_path;
  std::optional<Path> result_path;
  cfn::Json parameters;       ///< null = not set (Map: rendered as ItemSelector)
  cfn::Json result_selector;  ///< null = not set
  cfn::Json result;           ///< Pass Result; null = not set

  // Transitions.
  std::shared_ptr<StateNode> next;
  std::vector<Catcher> catchers;
  std::vector<Retry> retriers;
  std::vector<ChoiceRule> choices;
  std::shared_ptr<StateNode> default_next;

  // Wait: exactly one is set.
  std::optional<int> wait_seconds;
  std::string wait_seconds_path;
  std::string wait_timestamp;
  std::string wait_timestamp_path;

  // Fail.
  std::string error, error_path, cause, cause_path;

  // Parallel branches / Map item processor (start states of nested scopes).
  std::vector<std::shared_ptr<StateNode>> branches;
  std::shared_ptr<StateNode> processor;
  std::optional<Path> items_path;
  std::optional<int> max_concurrency;

  // Task.
  cfn::Json resource;  ///< the Resource ARN (string or intrinsic)
  std::optional<int> timeout_seconds;
  std::string timeout_seconds_path;
  std::optional<int> heartbeat_seconds;
  std::string heartbeat_seconds_path;
  std::vector<PolicyStatement> statements;  ///< what the machine's role needs for this task
};

}  // namespace hoplite::sfn::detail
