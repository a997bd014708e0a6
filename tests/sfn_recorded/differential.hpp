#pragma once
/// \file
/// Differential test against aws-local-stepfunctions (tools/sfn-peer): the same pure data-flow
/// machines and inputs through both interpreters, outputs compared.
///
/// Two sets: (1) the recorded cases without Task states, context object, randomness or lossy
/// timestamps — where the peer reproduces AWS's recording, hoplite's output must be identical to
/// the peer's (where it does not, the case is listed as the peer's deviation from AWS); (2)
/// generated inputs for a set of data-flow machines (paths, templates, intrinsics, Choice, Map,
/// Parallel) — identical outputs required.

#include <filesystem>
#include <vector>

#include "sfn_recorded/runner.hpp"

namespace hoplite::sfn::recorded {

/// Returns the process exit code (0: no difference); prints a report.
int run_differential(const std::vector<RecordedCase>& cases, const std::filesystem::path& peer_script);

}  // namespace hoplite::sfn::recorded
