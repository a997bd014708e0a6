#include "hoplite/sfn/choice.hpp"

#include <fmt/format.h>

#include "hoplite/sfn/error.hpp"
#include "sfn/checks.hpp"
#include "sfn/node.hpp"

namespace hoplite::sfn {

Choice::Choice(std::string name, ChoiceProps props) : State(StateType::choice, std::move(name)) {
  auto& n = *node_;
  detail::check_path(n.name, "InputPath", props.input_path, false);
  detail::check_path(n.name, "OutputPath", props.output_path, false);
  n.comment = std::move(props.comment);
  n.input_path = std::move(props.input_path);
  n.output_path = std::move(props.output_path);
}

Choice& Choice::when(const Condition& condition, const Chain& then) {
  node_->choices.push_back({condition, detail::Edge(*node_, then.start_node())});
  return *this;
}

Choice& Choice::otherwise(const Chain& then) {
  if (node_->default_next && !node_->default_next.is(then.start_node())) {
    throw DefinitionError(DefinitionRule::kAlreadyLinked,
                          fmt::format("Choice '{}' already has Default '{}'; it cannot also default to '{}'",
                                      node_->name, node_->default_next.name(), then.start_node()->name));
  }
  node_->default_next = detail::Edge(*node_, then.start_node());
  return *this;
}

}  // namespace hoplite::sfn
