#pragma once
/// \file
/// Which AWS region a command talks to.

#include <optional>
#include <string>

#include "hoplite/core/result.hpp"

namespace hoplite::aws {

/// The region, first match wins: `flag` (`--region`), AWS_REGION, AWS_DEFAULT_REGION, then the
/// `region` of the profile (`profile` argument, else AWS_PROFILE / AWS_DEFAULT_PROFILE / "default")
/// in AWS_CONFIG_FILE (~/.aws/config). When none is set: error `aws.region.not_found` that lists
/// what was tried and how to set one.
core::Result<std::string> resolve_region(const std::optional<std::string>& flag,
                                         const std::optional<std::string>& profile);

}  // namespace hoplite::aws
