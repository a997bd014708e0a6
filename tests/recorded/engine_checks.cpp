#include "engine_checks.hpp"

#include <unistd.h>

#include <filesystem>
#include <optional>
#include <set>
#include <string>

#include "runner.hpp"

namespace hoplite::recorded {
namespace {

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

}  // namespace

Runner::Runner(const RecordedCase& rc, const std::filesystem::path& dir) : c(rc), session(dir) {
  for (const auto& k : rc.normalised_keys()) matcher.any_value_keys.insert(k);
  name_substitutions();
  fixtures();
}

void Runner::failed(const std::string& what) {
  ++verdict.checks;
  verdict.outcome = Outcome::fail;
  verdict.notes.push_back(what);
}

bool Runner::predates_last_operations() const {
  std::string date = c.meta.value("source", Json::object()).value("recorded_date", "");  // "dd-mm-yyyy, ..."
  return date.size() >= 10 && date.substr(6, 4) < "2026";
}

bool Runner::predates_policy_action() const {
  std::string date = c.meta.value("source", Json::object()).value("recorded_date", "");
  return date.size() >= 10 && date.substr(6, 4) < "2023";
}

Json Runner::without_later_fields(Json v) const {
  if (v.is_object()) {
    if (v.contains("StackStatus") && predates_last_operations()) v.erase("LastOperations");
    if (v.contains("LogicalResourceId") && v.contains("Action") && predates_policy_action()) v.erase("PolicyAction");
    for (auto& [k, x] : v.items()) x = without_later_fields(std::move(x));
  } else if (v.is_array()) {
    for (auto& x : v) x = without_later_fields(std::move(x));
  }
  return v;
}

void Runner::compare(const std::string& key, const Json& recorded, const std::vector<Json>& candidates) {
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

std::optional<std::string> Runner::unsupported() const {
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

void Runner::run() {
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
        v.outcome = Verdict::Outcome::fail;
        v.notes.push_back(std::string("runner: ") + e.what());
      }
    }
  }
  std::filesystem::remove_all(dir);
  return v;
}

}  // namespace hoplite::recorded
