#include "local/regions.hpp"

#include <gtest/gtest.h>

namespace hoplite::local {
namespace {

TEST(Regions, NamesAreCheckedWithoutARegex) {
  for (const char* ok :
       {"us-east-1", "eu-central-1", "ap-southeast-7", "us-gov-west-1", "cn-northwest-1", "il-central-1"})
    EXPECT_TRUE(is_region_name(ok)) << ok;
  for (const char* bad : {"", "mars", "us-east", "us-east-1a", "US-EAST-1", "us--1", "-us-east-1", "us-east-1-",
                          "us_east_1", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa-1"})
    EXPECT_FALSE(is_region_name(bad)) << bad;
}

TEST(Regions, AvailabilityZonesAsAwsNamesThem) {
  EXPECT_EQ(availability_zones("us-east-1"), (std::vector<std::string>{"us-east-1a", "us-east-1b", "us-east-1c",
                                                                       "us-east-1d", "us-east-1e", "us-east-1f"}));
  EXPECT_EQ(availability_zones("ap-northeast-1"),
            (std::vector<std::string>{"ap-northeast-1a", "ap-northeast-1c", "ap-northeast-1d"}));
  EXPECT_EQ(availability_zones("us-west-1"), (std::vector<std::string>{"us-west-1a", "us-west-1b"}));
  EXPECT_EQ(availability_zones("xx-new-9"), (std::vector<std::string>{"xx-new-9a", "xx-new-9b", "xx-new-9c"}));
  EXPECT_EQ(zone_id("us-east-1", 0), "use1-az1");
  EXPECT_EQ(zone_id("ap-northeast-1", 2), "apne1-az3");
  EXPECT_EQ(zone_id("us-gov-west-1", 0), "usgw1-az1");
  EXPECT_EQ(zone_id("eu-central-1", 1), "euc1-az2");
  EXPECT_EQ(partition_of("cn-north-1"), "aws-cn");
  EXPECT_EQ(partition_of("us-gov-east-1"), "aws-us-gov");
  EXPECT_EQ(partition_of("eu-west-3"), "aws");
}

}  // namespace
}  // namespace hoplite::local
