// The evaluator: every intrinsic function with its error paths, pseudo parameters, AWS::NoValue,
// conditions, outputs and the known-after-apply marker. Messages quoted "recorded" are AWS's.

#include <gtest/gtest.h>

#include "eval_fixture.hpp"
#include "hoplite/cfn/evaluator.hpp"

namespace hoplite::cfn {
namespace {

using testing::Evaluated;

const char* kHeader = R"(
Parameters:
  Env: {Type: String, Default: prod}
  Subnets: {Type: CommaDelimitedList, Default: "a, b,c"}
  Count: {Type: Number, Default: 3}
  Index: {Type: String, Default: "1"}
Mappings:
  Map:
    prod: {Name: p-name, Zones: [z1, z2]}
    dev: {Name: d-name}
Conditions:
  IsProd: !Equals [!Ref Env, prod]
  IsDev: !Not [{Condition: IsProd}]
Resources:
  Other: {Type: AWS::SNS::Topic}
)";

// Evaluates `expression` (YAML) as the property V of a resource.
std::string eval(const std::string& expression, const std::string& extra = "") {
  Evaluated e(std::string(kHeader) + extra +
              "  R:\n    Type: AWS::SSM::Parameter\n    Properties:\n      V: " + expression + "\n");
  std::string props = e.properties("R");
  if (props.starts_with("error: ")) return props;
  auto v = nlohmann::ordered_json::parse(props);
  return v.contains("V") ? v["V"].dump() : "(removed)";
}

TEST(Evaluator, RefOfParametersResourcesAndPseudoParameters) {
  EXPECT_EQ(eval("!Ref Env"), R"("prod")");
  EXPECT_EQ(eval("!Ref Subnets"), R"(["a","b","c"])");
  EXPECT_EQ(eval("!Ref Count"), R"("3")");
  EXPECT_EQ(eval("!Ref Other"), R"("Other-physical")");
  EXPECT_EQ(eval("!Ref AWS::Region"), R"("us-east-1")");
  EXPECT_EQ(eval("!Ref AWS::AccountId"), R"("000000000000")");
  EXPECT_EQ(eval("!Ref AWS::Partition"), R"("aws")");
  EXPECT_EQ(eval("!Ref AWS::URLSuffix"), R"("amazonaws.com")");
  EXPECT_EQ(eval("!Ref AWS::StackName"), R"("stack")");
  EXPECT_EQ(eval("!Ref AWS::StackId"), R"("arn:aws:cloudformation:us-east-1:000000000000:stack/stack/uuid")");
  EXPECT_EQ(eval("!Ref AWS::NotificationARNs"), "[]");
  EXPECT_EQ(eval("!Ref AWS::NoValue"), "(removed)");
  EXPECT_EQ(eval("{Ref: [a]}"), "error: Template error: every Ref object must have a single String value.");
  // Recorded (cfn-references-useful_error_when_invalid_ref).
  EXPECT_EQ(eval("!Ref InvalidRef"),
            "error: Template format error: Unresolved resource dependencies [InvalidRef] in the Resources block of "
            "the template");
}

TEST(Evaluator, GetAttBothForms) {
  EXPECT_EQ(eval("!GetAtt Other.TopicName"), R"("Other.TopicName-value")");
  EXPECT_EQ(eval("{Fn::GetAtt: [Other, TopicArn]}"), R"("Other.TopicArn-value")");
  EXPECT_EQ(eval("{Fn::GetAtt: [Other, !Ref AttrName]}"),
            "error: Template format error: Unresolved resource dependencies [AttrName] in the Resources block of "
            "the template");
  // Recorded (cfn-change_set_fn_get_attr-invalid_structure-*).
  const std::string two =
      "error: Template error: every Fn::GetAtt object requires two non-empty parameters, the "
      "resource name and the resource attribute";
  EXPECT_EQ(eval("{Fn::GetAtt: [Other]}"), two);
  EXPECT_EQ(eval("!GetAtt [!Ref Env]"), two);
  EXPECT_EQ(eval("{Fn::GetAtt: [Other, '']}"), two);
  EXPECT_EQ(eval("!GetAtt Nope.Arn"),
            "error: Template error: instance of Fn::GetAtt references undefined resource Nope");
}

TEST(Evaluator, GetAttAttributeNameFromAParameter) {
  Evaluated e(R"(
Parameters: {Attr: {Type: String, Default: TopicArn}}
Resources:
  T: {Type: AWS::SNS::Topic}
  R: {Type: AWS::SSM::Parameter, Properties: {V: {Fn::GetAtt: [T, !Ref Attr]}}}
)");
  EXPECT_EQ(e.properties("R"), R"({"V":"T.TopicArn-value"})");
}

TEST(Evaluator, Join) {
  EXPECT_EQ(eval("!Join ['-', [a, !Ref Env, 3, true]]"), R"("a-prod-3-true")");
  EXPECT_EQ(eval("!Join ['', []]"), R"("")");
  EXPECT_EQ(eval("!Join [',', !Ref Subnets]"), R"("a,b,c")");
  EXPECT_EQ(eval("!Join [',', [x, !Ref AWS::NoValue]]"), R"("x")");  // recorded: join_no_value_construct
  EXPECT_EQ(eval("!Join [',', [!If [IsProd, !Ref AWS::NoValue, !Ref AWS::NoValue]]]"), R"("")");
  const std::string error =
      "error: Template error: every Fn::Join object requires two parameters, (1) a string "
      "delimiter and (2) a list of strings to be joined or a function that returns a list of "
      "strings (such as Fn::GetAZs) to be joined.";
  EXPECT_EQ(eval("!Join ['-']"), error);
  EXPECT_EQ(eval("!Join ['-', x]"), error);
  EXPECT_EQ(eval("!Join [1, [a]]"), error);
  EXPECT_EQ(eval("!Join ['-', [[a]]]"), error);
}

TEST(Evaluator, SubWithAndWithoutAVariableMap) {
  EXPECT_EQ(eval("!Sub '${AWS::StackName}-${Env}-${Other}-${Other.TopicArn}'"),
            R"("stack-prod-Other-physical-Other.TopicArn-value")");
  EXPECT_EQ(eval("!Sub ['${A}:${B}:${Env}', {A: x, B: !Ref Count}]"), R"("x:3:prod")");
  EXPECT_EQ(eval("!Sub 'literal ${!NotAVar} and $ {x}'"), R"("literal ${NotAVar} and $ {x}")");
  EXPECT_EQ(eval("!Sub 'no vars'"), R"("no vars")");
  EXPECT_EQ(eval("!Sub 'unterminated ${Env'"), R"("unterminated ${Env")");
  EXPECT_EQ(eval("!Sub '${Missing}'"),
            "error: Template format error: Unresolved resource dependencies [Missing] in the Resources block of the "
            "template");
  EXPECT_EQ(eval("!Sub '${Subnets}'"),
            "error: Template error: variable Subnets in Fn::Sub expression does not resolve to a string");
  EXPECT_EQ(eval("!Sub '${bad name}'"),
            "error: Template error: variable names in Fn::Sub syntax must contain only alphanumeric characters, "
            "underscores, periods, and colons");
  const std::string arity =
      "error: Template error: One or more Fn::Sub intrinsic functions don't specify expected "
      "arguments. Specify a string as first argument, and an optional second argument to "
      "specify a mapping of values to replace in the string";
  EXPECT_EQ(eval("{Fn::Sub: [a, b, c]}"), arity);
  EXPECT_EQ(eval("{Fn::Sub: [a, [b]]}"), arity);
  EXPECT_EQ(eval("{Fn::Sub: 5}"), arity);
}

TEST(Evaluator, SelectAndSplit) {
  EXPECT_EQ(eval("!Select [1, [a, b, c]]"), R"("b")");
  EXPECT_EQ(eval("!Select ['2', !Ref Subnets]"), R"("c")");
  EXPECT_EQ(eval("!Select [!Ref Index, [a, b]]"), R"("b")");
  EXPECT_EQ(eval("!Select [0, !Split ['-', a-b-c]]"), R"("a")");
  EXPECT_EQ(eval("!Split [',', 'a,,b,']"), R"(["a","","b",""])");
  EXPECT_EQ(eval("!Join ['_', !Split ['-', part1-part2-part3]]"), R"("part1_part2_part3")");  // recorded
  const std::string select =
      "error: Template error: Fn::Select requires a list argument with two elements: an "
      "integer index and a list";
  EXPECT_EQ(eval("!Select [bad, [test]]"), select);  // recorded
  EXPECT_EQ(eval("!Select [0, 2]"), select);         // recorded
  EXPECT_EQ(eval("!Select [0]"), select);
  EXPECT_EQ(eval("!Select [5, [a]]"), "error: Template error: Fn::Select cannot select nonexistent value at index 5");
  EXPECT_EQ(eval("!Select [-1, [a]]"), "error: Template error: Fn::Select cannot select nonexistent value at index -1");
  // Recorded (cfn-change_set_fn_split-validate_split_arguments_len).
  const std::string split =
      "error: Template error: every Fn::Split object requires two parameters, (1) a string "
      "delimiter and (2) a string to be split or a function that returns a string to be split.";
  EXPECT_EQ(eval("{Fn::Split: {Ref: AWS::Region}}"), split);
  EXPECT_EQ(eval("!Split ['', abc]"), split);
  EXPECT_EQ(eval("!Split [',', [a]]"), split);
}

TEST(Evaluator, GetAZsWithAndWithoutARegion) {
  EXPECT_EQ(eval("!GetAZs ''"), R"(["us-east-1a","us-east-1b","us-east-1c"])");
  EXPECT_EQ(eval("!GetAZs eu-west-1"), R"(["eu-west-1a","eu-west-1b","eu-west-1c"])");
  EXPECT_EQ(eval("!GetAZs {Ref: AWS::Region}"), R"(["us-east-1a","us-east-1b","us-east-1c"])");
  EXPECT_EQ(eval("!Select [1, !GetAZs '']"), R"("us-east-1b")");
  EXPECT_EQ(eval("{Fn::GetAZs: [a]}"), "error: Template error: every Fn::GetAZs object requires a string parameter");
}

TEST(Evaluator, IfAndNoValue) {
  EXPECT_EQ(eval("!If [IsProd, yes-branch, no-branch]"), R"("yes-branch")");
  EXPECT_EQ(eval("!If [IsDev, yes-branch, no-branch]"), R"("no-branch")");
  EXPECT_EQ(eval("!If [IsProd, !Ref AWS::NoValue, x]"), "(removed)");
  EXPECT_EQ(eval("[a, !If [IsProd, !Ref AWS::NoValue, b], c]"), R"(["a","c"])");
  EXPECT_EQ(eval("{k: !If [IsProd, !Ref AWS::NoValue, b], j: 1}"), R"({"j":1})");
  // The branch not taken is not evaluated (its errors do not count).
  EXPECT_EQ(eval("!If [IsProd, ok, !Select [9, [a]]]"), R"("ok")");
  // Recorded (cfn-change_set_conditions-missing_condition).
  EXPECT_EQ(eval("!If [MissingCondition, a, b]"),
            "error: Template error: unresolved condition dependency MissingCondition in Fn::If");
  EXPECT_EQ(eval("!If [IsProd, a]"),
            "error: Template error: every Fn::If object requires three parameters, the condition, the value if true "
            "and the value if false");
}

TEST(Evaluator, FindInMap) {
  EXPECT_EQ(eval("!FindInMap [Map, !Ref Env, Name]"), R"("p-name")");
  EXPECT_EQ(eval("!FindInMap [Map, prod, Zones]"), R"(["z1","z2"])");
  // Recorded (cfn-mappings-mapping_with_nonexisting_key, async_mapping_error_second_level_v2).
  EXPECT_EQ(eval("!FindInMap [Map, dev, Zones]"), "error: Template error: Unable to get mapping for Map::dev::Zones");
  EXPECT_EQ(eval("!FindInMap [Nope, a, b]"), "error: Template error: Unable to get mapping for Nope::a::b");
  EXPECT_EQ(eval("!FindInMap [Map, prod]"),
            "error: Template error: every Fn::FindInMap object requires three parameters, the map name, map key and "
            "the attribute for return value");
  // The default value needs AWS::LanguageExtensions.
  EXPECT_NE(eval("!FindInMap [Map, x, y, {DefaultValue: d}]").find("requires three parameters"), std::string::npos);
  Evaluated e(R"(
Transform: AWS::LanguageExtensions
Mappings: {M: {a: {b: c}}}
Resources:
  R: {Type: AWS::SSM::Parameter, Properties: {V: !FindInMap [M, x, y, {DefaultValue: fallback}], W: !FindInMap [M, a, b, {DefaultValue: z}]}}
)");
  EXPECT_EQ(e.properties("R"), R"({"V":"fallback","W":"c"})");
}

TEST(Evaluator, Base64) {
  EXPECT_EQ(eval("!Base64 HelloWorld"), R"("SGVsbG9Xb3JsZA==")");  // recorded: fn_base64_remove_from_static_property
  EXPECT_EQ(eval("!Base64 ''"), R"("")");
  // RFC 4648's test vectors.
  EXPECT_EQ(eval("!Base64 f"), R"("Zg==")");
  EXPECT_EQ(eval("!Base64 fo"), R"("Zm8=")");
  EXPECT_EQ(eval("!Base64 foo"), R"("Zm9v")");
  EXPECT_EQ(eval("!Base64 foob"), R"("Zm9vYg==")");
  EXPECT_EQ(eval("!Base64 fooba"), R"("Zm9vYmE=")");
  EXPECT_EQ(eval("!Base64 foobar"), R"("Zm9vYmFy")");
  EXPECT_EQ(eval("!Base64 {Fn::Sub: '${AWS::Region}'}"), R"("dXMtZWFzdC0x")");
  EXPECT_EQ(eval("{Fn::Base64: [a]}"), "error: Template error: every Fn::Base64 object must have a String value");
}

TEST(Evaluator, ImportValue) {
  Evaluated e(R"(
Resources:
  R: {Type: AWS::SSM::Parameter, Properties: {V: !ImportValue shared-vpc, W: !ImportValue {Fn::Sub: "${AWS::Region}-x"}}}
)");
  e.resolver.exports = {{"shared-vpc", "vpc-1"}, {"us-east-1-x", "y"}};
  EXPECT_EQ(e.properties("R"), R"({"V":"vpc-1","W":"y"})");
  Evaluated missing("Resources:\n  R: {Type: AWS::SSM::Parameter, Properties: {V: !ImportValue nope}}\n");
  EXPECT_EQ(missing.properties("R"), "error: No export named nope found.");
}

TEST(Evaluator, Cidr) {
  EXPECT_EQ(eval("!Cidr [10.0.0.0/16, 3, 8]"), R"(["10.0.0.0/24","10.0.1.0/24","10.0.2.0/24"])");
  EXPECT_EQ(eval("!Cidr [10.0.7.9/16, 2, '12']"), R"(["10.0.0.0/20","10.0.16.0/20"])");
  EXPECT_EQ(eval("!Select [1, !Cidr [192.168.0.0/24, 4, 6]]"), R"("192.168.0.64/26")");
  EXPECT_EQ(eval("!Cidr ['2001:db8::/56', 2, 64]"), R"(["2001:db8::/64","2001:db8:0:1::/64"])");
  EXPECT_EQ(eval("!Cidr ['2001:db8:1234:ff00::/56', 1, 64]"), R"(["2001:db8:1234:ff00::/64"])");
  EXPECT_NE(eval("!Cidr [10.0.0.0/24, 2, 9]").find("cannot make /23 subnets"), std::string::npos);
  EXPECT_NE(eval("!Cidr [10.0.0.0/24, 5, 6]").find("cannot make 5 subnets of /26"), std::string::npos);
  EXPECT_NE(eval("!Cidr [10.0.0/24, 1, 8]").find("every Fn::Cidr object"), std::string::npos);
  EXPECT_NE(eval("!Cidr [10.0.0.0/16, 0, 8]").find("every Fn::Cidr object"), std::string::npos);
  EXPECT_NE(eval("!Cidr [10.0.0.0/16, 1]").find("every Fn::Cidr object"), std::string::npos);
}

TEST(Evaluator, LengthAndToJsonStringNeedLanguageExtensions) {
  EXPECT_NE(eval("!Length [a, b]").find("Encountered unsupported function: Fn::Length"), std::string::npos);
  Evaluated e(R"(
Transform: AWS::LanguageExtensions
Parameters: {L: {Type: CommaDelimitedList, Default: "x,y,z"}}
Resources:
  R:
    Type: AWS::SSM::Parameter
    Properties:
      A: !Length [a, b]
      B: !Length {Ref: L}
      C: {Fn::ToJsonString: {a: foo, b: !Ref L}}
      D: {Fn::ToJsonString: [a, b, c]}
)");
  EXPECT_EQ(e.properties("R"),
            R"({"A":2,"B":3,"C":"{\"a\":\"foo\",\"b\":[\"x\",\"y\",\"z\"]}","D":"[\"a\",\"b\",\"c\"]"})");
}

TEST(Evaluator, ConditionFunctions) {
  Evaluated e(R"(
Parameters: {Env: {Type: String, Default: prod}}
Conditions:
  A: !Equals [!Ref Env, prod]
  B: !Equals [true, "true"]
  C: !Not [!Equals [a, b]]
  D: !And [{Condition: A}, {Condition: B}, !Equals [x, x]]
  E: !Or [!Equals [a, b], {Condition: F}]
  F: !Equals [!Select [0, [a]], a]
  G: !Not [{Condition: D}]
Resources:
  R: {Type: AWS::SSM::Parameter, Condition: G}
  S: {Type: AWS::SSM::Parameter, Condition: E}
)");
  ASSERT_EQ(e.error, "");
  for (const char* c : {"A", "B", "C", "D", "E", "F"}) EXPECT_TRUE(e.evaluator->condition(c)) << c;
  EXPECT_FALSE(e.evaluator->condition("G"));
  EXPECT_FALSE(e.evaluator->active(*e.doc.find_resource("R")));
  EXPECT_TRUE(e.evaluator->active(*e.doc.find_resource("S")));
}

TEST(Evaluator, ConditionErrors) {
  auto error = [](const std::string& conditions) {
    Evaluated e("Conditions:\n" + conditions + "Resources:\n  R: {Type: AWS::SNS::Topic}\n");
    return e.error;
  };
  EXPECT_EQ(error("  A: !Equals [a]\n"),
            "Template error: every Fn::Equals object requires a list of 2 string parameters.");
  EXPECT_EQ(error("  A: !And [{Condition: B}]\n  B: !Equals [a, a]\n"),
            "Template error: every Fn::And object requires a list of at least 2 and at most 10 boolean parameters.");
  EXPECT_EQ(error("  A: !Not [a, b]\n"), "Template error: every Fn::Not object requires one boolean parameter");
  EXPECT_EQ(error("  A: !Ref AWS::Region\n"),
            "Template format error: Conditions can only be boolean operations on parameters and other conditions");
  EXPECT_EQ(error("  A: !Not [{Condition: Nope}]\n"),
            "Template error: unresolved condition dependency Nope in Fn::Condition");
  EXPECT_EQ(error("  A: !Not [{Condition: B}]\n  B: !Not [{Condition: A}]\n"),
            "Template format error: Circular dependency between conditions: [A, B]");
  EXPECT_EQ(error("  A: !Equals [!Ref R, x]\n"),
            "Template format error: Unresolved dependencies [R]. Cannot reference resources in the Conditions block of "
            "the template");
}

TEST(Evaluator, KnownAfterApplyPropagates) {
  Evaluated e(R"(
Resources:
  T: {Type: AWS::SNS::Topic}
  R:
    Type: AWS::SSM::Parameter
    Properties:
      A: !Ref T
      B: !Join ['-', [x, !GetAtt T.TopicName]]
      C: !Sub '${T}-x'
      D: !Select [0, !Split [':', !Ref T]]
      E: [keep, !Ref T]
      F: !Base64 {Ref: T}
)");
  e.resolver.refs["T"] = TemplateValue(std::string(kKnownAfterApply));
  e.resolver.attributes["T.TopicName"] = TemplateValue(std::string(kKnownAfterApply));
  const std::string u = "\"{{changeSet:KNOWN_AFTER_APPLY}}\"";
  EXPECT_EQ(e.properties("R"), "{\"A\":" + u + ",\"B\":" + u + ",\"C\":" + u + ",\"D\":" + u + ",\"E\":[\"keep\"," + u +
                                   "],\"F\":" + u + "}");
  EXPECT_TRUE(is_known_after_apply(TemplateValue(std::string(kKnownAfterApply))));
}

TEST(Evaluator, TraceRecordsWhatAValueReads) {
  Evaluated e(R"(
Parameters: {P: {Type: String, Default: x}, Q: {Type: String, Default: y}}
Conditions: {C: !Equals [!Ref Q, y]}
Resources:
  T: {Type: AWS::SNS::Topic}
  R: {Type: AWS::SSM::Parameter, Properties: {V: !If [C, !Sub '${P}-${T}-${T.TopicArn}-${AWS::Region}', !Ref Q]}}
)");
  EvaluationTrace trace;
  ASSERT_TRUE(e.evaluator->properties(*e.doc.find_resource("R"), &trace).ok());
  EXPECT_EQ(trace.parameters, (std::set<std::string>{"P"}));
  EXPECT_EQ(trace.resources, (std::set<std::string>{"T"}));
  EXPECT_EQ(trace.attributes, (std::set<std::pair<std::string, std::string>>{{"T", "TopicArn"}}));
  EXPECT_TRUE(trace.pseudo_parameters);
}

TEST(Evaluator, Outputs) {
  Evaluated e(R"(
Parameters: {Env: {Type: String, Default: prod}}
Conditions: {Never: !Equals [a, b]}
Resources:
  T: {Type: AWS::SNS::Topic}
Outputs:
  Arn: {Value: !Ref T, Description: the topic, Export: {Name: !Sub '${AWS::StackName}-arn'}}
  Skipped: {Value: x, Condition: Never}
  Number: {Value: 5}
  List: {Value: !GetAZs ''}
)");
  auto outputs = e.evaluator->outputs();
  ASSERT_FALSE(outputs.ok());
  EXPECT_EQ(outputs.error().message,
            "Template format error: Output List is malformed. The Value field of every Outputs member must evaluate "
            "to a String.");
  Evaluated ok(R"(
Conditions: {Never: !Equals [a, b]}
Resources:
  T: {Type: AWS::SNS::Topic}
Outputs:
  Arn: {Value: !Ref T, Description: the topic, Export: {Name: !Sub '${AWS::StackName}-arn'}}
  Skipped: {Value: x, Condition: Never}
  Number: {Value: 5}
  Joined: {Value: !Join [',', !GetAZs '']}
)");
  auto out = ok.evaluator->outputs();
  ASSERT_TRUE(out.ok()) << out.error().message;
  ASSERT_EQ(out->size(), 3u);
  EXPECT_EQ((*out)[0].key, "Arn");
  EXPECT_EQ((*out)[0].value, "T-physical");
  EXPECT_EQ((*out)[0].description, "the topic");
  EXPECT_EQ((*out)[0].export_name, "stack-arn");
  EXPECT_EQ((*out)[1].value, "5");
  EXPECT_EQ((*out)[2].value, "us-east-1a,us-east-1b,us-east-1c");
}

TEST(Evaluator, DynamicReferencesToSsm) {
  Evaluated e(R"(
Parameters: {Name: {Type: String, Default: p1}}
Resources:
  R: {Type: AWS::SSM::Parameter, Properties: {V: !Sub 'abc:{{resolve:ssm:${Name}}}', W: ['{{resolve:ssm:p2:3}}'], S: '{{resolve:secretsmanager:x}}'}}
)");
  e.resolver.ssm = {{"p1", "one"}, {"p2", "two"}};
  auto props = e.evaluator->properties(*e.doc.find_resource("R"));
  ASSERT_TRUE(props.ok());
  auto resolved = e.evaluator->resolve_dynamic_references(*props);
  ASSERT_TRUE(resolved.ok());
  EXPECT_EQ(resolved->dump(), R"({"V":"abc:one","W":["two"],"S":"{{resolve:secretsmanager:x}}"})");
  e.resolver.ssm.clear();
  EXPECT_FALSE(e.evaluator->resolve_dynamic_references(*props).ok());
}

TEST(Evaluator, UnsupportedFunctions) {
  Evaluated e("Resources:\n  R: {Type: AWS::SSM::Parameter, Properties: {V: {Fn::Foo: 1}}}\n");
  EXPECT_EQ(e.error.substr(0, 77), "Template format error: Encountered unsupported function: Fn::Foo Supported fu");
}

}  // namespace
}  // namespace hoplite::cfn
