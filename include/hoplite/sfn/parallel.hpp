#pragma once
/// \file
/// Parallel: runs branches at the same time; its output is the array of the branches' outputs.
/// States of a branch can only transition within the branch (DefinitionError [202]).
/// See https://docs.aws.amazon.com/step-functions/latest/dg/state-parallel.html

#include <optional>
#include <string>

#include "hoplite/cfn/json.hpp"
#include "hoplite/sfn/state.hpp"

namespace hoplite::sfn {

/// The Parallel state's optional fields; each default leaves the field out of the ASL.
struct ParallelProps {
  std::string comment;              ///< Comment; default none
  std::optional<Path> input_path;   ///< InputPath; default "$"
  cfn::Json parameters;             ///< Parameters (the branches' input); default none
  cfn::Json result_selector;        ///< ResultSelector; default none
  std::optional<Path> result_path;  ///< ResultPath; default "$"
  std::optional<Path> output_path;  ///< OutputPath; default "$"
};

/// A Parallel state: runs its branches at once on the same input and outputs their results as an array.
class Parallel : public State {
 public:
  /// A Parallel state named `name` (unique in the machine); add branches with branch().
  explicit Parallel(std::string name, ParallelProps props = {});
  /// Adds a branch (at least one is needed: DefinitionError [304] at synthesis).
  Parallel& branch(const Chain& branch);
};

}  // namespace hoplite::sfn
