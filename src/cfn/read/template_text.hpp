#pragma once
// The two template syntaxes. Both return the parsed value or the complete AWS error message.

#include <string>
#include <string_view>
#include <variant>

#include "hoplite/cfn/template_reader.hpp"

namespace hoplite::cfn::detail {

/// Either the parsed value or AWS's error message for the text.
using ParsedText = std::variant<TemplateValue, std::string>;

/// Strict JSON (RFC 8259, UTF-8). On a syntax error: `Template format error: JSON not
/// well-formed. (line L, column C)` with Jackson's position convention, which AWS reports.
[[nodiscard]] ParsedText parse_json_text(std::string_view text, const TemplateLimits& limits);

/// One YAML document with CloudFormation's short-form tags expanded (`!Ref`, `!GetAtt a.b`, ...).
[[nodiscard]] ParsedText parse_yaml_text(std::string_view text, const TemplateLimits& limits);

}  // namespace hoplite::cfn::detail
