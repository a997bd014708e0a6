#include "cfn/parameter_type.hpp"

#include <array>

namespace hoplite::cfn::detail {

namespace {

// https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/parameters-section-structure.html
constexpr std::array<std::string_view, 10> kAwsSpecific = {"AWS::EC2::AvailabilityZone::Name",
                                                           "AWS::EC2::Image::Id",
                                                           "AWS::EC2::Instance::Id",
                                                           "AWS::EC2::KeyPair::KeyName",
                                                           "AWS::EC2::SecurityGroup::GroupName",
                                                           "AWS::EC2::SecurityGroup::Id",
                                                           "AWS::EC2::Subnet::Id",
                                                           "AWS::EC2::Volume::Id",
                                                           "AWS::EC2::VPC::Id",
                                                           "AWS::Route53::HostedZone::Id"};

bool unwrap(std::string_view& s, std::string_view prefix) {
  if (!s.starts_with(prefix) || !s.ends_with('>')) return false;
  s = s.substr(prefix.size(), s.size() - prefix.size() - 1);
  return true;
}

// String, Number, an AWS-specific type, or List<> of one of them (CommaDelimitedList = List<String>).
std::optional<ParameterType> plain(std::string_view s, bool allow_key_pair) {
  ParameterType t;
  if (s == "CommaDelimitedList") {
    t.list = true;
    return t;
  }
  if (unwrap(s, "List<")) t.list = true;
  if (s == "String") return t;
  if (s == "Number") {
    t.base = ParameterType::Base::number;
    return t;
  }
  for (std::string_view a : kAwsSpecific) {
    if (s == a && (allow_key_pair || !t.list || a != "AWS::EC2::KeyPair::KeyName")) {
      t.base = ParameterType::Base::aws_specific;
      t.aws_type = std::string(a);
      return t;
    }
  }
  return std::nullopt;
}

}  // namespace

std::optional<ParameterType> parse_parameter_type(std::string_view type) {
  if (type == "AWS::SSM::Parameter::Name") {
    ParameterType t;
    t.ssm_name = true;
    return t;
  }
  std::string_view inner = type;
  if (unwrap(inner, "AWS::SSM::Parameter::Value<")) {
    auto t = plain(inner, true);
    if (!t || t->base == ParameterType::Base::number) return std::nullopt;  // no Value<Number>
    t->ssm_value = true;
    return t;
  }
  if (type == "List<String>") return std::nullopt;  // only valid inside AWS::SSM::Parameter::Value<>
  return plain(type, false);
}

}  // namespace hoplite::cfn::detail
