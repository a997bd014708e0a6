#pragma once
/// \file A Task's Resource ARN, split the way the execution history reports it.

#include <optional>
#include <string>
#include <string_view>

#include "hoplite/sfn/integration_pattern.hpp"

namespace hoplite::sfn::asl {

struct ResourceArn {
  enum class Kind {
    kIntegration,     ///< arn:aws:states:::sns:publish, arn:aws:states:::aws-sdk:s3:getObject
    kLambdaFunction,  ///< arn:aws:lambda:REGION:ACCOUNT:function:NAME (the legacy form)
    kActivity,        ///< arn:aws:states:REGION:ACCOUNT:activity:NAME
    kOther,           ///< any other ARN (the ASL allows any URI; the integration decides what it means)
  };
  Kind kind = Kind::kIntegration;
  std::string resource_type;  ///< `sns`, `aws-sdk:s3`, `lambda`, `activity`
  std::string action;         ///< `publish`, `runTask.sync`, `startExecution.sync:2`, `getObject`
  Integration pattern = Integration::request_response;
};

/// nullopt when `arn` is not an ARN at all.
[[nodiscard]] std::optional<ResourceArn> parse_resource(std::string_view arn);

}  // namespace hoplite::sfn::asl
