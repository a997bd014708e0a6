#include "local/iam/policy.hpp"

#include <algorithm>
#include <charconv>
#include <optional>

#include <nlohmann/json.hpp>

#include "local/protocol/json.hpp"
#include "local/service.hpp"
#include "local/wildcard.hpp"

#include "hoplite/core/ascii.hpp"

namespace hoplite::local::iam {
namespace {

using nlohmann::json;

core::Failure malformed(std::string message) { return aws_error("MalformedPolicyDocument", std::move(message)); }

/// A string or a list of strings (IAM accepts both for Action, Resource, condition values).
core::Result<std::vector<std::string>> strings(const json& v, std::string_view what) {
  std::vector<std::string> out;
  auto one = [&](const json& x) -> bool {
    if (x.is_string())
      out.push_back(x.get<std::string>());
    else if (x.is_boolean())
      out.push_back(x.get<bool>() ? "true" : "false");
    else if (x.is_number())
      out.push_back(x.dump());
    else
      return false;
    return true;
  };
  if (v.is_array()) {
    for (const auto& x : v)
      if (!one(x)) return malformed("Syntax errors in policy. " + std::string(what) + " must be strings.");
  } else if (!one(v)) {
    return malformed("Syntax errors in policy. " + std::string(what) + " must be a string or a list of strings.");
  }
  return out;
}

core::Result<std::vector<Condition>> conditions(const json& block) {
  if (!block.is_object()) return malformed("Syntax errors in policy. Condition must be an object.");
  std::vector<Condition> out;
  for (const auto& [name, keys] : block.items()) {
    Condition c;
    std::string_view op = name;
    if (auto colon = op.find(':'); colon != std::string_view::npos) {
      c.set = std::string(op.substr(0, colon));
      if (c.set != "ForAnyValue" && c.set != "ForAllValues") return malformed("Invalid Condition type : " + name);
      op = op.substr(colon + 1);
    }
    if (op.ends_with("IfExists")) {
      c.if_exists = true;
      op.remove_suffix(8);
    }
    c.op = std::string(op);
    if (!keys.is_object()) return malformed("Syntax errors in policy. Condition " + name + " must be an object.");
    for (const auto& [key, values] : keys.items()) {
      Condition k = c;
      k.key = key;
      auto v = strings(values, "Condition values");
      if (!v) return v.failure();
      k.values = std::move(*v);
      out.push_back(std::move(k));
    }
  }
  return out;
}

core::Result<std::vector<std::string>> principals(const json& p) {
  if (p.is_string()) {
    if (p.get<std::string>() != "*") return malformed("Invalid principal in policy: " + p.get<std::string>());
    return std::vector<std::string>{"*"};
  }
  if (!p.is_object()) return malformed("Syntax errors in policy. Principal must be an object or \"*\".");
  std::vector<std::string> out;
  for (const auto& [type, values] : p.items()) {
    if (type != "AWS" && type != "Service" && type != "Federated" && type != "CanonicalUser")
      return malformed("Invalid principal in policy: \"" + type + "\"");
    auto v = strings(values, "Principals");
    if (!v) return v.failure();
    out.insert(out.end(), v->begin(), v->end());
  }
  return out;
}

core::Result<Statement> statement(const json& s, PolicyKind kind) {
  if (!s.is_object()) return malformed("Syntax errors in policy. A statement must be an object.");
  Statement out;
  if (s.contains("Sid")) {
    if (!s["Sid"].is_string()) return malformed("Syntax errors in policy. Sid must be a string.");
    out.sid = s["Sid"].get<std::string>();
  }
  if (!s.contains("Effect") || !s["Effect"].is_string()) return malformed("Missing required field Effect");
  const std::string effect = s["Effect"].get<std::string>();
  if (effect != "Allow" && effect != "Deny") return malformed("Invalid effect: " + effect.substr(0, 64));
  out.allow = effect == "Allow";
  if (s.contains("Action") == s.contains("NotAction")) return malformed("Policy statement must contain actions.");
  out.not_action = s.contains("NotAction");
  auto actions = strings(s[out.not_action ? "NotAction" : "Action"], "Actions");
  if (!actions) return actions.failure();
  for (const auto& a : *actions)
    if (a != "*" && a.find(':') == std::string::npos)
      return malformed("Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc.");
  out.actions = std::move(*actions);
  const bool has_resource = s.contains("Resource") || s.contains("NotResource");
  const bool has_principal = s.contains("Principal") || s.contains("NotPrincipal");
  if (kind == PolicyKind::identity) {
    if (has_principal) return malformed("Policy document should not specify a principal.");
    if (!has_resource || (s.contains("Resource") && s.contains("NotResource")))
      return malformed("Policy statement must contain resources.");
    out.not_resource = s.contains("NotResource");
    auto resources = strings(s[out.not_resource ? "NotResource" : "Resource"], "Resources");
    if (!resources) return resources.failure();
    out.resources = std::move(*resources);
  } else {
    if (has_resource) return malformed("Has prohibited field Resource");
    if (!s.contains("Principal")) return malformed("Missing required field Principal");
    auto p = principals(s["Principal"]);
    if (!p) return p.failure();
    out.principals = std::move(*p);
  }
  if (s.contains("Condition")) {
    auto c = conditions(s["Condition"]);
    if (!c) return c.failure();
    out.conditions = std::move(*c);
  }
  for (const auto& [key, value] : s.items()) {
    static constexpr std::string_view kKnown[] = {"Sid",         "Effect",    "Action",       "NotAction", "Resource",
                                                  "NotResource", "Principal", "NotPrincipal", "Condition"};
    if (std::find(std::begin(kKnown), std::end(kKnown), key) == std::end(kKnown))
      return malformed("Syntax errors in policy. Unknown field " + key.substr(0, 64));
  }
  return out;
}

std::optional<double> number(std::string_view s) {
  double d = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), d);
  if (ec != std::errc{} || end != s.data() + s.size()) return std::nullopt;
  return d;
}

/// One request value against one policy value, for a (non-negated) operator. nullopt: an operator
/// this evaluator does not know.
std::optional<bool> compare(std::string_view op, const std::string& have, const std::string& want) {
  if (op == "StringEquals" || op == "StringNotEquals") return have == want;
  if (op == "StringEqualsIgnoreCase" || op == "StringNotEqualsIgnoreCase")
    return core::ascii_lower(have) == core::ascii_lower(want);
  if (op == "StringLike" || op == "StringNotLike" || op == "ArnLike" || op == "ArnNotLike" || op == "ArnEquals" ||
      op == "ArnNotEquals")
    return wildcard_match(want, have);
  if (op == "Bool") return core::ascii_lower(have) == core::ascii_lower(want);
  if (op.starts_with("Numeric")) {
    auto a = number(have);
    auto b = number(want);
    if (!a || !b) return false;
    std::string_view rel = op.substr(7);
    if (rel == "Equals") return *a == *b;
    if (rel == "NotEquals") return *a == *b;
    if (rel == "LessThan") return *a < *b;
    if (rel == "LessThanEquals") return *a <= *b;
    if (rel == "GreaterThan") return *a > *b;
    if (rel == "GreaterThanEquals") return *a >= *b;
  }
  return std::nullopt;
}

bool negated(std::string_view op) { return op.find("Not") != std::string_view::npos; }

/// Whether one condition holds for the request; nullopt for an operator this evaluator does not
/// know.
std::optional<bool> holds(const Condition& c, const RequestContext& request) {
  const std::vector<std::string>* have = nullptr;
  const std::string key = core::ascii_lower(c.key);
  for (const auto& [k, v] : request.keys)
    if (core::ascii_lower(k) == key) have = &v;
  if (c.op == "Null") {
    const bool absent = have == nullptr || have->empty();
    return std::any_of(c.values.begin(), c.values.end(),
                       [&](const auto& v) { return (core::ascii_lower(v) == "true") == absent; });
  }
  if (have == nullptr || have->empty()) {
    if (c.if_exists) return true;
    // A negated operator on a key that is not there holds (nothing equals any value); so does
    // ForAllValues over no values.
    return negated(c.op) || c.set == "ForAllValues";
  }
  // Does one request value match any policy value?
  auto value_matches = [&](const std::string& v) -> std::optional<bool> {
    bool any = false;
    for (const auto& want : c.values) {
      auto r = compare(c.op, v, want);
      if (!r) return std::nullopt;
      any = any || *r;
    }
    return negated(c.op) ? !any : any;
  };
  bool all = true;
  bool some = false;
  for (const auto& v : *have) {
    auto m = value_matches(v);
    if (!m) return std::nullopt;
    all = all && *m;
    some = some || *m;
  }
  if (c.set == "ForAllValues") return all;
  return some;
}

enum class Applies { yes, no, unknown };

Applies applies(const Statement& s, const RequestContext& request) {
  bool action = std::any_of(s.actions.begin(), s.actions.end(),
                            [&](const auto& a) { return wildcard_match(a, request.action, true); });
  if (action == s.not_action) return Applies::no;
  bool resource = std::any_of(s.resources.begin(), s.resources.end(),
                              [&](const auto& r) { return wildcard_match(r, request.resource); });
  if (resource == s.not_resource) return Applies::no;
  for (const auto& c : s.conditions) {
    auto h = holds(c, request);
    if (!h) return Applies::unknown;
    if (!*h) return Applies::no;
  }
  return Applies::yes;
}

}  // namespace

core::Result<PolicyDocument> parse_policy(std::string_view text, PolicyKind kind) {
  if (text.size() > kMaxPolicyBytes) return aws_error("LimitExceeded", "Cannot exceed quota for PolicySize");
  auto doc = parse_json_body(text);
  if (!doc || text.find_first_not_of(" \t\r\n") == std::string_view::npos) return malformed("Syntax errors in policy.");
  if (doc->contains("Version")) {
    const auto& v = (*doc)["Version"];
    if (!v.is_string() || (v != "2012-10-17" && v != "2008-10-17"))
      return malformed("The policy failed legacy parsing");
  }
  if (!doc->contains("Statement")) return malformed("Syntax errors in policy.");
  const json& statements = (*doc)["Statement"];
  PolicyDocument out;
  if (statements.is_array()) {
    for (const auto& s : statements) {
      auto st = statement(s, kind);
      if (!st) return st.failure();
      out.statements.push_back(std::move(*st));
    }
  } else {
    auto st = statement(statements, kind);
    if (!st) return st.failure();
    out.statements.push_back(std::move(*st));
  }
  if (out.statements.empty()) return malformed("Syntax errors in policy.");
  return out;
}

Evaluation evaluate(const std::vector<PolicyDocument>& policies, const RequestContext& request) {
  Evaluation out;
  for (const auto& p : policies)
    for (const auto& s : p.statements) {
      Applies a = applies(s, request);
      // Fail safe on operators this evaluator cannot judge: a Deny counts, an Allow does not.
      if (!s.allow && a != Applies::no) return {Decision::explicit_deny, s.sid};
      if (s.allow && a == Applies::yes && out.decision == Decision::implicit_deny) out = {Decision::allow, s.sid};
    }
  return out;
}

bool trusts(const PolicyDocument& trust, std::string_view principal, std::string_view action) {
  bool allowed = false;
  for (const auto& s : trust.statements) {
    bool acts =
        std::any_of(s.actions.begin(), s.actions.end(), [&](const auto& a) { return wildcard_match(a, action, true); });
    if (acts == s.not_action) continue;
    bool names = std::any_of(s.principals.begin(), s.principals.end(), [&](const std::string& p) {
      if (p == "*" || p == principal) return true;
      // An account id or its root ARN trusts every principal of the account.
      std::string account = p.starts_with("arn:") ? p.substr(p.find("::") + 2, 12) : p;
      bool root = p.size() == 12 || p.ends_with(":root");
      return root && principal.find(":" + account + ":") != std::string_view::npos;
    });
    if (!names || !s.conditions.empty()) continue;
    if (!s.allow) return false;
    allowed = true;
  }
  return allowed;
}

}  // namespace hoplite::local::iam
