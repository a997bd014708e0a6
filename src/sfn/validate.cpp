#include "hoplite/sfn/validate.hpp"

#include <fmt/format.h>

#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <vector>

#include "hoplite/core/time_format.hpp"
#include "sfn/json_path.hpp"

namespace hoplite::sfn {
namespace {

using Json = nlohmann::ordered_json;
using R = DefinitionRule;

enum class ValueKind { kString, kNumber, kBoolean, kTimestamp, kPath };

// Every comparison operator of the ASL (JSONPath query language) and the type of its operand.
const std::map<std::string, ValueKind>& comparison_operators() {
  static const std::map<std::string, ValueKind> ops = [] {
    std::map<std::string, ValueKind> m;
    for (const char* rel : {"Equals", "LessThan", "GreaterThan", "LessThanEquals", "GreaterThanEquals"}) {
      m[fmt::format("String{}", rel)] = ValueKind::kString;
      m[fmt::format("Numeric{}", rel)] = ValueKind::kNumber;
      m[fmt::format("Timestamp{}", rel)] = ValueKind::kTimestamp;
      m[fmt::format("String{}Path", rel)] = ValueKind::kPath;
      m[fmt::format("Numeric{}Path", rel)] = ValueKind::kPath;
      m[fmt::format("Timestamp{}Path", rel)] = ValueKind::kPath;
    }
    m["StringMatches"] = ValueKind::kString;
    m["BooleanEquals"] = ValueKind::kBoolean;
    m["BooleanEqualsPath"] = ValueKind::kPath;
    for (const char* is : {"IsNull", "IsPresent", "IsNumeric", "IsString", "IsBoolean", "IsTimestamp"})
      m[is] = ValueKind::kBoolean;
    return m;
  }();
  return ops;
}

bool is_timestamp(const std::string& s) { return core::parse_iso8601(s, core::TimestampSyntax::rfc3339).has_value(); }

bool is_positive_int(const Json& v) { return v.is_number_integer() && v.get<long long>() >= 1; }
bool is_non_negative_int(const Json& v) { return v.is_number_integer() && v.get<long long>() >= 0; }

struct Scope {
  std::string where;  // "" for the machine, "branch 2 of Parallel 'X'" for nested scopes
  const Json* doc;
};

class Checker {
 public:
  std::vector<Problem> problems;

  void check_machine(const Json& doc) {
    if (!doc.is_object()) return add(R::kMissingField, "the definition must be a JSON object");
    for (const char* field : {"TimeoutSeconds"}) {
      if (doc.contains(field) && !is_positive_int(doc[field]))
        add(R::kInvalidField, fmt::format("{} of the machine must be a positive integer", field));
    }
    check_scope(doc, "the state machine");
  }

 private:
  std::set<std::string> all_names_;

  void add(R rule, std::string message) { problems.push_back({rule, std::move(message)}); }

  void check_scope(const Json& scope, const std::string& where) {
    if (!scope.contains("States") || !scope["States"].is_object() || scope["States"].empty())
      return add(R::kMissingField, fmt::format("{} must have a non-empty States object", where));
    const Json& states = scope["States"];
    if (!scope.contains("StartAt") || !scope["StartAt"].is_string()) {
      add(R::kMissingTarget, fmt::format("{} has no StartAt", where));
    } else if (!states.contains(scope["StartAt"].get<std::string>())) {
      add(R::kDanglingTarget,
          fmt::format("StartAt '{}' of {} is not one of its states", scope["StartAt"].get<std::string>(), where));
    }
    for (const auto& [name, state] : states.items()) {
      if (name.empty() || name.size() > 80)
        add(R::kBadName, fmt::format("state name '{}' has {} characters; names must have 1 to 80", name, name.size()));
      if (!all_names_.insert(name).second)
        add(R::kDuplicateName, fmt::format("state name '{}' is used twice; names must be unique in the machine", name));
    }
    bool has_terminal = false;
    for (const auto& [name, state] : states.items()) has_terminal = check_state(name, state, states) || has_terminal;
    if (!has_terminal) add(R::kNoTerminal, fmt::format("{} has no terminal state (End, Succeed or Fail)", where));
    check_reachability(scope, states, where);
  }

  static std::vector<std::string> targets_of(const Json& state) {
    std::vector<std::string> out;
    auto take = [&](const Json& obj, const char* key) {
      if (obj.is_object() && obj.contains(key) && obj[key].is_string()) out.push_back(obj[key].get<std::string>());
    };
    take(state, "Next");
    take(state, "Default");
    for (const char* list : {"Choices", "Catch"}) {
      if (state.contains(list) && state[list].is_array())
        for (const auto& item : state[list]) take(item, "Next");
    }
    return out;
  }

  void check_reachability(const Json& scope, const Json& states, const std::string& where) {
    if (!scope.contains("StartAt") || !scope["StartAt"].is_string()) return;
    std::set<std::string> seen;
    std::vector<std::string> todo{scope["StartAt"].get<std::string>()};
    while (!todo.empty()) {
      std::string name = todo.back();
      todo.pop_back();
      if (!states.contains(name) || !seen.insert(name).second) continue;
      for (auto& t : targets_of(states[name])) todo.push_back(t);
    }
    for (const auto& [name, state] : states.items()) {
      if (!seen.contains(name))
        add(R::kUnreachable, fmt::format("state '{}' is unreachable from StartAt of {}", name, where));
    }
  }

  void check_target(const std::string& state, const Json& target, const Json& states, const char* what) {
    if (!target.is_string())
      return add(R::kMissingTarget, fmt::format("{} of state '{}' must be a state name", what, state));
    if (!states.contains(target.get<std::string>()))
      add(R::kDanglingTarget, fmt::format("{} of state '{}' names '{}', which is not a state of its scope", what, state,
                                          target.get<std::string>()));
  }

  void check_path(const std::string& state, const Json& s, const char* field, bool reference, bool nullable) {
    if (!s.contains(field)) return;
    const Json& v = s[field];
    if (v.is_null() && nullable) return;
    bool ok = v.is_string() && (reference ? detail::is_reference_path(v.get<std::string>())
                                          : detail::is_json_path(v.get<std::string>()));
    if (!ok)
      add(R::kInvalidField, fmt::format("{} of state '{}' is {}, which is not a valid {}path", field, state, v.dump(),
                                        reference ? "reference " : "JSON"));
  }

  void check_payload_template(const std::string& state, const Json& v, const char* field) {
    if (v.is_object()) {
      for (const auto& [key, value] : v.items()) {
        if (key.ends_with(".$")) {
          if (!value.is_string() || !detail::is_dynamic_value(value.get<std::string>()))
            add(R::kInvalidField, fmt::format("{} of state '{}': key '{}' must map to a path or an intrinsic function, "
                                              "not {}",
                                              field, state, key, value.dump()));
        } else {
          check_payload_template(state, value, field);
        }
      }
    } else if (v.is_array()) {
      for (const auto& item : v) check_payload_template(state, item, field);
    }
  }

  void check_retry_catch(const std::string& name, const Json& s, const Json& states) {
    if (s.contains("Retry")) {
      if (!s["Retry"].is_array()) add(R::kMissingField, fmt::format("Retry of state '{}' must be an array", name));
      for (const auto& r : s["Retry"]) check_error_equals(name, r, "Retry");
      for (const auto& r : s["Retry"]) {
        if (!r.is_object()) continue;
        if (r.contains("IntervalSeconds") && !is_positive_int(r["IntervalSeconds"]))
          add(R::kInvalidField, fmt::format("Retry IntervalSeconds of state '{}' must be an integer >= 1", name));
        if (r.contains("MaxAttempts") && !is_non_negative_int(r["MaxAttempts"]))
          add(R::kInvalidField, fmt::format("Retry MaxAttempts of state '{}' must be an integer >= 0", name));
        if (r.contains("MaxDelaySeconds") && !is_positive_int(r["MaxDelaySeconds"]))
          add(R::kInvalidField, fmt::format("Retry MaxDelaySeconds of state '{}' must be an integer >= 1", name));
        if (r.contains("BackoffRate") && (!r["BackoffRate"].is_number() || r["BackoffRate"].get<double>() < 1.0))
          add(R::kInvalidField, fmt::format("Retry BackoffRate of state '{}' must be a number >= 1.0", name));
        if (r.contains("JitterStrategy") && r["JitterStrategy"] != "FULL" && r["JitterStrategy"] != "NONE")
          add(R::kInvalidField, fmt::format("Retry JitterStrategy of state '{}' must be FULL or NONE", name));
      }
    }
    if (s.contains("Catch")) {
      if (!s["Catch"].is_array()) add(R::kMissingField, fmt::format("Catch of state '{}' must be an array", name));
      for (const auto& c : s["Catch"]) {
        check_error_equals(name, c, "Catch");
        if (!c.is_object()) continue;
        if (!c.contains("Next"))
          add(R::kMissingTarget, fmt::format("a Catch of state '{}' has no Next", name));
        else
          check_target(name, c["Next"], states, "Catch Next");
        check_path(name, c, "ResultPath", true, true);
      }
    }
  }

  void check_error_equals(const std::string& name, const Json& r, const char* where) {
    bool ok = r.is_object() && r.contains("ErrorEquals") && r["ErrorEquals"].is_array() && !r["ErrorEquals"].empty();
    if (ok)
      for (const auto& e : r["ErrorEquals"]) ok = ok && e.is_string();
    if (!ok)
      add(R::kMissingField,
          fmt::format("every {} entry of state '{}' needs ErrorEquals, a non-empty array of error names", where, name));
  }

  void check_rule(const std::string& name, const Json& rule, bool top) {
    if (!rule.is_object())
      return add(R::kMissingField, fmt::format("a Choice rule of state '{}' is not an object", name));
    if (!top && rule.contains("Next"))
      add(R::kInvalidField, fmt::format("a rule nested in And/Or/Not of Choice '{}' must not have Next", name));
    int combinators = 0;
    for (const char* c : {"And", "Or", "Not"}) combinators += rule.contains(c) ? 1 : 0;
    int operators = 0;
    std::string op;
    for (const auto& [key, value] : rule.items()) {
      if (comparison_operators().contains(key)) {
        ++operators;
        op = key;
      }
    }
    if (combinators + operators != 1)
      return add(
          R::kMissingField,
          fmt::format("a Choice rule of state '{}' must have exactly one comparison operator or And/Or/Not", name));
    if (rule.contains("And") || rule.contains("Or")) {
      const Json& list = rule.contains("And") ? rule["And"] : rule["Or"];
      if (!list.is_array() || list.empty())
        return add(R::kMissingField, fmt::format("And/Or in Choice '{}' must be a non-empty array", name));
      for (const auto& r : list) check_rule(name, r, false);
      return;
    }
    if (rule.contains("Not")) return check_rule(name, rule["Not"], false);
    if (!rule.contains("Variable") || !rule["Variable"].is_string() ||
        !detail::is_reference_path(rule["Variable"].get<std::string>()))
      add(R::kInvalidField, fmt::format("{} rule of Choice '{}' needs a Variable that is a reference path", op, name));
    const Json& v = rule[op];
    bool ok = false;
    switch (comparison_operators().at(op)) {
      case ValueKind::kString:
        ok = v.is_string();
        break;
      case ValueKind::kNumber:
        ok = v.is_number();
        break;
      case ValueKind::kBoolean:
        ok = v.is_boolean();
        break;
      case ValueKind::kTimestamp:
        ok = v.is_string() && is_timestamp(v.get<std::string>());
        break;
      case ValueKind::kPath:
        ok = v.is_string() && detail::is_reference_path(v.get<std::string>());
        break;
    }
    if (!ok)
      add(R::kInvalidField, fmt::format("{} in Choice '{}' has a value of the wrong type: {}", op, name, v.dump()));
  }

  // Returns whether the state is terminal (ends its scope).
  bool check_state(const std::string& name, const Json& s, const Json& states) {
    if (!s.is_object() || !s.contains("Type") || !s["Type"].is_string()) {
      add(R::kMissingField, fmt::format("state '{}' has no Type", name));
      return false;
    }
    const std::string type = s["Type"].get<std::string>();
    static const std::set<std::string> kTypes{"Pass", "Task", "Choice", "Wait", "Succeed", "Fail", "Parallel", "Map"};
    if (!kTypes.contains(type)) {
      add(R::kMissingField, fmt::format("state '{}' has unknown Type '{}'", name, type));
      return false;
    }
    const bool has_next = s.contains("Next");
    const bool has_end = s.contains("End");
    bool terminal = false;
    if (type == "Choice" || type == "Succeed" || type == "Fail") {
      if (has_next || has_end)
        add(R::kTransitionFromTerminal,
            fmt::format("{} state '{}' must not have {}", type, name, has_next ? "Next" : "End"));
      terminal = type != "Choice";
    } else {
      if (has_next && has_end) {
        add(R::kTransitionFromTerminal, fmt::format("state '{}' has both Next and End; keep exactly one", name));
      } else if (!has_next && !has_end) {
        add(R::kMissingTarget, fmt::format("state '{}' has neither Next nor End", name));
      } else if (has_next) {
        check_target(name, s["Next"], states, "Next");
      } else if (s["End"] != true) {
        add(R::kInvalidField, fmt::format("End of state '{}' must be true", name));
      } else {
        terminal = true;
      }
    }
    if (s.contains("Comment") && !s["Comment"].is_string())
      add(R::kInvalidField, fmt::format("Comment of state '{}' must be a string", name));
    const bool retry_catch = type == "Task" || type == "Parallel" || type == "Map";
    if (!retry_catch && (s.contains("Retry") || s.contains("Catch")))
      add(R::kRetryCatchNotAllowed,
          fmt::format("{} state '{}' cannot have Retry or Catch (only Task, Parallel and Map can)", type, name));
    if (retry_catch) check_retry_catch(name, s, states);
    if (type != "Fail" && type != "Succeed") {
      check_path(name, s, "InputPath", false, true);
      check_path(name, s, "OutputPath", false, true);
    }
    if (type == "Pass" || type == "Task" || type == "Parallel" || type == "Map") {
      check_path(name, s, "ResultPath", true, true);
      if (s.contains("Parameters")) check_payload_template(name, s["Parameters"], "Parameters");
    }
    if (type == "Task" || type == "Parallel" || type == "Map") {
      if (s.contains("ResultSelector")) check_payload_template(name, s["ResultSelector"], "ResultSelector");
    }
    if (type == "Task") check_task(name, s);
    if (type == "Wait") check_wait(name, s);
    if (type == "Fail") check_fail(name, s);
    if (type == "Choice") check_choice(name, s, states);
    if (type == "Parallel") {
      if (!s.contains("Branches") || !s["Branches"].is_array() || s["Branches"].empty()) {
        add(R::kMissingField, fmt::format("Parallel state '{}' needs a non-empty Branches array", name));
      } else {
        int i = 0;
        for (const auto& b : s["Branches"]) check_scope(b, fmt::format("branch {} of Parallel '{}'", ++i, name));
      }
    }
    if (type == "Map") check_map(name, s);
    return terminal;
  }

  void check_task(const std::string& name, const Json& s) {
    if (!s.contains("Resource") || !s["Resource"].is_string() || s["Resource"].get<std::string>().empty())
      add(R::kMissingField, fmt::format("Task state '{}' needs a Resource ARN", name));
    for (const char* field : {"TimeoutSeconds", "HeartbeatSeconds"}) {
      std::string path_field = std::string(field, std::string_view(field).size() - 7) + "SecondsPath";
      if (s.contains(field) && s.contains(path_field))
        add(R::kInvalidField, fmt::format("Task state '{}' has both {} and {}", name, field, path_field));
      if (s.contains(field) && !is_positive_int(s[field]))
        add(R::kInvalidField, fmt::format("{} of Task state '{}' must be a positive integer", field, name));
      check_path(name, s, path_field.c_str(), true, false);
    }
    if (s.contains("TimeoutSeconds") && s.contains("HeartbeatSeconds") && s["TimeoutSeconds"].is_number() &&
        s["HeartbeatSeconds"].is_number() && s["HeartbeatSeconds"].get<double>() >= s["TimeoutSeconds"].get<double>())
      add(R::kInvalidField, fmt::format("HeartbeatSeconds of Task state '{}' must be less than TimeoutSeconds", name));
  }

  void check_wait(const std::string& name, const Json& s) {
    int count = 0;
    for (const char* f : {"Seconds", "SecondsPath", "Timestamp", "TimestampPath"}) count += s.contains(f) ? 1 : 0;
    if (count != 1)
      return add(
          R::kInvalidField,
          fmt::format("Wait state '{}' needs exactly one of Seconds, SecondsPath, Timestamp, TimestampPath", name));
    if (s.contains("Seconds") && !is_non_negative_int(s["Seconds"]))
      add(R::kInvalidField, fmt::format("Seconds of Wait state '{}' must be an integer >= 0", name));
    if (s.contains("Timestamp") && (!s["Timestamp"].is_string() || !is_timestamp(s["Timestamp"].get<std::string>())))
      add(R::kInvalidField, fmt::format("Timestamp of Wait state '{}' must be an RFC 3339 timestamp", name));
    check_path(name, s, "SecondsPath", true, false);
    check_path(name, s, "TimestampPath", true, false);
  }

  void check_fail(const std::string& name, const Json& s) {
    for (const char* f : {"Error", "Cause"}) {
      std::string p = std::string(f) + "Path";
      if (s.contains(f) && s.contains(p))
        add(R::kInvalidField, fmt::format("Fail state '{}' has both {} and {}", name, f, p));
      if (s.contains(f) && !s[f].is_string())
        add(R::kInvalidField, fmt::format("{} of Fail state '{}' must be a string", f, name));
      if (s.contains(p) && (!s[p].is_string() || !detail::is_dynamic_value(s[p].get<std::string>())))
        add(R::kInvalidField, fmt::format("{} of Fail state '{}' must be a path or intrinsic function", p, name));
    }
  }

  void check_choice(const std::string& name, const Json& s, const Json& states) {
    if (!s.contains("Choices") || !s["Choices"].is_array() || s["Choices"].empty())
      return add(R::kMissingTarget, fmt::format("Choice state '{}' needs at least one rule in Choices", name));
    for (const auto& rule : s["Choices"]) {
      check_rule(name, rule, true);
      if (!rule.is_object()) continue;
      if (!rule.contains("Next"))
        add(R::kMissingTarget, fmt::format("a rule of Choice '{}' has no Next", name));
      else
        check_target(name, rule["Next"], states, "a rule's Next");
    }
    if (s.contains("Default")) check_target(name, s["Default"], states, "Default");
  }

  void check_map(const std::string& name, const Json& s) {
    const bool processor = s.contains("ItemProcessor");
    if (processor == s.contains("Iterator"))
      return add(R::kMissingField, fmt::format("Map state '{}' needs exactly one of ItemProcessor and Iterator", name));
    check_path(name, s, "ItemsPath", false, false);
    if (s.contains("MaxConcurrency") && !is_non_negative_int(s["MaxConcurrency"]))
      add(R::kInvalidField, fmt::format("MaxConcurrency of Map state '{}' must be an integer >= 0", name));
    for (const char* f : {"ItemSelector", "Parameters"})
      if (s.contains(f)) check_payload_template(name, s[f], f);
    const Json& body = processor ? s["ItemProcessor"] : s["Iterator"];
    if (!body.is_object())
      return add(R::kMissingField, fmt::format("the item processor of Map state '{}' must be an object", name));
    check_scope(body, fmt::format("the item processor of Map '{}'", name));
  }
};

}  // namespace

std::vector<Problem> check_asl(std::string_view asl_json) {
  Json doc = Json::parse(asl_json, nullptr, false);
  if (doc.is_discarded()) return {{R::kMissingField, "the definition is not valid JSON"}};
  Checker c;
  c.check_machine(doc);
  return c.problems;
}

void validate_asl(std::string_view asl_json) {
  auto problems = check_asl(asl_json);
  if (!problems.empty()) throw DefinitionError(problems.front().rule, problems.front().message);
}

}  // namespace hoplite::sfn
