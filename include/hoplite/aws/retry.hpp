#pragma once
/// \file
/// AWS retry settings (AWS_MAX_ATTEMPTS, a profile's `max_attempts`) for the one retry engine
/// in core/retry.hpp, and idempotency tokens that make retried calls safe. Which AWS errors are
/// retried is decided where they are made (aws::to_core_error: throttling and transient codes, 5xx).

#include <chrono>
#include <cstdint>
#include <functional>
#include <mutex>
#include <optional>
#include <string>

#include "hoplite/core/result.hpp"
#include "hoplite/core/retry.hpp"

namespace hoplite::aws {

/// Retry options from the environment and config: AWS_MAX_ATTEMPTS, else the profile's
/// `max_attempts` (profile: `profile` or AWS_PROFILE/"default"), else 3. AWS_RETRY_MODE /
/// `retry_mode` other than "standard" ("legacy", "adaptive") is accepted and treated as standard.
/// Error `aws.retry.config` for a value that is not a positive integer.
core::Result<core::RetryOptions> retry_options(const std::optional<std::string>& profile);

/// A fresh idempotency token (a random UUID v4, `3f2b…-…`) for APIs that take one
/// (CloudFormation `ClientRequestToken`, ECS `clientToken`, ...). Make it once per logical call,
/// before the retry loop, so every retry of that call carries the same token and the service
/// runs the operation at most once. `random` (default: std::random_device) is for tests.
std::string idempotency_token(const std::function<std::uint64_t()>& random = {});

}  // namespace hoplite::aws
