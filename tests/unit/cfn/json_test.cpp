#include "hoplite/cfn/json.hpp"

#include <stdexcept>

#include <gtest/gtest.h>

#include "hoplite/cfn/intrinsics.hpp"

namespace hoplite::cfn {
namespace {

TEST(Json, ScalarsAndKinds) {
  EXPECT_TRUE(Json().is_null());
  EXPECT_EQ(Json(true).kind(), Json::Kind::boolean);
  EXPECT_EQ(Json(3).kind(), Json::Kind::integer);
  EXPECT_EQ(Json(std::int64_t{1} << 40).as_int(), std::int64_t{1} << 40);
  EXPECT_EQ(Json(2.5).kind(), Json::Kind::number);
  EXPECT_EQ(Json(4).as_double(), 4.0);
  EXPECT_EQ(Json("x").as_string(), "x");
  EXPECT_EQ(Json(std::string_view("y")).as_string(), "y");
  EXPECT_THROW((void)Json("x").as_int(), std::logic_error);
}

TEST(Json, ObjectsKeepInsertionOrderAndReplaceDuplicates) {
  Json o = Json::object({{"b", 1}, {"a", 2}, {"b", 3}});
  ASSERT_EQ(o.size(), 2u);
  EXPECT_EQ(o.as_object()[0].first, "b");
  EXPECT_EQ(o.as_object()[0].second, Json(3));
  EXPECT_EQ(o.dump(), R"({"b":3,"a":2})");
}

TEST(Json, EditingObjectsAndArrays) {
  Json j;
  j["Statement"].push_back(Json::object({{"Effect", "Allow"}}));
  j.set("Version", "2012-10-17");
  EXPECT_EQ(j.dump(), R"({"Statement":[{"Effect":"Allow"}],"Version":"2012-10-17"})");
  ASSERT_NE(j.find("Version"), nullptr);
  EXPECT_EQ(j.find("Nope"), nullptr);
  EXPECT_TRUE(j.erase("Version"));
  EXPECT_FALSE(j.erase("Version"));
  EXPECT_EQ(j.size(), 1u);
}

TEST(Json, ParseTurnsIntrinsicObjectsIntoReferences) {
  Json j = Json::parse(R"({"Resource": {"Fn::GetAtt": ["Role", "Arn"]}, "Topic": {"Ref": "Topic"},
                            "Region": {"Ref": "AWS::Region"}, "Condition": {"StringEquals": {"a": "b"}},
                            "Name": {"Fn::Sub": "${Bucket}-x"}})");
  EXPECT_TRUE(j.find("Resource")->is_intrinsic());
  EXPECT_FALSE(j.find("Condition")->is_intrinsic());  // an IAM condition block, not the intrinsic
  auto refs = j.references();
  ASSERT_EQ(refs.size(), 3u);
  EXPECT_EQ(refs[0], (Reference{Reference::Kind::attribute, "Role", "Arn"}));
  EXPECT_EQ(refs[1], (Reference{Reference::Kind::ref, "Topic", ""}));
  EXPECT_EQ(refs[2], (Reference{Reference::Kind::ref, "Bucket", ""}));
  EXPECT_EQ(j.dump(), R"({"Resource":{"Fn::GetAtt":["Role","Arn"]},"Topic":{"Ref":"Topic"},)"
                      R"("Region":{"Ref":"AWS::Region"},"Condition":{"StringEquals":{"a":"b"}},)"
                      R"("Name":{"Fn::Sub":"${Bucket}-x"}})");
  EXPECT_THROW((void)Json::parse("{nope"), std::invalid_argument);
}

TEST(Json, ShortGetAttFormIsUnderstood) {
  Json j = Json::parse(R"({"Fn::GetAtt": "Queue.Arn"})");
  EXPECT_EQ(j.references()[0], (Reference{Reference::Kind::attribute, "Queue", "Arn"}));
}

TEST(Json, EqualityComparesIntrinsicsByContent) {
  EXPECT_EQ(Json::parse(R"({"Ref": "A"})"), Json::parse(R"({"Ref": "A"})"));
  EXPECT_NE(Json::parse(R"({"Ref": "A"})"), Json::parse(R"({"Ref": "B"})"));
  EXPECT_NE(Json(1), Json(1.0));
  EXPECT_EQ(Json::array({1, "a"}), Json::array({1, "a"}));
}

TEST(Json, MakeIntrinsicForFunctionsTheHelpersDoNotCover) {
  Json j = Json::make_intrinsic("Fn::Cidr", Json::array({"10.0.0.0/16", 4, 8}));
  EXPECT_EQ(j.dump(), R"({"Fn::Cidr":["10.0.0.0/16",4,8]})");
  EXPECT_TRUE(j.references().empty());
  EXPECT_EQ(j.as_intrinsic().function, "Fn::Cidr");
}

}  // namespace
}  // namespace hoplite::cfn
