#pragma once
/// \file What EventBridge checks before an operation: rule and target ids, schedule expressions,
/// event patterns, the event bus a request names; rule ARNs; EventBridge's errors (codes and
/// messages as the service words them).

#include <optional>
#include <string>
#include <string_view>

#include "hoplite/core/result.hpp"
#include "local/service.hpp"

namespace hoplite::local::events {

/// The only event bus the local cloud has: every account's default bus.
inline constexpr std::string_view kDefaultBus = "default";

/// True for AWS's rule-name and target-id grammar `[\.\-_A-Za-z0-9]+` (the length is checked
/// apart, with the member's limits).
[[nodiscard]] bool is_rule_name(std::string_view name);

/// Checks the shape of `rate(<n> <unit>)` or `cron(<6 fields>)`, as PutRule does before it
/// stores the rule (nothing runs on the schedule locally). Error: ValidationException
/// "Parameter ScheduleExpression is not valid.".
core::Result<void> check_schedule(std::string_view expression);

/// Checks an event pattern: a JSON object (parsed with the house's caps) whose members are
/// objects or arrays, at any depth. Error: InvalidEventPatternException.
core::Result<void> check_event_pattern(std::string_view pattern);

/// The bus a request names (absent, `default`, or the default bus's ARN in `ctx`'s account and
/// region) as its name; any other is ResourceNotFoundException, as for a bus that does not exist.
core::Result<std::string> event_bus(const CallContext& ctx, const std::optional<std::string>& name);

/// `arn:<partition>:events:<region>:<account>:rule/<name>` (rules of the default bus).
[[nodiscard]] std::string rule_arn(const CallContext& ctx, std::string_view name);

// ---- errors ----

/// `Rule <name> does not exist on EventBus <bus>.` (ResourceNotFoundException, 400).
[[nodiscard]] core::Failure rule_not_found(std::string_view name, std::string_view bus);
[[nodiscard]] core::Failure validation(std::string message);

}  // namespace hoplite::local::events
