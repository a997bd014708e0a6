#include "pure_checks.hpp"

#include <array>

#include "fake_stack.hpp"
#include "hoplite/cfn/change_set.hpp"
#include "hoplite/cfn/dependency_graph.hpp"
#include "hoplite/cfn/spec_validation.hpp"
#include "json_match.hpp"

namespace hoplite::recorded {

namespace {

using Outcome = Verdict::Outcome;

struct Checker {
  const RecordedCase& c;
  Matcher matcher;
  Verdict verdict;

  void compare(const Json& expected, const Json& actual, const std::string& what) {
    ++verdict.checks;
    std::vector<std::string> problems;
    if (matcher.match(expected, actual, problems)) return;
    verdict.outcome = Outcome::fail;
    for (const auto& p : problems) verdict.notes.push_back(what + ": " + p);
  }
  void failed(const std::string& what) {
    ++verdict.checks;
    verdict.outcome = Outcome::fail;
    verdict.notes.push_back(what);
  }
  void skip(const std::string& why) { verdict.notes.push_back("skipped: " + why); }
};

std::vector<cfn::GivenParameter> given_from_dict(const Json& d) {
  std::vector<cfn::GivenParameter> out;
  if (!d.is_object()) return out;
  for (const auto& [k, v] : d.items()) out.push_back({k, v.is_string() ? v.get<std::string>() : v.dump(), false});
  return out;
}

std::vector<cfn::GivenParameter> given_from_list(const Json& l) {
  std::vector<cfn::GivenParameter> out;
  if (!l.is_array()) return out;
  for (const auto& p : l) {
    cfn::GivenParameter g;
    g.key = p.value("ParameterKey", "");
    g.value =
        p.contains("ParameterValue") && p["ParameterValue"].is_string() ? p["ParameterValue"].get<std::string>() : "";
    g.use_previous_value = p.value("UsePreviousValue", false);
    out.push_back(std::move(g));
  }
  return out;
}

// A template as a step names it: "templates/x.json", {"template_file": ...} or the literal body.
std::optional<std::string> template_of(const RecordedCase& c, const Json& spec, bool literal_allowed) {
  if (spec.is_object() && spec.contains("template_file"))
    return c.template_text(spec["template_file"].get<std::string>());
  if (!spec.is_string()) return std::nullopt;
  if (auto t = c.template_text(spec.get<std::string>())) return t;
  if (literal_allowed) return spec.get<std::string>();
  return std::nullopt;
}

// AWS put "Replacement": "True" on Add changes (with property values) until mid-May 2025: the
// recordings up to 2025-05-05 have it, those from 2025-05-19 on do not.
bool recorded_before_may_2025(const RecordedCase& c) {
  std::string date = c.meta.contains("source") ? c.meta["source"].value("recorded_date", "") : "";
  if (date.size() < 10) return false;  // "DD-MM-YYYY, HH:MM:SS"
  std::string ymd = date.substr(6, 4) + date.substr(3, 2) + date.substr(0, 2);
  return ymd < "20250519";
}

Json parameters_json(const std::vector<cfn::ParameterValue>& params) {
  Json out = Json::array();
  for (const auto& p : params) {
    Json row = {{"ParameterKey", p.key}, {"ParameterValue", p.shown_value()}};
    if (p.resolved_value) row["ResolvedValue"] = p.no_echo ? std::string("****") : *p.resolved_value;
    out.push_back(std::move(row));
  }
  return out;
}

void check_change_set(Checker& k, const std::string& name, const cfn::ChangeSetInput& input,
                      const std::vector<cfn::ParameterValue>& params) {
  for (bool values : {true, false}) {
    std::string key = "describe-change-set-" + name + (values ? "-prop-values" : "");
    if (!k.c.responses.contains(key)) continue;
    const Json& expected = k.c.responses[key];
    cfn::ChangeSetOptions options{values, values && recorded_before_may_2025(k.c)};
    auto changes = cfn::compute_changes(input, options);
    if (!changes) {
      k.failed(key + ": compute_changes failed: " + changes.error().message);
      continue;
    }
    if (expected.contains("Changes"))
      k.compare(expected["Changes"], cfn::changes_to_json(changes->changes, values), key);
    bool no_changes = expected.value("Status", "") == "FAILED" &&
                      expected.value("StatusReason", "") == std::string(cfn::kNoChangesReason);
    if (no_changes == changes->has_changes()) {
      k.failed(key + ": expected " + (no_changes ? "no changes" : "changes") + ", computed the opposite");
    }
    if (values && expected.contains("StatusReason") && !no_changes) {
      k.compare(expected["StatusReason"], changes->status_reason, key + ".StatusReason");
    }
    if (expected.contains("Parameters"))
      k.compare(expected["Parameters"], parameters_json(params), key + ".Parameters");
  }
}

void check_capture(Checker& k, const Json& step) {
  auto t1 = template_of(k.c, step.value("template_1", Json()), false);
  auto t2 = template_of(k.c, step.value("template_2", step.value("template_1", Json())), false);
  if (!t1 || !t2) return k.failed("templates not found");
  cfn::StackContext context = recorded_context();
  FakeStack stack(context);
  auto doc1 = cfn::read_template(*t1);
  if (!doc1) return k.failed("template_1: " + doc1.error().message);
  if (auto ok = cfn::check_template(*doc1); !ok) return k.failed("template_1: " + ok.error().message);
  auto p1 = cfn::bind_parameters(*doc1, given_from_dict(step.value("parameters_1", Json())), {}, &stack);
  if (!p1) return k.failed("parameters_1: " + p1.error().message);
  cfn::ChangeSetInput create{nullptr, {}, &*doc1, *p1, context, &stack};
  check_change_set(k, "1", create, *p1);

  if (auto deployed = stack.deploy(*doc1, *p1); !deployed)
    return k.failed("deploying template_1: " + deployed.error().message);
  auto doc2 = cfn::read_template(*t2);
  if (!doc2) return k.failed("template_2: " + doc2.error().message);
  if (auto ok = cfn::check_template(*doc2); !ok) return k.failed("template_2: " + ok.error().message);
  auto p2 = cfn::bind_parameters(*doc2, given_from_dict(step.value("parameters_2", Json())), *p1, &stack);
  if (!p2) return k.failed("parameters_2: " + p2.error().message);
  cfn::ChangeSetInput update{&*doc1, *p1, &*doc2, *p2, context, &stack};
  check_change_set(k, "2", update, *p2);
}

// The errors the cfn module produces without an engine.
bool template_level(const std::string& m) {
  static constexpr std::array<std::string_view, 14> kPrefixes = {
      "Template format error:",
      "Template error:",
      "Unresolved resource dependencies",
      "[/",
      "Parameters: [",
      "Parameter '",
      "Invalid template resource property",
      "Key Name of transform",
      "Property validation failure",
      "[Error] /",
      "1 validation error detected: Value at 'templateBody'",
      "Invalid input for parameter key",
      "Parameter ",
      "1 validation error detected: Value '' at 'templateBody'"};
  if (m.starts_with("Parameter validation failed")) return false;  // botocore's own client-side check
  for (std::string_view p : kPrefixes) {
    if (m.starts_with(p)) return true;
  }
  return false;
}

std::optional<std::string> recorded_message(const Json& r) {
  if (r.is_string()) {
    std::string s = r.get<std::string>();
    auto at = s.find(" operation: ");
    return at == std::string::npos ? s : s.substr(at + 12);
  }
  if (!r.is_object()) return std::nullopt;
  if (r.contains("Error") && r["Error"].contains("Message")) return r["Error"]["Message"].get<std::string>();
  if (r.contains("ResourceStatusReason")) return r["ResourceStatusReason"].get<std::string>();
  if (r.contains("events") && r["events"].is_array()) {
    for (const auto& e : r["events"]) {
      std::string status = e.value("ResourceStatus", "");
      std::string reason = e.value("ResourceStatusReason", "");
      if ((status.ends_with("_FAILED") || status == "ROLLBACK_IN_PROGRESS") && !reason.empty()) {
        const std::string suffix = " Rollback requested by user.";
        if (reason.ends_with(suffix)) reason.resize(reason.size() - suffix.size());
        return reason;
      }
    }
  }
  return std::nullopt;
}

// What CreateChangeSet (and then ExecuteChangeSet, before any provider runs) reports first.
std::string pipeline_error(const std::string& text, const std::vector<cfn::GivenParameter>& given, bool validate_only) {
  auto doc = cfn::read_template(text);
  if (!doc) return doc.error().message;
  if (auto ok = cfn::check_template(*doc); !ok) return ok.error().message;
  if (validate_only) return {};
  PreviewResolver preview;
  auto params = cfn::bind_parameters(*doc, given, {}, &preview);
  if (!params) return params.error().message;
  cfn::StackContext context = recorded_context();
  cfn::Evaluator eval(*doc, context, *params, preview);
  if (auto ok = eval.evaluate_conditions(); !ok) return ok.error().message;
  if (auto ok = cfn::check_active_references(*doc, eval); !ok) return ok.error().message;
  auto graph = cfn::build_dependency_graph(*doc, &eval);
  if (!graph) return graph.error().message;
  std::vector<std::pair<const cfn::TemplateResource*, cfn::TemplateValue>> evaluated;
  for (const auto& wave : graph->creation_waves()) {
    for (const auto& id : wave) {
      const cfn::TemplateResource* r = doc->find_resource(id);
      auto props = eval.properties(*r);
      if (!props) return props.error().message;
      evaluated.emplace_back(r, std::move(*props));
    }
  }
  if (auto outputs = eval.outputs(); !outputs) return outputs.error().message;
  // ExecuteChangeSet: attributes first (the stack rolls back before creating anything), then each
  // resource's properties as its provider starts.
  if (auto ok = cfn::check_attributes(*doc); !ok) return ok.error().message;
  for (const auto& [r, props] : evaluated) {
    if (!cfn::is_supported_resource_type(r->type)) continue;
    if (auto ok = cfn::validate_properties(r->type, props); !ok) return ok.error().message;
  }
  return {};
}

void check_first_error(Checker& k) {
  const Json& steps = k.c.steps();
  for (std::size_t i = 0; i < steps.size(); ++i) {
    const Json& step = steps[i];
    std::string action = step.value("action", "");
    if (action != "api" && action != "deploy") continue;
    if (!step.value("expect_error", false)) return k.skip("the first call succeeds; the rest needs the engine");
    std::optional<std::string> text;
    std::vector<cfn::GivenParameter> given;
    bool validate_only = false;
    if (action == "deploy") {
      text = template_of(k.c, step.value("template_file", Json()), false);
      given = given_from_dict(step.value("parameters", Json()));
    } else {
      std::string call = step.value("call", "");
      if (call != "cloudformation.create_change_set" && call != "cloudformation.create_stack" &&
          call != "cloudformation.validate_template") {
        return k.skip("first call " + call + " needs the engine");
      }
      const Json& kwargs = step["kwargs"];
      if (!kwargs.contains("TemplateBody")) return k.skip("no TemplateBody (TemplateURL needs S3)");
      text = template_of(k.c, kwargs["TemplateBody"], true);
      given = given_from_list(kwargs.value("Parameters", Json()));
      validate_only = call == "cloudformation.validate_template";
    }
    if (!text) return k.failed("template not found");
    std::optional<std::string> expected;
    for (std::size_t j = i + 1; j < steps.size() && !expected; ++j) {
      if (steps[j].value("action", "") == "snapshot" && k.c.responses.contains(steps[j].value("key", ""))) {
        expected = recorded_message(k.c.responses[steps[j]["key"].get<std::string>()]);
      }
    }
    if (!expected) return k.skip("no recorded error message");
    if (!template_level(*expected)) return k.skip("error needs the engine: " + *expected);
    std::string ours = pipeline_error(*text, given, validate_only);
    ++k.verdict.checks;
    if (!k.matcher.match_text(*expected, ours)) {
      k.verdict.outcome = Outcome::fail;
      k.verdict.notes.push_back("expected error \"" + *expected + "\", got \"" + ours + "\"");
    }
    return;
  }
  k.skip("no CloudFormation call");
}

}  // namespace

Verdict run_pure_checks(const RecordedCase& c) {
  Checker k{c, {}, {}};
  for (const auto& key : c.normalised_keys()) k.matcher.any_value_keys.insert(key);
  for (const auto& type : c.resource_types()) {
    if (!cfn::is_supported_resource_type(type)) {
      k.skip("resource type " + type + " is outside the spec subset");
      return k.verdict;
    }
  }
  bool captured = false;
  for (const auto& step : c.steps()) {
    if (step.value("action", "") == "capture_update_process") {
      check_capture(k, step);
      captured = true;
      break;
    }
  }
  if (!captured) check_first_error(k);
  if (k.verdict.outcome != Outcome::fail) k.verdict.outcome = k.verdict.checks > 0 ? Outcome::pass : Outcome::skip;
  return k.verdict;
}

}  // namespace hoplite::recorded
