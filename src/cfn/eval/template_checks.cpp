// check_template (before parameters) and check_active_references (after conditions).

#include <set>

#include <fmt/format.h>

#include "cfn/eval/references.hpp"
#include "hoplite/cfn/dependency_graph.hpp"
#include "hoplite/cfn/evaluator.hpp"

namespace hoplite::cfn {

namespace {

bool known_function(std::string_view f, bool language_extensions) {
  static constexpr std::string_view kFunctions[] = {
      "Ref",       "Condition",     "Fn::GetAtt", "Fn::Join",        "Fn::Sub", "Fn::Select",
      "Fn::Split", "Fn::GetAZs",    "Fn::If",     "Fn::Equals",      "Fn::Not", "Fn::And",
      "Fn::Or",    "Fn::FindInMap", "Fn::Base64", "Fn::ImportValue", "Fn::Cidr"};
  for (std::string_view k : kFunctions) {
    if (f == k) return true;
  }
  return language_extensions && (f == "Fn::Length" || f == "Fn::ToJsonString");
}

std::string unsupported(std::string_view function) {
  return "Template format error: Encountered unsupported function: " + std::string(function) +
         " Supported functions are: [Fn::Base64, Fn::GetAtt, Fn::GetAZs, Fn::ImportValue, Fn::Join, Fn::Split, "
         "Fn::FindInMap, Fn::Select, Ref, Fn::Equals, Fn::If, Fn::Not, Condition, Fn::And, Fn::Or, Fn::Contains, "
         "Fn::EachMemberEquals, Fn::EachMemberIn, Fn::ValueOf, Fn::ValueOfAll, Fn::RefAll, Fn::Sub, Fn::Cidr]";
}

// What a block (Resources or Outputs) references that does not exist. `refs_ok` decides a Ref name.
struct BlockProblems {
  std::vector<std::string> unresolved;  // Ref / Sub / DependsOn names that exist nowhere
  std::string undefined_get_att;        // first Fn::GetAtt of a resource that does not exist
  std::string undefined_condition;      // first condition used but not declared
  std::string condition_user;           // "Fn::If" or the resource naming it
  std::string unsupported_function;
};

void check_refs(const TemplateDocument& doc, const detail::References& refs, BlockProblems& p,
                std::set<std::string>& seen) {
  auto exists = [&](const std::string& n) {
    return doc.find_parameter(n) != nullptr || doc.find_resource(n) != nullptr || detail::is_pseudo_parameter(n);
  };
  for (const auto& r : refs.refs) {
    if (!exists(r) && seen.insert(r).second) p.unresolved.push_back(r);
  }
  for (const auto& [id, attribute] : refs.attributes) {
    if (doc.find_resource(id) == nullptr && p.undefined_get_att.empty()) p.undefined_get_att = id;
  }
  for (const auto& c : refs.conditions) {
    if (doc.find_condition(c) == nullptr && p.undefined_condition.empty()) {
      p.undefined_condition = c;
      p.condition_user = "Fn::If";
    }
  }
  for (const auto& f : refs.functions) {
    if (!known_function(f, doc.language_extensions()) && p.unsupported_function.empty()) p.unsupported_function = f;
  }
}

}  // namespace

core::Result<void> check_template(const TemplateDocument& doc) {
  // Conditions may use parameters and pseudo parameters only.
  for (const auto& [name, expression] : doc.conditions) {
    detail::References refs;
    detail::collect_references(expression, refs, true);
    for (const auto& f : refs.functions) {
      if (!known_function(f, doc.language_extensions())) return validation_failure(unsupported(f));
    }
    std::vector<std::string> bad;
    for (const auto& r : refs.refs) {
      if (doc.find_parameter(r) == nullptr && !detail::is_pseudo_parameter(r)) bad.push_back(r);
    }
    for (const auto& [id, attribute] : refs.attributes) bad.push_back(id);
    if (!bad.empty()) {
      return validation_failure("Template format error: Unresolved dependencies [" +
                                fmt::to_string(fmt::join(bad, ", ")) +
                                "]. Cannot reference resources in the Conditions block of the template");
    }
  }

  BlockProblems resources;
  std::set<std::string> seen;
  for (const TemplateResource& r : doc.resources) {
    if (!r.condition.empty() && doc.find_condition(r.condition) == nullptr && resources.undefined_condition.empty()) {
      resources.undefined_condition = r.condition;
      resources.condition_user = r.logical_id;
    }
    for (const auto& d : r.depends_on) {
      if (doc.find_resource(d) == nullptr && seen.insert(d).second) resources.unresolved.push_back(d);
    }
    detail::References refs;
    detail::collect_references(r.properties, refs, false);
    for (const TemplateValue* extra : {&r.deletion_policy, &r.update_replace_policy, &r.metadata}) {
      detail::collect_references(*extra, refs, false);
    }
    check_refs(doc, refs, resources, seen);
  }
  if (!resources.unsupported_function.empty()) return validation_failure(unsupported(resources.unsupported_function));
  if (!resources.unresolved.empty()) {
    return validation_failure("Template format error: Unresolved resource dependencies [" +
                              fmt::to_string(fmt::join(resources.unresolved, ", ")) +
                              "] in the Resources block of the template");
  }
  if (!resources.undefined_get_att.empty()) {
    return validation_failure("Template error: instance of Fn::GetAtt references undefined resource " +
                              resources.undefined_get_att);
  }
  if (!resources.undefined_condition.empty()) {
    if (resources.condition_user == "Fn::If") {
      return validation_failure("Template error: unresolved condition dependency " + resources.undefined_condition +
                                " in Fn::If");
    }
    return validation_failure("Template format error: Unresolved condition dependency " +
                              resources.undefined_condition + " in resource " + resources.condition_user);
  }

  BlockProblems outputs;
  seen.clear();
  for (const TemplateOutput& o : doc.outputs) {
    if (!o.condition.empty() && doc.find_condition(o.condition) == nullptr && outputs.undefined_condition.empty()) {
      outputs.undefined_condition = o.condition;
      outputs.condition_user = o.name;
    }
    detail::References refs;
    for (const TemplateValue* v : {&o.value, &o.description, &o.export_name})
      detail::collect_references(*v, refs, false);
    check_refs(doc, refs, outputs, seen);
  }
  if (!outputs.unsupported_function.empty()) return validation_failure(unsupported(outputs.unsupported_function));
  if (!outputs.unresolved.empty()) {
    return validation_failure("Template format error: Unresolved resource dependencies [" +
                              fmt::to_string(fmt::join(outputs.unresolved, ", ")) +
                              "] in the Outputs block of the template");
  }
  if (!outputs.undefined_get_att.empty()) {
    return validation_failure("Template error: instance of Fn::GetAtt references undefined resource " +
                              outputs.undefined_get_att);
  }
  if (!outputs.undefined_condition.empty()) {
    if (outputs.condition_user == "Fn::If") {
      return validation_failure("Template error: unresolved condition dependency " + outputs.undefined_condition +
                                " in Fn::If");
    }
    return validation_failure("Template format error: Unresolved condition dependency " + outputs.undefined_condition +
                              " in output " + outputs.condition_user);
  }

  auto graph = build_dependency_graph(doc);
  if (!graph) return graph.failure();
  return core::ok();
}

core::Result<void> check_active_references(const TemplateDocument& doc, const Evaluator& evaluator) {
  detail::BranchChooser choose = [&evaluator](std::string_view c) -> std::optional<bool> {
    return evaluator.condition(c);
  };
  auto inactive = [&](const std::string& id) {
    const TemplateResource* r = doc.find_resource(id);
    return r != nullptr && !evaluator.active(*r);
  };
  std::vector<std::string> bad;
  std::set<std::string> seen;
  auto note = [&](const std::string& id) {
    if (inactive(id) && seen.insert(id).second) bad.push_back(id);
  };
  for (const TemplateResource& r : doc.resources) {
    if (!evaluator.active(r)) continue;
    for (const auto& d : detail::resource_dependencies(doc, r, &choose)) note(d);
  }
  if (!bad.empty()) {
    return validation_failure("Template format error: Unresolved resource dependencies [" +
                              fmt::to_string(fmt::join(bad, ", ")) + "] in the Resources block of the template");
  }
  for (const TemplateOutput& o : doc.outputs) {
    if (!evaluator.condition(o.condition)) continue;
    detail::References refs;
    for (const TemplateValue* v : {&o.value, &o.export_name}) detail::collect_references(*v, refs, false, &choose);
    for (const auto& r : refs.refs) note(r);
    for (const auto& [id, attribute] : refs.attributes) note(id);
  }
  if (!bad.empty()) {
    return validation_failure("Unresolved resource dependencies [" + fmt::to_string(fmt::join(bad, ", ")) +
                              "] in the Outputs block of the template");
  }
  return core::ok();
}

}  // namespace hoplite::cfn
