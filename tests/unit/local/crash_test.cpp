// The state survives `kill -9` at any moment: a server process is killed in the middle of a
// stream of writes (AssumeRole stores credentials, PutParameter a parameter version, PutLogEvents
// log events); after a
// restart every acknowledged write is there, and SQLite's integrity check is ok.
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <string>
#include <thread>

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "hoplite/aws/ecr.hpp"
#include "hoplite/aws/logs.hpp"
#include "hoplite/aws/s3.hpp"
#include "hoplite/aws/ssm.hpp"
#include "hoplite/aws/sts.hpp"
#include "hoplite/core/base64.hpp"
#include "hoplite/core/file.hpp"
#include "hoplite/core/sha256.hpp"
#include "hoplite/http/curl_client.hpp"
#include "hoplite/http/server.hpp"
#include "hoplite/oci/push.hpp"
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
  std::vector<std::string> log_messages;                         // acknowledged, in order
  std::thread writer([&, port = port] {
    http::CurlClient curl;
    aws::StaticCredentialsProvider creds(testing::test_credentials());
    core::RetryStrategy once(core::RetryOptions{.max_attempts = 1});
    aws::ClientConfig cfg{.region = "us-east-1",
                          .credentials = creds,
                          .http = curl,
                          .clock = core::system_clock(),
                          .endpoint_url = "http://127.0.0.1:" + std::to_string(port),
                          .retry = &once};
    aws::sts::Client sts(cfg);
    aws::ssm::Client ssm(cfg);
    aws::logs::Client logs(cfg);
    if (!logs.create_log_group({.log_group_name = "/crash"}) ||
        !logs.create_log_stream({.log_group_name = "/crash", .log_stream_name = "s"}))
      return;
    for (int i = 0; i < 100000; ++i) {
      if (i % 3 == 2) {
        std::string message = "event " + std::to_string(i);
        auto now_ms =
            std::chrono::duration_cast<std::chrono::milliseconds>(core::system_clock().now().time_since_epoch())
                .count();
        auto r = logs.put_log_events({.log_group_name = "/crash",
                                      .log_stream_name = "s",
                                      .log_events = {{.timestamp_ms = now_ms, .message = message}}});
        if (!r) return;
        log_messages.push_back(std::move(message));
      } else if (i % 2 == 0) {
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
  ASSERT_GE(acknowledged.size() + parameters.size() + log_messages.size(), 57u);

  // Restart on the same directory (the lock died with the process) and check every write.
  auto cloud = LocalCloud::open({.data_dir = dir.path()});
  ASSERT_TRUE(cloud.ok()) << cloud.error().to_string();
  auto integrity = (*cloud)->integrity_check();
  ASSERT_TRUE(integrity.ok());
  EXPECT_EQ(*integrity, "ok");
  http::InProcessClient http(**cloud);
  core::RetryStrategy once(core::RetryOptions{.max_attempts = 1});
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

  aws::logs::Client logs({.region = "us-east-1",
                          .credentials = creds,
                          .http = http,
                          .clock = core::system_clock(),
                          .endpoint_url = std::string("http://127.0.0.1:4566"),
                          .retry = &once});
  auto events = logs.get_log_events_all({.log_group_name = "/crash", .log_stream_name = "s"});
  ASSERT_TRUE(events.ok()) << events.error().to_string();
  // Every acknowledged event is there, in order; one more may have been stored unacknowledged.
  ASSERT_GE(events->size(), log_messages.size());
  for (std::size_t i = 0; i < log_messages.size(); ++i) EXPECT_EQ((*events)[i].message, log_messages[i]);
}

/// Kills the server once `lines` requests were logged (the count, not a delay, decides); false
/// when it died on its own.
bool kill_after(pid_t pid, const std::filesystem::path& dir, long lines) {
  while (true) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    if (::waitpid(pid, nullptr, WNOHANG) == pid) return false;
    auto text = core::read_file(dir / "requests.log");
    if (text.ok() && std::count(text->begin(), text->end(), '\n') >= lines) break;
  }
  ::kill(pid, SIGKILL);
  ::waitpid(pid, nullptr, 0);
  return true;
}

std::string digest_of(std::string_view s) { return "sha256:" + core::sha256_hex(s); }

TEST(Crash, S3PutsAndEcrPushesSurviveKillDashNine) {
  hoplite::testing::TempDir dir;
  auto [pid, port] = start_server_process(dir.path());
  ASSERT_GT(pid, 0);
  ASSERT_GT(port, 0);
  const std::string endpoint = "http://127.0.0.1:" + std::to_string(port);
  aws::StaticCredentialsProvider creds(testing::test_credentials());
  core::RetryStrategy once(core::RetryOptions{.max_attempts = 1});

  std::vector<std::pair<std::string, std::string>> objects;  // key, sha256 acknowledged
  std::vector<std::pair<std::string, std::string>> images;   // tag, manifest digest acknowledged
  std::thread writer([&, port = port] {                      // clang 14 cannot capture a structured binding
    http::CurlClient curl;
    aws::ClientConfig cfg{.region = "us-east-1",
                          .credentials = creds,
                          .http = curl,
                          .clock = core::system_clock(),
                          .endpoint_url = endpoint,
                          .retry = &once};
    aws::s3::Client s3(cfg);
    aws::ecr::Client ecr(cfg);
    if (!s3.create_bucket("crash") || !ecr.create_repository({.repository_name = "crash"})) return;
    auto token = ecr.get_authorization_token();
    if (!token) return;
    oci::PushOptions options;
    options.credentials = oci::Credentials{token->username, token->password};
    options.docker_config = std::filesystem::path();
    options.registry.retry.max_attempts = 1;
    for (int i = 0; i < 100000; ++i) {
      std::string bytes(10000 + i, static_cast<char>('a' + i % 26));
      if (i % 2 == 0) {
        std::string key = "k" + std::to_string(i);
        if (!s3.put_object({.bucket = "crash", .key = key, .body = bytes})) return;  // the server is gone
        objects.emplace_back(key, core::sha256_hex(bytes));
      } else {
        const std::string config = R"({"architecture":"amd64","os":"linux","n":)" + std::to_string(i) + "}";
        oci::PushContent content;
        content.blobs = {{digest_of(config), "application/vnd.oci.image.config.v1+json", config, {}},
                         {digest_of(bytes), "application/vnd.oci.image.layer.v1.tar+gzip", bytes, {}}};
        std::string manifest =
            R"({"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json","config":{"mediaType":"application/vnd.oci.image.config.v1+json","digest":")" +
            digest_of(config) + R"(","size":)" + std::to_string(config.size()) +
            R"(},"layers":[{"mediaType":"application/vnd.oci.image.layer.v1.tar+gzip","digest":")" + digest_of(bytes) +
            R"(","size":)" + std::to_string(bytes.size()) + "}]}";
        content.manifest = manifest;
        std::string tag = "t" + std::to_string(i);
        auto pushed = oci::push(
            oci::Reference::parse("127.0.0.1:" + std::to_string(port) + "/crash:" + tag).value(), content,
            [] { return std::make_unique<http::CurlClient>(); }, options);
        if (!pushed) return;
        images.emplace_back(tag, pushed->digest);
      }
    }
  });
  const bool killed = kill_after(pid, dir.path(), 120);
  writer.join();
  ASSERT_TRUE(killed) << "the server died on its own";
  ASSERT_GE(objects.size(), 5u);
  ASSERT_GE(images.size(), 3u);

  auto cloud = LocalCloud::open({.data_dir = dir.path()});
  ASSERT_TRUE(cloud.ok()) << cloud.error().to_string();
  EXPECT_EQ((*cloud)->integrity_check().value(), "ok");
  http::InProcessClient http(**cloud);
  aws::ClientConfig cfg{.region = "us-east-1",
                        .credentials = creds,
                        .http = http,
                        .clock = core::system_clock(),
                        .endpoint_url = std::string("http://127.0.0.1:4566"),
                        .retry = &once};
  aws::s3::Client s3(cfg);
  for (const auto& [key, sha] : objects) {
    auto got = s3.get_object("crash", key);
    ASSERT_TRUE(got.ok()) << key << ": " << got.error().to_string();
    EXPECT_EQ(core::sha256_hex(got->body), sha) << key;
  }
  aws::ecr::Client ecr(cfg);
  auto token = ecr.get_authorization_token();
  ASSERT_TRUE(token.ok());
  for (const auto& [tag, digest] : images) {
    auto got = ecr.batch_get_image({.repository_name = "crash", .image_ids = {{std::nullopt, tag}}});
    ASSERT_TRUE(got.ok()) << got.error().to_string();
    ASSERT_EQ(got->images.size(), 1u) << tag;
    EXPECT_EQ(got->images[0].image_id.image_digest, digest);
    auto manifest = nlohmann::json::parse(got->images[0].image_manifest);
    std::string layer = manifest["layers"][0]["digest"];
    http::Request blob{"GET", "http://127.0.0.1:4566/v2/crash/blobs/" + layer, {}, {}, {}};
    blob.headers.set("Authorization", "Basic " + core::base64_encode("AWS:" + token->password));
    auto r = http.send(blob);
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(r->status, 200) << tag;
    EXPECT_EQ(digest_of(r->body), layer) << tag;
  }
}

}  // namespace
}  // namespace hoplite::local
