// The state survives `kill -9` at any moment: a server process is killed in the middle of a
// stream of writes (AssumeRole stores credentials, PutParameter a parameter version); after a
// restart every acknowledged write is there, and SQLite's integrity check is ok.
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <string>
#include <thread>

#include <gtest/gtest.h>

#include "hoplite/aws/ssm.hpp"
#include "hoplite/aws/sts.hpp"
#include "hoplite/core/file.hpp"
#include "hoplite/http/curl_client.hpp"
#include "hoplite/http/server.hpp"
#include "local_fixture.hpp"

namespace hoplite::local {
namespace {

/// Runs a local cloud on `dir` in a child process; returns its pid and port (read from a pipe).
std::pair<pid_t, int> start_server_process(const std::filesystem::path& dir) {
  int fds[2];
  if (::pipe(fds) != 0) return {-1, 0};
  pid_t pid = ::fork();
  if (pid == 0) {
    ::close(fds[0]);
    auto cloud = LocalCloud::open({.data_dir = dir});
    if (!cloud) _exit(3);
    http::Server server(**cloud);
    if (!server.start()) _exit(4);
    int port = server.port();
    if (::write(fds[1], &port, sizeof port) != sizeof port) _exit(5);
    for (;;) ::pause();  // until killed
  }
  ::close(fds[1]);
  int port = 0;
  if (::read(fds[0], &port, sizeof port) != sizeof port) port = 0;
  ::close(fds[0]);
  return {pid, port};
}

TEST(Crash, EveryAcknowledgedWriteSurvivesKillDashNine) {
  hoplite::testing::TempDir dir;
  auto [pid, port] = start_server_process(dir.path());
  ASSERT_GT(pid, 0);
  ASSERT_GT(port, 0);

  // Writes go on in a thread until the server dies under them.
  std::vector<aws::sts::AssumeRoleResponse> acknowledged;
  std::vector<std::pair<std::string, std::int64_t>> parameters;  // name, version acknowledged
  std::thread writer([&, port = port] {
    http::CurlClient curl;
    aws::StaticCredentialsProvider creds(testing::test_credentials());
    aws::RetryStrategy once(aws::RetryStrategy::Options{.max_attempts = 1});
    aws::ClientConfig cfg{.region = "us-east-1",
                          .credentials = creds,
                          .http = curl,
                          .clock = core::system_clock(),
                          .endpoint_url = "http://127.0.0.1:" + std::to_string(port),
                          .retry = &once};
    aws::sts::Client sts(cfg);
    aws::ssm::Client ssm(cfg);
    for (int i = 0; i < 100000; ++i) {
      if (i % 2 == 0) {
        auto r = sts.assume_role(
            {.role_arn = "arn:aws:iam::000000000000:role/r", .role_session_name = "s" + std::to_string(i)});
        if (!r) return;  // the server is gone
        acknowledged.push_back(std::move(*r));
      } else {
        // Alternate between new parameters and new versions of one.
        std::string name = i % 4 == 1 ? "/crash/p" + std::to_string(i) : "/crash/versions";
        auto r = ssm.put_parameter({.name = name, .value = std::to_string(i), .type = "String", .overwrite = true});
        if (!r) return;
        parameters.emplace_back(name, r->version);
      }
    }
  });
  // Kill once a fair number of writes went through; the count, not a delay, decides.
  bool died_alone = false;
  while (true) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    if (::waitpid(pid, nullptr, WNOHANG) == pid) {
      died_alone = true;
      break;
    }
    auto text = core::read_file(dir / "requests.log");
    if (text.ok() && std::count(text->begin(), text->end(), '\n') >= 60) break;
  }
  if (!died_alone) {
    ::kill(pid, SIGKILL);
    ::waitpid(pid, nullptr, 0);
  }
  writer.join();
  ASSERT_FALSE(died_alone) << "the server died on its own";
  ASSERT_GE(acknowledged.size() + parameters.size(), 59u);

  // Restart on the same directory (the lock died with the process) and check every write.
  auto cloud = LocalCloud::open({.data_dir = dir.path()});
  ASSERT_TRUE(cloud.ok()) << cloud.error().to_string();
  auto integrity = (*cloud)->integrity_check();
  ASSERT_TRUE(integrity.ok());
  EXPECT_EQ(*integrity, "ok");
  http::InProcessClient http(**cloud);
  aws::RetryStrategy once(aws::RetryStrategy::Options{.max_attempts = 1});
  int verified = 0;
  for (const auto& r : acknowledged) {
    aws::StaticCredentialsProvider temp(r.credentials);
    aws::sts::Client sts({.region = "us-east-1",
                          .credentials = temp,
                          .http = http,
                          .clock = core::system_clock(),
                          .endpoint_url = std::string("http://127.0.0.1:4566"),
                          .retry = &once});
    auto id = sts.get_caller_identity();
    ASSERT_TRUE(id.ok()) << r.assumed_role_arn << ": " << id.error().to_string();
    EXPECT_EQ(id->arn, r.assumed_role_arn);
    ++verified;
  }
  EXPECT_EQ(verified, static_cast<int>(acknowledged.size()));

  aws::StaticCredentialsProvider creds(testing::test_credentials());
  aws::ssm::Client ssm({.region = "us-east-1",
                        .credentials = creds,
                        .http = http,
                        .clock = core::system_clock(),
                        .endpoint_url = std::string("http://127.0.0.1:4566"),
                        .retry = &once});
  for (const auto& [name, version] : parameters) {
    auto got = ssm.get_parameter({.name = name + ":" + std::to_string(version)});
    ASSERT_TRUE(got.ok()) << name << ":" << version << ": " << got.error().to_string();
  }
}

}  // namespace
}  // namespace hoplite::local
