#include "sfn/query/intrinsic.hpp"

#include <gtest/gtest.h>

#include <functional>
#include <string>

#include "sfn/json/text.hpp"
#include "sfn/query/scope.hpp"

namespace hoplite::sfn::asl {
namespace {

std::string eval(const std::string& call, const char* input = "{}") {
  auto c = parse_intrinsic(call);
  if (!c) return "syntax: " + c.error().message;
  Json in = Json::parse(input);
  Json exec = Json{{"Name", "exec-1"}, {"Id", "arn:e"}};
  ContextObject ctx;
  ctx.execution = &exec;
  std::uint64_t n = 0;
  std::function<std::uint64_t()> random = [&n] { return ++n * 0x9e3779b97f4a7c15ULL; };
  Scope scope{in, ctx, &random};
  auto v = evaluate_intrinsic(**c, scope);
  return v ? to_text(*v) : v.error().code + ": " + v.error().message;
}

TEST(Intrinsics, Format) {
  EXPECT_EQ(eval("States.Format('Hello, {}! {} {}', $.name, $.n, $.o)", R"({"name":"W","n":1.5,"o":{"a":[1,"x"]}})"),
            R"("Hello, W! 1.5 {a=[1, x]}")");
  EXPECT_EQ(eval("States.Format('literal \\{\\} and {}', null)"), R"("literal {} and null")");
  EXPECT_EQ(eval("States.Format('{} {}', 1)").substr(0, 23), "States.IntrinsicFailure");
  EXPECT_EQ(eval("States.Format('{}', $$.Execution.Name)"), R"("exec-1")");
}

TEST(Intrinsics, JsonConversions) {
  EXPECT_EQ(eval("States.StringToJson($.s)", R"({"s":"{\"b\":1,\"a\":[true]}"})"), R"({"b":1,"a":[true]})");
  EXPECT_EQ(eval("States.StringToJson(' ')"), "null");
  EXPECT_EQ(eval("States.JsonToString($.o)", R"({"o":{"b":1,"a":2}})"), R"("{\"b\":1,\"a\":2}")");
  EXPECT_EQ(eval("States.JsonMerge($.a, $.b, false)", R"({"a":{"x":1,"y":2},"b":{"y":3,"z":4}})"),
            R"({"x":1,"y":3,"z":4})");
  EXPECT_EQ(eval("States.JsonMerge($.a, $.a, true)", R"({"a":{}})").substr(0, 23), "States.IntrinsicFailure");
}

TEST(Intrinsics, Arrays) {
  EXPECT_EQ(eval("States.Array(1, 'two', $.t, States.Array())", R"({"t":true})"), R"([1,"two",true,[]])");
  EXPECT_EQ(eval("States.ArrayPartition($.a, 2)", R"({"a":[1,2,3,4,5]})"), "[[1,2],[3,4],[5]]");
  EXPECT_EQ(eval("States.ArrayContains($.a, $.v)", R"({"a":[1,{"k":[2]}],"v":{"k":[2.0]}})"), "true");
  EXPECT_EQ(eval("States.ArrayRange(1, 9, 3)"), "[1,4,7]");
  EXPECT_EQ(eval("States.ArrayRange(5, 1, -2)"), "[5,3,1]");
  EXPECT_EQ(eval("States.ArrayRange(0, 1000, 1)").substr(0, 23), "States.IntrinsicFailure");
  EXPECT_EQ(eval("States.ArrayGetItem($.a, 1)", R"({"a":[5,6]})"), "6");
  EXPECT_EQ(eval("States.ArrayGetItem($.a, 2)", R"({"a":[5,6]})").substr(0, 23), "States.IntrinsicFailure");
  EXPECT_EQ(eval("States.ArrayLength($.a)", R"({"a":[5,6]})"), "2");
  EXPECT_EQ(eval("States.ArrayUnique($.a)", R"({"a":[1,1.0,"1",{"a":1,"b":2},{"b":2,"a":1},null,null]})"),
            R"([1,"1",{"a":1,"b":2},null])");
}

TEST(Intrinsics, EncodingHashingAndIds) {
  EXPECT_EQ(eval("States.Base64Encode('Data to encode')"), R"("RGF0YSB0byBlbmNvZGU=")");
  EXPECT_EQ(eval("States.Base64Decode('RGF0YSB0byBlbmNvZGU=')"), R"("Data to encode")");
  EXPECT_EQ(eval("States.Hash('input data', 'SHA-1')"), R"("aaff4a450a104cd177d28d18d74485e8cae074b7")");
  EXPECT_EQ(eval("States.Hash('input data', 'MD5')"), R"("812f45842bc6d66ee14572ce20db8e86")");
  EXPECT_EQ(eval("States.Hash('x', 'CRC32')").substr(0, 23), "States.IntrinsicFailure");
  std::string uuid = eval("States.UUID()");
  ASSERT_EQ(uuid.size(), 38u);
  EXPECT_EQ(uuid[15], '4');  // version 4
}

TEST(Intrinsics, Numbers) {
  EXPECT_EQ(eval("States.MathAdd(1.49, 1.5)"), "3");  // Java rounding of each argument
  EXPECT_EQ(eval("States.MathAdd(-2.5, 0)"), "-2");
  EXPECT_EQ(eval("States.MathAdd($.a, -1)", R"({"a":10})"), "9");
  EXPECT_EQ(eval("States.MathRandom(1, 10, 7)"), eval("States.MathRandom(1, 10, 7)"));  // seeded
  std::string r = eval("States.MathRandom(5, 6)");
  EXPECT_EQ(r, "5");
}

TEST(Intrinsics, StringSplitUsesEveryCharacterAsASeparator) {
  EXPECT_EQ(eval("States.StringSplit('a,b;;c', ',;')"), R"(["a","b","c"])");
  EXPECT_EQ(eval("States.StringSplit(',,,', ',')"), "[]");
}

TEST(Intrinsics, ParsingChecksNamesArityAndNesting) {
  EXPECT_NE(eval("States.Nope(1)").find("not an intrinsic function"), std::string::npos);
  EXPECT_NE(eval("States.ArrayLength(1, 2)").find("takes 1 argument, not 2"), std::string::npos);
  EXPECT_NE(eval("States.Format('x'").find("syntax"), std::string::npos);
  std::string deep;
  for (int i = 0; i < 20; ++i) deep += "States.Array(";
  deep += "1";
  for (int i = 0; i < 20; ++i) deep += ")";
  EXPECT_NE(eval(deep).find("nested too deeply"), std::string::npos);
  EXPECT_EQ(eval("States.Format('{}', $.missing)").substr(0, 14), "States.Runtime");
}

}  // namespace
}  // namespace hoplite::sfn::asl
