#include "hoplite/sfn/state.hpp"

#include <fmt/format.h>

#include <set>
#include <vector>

#include "hoplite/sfn/error.hpp"
#include "sfn/checks.hpp"
#include "sfn/node.hpp"

namespace hoplite::sfn {
namespace {

const char* type_name(StateType t) {
  switch (t) {
    case StateType::pass:
      return "Pass";
    case StateType::task:
      return "Task";
    case StateType::choice:
      return "Choice";
    case StateType::wait:
      return "Wait";
    case StateType::succeed:
      return "Succeed";
    case StateType::fail:
      return "Fail";
    case StateType::parallel:
      return "Parallel";
    case StateType::map:
      return "Map";
  }
  return "?";
}

bool can_retry_catch(StateType t) { return t == StateType::task || t == StateType::parallel || t == StateType::map; }
bool has_next(StateType t) { return t != StateType::succeed && t != StateType::fail && t != StateType::choice; }

void link(detail::StateNode& from, const std::shared_ptr<detail::StateNode>& to) {
  if (!has_next(from.type)) {
    throw DefinitionError(
        DefinitionRule::kTransitionFromTerminal,
        fmt::format("{} state '{}' cannot continue with '{}'{}", type_name(from.type), from.name, to->name,
                    from.type == StateType::choice ? ": a Choice continues through when() and otherwise()"
                                                   : ": it ends the execution"));
  }
  if (from.next && !from.next.is(to)) {
    throw DefinitionError(DefinitionRule::kAlreadyLinked,
                          fmt::format("state '{}' already continues with '{}'; it cannot also continue with '{}'",
                                      from.name, from.next.name(), to->name));
  }
  from.next = detail::Edge(from, to);
}

}  // namespace

namespace detail {
const char* to_string(StateType t) { return type_name(t); }

namespace {
// Whether `from` can reach `target` through strong edges (including nested scopes).
bool reaches(const StateNode* from, const StateNode* target, std::set<const StateNode*>& seen) {
  if (from == nullptr) return false;
  if (from == target) return true;
  if (!seen.insert(from).second) return false;
  std::vector<std::shared_ptr<StateNode>> out;
  auto add = [&](const Edge& e) {
    if (e && e.strong()) out.push_back(e.strong());
  };
  add(from->next);
  add(from->default_next);
  for (const auto& r : from->choices) add(r.next);
  for (const auto& c : from->catchers) add(c.handler);
  for (const auto& b : from->branches) out.push_back(b);
  if (from->processor) out.push_back(from->processor);
  for (const auto& n : out)
    if (reaches(n.get(), target, seen)) return true;
  return false;
}
}  // namespace

Edge::Edge(const StateNode& from, const std::shared_ptr<StateNode>& to) : raw_(to.get()), name_(to->name) {
  std::set<const StateNode*> seen;
  if (reaches(to.get(), &from, seen))
    weak_ = to;
  else
    strong_ = to;
}

std::shared_ptr<StateNode> Edge::get() const {
  if (strong_) return strong_;
  if (auto locked = weak_.lock()) return locked;
  throw DefinitionError(DefinitionRule::kDanglingTarget,
                        fmt::format("state '{}' was destroyed before the state machine was built; keep the state "
                                    "objects of a loop alive until the StateMachine is constructed",
                                    name_));
}
}  // namespace detail

State::State(StateType type, std::string name) : node_(std::make_shared<detail::StateNode>()) {
  if (name.empty() || name.size() > 80) {
    throw DefinitionError(
        DefinitionRule::kBadName,
        fmt::format("state name '{}' has {} characters; a name must have 1 to 80", name, name.size()));
  }
  node_->type = type;
  node_->name = std::move(name);
}

const std::string& State::name() const { return node_->name; }
StateType State::type() const { return node_->type; }

State& State::next(const State& next) {
  link(*node_, next.node_);
  return *this;
}

State& State::add_retry(Retry retry) {
  if (!can_retry_catch(node_->type)) {
    throw DefinitionError(DefinitionRule::kRetryCatchNotAllowed,
                          fmt::format("{} state '{}' cannot have Retry (only Task, Parallel and Map can)",
                                      type_name(node_->type), node_->name));
  }
  if (retry.errors.empty())
    throw DefinitionError(DefinitionRule::kInvalidField,
                          fmt::format("a Retry of state '{}' needs at least one error name", node_->name));
  auto bad = [&](const char* field, const char* rule) {
    throw DefinitionError(DefinitionRule::kInvalidField,
                          fmt::format("Retry {} of state '{}' must be {}", field, node_->name, rule));
  };
  if (retry.interval_seconds && *retry.interval_seconds < 1) bad("IntervalSeconds", "at least 1");
  if (retry.max_attempts && *retry.max_attempts < 0) bad("MaxAttempts", "at least 0");
  if (retry.backoff_rate && *retry.backoff_rate < 1.0) bad("BackoffRate", "at least 1.0");
  if (retry.max_delay_seconds && *retry.max_delay_seconds < 1) bad("MaxDelaySeconds", "at least 1");
  node_->retriers.push_back(std::move(retry));
  return *this;
}

State& State::add_catch(const State& handler, CatchProps props) {
  if (!can_retry_catch(node_->type)) {
    throw DefinitionError(DefinitionRule::kRetryCatchNotAllowed,
                          fmt::format("{} state '{}' cannot have Catch (only Task, Parallel and Map can)",
                                      type_name(node_->type), node_->name));
  }
  if (props.errors.empty())
    throw DefinitionError(DefinitionRule::kInvalidField,
                          fmt::format("a Catch of state '{}' needs at least one error name", node_->name));
  detail::check_path(node_->name, "Catch ResultPath", props.result_path, true);
  node_->catchers.push_back({std::move(props), detail::Edge(*node_, handler.node_)});
  return *this;
}

State& State::catch_all(const State& handler) {
  return add_catch(handler, {.errors = {"States.ALL"}, .result_path = Path("$.error")});
}

Chain::Chain(const State& state) : start_(state.node()) {
  if (has_next(start_->type)) ends_.push_back(start_);
}

Chain& Chain::next(const Chain& next) {
  if (ends_.empty()) {
    throw DefinitionError(
        DefinitionRule::kTransitionFromTerminal,
        fmt::format("the chain starting at '{}' has no open end to continue with '{}' (it ends in Succeed, Fail "
                    "or Choice)",
                    start_->name, next.start_->name));
  }
  for (auto& end : ends_) link(*end, next.start_);
  ends_ = next.ends_;
  return *this;
}

}  // namespace hoplite::sfn
