#pragma once
/// \file SNS's topic names and ARNs, and its errors (codes and messages as the service words them).

#include <string>
#include <string_view>

#include "hoplite/core/result.hpp"
#include "local/service.hpp"

namespace hoplite::local::sns {

struct TopicRef {
  std::string account;
  std::string region;
  std::string name;
};

/// 1–256 of `[A-Za-z0-9_-]` (a FIFO topic adds `.fifo`).
[[nodiscard]] bool is_topic_name(std::string_view name);
/// `arn:<partition>:sns:<region>:<account>:<name>`. Error: InvalidParameter naming TopicArn.
core::Result<TopicRef> parse_topic_arn(std::string_view arn);
/// An SQS queue ARN (`arn:aws:sqs:<region>:<account>:<name>`), the endpoint of an `sqs`
/// subscription.
[[nodiscard]] bool is_sqs_arn(std::string_view arn);

/// `InvalidParameter` (400): "Invalid parameter: <what>".
[[nodiscard]] core::Failure invalid_parameter(std::string_view what);
/// `NotFound` (404): "Topic does not exist".
[[nodiscard]] core::Failure topic_not_found();

}  // namespace hoplite::local::sns
