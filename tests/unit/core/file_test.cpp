#include "hoplite/core/file.hpp"

#include <gtest/gtest.h>

#include "support/golden.hpp"

namespace hoplite::core {
namespace {

TEST(File, AtomicWriteThenRead) {
  testing::TempDir dir;
  auto path = dir / "out.json";
  ASSERT_TRUE(write_file_atomic(path, "{}\n").ok());
  ASSERT_TRUE(write_file_atomic(path, "{\"a\":1}\n").ok());
  EXPECT_EQ(read_file(path).value(), "{\"a\":1}\n");
  EXPECT_EQ(std::distance(std::filesystem::directory_iterator(dir.path()), {}), 1) << "no temporary file left";
}

TEST(File, FailedWriteLeavesNoFileAndNamesThePath) {
  auto r = write_file_atomic("/nonexistent-dir/x.json", "{}");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "io.write");
  EXPECT_NE(r.error().message.find("/nonexistent-dir/x.json"), std::string::npos);
}

TEST(File, ReadMissingFileIsAnError) {
  auto r = read_file("/nonexistent-dir/y");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "io.read");
}

}  // namespace
}  // namespace hoplite::core
