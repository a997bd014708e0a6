#pragma once
// The AWS_* environment variables as the AWS SDKs read them: an empty value is no value, and a
// boolean is true only when it is "true" in any case.

#include <optional>
#include <string>

namespace hoplite::aws::detail {

/// The variable's value; nullopt when it is unset or empty.
std::optional<std::string> env_value(const char* name);

/// Whether the variable is "true", ignoring case.
bool env_true(const char* name);

}  // namespace hoplite::aws::detail
