#pragma once
/// \file
/// Following a stack's events while CloudFormation works on it: DescribeStackEvents pages
/// (newest first) turned into the new events in order, the stack's status machine, and the first
/// failure — the event that names the resource and the reason, before rollback hides them.

#include <chrono>
#include <functional>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "hoplite/aws/cloudformation.hpp"
#include "hoplite/core/clock.hpp"
#include "hoplite/core/result.hpp"

namespace hoplite::provision {

/// True for a stack status CloudFormation stays in until asked to do something else
/// (CREATE_COMPLETE, UPDATE_ROLLBACK_COMPLETE, ROLLBACK_FAILED, …): everything not *_IN_PROGRESS.
[[nodiscard]] bool is_terminal_stack_status(std::string_view status);
/// True for the terminal statuses that mean the requested operation did not succeed.
[[nodiscard]] bool is_failed_stack_status(std::string_view status);
/// True for a resource status that is a failure (CREATE_FAILED, UPDATE_FAILED, DELETE_FAILED, …).
[[nodiscard]] bool is_failed_resource_status(std::string_view status);

/// The first failure of an operation: the earliest resource event with a *_FAILED status and a
/// reason that is not CloudFormation's follow-up ("Resource creation cancelled"), else the
/// earliest failed event at all. `events` oldest first.
[[nodiscard]] std::optional<aws::cloudformation::StackEvent> first_failure(
    const std::vector<aws::cloudformation::StackEvent>& events);

/// Called with each new event, oldest first.
using EventCallback = std::function<void(const aws::cloudformation::StackEvent&)>;

/// The events of one stack operation. The first poll() remembers the events already there (they
/// belong to earlier operations) and reports none of them; later polls report what is new.
class StackEventStream {
 public:
  /// A stream over the events of `stack` through `cfn` (which must outlive it).
  StackEventStream(aws::cloudformation::Client& cfn, std::string stack);
  /// Marks every event present now as old. Call before starting the operation.
  core::Result<void> start();
  /// Reads the newest page(s) until an event already seen, reports the new ones oldest first and
  /// keeps them (see events()).
  core::Result<std::vector<aws::cloudformation::StackEvent>> poll();
  /// Every new event so far, oldest first.
  [[nodiscard]] const std::vector<aws::cloudformation::StackEvent>& events() const { return events_; }

 private:
  aws::cloudformation::Client& cfn_;
  std::string stack_;
  std::set<std::string> seen_;
  std::vector<aws::cloudformation::StackEvent> events_;
};

/// How the deploy steps wait for CloudFormation: clock, poll intervals, time limit.
struct WaitOptions {
  core::Clock* clock = nullptr;  ///< sleeps between polls; default: the system clock
  /// Time between polls; AWS's own waiters use 30 s, the console 5 s; default 1 s, which keeps a
  /// local deploy quick and an AWS one well inside the DescribeStackEvents rate limit.
  std::chrono::milliseconds interval{1000};
  /// First interval: most local operations finish within it. Default 50 ms.
  std::chrono::milliseconds first_interval{50};
  std::chrono::milliseconds timeout{60 * 60'000};  ///< give up after this; default 1 hour
  EventCallback on_event;                          ///< each new event; default: none
  /// Asked before each poll; returning true stops waiting with error `provision.interrupted`.
  std::function<bool()> interrupted;
};

/// Polls the stack and its events until its status is terminal and returns that stack (nullopt
/// when it is gone: a deleted stack). Errors: the AWS error, `provision.timeout`,
/// `provision.interrupted`.
core::Result<std::optional<aws::cloudformation::Stack>> wait_for_stack(aws::cloudformation::Client& cfn,
                                                                       StackEventStream& stream,
                                                                       const std::string& stack_id,
                                                                       const WaitOptions& options);

}  // namespace hoplite::provision
