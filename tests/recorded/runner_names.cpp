// The values a recorded case's test named or computed (its `substitutions`), the templates it
// rendered and the fixtures it made: Runner's side of what the steps do not say.
#include "runner.hpp"

#include <cctype>
#include <functional>
#include <map>
#include <optional>
#include <set>

#include "hoplite/cfn/template_reader.hpp"
#include "hoplite/core/ascii.hpp"

namespace hoplite::recorded {

void Runner::name_substitutions() {
  if (!c.meta.contains("substitutions") || !c.meta["substitutions"].is_array()) return;
  for (const auto& s : c.meta["substitutions"]) {
    if (!s.is_object()) continue;
    auto text_of = [&](const char* k) { return s.contains(k) && s[k].is_string() ? s[k].get<std::string>() : ""; };
    std::string text = text_of("text"), from = text_of("set_from");
    const std::string lead = "text of the form '";
    auto at = from.find(lead);
    if (!text.starts_with("<") || at == std::string::npos || names.contains(text)) continue;
    // The first form given ("one of: text of the form 'a-<...>' | ''" names two).
    std::string form = from.substr(at + lead.size());
    form = form.substr(0, form.find('\''));
    if (auto shown = recorded_value(form)) {
      names.emplace(text, *shown);
      continue;
    }
    forms.emplace(text, form);
    std::string value = of_form(form);
    names.emplace(text, value);
    // A test that registered the value's fixed part as its text (`regex(topic_1_name,
    // "topic-1")`) shows it as that part, which the recording then holds as a whole value.
    std::string part = form.substr(0, form.size() - 5);
    while (!part.empty() && (part.back() == '-' || part.back() == '_')) part.pop_back();
    if (form.ends_with("<...>") && form.find("<...>") == form.size() - 5 && !part.empty() &&
        c.responses.dump().find("\"" + part + "\"") != std::string::npos)
      shown_as.emplace(value, part);
  }
  for (const auto& s : c.meta["substitutions"]) {
    if (!s.is_object() || s.value("note", "") != "the snapshot shows this value as the text given") continue;
    auto named = names.find(s.value("text", ""));
    if (named != names.end() && named->first.starts_with("<")) shown_as.emplace(named->second, named->first);
  }
  // Tests that show AWS::URLSuffix register RegexTransformer("amazonaws.com", "url_suffix"),
  // which the extractor does not list in normalised_by_test.
  if (c.responses.dump().find("\"url_suffix\"") != std::string::npos) shown_as.emplace("amazonaws.com", "url_suffix");
}

std::string Runner::title() const {
  std::string checks = c.meta.value("checks", "");
  return checks.substr(0, checks.find(':'));
}

std::string Runner::of_form(const std::string& form) {
  std::string value;
  for (std::size_t i = 0; i < form.size();) {
    if (form.compare(i, 5, "<...>") == 0) {
      value += "r" + std::to_string(++made_values) + "x" + std::to_string(c.id.size() % 97);
      i += 5;
    } else {
      value += form[i++];
    }
  }
  return value;
}

std::map<std::size_t, std::vector<std::string>> Runner::renewals() const {
  std::map<std::size_t, std::vector<std::string>> out;
  const auto& steps = c.steps();
  std::optional<std::size_t> before;
  for (std::size_t i = 0; i < steps.size(); ++i) {
    std::string a = steps[i].value("action", "");
    if (a != "deploy" && a != "deploy (update)") continue;
    auto same = [&](const char* k) { return steps[i].value(k, Json()) == steps[*before].value(k, Json()); };
    Json parameters = steps[i].value("parameters", Json());
    if (a == "deploy (update)" && before && same("template_file") && same("parameters") && same("template_mapping") &&
        parameters.is_object())
      for (const auto& [key, value] : parameters.items())
        if (value.is_string() && forms.contains(value.get<std::string>()))
          out[*before].push_back(value.get<std::string>());
    before = i;
  }
  return out;
}

Json Runner::as_shown(Json v) const {
  if (shown_as.empty()) return v;
  if (v.is_string()) {
    std::string s = v.get<std::string>();
    for (const auto& [value, shown] : shown_as)
      for (auto at = s.find(value); at != std::string::npos; at = s.find(value, at + shown.size()))
        s.replace(at, value.size(), shown);
    return s;
  }
  if (v.is_array() || v.is_object())
    for (auto& x : v) x = as_shown(x);
  return v;
}

std::optional<std::string> Runner::recorded_value(const std::string& form) const {
  auto at = form.find("<...>");
  if (at == std::string::npos || form.find("<...>", at + 5) != std::string::npos) return std::nullopt;
  std::string prefix = form.substr(0, at), suffix = form.substr(at + 5);
  if (prefix.empty()) return std::nullopt;
  const std::string text = c.responses.dump();
  constexpr std::size_t kRandom = 8;
  for (auto p = text.find(prefix); p != std::string::npos; p = text.find(prefix, p + 1)) {
    std::size_t r = p + prefix.size();
    if (r + kRandom > text.size() || text.compare(r + kRandom, suffix.size(), suffix) != 0) continue;
    bool hex = true;
    for (std::size_t i = r; i < r + kRandom; ++i)
      hex = hex && ((text[i] >= '0' && text[i] <= '9') || (text[i] >= 'a' && text[i] <= 'f'));
    if (hex && (r + kRandom + suffix.size() == text.size() ||
                !std::isalnum(static_cast<unsigned char>(text[r + kRandom + suffix.size()])) || !suffix.empty()))
      return prefix + text.substr(r, kRandom) + suffix;
  }
  return std::nullopt;
}

Json Runner::substitute(Json v, const std::string& hint) {
  if (v.is_string()) {
    std::string s = v.get<std::string>();
    if (auto named = names.find(s); named != names.end()) return named->second;
    // A value the extractor could not name: each occurrence was a fresh random one in the test.
    if (s == "<unknown>") return "unknown-" + std::to_string(++unknowns);
    if (s.starts_with("<ChangeSetType.") && s.ends_with(">")) return s.substr(15, s.size() - 16);  // the enum's value
    if (s.starts_with("<") && s.ends_with(".outputs>")) return output_for(hint);
    if (s == "<cloudformation.create_change_set>" && !created.empty()) {
      // The test kept each CreateChangeSet answer and used them in turn: its StackId for a
      // StackName, its Id for a change set.
      bool stack = hint == "StackName";
      std::size_t& at = stack ? stack_cursor : change_set_cursor;
      const Json& a = created[std::min(at++, created.size() - 1)];
      return a.value(stack ? "StackId" : "Id", "");
    }
    if (s == "<cloudformation.create_stack>" && !created_stacks.empty()) return created_stacks.back();
    if (s == "<sqs.get_queue_attributes>") {  // the test kept it: later steps name the same queue
      std::string arn = answered("Attributes", "QueueArn");
      if (!arn.empty()) names.emplace(s, arn);
      return arn;
    }
    if (s.starts_with("<") && s.ends_with(">") && hint.ends_with("Arn")) {
      if (std::string arn = listed_stack_arn(); !arn.empty()) return arn;
    }
    if (s.starts_with("<") && s.ends_with(">")) {
      if (s.find("stack_id") != std::string::npos || s == "<stack-id>") return stack_id;
      if (s.find("stack_name") != std::string::npos || s.find("stack-name") != std::string::npos) return stack_name;
      if (s.find("change_set") != std::string::npos) return change_set_id;
    }
    return v;
  }
  if (v.is_object()) {
    for (auto& [k, x] : v.items()) x = substitute(x, k);
  } else if (v.is_array()) {
    for (auto& x : v) x = substitute(x, hint);
  }
  return v;
}

std::string Runner::output_for(const std::string& hint) const {
  std::string named = core::ascii_lower(hint.ends_with("Prefix") ? hint.substr(0, hint.size() - 6) : hint);
  std::vector<std::string> by_name, by_kind, all;
  for (const auto& o : outputs) {
    std::string v = o.value("OutputValue", "");
    all.push_back(v);
    if (!named.empty() && core::ascii_lower(o.value("OutputKey", "")).starts_with(named)) by_name.push_back(v);
    if ((hint == "QueueUrl" && v.starts_with("https://")) ||
        ((hint.ends_with("Arn") || hint.ends_with("arn")) && v.starts_with("arn:")))
      by_kind.push_back(v);
  }
  const auto& pick = !by_name.empty() ? by_name : !by_kind.empty() ? by_kind : all;
  return pick.empty() ? "" : pick[output_turn % pick.size()];
}

std::string Runner::listed_stack_arn() {
  if (stack_id.empty()) return "";
  Answer r = session.call("cloudformation", "ListStackResources", {{"StackName", stack_id}});
  if (!r.ok || !r.body.contains("StackResourceSummaries")) return "";
  std::set<std::string> made;
  for (const auto& res : r.body["StackResourceSummaries"]) made.insert(res.value("PhysicalResourceId", ""));
  std::string found;
  std::function<void(const Json&)> scan = [&](const Json& v) {
    if (!found.empty()) return;
    if (v.is_string() && made.contains(v.get<std::string>()) && v.get<std::string>().starts_with("arn:")) {
      found = v.get<std::string>();
    } else if (v.is_array() || v.is_object()) {
      for (const auto& x : v) scan(x);
    }
  };
  for (const auto& a : recent) scan(a.body);
  return found;
}

std::string Runner::answered(const std::string& map, const std::string& member) const {
  for (const auto& a : recent)
    if (a.body.contains(map) && a.body[map].is_object() && a.body[map].contains(member))
      return a.body[map][member].get<std::string>();
  if (last && last->body.contains(map) && last->body[map].contains(member))
    return last->body[map][member].get<std::string>();
  return "";
}

void Runner::fixtures() {
  if (!c.meta.contains("substitutions") || !c.meta["substitutions"].is_array()) return;
  for (const auto& s : c.meta["substitutions"]) {
    std::string text = s.value("text", "");
    if (names.contains(text)) continue;
    if (text == "<sqs_queue>" || text == "<queue_url>") {
      Answer a = session.call("sqs", "CreateQueue", {{"QueueName", "fixture-queue-" + std::to_string(++made_values)}});
      if (a.ok) names.emplace(text, a.body.value("QueueUrl", ""));
    } else if (text == "<sns_topic>" || text == "<topic_arn>") {
      Answer a = session.call("sns", "CreateTopic", {{"Name", "fixture-topic-" + std::to_string(++made_values)}});
      if (a.ok) names.emplace(text, a.body.value("TopicArn", ""));
    } else if (s.value("set_from", Json()).is_string() &&
               s.value("set_from", "").starts_with("the result of s3_create_bucket")) {
      std::string bucket = "fixture-bucket-" + std::to_string(++made_values);
      if (session.call("s3", "CreateBucket", {{"Bucket", bucket}}).ok) names.emplace(text, bucket);
    }
  }
}

std::string Runner::template_text(const Json& spec) {
  if (spec.is_object() && spec.contains("template_file"))
    return substitute_text(c.template_text(spec["template_file"].get<std::string>()).value_or(""));
  if (spec.is_string())
    return substitute_text(c.template_text(spec.get<std::string>()).value_or(spec.get<std::string>()));
  return "";
}

std::string Runner::substitute_text(std::string text) {
  auto replace_all = [&](const std::string& from, const std::function<std::string()>& to) {
    for (auto at = text.find(from); at != std::string::npos; at = text.find(from, at)) {
      std::string value = to();
      text.replace(at, from.size(), value);
      at += value.size();
    }
  };
  for (const auto& name : names)  // not a structured binding: clang 14 cannot capture one
    if (name.first.starts_with("<")) replace_all("\"" + name.first + "\"", [&] { return "\"" + name.second + "\""; });
  replace_all("\"<unknown>\"", [&] { return "\"unknown-" + std::to_string(++unknowns) + "\""; });
  return text;
}

std::string Runner::rendered(std::string text, const Json& step) {
  if (!step.contains("template_mapping") || !step["template_mapping"].is_object()) return text;
  for (const auto& [name, value] : step["template_mapping"].items()) {
    const std::string open = "{% if " + name + " %}", close = "{% endif %}";
    bool keep = value.is_boolean() ? value.get<bool>() : !(value.is_null() || value == "" || value == 0);
    for (auto at = text.find(open); at != std::string::npos; at = text.find(open, at)) {
      auto end = text.find(close, at);
      if (end == std::string::npos) break;
      if (keep) {
        text.erase(end, close.size());
        text.erase(at, open.size());
      } else {
        text.erase(at, end + close.size() - at);
      }
    }
    Json v = substitute(value);
    std::string to = v.is_string() ? v.get<std::string>() : v.dump();
    for (const std::string& from : {"{{" + name + "}}", "{{ " + name + " }}"})
      for (auto at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size()))
        text.replace(at, from.size(), to);
  }
  return text;
}

void Runner::ssm_fixtures(const std::string& body, const Json& params) {
  auto doc = cfn::parse_template_text(body);
  if (!doc || !doc->is_object() || !doc->contains("Parameters") || !(*doc)["Parameters"].is_object()) return;
  bool resolves = body.find("{{resolve:ssm:") != std::string::npos;
  std::set<std::string> generated;
  for (const auto& [text, value] : names)
    if (text.starts_with("<")) generated.insert(value);
  for (const auto& [key, declared] : (*doc)["Parameters"].items()) {
    if (!declared.is_object()) continue;
    std::string type =
        declared.contains("Type") && declared["Type"].is_string() ? declared["Type"].get<std::string>() : "";
    if (!resolves && !type.starts_with("AWS::SSM::Parameter::Value<")) continue;
    Json given =
        params.is_object() && params.contains(key) ? params[key] : declared.value("Default", cfn::TemplateValue());
    if (!given.is_string() || !generated.contains(given.get<std::string>())) continue;
    std::string name = given.get<std::string>();
    if (!made_parameters.insert(name).second) continue;
    bool list = type.find("List<") != std::string::npos;
    session.call("ssm", "PutParameter",
                 {{"Name", name},
                  {"Value", list ? name + "-a," + name + "-b" : name + "-value"},
                  {"Type", list ? "StringList" : "String"}});
  }
}

Json Runner::parameters_json(const Json& p) {
  Json out = Json::array();
  if (p.is_object()) {
    for (const auto& [k, v] : p.items())
      out.push_back({{"ParameterKey", k}, {"ParameterValue", v.is_string() ? v.get<std::string>() : v.dump()}});
  } else if (p.is_array()) {
    out = p;
  }
  return out;
}

}  // namespace hoplite::recorded
