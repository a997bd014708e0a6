#pragma once
// The recorded cases that need the engine, run through the local cloud's CloudFormation over its
// real wire protocol: every step of a case (deploy, capture_update_process, API calls, waiters) is
// sent as a signed query request to an in-process LocalCloud, its XML answer turned into the JSON
// boto3 would have recorded, and each snapshot compared with the recording (json_match.hpp).
// Cases whose resource types have no provider yet, or that use APIs the local cloud does not
// serve (stack sets, S3 subresources), are skipped with the reason.

#include "pure_checks.hpp"
#include "recorded_case.hpp"

namespace hoplite::recorded {

[[nodiscard]] Verdict run_engine_checks(const RecordedCase& c);

}  // namespace hoplite::recorded
