#include "hoplite/aws/retry.hpp"

#include <gtest/gtest.h>

#include "hoplite/core/file.hpp"
#include "unit/aws/env_guard.hpp"

namespace hoplite::aws {
namespace {

TEST(RetryOptions, FromEnvironmentThenProfileThenDefault) {
  ::hoplite::testing::EnvGuard env;
  auto d = retry_options(std::nullopt);
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(d->max_attempts, 3);
  std::filesystem::create_directories(env.home() / ".aws");
  ASSERT_TRUE(
      core::write_file_atomic(env.home() / ".aws/config", "[default]\nmax_attempts = 7\n[profile ci]\nmax_attempts=2\n")
          .ok());
  EXPECT_EQ(retry_options(std::nullopt)->max_attempts, 7);
  EXPECT_EQ(retry_options("ci")->max_attempts, 2);
  env.set("AWS_MAX_ATTEMPTS", "5");
  EXPECT_EQ(retry_options("ci")->max_attempts, 5);
  env.set("AWS_MAX_ATTEMPTS", "zero");
  auto bad = retry_options(std::nullopt);
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().code, "aws.retry.config");
  EXPECT_NE(bad.error().message.find("AWS_MAX_ATTEMPTS"), std::string::npos);
}

TEST(IdempotencyToken, IsAVersion4UuidAndFreshEachTime) {
  std::string a = idempotency_token();
  std::string b = idempotency_token();
  EXPECT_NE(a, b);
  ASSERT_EQ(a.size(), 36u);
  EXPECT_EQ(a[8], '-');
  EXPECT_EQ(a[14], '4');
  EXPECT_NE(std::string("89ab").find(a[19]), std::string::npos) << a;
  std::uint64_t n = 0;
  EXPECT_EQ(idempotency_token([&] { return n++ == 0 ? 0x0123456789abcdefULL : 0xfedcba9876543210ULL; }),
            "01234567-89ab-4def-bedc-ba9876543210");
}

}  // namespace
}  // namespace hoplite::aws
