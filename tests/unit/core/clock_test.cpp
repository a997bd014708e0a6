#include "hoplite/core/clock.hpp"

#include <gtest/gtest.h>

#include <cstdlib>

namespace hoplite::core {
namespace {

struct EnvGuard {
  explicit EnvGuard(const char* value) {
    if (value)
      setenv("SOURCE_DATE_EPOCH", value, 1);
    else
      unsetenv("SOURCE_DATE_EPOCH");
  }
  ~EnvGuard() { unsetenv("SOURCE_DATE_EPOCH"); }
};

TEST(Clock, SourceDateEpochIsHonoured) {
  EnvGuard g("1700000000");
  EXPECT_EQ(source_date_epoch(), 1700000000);
  EXPECT_EQ(build_epoch_seconds(), 1700000000);
}

TEST(Clock, BuildEpochDefaultsToZeroNotTheWallClock) {
  EnvGuard g(nullptr);
  EXPECT_EQ(build_epoch_seconds(), 0);
}

TEST(Clock, MalformedSourceDateEpochIsReported) {
  EnvGuard g("yesterday");
  std::string error;
  EXPECT_FALSE(source_date_epoch(&error).has_value());
  EXPECT_NE(error.find("SOURCE_DATE_EPOCH='yesterday'"), std::string::npos);
}

TEST(Clock, FixedClockAdvancesOnSleep) {
  FixedClock c{TimePoint{std::chrono::seconds(1000)}};
  c.sleep_for(std::chrono::milliseconds(1500));
  EXPECT_EQ(c.now(), TimePoint{std::chrono::milliseconds(1001500)});
  EXPECT_EQ(format_iso8601(TimePoint{std::chrono::seconds(1700000000)}), "2023-11-14T22:13:20Z");
}

}  // namespace
}  // namespace hoplite::core
