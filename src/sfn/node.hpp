#pragma once
/// \file The internal representation of one state, shared by the public handles (State and its
/// subclasses), the renderer and the IAM derivation.

#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "hoplite/cfn/iam.hpp"
#include "hoplite/cfn/json.hpp"
#include "hoplite/sfn/condition.hpp"
#include "hoplite/sfn/state.hpp"

namespace hoplite::sfn::detail {

struct StateNode;

/// A transition. Strong (owning) unless it closes a loop: an edge to a state that already reaches
/// this one (a loop back to a Wait, a retry cycle) is weak, so loops do not keep themselves alive
/// (the strong edges form a DAG). The target of a weak edge is an ancestor of its source, kept
/// alive by the handles or the chain that reach it.
class Edge {
 public:
  Edge() = default;
  /// Links `from` to `to`, weakly when `to` already reaches `from`.
  Edge(const StateNode& from, const std::shared_ptr<StateNode>& to);
  explicit operator bool() const { return strong_ || !name_.empty(); }
  /// The target; throws DefinitionError [202] when a weakly linked target no longer exists.
  [[nodiscard]] std::shared_ptr<StateNode> get() const;
  [[nodiscard]] bool is(const std::shared_ptr<StateNode>& node) const { return raw_ == node.get(); }
  [[nodiscard]] const std::string& name() const { return name_; }
  /// The owned target, or nullptr for a weak edge.
  [[nodiscard]] const std::shared_ptr<StateNode>& strong() const { return strong_; }

 private:
  std::shared_ptr<StateNode> strong_;
  std::weak_ptr<StateNode> weak_;
  const StateNode* raw_ = nullptr;
  std::string name_;
};

struct Catcher {
  CatchProps props;
  Edge handler;
};

struct ChoiceRule {
  Condition condition;
  Edge next;
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
  Edge next;
  std::vector<Catcher> catchers;
  std::vector<Retry> retriers;
  std::vector<ChoiceRule> choices;
  Edge default_next;

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
  std::vector<cfn::iam::PolicyStatement> statements;  ///< what the machine's role needs for this task
};

}  // namespace hoplite::sfn::detail
