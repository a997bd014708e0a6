// The AllowedPattern matcher: Java-style full matches, refusal of what it cannot do safely, and
// linear time on the classic catastrophic-backtracking inputs.

#include "cfn/safe_regex.hpp"

#include <chrono>

#include <gtest/gtest.h>

namespace hoplite::cfn::detail {
namespace {

bool matches(std::string_view pattern, std::string_view text) {
  std::string error;
  auto r = SafeRegex::compile(pattern, &error);
  EXPECT_TRUE(r.has_value()) << pattern << ": " << error;
  return r && r->full_match(text);
}

bool refused(std::string_view pattern) { return !SafeRegex::compile(pattern).has_value(); }

TEST(SafeRegex, MatchesTheWholeText) {
  EXPECT_TRUE(matches("[a-z]+", "abc"));
  EXPECT_FALSE(matches("[a-z]+", "abc1"));
  EXPECT_FALSE(matches("b", "abc"));
  EXPECT_TRUE(matches("^abc$", "abc"));
  EXPECT_TRUE(matches("", ""));
  EXPECT_FALSE(matches("", "x"));
}

TEST(SafeRegex, Syntax) {
  EXPECT_TRUE(matches("a.c", "abc"));
  EXPECT_TRUE(matches("[^0-9]*", "abc"));
  EXPECT_FALSE(matches("[^0-9]*", "a1"));
  EXPECT_TRUE(matches("\\d{3}-\\d{2,}", "123-45678"));
  EXPECT_FALSE(matches("\\d{3}-\\d{2,}", "12-45"));
  EXPECT_TRUE(matches("(ab|cd)+e?", "abcdab"));
  EXPECT_TRUE(matches("(?:x|y){2}", "xy"));
  EXPECT_FALSE(matches("(?:x|y){2}", "xyx"));
  EXPECT_TRUE(matches("\\w+\\s\\S", "a_1 !"));
  EXPECT_TRUE(matches("[\\w.-]+@[a-z]+\\.com", "a.b-c@x.com"));
  EXPECT_TRUE(matches("a{0}b", "b"));
  EXPECT_TRUE(matches("a{1,3}?", "aa"));
  EXPECT_TRUE(matches("[]a]+", "]a"));
  EXPECT_TRUE(matches("\\.\\*\\(", ".*("));
  EXPECT_TRUE(matches("^(arn:aws:iam::[0-9]{12}:role/[\\w+=,.@-]+)$", "arn:aws:iam::123456789012:role/x-y"));
}

TEST(SafeRegex, RefusesWhatItCannotDoSafely) {
  EXPECT_TRUE(refused("(?=a)"));
  EXPECT_TRUE(refused("(a)\\1"));
  EXPECT_TRUE(refused("\\bword"));
  EXPECT_TRUE(refused("(a"));
  EXPECT_TRUE(refused("a)"));
  EXPECT_TRUE(refused("[a-"));
  EXPECT_TRUE(refused("*a"));
  EXPECT_TRUE(refused("a{3,1}"));
  EXPECT_TRUE(refused("(a{1000}){1000}"));  // would expand past the instruction budget
  EXPECT_TRUE(refused(std::string(5000, 'a')));
  EXPECT_TRUE(refused(std::string(200, '(') + std::string(200, ')')));
}

TEST(SafeRegex, NoCatastrophicBacktracking) {
  auto start = std::chrono::steady_clock::now();
  std::string text(5000, 'a');
  EXPECT_FALSE(matches("(a+)+b", text));
  EXPECT_FALSE(matches("(a|aa)*c", text));
  EXPECT_TRUE(matches("(a*)*", text));
  // A generous bound: the backtracking engines this replaces would take longer than the universe.
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(5));
}

}  // namespace
}  // namespace hoplite::cfn::detail
