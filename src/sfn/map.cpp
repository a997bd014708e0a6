#include "hoplite/sfn/map.hpp"

#include <fmt/format.h>

#include "hoplite/sfn/error.hpp"
#include "sfn/checks.hpp"
#include "sfn/node.hpp"

namespace hoplite::sfn {

Map::Map(std::string name, MapProps props) : State(StateType::map, std::move(name)) {
  auto& n = *node_;
  detail::check_path(n.name, "InputPath", props.input_path, false);
  detail::check_path(n.name, "ItemsPath", props.items_path, false);
  detail::check_path(n.name, "ResultPath", props.result_path, true);
  detail::check_path(n.name, "OutputPath", props.output_path, false);
  detail::check_payload(n.name, "ItemSelector", props.item_selector);
  detail::check_payload(n.name, "ResultSelector", props.result_selector);
  if (props.items_path && props.items_path->is_null())
    throw DefinitionError(DefinitionRule::kInvalidField, fmt::format("ItemsPath of Map '{}' cannot be null", n.name));
  if (props.max_concurrency && *props.max_concurrency < 0)
    throw DefinitionError(DefinitionRule::kInvalidField,
                          fmt::format("MaxConcurrency of Map '{}' must be >= 0 (0 = no limit)", n.name));
  n.comment = std::move(props.comment);
  n.input_path = std::move(props.input_path);
  n.items_path = std::move(props.items_path);
  n.parameters = std::move(props.item_selector);
  n.max_concurrency = props.max_concurrency;
  n.result_selector = std::move(props.result_selector);
  n.result_path = std::move(props.result_path);
  n.output_path = std::move(props.output_path);
}

Map& Map::item_processor(const Chain& processor) {
  if (node_->processor && node_->processor != processor.start_node()) {
    throw DefinitionError(
        DefinitionRule::kAlreadyLinked,
        fmt::format("Map '{}' already has an item processor starting at '{}'", node_->name, node_->processor->name));
  }
  node_->processor = processor.start_node();
  return *this;
}

}  // namespace hoplite::sfn
