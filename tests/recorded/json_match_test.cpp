// The recorded-case matcher: placeholders bind consistently, timestamps match, Details compare as
// multisets, normalised keys match anything, and real differences are reported.

#include "json_match.hpp"

#include <gtest/gtest.h>

namespace hoplite::recorded {
namespace {

TEST(JsonMatch, PlaceholdersBindOncePerCase) {
  Matcher m;
  EXPECT_TRUE(
      m.match_text("arn:<partition>:sns:<region>:111111111111:<resource:1>", "arn:aws:sns:us-east-1:111111111111:t1"));
  EXPECT_TRUE(m.match_text("<resource:1>", "t1"));
  EXPECT_FALSE(m.match_text("<resource:1>", "t2"));
  EXPECT_TRUE(m.match_text("The stack name is <stack-name:1>", "The stack name is s"));
  EXPECT_FALSE(m.match_text("prefix <x>", "other s"));
  EXPECT_TRUE(m.match_text("timestamp", "2024-01-01T00:00:00Z"));
  EXPECT_TRUE(m.match_text("a < b", "a < b"));  // not a placeholder
}

TEST(JsonMatch, OurOwnPlaceholderInputsMatchAnything) {
  Matcher m;
  EXPECT_TRUE(m.match_text("topic-name-1-updated", "<unknown>"));
  EXPECT_TRUE(m.match_text("<param-value>", "ssm-value-of-<param_name>"));
}

TEST(JsonMatch, APathSegmentATestShortenedIsAPlaceholder) {
  Matcher m;
  EXPECT_TRUE(m.match_text("arn:<partition>:ssm:<region>:111111111111:parameter/cdk-bootstrap/.../version",
                           "arn:aws:ssm:us-east-1:111111111111:parameter/cdk-bootstrap/vr2x57/version"));
  EXPECT_FALSE(m.match_text("parameter/cdk-bootstrap/.../version", "parameter/cdk-bootstrap/v1/release"));
  EXPECT_TRUE(m.match_text("a...b", "a...b"));  // dots that are not a path segment are text
  EXPECT_FALSE(m.match_text("a...b", "axyzb"));
}

TEST(JsonMatch, ObjectsArraysAndDetails) {
  Matcher m;
  std::vector<std::string> problems;
  Json expected = Json::parse(R"({"Details": [{"A": 1}, {"A": 2}], "L": [1, 2], "K": "x"})");
  Json actual = Json::parse(R"({"K": "x", "L": [1, 2], "Details": [{"A": 2}, {"A": 1}]})");
  EXPECT_TRUE(m.match(expected, actual, problems)) << problems.front();
  Json reordered = Json::parse(R"({"K": "x", "L": [2, 1], "Details": [{"A": 2}, {"A": 1}]})");
  EXPECT_FALSE(m.match(expected, reordered, problems));
  problems.clear();
  EXPECT_FALSE(m.match(Json::parse(R"({"a": 1})"), Json::parse(R"({"b": 1})"), problems));
  EXPECT_EQ(problems.size(), 2u);  // missing a, unexpected b
  Matcher normalised;
  normalised.any_value_keys.insert("PhysicalResourceId");
  problems.clear();
  EXPECT_TRUE(normalised.match(Json::parse(R"({"PhysicalResourceId": "PhysicalResourceId"})"),
                               Json::parse(R"({"PhysicalResourceId": "arn:x"})"), problems));
}

}  // namespace
}  // namespace hoplite::recorded
