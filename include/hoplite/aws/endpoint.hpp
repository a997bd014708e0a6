#pragma once
/// \file
/// Where each AWS service lives for a region, and the overrides the AWS CLI honours.

#include <optional>
#include <string>
#include <string_view>

#include "hoplite/core/result.hpp"

namespace hoplite::aws {

/// What resolve_endpoint looks at besides the service and region.
struct EndpointOptions {
  /// `--endpoint-url`: wins over everything. Default: none.
  std::optional<std::string> endpoint_url;
};

/// The partition a region belongs to: "aws", "aws-cn" (cn-*) or "aws-us-gov" (us-gov-*).
[[nodiscard]] std::string partition_of(std::string_view region);

/// The base URL (scheme://host[:port][/path], no trailing slash) for `service_id` in `region`.
/// `service_id` is the endpoint prefix: "cloudformation", "sts", "s3", "ecr" or "api.ecr",
/// "states", "ecs", "logs", "sns" (others get `https://<id>.<region>.<dns suffix>`).
/// Precedence: `o.endpoint_url`, AWS_ENDPOINT_URL_<SERVICE> (the AWS CLI's names:
/// CLOUDFORMATION, STS, S3, ECR, SFN, ECS, CLOUDWATCH_LOGS, SNS), AWS_ENDPOINT_URL, then the
/// partition's default. AWS_IGNORE_CONFIGURED_ENDPOINT_URLS=true disables both variables.
/// Errors (`aws.endpoint`): an override that is not an http(s) URL, or an empty/invalid region.
core::Result<std::string> resolve_endpoint(std::string_view service_id, std::string_view region,
                                           const EndpointOptions& o);

/// The environment-variable suffix for `service_id` ("states" -> "SFN", "logs" -> "CLOUDWATCH_LOGS").
[[nodiscard]] std::string endpoint_env_suffix(std::string_view service_id);

}  // namespace hoplite::aws
