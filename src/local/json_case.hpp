#pragma once
/// \file Member-name casing between the SDKs' PascalCase and JSON services' camelCase: Step
/// Functions shows service responses PascalCase (`TaskArn`), and CloudFormation properties are
/// PascalCase (`ContainerDefinitions`) where ECS's wire is camelCase. Iterative (no recursion),
/// values untouched.

#include <nlohmann/json.hpp>

namespace hoplite::local {

/// A copy of `value` with every object member's first letter upper-cased (`taskArn` → `TaskArn`).
[[nodiscard]] nlohmann::json pascal_case(const nlohmann::json& value);
/// A copy of `value` with every object member's first letter lower-cased (`TaskArn` → `taskArn`).
[[nodiscard]] nlohmann::json camel_case(const nlohmann::json& value);

}  // namespace hoplite::local
