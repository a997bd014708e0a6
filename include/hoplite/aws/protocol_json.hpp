#pragma once
/// \file
/// The AWS JSON 1.0 / 1.1 protocols (ECR, Step Functions, ECS, CloudWatch Logs). Every call
/// is `POST /` with `X-Amz-Target: <TargetPrefix>.<Operation>` and a JSON body; errors carry
/// `__type` (sometimes `namespace#Code`) and `message`/`Message`.
/// See https://smithy.io/2.0/aws/protocols/aws-json-1_1-protocol.html

#include <string>
#include <string_view>

#include "hoplite/aws/error.hpp"
#include "hoplite/http/message.hpp"

namespace hoplite::aws {

/// The JSON protocol's version: the Content-Type is `application/x-amz-json-1.0` or `-1.1`.
enum class JsonVersion { v1_0, v1_1 };

/// `application/x-amz-json-1.0` or `application/x-amz-json-1.1`.
[[nodiscard]] std::string_view json_content_type(JsonVersion v);

/// `<target_prefix>.<operation>`, the `X-Amz-Target` value.
[[nodiscard]] std::string json_target(std::string_view target_prefix, std::string_view operation);

/// The error code without its namespace: `com.amazon.coral.service#ThrottlingException` and
/// `ThrottlingException:http://internal.amazon.com/…` (x-amzn-ErrorType) both give
/// `ThrottlingException`.
[[nodiscard]] std::string strip_error_type(std::string_view type);

/// The service error in a JSON error response (`__type`/`code`, `message`/`Message`), falling back
/// to the `x-amzn-ErrorType` header and then the HTTP status.
[[nodiscard]] ServiceError parse_json_error(const http::Response& response);

}  // namespace hoplite::aws
