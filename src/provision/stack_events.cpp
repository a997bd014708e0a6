#include "hoplite/provision/stack_events.hpp"

#include <algorithm>

#include <fmt/format.h>

namespace hoplite::provision {

namespace cf = aws::cloudformation;

bool is_terminal_stack_status(std::string_view status) { return !status.empty() && !status.ends_with("_IN_PROGRESS"); }

bool is_failed_stack_status(std::string_view status) {
  return status.ends_with("_FAILED") || status == "ROLLBACK_COMPLETE" || status == "UPDATE_ROLLBACK_COMPLETE" ||
         status == "IMPORT_ROLLBACK_COMPLETE";
}

bool is_failed_resource_status(std::string_view status) { return status.ends_with("_FAILED"); }

std::optional<cf::StackEvent> first_failure(const std::vector<cf::StackEvent>& events) {
  std::optional<cf::StackEvent> any;
  for (const auto& e : events) {
    if (!is_failed_resource_status(e.resource_status) || e.resource_type == "AWS::CloudFormation::Stack") continue;
    // Resources cancelled because another one failed are not the cause.
    const bool follow_up = e.resource_status_reason.find("cancelled") != std::string::npos ||
                           e.resource_status_reason.find("canceled") != std::string::npos;
    if (!follow_up) return e;
    if (!any) any = e;
  }
  return any;
}

StackEventStream::StackEventStream(cf::Client& cfn, std::string stack) : cfn_(cfn), stack_(std::move(stack)) {}

core::Result<void> StackEventStream::start() {
  auto page = cfn_.describe_stack_events({.stack_name = stack_});
  if (!page) {
    if (cf::is_stack_not_found(page.error())) return {};  // a new stack: every event will be new
    return page.failure("reading the events of " + stack_);
  }
  for (const auto& e : page->events) seen_.insert(e.event_id);
  return {};
}

core::Result<std::vector<cf::StackEvent>> StackEventStream::poll() {
  std::vector<cf::StackEvent> fresh;  // newest first while collecting
  cf::DescribeStackEventsRequest req{.stack_name = stack_};
  // A few pages at most: an operation that made more than that many events since the last poll
  // is reported from its newest pages (the first failure is found by events() anyway).
  for (int pages = 0; pages < 10; ++pages) {
    auto page = cfn_.describe_stack_events(req);
    if (!page) return page.failure("reading the events of " + stack_);
    bool reached_seen = false;
    for (auto& e : page->events) {
      if (seen_.contains(e.event_id)) {
        reached_seen = true;
        break;
      }
      fresh.push_back(std::move(e));
    }
    if (reached_seen || !page->next_token) break;
    req.next_token = page->next_token;
  }
  std::reverse(fresh.begin(), fresh.end());
  for (const auto& e : fresh) {
    seen_.insert(e.event_id);
    events_.push_back(e);
  }
  return fresh;
}

core::Result<std::optional<cf::Stack>> wait_for_stack(cf::Client& cfn, StackEventStream& stream,
                                                      const std::string& stack_id, const WaitOptions& o) {
  core::Clock& clock = o.clock != nullptr ? *o.clock : core::system_clock();
  const auto deadline = clock.now() + o.timeout;
  auto interval = o.first_interval;
  for (;;) {
    if (o.interrupted && o.interrupted()) return core::fail("provision.interrupted", "interrupted");
    auto events = stream.poll();
    if (!events) {
      // Events of a deleted stack can only be read by id; a stack gone entirely is done.
      if (cf::is_stack_not_found(events.error())) return std::optional<cf::Stack>();
      return events.failure();
    }
    if (o.on_event)
      for (const auto& e : *events) o.on_event(e);
    auto stack = cfn.find_stack(stack_id);
    if (!stack) return stack.failure("reading stack " + stack_id);
    if (!*stack || is_terminal_stack_status((*stack)->stack_status)) {
      // The events that led there may have been written after the poll above.
      auto last = stream.poll();
      if (last && o.on_event)
        for (const auto& e : *last) o.on_event(e);
      return std::move(*stack);
    }
    if (clock.now() >= deadline) {
      return core::fail("provision.timeout", fmt::format("stack {} still {} after {} s", stack_id,
                                                         (*stack)->stack_status, o.timeout.count() / 1000));
    }
    clock.sleep_for(interval);
    interval = o.interval;
  }
}

}  // namespace hoplite::provision
