#include "cfn/change/details.hpp"

#include <algorithm>

#include "cfn/spec_table.hpp"

namespace hoplite::cfn::detail {

namespace {

bool mentions_unknown(const TemplateValue& v) { return v.dump().find(kKnownAfterApply) != std::string::npos; }

std::string requires_recreation(std::string_view type, const std::string& property) {
  const TypeSpec* spec = find_resource_spec(type);
  if (spec == nullptr) return "Never";
  for (const PropertySpec& p : spec->properties) {
    if (p.name != property) continue;
    if (p.update == UpdateType::immutable) return "Always";
    if (p.update == UpdateType::conditional) return "Conditionally";
    return "Never";
  }
  return "Never";
}

std::string text_of(const TemplateValue& v) { return v.is_string() ? v.get<std::string>() : v.dump(); }

// How much a detail forces replacement: 0 no, 1 maybe, 2 yes.
int impact(const ChangeDetail& d) {
  if (d.target.requires_recreation == "Always") return d.evaluation == "Static" ? 2 : 1;
  return d.target.requires_recreation == "Conditionally" ? 1 : 0;
}

bool unknown_state(ResourceState s) {
  return s == ResourceState::added || s == ResourceState::replaced || s == ResourceState::conditionally_replaced;
}

}  // namespace

ParameterChanges::ParameterChanges(const std::vector<ParameterValue>& before, const std::vector<ParameterValue>& after,
                                   bool update) {
  if (!update) return;
  for (const ParameterValue& a : after) {
    auto b = std::find_if(before.begin(), before.end(), [&](const ParameterValue& p) { return p.key == a.key; });
    if (b == before.end() || b->value != a.value) changed_.insert(a.key);
  }
}

core::Result<ComparedResource> compare_resource(const ResourceComparison& c) {
  ComparedResource out;
  out.after_properties = TemplateValue::object();
  std::map<std::string, EvaluationTrace> traces;
  for (const auto& [key, expression] : c.after.properties.items()) {
    EvaluationTrace trace;
    auto v = c.evaluator.evaluate(expression, &trace);
    if (!v) return v.failure();
    if (v->is_discarded()) continue;
    out.after_properties[key] = std::move(*v);
    traces[key] = std::move(trace);
  }
  auto state_of = [&](const std::string& id) {
    auto it = c.states.find(id);
    return it == c.states.end() ? ResourceState::added : it->second;
  };

  std::set<std::string> keys;
  for (const auto& [key, v] : c.before_properties.items()) keys.insert(key);
  for (const auto& [key, v] : out.after_properties.items()) keys.insert(key);
  std::set<std::string> scope;
  for (const std::string& key : keys) {
    auto b = c.before_properties.find(key);
    auto a = out.after_properties.find(key);
    bool has_before = b != c.before_properties.end(), has_after = a != out.after_properties.end();
    if (has_before && has_after && *a == *b) continue;
    ChangeTarget target;
    target.attribute = "Properties";
    target.name = key;
    target.requires_recreation = requires_recreation(c.after.type, key);
    if (!c.classic) {
      target.path = "/Properties/" + key;
      target.attribute_change_type = !has_before ? "Add" : !has_after ? "Remove" : "Modify";
      if (has_before) target.before_value = text_of(*b);
      if (has_after) target.after_value = text_of(*a);
    }
    const EvaluationTrace& trace = traces[key];  // empty for a removed property
    std::vector<ChangeDetail> details;
    auto add = [&](std::string source, std::string evaluation, std::string entity) {
      details.push_back(ChangeDetail{target, std::move(evaluation), std::move(source), std::move(entity)});
    };
    auto has_dynamic_direct = [&] {
      return std::any_of(details.begin(), details.end(), [](const ChangeDetail& d) {
        return d.change_source == "DirectModification" && d.evaluation == "Dynamic";
      });
    };
    if (has_after && mentions_unknown(*a)) {
      if (!c.classic) add("DirectModification", "Dynamic", "");
      for (const std::string& id : trace.resources) {
        ResourceState s = state_of(id);
        if (!unknown_state(s)) continue;
        bool maybe = c.classic && s == ResourceState::conditionally_replaced;
        add("ResourceReference", maybe ? "Dynamic" : "Static", id);
      }
      for (const auto& [id, attribute] : trace.attributes) {
        ResourceState s = state_of(id);
        if (!unknown_state(s) && !(c.classic && s == ResourceState::modified)) continue;
        bool maybe = c.classic && (s == ResourceState::modified || s == ResourceState::conditionally_replaced);
        add("ResourceAttribute", maybe ? "Dynamic" : "Static", id + "." + attribute);
      }
    }
    std::vector<std::string> changed_parameters;
    for (const std::string& p : trace.parameters) {
      if (c.parameters.changed(p)) changed_parameters.push_back(p);
    }
    if (!changed_parameters.empty()) {
      for (const std::string& p : changed_parameters) add("ParameterReference", "Static", p);
      if (!has_dynamic_direct()) add("DirectModification", "Dynamic", "");
    }
    if (details.empty()) add("DirectModification", "Static", "");
    scope.insert(target.attribute);
    for (auto& d : details) out.details.push_back(std::move(d));
  }

  if (c.after.metadata != c.before.metadata) {
    ChangeTarget target;
    target.attribute = "Metadata";
    target.requires_recreation = "Never";
    if (!c.classic) {
      target.path = "/Metadata";
      target.attribute_change_type = c.before.metadata.is_null()  ? "Add"
                                     : c.after.metadata.is_null() ? "Remove"
                                                                  : "Modify";
    }
    out.details.push_back(ChangeDetail{target, "Static", "DirectModification", ""});
    scope.insert("Metadata");
  }

  int worst = 0;
  for (const ChangeDetail& d : out.details) worst = std::max(worst, impact(d));
  out.replacement = worst == 2 ? "True" : worst == 1 ? "Conditional" : "False";
  out.scope.assign(scope.begin(), scope.end());
  if (out.details.empty()) {
    out.state = ResourceState::unchanged;
  } else {
    out.state = worst == 2   ? ResourceState::replaced
                : worst == 1 ? ResourceState::conditionally_replaced
                             : ResourceState::modified;
  }
  return out;
}

}  // namespace hoplite::cfn::detail
