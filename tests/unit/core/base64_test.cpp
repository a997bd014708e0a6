#include "hoplite/core/base64.hpp"

#include <vector>

#include <gtest/gtest.h>

namespace hoplite::core {
namespace {

TEST(Base64, EncodesTheRfc4648Vectors) {
  // RFC 4648 section 10.
  EXPECT_EQ(base64_encode(""), "");
  EXPECT_EQ(base64_encode("f"), "Zg==");
  EXPECT_EQ(base64_encode("fo"), "Zm8=");
  EXPECT_EQ(base64_encode("foo"), "Zm9v");
  EXPECT_EQ(base64_encode("foob"), "Zm9vYg==");
  EXPECT_EQ(base64_encode("fooba"), "Zm9vYmE=");
  EXPECT_EQ(base64_encode("foobar"), "Zm9vYmFy");
  EXPECT_EQ(base64_encode("AWS:peer-ecr-password"), "QVdTOnBlZXItZWNyLXBhc3N3b3Jk");
}

TEST(Base64, RoundTripsEveryPaddingLengthAndEveryByte) {
  std::string all;
  for (int c = 0; c < 256; ++c) all += static_cast<char>(c);
  for (const std::string& s : std::vector<std::string>{"", "a", "ab", "abc", "abcd", std::string("\0\xff\x10", 3), all})
    EXPECT_EQ(base64_decode(base64_encode(s)), s);
}

TEST(Base64, DecodesWithOrWithoutPaddingAndAcrossLineBreaks) {
  EXPECT_EQ(base64_decode("Zm8="), "fo");
  EXPECT_EQ(base64_decode("Zm8"), "fo");
  EXPECT_EQ(base64_decode("Zm9v\nYmFy\r\n"), "foobar");
  EXPECT_EQ(base64_decode(" Zg = = "), "f");
}

TEST(Base64, RefusesWhatIsNotBase64) {
  EXPECT_EQ(base64_decode("not*base64"), std::nullopt);
  EXPECT_EQ(base64_decode("Zm8*"), std::nullopt);
  EXPECT_EQ(base64_decode("Zg==Zg=="), std::nullopt) << "data after padding";
  EXPECT_EQ(base64_decode("Zg==="), std::nullopt) << "three padding characters";
  EXPECT_EQ(base64_decode("Zm9vY"), std::nullopt) << "4n+1 symbols leave a dangling character";
  EXPECT_EQ(base64_decode("Zm8=="), std::nullopt) << "padding that does not complete a quantum";
  EXPECT_EQ(base64_decode("Zm9v-_"), std::nullopt) << "the URL-safe alphabet is another encoding";
  EXPECT_EQ(base64_decode(std::string("Zm\0v", 4)), std::nullopt);
}

}  // namespace
}  // namespace hoplite::core
