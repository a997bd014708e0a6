#pragma once
/// \file
/// Succeed: stops the execution (or a branch / Map iteration) successfully.
/// See https://docs.aws.amazon.com/step-functions/latest/dg/state-succeed.html

#include <optional>
#include <string>

#include "hoplite/sfn/state.hpp"

namespace hoplite::sfn {

struct SucceedProps {
  std::string comment;              ///< Comment; default none
  std::optional<Path> input_path;   ///< InputPath; default "$"
  std::optional<Path> output_path;  ///< OutputPath; default "$"
};

class Succeed : public State {
 public:
  explicit Succeed(std::string name, SucceedProps props = {});
};

}  // namespace hoplite::sfn
