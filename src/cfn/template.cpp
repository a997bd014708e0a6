#include "hoplite/cfn/template.hpp"

#include <algorithm>
#include <stdexcept>

#include <fmt/format.h>

#include "cfn/validate.hpp"
#include "hoplite/cfn/render.hpp"
#include "hoplite/cfn/validation_error.hpp"

namespace hoplite::cfn {

namespace {
template <class Map>
bool has_key(const Map& m, std::string_view key) {
  return std::any_of(m.begin(), m.end(), [&](const auto& kv) { return kv.first == key; });
}
}  // namespace

Template::Template(std::string description) : description_(std::move(description)) {}
Template::Template(Template&&) noexcept = default;
Template& Template::operator=(Template&&) noexcept = default;
Template::~Template() = default;

Template::Template(const Template& other)
    : description_(other.description_),
      parameters_(other.parameters_),
      mappings_(other.mappings_),
      conditions_(other.conditions_),
      outputs_(other.outputs_),
      metadata_(other.metadata_) {
  resources_.reserve(other.resources_.size());
  for (const auto& r : other.resources_) resources_.push_back(r->clone());
}

Template& Template::operator=(const Template& other) {
  if (this != &other) *this = Template(other);
  return *this;
}

Resource& Template::add(std::unique_ptr<Resource> resource) {
  if (!resource) throw std::invalid_argument("cfn::Template::add: null resource");
  detail::check_logical_id(resource->logical_id(), "resource");
  if (find(resource->logical_id()) != nullptr || find_parameter(resource->logical_id()) != nullptr) {
    throw ValidationError("007", resource->logical_id(), "",
                          fmt::format("logical ID '{}' ({}) is already used in this template; logical IDs must be "
                                      "unique across resources and parameters: pick another name, or use "
                                      "cfn::logical_id(prefix, parts...) to derive one",
                                      resource->logical_id(), resource->type()));
  }
  resources_.push_back(std::move(resource));
  return *resources_.back();
}

Resource* Template::find(std::string_view logical_id) {
  return const_cast<Resource*>(std::as_const(*this).find(logical_id));
}

const Resource* Template::find(std::string_view logical_id) const {
  for (const auto& r : resources_) {
    if (r->logical_id() == logical_id) return r.get();
  }
  return nullptr;
}

Resource& Template::replace(std::unique_ptr<Resource> resource) {
  if (!resource) throw std::invalid_argument("cfn::Template::replace: null resource");
  for (auto& r : resources_) {
    if (r->logical_id() == resource->logical_id()) {
      r = std::move(resource);
      return *r;
    }
  }
  throw std::out_of_range("cfn::Template::replace: no resource '" + resource->logical_id() + "' to replace");
}

bool Template::remove(std::string_view logical_id) {
  auto it =
      std::find_if(resources_.begin(), resources_.end(), [&](const auto& r) { return r->logical_id() == logical_id; });
  if (it == resources_.end()) return false;
  resources_.erase(it);
  return true;
}

const Parameter& Template::add_parameter(std::string name, ParameterOptions options) {
  detail::check_logical_id(name, "parameter");
  if (find_parameter(name) != nullptr || find(name) != nullptr) {
    throw ValidationError("007", name, "",
                          fmt::format("parameter '{}': the name is already used by a parameter or resource; "
                                      "names must be unique across both",
                                      name));
  }
  return parameters_.emplace_back(std::move(name), std::move(options));
}

const Parameter* Template::find_parameter(std::string_view name) const {
  for (const auto& p : parameters_) {
    if (p.name() == name) return &p;
  }
  return nullptr;
}

void Template::add_mapping(std::string name, Json map) {
  detail::check_logical_id(name, "mapping");
  if (has_key(mappings_, name)) {
    throw ValidationError("007", "", "", fmt::format("mapping '{}' is declared twice; use one name per mapping", name));
  }
  mappings_.emplace_back(std::move(name), std::move(map));
}

ConditionName Template::add_condition(std::string name, Condition condition) {
  detail::check_logical_id(name, "condition");
  if (has_key(conditions_, name)) {
    throw ValidationError("007", "", "",
                          fmt::format("condition '{}' is declared twice; use one name per condition", name));
  }
  conditions_.emplace_back(name, std::move(condition));
  return ConditionName(std::move(name));
}

void Template::add_output(std::string name, Json value, OutputOptions options) {
  detail::check_logical_id(name, "output");
  if (std::any_of(outputs_.begin(), outputs_.end(), [&](const Output& o) { return o.name == name; })) {
    throw ValidationError("007", "", "", fmt::format("output '{}' is declared twice; use one name per output", name));
  }
  outputs_.push_back({std::move(name), std::move(value), std::move(options)});
}

void Output::add_to(Template& t) const { t.add_output(name, value, options); }

void Template::set_metadata(std::string key, Json value) {
  for (auto& [k, v] : metadata_) {
    if (k == key) {
      v = std::move(value);
      return;
    }
  }
  metadata_.emplace_back(std::move(key), std::move(value));
}

std::vector<std::string> Template::dependencies(std::string_view logical_id) const {
  const Resource* r = find(logical_id);
  return r == nullptr ? std::vector<std::string>{} : detail::direct_dependencies(*this, *r);
}

std::vector<std::string> Template::creation_order() const {
  // Repeatedly take the first resource (in insertion order) whose dependencies are all placed.
  std::vector<std::pair<std::string, std::vector<std::string>>> pending;
  for (const auto& r : resources_) pending.emplace_back(r->logical_id(), detail::direct_dependencies(*this, *r));
  std::vector<std::string> order;
  while (!pending.empty()) {
    auto ready = std::find_if(pending.begin(), pending.end(), [&](const auto& p) {
      return std::all_of(p.second.begin(), p.second.end(), [&](const std::string& dep) {
        return std::find(order.begin(), order.end(), dep) != order.end();
      });
    });
    if (ready == pending.end()) {
      validate();  // reports the cycle with its path
      throw ValidationError("008", pending.front().first, "", "dependency cycle among the remaining resources");
    }
    order.push_back(ready->first);
    pending.erase(ready);
  }
  return order;
}

void Template::validate() const { detail::validate_template(*this); }

nlohmann::ordered_json Template::to_json() const {
  validate();
  using nlohmann::ordered_json;
  ordered_json out = ordered_json::object();
  out["AWSTemplateFormatVersion"] = "2010-09-09";
  if (!description_.empty()) out["Description"] = description_;
  if (!metadata_.empty()) out["Metadata"] = to_nlohmann(Json::object(metadata_));
  if (!parameters_.empty()) {
    ordered_json params = ordered_json::object();
    for (const auto& p : parameters_) {
      const auto& o = p.options;
      ordered_json j = ordered_json::object();
      j["Type"] = o.type;
      if (!o.description.empty()) j["Description"] = o.description;
      if (!o.default_value.is_null()) j["Default"] = to_nlohmann(o.default_value);
      if (!o.allowed_values.empty()) j["AllowedValues"] = o.allowed_values;
      if (!o.allowed_pattern.empty()) j["AllowedPattern"] = o.allowed_pattern;
      if (!o.constraint_description.empty()) j["ConstraintDescription"] = o.constraint_description;
      if (o.min_length) j["MinLength"] = *o.min_length;
      if (o.max_length) j["MaxLength"] = *o.max_length;
      if (o.min_value) j["MinValue"] = *o.min_value;
      if (o.max_value) j["MaxValue"] = *o.max_value;
      if (o.no_echo) j["NoEcho"] = true;
      params[p.name()] = std::move(j);
    }
    out["Parameters"] = std::move(params);
  }
  if (!mappings_.empty()) out["Mappings"] = to_nlohmann(Json::object(mappings_));
  if (!conditions_.empty()) {
    ordered_json conds = ordered_json::object();
    for (const auto& [name, cond] : conditions_) conds[name] = to_nlohmann(cond.json());
    out["Conditions"] = std::move(conds);
  }
  ordered_json resources = ordered_json::object();
  for (const auto& r : resources_) {
    ordered_json j = ordered_json::object();
    j["Type"] = std::string(r->type());
    const auto& o = r->options();
    if (!o.condition.empty()) j["Condition"] = o.condition;
    if (!o.depends_on.empty()) {
      ordered_json deps = ordered_json::array();
      for (const auto& d : o.depends_on) deps.push_back(d.logical_id);
      j["DependsOn"] = std::move(deps);
    }
    Json props = r->properties();
    if (props.size() > 0) j["Properties"] = to_nlohmann(props);
    if (o.deletion_policy) j["DeletionPolicy"] = std::string(to_string(*o.deletion_policy));
    if (o.update_replace_policy) j["UpdateReplacePolicy"] = std::string(to_string(*o.update_replace_policy));
    if (!o.metadata.is_null()) j["Metadata"] = to_nlohmann(o.metadata);
    resources[r->logical_id()] = std::move(j);
  }
  out["Resources"] = std::move(resources);
  if (!outputs_.empty()) {
    ordered_json outs = ordered_json::object();
    for (const auto& o : outputs_) {
      ordered_json j = ordered_json::object();
      if (!o.options.description.empty()) j["Description"] = o.options.description;
      if (!o.options.condition.empty()) j["Condition"] = o.options.condition;
      j["Value"] = to_nlohmann(o.value);
      if (!o.options.export_name.is_null()) j["Export"] = {{"Name", to_nlohmann(o.options.export_name)}};
      outs[o.name] = std::move(j);
    }
    out["Outputs"] = std::move(outs);
  }
  return out;
}

std::string Template::render() const { return dump_template(to_json()); }

}  // namespace hoplite::cfn
