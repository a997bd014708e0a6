#pragma once
/// \file Lambda's grammar and errors: function names and the ARN forms that name a function, role
/// ARNs, environment variable keys, runtimes, its timestamp format, and the error shapes its API
/// answers. Every check is code, not a regex engine over request text.

#include <optional>
#include <string>
#include <string_view>

#include "hoplite/core/clock.hpp"
#include "hoplite/core/result.hpp"
#include "local/validation.hpp"

namespace hoplite::local::lambda {

/// A function named by a request: `my-function`, `my-function:$LATEST`,
/// `123456789012:function:my-function` or `arn:aws:lambda:us-east-1:123456789012:function:my-function`.
struct FunctionRef {
  std::string name;
  std::optional<std::string> qualifier;
  std::optional<std::string> account;
  std::optional<std::string> region;
};

/// The function a `FunctionName` member names. Errors: ValidationException naming `member`, in
/// AWS's words (length 1–140, the FunctionName pattern).
[[nodiscard]] core::Result<FunctionRef> parse_function_ref(std::string_view text, std::string_view member);

/// 1–64 of `[a-zA-Z0-9-_]`.
[[nodiscard]] bool is_function_name(std::string_view name);
/// `arn:aws[a-zA-Z-]*:iam::<12 digits>:role/<path and name of [a-zA-Z_0-9+=,.@-_/]>`, what Lambda's
/// model requires of Role.
[[nodiscard]] bool is_role_arn(std::string_view arn);
/// `[a-zA-Z]([a-zA-Z0-9_])+`.
[[nodiscard]] bool is_environment_key(std::string_view key);

/// Adds a violation unless `runtime` is one of the runtimes Lambda's model lists.
void check_runtime(Violations& v, const std::optional<std::string>& runtime);

/// `arn:aws:lambda:<region>:<account>:function:<name>`.
[[nodiscard]] std::string function_arn(std::string_view region, std::string_view account, std::string_view name);

/// Lambda's LastModified: `2024-01-01T00:00:00.000+0000`.
[[nodiscard]] std::string lambda_timestamp(core::TimePoint t);

/// ResourceNotFoundException (404): `Function not found: <arn>`.
[[nodiscard]] core::Failure function_not_found(std::string_view arn);
/// InvalidParameterValueException (400) with `message`.
[[nodiscard]] core::Failure invalid_parameter(std::string message);

}  // namespace hoplite::local::lambda
