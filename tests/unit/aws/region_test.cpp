#include "hoplite/aws/region.hpp"

#include <gtest/gtest.h>

#include "hoplite/core/file.hpp"
#include "unit/aws/env_guard.hpp"

namespace hoplite::aws {
namespace {

TEST(Region, FlagThenEnvironmentThenProfile) {
  ::hoplite::testing::EnvGuard env;
  std::filesystem::create_directories(env.home() / ".aws");
  ASSERT_TRUE(core::write_file_atomic(env.home() / ".aws/config",
                                      "[default]\nregion = eu-west-1\n[profile dev]\nregion = ap-south-1\n")
                  .ok());
  EXPECT_EQ(*resolve_region(std::nullopt, std::nullopt), "eu-west-1");
  EXPECT_EQ(*resolve_region(std::nullopt, "dev"), "ap-south-1");
  env.set("AWS_PROFILE", "dev");
  EXPECT_EQ(*resolve_region(std::nullopt, std::nullopt), "ap-south-1");
  env.set("AWS_DEFAULT_REGION", "us-west-1");
  EXPECT_EQ(*resolve_region(std::nullopt, "dev"), "us-west-1");
  env.set("AWS_REGION", "us-east-2");
  EXPECT_EQ(*resolve_region(std::nullopt, "dev"), "us-east-2");
  EXPECT_EQ(*resolve_region("eu-north-1", "dev"), "eu-north-1");
}

TEST(Region, NothingConfiguredListsWhatWasTried) {
  ::hoplite::testing::EnvGuard env;
  auto r = resolve_region(std::nullopt, std::nullopt);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "aws.region.not_found");
  for (const char* tried : {"--region", "AWS_REGION", "AWS_DEFAULT_REGION", "profile 'default'", ".aws/config"})
    EXPECT_NE(r.error().message.find(tried), std::string::npos) << tried << " in: " << r.error().message;
}

}  // namespace
}  // namespace hoplite::aws
