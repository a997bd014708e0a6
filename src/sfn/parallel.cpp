#include "hoplite/sfn/parallel.hpp"

#include "sfn/checks.hpp"
#include "sfn/node.hpp"

namespace hoplite::sfn {

Parallel::Parallel(std::string name, ParallelProps props) : State(StateType::parallel, std::move(name)) {
  auto& n = *node_;
  detail::check_path(n.name, "InputPath", props.input_path, false);
  detail::check_path(n.name, "ResultPath", props.result_path, true);
  detail::check_path(n.name, "OutputPath", props.output_path, false);
  detail::check_payload(n.name, "Parameters", props.parameters);
  detail::check_payload(n.name, "ResultSelector", props.result_selector);
  n.comment = std::move(props.comment);
  n.input_path = std::move(props.input_path);
  n.parameters = std::move(props.parameters);
  n.result_selector = std::move(props.result_selector);
  n.result_path = std::move(props.result_path);
  n.output_path = std::move(props.output_path);
}

Parallel& Parallel::branch(const Chain& branch) {
  node_->branches.push_back(branch.start_node());
  return *this;
}

}  // namespace hoplite::sfn
