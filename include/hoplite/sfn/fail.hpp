#pragma once
/// \file
/// Fail: stops the execution and marks it failed, with an error name and a cause.
/// See https://docs.aws.amazon.com/step-functions/latest/dg/state-fail.html

#include <string>

#include "hoplite/sfn/state.hpp"

namespace hoplite::sfn {

/// Give at most one of error/error_path and one of cause/cause_path (else DefinitionError [303]).
struct FailProps {
  std::string error;       ///< Error name; default none
  std::string cause;       ///< Cause text; default none
  std::string error_path;  ///< ErrorPath: a path or intrinsic function; default none
  std::string cause_path;  ///< CausePath: a path or intrinsic function; default none
  std::string comment;     ///< Comment; default none
};

/// A Fail state: ends the execution as failed with an error name and cause.
class Fail : public State {
 public:
  /// A Fail state named `name` (unique in the machine).
  explicit Fail(std::string name, FailProps props = {});
};

}  // namespace hoplite::sfn
