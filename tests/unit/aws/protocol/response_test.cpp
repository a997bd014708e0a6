#include "aws/protocol/response.hpp"

#include <gtest/gtest.h>

namespace hoplite::aws::detail {
namespace {

TEST(Timestamps, QueryResponsesAndJsonEpochsAreRead) {
  XmlElement e{"R", "", {XmlElement{"When", "2025-01-01T00:00:00.250Z", {}}, XmlElement{"Bad", "yesterday", {}}}};
  EXPECT_EQ(core::to_epoch_millis(*time_at(e, "When")), 1735689600250);
  EXPECT_FALSE(time_at(e, "Bad"));
  EXPECT_FALSE(time_at(e, "Absent"));
  auto j = nlohmann::json::parse(R"({"t": 1764000000.5, "huge": 1e300, "s": "x"})");
  EXPECT_EQ(core::to_epoch_millis(*opt_epoch(j, "t")), 1764000000500);
  EXPECT_FALSE(opt_epoch(j, "huge"));
  EXPECT_FALSE(opt_epoch(j, "s"));
}

TEST(JsonFields, HostileNumbersAreAbsentNotUndefinedBehaviour) {
  auto j = nlohmann::json::parse(R"({"big": 1e300, "neg": -1e300, "u": 18446744073709551615, "ok": 42, "f": 2.5})");
  EXPECT_FALSE(opt_int(j, "big"));
  EXPECT_FALSE(opt_int(j, "neg"));
  EXPECT_FALSE(opt_int(j, "u"));
  EXPECT_EQ(opt_int(j, "ok"), 42);
  EXPECT_EQ(opt_int(j, "f"), 2);
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
