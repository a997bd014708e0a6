#include "hoplite/core/log.hpp"

#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace hoplite::core::log {
namespace {

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

// Every test logs into its own stream; afterwards logging goes back to stderr so no later test
// writes into a destroyed stream.
class LogTest : public ::testing::Test {
 protected:
  void TearDown() override { configure(Options{}); }
  std::ostringstream out_;
};

TEST_F(LogTest, TextLineHasUtcTimeLevelMessageAndFields) {
  configure({.level = Level::info, .format = Format::text}, out_);
  Logger{}.with("ref", "svc:latest").with("layers", 3).with("cached", true).info("pushed {}", "image");
  const std::string line = out_.str();
  const std::regex shape(
      R"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z INFO  pushed image ref=svc:latest layers=3 cached=true\n)");
  EXPECT_TRUE(std::regex_match(line, shape)) << line;
}

TEST_F(LogTest, TextQuotesValuesThatAreNotPlainWords) {
  configure({.level = Level::info, .format = Format::text}, out_);
  Logger{}.with("reason", "stack is \"busy\" now").with("empty", "").warn("waiting");
  EXPECT_NE(out_.str().find(R"(WARN  waiting reason="stack is \"busy\" now" empty="")"), std::string::npos)
      << out_.str();
}

TEST_F(LogTest, TextWrittenToAStreamIsNeverColoured) {
  configure({.level = Level::trace, .format = Format::text}, out_);
  error("boom");
  EXPECT_EQ(out_.str().find('\x1b'), std::string::npos) << out_.str();
  EXPECT_NE(out_.str().find("ERROR boom"), std::string::npos);
}

TEST_F(LogTest, JsonIsOneParsableObjectPerLineWithTypedFields) {
  configure({.level = Level::trace, .format = Format::json}, out_);
  trace("t");
  debug("d {}", 1);
  info("i");
  warn("w");
  error("e");
  Logger{}.with("stack", "svc").with("http_status", 404).with("retryable", false).info("done");

  const auto lines = lines_of(out_.str());
  ASSERT_EQ(lines.size(), 6u) << out_.str();
  const std::vector<std::string> levels = {"trace", "debug", "info", "warn", "error", "info"};
  const std::vector<std::string> messages = {"t", "d 1", "i", "w", "e", "done"};
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const auto j = nlohmann::json::parse(lines[i]);
    ASSERT_TRUE(j.is_object());
    EXPECT_EQ(j.at("level"), levels[i]);
    EXPECT_EQ(j.at("message"), messages[i]);
    EXPECT_TRUE(
        std::regex_match(j.at("time").get<std::string>(), std::regex(R"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z)")));
  }
  const auto last = nlohmann::json::parse(lines.back());
  EXPECT_EQ(last.at("stack"), "svc");
  EXPECT_EQ(last.at("http_status"), 404);
  EXPECT_EQ(last.at("retryable"), false);
  // Key order is part of the format: time, level, message, then fields as bound.
  EXPECT_EQ(lines.back().rfind(R"({"time":)", 0), 0u);
  EXPECT_LT(lines.back().find("\"stack\""), lines.back().find("\"http_status\""));
}

TEST_F(LogTest, JsonEscapesQuotesNewlinesControlsAndInvalidUtf8) {
  configure({.level = Level::info, .format = Format::json}, out_);
  const std::string nasty = std::string("a \"quote\"\nnew line\ttab \\ bell\x07 emoji 🎉 bad\xff\xfe end");
  Logger{}.with("raw", nasty).info("{}", nasty);
  const auto lines = lines_of(out_.str());
  ASSERT_EQ(lines.size(), 1u) << "a message with a newline must stay on one line";
  const auto j = nlohmann::json::parse(lines[0]);
  const std::string expected = "a \"quote\"\nnew line\ttab \\ bell\x07 emoji 🎉 bad\xEF\xBF\xBD\xEF\xBF\xBD end";
  EXPECT_EQ(j.at("message"), expected);
  EXPECT_EQ(j.at("raw"), expected);
}

TEST_F(LogTest, FieldsCannotOverwriteTheLinesOwnKeys) {
  configure({.level = Level::info, .format = Format::json}, out_);
  Logger{}.with("message", "sneaky").with("level", "error").info("real");
  const auto j = nlohmann::json::parse(out_.str());
  EXPECT_EQ(j.at("message"), "real");
  EXPECT_EQ(j.at("level"), "info");
  EXPECT_EQ(j.at("message_"), "sneaky");
  EXPECT_EQ(j.at("level_"), "error");
}

TEST_F(LogTest, LevelDropsLowerLinesAndOffDropsAll) {
  configure({.level = Level::warn, .format = Format::text}, out_);
  info("hidden");
  debug("hidden");
  warn("shown");
  EXPECT_EQ(lines_of(out_.str()).size(), 1u) << out_.str();
  EXPECT_FALSE(enabled(Level::info));
  EXPECT_TRUE(enabled(Level::error));

  std::ostringstream silent;
  configure({.level = Level::off, .format = Format::text}, silent);
  error("nothing");
  EXPECT_EQ(silent.str(), "");
  EXPECT_FALSE(enabled(Level::error));
}

TEST_F(LogTest, WithReturnsANewLoggerAndLeavesTheOriginalAlone) {
  const Logger base = Logger{}.with("task", "fargateTask");
  const Logger more = base.with("attempt", 2);
  EXPECT_EQ(base.fields().size(), 1u);
  EXPECT_EQ(more.fields().size(), 2u);
}

TEST(LogNames, ParseAndPrintRoundTrip) {
  for (Level l : {Level::trace, Level::debug, Level::info, Level::warn, Level::error, Level::off}) {
    EXPECT_EQ(parse_level(to_string(l)), l);
  }
  EXPECT_EQ(parse_level("warning"), Level::warn);
  EXPECT_EQ(parse_level("INFO"), std::nullopt);
  EXPECT_EQ(parse_level("verbose"), std::nullopt);
  EXPECT_EQ(parse_format("json"), Format::json);
  EXPECT_EQ(parse_format("text"), Format::text);
  EXPECT_EQ(parse_format("yaml"), std::nullopt);
}

}  // namespace
}  // namespace hoplite::core::log
