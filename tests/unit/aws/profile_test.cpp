#include "hoplite/aws/profile.hpp"

#include <gtest/gtest.h>

#include "hoplite/core/file.hpp"
#include "unit/aws/env_guard.hpp"

namespace hoplite::aws {
namespace {

TEST(Profile, ParsesConfigStyleSectionsAndNestedSettings) {
  auto r = parse_profiles(
      "# comment\n[default]\nregion = eu-west-1\n\n[profile dev]\nRegion=us-east-2\nrole_arn = "
      "arn:aws:iam::123456789012:role/dev\nsource_profile = default\ns3 =\n  addressing_style = path\n"
      "max_attempts = 4\n[sso-session corp]\nsso_region = us-east-1\n",
      true, "config");
  ASSERT_TRUE(r.ok()) << r.error().to_string();
  ASSERT_EQ(r->size(), 2u);
  EXPECT_EQ(r->at("default").get("region"), "eu-west-1");
  const Profile& dev = r->at("dev");
  EXPECT_EQ(dev.get("region"), "us-east-2");
  EXPECT_EQ(dev.get("source_profile"), "default");
  EXPECT_EQ(dev.get("s3.addressing_style"), "path");
  EXPECT_EQ(dev.get("max_attempts"), "4");
  EXPECT_FALSE(dev.get("sso_region"));
}

TEST(Profile, CredentialsFileSectionsAreBareNames) {
  auto r = parse_profiles("[dev]\naws_access_key_id = AKID\naws_secret_access_key = abc+/=\n", false, "credentials");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->at("dev").get("aws_secret_access_key"), "abc+/=");
}

TEST(Profile, ParseErrorsNameFileAndLine) {
  auto r = parse_profiles("[default]\nregion eu-west-1\n", true, "/home/u/.aws/config");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "aws.profile.parse");
  EXPECT_NE(r.error().message.find("/home/u/.aws/config:2"), std::string::npos) << r.error().message;
  EXPECT_FALSE(parse_profiles("region = x\n", true, "c").ok());
  EXPECT_FALSE(parse_profiles("[default\n", true, "c").ok());
}

TEST(Profile, LoadsBothFilesCredentialsWinning) {
  ::hoplite::testing::EnvGuard env;
  std::filesystem::create_directories(env.home() / ".aws");
  ASSERT_TRUE(core::write_file_atomic(env.home() / ".aws/config",
                                      "[profile dev]\nregion = eu-west-1\naws_access_key_id = FROMCONFIG\n")
                  .ok());
  ASSERT_TRUE(core::write_file_atomic(env.home() / ".aws/credentials", "[dev]\naws_access_key_id = FROMCREDS\n").ok());
  auto c = load_shared_config();
  ASSERT_TRUE(c.ok()) << c.error().to_string();
  auto dev = c->profile("dev");
  ASSERT_TRUE(dev);
  EXPECT_EQ(dev->get("region"), "eu-west-1");
  EXPECT_EQ(dev->get("aws_access_key_id"), "FROMCREDS");
  EXPECT_FALSE(c->profile("missing"));
}

TEST(Profile, FileLocationsFromEnvironment) {
  ::hoplite::testing::EnvGuard env;
  ASSERT_TRUE(core::write_file_atomic(env.home() / "other-config", "[default]\nregion = ap-south-1\n").ok());
  env.set("AWS_CONFIG_FILE", "~/other-config");
  env.set("AWS_SHARED_CREDENTIALS_FILE", (env.home() / "nope").string());
  auto c = load_shared_config();
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(c->profile("default")->get("region"), "ap-south-1");
  EXPECT_EQ(c->config_path, (env.home() / "other-config").string());
}

TEST(Profile, SelectedProfile) {
  ::hoplite::testing::EnvGuard env;
  EXPECT_EQ(selected_profile(std::nullopt), "default");
  env.set("AWS_DEFAULT_PROFILE", "b");
  EXPECT_EQ(selected_profile(std::nullopt), "b");
  env.set("AWS_PROFILE", "a");
  EXPECT_EQ(selected_profile(std::nullopt), "a");
  EXPECT_EQ(selected_profile("flag"), "flag");
}

}  // namespace
}  // namespace hoplite::aws
