// parse_template_text: JSON and YAML syntax, CloudFormation's short forms, AWS's syntax errors and
// the bounds that keep hostile input cheap.

#include <string>

#include <gtest/gtest.h>

#include "hoplite/cfn/template_reader.hpp"

namespace hoplite::cfn {
namespace {

TemplateValue parse_ok(std::string_view text) {
  auto r = parse_template_text(text);
  EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().message);
  return r.ok() ? *r : TemplateValue();
}

std::string parse_error(std::string_view text, const TemplateLimits& limits = {}) {
  auto r = parse_template_text(text, limits);
  EXPECT_FALSE(r.ok());
  if (r.ok()) return {};
  EXPECT_EQ(r.error().code, "ValidationError");
  EXPECT_EQ(r.error().http_status, 400);
  return r.error().message;
}

TEST(TemplateText, JsonKeepsKeyOrderAndTypes) {
  auto v = parse_ok(R"({"b": 1, "a": [true, null, 1.5, "x"], "c": {"z": 18446744073709551615}})");
  EXPECT_EQ(v.dump(), R"({"b":1,"a":[true,null,1.5,"x"],"c":{"z":18446744073709551615}})");
}

TEST(TemplateText, JsonRepeatedKeyReplacesTheEarlierValueInPlace) {
  EXPECT_EQ(parse_ok(R"({"a": 1, "b": 2, "a": 3})").dump(), R"({"a":3,"b":2})");
}

TEST(TemplateText, JsonSyntaxErrorHasAwsPosition) {
  // Recorded on AWS (cfn-templates-validate_invalid_json_template_should_fail).
  EXPECT_EQ(parse_error(R"({"this is invalid JSON"="bobbins"})"),
            "Template format error: JSON not well-formed. (line 1, column 25)");
  EXPECT_EQ(parse_error("{\n  \"a\": 1,\n  \"b\" 2\n}"),
            "Template format error: JSON not well-formed. (line 3, column 8)");
}

TEST(TemplateText, JsonRejectsTrailingTextAndInvalidUtf8) {
  EXPECT_NE(parse_error(R"({"a": 1} x)").find("JSON not well-formed"), std::string::npos);
  EXPECT_NE(parse_error("{\"a\": \"\xff\"}").find("JSON not well-formed"), std::string::npos);
}

TEST(TemplateText, BodySizeIsCheckedBeforeParsing) {
  std::string big = "{\"a\": \"" + std::string(51'200, 'x') + "\"}";
  EXPECT_EQ(parse_error(big),
            "1 validation error detected: Value at 'templateBody' failed to satisfy constraint: Member must have "
            "length less than or equal to 51200");
  TemplateLimits url;
  url.max_body_bytes = kMaxTemplateUrlBytes;
  EXPECT_TRUE(parse_template_text(big, url).ok());
  EXPECT_NE(parse_error("").find("greater than or equal to 1"), std::string::npos);
}

TEST(TemplateText, DepthIsBoundedForJsonAndYaml) {
  TemplateLimits limits;
  limits.max_body_bytes = kMaxTemplateUrlBytes;
  std::string deep_json = std::string(101, '[');
  deep_json = "{\"a\": " + deep_json + std::string(101, ']') + "}";
  EXPECT_NE(parse_error(deep_json, limits).find("more than 100 levels deep"), std::string::npos);
  std::string deep_yaml = "a: " + std::string(5000, '[') + std::string(5000, ']');
  EXPECT_NE(parse_error(deep_yaml, limits).find("more than 100 levels deep"), std::string::npos);
  std::string ok_json = "{\"a\": " + std::string(98, '[') + std::string(98, ']') + "}";
  EXPECT_TRUE(parse_template_text(ok_json, limits).ok());
}

TEST(TemplateText, YamlAliasesAreCopiedWithinTheValueBudget) {
  EXPECT_EQ(parse_ok("a: &x {k: [1, 2]}\nb: *x\n").dump(), R"({"a":{"k":[1,2]},"b":{"k":[1,2]}})");
  // "Billion laughs": each level doubles; the value budget stops it early.
  std::string bomb = "l0: &l0 [x, x]\n";
  for (int i = 1; i < 40; ++i) {
    bomb += "l" + std::to_string(i) + ": &l" + std::to_string(i) + " [*l" + std::to_string(i - 1) + ", *l" +
            std::to_string(i - 1) + "]\n";
  }
  std::string e = parse_error(bomb);
  EXPECT_NE(e.find("more than 1000000 values"), std::string::npos) << e;
  // An alias cannot smuggle in depth either.
  TemplateLimits limits;
  limits.max_depth = 5;
  EXPECT_NE(parse_error("a: &x [[[1]]]\nb: [[*x]]\n", limits).find("levels deep"), std::string::npos);
}

TEST(TemplateText, YamlShortFormsBecomeIntrinsics) {
  auto v = parse_ok(R"(
A: !Ref Param
B: !GetAtt Bucket.Arn
C: !GetAtt Db.Endpoint.Address
D: !GetAtt [Bucket, Arn]
E: !Sub "${AWS::StackName}-x"
F: !Join [":", [a, !Ref B]]
G: !If [Cond, !Ref AWS::NoValue, x]
H: !Condition IsProd
I: !GetAZs ''
J: !Base64 text
K: !Select [0, !Split [",", "a,b"]]
L: !FindInMap [Map, !Ref AWS::Region, Key]
M: !Equals [a, b]
N: !ToJsonString {a: 1}
)");
  EXPECT_EQ(v["A"].dump(), R"({"Ref":"Param"})");
  EXPECT_EQ(v["B"].dump(), R"({"Fn::GetAtt":["Bucket","Arn"]})");
  EXPECT_EQ(v["C"].dump(), R"({"Fn::GetAtt":["Db","Endpoint.Address"]})");
  EXPECT_EQ(v["D"].dump(), R"({"Fn::GetAtt":["Bucket","Arn"]})");
  EXPECT_EQ(v["E"].dump(), R"({"Fn::Sub":"${AWS::StackName}-x"})");
  EXPECT_EQ(v["F"].dump(), R"({"Fn::Join":[":",["a",{"Ref":"B"}]]})");
  EXPECT_EQ(v["G"].dump(), R"({"Fn::If":["Cond",{"Ref":"AWS::NoValue"},"x"]})");
  EXPECT_EQ(v["H"].dump(), R"({"Condition":"IsProd"})");
  EXPECT_EQ(v["I"].dump(), R"({"Fn::GetAZs":""})");
  EXPECT_EQ(v["J"].dump(), R"({"Fn::Base64":"text"})");
  EXPECT_EQ(v["K"].dump(), R"({"Fn::Select":[0,{"Fn::Split":[",","a,b"]}]})");
  EXPECT_EQ(v["L"].dump(), R"({"Fn::FindInMap":["Map",{"Ref":"AWS::Region"},"Key"]})");
  EXPECT_EQ(v["M"].dump(), R"({"Fn::Equals":["a","b"]})");
  EXPECT_EQ(v["N"].dump(), R"({"Fn::ToJsonString":{"a":1}})");
}

TEST(TemplateText, YamlScalarsFollowTheCoreSchema) {
  auto v = parse_ok(R"(
AWSTemplateFormatVersion: 2010-09-09
i: 10
n: -3
h: 0x1f
f: 1.5
e: 1e3
t: true
s: "10"
q: 'true'
p: yes
v: 1.2.3
x: !!str 12
big: 123456789012345678901234567890
)");
  EXPECT_EQ(v["AWSTemplateFormatVersion"], "2010-09-09");
  EXPECT_EQ(v["i"], 10);
  EXPECT_EQ(v["n"], -3);
  EXPECT_EQ(v["h"], 31);
  EXPECT_EQ(v["f"], 1.5);
  EXPECT_EQ(v["e"], 1000.0);
  EXPECT_EQ(v["t"], true);
  EXPECT_EQ(v["s"], "10");
  EXPECT_EQ(v["q"], "true");
  EXPECT_EQ(v["p"], "yes");
  EXPECT_EQ(v["v"], "1.2.3");
  EXPECT_EQ(v["x"], "12");
  EXPECT_EQ(v["big"], "123456789012345678901234567890");
}

TEST(TemplateText, YamlEmptyValueIsNull) { EXPECT_TRUE(parse_ok("a:\nb: ~\n")["a"].is_null()); }

TEST(TemplateText, YamlScalarsThatAreNotUtf8AreRefusedLikeJsonOnes) {
  // Found by fuzzing: such a string reached nlohmann's dump(), which throws on it.
  EXPECT_EQ(parse_error("a: \xff\n"), "Template format error: YAML not well-formed.");
  EXPECT_EQ(parse_error("\xc3: b\n"), "Template format error: YAML not well-formed.");
  EXPECT_EQ(parse_error("a: \"\\ud800\"\n"), "Template format error: YAML not well-formed.");  // a lone surrogate
  EXPECT_EQ(parse_ok("a: \"\\u00e9 \xc3\xa9\"\n")["a"], "\xc3\xa9 \xc3\xa9");
  EXPECT_NE(parse_error("{\"a\": \"\xff\"}"), "");
}

TEST(TemplateText, YamlSyntaxErrorsUseAwsWording) {
  // Recorded on AWS (cfn-templates-create_stack_invalid_yaml_template_should_fail).
  EXPECT_EQ(
      parse_error("Resources:\n  MyBucket:\n    Type: AWS::S3::Bucket\n    Properties:\n        BucketName: test\n"
                  "      VersioningConfiguration:\n        Status: Enabled\n"),
      "Template format error: YAML not well-formed.");
  EXPECT_EQ(parse_error("a: 1\n---\nb: 2\n"), "Template format error: YAML not well-formed.");
  // Recorded (cfn-stacks-create_stack_url_as_template): a URL given as the body.
  EXPECT_EQ(parse_error("https://raw.githubusercontent.com/x/y.yaml"), "Template format error: unsupported structure.");
  EXPECT_EQ(parse_error("[1, 2]"), "Template format error: unsupported structure.");
  EXPECT_EQ(parse_error("a: !Unknown x\n"), "Template format error: YAML tag !Unknown is not supported.");
  EXPECT_EQ(parse_error("a: *nowhere\n"), "Template format error: YAML not well-formed.");
  EXPECT_EQ(parse_error("? [a, b]\n: c\n"), "Template format error: YAML not well-formed.");
}

}  // namespace
}  // namespace hoplite::cfn
