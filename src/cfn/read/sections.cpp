#include "cfn/read/sections.hpp"

#include <array>
#include <charconv>
#include <cmath>
#include <set>
#include <vector>

#include "cfn/parameter_type.hpp"

namespace hoplite::cfn::detail {

std::string format_error(const std::string& what) { return "Template format error: " + what; }

std::string scalar_text(const TemplateValue& v) {
  if (v.is_string()) return v.get<std::string>();
  if (v.is_number_float()) {
    double d = v.get<double>();
    if (std::isfinite(d) && d == std::floor(d) && std::fabs(d) < 1e15) return std::to_string(static_cast<long long>(d));
  }
  return v.dump();
}

std::string find_null(const TemplateValue& body, std::size_t max_depth) {
  // Iterative depth-first walk in document order (no recursion, whatever the input's depth).
  struct Frame {
    TemplateValue::const_iterator next, end;
    bool object = false;
    std::size_t index = 0;
    std::string segment;  // this container's path segment, "/Key" or "/3"
  };
  std::vector<Frame> stack{Frame{body.cbegin(), body.cend(), body.is_object(), 0, ""}};
  while (!stack.empty()) {
    Frame& top = stack.back();
    if (top.next == top.end) {
      stack.pop_back();
      continue;
    }
    auto it = top.next++;
    std::size_t index = top.index++;
    std::string segment = "/" + (top.object ? it.key() : std::to_string(index));
    if (it->is_null()) {
      std::string where;
      for (const Frame& f : stack) where += f.segment;
      return "[" + where + segment + "] 'null' values are not allowed in templates";
    }
    if (it->is_structured() && stack.size() >= max_depth) {
      return format_error("the template nests objects and lists more than " + std::to_string(max_depth) +
                          " levels deep.");
    }
    if (it->is_structured() && !it->empty()) {
      stack.push_back(Frame{it->cbegin(), it->cend(), it->is_object(), 0, std::move(segment)});
    }
  }
  return {};
}

namespace {

constexpr std::array<std::string_view, 11> kParameterKeys = {
    "Type",      "Default",  "AllowedValues", "AllowedPattern", "ConstraintDescription", "Description", "MaxLength",
    "MinLength", "MaxValue", "MinValue",      "NoEcho"};
constexpr std::array<std::string_view, 9> kResourceKeys = {"Type",      "Properties",     "DependsOn",
                                                           "Condition", "DeletionPolicy", "UpdateReplacePolicy",
                                                           "Metadata",  "CreationPolicy", "UpdatePolicy"};
constexpr std::array<std::string_view, 4> kOutputKeys = {"Value", "Description", "Export", "Condition"};
constexpr std::array<std::string_view, 4> kDeletionPolicies = {"Delete", "Retain", "Snapshot", "RetainExceptOnCreate"};

template <std::size_t N>
bool one_of(std::string_view s, const std::array<std::string_view, N>& set) {
  for (std::string_view k : set) {
    if (s == k) return true;
  }
  return false;
}

std::string count_error(const char* what, std::size_t count, std::size_t max) {
  return format_error("Number of " + std::string(what) + ", " + std::to_string(count) +
                      ", is greater than maximum allowed, " + std::to_string(max));
}

// MinLength and friends: a JSON number or a numeric string.
std::optional<double> number_of(const TemplateValue& v) {
  if (v.is_number()) return v.get<double>();
  if (!v.is_string()) return std::nullopt;
  const std::string& s = v.get_ref<const std::string&>();
  if (s.empty() || s.size() > 32) return std::nullopt;
  double d = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), d);  // locale-independent
  if (ec != std::errc() || end != s.data() + s.size() || !std::isfinite(d)) return std::nullopt;
  return d;
}

std::string read_parameter(const std::string& name, const TemplateValue& p, TemplateParameter& out) {
  if (!p.is_object()) return format_error("Every Parameters member must be an object.");
  for (const auto& [key, value] : p.items()) {
    if (!one_of(key, kParameterKeys)) return format_error("Invalid template parameter property '" + key + "'");
  }
  auto type = p.find("Type");
  if (type == p.end()) return format_error("Every Parameters object must contain a Type member.");
  if (!type->is_string()) return format_error("Every Type member must be a string.");
  out.type = type->get<std::string>();
  if (!parse_parameter_type(out.type)) return format_error("Unrecognized parameter type: " + out.type);
  if (auto d = p.find("Default"); d != p.end()) {
    if (d->is_structured()) return format_error("Every Default member must be a string.");
    out.default_value = scalar_text(*d);
  }
  if (auto a = p.find("AllowedValues"); a != p.end()) {
    if (!a->is_array()) return format_error("Every AllowedValues member must be a list.");
    for (const TemplateValue& v : *a) {
      if (v.is_structured()) return format_error("Every AllowedValues member must be a list of strings.");
      out.allowed_values.push_back(scalar_text(v));
    }
  }
  auto text_member = [&](const char* key, std::optional<std::string>& field) -> std::string {
    auto it = p.find(key);
    if (it == p.end()) return {};
    if (it->is_structured()) return format_error(std::string("Every ") + key + " member must be a string.");
    field = scalar_text(*it);
    return {};
  };
  if (auto e = text_member("AllowedPattern", out.allowed_pattern); !e.empty()) return e;
  if (auto e = text_member("ConstraintDescription", out.constraint_description); !e.empty()) return e;
  std::optional<std::string> description;
  if (auto e = text_member("Description", description); !e.empty()) return e;
  out.description = description.value_or("");
  for (std::string_view key : {"MinLength", "MaxLength", "MinValue", "MaxValue"}) {
    auto it = p.find(key);
    if (it == p.end()) continue;
    auto n = number_of(*it);
    bool length = key.ends_with("Length");
    if (!n || (length && (*n < 0 || *n != std::floor(*n) || *n > 1e15))) {
      return format_error("Parameter '" + name + "' " + std::string(key) + " must be a" +
                          (length ? "n integer" : " number") + ".");
    }
    if (key == "MinLength") out.min_length = static_cast<std::uint64_t>(*n);
    if (key == "MaxLength") out.max_length = static_cast<std::uint64_t>(*n);
    if (key == "MinValue") out.min_value = *n;
    if (key == "MaxValue") out.max_value = *n;
  }
  if (auto it = p.find("NoEcho"); it != p.end()) {
    std::string text = it->is_structured() ? "" : scalar_text(*it);
    if (text != "true" && text != "false") return format_error("NoEcho must be true or false.");
    out.no_echo = text == "true";
  }
  return {};
}

}  // namespace

std::string read_parameters(const TemplateValue& section, const TemplateLimits& limits, TemplateDocument& doc) {
  if (!section.is_object()) return format_error("Every Parameters member must be an object.");
  if (section.size() > limits.max_parameters) return count_error("parameters", section.size(), limits.max_parameters);
  for (const auto& [name, p] : section.items()) {
    if (!is_alphanumeric_name(name, limits.max_name_length)) {
      return format_error("Parameter name " + name + " is non alphanumeric.");
    }
    TemplateParameter out;
    out.name = name;
    if (auto e = read_parameter(name, p, out); !e.empty()) return e;
    doc.parameters.push_back(std::move(out));
  }
  return {};
}

std::string read_mappings(const TemplateValue& section, const TemplateLimits& limits, TemplateDocument& doc) {
  if (!section.is_object()) return format_error("Every Mappings member must be an object.");
  if (section.size() > limits.max_mappings) return count_error("mappings", section.size(), limits.max_mappings);
  for (const auto& [name, mapping] : section.items()) {
    if (!is_alphanumeric_name(name, limits.max_name_length)) {
      return format_error("Mapping name " + name + " is non alphanumeric.");
    }
    if (!mapping.is_object()) return format_error("Every Mappings member " + name + " must be a map");
    if (mapping.size() > limits.max_mapping_attributes) {
      return count_error("mapping attributes", mapping.size(), limits.max_mapping_attributes);
    }
    for (const auto& [key, attributes] : mapping.items()) {
      if (!attributes.is_object()) return format_error("Every Mappings member " + key + " must be a map");
      for (const auto& [attribute, value] : attributes.items()) {
        bool list_of_scalars = value.is_array();
        if (list_of_scalars) {
          for (const TemplateValue& item : value) list_of_scalars = list_of_scalars && !item.is_structured();
        }
        if (value.is_object() || (value.is_array() && !list_of_scalars)) {
          return format_error("Every Mappings attribute must be a String or a List.");
        }
      }
    }
  }
  doc.mappings = section;
  return {};
}

std::string read_resources(const TemplateValue* section, const TemplateLimits& limits, TemplateDocument& doc) {
  if (section == nullptr || (section->is_object() && section->empty())) {
    return format_error("At least one Resources member must be defined.");
  }
  if (!section->is_object()) return format_error("Any Resources member must be an object.");
  if (section->size() > limits.max_resources) return count_error("resources", section->size(), limits.max_resources);
  std::set<std::string, std::less<>> parameter_names;
  for (const auto& p : doc.parameters) parameter_names.insert(p.name);
  for (const auto& [id, r] : section->items()) {
    if (!is_alphanumeric_name(id, limits.max_name_length)) {
      return format_error("Resource name " + id + " is non alphanumeric.");
    }
    if (parameter_names.contains(id)) {
      return format_error("Parameter and resource names must be unique: " + id + " is both.");
    }
    if (!r.is_object()) return format_error("Any Resources member must be an object.");
    for (const auto& [key, value] : r.items()) {
      if (!one_of(key, kResourceKeys)) return "Invalid template resource property '" + key + "'";
    }
    TemplateResource out;
    out.logical_id = id;
    auto type = r.find("Type");
    if (type == r.end())
      return format_error("[/Resources/" + id + "] Every Resources object must contain a Type member.");
    if (!type->is_string()) return format_error("[/Resources/" + id + "] Every Type member must be a string.");
    out.type = type->get<std::string>();
    out.properties = TemplateValue::object();
    if (auto p = r.find("Properties"); p != r.end()) {
      if (!p->is_object())
        return format_error("[/Resources/" + id + "/Properties] Every Properties member must be an object.");
      out.properties = *p;
    }
    if (auto d = r.find("DependsOn"); d != r.end()) {
      if (d->is_string()) {
        out.depends_on.push_back(d->get<std::string>());
      } else if (d->is_array()) {
        for (const TemplateValue& item : *d) {
          if (!item.is_string()) return format_error("DependsOn must be a string or list of strings.");
          out.depends_on.push_back(item.get<std::string>());
        }
      } else {
        return format_error("DependsOn must be a string or list of strings.");
      }
    }
    if (auto c = r.find("Condition"); c != r.end()) {
      if (!c->is_string()) return format_error("Every Condition member must be a string.");
      out.condition = c->get<std::string>();
    }
    for (const char* key : {"DeletionPolicy", "UpdateReplacePolicy"}) {
      auto it = r.find(key);
      if (it == r.end()) continue;
      if (it->is_string() && !one_of(it->get_ref<const std::string&>(), kDeletionPolicies)) {
        return format_error("Unrecognized " + std::string(key) + " " + it->get<std::string>() + " for resource " + id);
      }
      (std::string_view(key) == "DeletionPolicy" ? out.deletion_policy : out.update_replace_policy) = *it;
    }
    if (auto it = r.find("Metadata"); it != r.end()) out.metadata = *it;
    if (auto it = r.find("CreationPolicy"); it != r.end()) out.creation_policy = *it;
    if (auto it = r.find("UpdatePolicy"); it != r.end()) out.update_policy = *it;
    doc.resources.push_back(std::move(out));
  }
  return {};
}

std::string read_outputs(const TemplateValue& section, const TemplateLimits& limits, TemplateDocument& doc) {
  if (!section.is_object()) return format_error("Any Outputs member must be an object.");
  if (section.size() > limits.max_outputs) return count_error("outputs", section.size(), limits.max_outputs);
  for (const auto& [name, o] : section.items()) {
    if (!is_alphanumeric_name(name, limits.max_name_length)) {
      return format_error("Output name " + name + " is non alphanumeric.");
    }
    if (!o.is_object()) return format_error("Any Outputs member must be an object.");
    auto value = o.find("Value");
    if (value == o.end()) return format_error("Every Outputs member must contain a Value object");
    std::string unknown;
    for (const auto& [key, v] : o.items()) {
      if (!one_of(key, kOutputKeys)) unknown += (unknown.empty() ? "" : ", ") + key;
    }
    if (!unknown.empty()) return format_error("Invalid outputs property or properties [" + unknown + "]");
    TemplateOutput out;
    out.name = name;
    out.value = *value;
    if (auto d = o.find("Description"); d != o.end()) out.description = *d;
    if (auto e = o.find("Export"); e != o.end()) {
      auto export_name = e->is_object() ? e->find("Name") : e->end();
      if (!e->is_object() || export_name == e->end()) {
        return format_error("Every Export member must contain a Name object");
      }
      out.export_name = *export_name;
    }
    if (auto c = o.find("Condition"); c != o.end()) {
      if (!c->is_string()) return format_error("Every Condition member must be a string.");
      out.condition = c->get<std::string>();
    }
    doc.outputs.push_back(std::move(out));
  }
  return {};
}

}  // namespace hoplite::cfn::detail
