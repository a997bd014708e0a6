#pragma once
/// \file IAM policy documents: parsed and checked the way IAM checks them on write
/// (MalformedPolicyDocument with IAM's sentences), and evaluated for one request the way AWS
/// evaluates identity-based policies: an explicit Deny wins, else an Allow allows, else the
/// request is implicitly denied.
///
/// Supported: Effect, Action/NotAction and Resource/NotResource with `*`/`?` wildcards (actions
/// case-insensitive), Condition operators String(Not)Equals(IgnoreCase), String(Not)Like,
/// Numeric*, Bool, Null, Arn(Not)Equals/Like, with `…IfExists` and the `ForAnyValue:` /
/// `ForAllValues:` set qualifiers. Operators it does not know (dates, IP addresses) fail safe:
/// an Allow that depends on one does not apply, a Deny does. Policy variables (`${aws:username}`)
/// are matched literally. Bounded: documents are capped before parsing, nesting is capped, and
/// matching is iterative (local/wildcard.hpp).
///
/// **Example**:
/// \code
///   auto doc = parse_policy(text, PolicyKind::identity);   // MalformedPolicyDocument on errors
///   auto d = evaluate({*doc}, {.action = "sqs:SendMessage", .resource = queue_arn});
///   if (d.decision != Decision::allow) …
/// \endcode

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "hoplite/core/result.hpp"

namespace hoplite::local::iam {

/// Identity policies (inline, managed) have Resource and no Principal; trust policies the reverse.
enum class PolicyKind { identity, trust };

struct Condition {
  std::string op;  ///< the operator without qualifiers: "StringEquals"
  bool if_exists = false;
  std::string set;  ///< "", "ForAnyValue" or "ForAllValues"
  std::string key;  ///< the condition key, as written ("aws:SourceArn")
  std::vector<std::string> values;
};

struct Statement {
  std::string sid;
  bool allow = true;
  bool not_action = false;
  std::vector<std::string> actions;
  bool not_resource = false;
  std::vector<std::string> resources;
  std::vector<std::string> principals;  ///< trust policies: `AWS`/`Service` values, `*`
  std::vector<Condition> conditions;
};

struct PolicyDocument {
  std::vector<Statement> statements;
};

/// Largest document accepted (IAM's own limit for a managed policy is 6,144 characters and for
/// all of a role's inline policies 10,240; the service applies those; this caps the parser).
inline constexpr std::size_t kMaxPolicyBytes = 131072;

/// Parses `text`. Errors: MalformedPolicyDocument (400) with IAM's messages ("Syntax errors in
/// policy.", "Policy statement must contain actions.", …).
core::Result<PolicyDocument> parse_policy(std::string_view text, PolicyKind kind);

/// One request as the evaluator sees it.
struct RequestContext {
  std::string action;    ///< "sqs:SendMessage"
  std::string resource;  ///< an ARN, or "*"
  /// Condition keys (names compared case-insensitively) with their values: "aws:SourceArn" → …
  std::map<std::string, std::vector<std::string>> keys;
};

enum class Decision { allow, implicit_deny, explicit_deny };

struct Evaluation {
  Decision decision = Decision::implicit_deny;
  std::string statement_sid;  ///< the statement that decided (allow / explicit deny)
};

/// Evaluates identity policies for one request.
[[nodiscard]] Evaluation evaluate(const std::vector<PolicyDocument>& policies, const RequestContext& request);

/// Whether a trust policy lets `principal` (an ARN, an account id or a service such as
/// `states.amazonaws.com`) perform `action` (sts:AssumeRole).
[[nodiscard]] bool trusts(const PolicyDocument& trust, std::string_view principal, std::string_view action);

}  // namespace hoplite::local::iam
