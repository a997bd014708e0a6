#include "hoplite/cfn/render.hpp"

#include <gtest/gtest.h>

#include "hoplite/cfn/intrinsics.hpp"
#include "hoplite/cfn/validation_error.hpp"
#include "support/golden.hpp"

namespace hoplite::cfn {
namespace {

TEST(Render, RoundTripsThroughNlohmannKeepingOrderAndIntrinsics) {
  auto n = nlohmann::ordered_json::parse(
      R"({"z": 1, "a": [true, null, 2.5, "s"], "r": {"Fn::Join": ["", [{"Ref": "X"}, "y"]]}, "big": 18446744073709551})");
  Json j = from_nlohmann(n);
  EXPECT_TRUE(j.find("r")->is_intrinsic());
  EXPECT_EQ(j.references()[0], (Reference{Reference::Kind::ref, "X", ""}));
  EXPECT_EQ(to_nlohmann(j), n);
  EXPECT_EQ(to_nlohmann(j).dump(), n.dump());
}

TEST(Render, DumpTemplateIsTwoSpaceIndentedWithTrailingNewlineAndRawUtf8) {
  nlohmann::ordered_json j = {{"Description", "party \xF0\x9F\x8E\x89"}, {"A", {{"B", 1}}}};
  EXPECT_EQ(dump_template(j), "{\n  \"Description\": \"party \xF0\x9F\x8E\x89\",\n  \"A\": {\n    \"B\": 1\n  }\n}\n");
}

TEST(Render, IntrinsicsRenderAsSingleKeyObjects) {
  EXPECT_EQ(to_nlohmann(get_azs()).dump(), R"({"Fn::GetAZs":""})");
  EXPECT_EQ(to_nlohmann(Json()).dump(), "null");
}

TEST(Render, InvalidUtf8IsAValidationError) {
  nlohmann::ordered_json j = {{"Description", "bad \xC3\x28 byte"}};
  EXPECT_THROW_WITH((void)dump_template(j), ValidationError,
                    "[cfn.validate.013] the template holds a string that is "
                    "not valid UTF-8");
}

}  // namespace
}  // namespace hoplite::cfn
