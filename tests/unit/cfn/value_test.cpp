#include "hoplite/cfn/value.hpp"

#include <stdexcept>
#include <type_traits>

#include <gtest/gtest.h>

#include "hoplite/cfn/intrinsics.hpp"

namespace hoplite::cfn {
namespace {

TEST(Value, UnsetLiteralOrIntrinsic) {
  Value<std::string> unset;
  EXPECT_FALSE(unset.is_set());
  EXPECT_TRUE(unset.to_json().is_null());
  Value<std::string> lit = "x";
  EXPECT_TRUE(lit.is_literal());
  EXPECT_EQ(lit, Value<std::string>(std::string("x")));
  EXPECT_EQ(lit.to_json(), Json("x"));
  EXPECT_EQ(lit.literal_or("fallback"), "x");
  EXPECT_EQ(unset.literal_or("fallback"), "fallback");
  Value<std::string> intr = pseudo::region();
  EXPECT_TRUE(intr.is_set());
  EXPECT_FALSE(intr.is_literal());
  EXPECT_EQ(intr.literal(), nullptr);
  EXPECT_EQ(Json(intr).dump(), R"({"Ref":"AWS::Region"})");
}

TEST(Value, NumbersAndBooleans) {
  Value<int> i = 7;
  Value<std::int64_t> l = 7;  // int literal into a Long
  Value<double> d = 2;        // int literal into a Double
  Value<bool> b = false;
  EXPECT_EQ(Json(i), Json(7));
  EXPECT_EQ(Json(l), Json(7));
  EXPECT_EQ(Json(d), Json(2.0));
  EXPECT_EQ(Json(b), Json(false));
  // "true" must not silently become a bool through pointer conversion.
  static_assert(!std::is_convertible_v<const char*, Value<bool>>);
  static_assert(!std::is_convertible_v<const char*, Value<int>>);
  static_assert(!std::is_convertible_v<int, Value<std::string>>);
}

TEST(Value, FromJsonIsTheEscapeHatch) {
  auto v = Value<int>::from_json("not a number");  // validation reports it at synthesis
  EXPECT_TRUE(v.is_set());
  EXPECT_EQ(v.literal(), nullptr);
  EXPECT_FALSE(Value<int>::from_json(Json()).is_set());
}

TEST(List, LiteralItemsIntrinsicItemsOrOneIntrinsic) {
  List<std::string> l = {"a", pseudo::region()};
  EXPECT_EQ(Json(l).dump(), R"(["a",{"Ref":"AWS::Region"}])");
  List<std::string> azs = get_azs();
  EXPECT_EQ(azs.items(), nullptr);
  EXPECT_EQ(Json(azs).dump(), R"({"Fn::GetAZs":""})");
  List<std::string> from_vector = std::vector<std::string>{"x", "y"};
  EXPECT_EQ(Json(from_vector).dump(), R"(["x","y"])");
  List<std::string> grown;
  EXPECT_FALSE(grown.is_set());
  grown.push_back("z");
  EXPECT_EQ(Json(grown).dump(), R"(["z"])");
  EXPECT_EQ(Json(List<int>{1, 2}).dump(), "[1,2]");
}

TEST(Intrinsic, RejectsNonIntrinsicJson) { EXPECT_THROW(Intrinsic(Json("x")), std::invalid_argument); }

}  // namespace
}  // namespace hoplite::cfn
