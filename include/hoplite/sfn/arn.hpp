#pragma once
/// \file
/// sfn::Arn — the ARN of a resource an integration talks to, given as the resource object,
/// an intrinsic or a literal string.

#include <string>

#include "hoplite/cfn/intrinsics.hpp"
#include "hoplite/cfn/json.hpp"
#include "hoplite/cfn/resource.hpp"
#include "hoplite/cfn/value.hpp"

namespace hoplite::sfn {

/// From a resource object, the ARN is the intrinsic its type defines: `Ref` for AWS::SNS::Topic,
/// AWS::ECS::TaskDefinition and AWS::StepFunctions::StateMachine, `Fn::GetAtt <id>.Arn` for the
/// others (AWS::Lambda::Function, AWS::SQS::Queue, AWS::ECS::Cluster, AWS::IAM::Role, ...).
class Arn {
 public:
  Arn() = default;  ///< not set
  /// The ARN of `resource` (Ref or Fn::GetAtt Arn, by its type).
  Arn(const cfn::Resource& resource);  // NOLINT(google-explicit-constructor)
  ///@{
  /// An ARN given as a value, an intrinsic, a literal string or raw JSON.
  Arn(const cfn::Value<std::string>& value);               // NOLINT(google-explicit-constructor)
  Arn(const cfn::Intrinsic& value) : json_(value) {}       // NOLINT(google-explicit-constructor)
  Arn(const char* literal) : json_(literal) {}             // NOLINT(google-explicit-constructor)
  Arn(std::string literal) : json_(std::move(literal)) {}  // NOLINT(google-explicit-constructor)
  Arn(cfn::Json json) : json_(std::move(json)) {}          // NOLINT(google-explicit-constructor)
  ///@}

  /// False for a default-constructed Arn.
  [[nodiscard]] bool is_set() const { return !json_.is_null(); }
  /// The ARN as template JSON (a string or an intrinsic).
  [[nodiscard]] const cfn::Json& json() const { return json_; }

 private:
  cfn::Json json_;
};

}  // namespace hoplite::sfn
