#pragma once
/// \file
/// The service integration patterns of a Task state (the suffix of its Resource ARN).
/// See https://docs.aws.amazon.com/step-functions/latest/dg/connect-to-resource.html

namespace hoplite::sfn {

/// The service integration pattern (the Resource ARN suffix).
enum class Integration {
  request_response,     ///< call the API and continue (no suffix)
  run_job,              ///< `.sync`: wait until the job finishes (`.sync:2` for states:startExecution)
  wait_for_task_token,  ///< `.waitForTaskToken`: wait until SendTaskSuccess/Failure with `$$.Task.Token`
};

/// "request_response", "run_job" or "wait_for_task_token".
[[nodiscard]] const char* to_string(Integration integration);

}  // namespace hoplite::sfn
