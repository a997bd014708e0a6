#pragma once
/// \file
/// Succeed: stops the execution (or a branch / Map iteration) successfully.
/// See https://docs.aws.amazon.com/step-functions/latest/dg/state-succeed.html

#include <optional>
#include <string>

#include "hoplite/sfn/state.hpp"

namespace hoplite::sfn {

/// The Succeed state's optional fields; each default leaves the field out of the ASL.
struct SucceedProps {
  std::string comment;              ///< Comment; default none
  std::optional<Path> input_path;   ///< InputPath; default "$"
  std::optional<Path> output_path;  ///< OutputPath; default "$"
};

/// A Succeed state: ends the execution (or branch) successfully with its input as output.
class Succeed : public State {
 public:
  /// A Succeed state named `name` (unique in the machine).
  explicit Succeed(std::string name, SucceedProps props = {});
};

}  // namespace hoplite::sfn
