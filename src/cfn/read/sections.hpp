#pragma once
// Structure checks of each template section, shared by read_template and read_template_value.
// Each returns "" when the section is fine, else AWS's complete error message.

#include <string>

#include "hoplite/cfn/template_reader.hpp"

namespace hoplite::cfn::detail {

/// AWS's "Template format error: " prefix.
std::string format_error(const std::string& what);

/// `[/Outputs/MyOutput/Value] 'null' values are not allowed in templates` for the first null in
/// document order, the depth error for a value nested deeper than `max_depth`, else "".
std::string find_null(const TemplateValue& body, std::size_t max_depth);

std::string read_parameters(const TemplateValue& section, const TemplateLimits& limits, TemplateDocument& doc);
std::string read_mappings(const TemplateValue& section, const TemplateLimits& limits, TemplateDocument& doc);
std::string read_resources(const TemplateValue* section, const TemplateLimits& limits, TemplateDocument& doc);
std::string read_outputs(const TemplateValue& section, const TemplateLimits& limits, TemplateDocument& doc);

/// A scalar as CloudFormation's text: strings as is, numbers and booleans spelt as JSON.
std::string scalar_text(const TemplateValue& v);

}  // namespace hoplite::cfn::detail
