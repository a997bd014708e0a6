#include "hoplite/sfn/asl.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "support/golden.hpp"

namespace hoplite::sfn {
namespace {

std::string read(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::string first_problem(std::string_view asl) {
  auto problems = check_definition(asl);
  return problems.empty() ? "" : problems.front().to_string();
}

TEST(AslReader, AcceptsTheValidFixturesAndRejectsTheInvalidOnes) {
  for (const char* dir : {"valid", "invalid"}) {
    for (const auto& e : std::filesystem::directory_iterator(testing::testdata(std::string("sfn/asl/") + dir))) {
      auto def = read_definition(read(e.path()));
      EXPECT_EQ(def.ok(), std::string(dir) == "valid")
          << e.path().filename() << ": " << (def.ok() ? "accepted" : def.error().message);
    }
  }
}

// Every definition AWS accepted in the recorded cases (JSONPath) is accepted; the JSONata ones are
// refused naming the feature.
TEST(AslReader, AcceptsEveryRecordedJsonPathDefinition) {
  int accepted = 0;
  for (const auto& e : std::filesystem::directory_iterator(testing::testdata("sfn/aws-recorded/stepfunctions"))) {
    std::string text = read(e.path() / "definition.json");
    auto meta = nlohmann::json::parse(read(e.path() / "case.json"));
    bool jsonata = false;
    for (const auto& f : meta["asl"]["features"]) {
      std::string s = f.get<std::string>();
      jsonata = jsonata || s.find("JSONata") != std::string::npos || s.find("jsonata") != std::string::npos ||
                s == "field:Assign";
    }
    bool s3 = false;
    for (const auto& f : meta["asl"]["features"]) s3 = s3 || f == "field:ItemReader" || f == "field:ResultWriter";
    // The snapshot tool put "date" where a definition held a timestamp literal.
    bool lossy = text.find("\"date\"") != std::string::npos;
    auto def = read_definition(text);
    if (jsonata) {
      ASSERT_FALSE(def.ok()) << e.path().filename();
      EXPECT_TRUE(def.error().message.find("JSONata") != std::string::npos ||
                  def.error().message.find("Assign") != std::string::npos)
          << def.error().message;
    } else if (s3) {
      ASSERT_FALSE(def.ok()) << e.path().filename();
      EXPECT_NE(def.error().message.find("not supported by hoplite locally"), std::string::npos);
    } else if (!lossy) {
      EXPECT_TRUE(def.ok()) << e.path().filename() << ": " << def.error().message;
      ++accepted;
    }
  }
  EXPECT_GT(accepted, 500);
}

TEST(AslReader, MessagesSayWhatAndWhereAsAwsDoes) {
  EXPECT_EQ(first_problem(R"({"StartAt":"A","States":{"A":{"Type":"Pass","Next":"B"}}})"),
            "MISSING_TRANSITION_TARGET: Missing 'Next' target: B at /States/A/Next");
  EXPECT_EQ(first_problem(R"({"StartAt":"A","States":{"A":{"Type":"Pass","End":true,"Foo":1}}})"),
            "SCHEMA_VALIDATION_FAILED: The field 'Foo' is not supported by Step Functions at /States/A/Foo");
  EXPECT_EQ(first_problem(R"({"StartAt":"A","States":{"A":{"Type":"Wait","Seconds":-1,"End":true}}})"),
            "SCHEMA_VALIDATION_FAILED: The value for the field 'Seconds' must be an INTEGER between 0 and 99999999 "
            "at /States/A/Seconds");
  EXPECT_EQ(first_problem(R"({"StartAt":"P","States":{"P":{"Type":"Parallel","End":true,"Branches":[
      {"StartAt":"X","States":{"X":{"Type":"Pass","End":true}}},{"StartAt":"X","States":{"X":{"Type":"Pass","End":true}}}]}}})"),
            "DUPLICATE_STATE_NAME: Duplicate State name: X at /States/P/Branches/1/States/X");
  EXPECT_EQ(first_problem("{"),
            "INVALID_JSON_DESCRIPTION: parse error at line 1, column 2: syntax error while "
            "parsing object key - unexpected end of input; expected string literal");
  auto bad = read_definition(R"({"StartAt":"A","States":{"A":{"Type":"Pass","Next":"B"},"C":{"Type":"Succeed"}}})");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().code, "InvalidDefinition");
  EXPECT_EQ(bad.error().http_status, 400);
  EXPECT_EQ(
      bad.error().message,
      "Invalid State Machine Definition: ''MISSING_TRANSITION_TARGET: Missing 'Next' target: B at /States/A/Next', "
      "'MISSING_TRANSITION_TARGET: State \"C\" is not reachable. at /States/C''");
  EXPECT_EQ(first_problem(R"({"StartAt":"A","States":{"A":{"Type":"Pass","Next":"A"}}})"),
            "SCHEMA_VALIDATION_FAILED: The workflow has no terminal state (End: true, Succeed or Fail) at /States");
}

TEST(AslReader, RefusesJsonataAndVariablesNamingTheFeature) {
  EXPECT_EQ(first_problem(R"({"QueryLanguage":"JSONata","StartAt":"A","States":{"A":{"Type":"Pass","End":true}}})"),
            "UNSUPPORTED_FEATURE: JSONata (QueryLanguage \"JSONata\") is not supported by hoplite yet; write the "
            "machine with JSONPath at /QueryLanguage");
  EXPECT_NE(first_problem(R"({"StartAt":"A","States":{"A":{"Type":"Pass","Assign":{"x":1},"End":true}}})")
                .find("Variables (Assign) are not supported"),
            std::string::npos);
  EXPECT_NE(first_problem(R"({"StartAt":"A","States":{"A":{"Type":"Pass","QueryLanguage":"JSONata","End":true}}})")
                .find("UNSUPPORTED_FEATURE"),
            std::string::npos);
}

TEST(AslReader, CapsSizeAndNesting) {
  std::string big = R"({"StartAt":"A","Comment":")" + std::string(kMaxDefinitionBytes, 'x') +
                    R"(","States":{"A":{"Type":"Succeed"}}})";
  EXPECT_NE(first_problem(big).find("larger than the limit"), std::string::npos);
  // 50 Parallel states nested in each other.
  std::string nested = R"({"StartAt":"S","States":{"S":)";
  for (int i = 0; i < 50; ++i)
    nested += R"({"Type":"Parallel","End":true,"Branches":[{"StartAt":"S)" + std::to_string(i) + R"(","States":{"S)" +
              std::to_string(i) + R"(":)";
  nested += R"({"Type":"Succeed"})";
  for (int i = 0; i < 50; ++i) nested += "}}]}";
  nested += "}}";
  EXPECT_NE(first_problem(nested).find("nested more than 40 levels"), std::string::npos);
  std::string rule = R"({"Variable":"$.x","IsPresent":true})";
  for (int i = 0; i < 40; ++i) rule = R"({"Not":)" + rule + "}";
  std::string choice = R"({"StartAt":"C","States":{"C":{"Type":"Choice","Choices":[)" +
                       rule.substr(0, rule.size() - 1) + R"(,"Next":"D"}]},"D":{"Type":"Succeed"}}})";
  EXPECT_NE(first_problem(choice).find("nested more than 32 levels"), std::string::npos);
}

TEST(AslReader, ChecksPathsTemplatesIntrinsicsAndErrorNames) {
  EXPECT_NE(first_problem(R"({"StartAt":"A","States":{"A":{"Type":"Pass","ResultPath":"$.a[*]","End":true}}})")
                .find("must be a valid reference path"),
            std::string::npos);
  EXPECT_NE(first_problem(
                R"J({"StartAt":"A","States":{"A":{"Type":"Pass","Parameters":{"x.$":"States.Nope()"},"End":true}}})J")
                .find("at /States/A/Parameters/x.$"),
            std::string::npos);
  EXPECT_NE(first_problem(R"({"StartAt":"A","States":{"A":{"Type":"Task","Resource":"arn:aws:states:::sns:publish",
      "Retry":[{"ErrorEquals":["States.ALL","Other"]}],"End":true}}})")
                .find("States.ALL must be the only error name"),
            std::string::npos);
  EXPECT_NE(first_problem(R"({"StartAt":"A","States":{"A":{"Type":"Task","Resource":"arn:aws:states:::sns:publish",
      "Catch":[{"ErrorEquals":["States.Made.Up"],"Next":"A"}],"End":true}}})")
                .find("names starting with 'States.' are reserved"),
            std::string::npos);
  EXPECT_NE(first_problem(R"({"StartAt":"A","States":{"A":{"Type":"Task","Resource":"not an arn","End":true}}})")
                .find("The resource provided not an arn is not recognized"),
            std::string::npos);
}

}  // namespace
}  // namespace hoplite::sfn
