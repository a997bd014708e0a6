// The test support every module's tests rely on: the source/build trees and golden files.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>

#include "support/golden.hpp"

namespace hoplite::testing {
namespace {

TEST(TestSupport, KnowsTheSourceAndBuildTrees) {
  EXPECT_TRUE(std::filesystem::exists(source_dir() / "CMakeLists.txt")) << source_dir();
  const char* binary_dir = std::getenv("HOPLITE_BINARY_DIR");
  ASSERT_NE(binary_dir, nullptr);
  EXPECT_TRUE(std::filesystem::exists(std::filesystem::path(binary_dir) / "CMakeCache.txt")) << binary_dir;
}

TEST(TestSupport, TempDirIsRemoved) {
  std::filesystem::path kept;
  {
    TempDir dir;
    kept = dir.path();
    EXPECT_TRUE(std::filesystem::is_directory(kept));
  }
  EXPECT_FALSE(std::filesystem::exists(kept));
}

}  // namespace
}  // namespace hoplite::testing
