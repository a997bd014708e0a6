#pragma once
/// \file The Task integrations of the local cloud's Step Functions: each Task state's resource is
/// served by the owning service's typed operations, in process (never over HTTP):
///
/// | resource | runs |
/// |---|---|
/// | `states:startExecution` (request-response, `.sync`, `.sync:2`) | StatesService::start_execution; `.sync` reports
/// when the child execution finished | | `lambda:invoke`, Lambda function ARNs | TaskFailed: the local cloud has no
/// Lambda | | anything else | TaskFailed naming the resource as not run by the local cloud |
///
/// Service errors become what AWS's integrations report: error `StepFunctions.<Code>Exception`,
/// cause `<message> (Service: AWSStepFunctions; Status Code: 400; Error Code: <Code>; ...)`.
///
/// Work that calls a service runs on the runner's driver thread after the current step (posted),
/// so an integration never re-enters the interpreter.

#include <functional>
#include <map>
#include <mutex>
#include <string>

#include "hoplite/core/clock.hpp"
#include "hoplite/sfn/engine.hpp"
#include "hoplite/sfn/integration.hpp"

namespace hoplite::local::states {

class StatesService;

class Integrations final : public sfn::TaskIntegration {
 public:
  Integrations(StatesService& states, core::Clock& clock);

  /// Where deferred work goes (the runner's driver); set before the first execution runs.
  void set_poster(std::function<void(std::function<void()>)> post) { post_ = std::move(post); }

  void start(const sfn::TaskRequest& request, sfn::TaskHandle handle) override;
  void cancel(const sfn::TaskRequest& request) override;

  /// An execution finished (called by the runner): a `.sync` parent waiting for it is told.
  void execution_finished(const sfn::ExecutionInfo& info);

 private:
  void start_execution(const sfn::TaskRequest& request, const sfn::TaskHandle& handle);

  struct Watch {
    sfn::TaskHandle handle;
    sfn::Integration pattern = sfn::Integration::run_job;
    bool v2 = false;  ///< `.sync:2`: Input and Output as JSON, not text
  };

  StatesService& states_;
  core::Clock& clock_;
  std::function<void(std::function<void()>)> post_;
  std::mutex mu_;
  std::map<std::string, Watch> watches_;  // by child execution ARN
};

}  // namespace hoplite::local::states
