#include "cfn/validate.hpp"

#include <algorithm>
#include <map>
#include <set>

#include <fmt/format.h>

#include "cfn/spec_table.hpp"
#include "hoplite/cfn/logical_id.hpp"
#include "hoplite/cfn/validation_error.hpp"

namespace hoplite::cfn::detail {

namespace {

std::string join_names(const std::vector<std::string>& names) {
  std::string out;
  for (const auto& n : names) out += (out.empty() ? "" : ", ") + n;
  return out;
}

std::string short_text(const Json& value) {
  std::string text = value.dump();
  if (text.size() > 60) text = text.substr(0, 57) + "...";
  return text;
}

/// Where a value sits, for messages: resource, its type, and the property path.
struct Where {
  std::string resource;
  std::string_view type;
  std::string path;

  [[nodiscard]] Where member(std::string_view name) const {
    return {resource, type, path.empty() ? std::string(name) : path + "." + std::string(name)};
  }
  [[nodiscard]] Where item(std::size_t index) const { return {resource, type, fmt::format("{}[{}]", path, index)}; }
  [[nodiscard]] Where key(std::string_view k) const { return {resource, type, fmt::format("{}[\"{}\"]", path, k)}; }
  [[nodiscard]] std::string subject() const { return fmt::format("resource '{}' ({})", resource, type); }
};

bool is_integer_text(const std::string& s) {
  std::size_t i = (!s.empty() && s[0] == '-') ? 1 : 0;
  if (i >= s.size()) return false;
  return std::all_of(s.begin() + static_cast<std::ptrdiff_t>(i), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

bool is_number_text(const std::string& s) {
  if (s.empty()) return false;
  char* end = nullptr;
  std::strtod(s.c_str(), &end);
  return end == s.c_str() + s.size();
}

void check_primitive(std::string_view primitive, const Json& v, const Where& w) {
  using K = Json::Kind;
  K k = v.kind();
  if (k == K::intrinsic) return;  // decided at deploy time
  bool ok = true;
  std::string_view hint;
  if (primitive == "String" || primitive == "Timestamp") {
    ok = k == K::string || k == K::integer || k == K::number;
    hint = "pass a string (or an intrinsic such as cfn::ref / cfn::sub)";
  } else if (primitive == "Integer" || primitive == "Long") {
    ok = k == K::integer || (k == K::string && is_integer_text(v.as_string()));
    hint = "pass an integer (or an intrinsic)";
  } else if (primitive == "Double") {
    ok = k == K::integer || k == K::number || (k == K::string && is_number_text(v.as_string()));
    hint = "pass a number (or an intrinsic)";
  } else if (primitive == "Boolean") {
    ok = k == K::boolean || (k == K::string && (v.as_string() == "true" || v.as_string() == "false"));
    hint = "pass true or false (or an intrinsic)";
  } else if (primitive == "Json") {
    ok = k == K::object || k == K::string || k == K::array;
    hint = "pass a JSON object (cfn::Json::object) or a JSON string";
  }
  if (!ok) {
    throw ValidationError(
        "002", w.resource, w.path,
        fmt::format("{}: property '{}' must be {}, got {}; {}", w.subject(), w.path, primitive, short_text(v), hint));
  }
}

void check_object(const TypeSpec& spec, const Json& obj, const Where& w);

void check_item(const PropertySpec& prop, const Json& v, const Where& w) {
  if (v.is_intrinsic()) return;
  if (prop.item_type.empty()) {
    check_primitive(prop.primitive, v, w);
    return;
  }
  const TypeSpec* nested = find_property_type_spec(prop.item_type);
  if (nested != nullptr) check_object(*nested, v, w);
}

void check_value(const PropertySpec& prop, const Json& v, const Where& w) {
  if (v.is_intrinsic()) return;
  switch (prop.container) {
    case Container::list: {
      if (!v.is_array()) {
        throw ValidationError("002", w.resource, w.path,
                              fmt::format("{}: property '{}' must be a list, got {}; pass a list (or an intrinsic "
                                          "that yields one)",
                                          w.subject(), w.path, short_text(v)));
      }
      std::size_t i = 0;
      for (const Json& item : v.as_array()) check_item(prop, item, w.item(i++));
      break;
    }
    case Container::map:
      if (!v.is_object()) {
        throw ValidationError(
            "002", w.resource, w.path,
            fmt::format("{}: property '{}' must be a map (JSON object), got {}", w.subject(), w.path, short_text(v)));
      }
      for (const auto& [k, item] : v.as_object()) check_item(prop, item, w.key(k));
      break;
    case Container::none:
      check_item(prop, v, w);
      break;
  }
}

void check_object(const TypeSpec& spec, const Json& obj, const Where& w) {
  if (obj.is_intrinsic()) return;
  if (!obj.is_object()) {
    throw ValidationError("002", w.resource, w.path,
                          fmt::format("{}: property '{}' must be an object ({}), got {}", w.subject(), w.path,
                                      spec.name, short_text(obj)));
  }
  for (const PropertySpec& prop : spec.properties) {
    const Json* v = obj.find(prop.name);
    if (prop.required && (v == nullptr || v->is_null())) {
      Where at = w.member(prop.name);
      throw ValidationError("001", w.resource, at.path,
                            fmt::format("{}: required property '{}' is not set; set it (see {})", w.subject(), at.path,
                                        prop.documentation));
    }
  }
  for (const auto& [name, v] : obj.as_object()) {
    // A named copy of the binding: clang 14 cannot capture a structured binding in a lambda.
    const std::string& key = name;
    auto it = std::find_if(spec.properties.begin(), spec.properties.end(),
                           [&](const PropertySpec& p) { return p.name == key; });
    Where at = w.member(name);
    if (it == spec.properties.end()) {
      std::vector<std::string> known;
      for (const auto& p : spec.properties) known.emplace_back(p.name);
      throw ValidationError("011", w.resource, at.path,
                            fmt::format("{}: unknown property '{}' ({} has: {}); fix the name, or extend the spec "
                                        "subset (docs/cfn.md) if CloudFormation has it",
                                        w.subject(), at.path, spec.name, join_names(known)));
    }
    if (v.is_null()) continue;
    check_value(*it, v, at);
  }
}

struct Names {
  std::map<std::string, const Resource*, std::less<>> resources;
  std::set<std::string, std::less<>> parameters;
  std::set<std::string, std::less<>> conditions;
  std::set<std::string, std::less<>> mappings;
};

void check_references(const Json& value, const Names& names, const std::string& subject, const std::string& resource,
                      const std::string& property) {
  for (const Reference& r : value.references()) {
    switch (r.kind) {
      case Reference::Kind::ref:
        if (!names.resources.contains(r.id) && !names.parameters.contains(r.id)) {
          throw ValidationError("003", resource, property,
                                fmt::format("{}: property '{}' has Ref to '{}', which is not a resource or parameter "
                                            "in this template; add it to the template (or fix the name)",
                                            subject, property, r.id));
        }
        break;
      case Reference::Kind::attribute: {
        auto it = names.resources.find(r.id);
        if (it == names.resources.end()) {
          throw ValidationError("004", resource, property,
                                fmt::format("{}: property '{}' has Fn::GetAtt to '{}.{}', but '{}' is not a resource "
                                            "in this template; add it to the template (or fix the name)",
                                            subject, property, r.id, r.attribute, r.id));
        }
        const Resource& target = *it->second;
        bool known = target.has_attribute(r.attribute);
        if (!known && target.attribute_names().empty() && find_resource_spec(target.type()) == nullptr) {
          known = true;  // a raw resource of a type we know nothing about
        }
        if (!known) {
          std::vector<std::string> attrs;
          for (auto a : target.attribute_names()) attrs.emplace_back(a);
          throw ValidationError(
              "005", resource, property,
              fmt::format("{}: property '{}' has Fn::GetAtt to '{}.{}', but {} has no attribute '{}'; use one of: {}",
                          subject, property, r.id, r.attribute, target.type(), r.attribute,
                          attrs.empty() ? std::string("(none)") : join_names(attrs)));
        }
        break;
      }
      case Reference::Kind::condition:
        if (!names.conditions.contains(r.id)) {
          throw ValidationError("010", resource, property,
                                fmt::format("{}: property '{}' uses condition '{}', which is not declared; declare it "
                                            "with Template::add_condition",
                                            subject, property, r.id));
        }
        break;
      case Reference::Kind::mapping:
        if (!names.mappings.contains(r.id)) {
          throw ValidationError("012", resource, property,
                                fmt::format("{}: property '{}' uses mapping '{}' in Fn::FindInMap, which is not "
                                            "declared; declare it with Template::add_mapping",
                                            subject, property, r.id));
        }
        break;
    }
  }
}

/// Resource -> resources it depends on (references in properties, DependsOn), in order.
void check_cycles(const Template& t, const Names& names) {
  std::map<std::string, std::vector<std::string>, std::less<>> edges;
  std::vector<std::string> order;
  for (const Resource& r : t.resources()) {
    order.push_back(r.logical_id());
    edges[r.logical_id()] = direct_dependencies(t, r);
  }
  enum class Mark { none, active, done };
  std::map<std::string, Mark, std::less<>> mark;
  std::vector<std::string> stack;
  auto visit = [&](auto&& self, const std::string& id) -> void {
    mark[id] = Mark::active;
    stack.push_back(id);
    for (const std::string& next : edges[id]) {
      if (mark[next] == Mark::active) {
        auto start = std::find(stack.begin(), stack.end(), next);
        std::string path;
        for (auto it = start; it != stack.end(); ++it) path += *it + " -> ";
        path += next;
        const Resource* r = names.resources.at(id);
        throw ValidationError("008", id, "",
                              fmt::format("resource '{}' ({}): dependency cycle {}; break it by removing a Ref/GetAtt "
                                          "or DependsOn on that path (e.g. move a rule into its own resource)",
                                          id, r->type(), path));
      }
      if (mark[next] == Mark::none) self(self, next);
    }
    stack.pop_back();
    mark[id] = Mark::done;
  };
  for (const auto& id : order) {
    if (mark[id] == Mark::none) visit(visit, id);
  }
}

}  // namespace

std::vector<std::string> direct_dependencies(const Template& t, const Resource& resource) {
  std::vector<std::string> out;
  auto add = [&](const std::string& id) {
    if (t.find(id) != nullptr && std::find(out.begin(), out.end(), id) == out.end()) out.push_back(id);
  };
  for (const auto& d : resource.options().depends_on) add(d.logical_id);
  for (const Reference& ref : resource.properties().references()) {
    if (ref.kind == Reference::Kind::ref || ref.kind == Reference::Kind::attribute) add(ref.id);
  }
  return out;
}

void check_logical_id(std::string_view id, std::string_view what) {
  if (is_valid_logical_id(id)) return;
  std::string why = id.empty()        ? "it is empty"
                    : id.size() > 255 ? "it is longer than 255 characters"
                                      : "it has characters other than A-Z, a-z, 0-9";
  std::string suggestion = sanitize_logical_id(id);
  if (suggestion.size() > 255) suggestion.resize(255);
  throw ValidationError(
      "006", what == "resource" ? std::string(id) : std::string(), "",
      fmt::format("{} logical ID '{}' is invalid: {}; logical IDs are 1-255 letters and digits{}", what, id, why,
                  suggestion.empty() ? std::string() : fmt::format(" (e.g. '{}')", suggestion)));
}

void validate_template(const Template& t) {
  Names names;
  for (const auto& p : t.parameters()) {
    check_logical_id(p.name(), "parameter");
    names.parameters.insert(p.name());
  }
  for (const auto& [name, m] : t.mappings()) {
    check_logical_id(name, "mapping");
    names.mappings.insert(name);
  }
  for (const auto& [name, c] : t.conditions()) {
    check_logical_id(name, "condition");
    names.conditions.insert(name);
  }
  for (const Resource& r : t.resources()) {
    check_logical_id(r.logical_id(), "resource");
    if (names.resources.contains(r.logical_id()) || names.parameters.contains(r.logical_id())) {
      throw ValidationError("007", r.logical_id(), "",
                            fmt::format("logical ID '{}' ({}) is used twice; logical IDs must be unique across "
                                        "resources and parameters",
                                        r.logical_id(), r.type()));
    }
    names.resources.emplace(r.logical_id(), &r);
  }

  for (const auto& [name, c] : t.conditions()) {
    check_references(c.json(), names, fmt::format("condition '{}'", name), "", name);
  }
  for (const Resource& r : t.resources()) {
    Where w{r.logical_id(), r.type(), ""};
    const auto& o = r.options();
    for (const auto& d : o.depends_on) {
      if (!names.resources.contains(d.logical_id)) {
        throw ValidationError("009", r.logical_id(), "DependsOn",
                              fmt::format("{}: DependsOn '{}', which is not a resource in this template; add it (or "
                                          "remove the dependency)",
                                          w.subject(), d.logical_id));
      }
    }
    if (!o.condition.empty() && !names.conditions.contains(o.condition)) {
      throw ValidationError("010", r.logical_id(), "Condition",
                            fmt::format("{}: Condition '{}' is not declared; declare it with Template::add_condition",
                                        w.subject(), o.condition));
    }
    Json props = r.properties();
    if (const TypeSpec* spec = find_resource_spec(r.type())) check_object(*spec, props, w);
    if (props.is_object()) {
      for (const auto& [name, v] : props.as_object()) check_references(v, names, w.subject(), r.logical_id(), name);
    }
    check_references(o.metadata, names, w.subject(), r.logical_id(), "Metadata");
  }
  for (const auto& out : t.outputs()) {
    check_logical_id(out.name, "output");
    std::string subject = fmt::format("output '{}'", out.name);
    if (out.value.is_null()) {
      throw ValidationError("001", "", out.name, fmt::format("{}: Value is not set; give the output a value", subject));
    }
    check_references(out.value, names, subject, "", "Value");
    check_references(out.options.export_name, names, subject, "", "Export.Name");
    if (!out.options.condition.empty() && !names.conditions.contains(out.options.condition)) {
      throw ValidationError("010", "", out.name,
                            fmt::format("{}: Condition '{}' is not declared; declare it with Template::add_condition",
                                        subject, out.options.condition));
    }
  }
  check_cycles(t, names);
}

}  // namespace hoplite::cfn::detail
