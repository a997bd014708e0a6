#include "hoplite/core/percent.hpp"

#include <gtest/gtest.h>

namespace hoplite::core {
namespace {

TEST(Percent, EncodesEverythingButUnreservedAsTheAwsCliDoes) {
  // From tests/testdata/aws-wire/requests/002-CreateStack.json.
  EXPECT_EQ(percent_encode(R"({"Type":"AWS::SNS::Topic"})"), "%7B%22Type%22%3A%22AWS%3A%3ASNS%3A%3ATopic%22%7D");
  EXPECT_EQ(percent_encode("a b/c~d_e-f.g"), "a%20b%2Fc~d_e-f.g");
  EXPECT_EQ(percent_encode("\xc3\xa9"), "%C3%A9");
  EXPECT_EQ(percent_encode(std::string("\0\x7f\xff", 3)), "%00%7F%FF");
}

TEST(Percent, ASegmentCannotChangeWhichResourceAUrlNames) {
  // The defects of issue 12: a tag '../../prod/manifests/x' or 'v2?foo=bar#frag' must stay one segment.
  EXPECT_EQ(percent_encode("../../prod/manifests/x"), "..%2F..%2Fprod%2Fmanifests%2Fx");
  EXPECT_EQ(percent_encode("v2?foo=bar#frag"), "v2%3Ffoo%3Dbar%23frag");
  EXPECT_EQ(percent_encode("a%2Fb"), "a%252Fb") << "an escape in a name is data, encoded again";
}

TEST(Percent, PathEncodingKeepsSlashes) {
  EXPECT_EQ(percent_encode_path("photos/2024 may/a+b.jpg"), "photos/2024%20may/a%2Bb.jpg");
  EXPECT_EQ(percent_encode_path("/"), "/");
}

TEST(Percent, DecodingIsLenientAndNeverFails) {
  EXPECT_EQ(percent_decode("a%2Fb%2fc"), "a/b/c");
  EXPECT_EQ(percent_decode("100%"), "100%");
  EXPECT_EQ(percent_decode("%zz%4"), "%zz%4");
  EXPECT_EQ(percent_decode("a+b"), "a+b");
  EXPECT_EQ(percent_decode("%00"), std::string("\0", 1));
}

TEST(Percent, StrictDecodingRefusesMalformedEscapes) {
  EXPECT_EQ(percent_decode_strict("a%20b"), "a b");
  EXPECT_EQ(percent_decode_strict("100%"), std::nullopt);
  EXPECT_EQ(percent_decode_strict("%4"), std::nullopt);
  EXPECT_EQ(percent_decode_strict("%g0"), std::nullopt);
}

TEST(Percent, EncodeThenDecodeIsIdentityForEveryByte) {
  std::string all;
  for (int c = 0; c < 256; ++c) all += static_cast<char>(c);
  EXPECT_EQ(percent_decode(percent_encode(all)), all);
  EXPECT_EQ(percent_decode_strict(percent_encode_path(all)), all);
}

TEST(Form, EncodesInOrderAndDecodesBack) {
  std::vector<FormField> fields{{"Action", "Publish"}, {"Message", "héllo & goodbye=1+1"}, {"", ""}};
  std::string body = form_encode(fields);
  EXPECT_EQ(body, "Action=Publish&Message=h%C3%A9llo%20%26%20goodbye%3D1%2B1&=");
  auto back = form_decode(body);
  ASSERT_EQ(back.size(), 3u);
  EXPECT_EQ(back[0], fields[0]);
  EXPECT_EQ(back[1], fields[1]);
}

TEST(Form, DecodeReadsPlusAsSpaceSkipsEmptyPairsAndKeepsBareKeys) {
  auto f = form_decode("a=b+c&&d&=e&x=%zz");
  ASSERT_EQ(f.size(), 4u);
  EXPECT_EQ(f[0], (FormField{"a", "b c"}));
  EXPECT_EQ(f[1], (FormField{"d", ""}));
  EXPECT_EQ(f[2], (FormField{"", "e"}));
  EXPECT_EQ(f[3], (FormField{"x", "%zz"}));
  EXPECT_TRUE(form_decode("").empty());
  EXPECT_TRUE(form_decode("&&&").empty());
}

}  // namespace
}  // namespace hoplite::core
