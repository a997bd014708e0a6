#include "aws/protocol/response.hpp"

#include <gtest/gtest.h>

namespace hoplite::aws::detail {
namespace {

TEST(Timestamps, ParsesTheIso8601FormsAwsSends) {
  auto t = parse_timestamp("2025-01-01T00:00:00Z");
  ASSERT_TRUE(t);
  EXPECT_EQ(to_epoch_millis(*t), 1735689600000);
  EXPECT_EQ(to_epoch_millis(*parse_timestamp("2025-01-01T00:00:00.250Z")), 1735689600250);
  EXPECT_EQ(to_epoch_millis(*parse_timestamp("2025-01-01T01:00:00+01:00")), 1735689600000);
  EXPECT_FALSE(parse_timestamp("2025-01-01"));
  EXPECT_FALSE(parse_timestamp("2025-01-01T00:00:00Zjunk"));
}

TEST(Timestamps, EpochSecondsKeepMilliseconds) {
  EXPECT_EQ(to_epoch_millis(from_epoch_seconds(1764000000.5)), 1764000000500);
}

TEST(QueryResult, FindsTheOperationResultElement) {
  http::Response r{.status = 200,
                   .body =
                       "<GetTemplateResponse><GetTemplateResult><TemplateBody>{}</TemplateBody>"
                       "</GetTemplateResult></GetTemplateResponse>"};
  auto x = query_result(r, "GetTemplate");
  ASSERT_TRUE(x.ok());
  EXPECT_EQ(x->text_at("TemplateBody"), "{}");
  http::Response empty{.status = 200, .body = "<DeleteStackResponse><ResponseMetadata/></DeleteStackResponse>"};
  EXPECT_TRUE(query_result(empty, "DeleteStack").ok());
}

TEST(JsonBody, EmptyIsAnObjectGarbageIsAnError) {
  EXPECT_TRUE(json_body(http::Response{.status = 200}, "Op")->is_object());
  EXPECT_EQ(json_body(http::Response{.status = 200, .body = "[1"}, "Op").error().code, "aws.json");
}

}  // namespace
}  // namespace hoplite::aws::detail
