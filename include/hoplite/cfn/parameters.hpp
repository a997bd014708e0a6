#pragma once
/// \file
/// Binding a stack's parameter values to a template's Parameters, as CreateStack /
/// CreateChangeSet / UpdateStack do: defaults, UsePreviousValue, types, AllowedValues,
/// AllowedPattern, Min/MaxLength, Min/MaxValue, SSM parameter types, NoEcho.
///
/// **Example**:
///
///     auto params = cfn::bind_parameters(doc, {{.key = "Env", .value = "prod"}}, {}, &resolver);
///     if (!params) return params.failure();   // "Parameters: [Size] must have values"
///     for (const auto& p : *params) describe_stacks_row(p.key, p.shown_value(), p.resolved_text());

#include <optional>
#include <string>
#include <vector>

#include "hoplite/cfn/template_reader.hpp"
#include "hoplite/core/result.hpp"

namespace hoplite::cfn {

class Resolver;

/// One entry of a request's Parameters list.
struct GivenParameter {
  std::string key;                  ///< the parameter's name in the template
  std::string value;                ///< ignored when use_previous_value is set
  bool use_previous_value = false;  ///< UpdateStack/CreateChangeSet: keep the deployed value
};

/// A parameter's bound value.
struct ParameterValue {
  std::string key;    ///< the parameter's name in the template
  std::string type;   ///< the template's Type
  std::string value;  ///< as given or defaulted (for SSM types: the SSM parameter's name)
  /// What `Ref` returns: a string, or a list of strings for List<...>/CommaDelimitedList types;
  /// for AWS::SSM::Parameter::Value<...> the SSM parameter's value (split for list types).
  TemplateValue resolved;
  /// DescribeStacks' ResolvedValue: set for AWS::SSM::Parameter::Value<...> types only.
  std::optional<std::string> resolved_value;
  bool no_echo = false;  ///< NoEcho: responses show "****" (see shown_value())

  /// `value`, or "****" when NoEcho is set (what every response shows).
  [[nodiscard]] std::string shown_value() const { return no_echo ? "****" : value; }
};

/// Binds `given` to `doc`'s parameters (template order). `previous` holds the deployed values
/// for UsePreviousValue (empty on create). `resolver` fetches SSM parameter types' values; may be
/// nullptr when the template has none. Errors carry AWS's messages, e.g.
/// `Parameters: [Input] must have values`, `Parameter 'Value' must be a number.`,
/// `Parameters: [Extra] do not exist in the template`.
[[nodiscard]] core::Result<std::vector<ParameterValue>> bind_parameters(const TemplateDocument& doc,
                                                                        const std::vector<GivenParameter>& given,
                                                                        const std::vector<ParameterValue>& previous,
                                                                        Resolver* resolver);

/// Checks one value against one declaration (type and constraints): "" when it passes, else
/// AWS's message. Exposed for ValidateTemplate-style callers and tests.
[[nodiscard]] std::string check_parameter_value(const TemplateParameter& declaration, const std::string& value);

}  // namespace hoplite::cfn
