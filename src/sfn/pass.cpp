#include "hoplite/sfn/pass.hpp"

#include "sfn/checks.hpp"
#include "sfn/node.hpp"

namespace hoplite::sfn {

Pass::Pass(std::string name, PassProps props) : State(StateType::pass, std::move(name)) {
  auto& n = *node_;
  detail::check_path(n.name, "InputPath", props.input_path, false);
  detail::check_path(n.name, "ResultPath", props.result_path, true);
  detail::check_path(n.name, "OutputPath", props.output_path, false);
  detail::check_payload(n.name, "Parameters", props.parameters);
  n.comment = std::move(props.comment);
  n.input_path = std::move(props.input_path);
  n.parameters = std::move(props.parameters);
  n.result = std::move(props.result);
  n.result_path = std::move(props.result_path);
  n.output_path = std::move(props.output_path);
}

}  // namespace hoplite::sfn
