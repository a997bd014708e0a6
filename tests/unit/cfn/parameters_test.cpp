// bind_parameters / check_parameter_value: every parameter rule and its AWS message (the ones
// marked "recorded" are AWS's own responses).

#include <gtest/gtest.h>

#include "eval_fixture.hpp"
#include "hoplite/cfn/parameters.hpp"

namespace hoplite::cfn {
namespace {

using testing::FakeResolver;

TemplateDocument parameters_doc_of(const std::string& parameters) {
  auto d = read_template("Parameters:\n" + parameters + "Resources:\n  R: {Type: AWS::SNS::Topic}\n");
  EXPECT_TRUE(d.ok()) << (d.ok() ? "" : d.error().message);
  return d.ok() ? *d : TemplateDocument{};
}

std::string bind_error(const std::string& parameters, std::vector<GivenParameter> given) {
  FakeResolver resolver;
  auto r = bind_parameters(parameters_doc_of(parameters), given, {}, &resolver);
  EXPECT_FALSE(r.ok());
  if (r.ok()) return {};
  EXPECT_EQ(r.error().code, "ValidationError");
  return r.error().message;
}

TEST(Parameters, DefaultsGivenValuesAndListTypes) {
  FakeResolver resolver;
  auto doc = parameters_doc_of(R"(  A: {Type: String, Default: a}
  B: {Type: Number}
  C: {Type: CommaDelimitedList, Default: "x, y ,z"}
  D: {Type: List<Number>, Default: "1,2"}
  E: {Type: "List<AWS::EC2::Subnet::Id>"}
  F: {Type: AWS::EC2::VPC::Id, NoEcho: true}
)");
  auto r = bind_parameters(doc, {{"B", "42"}, {"E", "subnet-1,subnet-2"}, {"F", "vpc-1"}}, {}, &resolver);
  ASSERT_TRUE(r.ok()) << r.error().message;
  ASSERT_EQ(r->size(), 6u);
  EXPECT_EQ((*r)[0].resolved, "a");
  EXPECT_EQ((*r)[1].resolved, "42");
  EXPECT_EQ((*r)[2].resolved.dump(), R"(["x","y","z"])");
  EXPECT_EQ((*r)[3].resolved.dump(), R"(["1","2"])");
  EXPECT_EQ((*r)[4].resolved.dump(), R"(["subnet-1","subnet-2"])");
  EXPECT_EQ((*r)[5].value, "vpc-1");
  EXPECT_EQ((*r)[5].shown_value(), "****");
  EXPECT_EQ((*r)[0].shown_value(), "a");
}

TEST(Parameters, MissingAndUnknownParameters) {
  // Recorded (cfn-stacks-no_parameters_given).
  EXPECT_EQ(bind_error("  Input: {Type: String}\n", {}), "Parameters: [Input] must have values");
  EXPECT_EQ(bind_error("  A: {Type: String}\n  B: {Type: String}\n", {}), "Parameters: [A, B] must have values");
  EXPECT_EQ(bind_error("  A: {Type: String, Default: x}\n", {{"Extra", "1"}, {"Other", "2"}}),
            "Parameters: [Extra, Other] do not exist in the template");
}

TEST(Parameters, UsePreviousValue) {
  FakeResolver resolver;
  auto doc = parameters_doc_of("  A: {Type: String}\n");
  ParameterValue before{"A", "String", "old", "old", std::nullopt, false};
  auto r = bind_parameters(doc, {{"A", "", true}}, {before}, &resolver);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ((*r)[0].value, "old");
  auto fresh = bind_parameters(doc, {{"A", "", true}}, {}, &resolver);
  ASSERT_FALSE(fresh.ok());
  EXPECT_EQ(fresh.error().message,
            "Invalid input for parameter key A. Cannot specify usePreviousValue as true for a parameter key not in the "
            "previous template");
}

TEST(Parameters, NumberRules) {
  // Recorded (cfn-change_set_parameters-invalid_parameter_type).
  EXPECT_EQ(bind_error("  Value: {Type: Number}\n", {{"Value", "not-a-number"}}),
            "Parameter 'Value' must be a number.");
  EXPECT_EQ(bind_error("  V: {Type: List<Number>}\n", {{"V", "1,x"}}), "Parameter 'V' must be a number.");
  EXPECT_EQ(bind_error("  V: {Type: Number, MinValue: 5}\n", {{"V", "4.5"}}),
            "Parameter 'V' must be a number not less than 5");
  EXPECT_EQ(bind_error("  V: {Type: Number, MaxValue: 2.5}\n", {{"V", "3"}}),
            "Parameter 'V' must be a number not greater than 2.5");
  FakeResolver resolver;
  EXPECT_TRUE(bind_parameters(parameters_doc_of("  V: {Type: Number, MinValue: 1, MaxValue: 10}\n"), {{"V", " 10 "}},
                              {}, &resolver)
                  .ok());
}

TEST(Parameters, StringRules) {
  EXPECT_EQ(bind_error("  V: {Type: String, AllowedValues: [a, b]}\n", {{"V", "c"}}),
            "Parameter 'V' must be one of AllowedValues");
  EXPECT_EQ(bind_error("  V: {Type: String, MinLength: 3}\n", {{"V", "ab"}}),
            "Parameter 'V' must contain at least 3 characters");
  EXPECT_EQ(bind_error("  V: {Type: String, MaxLength: 2}\n", {{"V", "abc"}}),
            "Parameter 'V' must contain at most 2 characters");
  EXPECT_EQ(bind_error("  V: {Type: String, AllowedPattern: '[a-z]+'}\n", {{"V", "abc1"}}),
            "Parameter 'V' must match pattern [a-z]+");
  EXPECT_EQ(bind_error("  V: {Type: String, AllowedPattern: '[a-z]+', ConstraintDescription: lower case only}\n",
                       {{"V", "ABC"}}),
            "Parameter 'V' failed to satisfy constraint: lower case only");
  EXPECT_EQ(bind_error("  V: {Type: CommaDelimitedList, AllowedValues: [a, b]}\n", {{"V", "a,c"}}),
            "Parameter 'V' must be one of AllowedValues");
  EXPECT_NE(bind_error("  V: {Type: String, AllowedPattern: '(?=x)'}\n", {{"V", "x"}}).find("is not supported"),
            std::string::npos);
  FakeResolver resolver;
  EXPECT_TRUE(
      bind_parameters(parameters_doc_of("  V: {Type: String, AllowedPattern: '^[a-z]{2,4}-\\d+$', MinLength: 3}\n"),
                      {{"V", "ab-12"}}, {}, &resolver)
          .ok());
}

TEST(Parameters, SsmParameterTypes) {
  FakeResolver resolver;
  resolver.ssm = {{"/app/name", "the-value"}, {"/app/list", "a,b"}};
  auto doc = parameters_doc_of(R"(  N: {Type: "AWS::SSM::Parameter::Value<String>", Default: /app/name}
  L: {Type: "AWS::SSM::Parameter::Value<List<String>>", Default: /app/list}
  P: {Type: "AWS::SSM::Parameter::Name", Default: /app/name}
)");
  auto r = bind_parameters(doc, {}, {}, &resolver);
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ((*r)[0].value, "/app/name");
  EXPECT_EQ((*r)[0].resolved, "the-value");
  EXPECT_EQ((*r)[0].resolved_value, "the-value");
  EXPECT_EQ((*r)[1].resolved.dump(), R"(["a","b"])");
  EXPECT_EQ((*r)[2].resolved, "/app/name");
  EXPECT_FALSE((*r)[2].resolved_value);
  // Recorded (cfn-template_engine-resolve_ssm_missing_parameter).
  EXPECT_EQ(bind_error("  InputValue: {Type: \"AWS::SSM::Parameter::Value<String>\"}\n", {}),
            "Parameter InputValue should either have input value or default value");
  EXPECT_EQ(bind_error("  V: {Type: \"AWS::SSM::Parameter::Value<String>\"}\n", {{"V", "/missing"}}),
            "Parameter V should either have input value or default value");
}

TEST(Parameters, DeclarationErrors) {
  auto read = [](const std::string& p) {
    auto d = read_template("Parameters:\n" + p + "Resources:\n  R: {Type: AWS::SNS::Topic}\n");
    return d.ok() ? std::string() : d.error().message;
  };
  EXPECT_EQ(read("  V: {Type: \"AWS::SSM::Parameter::Value<Number>\"}\n"),
            "Template format error: Unrecognized parameter type: AWS::SSM::Parameter::Value<Number>");
  EXPECT_EQ(read("  V: {Type: List<String>}\n"), "Template format error: Unrecognized parameter type: List<String>");
  EXPECT_EQ(read("  V: {Type: String, MinLength: x}\n"),
            "Template format error: Parameter 'V' MinLength must be an integer.");
  EXPECT_EQ(read("  V: {Type: Number, MaxValue: [1]}\n"),
            "Template format error: Parameter 'V' MaxValue must be a number.");
  EXPECT_EQ(read("  V: {Type: String, NoEcho: maybe}\n"), "Template format error: NoEcho must be true or false.");
  EXPECT_EQ(read("  V: {Type: String, Default: [a]}\n"),
            "Template format error: Every Default member must be a string.");
}

}  // namespace
}  // namespace hoplite::cfn
