#pragma once
/// \file What every Task integration of the local Step Functions reports the way AWS's do: the
/// Java SDK's response metadata, a service error as `<Service>.<Code>Exception` with the SDK's
/// cause text, PascalCase members (Step Functions shows service responses with the SDK's member
/// names, whatever the service's wire casing) and the identity the calls are made as.

#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "hoplite/core/clock.hpp"
#include "hoplite/core/error.hpp"
#include "hoplite/sfn/integration.hpp"
#include "local/json_case.hpp"
#include "local/service.hpp"

namespace hoplite::local::states {

/// Which service an integration calls, as AWS's Task errors name it.
struct ServiceNames {
  std::string_view error_prefix;   ///< `ECS`, `SNS`, `SQS`, `StepFunctions`: the Task error's prefix
  std::string_view sdk_name;       ///< `AmazonECS`, `AmazonSNS`, ...: the cause's `Service:`
  std::string_view content_type;   ///< the response's Content-Type in SdkHttpMetadata
  std::string_view access_denied;  ///< the service's code for an IAM denial
  int access_denied_status;        ///< and its HTTP status
};

inline constexpr ServiceNames kEcsNames{"ECS", "AmazonECS", "application/x-amz-json-1.1", "AccessDeniedException", 400};
inline constexpr ServiceNames kSnsNames{"SNS", "AmazonSNS", "text/xml", "AuthorizationError", 403};
inline constexpr ServiceNames kSqsNames{"SQS", "AmazonSQS", "text/xml", "AccessDenied", 403};
inline constexpr ServiceNames kStatesNames{"StepFunctions", "AWSStepFunctions", "application/x-amz-json-1.0",
                                           "AccessDeniedException", 400};

/// `e` as the Task failure AWS reports: error `<prefix>.<Code>` (`Exception` appended unless the
/// code ends with it), cause `<message> (Service: <sdk>; Status Code: <n>; Error Code: <Code>;
/// Request ID: <id>; Proxy: null)`.
void fail_with(const sfn::TaskHandle& handle, const ServiceNames& service, const core::Error& e,
               const std::string& request_id);

/// Adds `SdkHttpMetadata` and `SdkResponseMetadata` to a request-response output, as the Java SDK
/// does (Content-Length is the length of the service's response body, `body_length`).
void add_sdk_metadata(nlohmann::json& output, const ServiceNames& service, const std::string& request_id,
                      std::size_t body_length, core::TimePoint now);

/// The context a service call is made in: the execution's account and region, acting as its role
/// (an assumed-role session named after the execution).
[[nodiscard]] CallContext call_context(const sfn::TaskRequest& request, core::TimePoint now);

}  // namespace hoplite::local::states
