#pragma once
/// \file
/// Pass: passes its input to its output, optionally injecting a fixed Result.
/// See https://docs.aws.amazon.com/step-functions/latest/dg/state-pass.html

#include <optional>
#include <string>

#include "hoplite/cfn/json.hpp"
#include "hoplite/sfn/state.hpp"

namespace hoplite::sfn {

/// The Pass state's optional fields; each default leaves the field out of the ASL.
struct PassProps {
  std::string comment;              ///< Comment; default none
  std::optional<Path> input_path;   ///< InputPath; default "$"
  cfn::Json parameters;             ///< Parameters (keys ending in ".$" take a path); default none
  cfn::Json result;                 ///< Result: fixed output; default none (the input passes through)
  std::optional<Path> result_path;  ///< ResultPath; default "$"
  std::optional<Path> output_path;  ///< OutputPath; default "$"
};

/// A Pass state: passes its input (or `result`) to its output, doing no work.
class Pass : public State {
 public:
  /// A Pass state named `name` (unique in the machine).
  explicit Pass(std::string name, PassProps props = {});
};

}  // namespace hoplite::sfn
