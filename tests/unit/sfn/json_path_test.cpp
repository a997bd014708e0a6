#include "sfn/query/json_path.hpp"

#include <gtest/gtest.h>

namespace hoplite::sfn::asl {
namespace {

TEST(JsonPath, ReferencePaths) {
  for (const char* ok : {"$", "$.a", "$.a.b", "$['a b']", "$.list[0]", "$$.Execution.Id", "$.Parameters.x"})
    EXPECT_TRUE(is_reference_path(ok)) << ok;
  for (const char* bad : {"", ".guid", "..guid", "()", "$...", "$.a[*]", "$..a", "$.", "a", "$[]", "$.a['b"})
    EXPECT_FALSE(is_reference_path(bad)) << bad;
}

TEST(JsonPath, GeneralPathsAllowWildcardsAndFilters) {
  for (const char* ok : {"$.a[*]", "$..a", "$.a[0,1]", "$.a[1:3]", "$.a[?(@.x > 1)]", "$.*"})
    EXPECT_TRUE(is_json_path(ok)) << ok;
  for (const char* bad : {"", "a", "$a", "$.a[x]"}) EXPECT_FALSE(is_json_path(bad)) << bad;
}

TEST(JsonPath, DynamicValues) {
  EXPECT_TRUE(is_dynamic_value("$.x"));
  EXPECT_TRUE(is_dynamic_value("States.Format('{}', $.x)"));
  EXPECT_TRUE(is_dynamic_value("States.UUID()"));
  EXPECT_FALSE(is_dynamic_value("States."));
  EXPECT_FALSE(is_dynamic_value("hello"));
}

}  // namespace
}  // namespace hoplite::sfn::asl

namespace hoplite::sfn::asl {
namespace {

Json doc() {
  return Json::parse(R"({"store":{"book":[{"t":"A","p":8,"tags":["x"]},{"t":"B","p":12},{"t":"C","p":9}],
                       "bike":{"p":20}},"n":null,"a-b":1})");
}

std::string read(const char* path, const Json& root = doc()) {
  auto p = JsonPath::compile(path);
  if (!p) return "syntax: " + p.error().message;
  auto v = p->read(root);
  return v ? to_text(*v) : "missing: " + v.error().message;
}

TEST(JsonPathEval, DefinitePaths) {
  EXPECT_EQ(read("$.store.book[1].t"), R"("B")");
  EXPECT_EQ(read("$['store']['bike']"), R"({"p":20})");
  EXPECT_EQ(read("$.store.book[-1].t"), R"("C")");
  EXPECT_EQ(read("$.n"), "null");
  EXPECT_EQ(read("$.a-b"), "1");
  EXPECT_EQ(read("$"), to_text(doc()));
}

TEST(JsonPathEval, MissingDefinitePathsSayWhatJaywaySays) {
  EXPECT_EQ(read("$.nope"), "missing: No results for path: $['nope']");
  EXPECT_EQ(read("$.store.nope"), "missing: No results for path: $['store']['nope']");
  EXPECT_EQ(read("$.nope.deeper"), "missing: Missing property in path $['nope']");
  EXPECT_EQ(read("$.store.book[7]"), "missing: No results for path: $['store']['book'][7]");
}

TEST(JsonPathEval, IndefinitePathsSelectLists) {
  EXPECT_EQ(read("$.store.book[*].t"), R"(["A","B","C"])");
  EXPECT_EQ(read("$.store.book[0,2].p"), "[8,9]");
  EXPECT_EQ(read("$.store.book[1:].t"), R"(["B","C"])");
  EXPECT_EQ(read("$.store.book[-2:].t"), R"(["B","C"])");
  EXPECT_EQ(read("$.store.book[:1].t"), R"(["A"])");
  EXPECT_EQ(read("$..p"), "[8,12,9,20]");
  EXPECT_EQ(read("$.store.book[?(@.p > 8 && @.p < 12)].t"), R"(["C"])");
  EXPECT_EQ(read("$.store.book[?(@.tags)].t"), R"(["A"])");
  EXPECT_EQ(read("$.store.book[?(@.t == 'B' || !(@.p >= 9))].t"), R"(["A","B"])");
  EXPECT_EQ(read("$.nothing[*]"), "[]");
  EXPECT_EQ(read("$[*]", Json::object()), "[]");
  EXPECT_EQ(read("$.store.*"), to_text(Json::array({doc()["store"]["book"], doc()["store"]["bike"]})));
}

TEST(JsonPathEval, HostileFiltersAreRefusedWhenCompiled) {
  EXPECT_NE(read("$.a[?(@.x =~ /.*/)]").find("syntax"), std::string::npos);
  std::string nested = "$.a[?(";
  for (int i = 0; i < 40; ++i) nested += "(";
  nested += "@.x";
  for (int i = 0; i < 40; ++i) nested += ")";
  nested += ")]";
  EXPECT_NE(read(nested.c_str()).find("syntax"), std::string::npos);
}

TEST(AssignPath, CreatesObjectsAndRefusesNonObjects) {
  Json d = Json::parse(R"({"a":{"b":1},"s":"text","l":[1,2]})");
  ASSERT_TRUE(assign_path(d, *JsonPath::compile("$.a.c.d"), Json(5)).ok());
  ASSERT_TRUE(assign_path(d, *JsonPath::compile("$.l[1]"), Json("x")).ok());
  EXPECT_EQ(to_text(d), R"({"a":{"b":1,"c":{"d":5}},"s":"text","l":[1,"x"]})");
  EXPECT_FALSE(assign_path(d, *JsonPath::compile("$.s.x"), Json(1)).ok());
  EXPECT_FALSE(assign_path(d, *JsonPath::compile("$.l[5]"), Json(1)).ok());
  Json before = d;
  EXPECT_FALSE(assign_path(d, *JsonPath::compile("$.new[0]"), Json(1)).ok());
  EXPECT_EQ(d, before);  // nothing created on the way to a failure
  ASSERT_TRUE(assign_path(d, *JsonPath::compile("$"), Json(7)).ok());
  EXPECT_EQ(d, 7);
}

}  // namespace
}  // namespace hoplite::sfn::asl
