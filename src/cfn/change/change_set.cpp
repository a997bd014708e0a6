// compute_changes: evaluates the deployed and the submitted template and compares them resource
// by resource, in the submitted template's dependency order, so that whether a resource is
// replaced is known before the resources that reference it are compared.

#include "hoplite/cfn/change_set.hpp"

#include <algorithm>
#include <map>

#include "cfn/change/details.hpp"
#include "cfn/eval/functions.hpp"
#include "hoplite/cfn/dependency_graph.hpp"

namespace hoplite::cfn {

namespace {

using detail::ResourceState;

// Delegates everything but resources, which it does not know.
class DelegatingResolver : public Resolver {
 public:
  explicit DelegatingResolver(Resolver* base) : base_(base) {}
  core::Result<std::string> import_value(const std::string& name) override {
    if (base_ == nullptr) return core::fail(validation_error("No export named " + name + " found."));
    return base_->import_value(name);
  }
  std::vector<std::string> availability_zones(const std::string& region) override {
    return base_ == nullptr ? std::vector<std::string>{} : base_->availability_zones(region);
  }
  core::Result<std::string> ssm_parameter(const std::string& name) override {
    if (base_ == nullptr)
      return core::fail(
          validation_error("Unable to fetch parameters [" + name + "] from parameter store for this account."));
    return base_->ssm_parameter(name);
  }

 protected:
  Resolver* base_;
};

// Every resource is unknown: what AWS shows in a removed resource's BeforeContext.
class UnknownResources final : public DelegatingResolver {
 public:
  using DelegatingResolver::DelegatingResolver;
  core::Result<TemplateValue> resource_ref(const TemplateResource&) override { return detail::unknown_value(); }
  core::Result<TemplateValue> resource_attribute(const TemplateResource&, const std::string&) override {
    return detail::unknown_value();
  }
};

// The submitted template's view: a resource that is added or replaced is not known yet; one that
// stays is read from the deployed stack (in classic mode an attribute of a modified resource is
// not known either). A missing export becomes unknown plus a warning, as AWS does.
class AfterResolver final : public DelegatingResolver {
 public:
  AfterResolver(Resolver* deployed, const TemplateDocument* before, const std::map<std::string, ResourceState>& states,
                bool classic)
      : DelegatingResolver(deployed), before_(before), states_(states), classic_(classic) {}

  core::Result<TemplateValue> resource_ref(const TemplateResource& r) override {
    const TemplateResource* deployed = deployed_resource(r.logical_id);
    ResourceState s = state(r.logical_id);
    if (deployed == nullptr || s == ResourceState::added || s == ResourceState::replaced ||
        s == ResourceState::conditionally_replaced) {
      return detail::unknown_value();
    }
    return base_->resource_ref(*deployed);
  }
  core::Result<TemplateValue> resource_attribute(const TemplateResource& r, const std::string& attribute) override {
    const TemplateResource* deployed = deployed_resource(r.logical_id);
    ResourceState s = state(r.logical_id);
    if (deployed == nullptr || s == ResourceState::added || s == ResourceState::replaced ||
        s == ResourceState::conditionally_replaced || (classic_ && s == ResourceState::modified)) {
      return detail::unknown_value();
    }
    return base_->resource_attribute(*deployed, attribute);
  }
  core::Result<std::string> import_value(const std::string& name) override {
    auto v = DelegatingResolver::import_value(name);
    if (v) return v;
    if (warning.empty()) {
      warning = "No export named " + name;
      warning_resource = current_resource;
    }
    return std::string(kKnownAfterApply);
  }

  std::string current_resource;  ///< the resource being evaluated (named in the warning)
  std::string warning;
  std::string warning_resource;

 private:
  [[nodiscard]] ResourceState state(const std::string& id) const {
    auto it = states_.find(id);
    return it == states_.end() ? ResourceState::added : it->second;
  }
  [[nodiscard]] const TemplateResource* deployed_resource(const std::string& id) const {
    return before_ == nullptr ? nullptr : before_->find_resource(id);
  }
  const TemplateDocument* before_;
  const std::map<std::string, ResourceState>& states_;
  bool classic_;
};

std::string text_of(const TemplateValue& v) { return v.is_string() ? v.get<std::string>() : v.dump(); }

std::string policy(const TemplateValue& v) { return v.is_string() ? v.get<std::string>() : "Delete"; }

std::string deletion_action(const TemplateValue& deletion_policy) {
  std::string p = policy(deletion_policy);
  if (p == "Retain" || p == "RetainExceptOnCreate") return "Retain";
  return p == "Snapshot" ? "Snapshot" : "Delete";
}

std::string replace_action(const TemplateValue& update_replace_policy) {
  std::string p = policy(update_replace_policy);
  if (p == "Retain") return "ReplaceAndRetain";
  return p == "Snapshot" ? "ReplaceAndSnapshot" : "ReplaceAndDelete";
}

bool same_outputs(const std::vector<EvaluatedOutput>& a, const std::vector<EvaluatedOutput>& b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (a[i].key != b[i].key || a[i].value != b[i].value || a[i].description != b[i].description ||
        a[i].export_name != b[i].export_name || is_known_after_apply(b[i].value)) {
      return false;
    }
  }
  return true;
}

}  // namespace

core::Result<ChangeSetResult> compute_changes(const ChangeSetInput& in, const ChangeSetOptions& options) {
  if (in.after == nullptr) return validation_failure("compute_changes: no template to compare");
  if (in.before != nullptr && in.deployed == nullptr)
    return validation_failure("compute_changes: no resolver for the deployed stack");
  const TemplateDocument& after = *in.after;
  const bool classic = !options.include_property_values;

  std::map<std::string, ResourceState> states;
  AfterResolver after_resolver(in.deployed, in.before, states, classic);
  Evaluator after_eval(after, in.context, in.after_parameters, after_resolver);
  if (auto c = after_eval.evaluate_conditions(); !c) return c.failure();

  std::unique_ptr<Evaluator> before_eval;
  if (in.before != nullptr) {
    before_eval = std::make_unique<Evaluator>(*in.before, in.context, in.before_parameters, *in.deployed);
    if (auto c = before_eval->evaluate_conditions(); !c) return c.failure();
  }
  auto deployed = [&](const std::string& id) -> const TemplateResource* {
    if (before_eval == nullptr) return nullptr;
    const TemplateResource* r = in.before->find_resource(id);
    return r != nullptr && before_eval->active(*r) ? r : nullptr;
  };

  std::vector<std::string> retyped;
  for (const TemplateResource& r : after.resources) {
    const TemplateResource* old = deployed(r.logical_id);
    if (old != nullptr && after_eval.active(r) && old->type != r.type) retyped.push_back(r.logical_id);
  }
  if (!retyped.empty()) {
    std::string list;
    for (const auto& id : retyped) list += (list.empty() ? "" : ", ") + id;
    return validation_failure(
        "Update of resource type is not permitted. The new template modifies resource type of the following "
        "resources: [" +
        list + "]");
  }

  auto graph = build_dependency_graph(after, &after_eval);
  if (!graph) return graph.failure();
  detail::ParameterChanges changed_parameters(in.before_parameters, in.after_parameters, in.before != nullptr);

  ChangeSetResult result;
  for (const auto& wave : graph->creation_waves()) {
    for (const std::string& id : wave) {
      const TemplateResource& r = *after.find_resource(id);
      const TemplateResource* old = deployed(id);
      after_resolver.current_resource = id;
      ResourceChange change;
      change.logical_id = id;
      change.resource_type = r.type;
      if (old == nullptr) {
        states[id] = ResourceState::added;
        change.action = "Add";
        auto props = after_eval.properties(r);
        if (!props) return props.failure();
        if (options.include_property_values) {
          change.after_context = TemplateValue::object({{"Properties", *props}});
          if (options.replacement_on_add) change.replacement = "True";
        }
        result.changes.push_back(std::move(change));
        continue;
      }
      auto before_props = before_eval->properties(*old);
      if (!before_props) return before_props.failure();
      detail::ResourceComparison cmp{r, *old, *before_props, after_eval, states, changed_parameters, classic};
      auto compared = detail::compare_resource(cmp);
      if (!compared) return compared.failure();
      states[id] = compared->state;
      if (compared->details.empty()) continue;
      auto physical = in.deployed->resource_ref(*old);
      if (!physical) return physical.failure();
      change.action = "Modify";
      change.physical_id = text_of(*physical);
      change.details = std::move(compared->details);
      change.scope = std::move(compared->scope);
      change.replacement = compared->replacement;
      if (change.replacement != "False") change.policy_action = replace_action(r.update_replace_policy);
      if (options.include_property_values) {
        change.before_context = TemplateValue::object({{"Properties", *before_props}});
        change.after_context = TemplateValue::object({{"Properties", compared->after_properties}});
      }
      result.changes.push_back(std::move(change));
    }
  }

  if (in.before != nullptr) {
    UnknownResources unknown(in.deployed);
    Evaluator removed_eval(*in.before, in.context, in.before_parameters, unknown);
    if (auto c = removed_eval.evaluate_conditions(); !c) return c.failure();
    for (const TemplateResource& old : in.before->resources) {
      if (!before_eval->active(old)) continue;
      const TemplateResource* now = after.find_resource(old.logical_id);
      if (now != nullptr && after_eval.active(*now)) continue;
      auto physical = in.deployed->resource_ref(old);
      if (!physical) return physical.failure();
      ResourceChange change;
      change.action = "Remove";
      change.logical_id = old.logical_id;
      change.physical_id = text_of(*physical);
      change.resource_type = old.type;
      change.policy_action = deletion_action(old.deletion_policy);
      if (options.include_property_values) {
        auto props = removed_eval.properties(old);
        if (!props) return props.failure();
        change.before_context = TemplateValue::object({{"Properties", *props}});
      }
      result.changes.push_back(std::move(change));
    }
  }
  std::sort(result.changes.begin(), result.changes.end(),
            [](const ResourceChange& a, const ResourceChange& b) { return a.logical_id < b.logical_id; });

  after_resolver.current_resource.clear();
  auto after_outputs = after_eval.outputs();
  if (!after_outputs) return after_outputs.failure();
  if (before_eval != nullptr) {
    auto before_outputs = before_eval->outputs();
    if (!before_outputs) return before_outputs.failure();
    result.outputs_changed = !same_outputs(*before_outputs, *after_outputs);
  } else {
    result.outputs_changed = !after_outputs->empty();
  }
  if (options.include_property_values && !after_resolver.warning.empty()) {
    result.status_reason =
        "[WARN] --include-property-values option can return incomplete ChangeSet data because: ChangeSet creation "
        "failed for resource [" +
        after_resolver.warning_resource + "] because: " + after_resolver.warning;
  }
  return result;
}

}  // namespace hoplite::cfn
