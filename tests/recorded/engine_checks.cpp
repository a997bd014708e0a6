#include "engine_checks.hpp"

#include <cctype>
#include <chrono>
#include <filesystem>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <thread>

#include "hoplite/cfn/template_reader.hpp"
#include "hoplite/core/ascii.hpp"
#include "json_match.hpp"
#include "session.hpp"

namespace hoplite::recorded {
namespace {

using Outcome = Verdict::Outcome;

/// Types the local cloud has providers for (src/local/cloudformation/providers/).
const std::set<std::string> kProvided = {"AWS::SSM::Parameter",
                                         "AWS::EC2::VPC",
                                         "AWS::EC2::Subnet",
                                         "AWS::EC2::InternetGateway",
                                         "AWS::EC2::VPCGatewayAttachment",
                                         "AWS::EC2::RouteTable",
                                         "AWS::EC2::Route",
                                         "AWS::EC2::SubnetRouteTableAssociation",
                                         "AWS::EC2::SecurityGroup",
                                         "AWS::ECR::Repository",
                                         "AWS::ECS::Cluster",
                                         "AWS::ECS::TaskDefinition",
                                         "AWS::Events::Rule",
                                         "AWS::IAM::Policy",
                                         "AWS::IAM::Role",
                                         "AWS::Lambda::Function",
                                         "AWS::Logs::LogGroup",
                                         "AWS::Logs::LogStream",
                                         "AWS::S3::Bucket",
                                         "AWS::S3::BucketPolicy",
                                         "AWS::SNS::Topic",
                                         "AWS::SNS::Subscription",
                                         "AWS::SQS::Queue",
                                         "AWS::SQS::QueuePolicy",
                                         "AWS::StepFunctions::StateMachine"};

/// Whether `s` is a UUID in its text form (8-4-4-4-12 lower-case hex digits).
bool is_uuid(std::string_view s) {
  if (s.size() != 36) return false;
  for (std::size_t i = 0; i < s.size(); ++i) {
    bool dash = i == 8 || i == 13 || i == 18 || i == 23;
    if (dash != (s[i] == '-')) return false;
    if (!dash && !((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f'))) return false;
  }
  return true;
}

/// A name CloudFormation generated ("CFN-Parameter-n1KyWPxiTuNB", "<stack>-Topic1-AbC12dEf34Gh"):
/// its random 12-character suffix is AWS's, not a property of the behaviour, so the recording's
/// suffix becomes a placeholder that must bind consistently (like the snapshot tool's own ones).
/// So does the UUID of a stack ARN the snapshot tool left as it was (one in a resource's
/// `aws:cloudformation:stack-id` tag): it is an id.
Json generated_names_as_placeholders(Json v) {
  if (v.is_string()) {
    std::string s = v.get<std::string>();
    if (auto at = s.find(":stack/"); at != std::string::npos && s.size() >= 37 && s[s.size() - 37] == '/' &&
                                     s.size() - 37 > at + 7 && is_uuid(std::string_view(s).substr(s.size() - 36)))
      return s.substr(0, s.size() - 36) + "<stack-uuid-" + s.substr(s.size() - 36) + ">";
    auto dash = s.rfind('-');
    if (dash == std::string::npos || dash == 0 || s.size() - dash - 1 != 12 || s.find('-') == dash) return v;
    bool upper = false, lower = false;
    for (std::size_t i = dash + 1; i < s.size(); ++i) {
      char ch = s[i];
      if (ch >= 'A' && ch <= 'Z') {
        upper = true;
      } else if (ch >= 'a' && ch <= 'z') {
        lower = true;
      } else if (ch < '0' || ch > '9') {
        return v;
      }
    }
    if (!upper || !lower) return v;
    return s.substr(0, dash + 1) + "<generated-" + s.substr(dash + 1) + ">";
  }
  if (v.is_array() || v.is_object())
    for (auto& x : v) x = generated_names_as_placeholders(x);
  return v;
}

struct Runner {
  const RecordedCase& c;
  Session session;
  Matcher matcher;
  Verdict verdict;
  std::optional<Answer> last;
  /// The answers since the previous snapshot, newest first: a snapshot records a variable the test
  /// kept, which need not be the last call's answer.
  std::vector<Answer> recent;
  std::string stack_name;
  std::string stack_id;
  std::string change_set_id;
  Json outputs = Json::array();             ///< the last deployed stack's Outputs
  std::vector<Json> created;                ///< the successful CreateChangeSet answers of `api` steps, in order
  std::vector<std::string> created_stacks;  ///< the StackIds CreateStack answered, in order
  std::size_t stack_cursor = 0, change_set_cursor = 0;
  int stacks = 0;

  /// Substitution text -> the value this run uses for it (README: `substitutions`).
  std::map<std::string, std::string> names;
  /// Value -> its text, for the values the snapshot shows as the text given (README).
  std::map<std::string, std::string> shown_as;
  /// Substitution text -> the form its value takes ("stack-<...>"), for the values made here.
  std::map<std::string, std::string> forms;
  int unknowns = 0;
  int made_values = 0;
  std::set<std::string> made_parameters;  ///< SSM parameters the fixtures made (ssm_fixtures)
  bool destroyed = false;                 ///< the runner deleted the stack the test destroyed
  bool deployed_last = false;             ///< no `api` step since the last deploy
  Json last_read;                         ///< the previous `api` step, when it succeeded
  std::size_t output_turn = 0;            ///< how often that read was repeated at once (output_for)

  Runner(const RecordedCase& rc, const std::filesystem::path& dir) : c(rc), session(dir) {
    for (const auto& k : rc.normalised_keys()) matcher.any_value_keys.insert(k);
    name_substitutions();
    fixtures();
  }

  /// A value the test computed "of the form 'stack-<...>'" gets a fixed one of that form here, the
  /// same wherever the case names it (so `<stack_name>` of a later call is the stack made before).
  void name_substitutions() {
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

  /// The test's name as the case gives it ("update deleted stack").
  std::string title() const {
    std::string checks = c.meta.value("checks", "");
    return checks.substr(0, checks.find(':'));
  }

  /// A fresh value of `form` ("stack-<...>"), unlike any other this run made.
  std::string of_form(const std::string& form) {
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

  /// A "deploy (update)" sending the template and parameters of the deploy before it still waits
  /// for UPDATE_COMPLETE, which AWS reaches only when something changed: the test computed the
  /// values it makes at run time afresh after that deploy, and the case's one text stands for
  /// both (cfn-stepfunctions-cfn_statemachine_default_s3_location puts its second definition
  /// under a new key). Step index -> the texts whose values are renewed after it.
  std::map<std::size_t, std::vector<std::string>> renewals() const {
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

  /// `v` as the snapshot tool showed it: each value the test registered replaced by its text.
  Json as_shown(Json v) const {
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

  /// The value a form with one `<...>` had in the test when the recording shows it unnormalised
  /// (an error message quoting a refused name): the tests' random part is 8 hex digits.
  [[nodiscard]] std::optional<std::string> recorded_value(const std::string& form) const {
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

  void failed(const std::string& what) {
    ++verdict.checks;
    verdict.outcome = Outcome::fail;
    verdict.notes.push_back(what);
  }

  /// True when the case was recorded before AWS added a stack's `LastOperations` (every recording
  /// of DescribeStacks up to 2025 lacks it, every one from 2026 has it).
  [[nodiscard]] bool predates_last_operations() const {
    std::string date = c.meta.value("source", Json::object()).value("recorded_date", "");  // "dd-mm-yyyy, ..."
    return date.size() >= 10 && date.substr(6, 4) < "2026";
  }

  /// True when the case was recorded before AWS added a change's `PolicyAction` (the 2022
  /// recording of a replacement lacks it, every one from 2025 has it).
  [[nodiscard]] bool predates_policy_action() const {
    std::string date = c.meta.value("source", Json::object()).value("recorded_date", "");
    return date.size() >= 10 && date.substr(6, 4) < "2023";
  }

  /// `v` without the members AWS added after the recording was made.
  Json without_later_fields(Json v) const {
    if (v.is_object()) {
      if (v.contains("StackStatus") && predates_last_operations()) v.erase("LastOperations");
      if (v.contains("LogicalResourceId") && v.contains("Action") && predates_policy_action()) v.erase("PolicyAction");
      for (auto& [k, x] : v.items()) x = without_later_fields(std::move(x));
    } else if (v.is_array()) {
      for (auto& x : v) x = without_later_fields(std::move(x));
    }
    return v;
  }

  /// Compares with the first of `candidates` that matches (the recording holds a whole response,
  /// or the part of it the test picked).
  void compare(const std::string& key, const Json& recorded, const std::vector<Json>& candidates) {
    ++verdict.checks;
    Json expected = generated_names_as_placeholders(recorded);
    std::vector<std::string> first_problems;
    bool closest_same_kind = false;
    for (const auto& shown : candidates) {
      Json actual = as_shown(without_later_fields(shown));
      Matcher trial = matcher;
      std::vector<std::string> problems;
      if (trial.match(expected, actual, problems)) {
        matcher = std::move(trial);
        return;
      }
      // Report the closest candidate of the recording's kind (object, list, text).
      bool same_kind = actual.type() == expected.type();
      if (first_problems.empty() || (same_kind && (!closest_same_kind || problems.size() < first_problems.size()))) {
        first_problems = problems;
        closest_same_kind = closest_same_kind || same_kind;
      }
    }
    verdict.outcome = Outcome::fail;
    for (std::size_t i = 0; i < first_problems.size() && i < 6; ++i)
      verdict.notes.push_back(key + ": " + first_problems[i]);
    if (first_problems.empty()) verdict.notes.push_back(key + ": nothing to compare with");
  }

  /// Replaces the case's `<variable>` substitutions with what this run made.
  Json substitute(Json v, const std::string& hint = "") {
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

  /// The output of the last deployed stack that a test's `stack.outputs["..."]` read for the
  /// argument `hint` (the recordings do not say which key): the outputs named after the argument
  /// (`LogGroupNameOutput` for logGroupName, `LogStreamNameOutput` for logStreamNamePrefix), else
  /// a queue's URL for QueueUrl and ARNs for an `...Arn` argument, else every output. Of several,
  /// the first, or for a read repeated at once the next (`output_turn`): the test read another.
  std::string output_for(const std::string& hint) const {
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

  /// The ARN a test picked out of a listing it made (`matching = [arn for arn in topic_arns if
  /// value in arn]`): the first ARN in the newest answers that names a resource of the stack.
  std::string listed_stack_arn() {
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

  /// `member` of `map` in the newest answer that has it (e.g. the QueueArn of GetQueueAttributes).
  std::string answered(const std::string& map, const std::string& member) const {
    for (const auto& a : recent)
      if (a.body.contains(map) && a.body[map].is_object() && a.body[map].contains(member))
        return a.body[map][member].get<std::string>();
    if (last && last->body.contains(map) && last->body[map].contains(member))
      return last->body[map][member].get<std::string>();
    return "";
  }

  /// Resources the tests' fixtures made before the case ran (a queue, a topic), named by the
  /// substitution text the case uses for them.
  void fixtures() {
    if (!c.meta.contains("substitutions") || !c.meta["substitutions"].is_array()) return;
    for (const auto& s : c.meta["substitutions"]) {
      std::string text = s.value("text", "");
      if (names.contains(text)) continue;
      if (text == "<sqs_queue>" || text == "<queue_url>") {
        Answer a =
            session.call("sqs", "CreateQueue", {{"QueueName", "fixture-queue-" + std::to_string(++made_values)}});
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

  std::string template_text(const Json& spec) {
    if (spec.is_object() && spec.contains("template_file"))
      return substitute_text(c.template_text(spec["template_file"].get<std::string>()).value_or(""));
    if (spec.is_string())
      return substitute_text(c.template_text(spec.get<std::string>()).value_or(spec.get<std::string>()));
    return "";
  }

  /// A template the test wrote with values it computed (`"<export_name>"`, `"<unknown>"`): the
  /// values this run uses for them, as in `substitute`.
  std::string substitute_text(std::string text) {
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

  /// `text` as the test's Jinja2 rendering made it (`template_mapping` in the step: `{{ name }}`
  /// replaced by the value, `{% if name %}…{% endif %}` kept when the value is true; the README's
  /// note on these cases). `{{resolve:…}}` references stay.
  std::string rendered(std::string text, const Json& step) {
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

  /// The SSM parameters the test's `create_parameter` fixture made before a deploy (fixtures are
  /// not in the steps): a value this run generated for the test that the template reads as an SSM
  /// parameter's name, through a parameter of type `AWS::SSM::Parameter::Value<…>` or a
  /// `{{resolve:ssm:…}}` reference. The recording shows the deploy succeed, so the parameter
  /// existed; its value is the fixture's own (the recordings show it as a placeholder).
  void ssm_fixtures(const std::string& body, const Json& params) {
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

  static Json parameters_json(const Json& p) {
    Json out = Json::array();
    if (p.is_object()) {
      for (const auto& [k, v] : p.items())
        out.push_back({{"ParameterKey", k}, {"ParameterValue", v.is_string() ? v.get<std::string>() : v.dump()}});
    } else if (p.is_array()) {
      out = p;
    }
    return out;
  }

  /// Polls until the stack leaves *_IN_PROGRESS (REVIEW_IN_PROGRESS is stable), as waiters do.
  Json wait_stack(const std::string& id) {
    for (int i = 0; i < 20000; ++i) {
      Answer a = session.call("cloudformation", "DescribeStacks", {{"StackName", id}});
      if (!a.ok || a.body["Stacks"].empty()) return Json();
      Json s = a.body["Stacks"][0];
      std::string status = s.value("StackStatus", "");
      if (!status.ends_with("_IN_PROGRESS") || status == "REVIEW_IN_PROGRESS") return s;
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    return Json();
  }

  Answer create_change_set(const std::string& type, const std::string& body, const Json& params,
                           const std::string& name,
                           const Json& capabilities = {"CAPABILITY_AUTO_EXPAND", "CAPABILITY_IAM",
                                                       "CAPABILITY_NAMED_IAM"}) {
    Json kwargs = {{"StackName", stack_name}, {"ChangeSetName", name}, {"TemplateBody", body}, {"ChangeSetType", type}};
    if (!capabilities.empty()) kwargs["Capabilities"] = capabilities;
    if (!parameters_json(params).empty()) kwargs["Parameters"] = parameters_json(params);
    Answer a = session.call("cloudformation", "CreateChangeSet", kwargs);
    if (a.ok) {
      change_set_id = a.body.value("Id", "");
      stack_id = a.body.value("StackId", "");
    }
    return a;
  }

  void deploy(const Json& step, bool update) {
    if (!update || stack_name.empty()) {
      stack_name = "stack-" + std::to_string(++stacks);
      // The test's fixture names a stack `stack-<8 hex digits>`; when the recording shows that
      // name (a tag the snapshot tool did not normalise), this run's first stack takes it.
      if (auto shown = recorded_value("stack-<...>"); shown && !step.contains("stack_name") && stacks == 1)
        stack_name = *shown;
    }
    // The name the test chose for its stack (a value of the form the case gives), when it chose one.
    if (auto named = names.find(step.value("stack_name", "")); named != names.end()) stack_name = named->second;
    bool exists = update;
    std::string body = rendered(template_text(step.value("template_file", Json())), step);
    Json params = substitute(step.value("parameters", Json()));
    ssm_fixtures(body, params);
    Answer cs = create_change_set(exists ? "UPDATE" : "CREATE", body, params, "cs-" + std::to_string(++stacks));
    last = cs;
    if (!cs.ok) return;
    Answer ex = session.call("cloudformation", "ExecuteChangeSet", {{"ChangeSetName", change_set_id}});
    last = ex;
    if (!ex.ok) return;
    Json s = wait_stack(stack_id);
    std::string status = s.value("StackStatus", "");
    if (status != "CREATE_COMPLETE" && status != "UPDATE_COMPLETE") {
      // The test reads the failed stack's description off the waiter's error (`describe_result`).
      if (s.is_object()) recent.insert(recent.begin(), Answer{true, s, Json()});
      // A deploy that fails raises the waiter's error in the test.
      last = Answer{false,
                    {{"Error", {{"Message", "Waiter StackCreateComplete failed"}}}},
                    "Waiter " + std::string(update ? "StackUpdateComplete" : "StackCreateComplete") +
                        " failed: Waiter encountered a terminal failure state"};
    } else {
      last = Answer{true, {{"Stacks", {s}}}, Json()};
      outputs = s.value("Outputs", Json::array());
      deployed_last = true;
    }
  }

  /// Every page of the stack's DescribeStackEvents, newest first.
  std::vector<Json> stack_events() {
    std::vector<Json> events;
    Json token;
    for (;;) {
      Json kwargs = {{"StackName", stack_id}};
      if (!token.is_null()) kwargs["NextToken"] = token;
      Answer a = session.call("cloudformation", "DescribeStackEvents", kwargs);
      if (!a.ok) break;
      for (const auto& e : a.body["StackEvents"]) events.push_back(e);
      if (!a.body.contains("NextToken")) break;
      token = a.body["NextToken"];
    }
    return events;
  }

  /// Events oldest first, as (resource, status) transitions without repeats; the cleanup statuses
  /// are left out, as the recordings' test helper left them out.
  Json transitions(bool with_cleanup = false) {
    std::vector<Json> events = stack_events();
    Json out = Json::array();
    std::set<std::pair<std::string, std::string>> seen;
    for (auto it = events.rbegin(); it != events.rend(); ++it) {
      std::string id = it->value("LogicalResourceId", ""), status = it->value("ResourceStatus", "");
      if (!with_cleanup && status.ends_with("CLEANUP_IN_PROGRESS")) continue;
      if (seen.insert({id, status}).second) out.push_back(Json::array({id, status}));
    }
    return out;
  }

  /// What test_stack_deploy_order records: the stack destroyed, then its resources' *_COMPLETE
  /// events, oldest first.
  Json filtered_events() {
    session.call("cloudformation", "DeleteStack", {{"StackName", stack_id}});
    wait_stack(stack_id);
    std::vector<Json> events = stack_events();
    Json out = Json::array();
    for (auto it = events.rbegin(); it != events.rend(); ++it) {
      if (it->value("ResourceType", "") == "AWS::CloudFormation::Stack") continue;
      if (!it->value("ResourceStatus", "").ends_with("_COMPLETE")) continue;
      out.push_back(*it);
    }
    return out;
  }

  /// What the tests' per_resource_events()[id] holds: that resource's events, oldest first, with
  /// the five members the helper keeps, one per status change (AWS's two CREATE_IN_PROGRESS
  /// events, before and after the physical id is known, are one there).
  Json resource_events(const std::string& id) {
    std::vector<Json> events = stack_events();
    Json out = Json::array();
    for (auto it = events.rbegin(); it != events.rend(); ++it) {
      if (it->value("LogicalResourceId", "") != id) continue;
      Json e = Json::object();
      for (const char* k : {"PhysicalResourceId", "LogicalResourceId", "ResourceType", "ResourceStatus", "Timestamp"})
        if (it->contains(k)) e[k] = (*it)[k];
      if (!out.empty() && out.back().value("ResourceStatus", "") == e.value("ResourceStatus", ""))
        out.back() = e;  // the later one knows the physical id
      else
        out.push_back(e);
    }
    return out;
  }

  /// The recording's date as yyyymmdd ("31-07-2025, 14:01:52" -> 20250731), 0 if unknown.
  [[nodiscard]] int recorded_on() const {
    std::string d = c.meta.contains("source") ? c.meta["source"].value("recorded_date", "") : "";
    if (d.size() < 10 || d[2] != '-' || d[5] != '-') return 0;
    return std::atoi(d.substr(6, 4).c_str()) * 10000 + std::atoi(d.substr(3, 2).c_str()) * 100 +
           std::atoi(d.substr(0, 2).c_str());
  }

  /// Until May 2025 AWS showed `Replacement: "True"` on an Add with IncludePropertyValues; later
  /// recordings (and the local cloud) leave it out. The older recordings are compared as if made today.
  Json as_of_today(Json changes) const {
    if (recorded_on() >= 20250519 || !changes.is_array()) return changes;
    for (auto& ch : changes)
      if (ch.contains("ResourceChange") && ch["ResourceChange"].value("Action", "") == "Add")
        ch["ResourceChange"].erase("Replacement");
    return changes;
  }

  /// Per resource, the set of statuses it went through (README: the recordings' grouping changed
  /// over time, so only the set of (resource, status) transitions is compared). The stack's key is
  /// its name or "Stack".
  static Json status_sets(const Json& transitions, const std::string& stack, const std::string& stack_key) {
    std::map<std::string, std::set<std::string>> sets;
    for (const auto& t : transitions) {
      std::string id = t[0].get<std::string>();
      sets[id == stack ? stack_key : id].insert(t[1].get<std::string>());
    }
    Json out = Json::object();
    for (const auto& [id, statuses] : sets) out[id] = Json(statuses);
    return out;
  }

  static Json transitions_without_cleanup(const Json& all) {
    Json out = Json::array();
    for (const auto& t : all)
      if (!t[1].get<std::string>().ends_with("CLEANUP_IN_PROGRESS")) out.push_back(t);
    return out;
  }

  /// What the newer capture_per_resource_events keeps (the recordings whose stack key is "Stack"):
  /// it drops UPDATE_COMPLETE_CLEANUP_IN_PROGRESS, DELETE_IN_PROGRESS and DELETE_COMPLETE events.
  static Json transitions_as_newer_fixture(const Json& all) {
    static const std::set<std::string> kDropped = {"UPDATE_COMPLETE_CLEANUP_IN_PROGRESS", "DELETE_IN_PROGRESS",
                                                   "DELETE_COMPLETE"};
    Json out = Json::array();
    for (const auto& t : all)
      if (!kDropped.contains(t[1].get<std::string>())) out.push_back(t);
    return out;
  }

  void capture(const Json& step) {
    stack_name = "stack-" + std::to_string(++stacks);
    const Json& r = c.responses;
    // Older recordings made their change sets without capabilities (DescribeChangeSet shows []).
    Json caps = {"CAPABILITY_AUTO_EXPAND", "CAPABILITY_IAM", "CAPABILITY_NAMED_IAM"};
    if (r.contains("describe-change-set-1") && r["describe-change-set-1"].contains("Capabilities"))
      caps = r["describe-change-set-1"]["Capabilities"];
    Json events_before_delete;
    for (int round = 1; round <= 2; ++round) {
      std::string n = std::to_string(round);
      Json tspec = step.value("template_" + n, round == 2 ? step.value("template_1", Json()) : Json());
      std::string body = template_text(tspec);
      Json params = substitute(step.value("parameters_" + n, Json()));
      ssm_fixtures(body, params);
      Answer cs = create_change_set(round == 1 ? "CREATE" : "UPDATE", body, params, "cs-" + n, caps);
      if (!cs.ok) return failed("create-change-set-" + n + ": " + cs.message.dump());
      if (r.contains("create-change-set-" + n))
        compare("create-change-set-" + n, r["create-change-set-" + n], {cs.body});
      for (bool values : {true, false}) {
        std::string key = "describe-change-set-" + n + (values ? "-prop-values" : "");
        Answer d = session.call("cloudformation", "DescribeChangeSet",
                                {{"ChangeSetName", change_set_id}, {"IncludePropertyValues", values}});
        if (!d.ok) return failed(key + ": " + d.message.dump());
        if (r.contains(key) && r[key].contains("Changes"))
          compare(key + ".Changes", as_of_today(r[key]["Changes"]), {d.body["Changes"]});
        if (r.contains(key) && r[key].contains("Status"))
          compare(key + ".Status", r[key]["Status"], {d.body["Status"]});
      }
      Answer ex = session.call("cloudformation", "ExecuteChangeSet", {{"ChangeSetName", change_set_id}});
      if (!ex.ok) {
        if (r.contains("execute-change-set-" + n))
          compare("execute-change-set-" + n, r["execute-change-set-" + n], {ex.body});
        continue;
      }
      Json s = wait_stack(stack_id);
      if (r.contains("post-create-" + n + "-describe"))
        compare("post-create-" + n + "-describe", r["post-create-" + n + "-describe"], {s});
    }
    Json before = transitions(true);
    session.call("cloudformation", "DeleteStack", {{"StackName", stack_id}});
    Json s = wait_stack(stack_id);
    if (r.contains("delete-describe")) compare("delete-describe", r["delete-describe"], {s});
    if (r.contains("per-resource-events")) {
      // Some recordings fetched the events before the delete, some after.
      Json want = Json::object();
      for (const auto& [id, events] : r["per-resource-events"].items()) {
        std::set<std::string> statuses;
        for (const auto& e : events) statuses.insert(e.value("ResourceStatus", ""));
        want[id.starts_with("<") ? stack_name : id] = Json(statuses);
      }
      // Newer recordings name the stack "Stack" and leave out the cleanup status.
      std::string key = want.contains("Stack") ? "Stack" : stack_name;
      Json after = transitions(true), before_plain = transitions_without_cleanup(before),
           after_plain = transitions_without_cleanup(after);
      std::vector<Json> candidates = {status_sets(before, stack_name, key), status_sets(after, stack_name, key),
                                      status_sets(before_plain, stack_name, key),
                                      status_sets(after_plain, stack_name, key)};
      if (key == "Stack") {
        // A resource with nothing left after the filter is not listed at all.
        Json sets = status_sets(transitions_as_newer_fixture(after), stack_name, key);
        candidates.push_back(sets);
      }
      compare("per-resource-events", want, candidates);
    }
  }

  void api(const Json& step) {
    deployed_last = false;
    Json read = {step.value("call", ""), step.value("kwargs", Json::object())};
    bool repeated = read == last_read;
    output_turn = repeated && !step.value("expect_error", false) ? output_turn + 1 : 0;
    if (step.value("expect_error", false) && !stack_id.empty() && !destroyed &&
        (repeated || title().find("deleted stack") != std::string::npos)) {
      // The test destroyed its stack here (`stack.destroy()`, a fixture method the steps do not
      // list): the same read, just made successfully, is now expected to fail with only snapshots
      // in between (the resource providers' test_black_box tests), or the test is named for a
      // deleted stack and this is its first call expected to fail (test_update_deleted_stack).
      session.call("cloudformation", "DeleteStack", {{"StackName", stack_id}});
      wait_stack(stack_id);
      destroyed = true;
    }
    last_read = Json();
    std::string call = step.value("call", "");
    auto dot = call.find('.');
    std::string service = call.substr(0, dot), op = operation_name(call.substr(dot + 1));
    Json kwargs = substitute(step.value("kwargs", Json::object()));
    for (const char* body : {"TemplateBody", "Body"})  // a template, or an object holding one (S3)
      if (kwargs.contains(body) && (kwargs[body].is_string() || kwargs[body].is_object()))
        kwargs[body] = template_text(kwargs[body]);
    if (kwargs.contains("Parameters") && kwargs["Parameters"].is_object())
      kwargs["Parameters"] = parameters_json(kwargs["Parameters"]);
    if (op == "CreateStack" || op == "CreateChangeSet") {
      if (!kwargs.contains("StackName") || !kwargs["StackName"].is_string() ||
          kwargs["StackName"].get<std::string>().empty() || kwargs["StackName"].get<std::string>().starts_with("<")) {
        stack_name = "stack-" + std::to_string(++stacks);
        kwargs["StackName"] = stack_name;
      } else {
        stack_name = kwargs["StackName"].get<std::string>();
      }
    }
    if (op == "CreateChangeSet" && kwargs.value("ChangeSetType", "") == "UPDATE" &&
        !step.value("expect_error", false) && !stack_id.empty()) {
      // AWS makes an UPDATE change set only for a stack at rest, and the recording shows it made:
      // the test waited (with its own wait_until, which the steps do not list).
      wait_stack(stack_id);
    }
    if (step.contains("kwargs") && step["kwargs"].value("StackName", "") == "<cloudformation.create_stack>" &&
        created_stacks.size() > 1) {
      // The test kept several CreateStack answers and the extractor named them all alike: each
      // stack is asked, and the snapshot's placeholders (which must bind consistently) pick.
      for (const std::string& id : created_stacks) {
        kwargs["StackName"] = id;
        last = session.call(service, op, kwargs);
        recent.insert(recent.begin(), *last);
      }
      return;
    }
    Answer a = session.call(service, op, kwargs);
    if (a.ok && !step.value("expect_error", false)) last_read = read;
    if (a.ok && op == "CreateStack") created_stacks.push_back(a.body.value("StackId", ""));
    if (a.ok && a.body.contains("StackId")) stack_id = a.body["StackId"].get<std::string>();
    if (a.ok && op == "CreateChangeSet") {
      change_set_id = a.body.value("Id", "");
      created.push_back(a.body);
    }
    last = a;
    recent.insert(recent.begin(), a);
  }

  void wait(const Json& step) {
    std::string waiter = step.value("waiter", "");
    if (waiter.find("change_set") != std::string::npos) {
      // Change sets are complete at once here; boto3's waiter raises on one that FAILED.
      if (change_set_id.empty()) return;
      Answer d = session.call("cloudformation", "DescribeChangeSet", {{"ChangeSetName", change_set_id}});
      if (d.ok && d.body.value("Status", "") == "FAILED") {
        last = Answer{false,
                      {{"Error", {{"Message", "Waiter ChangeSetCreateComplete failed"}}}},
                      "Waiter ChangeSetCreateComplete failed: Waiter encountered a terminal failure state: For "
                      "expression \"Status\" we matched expected path: \"FAILED\""};
        recent.insert(recent.begin(), *last);
      }
      return;
    }
    if (!stack_id.empty()) wait_stack(stack_id);
  }

  void snapshot(const Json& step) {
    std::string key = step.value("key", "");
    if (!c.responses.contains(key)) return;
    const Json& expected = c.responses[key];
    if (key == "all-events") return compare(key, expected, {transitions()});
    if (step.value("recorded_from", "") == "filtered_events") return compare(key, expected, {filtered_events()});
    if (std::string from = step.value("recorded_from", ""); from.starts_with("per_resource_events['"))
      return compare(key, expected, {resource_events(from.substr(21, from.find('\'', 21) - 21))});
    if (expected.is_object() && expected.contains("EventId") && expected.contains("ResourceStatus") &&
        !stack_id.empty()) {
      // One event the test picked from DescribeStackEvents (e.g. the resource's CREATE_FAILED).
      std::vector<Json> events = stack_events();
      if (!events.empty()) return compare(key, expected, events);
    }
    // A value the test computed itself and recorded as it was (`role_name`): this run's value.
    if (auto named = names.find("<" + step.value("recorded_from", "") + ">"); named != names.end())
      return compare(key, expected, {named->second});
    if (step.value("recorded_from", "") == "Dict" && expected.is_object()) {
      if (auto dict = own_dict(expected)) return compare(key, expected, {*dict});
    }
    if (!last) return failed(key + ": no call to compare with");
    std::vector<Answer> answers{*last};
    for (const auto& a : recent)
      if (a.body != last->body) answers.push_back(a);
    std::vector<Json> candidates;
    if (step.value("recorded_from", "").ends_with(".outputs")) {  // the test's dict of the outputs
      Json dict = Json::object();
      for (const auto& o : outputs) dict[o.value("OutputKey", "")] = o.value("OutputValue", "");
      candidates.push_back(dict);
    }
    // A test's sorted set of one field of a listed answer (`resource_types` of the stack's events).
    if (Json set = field_set(step.value("recorded_from", ""), answers); !set.empty()) candidates.push_back(set);
    for (const auto& a : answers) {
      candidates.push_back(a.body);
      candidates.push_back(a.message);
      Json body = a.body;
      if (body.is_object()) {
        body.erase("ResponseMetadata");
        candidates.push_back(body);
        for (const auto& [k, v] : body.items()) {
          candidates.push_back(v);
          if (v.is_array() && !v.empty()) {
            candidates.push_back(v[0]);
            // One field of the first item (`describe_stacks(...)["Stacks"][0]["StackStatus"]`).
            if (v[0].is_object() && expected.is_primitive())
              for (const auto& [k2, v2] : v[0].items()) candidates.push_back(v2);
          }
          // A member of a member the test picked (`response["Parameter"]["Value"]`).
          if (v.is_object())
            for (const auto& [k2, v2] : v.items()) candidates.push_back(v2);
          // JSON text the test parsed (`json.loads(response["Policy"])`).
          if (v.is_string() && v.get<std::string>().starts_with("{"))
            if (Json parsed = Json::parse(v.get<std::string>(), nullptr, false); parsed.is_object())
              candidates.push_back(parsed);
        }
      }
    }
    // A snapshot right after a deploy of what the test described itself (through a client alias
    // the steps do not show: `route_table`, and its `tags_dict`): the stack's resources as their
    // services describe them, with and without their Tags, and the tags the template gave as a
    // dict (the tests leave out CloudFormation's own `aws:cloudformation:*` tags there).
    if (deployed_last)
      for (Json d : described_resources()) {
        candidates.push_back(d);
        if (!d.contains("Tags")) continue;
        Json own = Json::object(), all = tags_as_dicts(d)["Tags"];
        for (const auto& [k, v] : all.items())
          if (!k.starts_with("aws:cloudformation:")) own[k] = v;
        candidates.push_back(own);
        d.erase("Tags");
        candidates.push_back(d);
      }
    // Tests that turned a Tags list into a dict "for easier comparison" (test_vpc_with_route_table).
    if (has_tag_dict(expected)) {
      for (std::size_t i = 0, n = candidates.size(); i < n; ++i) candidates.push_back(tags_as_dicts(candidates[i]));
    }
    compare(key, expected, candidates);
  }

  /// "BucketName" -> "bucket_name", as the tests name the variable that holds a member's value.
  static std::string snake_case(const std::string& name) {
    std::string out;
    for (char ch : name) {
      if (ch >= 'A' && ch <= 'Z') {
        if (!out.empty()) out += '_';
        out += static_cast<char>(ch - 'A' + 'a');
      } else {
        out += ch;
      }
    }
    return out;
  }

  /// The stack's EC2 resources as EC2's Describe* shows each one.
  std::vector<Json> described_resources() {
    struct Describer {
      const char* op;
      const char* ids;
      const char* list;
    };
    static const std::map<std::string, Describer> kDescribers = {
        {"AWS::EC2::RouteTable", {"DescribeRouteTables", "RouteTableIds", "RouteTables"}},
        {"AWS::EC2::VPC", {"DescribeVpcs", "VpcIds", "Vpcs"}},
        {"AWS::EC2::Subnet", {"DescribeSubnets", "SubnetIds", "Subnets"}},
        {"AWS::EC2::SecurityGroup", {"DescribeSecurityGroups", "GroupIds", "SecurityGroups"}},
        {"AWS::EC2::InternetGateway", {"DescribeInternetGateways", "InternetGatewayIds", "InternetGateways"}}};
    std::vector<Json> out;
    Answer r = session.call("cloudformation", "ListStackResources", {{"StackName", stack_id}});
    if (!r.ok || !r.body.contains("StackResourceSummaries")) return out;
    for (const auto& res : r.body["StackResourceSummaries"]) {
      auto d = kDescribers.find(res.value("ResourceType", ""));
      if (d == kDescribers.end()) continue;
      Answer a = session.call("ec2", d->second.op, {{d->second.ids, {res.value("PhysicalResourceId", "")}}});
      if (a.ok && a.body.contains(d->second.list) && a.body[d->second.list].is_array())
        for (const auto& item : a.body[d->second.list]) out.push_back(item);
    }
    return out;
  }

  /// The dict a test built itself (`recorded_from: Dict`), member by member, where each member is
  /// one of the things the tests put there: an exception's text (`{"message": str(e.value)}`,
  /// botocore's "An error occurred (Code) when calling the Op operation: …"), the stack's events
  /// off a failed deploy (`{"events": exc_info.value.events}`) or a value the test generated,
  /// held in the variable named after the member (`{"BucketName": bucket_name}`). Nothing when a
  /// member is none of these.
  std::optional<Json> own_dict(const Json& expected) {
    Json dict = Json::object();
    for (const auto& [k, v] : expected.items()) {
      if (v.is_string() && v.get<std::string>().starts_with("An error occurred (")) {
        if (!last || last->ok || !last->message.is_string()) return std::nullopt;
        dict[k] = last->message;
      } else if (auto named = names.find("<" + snake_case(k) + ">"); v.is_string() && named != names.end()) {
        dict[k] = named->second;  // `{"BucketName": bucket_name}`: the value the test generated
      } else if (v.is_array() && !v.empty() && v[0].is_object() && v[0].contains("ResourceStatus") &&
                 !stack_id.empty()) {
        dict[k] = stack_events();
      } else {
        return std::nullopt;
      }
    }
    return dict;
  }

  /// The sorted distinct values of the field that `recorded_from` names in snake case and plural
  /// (`resource_types` -> ResourceType) over the items of a list in `answers`; empty if none.
  static Json field_set(const std::string& recorded_from, const std::vector<Answer>& answers) {
    if (!recorded_from.ends_with("s") || recorded_from.find('_') == std::string::npos) return Json::array();
    std::string field;
    bool up = true;
    for (char ch : recorded_from.substr(0, recorded_from.size() - 1)) {
      if (ch == '_') {
        up = true;
        continue;
      }
      if (!std::isalnum(static_cast<unsigned char>(ch))) return Json::array();
      field += up ? static_cast<char>(std::toupper(static_cast<unsigned char>(ch))) : ch;
      up = false;
    }
    std::set<std::string> values;
    for (const auto& a : answers) {
      if (!a.body.is_object()) continue;
      for (const auto& [k, list] : a.body.items()) {
        if (!list.is_array()) continue;
        for (const auto& item : list)
          if (item.is_object() && item.contains(field) && item[field].is_string())
            values.insert(item[field].get<std::string>());
      }
      if (!values.empty()) break;
    }
    Json out = Json::array();
    for (const auto& v : values) out.push_back(v);
    return out;
  }

  /// Whether `v` holds a `Tags` member that is an object.
  static bool has_tag_dict(const Json& v) {
    if (v.is_object()) {
      for (const auto& [k, x] : v.items())
        if ((k == "Tags" && x.is_object()) || has_tag_dict(x)) return true;
    } else if (v.is_array()) {
      for (const auto& x : v)
        if (has_tag_dict(x)) return true;
    }
    return false;
  }

  /// `v` with each `Tags` list of Key/Value pairs as an object of values by key.
  static Json tags_as_dicts(Json v) {
    if (v.is_object()) {
      for (auto& [k, x] : v.items()) {
        bool pairs = k == "Tags" && x.is_array();
        if (pairs)
          for (const auto& t : x) pairs = pairs && t.is_object() && t.contains("Key") && t.contains("Value");
        if (!pairs) {
          x = tags_as_dicts(x);
          continue;
        }
        Json dict = Json::object();
        for (const auto& t : x) dict[t["Key"].get<std::string>()] = t["Value"];
        x = dict;
      }
    } else if (v.is_array()) {
      for (auto& x : v) x = tags_as_dicts(x);
    }
    return v;
  }

  std::optional<std::string> unsupported() const {
    for (const auto& t : c.resource_types())
      if (!kProvided.contains(t)) return "resource type " + t + " has no provider yet";
    for (const auto& [name, text] : c.templates)
      if (text.find("AWS::Include") != std::string::npos) return "the AWS::Include transform (reads S3; no transforms)";
    for (const auto& s : c.steps()) {
      std::string a = s.value("action", "");
      if (a == "transform_template") return "a transform step";
      if (a == "api") {
        std::string call = s.value("call", "");
        auto dot = call.find('.');
        if (dot == std::string::npos || !Session::speaks(call.substr(0, dot), operation_name(call.substr(dot + 1))) ||
            call.find("paginator") != std::string::npos)
          return "calls " + call;
        if (call.find("stack_instances") != std::string::npos || call.find("stack_set") != std::string::npos)
          return "stack sets";
        if (s.contains("kwargs") && s["kwargs"].value("TemplateURL", "").starts_with("<"))
          return "a TemplateURL the case does not give";
      }
    }
    return std::nullopt;
  }

  void run() {
    std::string previous;
    const auto renewed = renewals();
    for (std::size_t at = 0; at < c.steps().size(); ++at) {
      if (at > 0)
        if (auto r = renewed.find(at - 1); r != renewed.end())
          for (const auto& text : r->second) names[text] = of_form(forms.at(text));
      const Json& s = c.steps()[at];
      std::string a = s.value("action", "");
      if (previous == "snapshot" && a != "snapshot") recent.clear();
      if (a != "snapshot" && a != "api") last_read = Json();
      previous = a;
      if (a == "deploy")
        deploy(s, false);
      else if (a == "deploy (update)")
        deploy(s, true);
      else if (a == "capture_update_process")
        capture(s);
      else if (a == "api")
        api(s);
      else if (a == "wait")
        wait(s);
      else if (a == "snapshot")
        snapshot(s);
    }
    if (verdict.outcome != Outcome::fail) verdict.outcome = verdict.checks > 0 ? Outcome::pass : Outcome::skip;
  }
};

}  // namespace

Verdict run_engine_checks(const RecordedCase& c) {
  auto dir = std::filesystem::temp_directory_path() /
             ("hoplite-recorded-" + std::to_string(::getpid()) + "-" + c.id.substr(0, 60));
  std::filesystem::remove_all(dir);
  Verdict v;
  {
    Runner r(c, dir);
    if (auto why = r.unsupported()) {
      v.notes.push_back("skipped: " + *why);
    } else {
      try {
        r.run();
        v = std::move(r.verdict);
      } catch (const std::exception& e) {  // a response without a member the case relies on
        v = std::move(r.verdict);
        v.outcome = Outcome::fail;
        v.notes.push_back(std::string("runner: ") + e.what());
      }
    }
  }
  std::filesystem::remove_all(dir);
  return v;
}

}  // namespace hoplite::recorded
