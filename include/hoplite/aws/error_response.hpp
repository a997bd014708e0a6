#pragma once
/// \file
/// Writing AWS error responses, in each protocol's own dialect — the server side of
/// `parse_query_error` / `parse_json_error` (error.hpp, protocol_*.hpp), so one test can check that
/// what the local cloud writes is what the clients (and the AWS CLI) read.

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "hoplite/aws/error.hpp"
#include "hoplite/aws/protocol_json.hpp"
#include "hoplite/http/message.hpp"

namespace hoplite::aws {

/// The ways AWS services spell an error.
enum class ErrorDialect {
  /// `<ErrorResponse xmlns><Error><Type>Sender</Type><Code/><Message/></Error><RequestId/>`
  /// (STS, IAM, SNS, SQS, CloudFormation).
  query,
  /// `<Response><Errors><Error><Code/><Message/></Error></Errors><RequestID/></Response>` (EC2).
  ec2,
  /// `{"__type": "Code", "message": "…"}` (JSON 1.0 and 1.1: ECR, Logs, Step Functions, ECS).
  json,
  /// `<Error><Code/><Message/>…extra…<RequestId/></Error>` (S3), with extra elements such as
  /// `BucketName` or `Key`.
  rest_xml,
  /// `x-amzn-ErrorType: Code` with `{"Type": "User", "message": "…"}` (REST-JSON: Lambda);
  /// `Type` is `Service` for 5xx answers.
  rest_json,
};

/// What an error body needs besides the error (for the local cloud's answers).
struct ErrorResponseOptions {
  /// `xmlns` of a query-dialect `<ErrorResponse>`, e.g. `https://sts.amazonaws.com/doc/2011-06-15/`.
  std::string xml_namespace;
  /// Content-Type of a JSON-dialect error. Default JSON 1.1.
  JsonVersion json_version = JsonVersion::v1_1;
  /// REST-XML only: elements after `<Message>` (`{"BucketName", "photos"}`), in order.
  std::vector<std::pair<std::string, std::string>> extra;
};

/// The whole error response: `error.http_status` (400 when unset), Content-Type, the request id
/// header (`x-amzn-RequestId`, or `x-amz-request-id` for S3) and the body. Every text is escaped.
[[nodiscard]] http::Response error_response(ErrorDialect dialect, const ServiceError& error,
                                            const ErrorResponseOptions& options = {});

}  // namespace hoplite::aws
