#include "sfn/json/value.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <string>

#include "sfn/json/text.hpp"

namespace hoplite::sfn::asl {
namespace {

TEST(ParseJson, KeepsKeyOrderAndTheLastOfDuplicateKeys) {
  auto v = parse_json(R"({"b":1,"a":2,"b":3})");
  ASSERT_TRUE(v.ok());
  EXPECT_EQ(to_text(*v), R"({"b":3,"a":2})");
}

TEST(ParseJson, CapsSizeBeforeReadingAndDepthWhileReading) {
  EXPECT_EQ(parse_json(std::string(100, ' ') + "1", {.max_bytes = 50}).error().code, "json.too_large");
  std::string deep = std::string(600, '[') + std::string(600, ']');
  EXPECT_EQ(parse_json(deep).error().code, "json.too_deep");
  EXPECT_TRUE(parse_json(std::string(512, '[') + std::string(512, ']')).ok());
  auto bad = parse_json("{\"a\":}");
  EXPECT_EQ(bad.error().code, "json.syntax");
  EXPECT_NE(bad.error().message.find("column"), std::string::npos);
}

TEST(ParseJson, WideObjectsAreIndexedAndTheLastDuplicateWins) {
  // ordered_json's own parser checks duplicates with a scan: ~2 s for this object. Ours indexes
  // (not timed here: tests never fail on timing).
  std::string wide = "{";
  for (int i = 0; i < 25000; ++i) wide += (i ? ",\"" : "\"") + std::to_string(i) + "\":0";
  wide += ",\"7\":1}";
  auto v = parse_json(wide, {.max_bytes = 1 << 20});
  ASSERT_TRUE(v.ok());
  EXPECT_EQ(v->size(), 25000u);
  EXPECT_EQ((*v)["7"], 1);
}

TEST(ToText, CompactEscapedAndUtf8Safe) {
  Json v = Json::object();
  v["s"] = std::string("q\"\\\n\x01\xc3\xa9");
  v["bad"] = std::string("\xff\xfe");
  v["n"] = {1, 1.5, -0.0, nullptr, true};
  EXPECT_EQ(
      to_text(v),
      "{\"s\":\"q\\\"\\\\\\n\\u0001\xc3\xa9\",\"bad\":\"\xEF\xBF\xBD\xEF\xBF\xBD\",\"n\":[1,1.5,-0.0,null,true]}");
}

TEST(WriteJson, StopsAtTheSizeAndDepthLimits) {
  Json deep = Json::array();
  Json* at = &deep;
  for (int i = 0; i < 40; ++i) {
    at->push_back(Json::array());
    at = &(*at)[0];
  }
  std::string out;
  EXPECT_FALSE(write_json(out, deep, {.max_bytes = 1000, .max_depth = 10}));
  out.clear();
  EXPECT_TRUE(write_json(out, deep, {.max_bytes = 1000, .max_depth = 100}));
  out.clear();
  EXPECT_FALSE(write_json(out, Json(std::string(100, 'x')), {.max_bytes = 50, .max_depth = 10}));
}

// Appending a member to an object's written literal gives the text (and plain size) of writing
// the object with the member from scratch, and fails where that would.
TEST(AppendMemberLiteral, GivesTheTextOfTheWholeObject) {
  const WriteLimits unlimited{.max_bytes = SIZE_MAX, .max_depth = SIZE_MAX};
  for (const char* input : {"{}", R"({"a":1})", R"({"s":"q\"\\\n\u0001é","n":[1,1.5,null,{"x":{}}]})"}) {
    for (const char* value : {"null", "\"t\\\"x\"", "[1,{\"k\":[]}]", "{}", "{\"deep\":{\"er\":[true]}}"}) {
      SCOPED_TRACE(std::string(input) + " + " + value);
      Json object = Json::parse(input);
      std::string literal;
      std::size_t plain = 0;
      ASSERT_TRUE(write_json_literal(literal, object, unlimited, &plain));
      ASSERT_TRUE(append_member_literal(literal, plain, "ke\"y", Json::parse(value), unlimited));
      object["ke\"y"] = Json::parse(value);
      std::string expected;
      std::size_t expected_plain = 0;
      ASSERT_TRUE(write_json_literal(expected, object, unlimited, &expected_plain));
      EXPECT_EQ(literal, expected);
      EXPECT_EQ(plain, expected_plain);
      EXPECT_EQ(plain, to_text(object).size());
      EXPECT_EQ(plain_of_literal(literal), to_text(object));
    }
  }
}

TEST(AppendMemberLiteral, KeepsTheLimitsOfTheWhole) {
  Json object = Json::parse(R"({"a":"0123456789"})");
  std::string literal;
  std::size_t plain = 0;
  ASSERT_TRUE(write_json_literal(literal, object, {}, &plain));
  const std::string before = literal;
  // {"a":"0123456789","b":"xxxx"} is 29 bytes: 28 is too few, 29 enough.
  EXPECT_FALSE(append_member_literal(literal, plain, "b", Json("xxxx"), {.max_bytes = 28, .max_depth = 10}));
  EXPECT_EQ(literal, before);
  EXPECT_EQ(plain, 18u);
  // Depth: the member is one level down ({"b":[[]]} has depth 3).
  EXPECT_FALSE(append_member_literal(literal, plain, "b", Json::parse("[[]]"), {.max_bytes = 100, .max_depth = 2}));
  EXPECT_TRUE(append_member_literal(literal, plain, "b", Json::parse("[[]]"), {.max_bytes = 100, .max_depth = 3}));
  EXPECT_EQ(plain, 27u);
}

TEST(JsonEqual, IgnoresKeyOrderAndNumberRepresentation) {
  EXPECT_TRUE(json_equal(Json::parse(R"({"a":1,"b":[1.0,2]})"), Json::parse(R"({"b":[1,2.0],"a":1})")));
  EXPECT_FALSE(json_equal(Json::parse(R"({"a":1})"), Json::parse(R"({"a":"1"})")));
  EXPECT_FALSE(json_equal(Json::parse("[1,2]"), Json::parse("[2,1]")));
  EXPECT_EQ(json_depth(Json::parse(R"({"a":[{"b":[]}]})")), 4u);
}

}  // namespace
}  // namespace hoplite::sfn::asl
