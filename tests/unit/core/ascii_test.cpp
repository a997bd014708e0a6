#include "hoplite/core/ascii.hpp"

#include <gtest/gtest.h>

namespace hoplite::core {
namespace {

TEST(Ascii, OnlyLettersAToZChangeCase) {
  EXPECT_EQ(ascii_lower("Content-Type: X-Amz-DATE 09"), "content-type: x-amz-date 09");
  EXPECT_EQ(ascii_upper("tcp-6 [icmpv6]"), "TCP-6 [ICMPV6]");
  EXPECT_EQ(ascii_lower(""), "");
}

TEST(Ascii, BytesOutsideAsciiAreLeftAlone) {
  // UTF-8 "É" and "é", a Latin-1 "É", and the bytes around the letter ranges ('@' '[' '`' '{').
  const std::string bytes = "\xC3\x89\xC3\xA9\xC9@[`{";
  EXPECT_EQ(ascii_lower(bytes), bytes);
  EXPECT_EQ(ascii_upper(bytes), bytes);
  EXPECT_EQ(ascii_lower(std::string("A\0Z", 3)), std::string("a\0z", 3));
}

}  // namespace
}  // namespace hoplite::core
