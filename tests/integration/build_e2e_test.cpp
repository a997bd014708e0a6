// `servicefull build`: reproducible images, and layouts that skopeo and umoci read.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <thread>

#include "hoplite/core/file.hpp"
#include "integration/tools.hpp"

namespace hoplite::integration {
namespace {

using testing::TempDir;

std::string trim(std::string s) {
  while (!s.empty() && (s.back() == '\n' || s.back() == ' ')) s.pop_back();
  return s;
}

class BuildE2E : public ::testing::Test {
 protected:
  void SetUp() override {
    if (servicefull().empty()) GTEST_SKIP() << "the servicefull example was not built";
  }
};

TEST_F(BuildE2E, SameImageDigestFromDifferentDirectoriesTimesAndUsers) {
  TempDir a, b;
  auto first = run({servicefull(), "build", "--out", (a / "image").string(), "--tag", "t"},
                   {{"USER", "alice"}, {"LOGNAME", "alice"}, {"HOME", a.path().string()}}, a.path());
  ASSERT_EQ(first.exit_code, 0) << first.err;
  std::this_thread::sleep_for(std::chrono::milliseconds(1100));  // a different second on the clock
  auto second = run({servicefull(), "build", "--out", (b / "image").string(), "--tag", "t"},
                    {{"USER", "bob"}, {"LOGNAME", "bob"}, {"HOME", b.path().string()}, {"TZ", "Asia/Tokyo"}}, b.path());
  ASSERT_EQ(second.exit_code, 0) << second.err;
  std::string digest = trim(first.out);
  EXPECT_TRUE(digest.starts_with("sha256:")) << first.out;
  EXPECT_EQ(digest, trim(second.out));
  auto index_a = nlohmann::json::parse(core::read_file(a / "image/index.json").value());
  auto index_b = nlohmann::json::parse(core::read_file(b / "image/index.json").value());
  EXPECT_EQ(index_a["manifests"][0]["digest"], digest);
  EXPECT_EQ(index_a, index_b);
}

TEST_F(BuildE2E, LayoutIsReadBySkopeoAndUmoci) {
  TempDir dir;
  auto built = run({servicefull(), "build", "--out", (dir / "image").string(), "--tag", "v1"}, {}, dir.path());
  ASSERT_EQ(built.exit_code, 0) << built.err;
  auto inspect = run({"skopeo", "inspect", "oci:" + (dir / "image").string() + ":v1"});
  ASSERT_EQ(inspect.exit_code, 0) << inspect.err;
  auto info = nlohmann::json::parse(inspect.out);
  EXPECT_EQ(info["Os"], "linux");
  EXPECT_EQ(info["Architecture"], "amd64");
  EXPECT_EQ(info["Digest"], trim(built.out));
  auto unpack = run({"umoci", "unpack", "--image", (dir / "image").string() + ":v1", (dir / "bundle").string()});
  ASSERT_EQ(unpack.exit_code, 0) << unpack.err;
  EXPECT_TRUE(std::filesystem::is_regular_file(dir / "bundle/rootfs/app/service"));
  auto config = nlohmann::json::parse(core::read_file(dir / "bundle/config.json").value());
  EXPECT_EQ(config["process"]["args"], (nlohmann::json{"/app/service", "fargateTask"}));
}

TEST_F(BuildE2E, UnknownTaskIsAnError) {
  TempDir dir;
  auto r = run({servicefull(), "build", "--out", (dir / "image").string(), "--task", "nope"}, {}, dir.path());
  EXPECT_NE(r.exit_code, 0);
  EXPECT_NE(r.err.find("no task 'nope'"), std::string::npos) << r.err;
  EXPECT_FALSE(std::filesystem::exists(dir / "image/index.json"));
}

}  // namespace
}  // namespace hoplite::integration
