#include "hoplite/sfn/succeed.hpp"

#include "sfn/checks.hpp"
#include "sfn/node.hpp"

namespace hoplite::sfn {

Succeed::Succeed(std::string name, SucceedProps props) : State(StateType::succeed, std::move(name)) {
  auto& n = *node_;
  detail::check_path(n.name, "InputPath", props.input_path, false);
  detail::check_path(n.name, "OutputPath", props.output_path, false);
  n.comment = std::move(props.comment);
  n.input_path = std::move(props.input_path);
  n.output_path = std::move(props.output_path);
}

}  // namespace hoplite::sfn
