#pragma once
/// \file
/// Reading CloudFormation templates: JSON or YAML text -> a checked TemplateDocument.
///
/// This is the first step of what CloudFormation does with a template body (CreateStack,
/// CreateChangeSet, ValidateTemplate): parse the text within AWS's limits, then check the
/// structure of every section. Failures are `core::Result` errors with AWS's code
/// (`ValidationError`, HTTP 400) and AWS's wording, e.g.
/// `Template format error: At least one Resources member must be defined.`
///
/// Values stay in their template form (nlohmann::ordered_json, intrinsics as `{"Ref": "X"}`), so the
/// evaluator (<hoplite/cfn/evaluator.hpp>) can evaluate them and change sets can compare them.
/// YAML short forms are expanded while reading: `!Ref X` -> `{"Ref": "X"}`, `!GetAtt A.B` ->
/// `{"Fn::GetAtt": ["A", "B"]}`, `!Sub s` -> `{"Fn::Sub": s}`, ...
///
/// **Example**:
///
///     auto doc = cfn::read_template(body);                 // body: std::string from the request
///     if (!doc) return doc.failure();                      // "Template format error: ..."
///     for (const cfn::TemplateResource& r : doc->resources) std::cout << r.logical_id << ' ' << r.type;
///
/// Hostile input is expected: the size is checked before parsing, nesting depth and the number of
/// values are bounded while parsing (YAML aliases included), and nothing recurses deeper than the
/// depth limit.

#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "hoplite/core/result.hpp"

namespace hoplite::cfn {

/// A template value as written (JSON tree, intrinsics unevaluated, key order kept).
using TemplateValue = nlohmann::ordered_json;

/// AWS's template quotas (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/cloudformation-limits.html)
/// and the parsing bounds hoplite adds. Defaults are AWS's values.
struct TemplateLimits {
  std::size_t max_body_bytes = 51'200;       ///< TemplateBody passed inline; use kMaxTemplateUrlBytes for TemplateURL
  std::size_t max_resources = 500;           ///< Resources members
  std::size_t max_parameters = 200;          ///< Parameters members
  std::size_t max_outputs = 200;             ///< Outputs members
  std::size_t max_mappings = 200;            ///< Mappings members
  std::size_t max_mapping_attributes = 200;  ///< second-level keys of one mapping
  std::size_t max_name_length = 255;         ///< logical IDs, parameter/output/mapping/condition names
  /// Nesting depth of objects and arrays (AWS publishes none; 100 is far beyond real templates and
  /// keeps every later walk's recursion bounded).
  std::size_t max_depth = 100;
  /// Values (scalars, arrays, objects) after YAML aliases are expanded: stops "billion laughs".
  std::size_t max_values = 1'000'000;
};
/// The largest template CloudFormation reads from S3 (TemplateURL).
inline constexpr std::size_t kMaxTemplateUrlBytes = 1'048'576;

/// One entry of the Parameters section.
struct TemplateParameter {
  std::string name;  ///< the key under Parameters
  std::string type;  ///< String, Number, List<Number>, CommaDelimitedList, AWS::EC2::VPC::Id,
                     ///< List<AWS::EC2::Subnet::Id>, AWS::SSM::Parameter::Value<String>, ...
  std::optional<std::string>
      default_value;  ///< as text (a JSON number or list default is converted as AWS does); none = no Default
  std::vector<std::string> allowed_values;     ///< empty = any value
  std::optional<std::string> allowed_pattern;  ///< a Java-style regular expression matched against the whole value
  std::optional<std::string> constraint_description;  ///< shown instead of the rule when a constraint fails
  std::string description;                            ///< "" = none
  std::optional<std::uint64_t> min_length;            ///< String types only
  std::optional<std::uint64_t> max_length;            ///< String types only
  std::optional<double> min_value;                    ///< Number types only
  std::optional<double> max_value;                    ///< Number types only
  bool no_echo = false;                               ///< the value is shown as "****" in every response
};

/// One entry of the Resources section.
struct TemplateResource {
  std::string logical_id;               ///< the key under Resources
  std::string type;                     ///< "AWS::SNS::Topic"
  TemplateValue properties;             ///< an object; empty when the template has no Properties
  std::vector<std::string> depends_on;  ///< DependsOn, a string or a list in the template
  std::string condition;                ///< "" = always created
  TemplateValue deletion_policy;        ///< null = Delete (a string, or an intrinsic with AWS::LanguageExtensions)
  TemplateValue update_replace_policy;  ///< null = Delete
  TemplateValue metadata;               ///< null when absent
  TemplateValue creation_policy;        ///< null when absent
  TemplateValue update_policy;          ///< null when absent
};

/// One entry of the Outputs section.
struct TemplateOutput {
  std::string name;           ///< the key under Outputs
  TemplateValue value;        ///< never null
  TemplateValue description;  ///< null when absent
  TemplateValue export_name;  ///< Export.Name; null = not exported
  std::string condition;      ///< "" = always
};

/// A template whose structure has been checked. Sections keep the template's order.
struct TemplateDocument {
  TemplateValue body;                                ///< the whole template as parsed (YAML short forms expanded)
  std::string format_version;                        ///< "" or "2010-09-09"
  std::string description;                           ///< "" = none
  std::vector<std::string> transforms;               ///< Transform names, e.g. "AWS::LanguageExtensions"
  std::vector<TemplateParameter> parameters;         ///< in template order
  TemplateValue mappings = TemplateValue::object();  ///< name -> key -> attribute -> string or list
  std::vector<std::pair<std::string, TemplateValue>> conditions;  ///< (name, condition expression) in template order
  std::vector<TemplateResource> resources;                        ///< in template order
  std::vector<TemplateOutput> outputs;                            ///< in template order

  /// The resource `logical_id`; nullptr when absent.
  [[nodiscard]] const TemplateResource* find_resource(std::string_view logical_id) const;
  /// The parameter `name`; nullptr when absent.
  [[nodiscard]] const TemplateParameter* find_parameter(std::string_view name) const;
  /// The condition `name`'s expression; nullptr when absent.
  [[nodiscard]] const TemplateValue* find_condition(std::string_view name) const;
  /// True when Transform lists AWS::LanguageExtensions (Fn::Length, Fn::ToJsonString, ...).
  [[nodiscard]] bool language_extensions() const;
  /// Rebuilds the find_* lookup tables; the reader calls it, callers that edit sections call it again.
  void rebuild_index();

 private:
  std::map<std::string, std::size_t, std::less<>> resource_index_;
  std::map<std::string, std::size_t, std::less<>> parameter_index_;
  std::map<std::string, std::size_t, std::less<>> condition_index_;
};

/// Parses template text: JSON when the first non-blank character is `{`, otherwise YAML (with the
/// short-form tags). Only the syntax and the limits are checked here.
/// Errors: `Template format error: JSON not well-formed. (line L, column C)`,
/// `Template format error: YAML not well-formed.`, the body size message.
[[nodiscard]] core::Result<TemplateValue> parse_template_text(std::string_view text, const TemplateLimits& limits = {});

/// Parses `text` and checks every section (names, required members, member types, counts).
[[nodiscard]] core::Result<TemplateDocument> read_template(std::string_view text, const TemplateLimits& limits = {});

/// The same checks on an already parsed template (e.g. `cfn::Template::to_json()` of a synthesized one).
[[nodiscard]] core::Result<TemplateDocument> read_template_value(TemplateValue body, const TemplateLimits& limits = {});

/// True for a valid logical ID / section member name: 1-255 ASCII letters and digits.
[[nodiscard]] bool is_alphanumeric_name(std::string_view name, std::size_t max_length = 255);

/// The `core::Error` CloudFormation returns for a template it rejects: code `ValidationError`,
/// HTTP 400, not retryable, the message verbatim.
[[nodiscard]] core::Error validation_error(std::string message);

/// `core::fail(validation_error(message))`: what a template check returns when it rejects.
[[nodiscard]] core::Failure validation_failure(std::string message);

}  // namespace hoplite::cfn
