#include "local/cloudformation/template_prep.hpp"

#include <set>

#include "hoplite/cfn/spec_validation.hpp"
#include "local/service.hpp"

namespace hoplite::local::cloudformation {
namespace {

/// IAM resource types and the properties that name them (which need CAPABILITY_NAMED_IAM).
struct IamType {
  std::string_view type;
  std::string_view name_property;
};
constexpr IamType kIamTypes[] = {
    {"AWS::IAM::Role", "RoleName"},
    {"AWS::IAM::Policy", ""},
    {"AWS::IAM::ManagedPolicy", "ManagedPolicyName"},
    {"AWS::IAM::User", "UserName"},
    {"AWS::IAM::Group", "GroupName"},
    {"AWS::IAM::InstanceProfile", "InstanceProfileName"},
    {"AWS::IAM::AccessKey", ""},
};

}  // namespace

core::Result<PreparedTemplate> prepare_template(const std::string& body,
                                                const std::vector<aws::cloudformation::Parameter>& given,
                                                const std::vector<cfn::ParameterValue>& previous,
                                                const cfn::StackContext& context, cfn::Resolver& resolver) {
  auto doc = cfn::read_template(body);
  if (!doc) return doc.failure();
  if (auto ok = cfn::check_template(*doc); !ok) return ok.failure();
  if (auto ok = cfn::check_resource_types(*doc); !ok) return ok.failure();
  std::vector<cfn::GivenParameter> in;
  for (const auto& p : given)
    in.push_back({.key = p.key, .value = p.value, .use_previous_value = p.use_previous_value});
  auto params = cfn::bind_parameters(*doc, in, previous, &resolver);
  if (!params) return params.failure();
  PreparedTemplate out{.doc = std::move(*doc), .parameters = std::move(*params)};
  cfn::Evaluator eval(out.doc, context, out.parameters, resolver);
  if (auto ok = eval.evaluate_conditions(); !ok) return ok.failure();
  if (auto ok = cfn::check_active_references(out.doc, eval); !ok) return ok.failure();
  for (const auto& r : out.doc.resources) {
    if (!eval.active(r)) continue;
    if (auto p = eval.properties(r); !p) return p.failure();
  }
  if (auto o = eval.outputs(); !o) return o.failure();
  return out;
}

NeededCapabilities needed_capabilities(const cfn::TemplateDocument& doc) {
  NeededCapabilities out;
  std::set<std::string> ids;
  bool named = false;
  for (const auto& r : doc.resources) {
    for (const auto& t : kIamTypes) {
      if (r.type != t.type) continue;
      ids.insert(r.logical_id);
      if (!t.name_property.empty() && r.properties.is_object() && r.properties.contains(std::string(t.name_property)))
        named = true;
    }
  }
  if (ids.empty()) return out;
  out.capabilities.push_back(named ? "CAPABILITY_NAMED_IAM" : "CAPABILITY_IAM");
  out.reason = "The following resource(s) require capabilities: [";
  std::set<std::string> types;
  for (const auto& r : doc.resources)
    if (ids.contains(r.logical_id)) types.insert(r.type);
  bool first = true;
  for (const auto& t : types) {
    out.reason += (first ? "" : ", ") + t;
    first = false;
  }
  out.reason += "]";
  return out;
}

std::vector<std::string> kept_capabilities(const cfn::TemplateDocument& /*doc*/,
                                           const std::vector<std::string>& given) {
  // AWS keeps what the caller acknowledged, in its order, whether the template needs it or not
  // (recorded: a stack of SSM parameters created with all three shows all three).
  return given;
}

core::Result<void> check_capabilities(const cfn::TemplateDocument& doc, const std::vector<std::string>& capabilities) {
  auto needed = needed_capabilities(doc);
  if (needed.capabilities.empty()) return core::ok();
  auto has = [&](std::string_view c) {
    for (const auto& x : capabilities)
      if (x == c) return true;
    return false;
  };
  const std::string& want = needed.capabilities.front();
  if (has("CAPABILITY_NAMED_IAM") || (want == "CAPABILITY_IAM" && has("CAPABILITY_IAM"))) return core::ok();
  return aws_error("InsufficientCapabilitiesException", "Requires capabilities : [" + want + "]");
}

nlohmann::json parameters_to_json(const std::vector<cfn::ParameterValue>& params) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& p : params) {
    nlohmann::json j = {{"key", p.key},
                        {"type", p.type},
                        {"value", p.value},
                        {"resolved", nlohmann::json::parse(p.resolved.dump())},
                        {"no_echo", p.no_echo}};
    if (p.resolved_value) j["resolved_value"] = *p.resolved_value;
    out.push_back(std::move(j));
  }
  return out;
}

std::vector<cfn::ParameterValue> parameters_from_json(const nlohmann::json& j) {
  std::vector<cfn::ParameterValue> out;
  if (!j.is_array()) return out;
  for (const auto& p : j) {
    cfn::ParameterValue v;
    v.key = p.value("key", "");
    v.type = p.value("type", "");
    v.value = p.value("value", "");
    v.resolved = cfn::TemplateValue::parse(p.value("resolved", nlohmann::json()).dump());
    v.no_echo = p.value("no_echo", false);
    if (p.contains("resolved_value")) v.resolved_value = p["resolved_value"].get<std::string>();
    out.push_back(std::move(v));
  }
  return out;
}

std::vector<aws::cloudformation::Parameter> shown_parameters(const nlohmann::json& j) {
  std::vector<aws::cloudformation::Parameter> out;
  for (const auto& p : parameters_from_json(j))
    out.push_back(
        {.key = p.key,
         .value = p.shown_value(),
         .use_previous_value = false,
         .resolved_value = p.resolved_value && p.no_echo ? std::optional<std::string>("****") : p.resolved_value});
  return out;
}

std::string template_json_text(const cfn::TemplateValue& body) { return body.dump(); }

core::Result<void> check_rollback_triggers(const std::vector<aws::cloudformation::RollbackTrigger>& triggers) {
  for (const auto& t : triggers) {
    if (t.type != "AWS::CloudWatch::Alarm") return aws_error("ValidationError", "Rollback Trigger Type not supported");
    // arn:<partition>:cloudwatch:<region>:<account>:<relative id>, the relative id `alarm:<name>`
    // (recorded: cfn-update_stack-update_with_invalid_rollback_configuration_errors).
    std::size_t at = 0;
    for (int colons = 0; colons < 5 && at != std::string::npos; ++colons) {
      at = t.arn.find(':', at);
      if (at != std::string::npos) ++at;
    }
    std::string relative = at == std::string::npos ? "" : t.arn.substr(at);
    if (!t.arn.starts_with("arn:") || !relative.starts_with("alarm:") || relative.size() == 6)
      return aws_error("ValidationError", "RelativeId of a Rollback Trigger's ARN is incorrect");
  }
  return core::ok();
}

core::Result<void> check_resource_types(const cfn::TemplateDocument& doc, const std::vector<std::string>& allowed) {
  if (allowed.empty()) return core::ok();
  auto permitted = [&](const std::string& type) {
    for (const auto& a : allowed) {
      if (a == type) return true;
      if (a.ends_with("::*") && type.starts_with(std::string_view(a).substr(0, a.size() - 1))) return true;
    }
    return false;
  };
  for (const auto& r : doc.resources) {
    if (permitted(r.type)) continue;
    std::string list;
    for (const auto& a : allowed) list += (list.empty() ? "" : ", ") + a;
    return aws_error("ValidationError",
                     "Resource type " + r.type + " is not allowed by parameter ResourceTypes [" + list + "]");
  }
  return core::ok();
}

}  // namespace hoplite::local::cloudformation
