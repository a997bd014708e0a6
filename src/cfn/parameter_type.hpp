#pragma once
// The Type of a template parameter, taken apart: String / Number / a list of either, an
// AWS-specific type (AWS::EC2::VPC::Id, ...) or a list of them, and the SSM forms
// (AWS::SSM::Parameter::Name, AWS::SSM::Parameter::Value<T>) whose values are parameter names.

#include <optional>
#include <string>
#include <string_view>

namespace hoplite::cfn::detail {

struct ParameterType {
  enum class Base { string, number, aws_specific };
  Base base = Base::string;
  bool list = false;       ///< List<...>, CommaDelimitedList: the value is comma separated
  bool ssm_value = false;  ///< AWS::SSM::Parameter::Value<...>: the given value names an SSM parameter
  bool ssm_name = false;   ///< AWS::SSM::Parameter::Name: a parameter name, used as is
  std::string aws_type;    ///< for Base::aws_specific: "AWS::EC2::VPC::Id"
};

/// nullopt when CloudFormation does not know the type.
[[nodiscard]] std::optional<ParameterType> parse_parameter_type(std::string_view type);

}  // namespace hoplite::cfn::detail
