#pragma once
/// \file ECR's names, ARNs, URIs and errors (codes and messages as ECR words them).

#include <optional>
#include <string>
#include <string_view>

#include "hoplite/core/result.hpp"
#include "local/service.hpp"

namespace hoplite::local::ecr {

/// `(?:[a-z0-9]+(?:[._-][a-z0-9]+)*/)*[a-z0-9]+(?:[._-][a-z0-9]+)*`, checked by hand.
[[nodiscard]] bool is_repository_name(std::string_view name);
/// Checks a repositoryName member: length 2–256 (ValidationException), then ECR's pattern
/// (InvalidParameterException).
core::Result<void> check_repository_name(std::string_view name);
/// A `registryId` other than the caller's account is refused: the local cloud has no
/// cross-account access (AccessDeniedException would need IAM policies; ECR answers a foreign,
/// well-formed id with RepositoryNotFound for reads, so this does too).
core::Result<void> check_registry_id(const CallContext& ctx, const std::optional<std::string>& registry_id);

/// `arn:aws:ecr:<region>:<account>:repository/<name>`.
[[nodiscard]] std::string repository_arn(const CallContext& ctx, std::string_view name);
/// `<host>/<name>` where host is the address the client reached (`127.0.0.1:4566`).
[[nodiscard]] std::string repository_uri(const CallContext& ctx, std::string_view name);

// ---- errors ----
[[nodiscard]] core::Failure repository_not_found(const CallContext& ctx, std::string_view name);
[[nodiscard]] core::Failure invalid_parameter(std::string message);

}  // namespace hoplite::local::ecr
