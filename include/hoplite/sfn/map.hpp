#pragma once
/// \file
/// Map (inline): runs the item processor once per item of an array in the input.
/// Renders `ItemProcessor` with `ProcessorConfig.Mode = INLINE`.
/// See https://docs.aws.amazon.com/step-functions/latest/dg/state-map-inline.html

#include <optional>
#include <string>

#include "hoplite/cfn/json.hpp"
#include "hoplite/sfn/state.hpp"

namespace hoplite::sfn {

/// The Map state's optional fields; each default leaves the field out of the ASL.
struct MapProps {
  std::string comment;                 ///< Comment; default none
  std::optional<Path> input_path;      ///< InputPath; default "$"
  std::optional<Path> items_path;      ///< ItemsPath: the array to iterate; default "$"
  cfn::Json item_selector;             ///< ItemSelector: each iteration's input (`$$.Map.Item.Value`); default the item
  std::optional<int> max_concurrency;  ///< MaxConcurrency (0 = no limit); default 0
  cfn::Json result_selector;           ///< ResultSelector; default none
  std::optional<Path> result_path;     ///< ResultPath; default "$"
  std::optional<Path> output_path;     ///< OutputPath; default "$"
};

/// A Map state: runs its item processor for each item of an input array, then outputs the results in order.
class Map : public State {
 public:
  /// A Map state named `name` (unique in the machine); set the processor with item_processor().
  explicit Map(std::string name, MapProps props = {});
  /// The states run for each item (required: DefinitionError [304] at synthesis). Throws [205]
  /// when a different processor is already set.
  Map& item_processor(const Chain& processor);
};

}  // namespace hoplite::sfn
