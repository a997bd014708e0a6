#include "describe/permissions.hpp"

#include <algorithm>
#include <set>

#include <fmt/format.h>

#include "hoplite/core/ascii.hpp"

namespace hoplite::describe {
namespace {

using IdSet = std::set<std::string, std::less<>>;

void add_unique(std::vector<std::string>& list, std::string s) {
  if (std::find(list.begin(), list.end(), s) == list.end()) list.push_back(std::move(s));
}

/// A string or a list of strings, as IAM allows for Action, Resource and Principal values.
std::vector<Json> as_list(const Json& v) {
  if (v.is_array()) return {v.begin(), v.end()};
  if (v.is_null()) return {};
  return {v};
}

const Json& properties(const Resource& r) {
  static const Json kEmpty = Json::object();
  auto it = r.definition.find("Properties");
  return it != r.definition.end() && it->is_object() ? *it : kEmpty;
}

std::vector<StatementInfo> statements_of(const Json& document, const std::string& policy) {
  std::vector<StatementInfo> out;
  if (!document.is_object() || !document.contains("Statement")) return out;
  for (const Json& st : as_list(document["Statement"])) {
    if (!st.is_object()) continue;
    StatementInfo info;
    info.policy = policy;
    info.effect = str_or(st, "Effect", "?");
    for (const char* key : {"Action", "NotAction"}) {
      if (!st.contains(key)) continue;
      for (const Json& a : as_list(st[key]))
        if (a.is_string()) info.actions.push_back((key[0] == 'N' ? "not " : "") + a.get<std::string>());
    }
    for (const char* key : {"Resource", "NotResource"})
      if (st.contains(key)) info.resources = as_list(st[key]);
    if (st.contains("Condition")) info.condition = st["Condition"];
    out.push_back(std::move(info));
  }
  return out;
}

/// Everything a state reaches: what it names, and what those resources name in turn (a task
/// definition's roles and log group).
IdSet reach_of(const TemplateModel& model, const std::vector<Reference>& refs) {
  IdSet reach;
  for (const Reference& r : refs) {
    reach.insert(r.target);
    if (const Resource* res = model.find(r.target)) {
      for (const Reference& inner : res->references)
        if (inner.kind != RefKind::depends_on) reach.insert(inner.target);
    }
  }
  return reach;
}

/// Literal strings in `value` (ARNs written out), for statements that name resources literally.
void literal_strings(const Json& value, IdSet& out) {
  std::vector<const Json*> todo{&value};
  while (!todo.empty()) {
    const Json* v = todo.back();
    todo.pop_back();
    if (v->is_string()) out.insert(v->get<std::string>());
    if (v->is_structured())
      for (const auto& child : *v) todo.push_back(&child);
  }
}

void attribute_machine_statement(const TemplateModel& model, const MachineInfo& m, bool several_machines,
                                 StatementInfo& st) {
  std::set<std::string> services;
  bool pass_role = false;
  for (const std::string& a : st.actions) {
    if (a.starts_with("not ")) continue;
    const auto colon = a.find(':');
    services.insert(core::ascii_lower(a.substr(0, colon)));
    if (core::ascii_lower(a) == "iam:passrole") pass_role = true;
  }
  bool any_resource = st.resources.empty();
  IdSet resource_ids;
  IdSet resource_literals;
  for (const Json& r : st.resources) {
    if (r.is_string() && r.get<std::string>() == "*") any_resource = true;
    if (r.is_string()) resource_literals.insert(r.get<std::string>());
    for (const Reference& ref : collect_references(r)) resource_ids.insert(ref.target);
  }
  const std::string suffix = several_machines ? " of " + m.logical_id : "";
  if (!m.asl) return;
  for (std::size_t i = 0; i < m.asl->states.size(); ++i) {
    const AslState& s = m.asl->states[i];
    if (s.integration.empty()) continue;
    const std::string service =
        s.integration == "activity" ? "states" : core::ascii_lower(s.integration.substr(0, s.integration.find(':')));
    const auto& refs = m.state_references[i];
    bool needed = false;
    if (services.count(service) != 0) {
      bool names_it = any_resource;
      for (const Reference& r : refs) names_it = names_it || resource_ids.count(r.target) != 0;
      if (!names_it && !resource_literals.empty()) {
        IdSet literals;
        literal_strings(s.definition, literals);
        for (const auto& l : resource_literals) names_it = names_it || literals.count(l) != 0;
      }
      needed = names_it;
    }
    if (!needed && pass_role) {
      const IdSet reach = reach_of(model, refs);
      for (const auto& id : resource_ids) needed = needed || reach.count(id) != 0;
    }
    // Step Functions waits for .sync jobs through a managed EventBridge rule in the account.
    if (!needed && services.count("events") != 0 && s.integration.find(".sync") != std::string::npos) needed = true;
    if (needed) add_unique(st.needed_by, fmt::format("state '{}'{}", s.name, suffix));
  }
  if (services.count("logs") != 0 && m.logging)
    add_unique(st.needed_by, "execution logging" + (suffix.empty() ? "" : suffix));
  if (services.count("xray") != 0 && m.tracing) add_unique(st.needed_by, "tracing" + (suffix.empty() ? "" : suffix));
}

}  // namespace

std::vector<RoleInfo> read_roles(const TemplateModel& model, const std::vector<MachineInfo>& machines,
                                 const std::vector<std::string>& task_names) {
  std::vector<RoleInfo> roles;
  for (const Resource& r : model.resources) {
    if (r.type != "AWS::IAM::Role") continue;
    const Json& props = properties(r);
    RoleInfo role;
    role.logical_id = r.logical_id;
    if (props.contains("AssumeRolePolicyDocument")) {
      const Json& doc = props["AssumeRolePolicyDocument"];
      if (doc.is_object() && doc.contains("Statement")) {
        for (const Json& st : as_list(doc["Statement"])) {
          if (!st.is_object() || !st.contains("Principal")) continue;
          const Json& principal = st["Principal"];
          if (principal.is_string()) add_unique(role.trusted, principal.get<std::string>());
          if (!principal.is_object()) continue;
          for (const auto& [kind, who] : principal.items()) {
            for (const Json& w : as_list(who))
              add_unique(role.trusted, w.is_string()
                                           ? w.get<std::string>()
                                           : kind + " " + w.dump(-1, ' ', false, Json::error_handler_t::replace));
          }
        }
      }
    }
    if (props.contains("ManagedPolicyArns")) role.managed_policies = as_list(props["ManagedPolicyArns"]);
    if (props.contains("Policies")) {
      for (const Json& p : as_list(props["Policies"])) {
        if (!p.is_object() || !p.contains("PolicyDocument")) continue;
        auto st = statements_of(p["PolicyDocument"], str_or(p, "PolicyName", "(unnamed)"));
        role.statements.insert(role.statements.end(), st.begin(), st.end());
      }
    }
    roles.push_back(std::move(role));
  }

  auto find_role = [&](const std::string& id) -> RoleInfo* {
    for (RoleInfo& role : roles)
      if (role.logical_id == id) return &role;
    return nullptr;
  };
  auto for_all = [](RoleInfo& role, const std::string& who) {
    for (StatementInfo& st : role.statements) add_unique(st.needed_by, who);
  };

  for (const Resource& r : model.resources) {
    const Json& props = properties(r);
    if (r.type == "AWS::IAM::Policy" && props.contains("Roles")) {
      for (const Json& target : as_list(props["Roles"])) {
        if (RoleInfo* role = find_role(referenced_id(target))) {
          auto st = statements_of(props.contains("PolicyDocument") ? props["PolicyDocument"] : Json(), r.logical_id);
          role->statements.insert(role->statements.end(), st.begin(), st.end());
        }
      }
    }
  }
  for (const Resource& r : model.resources) {
    const Json& props = properties(r);
    for (const Reference& ref : r.references) {
      RoleInfo* role = ref.kind == RefKind::depends_on ? nullptr : find_role(ref.target);
      if (role == nullptr) continue;
      std::string field;
      for (const char* key : {"RoleArn", "Role", "Roles", "TaskRoleArn", "ExecutionRoleArn"}) {
        if (!props.contains(key)) continue;
        for (const Reference& inner : collect_references(props[key]))
          if (inner.target == role->logical_id) field = key;
      }
      if (field.empty()) field = r.service == "IAM" ? "named in its policy" : r.short_type;
      add_unique(role->used_by, fmt::format("{} ({})", r.logical_id, field));
    }
    if (r.type == "AWS::ECS::TaskDefinition") {
      if (props.contains("ExecutionRoleArn")) {
        if (RoleInfo* role = find_role(referenced_id(props["ExecutionRoleArn"])))
          for_all(*role, fmt::format("ECS starting {} (image pull, logs)", r.logical_id));
      }
      if (props.contains("TaskRoleArn")) {
        if (RoleInfo* role = find_role(referenced_id(props["TaskRoleArn"]))) {
          bool named = false;
          if (props.contains("ContainerDefinitions")) {
            for (const Json& c : as_list(props["ContainerDefinitions"])) {
              if (!c.is_object() || !c.contains("Command") || !c["Command"].is_array() || c["Command"].empty())
                continue;
              const Json& first = c["Command"][0];
              if (!first.is_string()) continue;
              const std::string cmd = first.get<std::string>();
              if (std::find(task_names.begin(), task_names.end(), cmd) == task_names.end()) continue;
              for_all(*role, fmt::format("task {} ({})", cmd, r.logical_id));
              named = true;
            }
          }
          if (!named) for_all(*role, fmt::format("containers of {}", r.logical_id));
        }
      }
    }
    if (r.type == "AWS::Lambda::Function" && props.contains("Role")) {
      if (RoleInfo* role = find_role(referenced_id(props["Role"])))
        for_all(*role, fmt::format("Lambda function {}", r.logical_id));
    }
  }
  for (const MachineInfo& m : machines) {
    RoleInfo* role = find_role(m.role);
    if (role == nullptr) continue;
    const auto users =
        std::count_if(machines.begin(), machines.end(), [&](const MachineInfo& o) { return o.role == m.role; });
    for (StatementInfo& st : role->statements) attribute_machine_statement(model, m, users > 1, st);
  }
  return roles;
}

}  // namespace hoplite::describe
