#pragma once
// The intrinsic functions that are pure functions of their (already evaluated) arguments. Each
// returns the result or AWS's error message. An argument that is kKnownAfterApply makes the
// result kKnownAfterApply.

#include <string>
#include <variant>

#include "hoplite/cfn/template_reader.hpp"
#include "hoplite/core/result.hpp"

namespace hoplite::cfn {
class Resolver;
}

namespace hoplite::cfn::detail {

/// A value, or AWS's error message.
using Outcome = std::variant<TemplateValue, std::string>;

[[nodiscard]] bool is_unknown(const TemplateValue& v);
[[nodiscard]] TemplateValue unknown_value();
/// True when `v` is a string, number or boolean (what CloudFormation turns into text).
[[nodiscard]] bool is_text_like(const TemplateValue& v);

Outcome fn_join(const TemplateValue& args);
Outcome fn_select(const TemplateValue& args);
Outcome fn_split(const TemplateValue& args);
Outcome fn_base64(const TemplateValue& arg);
Outcome fn_cidr(const TemplateValue& args);
Outcome fn_length(const TemplateValue& arg);
Outcome fn_to_json_string(const TemplateValue& arg);
/// `args` evaluated: [map, key, attribute] or, with AWS::LanguageExtensions, a 4th {"DefaultValue": v}.
Outcome fn_find_in_map(const TemplateValue& mappings, const TemplateValue& args, bool language_extensions);

/// Replaces {{resolve:ssm:...}} in every string of `value`.
core::Result<TemplateValue> resolve_dynamic_references(const TemplateValue& value, Resolver& resolver);

}  // namespace hoplite::cfn::detail
