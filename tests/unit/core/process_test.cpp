#include "hoplite/core/process.hpp"

#include <gtest/gtest.h>

namespace hoplite::core {
namespace {

TEST(Process, CapturesStdoutStderrAndExitCode) {
  PosixProcessRunner runner;
  auto r = runner.run({.argv = {"sh", "-c", "echo out; echo err >&2; exit 3"}});
  ASSERT_TRUE(r.ok()) << r.error().to_string();
  EXPECT_EQ(r->out, "out\n");
  EXPECT_EQ(r->err, "err\n");
  EXPECT_EQ(r->exit_code, 3);
}

TEST(Process, PassesStdinEnvironmentAndWorkingDirectory) {
  PosixProcessRunner runner;
  auto r = runner.run({.argv = {"sh", "-c", "cat; printf %s \"$HOPLITE_X\"; pwd"},
                       .cwd = "/",
                       .env_overrides = {{"HOPLITE_X", "-x-"}},
                       .stdin_data = "in"});
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->out, "in-x-/\n");
}

TEST(Process, LargeOutputOnBothStreamsDoesNotDeadlock) {
  PosixProcessRunner runner;
  auto r = runner.run({.argv = {"sh", "-c", "head -c 300000 /dev/zero; head -c 300000 /dev/zero >&2"}});
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->out.size(), 300000u);
  EXPECT_EQ(r->err.size(), 300000u);
}

TEST(Process, MissingProgramIsAnError) {
  PosixProcessRunner runner;
  auto r = runner.run({.argv = {"hoplite-no-such-program"}});
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().message.find("hoplite-no-such-program"), std::string::npos);
}

TEST(Process, TimeoutKillsTheChild) {
  PosixProcessRunner runner;
  auto r = runner.run({.argv = {"sleep", "10"}, .timeout = std::chrono::milliseconds(100)});
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(r->timed_out);
  EXPECT_EQ(r->exit_code, 128 + 9);
}

}  // namespace
}  // namespace hoplite::core
