// The IAM policy evaluator on its own: parsing (IAM's MalformedPolicyDocument sentences) and the
// evaluation rules — explicit deny wins, allow allows, the rest is implicitly denied — with
// wildcards, NotAction/NotResource and condition operators.
#include <gtest/gtest.h>

#include "local/iam/policy.hpp"

namespace hoplite::local::iam {
namespace {

PolicyDocument policy(std::string_view text) {
  auto p = parse_policy(text, PolicyKind::identity);
  EXPECT_TRUE(p.ok()) << (p.ok() ? "" : p.error().to_string());
  return p.ok() ? *p : PolicyDocument{};
}

Decision decide(const std::vector<PolicyDocument>& policies, std::string action, std::string resource,
                std::map<std::string, std::vector<std::string>> keys = {}) {
  return evaluate(policies, {.action = std::move(action), .resource = std::move(resource), .keys = std::move(keys)})
      .decision;
}

std::string malformed(std::string_view text, PolicyKind kind = PolicyKind::identity) {
  auto p = parse_policy(text, kind);
  if (p.ok()) return "parsed";
  EXPECT_EQ(p.error().code, "MalformedPolicyDocument");
  return p.error().message;
}

TEST(IamPolicy, AllowDenyAndWildcards) {
  auto p = policy(R"({"Version":"2012-10-17","Statement":[
      {"Sid":"Queues","Effect":"Allow","Action":["sqs:Send*","SQS:GetQueueUrl"],"Resource":"arn:aws:sqs:us-east-1:000000000000:jobs-*"},
      {"Effect":"Deny","Action":"sqs:SendMessage","Resource":"arn:aws:sqs:us-east-1:000000000000:jobs-secret"}]})");
  EXPECT_EQ(decide({p}, "sqs:SendMessage", "arn:aws:sqs:us-east-1:000000000000:jobs-a"), Decision::allow);
  EXPECT_EQ(decide({p}, "sqs:sendmessagebatch", "arn:aws:sqs:us-east-1:000000000000:jobs-a"), Decision::allow)
      << "actions compare without case";
  EXPECT_EQ(decide({p}, "sqs:GetQueueUrl", "arn:aws:sqs:us-east-1:000000000000:jobs-b"), Decision::allow);
  EXPECT_EQ(decide({p}, "sqs:SendMessage", "arn:aws:sqs:us-east-1:000000000000:other"), Decision::implicit_deny);
  EXPECT_EQ(decide({p}, "sqs:DeleteMessage", "arn:aws:sqs:us-east-1:000000000000:jobs-a"), Decision::implicit_deny);
  EXPECT_EQ(decide({p}, "sqs:SendMessage", "arn:aws:sqs:us-east-1:000000000000:jobs-secret"), Decision::explicit_deny);
  auto e = evaluate({p}, {.action = "sqs:SendMessage", .resource = "arn:aws:sqs:us-east-1:000000000000:jobs-a"});
  EXPECT_EQ(e.statement_sid, "Queues");
}

TEST(IamPolicy, NotActionAndNotResource) {
  auto p = policy(R"({"Statement":{"Effect":"Allow","NotAction":"iam:*","NotResource":"arn:aws:s3:::private/*"}})");
  EXPECT_EQ(decide({p}, "s3:GetObject", "arn:aws:s3:::public/a"), Decision::allow);
  EXPECT_EQ(decide({p}, "s3:GetObject", "arn:aws:s3:::private/a"), Decision::implicit_deny);
  EXPECT_EQ(decide({p}, "iam:CreateRole", "*"), Decision::implicit_deny);
}

TEST(IamPolicy, Conditions) {
  auto p = policy(R"({"Statement":[{"Effect":"Allow","Action":"sns:Publish","Resource":"*","Condition":{
      "StringEquals":{"aws:RequestedRegion":["us-east-1","eu-west-1"]},
      "StringLike":{"sns:Subject":"deploy-*"},
      "NumericLessThanEquals":{"aws:MultiFactorAuthAge":"3600"},
      "Bool":{"aws:SecureTransport":true}}}]})");
  std::map<std::string, std::vector<std::string>> keys = {{"aws:requestedregion", {"eu-west-1"}},
                                                          {"sns:Subject", {"deploy-42"}},
                                                          {"aws:MultiFactorAuthAge", {"60"}},
                                                          {"aws:SecureTransport", {"true"}}};
  EXPECT_EQ(decide({p}, "sns:Publish", "arn:x", keys), Decision::allow) << "key names compare without case";
  auto other = keys;
  other["aws:requestedregion"] = {"ap-south-1"};
  EXPECT_EQ(decide({p}, "sns:Publish", "arn:x", other), Decision::implicit_deny);
  auto missing = keys;
  missing.erase("sns:Subject");
  EXPECT_EQ(decide({p}, "sns:Publish", "arn:x", missing), Decision::implicit_deny);

  auto deny = policy(R"({"Statement":[{"Effect":"Allow","Action":"*","Resource":"*"},
      {"Effect":"Deny","Action":"*","Resource":"*","Condition":{"StringNotEqualsIfExists":{"aws:SourceAccount":"000000000000"},
       "Null":{"aws:TokenIssueTime":"false"}}}]})");
  EXPECT_EQ(decide({deny}, "s3:GetObject", "*", {{"aws:TokenIssueTime", {"t"}}}), Decision::explicit_deny)
      << "IfExists: a missing key satisfies the first condition; the key Null checks is there";
  EXPECT_EQ(decide({deny}, "s3:GetObject", "*", {{"aws:TokenIssueTime", {"t"}}, {"aws:SourceAccount", {"1"}}}),
            Decision::explicit_deny);
  EXPECT_EQ(
      decide({deny}, "s3:GetObject", "*", {{"aws:TokenIssueTime", {"t"}}, {"aws:SourceAccount", {"000000000000"}}}),
      Decision::allow);
  EXPECT_EQ(decide({deny}, "s3:GetObject", "*", {{"aws:SourceAccount", {"1"}}}), Decision::allow)
      << "Null false: the key must be there";

  auto any = policy(R"({"Statement":{"Effect":"Allow","Action":"*","Resource":"*","Condition":{
      "ForAnyValue:StringEquals":{"aws:TagKeys":["team","owner"]}}}})");
  EXPECT_EQ(decide({any}, "x:Y", "*", {{"aws:TagKeys", {"env", "team"}}}), Decision::allow);
  EXPECT_EQ(decide({any}, "x:Y", "*", {{"aws:TagKeys", {"env"}}}), Decision::implicit_deny);
  auto all = policy(R"({"Statement":{"Effect":"Allow","Action":"*","Resource":"*","Condition":{
      "ForAllValues:StringEquals":{"aws:TagKeys":["team","owner"]}}}})");
  EXPECT_EQ(decide({all}, "x:Y", "*", {{"aws:TagKeys", {"owner", "team"}}}), Decision::allow);
  EXPECT_EQ(decide({all}, "x:Y", "*", {{"aws:TagKeys", {"env", "team"}}}), Decision::implicit_deny);
}

TEST(IamPolicy, UnknownOperatorsFailSafe) {
  auto allow = policy(R"({"Statement":{"Effect":"Allow","Action":"*","Resource":"*","Condition":{
      "IpAddress":{"aws:SourceIp":"10.0.0.0/8"}}}})");
  EXPECT_EQ(decide({allow}, "s3:GetObject", "*", {{"aws:SourceIp", {"10.1.2.3"}}}), Decision::implicit_deny);
  auto deny = policy(R"({"Statement":[{"Effect":"Allow","Action":"*","Resource":"*"},{"Effect":"Deny","Action":"*",
      "Resource":"*","Condition":{"DateGreaterThan":{"aws:CurrentTime":"2020-01-01T00:00:00Z"}}}]})");
  EXPECT_EQ(decide({deny}, "s3:GetObject", "*", {{"aws:CurrentTime", {"2026-01-01T00:00:00Z"}}}),
            Decision::explicit_deny);
}

TEST(IamPolicy, MalformedDocuments) {
  EXPECT_EQ(malformed("{"), "Syntax errors in policy.");
  EXPECT_EQ(malformed(R"({"Statement":[]})"), "Syntax errors in policy.");
  EXPECT_EQ(malformed(R"({"Statement":{"Effect":"Allow","Resource":"*"}})"), "Policy statement must contain actions.");
  EXPECT_EQ(malformed(R"({"Statement":{"Effect":"Allow","Action":"s3:*"}})"),
            "Policy statement must contain resources.");
  EXPECT_EQ(malformed(R"({"Statement":{"Effect":"Maybe","Action":"s3:*","Resource":"*"}})"), "Invalid effect: Maybe");
  EXPECT_EQ(malformed(R"({"Statement":{"Effect":"Allow","Action":"GetObject","Resource":"*"}})"),
            "Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc.");
  EXPECT_EQ(malformed(R"({"Statement":{"Effect":"Allow","Principal":"*","Action":"s3:*","Resource":"*"}})"),
            "Policy document should not specify a principal.");
  EXPECT_EQ(malformed(R"({"Version":"2020-01-01","Statement":{"Effect":"Allow","Action":"s3:*","Resource":"*"}})"),
            "The policy failed legacy parsing");
  EXPECT_EQ(malformed(R"({"Statement":{"Effect":"Allow","Action":"sts:AssumeRole"}})", PolicyKind::trust),
            "Missing required field Principal");
  EXPECT_EQ(malformed(std::string(200, '[') + std::string(200, ']')), "Syntax errors in policy.")
      << "nesting is capped before parsing";
}

TEST(IamPolicy, TrustPolicies) {
  auto trust = parse_policy(R"({"Version":"2012-10-17","Statement":[
      {"Effect":"Allow","Principal":{"Service":["states.amazonaws.com","ecs-tasks.amazonaws.com"]},"Action":"sts:AssumeRole"},
      {"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::000000000000:root"},"Action":"sts:AssumeRole"}]})",
                            PolicyKind::trust);
  ASSERT_TRUE(trust.ok()) << trust.error().to_string();
  EXPECT_TRUE(trusts(*trust, "states.amazonaws.com", "sts:AssumeRole"));
  EXPECT_TRUE(trusts(*trust, "arn:aws:iam::000000000000:role/deployer", "sts:AssumeRole"));
  EXPECT_FALSE(trusts(*trust, "lambda.amazonaws.com", "sts:AssumeRole"));
  EXPECT_FALSE(trusts(*trust, "arn:aws:iam::111111111111:role/x", "sts:AssumeRole"));
  EXPECT_FALSE(trusts(*trust, "states.amazonaws.com", "sts:TagSession"));
}

}  // namespace
}  // namespace hoplite::local::iam
