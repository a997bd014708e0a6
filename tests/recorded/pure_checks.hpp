#pragma once
// What of a recorded case the cfn module can check without an engine:
//  - capture_update_process cases: DescribeChangeSet's Changes (with and without
//    IncludePropertyValues) of the CREATE change set and of the UPDATE change set against the
//    deployed first template, the no-change FAILED status, the change set's Parameters;
//  - cases whose first call fails with a template-level error (format, references, parameters,
//    intrinsic arguments, property validation, GetAtt attributes): the message.
// Everything else needs the engine (stack state, events, providers) and is skipped with a reason;
// the engine's runner adds those checks on top of the same case loader and matcher.

#include <string>
#include <vector>

#include "recorded_case.hpp"

namespace hoplite::recorded {

struct Verdict {
  enum class Outcome { pass, fail, skip };
  Outcome outcome = Outcome::skip;
  std::vector<std::string> notes;  ///< why it failed or was skipped; what was checked when it passed
  int checks = 0;                  ///< comparisons made
};

[[nodiscard]] Verdict run_pure_checks(const RecordedCase& c);

}  // namespace hoplite::recorded
