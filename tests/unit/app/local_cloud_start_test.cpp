#include "app/local_cloud_start.hpp"

#include <sys/stat.h>

#include <fstream>

#include <gtest/gtest.h>

#include "fakes/fake_http_client.hpp"
#include "support/golden.hpp"

namespace hoplite::app {
namespace {

// Records what would have been started; answers with a scripted exit code.
class RecordingRunner final : public core::ProcessRunner {
 public:
  std::vector<core::ProcessSpec> runs;
  int exit_code = 0;
  std::function<void()> on_run;
  core::Result<core::ProcessResult> run(const core::ProcessSpec& spec) override {
    runs.push_back(spec);
    if (on_run) on_run();
    return core::ProcessResult{.exit_code = exit_code, .err = exit_code == 0 ? "" : "port in use"};
  }
};

std::filesystem::path make_executable(const std::filesystem::path& p) {
  std::filesystem::create_directories(p.parent_path());
  std::ofstream(p) << "#!/bin/sh\n";
  ::chmod(p.c_str(), 0755);
  return p;
}

class LocalCloudStartTest : public ::testing::Test {
 protected:
  LocalCloudStart start(const std::string& url = "http://127.0.0.1:4566") {
    return {.url = url, .http = http_, .runner = runner_, .environment = env_, .self = dir_.path() / "bin" / "svc"};
  }
  testing::FakeHttpClient http_;
  RecordingRunner runner_;
  std::map<std::string, std::string> env_{{"PATH", "/nonexistent"}};
  testing::TempDir dir_;
};

TEST_F(LocalCloudStartTest, AnsweringCloudIsUsedAsIs) {
  http_.respond(200, "ok");
  ASSERT_TRUE(ensure_local_cloud(start()));
  ASSERT_EQ(http_.requests.size(), 1u);
  EXPECT_EQ(http_.requests[0].url, "http://127.0.0.1:4566/_hoplite/health");
  EXPECT_TRUE(runner_.runs.empty());
}

TEST_F(LocalCloudStartTest, SomethingElseAnsweringIsNamed) {
  http_.respond(404, "nope");
  auto r = ensure_local_cloud(start());
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, "app.local.not_hoplite");
  EXPECT_TRUE(runner_.runs.empty());
}

TEST_F(LocalCloudStartTest, NothingAnsweringStartsTheToolBesideTheBinary) {
  auto tool = make_executable(dir_.path() / "bin" / "hoplite");
  make_executable(dir_.path() / "bin" / "svc");
  http_.fail_transport("connection refused");
  runner_.on_run = [this] { http_.respond(200, "ok"); };
  auto r = ensure_local_cloud(start("http://127.0.0.1:4599"));
  ASSERT_TRUE(r) << r.error().to_string();
  ASSERT_EQ(runner_.runs.size(), 1u);
  EXPECT_EQ(runner_.runs[0].argv,
            (std::vector<std::string>{std::filesystem::canonical(tool).string(), "local", "up", "--port", "4599"}));
}

TEST_F(LocalCloudStartTest, ToolOnPathIsUsedWhenNoneIsBeside) {
  auto tool = make_executable(dir_.path() / "tools" / "hoplite");
  env_["PATH"] = "/nonexistent::" + (dir_.path() / "tools").string();
  EXPECT_EQ(find_hoplite_tool(dir_.path() / "bin" / "svc", env_), tool);
  env_["PATH"] = "";
  EXPECT_EQ(find_hoplite_tool(dir_.path() / "bin" / "svc", env_), std::filesystem::path());
}

TEST_F(LocalCloudStartTest, NoToolSaysWhatToRun) {
  http_.fail_transport("connection refused");
  auto r = ensure_local_cloud(start("http://127.0.0.1:4598"));
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, "app.local.unreachable");
  EXPECT_NE(r.error().message.find("hoplite local up --port 4598"), std::string::npos) << r.error().message;
  EXPECT_TRUE(runner_.runs.empty());
}

TEST_F(LocalCloudStartTest, FailedStartShowsTheToolsMessage) {
  make_executable(dir_.path() / "bin" / "hoplite");
  make_executable(dir_.path() / "bin" / "svc");
  http_.handler = [](const http::Request&) -> core::Result<http::Response> {
    return core::fail(core::Error{.code = "http.transport", .message = "refused", .retryable = true});
  };
  runner_.exit_code = 1;
  auto r = ensure_local_cloud(start());
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().message.find("port in use"), std::string::npos) << r.error().message;
}

TEST_F(LocalCloudStartTest, RemoteUrlIsNeverStarted) {
  make_executable(dir_.path() / "bin" / "hoplite");
  make_executable(dir_.path() / "bin" / "svc");
  http_.fail_transport("connection refused");
  auto r = ensure_local_cloud(start("http://cloud.example:4566"));
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, "app.local.unreachable");
  EXPECT_TRUE(runner_.runs.empty()) << "only a local cloud on this machine is started";
}

}  // namespace
}  // namespace hoplite::app
