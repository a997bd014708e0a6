#include "hoplite/sfn/arn.hpp"

namespace hoplite::sfn {

Arn::Arn(const cfn::Resource& resource) {
  const auto type = resource.type();
  if (type == "AWS::SNS::Topic" || type == "AWS::ECS::TaskDefinition" || type == "AWS::StepFunctions::StateMachine")
    json_ = cfn::ref(resource);
  else
    json_ = cfn::get_att(resource, "Arn");
}

Arn::Arn(const cfn::Value<std::string>& value) : json_(value.to_json()) {}

}  // namespace hoplite::sfn
