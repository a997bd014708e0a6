#include "describe/machines.hpp"

#include <algorithm>

namespace hoplite::describe {
namespace {

/// Every string in `value`, walked without recursion.
std::vector<const std::string*> strings_in(const Json& value) {
  std::vector<const std::string*> out;
  std::vector<const Json*> todo{&value};
  while (!todo.empty()) {
    const Json* v = todo.back();
    todo.pop_back();
    if (v->is_string()) {
      out.push_back(&v->get_ref<const std::string&>());
    } else if (v->is_structured()) {
      for (auto it = v->rbegin(); it != v->rend(); ++it) todo.push_back(&*it);
    }
  }
  return out;
}

std::vector<Reference> references_of_state(const Json& state, const Json& substitutions) {
  std::vector<Reference> out;
  auto add = [&](Reference r) {
    if (std::find(out.begin(), out.end(), r) == out.end()) out.push_back(std::move(r));
  };
  for (const std::string* s : strings_in(state)) {
    for (const SubPlaceholder& p : sub_placeholders(*s)) {
      if (auto it = substitutions.find(p.name); it != substitutions.end()) {
        for (Reference& r : collect_references(*it)) add(std::move(r));
      } else {
        add({p.name, RefKind::sub, p.attribute});
      }
    }
  }
  for (Reference& r : collect_references(state)) add(std::move(r));  // a Definition object's intrinsics
  return out;
}

}  // namespace

std::vector<MachineInfo> read_machines(const TemplateModel& model) {
  std::vector<MachineInfo> out;
  for (const Resource& r : model.resources) {
    if (r.type != "AWS::StepFunctions::StateMachine") continue;
    MachineInfo m;
    m.logical_id = r.logical_id;
    const Json props = r.definition.contains("Properties") ? r.definition["Properties"] : Json::object();
    m.machine_type = str_or(props, "StateMachineType", "STANDARD");
    m.logging = props.is_object() && props.contains("LoggingConfiguration");
    m.tracing = props.is_object() && props.contains("TracingConfiguration") &&
                bool_or(props["TracingConfiguration"], "Enabled", false);
    if (props.is_object() && props.contains("RoleArn")) m.role = referenced_id(props["RoleArn"]);
    if (!m.role.empty() && model.find(m.role) == nullptr) m.role.clear();

    std::optional<Json> definition;
    if (props.is_object() && props.contains("Definition") && props["Definition"].is_object()) {
      definition = props["Definition"];
    } else if (props.is_object() && props.contains("DefinitionString")) {
      const Json& ds = props["DefinitionString"];
      const Json* text = ds.is_string() ? &ds : nullptr;
      if (ds.is_object() && ds.size() == 1 && ds.contains("Fn::Sub")) {
        const Json& sub = ds["Fn::Sub"];
        if (sub.is_string()) text = &sub;
        if (sub.is_array() && sub.size() == 2 && sub[0].is_string()) {
          text = &sub[0];
          if (sub[1].is_object()) m.substitutions = sub[1];
        }
      }
      if (text == nullptr) {
        m.error = "DefinitionString is neither a string nor an Fn::Sub of one";
      } else {
        auto parsed = parse_json(text->get_ref<const std::string&>(), "the definition");
        if (parsed) {
          definition = std::move(*parsed);
        } else {
          m.error = parsed.error().message;
        }
      }
    } else {
      m.error = "the state machine has neither Definition nor DefinitionString";
    }
    if (definition) {
      auto asl = read_asl(*definition);
      if (asl) {
        m.asl = std::move(*asl);
        for (const AslState& s : m.asl->states)
          m.state_references.push_back(references_of_state(s.definition, m.substitutions));
      } else {
        m.error = asl.error().message;
      }
    }
    out.push_back(std::move(m));
  }
  return out;
}

}  // namespace hoplite::describe
