#include "hoplite/sfn/state_machine.hpp"

#include <fmt/format.h>

#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "hoplite/cfn/intrinsics.hpp"
#include "hoplite/cfn/logical_id.hpp"
#include "hoplite/cfn/render.hpp"
#include "hoplite/cfn/resource.hpp"
#include "hoplite/cfn/template.hpp"
#include "hoplite/sfn/error.hpp"
#include "hoplite/sfn/validate.hpp"
#include "sfn/checks.hpp"
#include "sfn/node.hpp"

namespace hoplite::sfn {
namespace {

using Json = nlohmann::ordered_json;
using NodePtr = std::shared_ptr<detail::StateNode>;

// Renders the graph reachable from a start state into ASL, collecting placeholders and permissions.
class Renderer {
 public:
  std::vector<std::pair<std::string, cfn::Json>> substitutions;
  std::vector<cfn::iam::PolicyStatement> statements;

  Json scope(const NodePtr& start, const std::string& where) {
    std::vector<const detail::StateNode*> order;
    collect(start, where, order);
    Json out = Json::object();
    out["StartAt"] = start->name;
    Json states = Json::object();
    for (const auto* n : order) states[n->name] = state(*n);
    out["States"] = std::move(states);
    return out;
  }

  Json value(const cfn::Json& v) {
    switch (v.kind()) {
      case cfn::Json::Kind::null:
        return nullptr;
      case cfn::Json::Kind::boolean:
        return v.as_bool();
      case cfn::Json::Kind::integer:
        return v.as_int();
      case cfn::Json::Kind::number:
        return v.as_double();
      case cfn::Json::Kind::string:
        return escape(v.as_string());
      case cfn::Json::Kind::array: {
        Json a = Json::array();
        for (const auto& item : v.as_array()) a.push_back(value(item));
        return a;
      }
      case cfn::Json::Kind::object: {
        Json o = Json::object();
        for (const auto& [k, item] : v.as_object()) o[k] = value(item);
        return o;
      }
      case cfn::Json::Kind::intrinsic:
        return "${" + placeholder(v) + "}";
    }
    return nullptr;
  }

 private:
  std::map<const detail::StateNode*, std::string> owner_;
  std::map<std::string, const detail::StateNode*> names_;
  std::map<std::string, std::string> placeholder_by_value_;
  std::set<std::string> placeholder_names_;

  // Fn::Sub would read a literal "${x}" as a variable; "${!x}" is its escape.
  static std::string escape(const std::string& s) {
    std::string out;
    for (std::size_t i = 0; i < s.size(); ++i) {
      out += s[i];
      if (s[i] == '$' && i + 1 < s.size() && s[i + 1] == '{') {
        out += "{!";
        ++i;
      }
    }
    return out;
  }

  std::string placeholder(const cfn::Json& v) {
    std::string key = v.dump();
    if (auto it = placeholder_by_value_.find(key); it != placeholder_by_value_.end()) return it->second;
    const auto& node = v.as_intrinsic();
    std::string base;
    if (node.function == "Ref" && node.args.is_string()) {
      base = cfn::sanitize_logical_id(node.args.as_string());
    } else if (node.function == "Fn::GetAtt" && node.args.is_array() && node.args.size() == 2 &&
               node.args.as_array()[0].is_string() && node.args.as_array()[1].is_string()) {
      base = cfn::sanitize_logical_id(node.args.as_array()[0].as_string() + node.args.as_array()[1].as_string());
    } else {
      base = cfn::logical_id("Value", key);
    }
    std::string name = base;
    for (int i = 2; placeholder_names_.contains(name); ++i) name = fmt::format("{}{}", base, i);
    placeholder_names_.insert(name);
    placeholder_by_value_[key] = name;
    substitutions.emplace_back(name, v);
    return name;
  }

  void collect(const NodePtr& n, const std::string& where, std::vector<const detail::StateNode*>& order) {
    if (!n) return;
    if (auto it = owner_.find(n.get()); it != owner_.end()) {
      if (it->second == where) return;
      throw DefinitionError(DefinitionRule::kDanglingTarget,
                            fmt::format("state '{}' belongs to {} but is also a target in {}; transitions cannot "
                                        "cross into or out of a Parallel branch or a Map item processor",
                                        n->name, it->second, where));
    }
    if (auto it = names_.find(n->name); it != names_.end() && it->second != n.get()) {
      throw DefinitionError(DefinitionRule::kDuplicateName,
                            fmt::format("two different states are named '{}'; state names must be unique in the "
                                        "whole state machine (including branches and Map processors)",
                                        n->name));
    }
    owner_[n.get()] = where;
    names_[n->name] = n.get();
    order.push_back(n.get());
    if (n->next) collect(n->next.get(), where, order);
    for (const auto& rule : n->choices) collect(rule.next.get(), where, order);
    if (n->default_next) collect(n->default_next.get(), where, order);
    for (const auto& c : n->catchers) collect(c.handler.get(), where, order);
  }

  static Json path(const Path& p) { return p.is_null() ? Json(nullptr) : Json(p.text()); }

  Json state(const detail::StateNode& n) {
    Json s = Json::object();
    s["Type"] = detail::to_string(n.type);
    if (!n.comment.empty()) s["Comment"] = n.comment;
    if (n.type == StateType::task) s["Resource"] = value(n.resource);
    if (n.input_path) s["InputPath"] = path(*n.input_path);
    if (n.items_path) s["ItemsPath"] = path(*n.items_path);
    if (n.max_concurrency) s["MaxConcurrency"] = *n.max_concurrency;
    if (!n.parameters.is_null()) s[n.type == StateType::map ? "ItemSelector" : "Parameters"] = value(n.parameters);
    if (!n.result.is_null()) s["Result"] = value(n.result);
    if (!n.result_selector.is_null()) s["ResultSelector"] = value(n.result_selector);
    if (n.result_path) s["ResultPath"] = path(*n.result_path);
    if (n.output_path) s["OutputPath"] = path(*n.output_path);
    if (n.wait_seconds) s["Seconds"] = *n.wait_seconds;
    if (!n.wait_seconds_path.empty()) s["SecondsPath"] = n.wait_seconds_path;
    if (!n.wait_timestamp.empty()) s["Timestamp"] = n.wait_timestamp;
    if (!n.wait_timestamp_path.empty()) s["TimestampPath"] = n.wait_timestamp_path;
    if (n.type == StateType::choice) {
      if (n.choices.empty()) {
        throw DefinitionError(DefinitionRule::kMissingTarget,
                              fmt::format("Choice '{}' has no rules; add one with when(condition, next)", n.name));
      }
      Json rules = Json::array();
      for (const auto& r : n.choices) {
        Json rule = value(r.condition.json());
        rule["Next"] = r.next.name();
        rules.push_back(std::move(rule));
      }
      s["Choices"] = std::move(rules);
      if (n.default_next) s["Default"] = n.default_next.name();
    }
    if (!n.error.empty()) s["Error"] = n.error;
    if (!n.error_path.empty()) s["ErrorPath"] = n.error_path;
    if (!n.cause.empty()) s["Cause"] = n.cause;
    if (!n.cause_path.empty()) s["CausePath"] = n.cause_path;
    if (n.type == StateType::parallel) {
      if (n.branches.empty())
        throw DefinitionError(DefinitionRule::kMissingField,
                              fmt::format("Parallel '{}' has no branches; add one with branch(...)", n.name));
      Json branches = Json::array();
      for (std::size_t i = 0; i < n.branches.size(); ++i)
        branches.push_back(scope(n.branches[i], fmt::format("branch {} of Parallel '{}'", i + 1, n.name)));
      s["Branches"] = std::move(branches);
    }
    if (n.type == StateType::map) {
      if (!n.processor)
        throw DefinitionError(DefinitionRule::kMissingField,
                              fmt::format("Map '{}' has no item processor; set one with item_processor(...)", n.name));
      Json body = Json::object();
      body["ProcessorConfig"] = {{"Mode", "INLINE"}};
      Json inner = scope(n.processor, fmt::format("the item processor of Map '{}'", n.name));
      body["StartAt"] = inner["StartAt"];
      body["States"] = inner["States"];
      s["ItemProcessor"] = std::move(body);
    }
    if (n.timeout_seconds) s["TimeoutSeconds"] = *n.timeout_seconds;
    if (!n.timeout_seconds_path.empty()) s["TimeoutSecondsPath"] = n.timeout_seconds_path;
    if (n.heartbeat_seconds) s["HeartbeatSeconds"] = *n.heartbeat_seconds;
    if (!n.heartbeat_seconds_path.empty()) s["HeartbeatSecondsPath"] = n.heartbeat_seconds_path;
    if (!n.retriers.empty()) {
      Json list = Json::array();
      for (const auto& r : n.retriers) {
        Json j = Json::object();
        j["ErrorEquals"] = r.errors;
        if (r.interval_seconds) j["IntervalSeconds"] = *r.interval_seconds;
        if (r.max_attempts) j["MaxAttempts"] = *r.max_attempts;
        if (r.backoff_rate) j["BackoffRate"] = *r.backoff_rate;
        if (r.max_delay_seconds) j["MaxDelaySeconds"] = *r.max_delay_seconds;
        if (r.jitter) j["JitterStrategy"] = *r.jitter == Jitter::full ? "FULL" : "NONE";
        list.push_back(std::move(j));
      }
      s["Retry"] = std::move(list);
    }
    if (!n.catchers.empty()) {
      Json list = Json::array();
      for (const auto& c : n.catchers) {
        Json j = Json::object();
        j["ErrorEquals"] = c.props.errors;
        if (c.props.result_path) j["ResultPath"] = path(*c.props.result_path);
        j["Next"] = c.handler.name();
        list.push_back(std::move(j));
      }
      s["Catch"] = std::move(list);
    }
    const bool terminal = n.type == StateType::succeed || n.type == StateType::fail || n.type == StateType::choice;
    if (!terminal) {
      if (n.next)
        s["Next"] = n.next.name();
      else
        s["End"] = true;
    }
    for (const auto& st : n.statements) statements.push_back(st);
    return s;
  }
};

// One statement per (actions, condition), resources merged without duplicates, first-seen order.
std::vector<cfn::iam::PolicyStatement> merge(const std::vector<cfn::iam::PolicyStatement>& in) {
  std::vector<cfn::iam::PolicyStatement> out;
  std::vector<std::string> keys;
  for (const auto& st : in) {
    std::string key = fmt::format("{}|{}", fmt::join(st.actions, ","), st.condition.dump());
    auto it = std::find(keys.begin(), keys.end(), key);
    if (it == keys.end()) {
      keys.push_back(key);
      out.push_back({st.actions, {}, st.condition});
      it = keys.end() - 1;
    }
    auto& target = out[static_cast<std::size_t>(it - keys.begin())];
    for (const auto& r : st.resources) {
      bool seen = false;
      for (const auto& existing : target.resources) seen = seen || existing == r;
      if (!seen) target.resources.push_back(r);
    }
  }
  return out;
}

}  // namespace

StateMachine::StateMachine(std::string name, const Chain& definition, StateMachineProps props)
    : name_(std::move(name)), props_(std::move(props)) {
  if (cfn::sanitize_logical_id(name_).empty())
    throw DefinitionError(DefinitionRule::kBadName,
                          fmt::format("state machine name '{}' needs at least one letter or digit", name_));
  if (props_.timeout_seconds && *props_.timeout_seconds < 1)
    throw DefinitionError(DefinitionRule::kInvalidField,
                          fmt::format("TimeoutSeconds of state machine '{}' must be at least 1", name_));
  Renderer r;
  Json doc = Json::object();
  if (!props_.comment.empty()) doc["Comment"] = props_.comment;
  Json body = r.scope(definition.start_node(), "the state machine");
  doc["StartAt"] = body["StartAt"];
  if (props_.timeout_seconds) doc["TimeoutSeconds"] = *props_.timeout_seconds;
  doc["States"] = body["States"];
  asl_.text = doc.dump(2) + "\n";
  asl_.substitutions = std::move(r.substitutions);
  // The ASL rules of the checker hold for everything the builder emits; a failure here is a
  // definition the constructors above let through. Substituted values stand in as Lambda function
  // ARNs: valid wherever an ARN or a string may appear, a Task's Resource included.
  validate_asl(resolved_asl([](const std::string& var, const cfn::Json&) {
    return "arn:aws:lambda:us-east-1:000000000000:function:placeholder-" + var;
  }));

  policy_ = merge(r.statements);
  if (props_.logging) {
    policy_.push_back(
        {{"logs:CreateLogDelivery", "logs:DeleteLogDelivery", "logs:DescribeLogGroups", "logs:DescribeResourcePolicies",
          "logs:GetLogDelivery", "logs:ListLogDeliveries", "logs:PutResourcePolicy", "logs:UpdateLogDelivery"},
         {"*"},
         {}});
  }
}

std::string StateMachine::logical_id() const { return cfn::sanitize_logical_id(name_); }
std::string StateMachine::role_logical_id() const { return logical_id() + "Role"; }

std::string StateMachine::resolved_asl(
    const std::function<std::string(const std::string&, const cfn::Json&)>& resolve) const {
  std::string out;
  const std::string& t = asl_.text;
  for (std::size_t i = 0; i < t.size(); ++i) {
    if (t[i] == '$' && i + 1 < t.size() && t[i + 1] == '{') {
      std::size_t end = t.find('}', i);
      std::string name = t.substr(i + 2, end - i - 2);
      if (!name.empty() && name[0] == '!') {
        out += "${";
        i += 2;
        continue;
      }
      for (const auto& [var, value] : asl_.substitutions) {
        if (var == name) out += resolve(var, value);
      }
      i = end;
      continue;
    }
    out += t[i];
  }
  return out;
}

cfn::Json StateMachine::policy_document() const { return cfn::iam::policy_document(policy_); }

}  // namespace hoplite::sfn
