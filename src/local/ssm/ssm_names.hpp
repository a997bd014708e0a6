#pragma once
/// \file Parameter names as SSM checks them, parameter ARNs, and SSM's errors (codes and messages
/// as the service words them).

#include <optional>
#include <string>
#include <string_view>

#include "hoplite/core/result.hpp"
#include "local/service.hpp"

namespace hoplite::local::ssm {

/// Deepest hierarchy: `/a/b/…` with at most this many levels.
inline constexpr std::size_t kMaxHierarchyLevels = 15;

/// Checks a parameter name: `[a-zA-Z0-9_.-]` segments, a path starts with `/`, at most 15
/// levels; when `writing`, nothing under the reserved `aws`/`ssm` prefixes (reading one is just
/// not found: AWS's public parameters are not emulated). Errors: ValidationException,
/// HierarchyLevelLimitExceededException.
core::Result<void> check_name(std::string_view name, bool writing);

/// A name as a read names it: `name`, `name:3` (a version), or the parameter's ARN.
struct NameReference {
  std::string name;
  std::optional<std::string> selector;  ///< `:3`, as GetParameter echoes it
  std::optional<std::int64_t> version;  ///< the selected version, when the selector is a number
};

/// Parses `text` for a read in `ctx`'s account and region. Errors: ValidationException for an ARN
/// of another account, region or service, or a malformed name.
core::Result<NameReference> parse_reference(const CallContext& ctx, std::string_view text);

/// `arn:<partition>:ssm:<region>:<account>:parameter/<name without its leading slash>`.
[[nodiscard]] std::string parameter_arn(const CallContext& ctx, std::string_view name);

// ---- errors ----

/// `ParameterNotFound` with no message, as SSM answers.
[[nodiscard]] core::Failure parameter_not_found();
[[nodiscard]] core::Failure version_not_found(std::string_view name, std::string_view selector);
[[nodiscard]] core::Failure validation(std::string message);
[[nodiscard]] core::Failure invalid_next_token();

}  // namespace hoplite::local::ssm
