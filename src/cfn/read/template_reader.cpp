// read_template: text -> TemplateValue -> checked TemplateDocument. Checks run in the order AWS
// reports them (size, syntax, nulls, top-level members, then section by section).

#include "hoplite/cfn/template_reader.hpp"

#include <array>
#include <variant>

#include "cfn/read/sections.hpp"
#include "cfn/read/template_text.hpp"

namespace hoplite::cfn {

core::Error validation_error(std::string message) {
  return core::Error{"ValidationError", std::move(message), 400, false, {}};
}

core::Failure validation_failure(std::string message) { return core::fail(validation_error(std::move(message))); }

bool is_alphanumeric_name(std::string_view name, std::size_t max_length) {
  if (name.empty() || name.size() > max_length) return false;
  for (char c : name) {
    bool alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    if (!alnum) return false;
  }
  return true;
}

const TemplateResource* TemplateDocument::find_resource(std::string_view logical_id) const {
  auto it = resource_index_.find(logical_id);
  return it == resource_index_.end() ? nullptr : &resources[it->second];
}

const TemplateParameter* TemplateDocument::find_parameter(std::string_view name) const {
  auto it = parameter_index_.find(name);
  return it == parameter_index_.end() ? nullptr : &parameters[it->second];
}

const TemplateValue* TemplateDocument::find_condition(std::string_view name) const {
  auto it = condition_index_.find(name);
  return it == condition_index_.end() ? nullptr : &conditions[it->second].second;
}

bool TemplateDocument::language_extensions() const {
  for (const std::string& t : transforms) {
    if (t == "AWS::LanguageExtensions") return true;
  }
  return false;
}

void TemplateDocument::rebuild_index() {
  resource_index_.clear();
  parameter_index_.clear();
  condition_index_.clear();
  for (std::size_t i = 0; i < resources.size(); ++i) resource_index_.emplace(resources[i].logical_id, i);
  for (std::size_t i = 0; i < parameters.size(); ++i) parameter_index_.emplace(parameters[i].name, i);
  for (std::size_t i = 0; i < conditions.size(); ++i) condition_index_.emplace(conditions[i].first, i);
}

core::Result<TemplateValue> parse_template_text(std::string_view text, const TemplateLimits& limits) {
  if (text.empty()) {
    return core::fail(validation_error(
        "1 validation error detected: Value '' at 'templateBody' failed to satisfy constraint: Member must have "
        "length greater than or equal to 1"));
  }
  if (text.size() > limits.max_body_bytes) {
    return core::fail(validation_error(
        "1 validation error detected: Value at 'templateBody' failed to satisfy constraint: Member must have "
        "length less than or equal to " +
        std::to_string(limits.max_body_bytes)));
  }
  auto first = text.find_first_not_of(" \t\r\n");
  bool json = first != std::string_view::npos && text[first] == '{';
  detail::ParsedText parsed = json ? detail::parse_json_text(text, limits) : detail::parse_yaml_text(text, limits);
  if (auto* message = std::get_if<std::string>(&parsed)) return core::fail(validation_error(std::move(*message)));
  TemplateValue value = std::move(std::get<TemplateValue>(parsed));
  // Recorded: a URL passed as TemplateBody (a YAML scalar) gets "unsupported structure.".
  if (!value.is_object()) return core::fail(validation_error("Template format error: unsupported structure."));
  return value;
}

core::Result<TemplateDocument> read_template(std::string_view text, const TemplateLimits& limits) {
  auto body = parse_template_text(text, limits);
  if (!body) return body.failure();
  return read_template_value(std::move(*body), limits);
}

namespace {

constexpr std::array<std::string_view, 11> kSections = {"AWSTemplateFormatVersion",
                                                        "Description",
                                                        "Metadata",
                                                        "Parameters",
                                                        "Rules",
                                                        "Mappings",
                                                        "Conditions",
                                                        "Transform",
                                                        "Resources",
                                                        "Outputs",
                                                        "Hooks"};

std::string check_top_level(const TemplateValue& body) {
  std::string unknown;
  for (const auto& [key, value] : body.items()) {
    bool known = false;
    for (std::string_view s : kSections) known = known || key == s;
    if (!known) unknown += (unknown.empty() ? "" : ", ") + key;
  }
  if (!unknown.empty()) return detail::format_error("Invalid template property or properties [" + unknown + "]");
  return {};
}

std::string read_transforms(const TemplateValue& section, TemplateDocument& doc) {
  auto one = [&](const TemplateValue& t) -> std::string {
    if (t.is_string()) {
      doc.transforms.push_back(t.get<std::string>());
      return {};
    }
    if (t.is_object()) {
      const auto name = t.find("Name");
      if (name == t.end() || !name->is_string()) return "Key Name of transform definition must be a string.";
      doc.transforms.push_back(name->get<std::string>());
      return {};
    }
    return detail::format_error("Every Transform member must be a string or an object with a Name.");
  };
  if (section.is_array()) {
    for (const TemplateValue& t : section) {
      if (auto e = one(t); !e.empty()) return e;
    }
    return {};
  }
  return one(section);
}

std::string read_conditions(const TemplateValue& section, TemplateDocument& doc, const TemplateLimits& limits) {
  if (!section.is_object()) return detail::format_error("Every Conditions member must be an object.");
  for (const auto& [name, value] : section.items()) {
    if (!is_alphanumeric_name(name, limits.max_name_length)) {
      return detail::format_error("Condition name " + name + " is non alphanumeric.");
    }
    doc.conditions.emplace_back(name, value);
  }
  return {};
}

}  // namespace

core::Result<TemplateDocument> read_template_value(TemplateValue body, const TemplateLimits& limits) {
  auto fail = [](std::string message) { return core::fail(validation_error(std::move(message))); };
  if (!body.is_object()) return fail("Template format error: unsupported structure.");
  if (auto e = detail::find_null(body, limits.max_depth); !e.empty()) return fail(std::move(e));
  if (auto e = check_top_level(body); !e.empty()) return fail(std::move(e));

  TemplateDocument doc;
  if (auto it = body.find("AWSTemplateFormatVersion"); it != body.end()) {
    if (!it->is_string() || it->get<std::string>() != "2010-09-09") {
      return fail(detail::format_error("Unsupported template format version " + detail::scalar_text(*it) +
                                       ". The only valid version is 2010-09-09."));
    }
    doc.format_version = it->get<std::string>();
  }
  if (auto it = body.find("Description"); it != body.end()) {
    if (!it->is_string()) return fail(detail::format_error("Every Description member must be a string."));
    doc.description = it->get<std::string>();
    if (doc.description.size() > 1024) {
      return fail(detail::format_error("Template description cannot be longer than 1024 bytes."));
    }
  }
  if (auto it = body.find("Transform"); it != body.end()) {
    if (auto e = read_transforms(*it, doc); !e.empty()) return fail(std::move(e));
  }
  if (auto it = body.find("Parameters"); it != body.end()) {
    if (auto e = detail::read_parameters(*it, limits, doc); !e.empty()) return fail(std::move(e));
  }
  if (auto it = body.find("Mappings"); it != body.end()) {
    if (auto e = detail::read_mappings(*it, limits, doc); !e.empty()) return fail(std::move(e));
  }
  if (auto it = body.find("Conditions"); it != body.end()) {
    if (auto e = read_conditions(*it, doc, limits); !e.empty()) return fail(std::move(e));
  }
  auto resources = body.find("Resources");
  if (auto e = detail::read_resources(resources == body.end() ? nullptr : &*resources, limits, doc); !e.empty()) {
    return fail(std::move(e));
  }
  if (auto it = body.find("Outputs"); it != body.end()) {
    if (auto e = detail::read_outputs(*it, limits, doc); !e.empty()) return fail(std::move(e));
  }
  doc.body = std::move(body);
  doc.rebuild_index();
  return doc;
}

}  // namespace hoplite::cfn
