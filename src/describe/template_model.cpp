#include "describe/template_model.hpp"

#include <algorithm>

#include <fmt/format.h>

namespace hoplite::describe {
namespace {

void add_unique(std::vector<Reference>& refs, Reference r) {
  if (std::find(refs.begin(), refs.end(), r) == refs.end()) refs.push_back(std::move(r));
}

/// The reference an intrinsic object makes by itself, when `obj` is {"Ref": …} or {"Fn::GetAtt": …}.
bool intrinsic_reference(const Json& obj, std::vector<Reference>& out) {
  if (!obj.is_object() || obj.size() != 1) return false;
  const std::string& key = obj.begin().key();
  const Json& arg = obj.begin().value();
  if (key == "Ref" && arg.is_string()) {
    add_unique(out, {arg.get<std::string>(), RefKind::ref, ""});
    return true;
  }
  if (key == "Fn::GetAtt") {
    if (arg.is_array() && arg.size() == 2 && arg[0].is_string()) {
      std::string attribute = arg[1].is_string() ? arg[1].get<std::string>() : std::string("(computed)");
      add_unique(out, {arg[0].get<std::string>(), RefKind::get_att, std::move(attribute)});
      return true;
    }
    if (arg.is_string()) {  // the "Id.Attribute" short form
      const std::string s = arg.get<std::string>();
      const auto dot = s.find('.');
      add_unique(out, {s.substr(0, dot), RefKind::get_att, dot == std::string::npos ? "" : s.substr(dot + 1)});
      return true;
    }
  }
  return false;
}

}  // namespace

const char* to_string(RefKind kind) {
  switch (kind) {
    case RefKind::ref:
      return "Ref";
    case RefKind::get_att:
      return "GetAtt";
    case RefKind::sub:
      return "Sub";
    case RefKind::depends_on:
      return "DependsOn";
  }
  return "?";
}

std::vector<SubPlaceholder> sub_placeholders(std::string_view text) {
  std::vector<SubPlaceholder> out;
  std::size_t i = 0;
  while ((i = text.find("${", i)) != std::string_view::npos) {
    const std::size_t close = text.find('}', i + 2);
    if (close == std::string_view::npos) break;
    std::string_view body = text.substr(i + 2, close - i - 2);
    i = close + 1;
    if (body.empty() || body.front() == '!') continue;  // ${!Literal}
    const auto dot = body.find('.');
    SubPlaceholder p{std::string(body.substr(0, dot)),
                     dot == std::string_view::npos ? "" : std::string(body.substr(dot + 1))};
    out.push_back(std::move(p));
  }
  return out;
}

std::vector<Reference> collect_references(const Json& value) {
  std::vector<Reference> out;
  std::vector<const Json*> todo{&value};
  while (!todo.empty()) {
    const Json* v = todo.back();
    todo.pop_back();
    if (v->is_object()) {
      if (intrinsic_reference(*v, out)) continue;
      if (v->size() == 1 && v->begin().key() == "Fn::Sub") {
        const Json& arg = v->begin().value();
        const Json* text = arg.is_string() ? &arg : nullptr;
        const Json* vars = nullptr;
        if (arg.is_array() && arg.size() == 2 && arg[0].is_string()) text = &arg[0], vars = &arg[1];
        if (text != nullptr) {
          for (auto& p : sub_placeholders(text->get_ref<const std::string&>())) {
            if (vars != nullptr && vars->is_object() && vars->contains(p.name)) continue;
            add_unique(out, {p.name, RefKind::sub, p.attribute});
          }
          // The variable map's values are ordinary JSON (usually Ref/GetAtt): walk them in order.
          if (vars != nullptr && vars->is_object()) {
            std::vector<const Json*> values;
            for (const auto& item : vars->items()) values.push_back(&item.value());
            for (auto it = values.rbegin(); it != values.rend(); ++it) todo.push_back(*it);
          }
          continue;
        }
      }
      std::vector<const Json*> children;
      for (const auto& item : v->items()) children.push_back(&item.value());
      for (auto it = children.rbegin(); it != children.rend(); ++it) todo.push_back(*it);
    } else if (v->is_array()) {
      for (auto it = v->rbegin(); it != v->rend(); ++it) todo.push_back(&*it);
    }
  }
  return out;
}

std::string referenced_id(const Json& value) {
  for (const Reference& r : collect_references(value))
    if (r.kind == RefKind::ref || r.kind == RefKind::get_att) return r.target;
  return {};
}

const Resource* TemplateModel::find(std::string_view logical_id) const {
  const std::size_t i = index_of(logical_id);
  return i == std::string::npos ? nullptr : &resources[i];
}

std::size_t TemplateModel::index_of(std::string_view logical_id) const {
  auto it = index.find(logical_id);
  return it == index.end() ? std::string::npos : it->second;
}

core::Result<TemplateModel> read_template(std::string_view text) {
  auto parsed = parse_json(text, "the template");
  if (!parsed) return core::fail("describe.template", parsed.error().message);
  Json& doc = *parsed;
  if (!doc.is_object()) return core::fail("describe.template", "the template is not a JSON object");
  TemplateModel model;
  if (auto d = doc.find("Description"); d != doc.end() && d->is_string()) model.description = d->get<std::string>();
  if (auto p = doc.find("Parameters"); p != doc.end() && p->is_object()) model.parameters = std::move(*p);
  if (auto o = doc.find("Outputs"); o != doc.end() && o->is_object()) model.outputs = std::move(*o);
  auto resources = doc.find("Resources");
  if (resources == doc.end() || !resources->is_object())
    return core::fail("describe.template", "the template has no Resources object");
  if (resources->size() > kMaxResources)
    return core::fail("describe.template", fmt::format("the template has {} resources; describe draws at most {}",
                                                       resources->size(), kMaxResources));
  for (auto& [id, body] : resources->items()) {
    if (!body.is_object()) return core::fail("describe.template", fmt::format("resource {} is not an object", id));
    auto type = body.find("Type");
    if (type == body.end() || !type->is_string())
      return core::fail("describe.template", fmt::format("resource {} has no Type", id));
    Resource r;
    r.logical_id = id;
    r.type = type->get<std::string>();
    // AWS::EC2::VPC → EC2 / VPC; Custom::Thing → Custom / Thing; anything else → Other / type.
    const auto first = r.type.find("::");
    if (r.type.starts_with("Custom::")) {
      r.service = "Custom";
      r.short_type = r.type.substr(8);
    } else if (const auto second = first == std::string::npos ? std::string::npos : r.type.find("::", first + 2);
               second != std::string::npos) {
      r.service = r.type.substr(first + 2, second - first - 2);
      r.short_type = r.type.substr(second + 2);
    } else {
      r.service = "Other";
      r.short_type = r.type;
    }
    for (const char* section : {"Properties", "Metadata", "UpdatePolicy", "CreationPolicy"}) {
      if (auto s = body.find(section); s != body.end()) {
        for (auto& ref : collect_references(*s)) add_unique(r.references, std::move(ref));
      }
    }
    if (auto dep = body.find("DependsOn"); dep != body.end()) {
      if (dep->is_string()) add_unique(r.references, {dep->get<std::string>(), RefKind::depends_on, ""});
      if (dep->is_array()) {
        for (const auto& d : *dep)
          if (d.is_string()) add_unique(r.references, {d.get<std::string>(), RefKind::depends_on, ""});
      }
    }
    r.definition = std::move(body);
    model.index.emplace(r.logical_id, model.resources.size());
    model.resources.push_back(std::move(r));
  }
  return model;
}

}  // namespace hoplite::describe
