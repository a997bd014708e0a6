#include "hoplite/cfn/spec_validation.hpp"

#include <charconv>
#include <cmath>
#include <set>

#include "cfn/eval/references.hpp"
#include "cfn/spec_table.hpp"
#include "hoplite/cfn/evaluator.hpp"

namespace hoplite::cfn {

namespace {

using detail::Container;
using detail::PropertySpec;
using detail::TypeSpec;

// from_chars: locale-independent, and no leading blanks or '+' accepted silently.
bool numeric_text(const std::string& s, bool integer) {
  if (s.empty() || s.size() > 40) return false;
  const char* first = s.data();
  const char* last = s.data() + s.size();
  if (integer) {
    long long n = 0;
    auto [end, ec] = std::from_chars(first, last, n);
    return ec == std::errc() && end == last;
  }
  double d = 0;
  auto [end, ec] = std::from_chars(first, last, d);
  return ec == std::errc() && end == last && std::isfinite(d);
}

// AWS's names for the JSON-schema types in its messages.
std::string_view schema_type(const PropertySpec& p) {
  if (p.container == Container::list) return "Array";
  if (p.container == Container::map || !p.item_type.empty() || p.primitive == "Json") return "Object";
  if (p.primitive == "Integer" || p.primitive == "Long") return "Integer";
  if (p.primitive == "Double") return "Number";
  if (p.primitive == "Boolean") return "Boolean";
  return "String";
}

// Whether a scalar CloudFormation would accept (converting it) for a primitive type.
bool primitive_accepts(std::string_view primitive, const TemplateValue& v) {
  if (is_known_after_apply(v)) return true;
  if (primitive == "Json") return v.is_object() || v.is_string() || v.is_array();
  if (v.is_structured()) return false;
  if (primitive == "Integer" || primitive == "Long") {
    if (v.is_number_integer() || v.is_number_unsigned()) return true;
    if (v.is_number_float()) return v.get<double>() == std::floor(v.get<double>());
    return v.is_string() && numeric_text(v.get_ref<const std::string&>(), true);
  }
  if (primitive == "Double")
    return v.is_number() || (v.is_string() && numeric_text(v.get_ref<const std::string&>(), false));
  if (primitive == "Boolean") {
    if (v.is_boolean()) return true;
    if (!v.is_string()) return false;
    const std::string& s = v.get_ref<const std::string&>();
    return s == "true" || s == "false" || s == "True" || s == "False";
  }
  return true;  // String, Timestamp: any scalar is converted to text
}

class PropertyChecker {
 public:
  std::vector<std::string> problems;

  // `spec` describes the object `value` at `path` ("" for the resource's Properties).
  void object(const TypeSpec& spec, const TemplateValue& value, const std::string& path, int depth) {
    if (depth > 32) return;  // the spec nests far less; a guard against a cyclic spec
    std::vector<std::string> unknown;
    for (const auto& [name, member] : value.items()) {
      const PropertySpec* p = find(spec, name);
      if (p == nullptr) {
        unknown.push_back(name);
        continue;
      }
      property(*p, member, path + "/" + name, depth);
    }
    for (const PropertySpec& p : spec.properties) {
      if (p.required && !value.contains(p.name))
        problems.push_back("The property {" + path + "/" + std::string(p.name) + "} is required");
    }
    if (!unknown.empty()) {
      std::string list;
      for (const auto& u : unknown) list += (list.empty() ? "" : ", ") + u;
      problems.push_back("Encountered unsupported properties in {" + (path.empty() ? std::string("/") : path) + "}: [" +
                         list + "]");
    }
  }

 private:
  static const PropertySpec* find(const TypeSpec& spec, std::string_view name) {
    for (const PropertySpec& p : spec.properties) {
      if (p.name == name) return &p;
    }
    return nullptr;
  }

  void mismatch(const PropertySpec& p, const std::string& path) {
    problems.push_back("Value of property {" + path + "} does not match type {" + std::string(schema_type(p)) + "}");
  }

  // One element (of a list or map, or the value itself) whose type is the property's item type.
  void element(const PropertySpec& p, const TemplateValue& v, const std::string& path, int depth) {
    if (is_known_after_apply(v)) return;
    if (!p.item_type.empty()) {
      const TypeSpec* nested = detail::find_property_type_spec(p.item_type);
      if (nested == nullptr) return;
      if (!v.is_object()) {
        problems.push_back("Value of property {" + path + "} does not match type {Object}");
        return;
      }
      object(*nested, v, path, depth + 1);
      return;
    }
    if (!primitive_accepts(p.primitive, v)) {
      PropertySpec scalar = p;
      scalar.container = Container::none;
      mismatch(scalar, path);
    }
  }

  void property(const PropertySpec& p, const TemplateValue& v, const std::string& path, int depth) {
    if (is_known_after_apply(v)) return;
    if (p.container == Container::list) {
      if (!v.is_array()) return mismatch(p, path);
      std::size_t i = 0;
      for (const TemplateValue& item : v) element(p, item, path + "/" + std::to_string(i++), depth);
      return;
    }
    if (p.container == Container::map) {
      if (!v.is_object()) return mismatch(p, path);
      for (const auto& [key, item] : v.items()) element(p, item, path + "/" + key, depth);
      return;
    }
    element(p, v, path, depth);
  }
};

// Walks a value, keeping its JSON path, and reports the first GetAtt of an attribute the type
// lacks (recursion depth = the value's depth, bounded by TemplateLimits::max_depth).
std::string bad_attribute(const TemplateDocument& doc, const TemplateValue& v, const std::string& path) {
  auto check = [&](const std::string& id, const std::string& attribute, const std::string& at) -> std::string {
    const TemplateResource* r = doc.find_resource(id);
    if (r == nullptr) return {};
    const TypeSpec* spec = detail::find_resource_spec(r->type);
    if (spec == nullptr) return {};
    for (std::string_view a : spec->attributes) {
      if (a == attribute) return {};
    }
    for (const PropertySpec& p : spec->properties) {
      if (p.name == attribute) return {};
    }
    return "[Error] " + at + ": Resource type " + r->type + " does not support attribute {" + attribute + "}.";
  };
  if (auto f = detail::intrinsic_name(v, false)) {
    const TemplateValue& args = v.begin().value();
    if (*f == "Fn::GetAtt" && args.is_array() && args.size() == 2 && args[0].is_string() && args[1].is_string()) {
      return check(args[0].get<std::string>(), args[1].get<std::string>(), path + "/Fn::GetAtt");
    }
    if (*f == "Fn::Sub") {
      detail::References refs;
      detail::collect_references(v, refs, false);
      for (const auto& [id, attribute] : refs.attributes) {
        if (auto e = check(id, attribute, path + "/Fn::Sub"); !e.empty()) return e;
      }
    }
  }
  if (v.is_object()) {
    for (const auto& [key, member] : v.items()) {
      if (auto e = bad_attribute(doc, member, path + "/" + key); !e.empty()) return e;
    }
  } else if (v.is_array()) {
    std::size_t i = 0;
    for (const TemplateValue& item : v) {
      if (auto e = bad_attribute(doc, item, path + "/" + std::to_string(i++)); !e.empty()) return e;
    }
  }
  return {};
}

}  // namespace

bool is_supported_resource_type(std::string_view type) { return detail::find_resource_spec(type) != nullptr; }

std::string_view property_update_type(std::string_view type, std::string_view property) {
  const detail::TypeSpec* spec = detail::find_resource_spec(type);
  if (spec == nullptr) return "";
  for (const auto& p : spec->properties) {
    if (p.name != property) continue;
    switch (p.update) {
      case detail::UpdateType::mutable_in_place:
        return "Mutable";
      case detail::UpdateType::immutable:
        return "Immutable";
      case detail::UpdateType::conditional:
        return "Conditional";
      case detail::UpdateType::unspecified:
        return "";
    }
  }
  return "";
}

core::Result<void> check_resource_types(const TemplateDocument& doc) {
  std::vector<std::string> unknown;
  std::set<std::string> seen;
  for (const TemplateResource& r : doc.resources) {
    if (!is_supported_resource_type(r.type) && seen.insert(r.type).second) unknown.push_back(r.type);
  }
  if (unknown.empty()) return core::ok();
  std::string list;
  for (const auto& u : unknown) list += (list.empty() ? "" : ", ") + u;
  return validation_failure("Template format error: Unrecognized resource types: [" + list + "]");
}

core::Result<void> check_attributes(const TemplateDocument& doc) {
  for (const TemplateResource& r : doc.resources) {
    if (auto e = bad_attribute(doc, r.properties, "/Resources/" + r.logical_id + "/Properties"); !e.empty()) {
      return validation_failure(std::move(e));
    }
  }
  for (const TemplateOutput& o : doc.outputs) {
    if (auto e = bad_attribute(doc, o.value, "/Outputs/" + o.name + "/Value"); !e.empty())
      return validation_failure(std::move(e));
    if (auto e = bad_attribute(doc, o.export_name, "/Outputs/" + o.name + "/Export/Name"); !e.empty()) {
      return validation_failure(std::move(e));
    }
  }
  return core::ok();
}

core::Result<void> validate_properties(std::string_view type, const TemplateValue& properties) {
  const TypeSpec* spec = detail::find_resource_spec(type);
  if (spec == nullptr)
    return validation_failure("Template format error: Unrecognized resource types: [" + std::string(type) + "]");
  if (!properties.is_object())
    return validation_failure("Property validation failure: [Value of property {/} does not match type {Object}]");
  PropertyChecker checker;
  checker.object(*spec, properties, "", 0);
  if (checker.problems.empty()) return core::ok();
  std::string joined;
  for (const auto& p : checker.problems) joined += (joined.empty() ? "" : ", ") + p;
  return validation_failure("Property validation failure: [" + joined + "]");
}

}  // namespace hoplite::cfn
