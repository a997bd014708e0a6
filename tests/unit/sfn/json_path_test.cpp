#include "sfn/json_path.hpp"

#include <gtest/gtest.h>

namespace hoplite::sfn::detail {
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
}  // namespace hoplite::sfn::detail
