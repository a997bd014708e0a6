#include "hoplite/cfn/logical_id.hpp"

#include <gtest/gtest.h>

namespace hoplite::cfn {
namespace {

TEST(LogicalId, PrefixPlusStableHashOfTheParts) {
  std::string id = logical_id("Subnet", "Net", "public", "0");
  EXPECT_TRUE(id.starts_with("Subnet"));
  EXPECT_EQ(id.size(), 6u + 8u);
  EXPECT_TRUE(is_valid_logical_id(id));
  EXPECT_EQ(id, logical_id("Subnet", "Net", "public", "0"));  // stable within a run
  // Pinned value: stable across runs, machines and releases (changing it renames resources).
  EXPECT_EQ(logical_id("PublicSubnet", "Net", "public", "0"), "PublicSubnetE7F85C49");
}

TEST(LogicalId, PartsAreLengthPrefixedSoBoundariesMatter) {
  EXPECT_NE(logical_id("X", "ab", "c"), logical_id("X", "a", "bc"));
  EXPECT_NE(logical_id("X", "a"), logical_id("X", "b"));
}

TEST(LogicalId, PrefixIsSanitizedAndTruncated) {
  EXPECT_TRUE(logical_id("my-topic.v2", "x").starts_with("mytopicv2"));
  std::string id = logical_id(std::string(300, 'A'), "x");
  EXPECT_EQ(id.size(), 255u);
  EXPECT_TRUE(is_valid_logical_id(id));
}

TEST(LogicalId, Validity) {
  EXPECT_TRUE(is_valid_logical_id("A1"));
  EXPECT_FALSE(is_valid_logical_id(""));
  EXPECT_FALSE(is_valid_logical_id("a-b"));
  EXPECT_FALSE(is_valid_logical_id("caf\xC3\xA9"));
  EXPECT_TRUE(is_valid_logical_id(std::string(255, 'a')));
  EXPECT_FALSE(is_valid_logical_id(std::string(256, 'a')));
  EXPECT_EQ(sanitize_logical_id("a_b-c d"), "abcd");
}

}  // namespace
}  // namespace hoplite::cfn
