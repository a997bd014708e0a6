#include "hoplite/core/file.hpp"

#include <sys/stat.h>
#include <unistd.h>

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

TEST(File, OutputOntoASymlinkIsRefusedAndTheLinkAndItsTargetAreUntouched) {
  testing::TempDir dir;
  ASSERT_TRUE(write_file_atomic(dir / "target", "precious").ok());
  std::filesystem::create_symlink(dir / "target", dir / "link");
  auto r = write_file_atomic(dir / "link", "replaced");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "io.output");
  EXPECT_NE(r.error().message.find("a symbolic link"), std::string::npos) << r.error().message;
  EXPECT_TRUE(std::filesystem::is_symlink(dir / "link"));
  EXPECT_EQ(read_file(dir / "target").value(), "precious");
  EXPECT_EQ(std::distance(std::filesystem::directory_iterator(dir.path()), {}), 2) << "no temporary file left";
}

TEST(File, OutputOntoAFifoOrDeviceOrDirectoryIsRefused) {
  testing::TempDir dir;
  ASSERT_EQ(::mkfifo((dir / "fifo").c_str(), 0600), 0);
  EXPECT_NE(write_file_atomic(dir / "fifo", "x").error().message.find("a FIFO"), std::string::npos);
  EXPECT_TRUE(std::filesystem::is_fifo(dir / "fifo"));
  EXPECT_NE(check_output_file("/dev/null").error().message.find("a character device"), std::string::npos);
  EXPECT_NE(check_output_file(dir.path()).error().message.find("a directory"), std::string::npos);
  EXPECT_TRUE(check_output_file(dir / "new").ok());
}

TEST(File, OutputDirectoryMustBeARealDirectory) {
  testing::TempDir dir;
  EXPECT_TRUE(check_output_directory(dir.path()).ok());
  EXPECT_TRUE(check_output_directory(dir / "absent").ok());
  std::filesystem::create_directory_symlink(dir.path(), dir / "dirlink");
  EXPECT_EQ(check_output_directory(dir / "dirlink").error().code, "io.output");
  ASSERT_TRUE(write_file_atomic(dir / "file", "x").ok());
  EXPECT_EQ(check_output_directory(dir / "file").error().code, "io.output");
}

TEST(File, NewFilesHonourTheUmask) {
  testing::TempDir dir;
  mode_t old = ::umask(027);
  auto r = write_file_atomic(dir / "f", "x");
  ::umask(old);
  ASSERT_TRUE(r.ok());
  struct stat st {};
  ASSERT_EQ(::stat((dir / "f").c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0640u);
}

TEST(File, ReadRefusesWhatIsNotARegularFileWithoutBlocking) {
  testing::TempDir dir;
  ASSERT_EQ(::mkfifo((dir / "fifo").c_str(), 0600), 0);
  auto fifo = read_file(dir / "fifo");  // a FIFO with no writer: must not hang
  ASSERT_FALSE(fifo.ok());
  EXPECT_NE(fifo.error().message.find("a FIFO"), std::string::npos);
  auto zero = read_file("/dev/zero");
  ASSERT_FALSE(zero.ok());
  EXPECT_NE(zero.error().message.find("a character device"), std::string::npos);
  EXPECT_FALSE(read_file(dir.path()).ok());
  EXPECT_EQ(read_file("/dev/null").value(), "") << "AWS_CONFIG_FILE=/dev/null means no config";
}

TEST(File, ReadRefusesFilesLargerThanTheCallerAccepts) {
  testing::TempDir dir;
  ASSERT_TRUE(write_file_atomic(dir / "big", std::string(2000, 'x')).ok());
  EXPECT_EQ(read_file(dir / "big", 2000).value().size(), 2000u);
  auto r = read_file(dir / "big", 1999);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "io.read");
  EXPECT_NE(r.error().message.find("2000 bytes"), std::string::npos) << r.error().message;
}

}  // namespace
}  // namespace hoplite::core
