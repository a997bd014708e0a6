#pragma once
/// \file CloudWatch Logs' names, ARNs, event positions and errors (codes and messages as the
/// service words them).

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "hoplite/core/result.hpp"
#include "local/service.hpp"
#include "local/validation.hpp"

namespace hoplite::local::logs {

/// Most tags on a log group.
inline constexpr std::size_t kMaxTags = 50;

/// Adds the model's constraints on a log group name (1–512 of `[.\-_/#A-Za-z0-9]`) to `v`.
void check_group_name(Violations& v, std::string_view member, std::string_view name);
/// Adds the constraints on a log stream name (1–512, no `:` or `*`).
void check_stream_name(Violations& v, std::string_view member, std::string_view name);
/// Adds the constraints on tags (keys 1–128, values ≤ 256, letters, digits, spaces and `_.:/=+-@`).
void check_tags(Violations& v, std::string_view member, const std::map<std::string, std::string>& tags);

/// `arn:<partition>:logs:<region>:<account>:log-group:<name>:*` — the `arn` DescribeLogGroups shows.
[[nodiscard]] std::string group_arn(const CallContext& ctx, std::string_view name);
/// `…:log-group:<group>:log-stream:<stream>`.
[[nodiscard]] std::string stream_arn(const CallContext& ctx, std::string_view group, std::string_view stream);
/// The log group an ARN names (with or without the trailing `:*`), when it is a log group of the
/// caller's account and region; nullopt otherwise.
[[nodiscard]] std::optional<std::string> group_of_arn(const CallContext& ctx, std::string_view arn);

/// Where an event sits in a stream's (or a group's) order: its timestamp, then its id.
struct EventKey {
  std::int64_t timestamp = 0;
  std::int64_t id = 0;
  auto operator<=>(const EventKey&) const = default;
};

/// 56 digits, as AWS's event ids and tokens are: the key's two numbers, order-preserving.
[[nodiscard]] std::string key_digits(EventKey key);
[[nodiscard]] std::optional<EventKey> parse_key_digits(std::string_view digits);

// ---- errors ----

[[nodiscard]] core::Failure group_not_found();
[[nodiscard]] core::Failure stream_not_found();
[[nodiscard]] core::Failure invalid_parameter(std::string message);
/// Constraint violations are InvalidParameterException in Logs.
[[nodiscard]] core::Result<void> finish(const Violations& v);

}  // namespace hoplite::local::logs
