// The engine's progress survives `kill -9`: a child process creates (or deletes) a wide stack of
// SSM parameters and is killed while the engine works; the parent reopens the state, the engine
// resumes, and the stack ends in the right status with every event — and no parameter exists that
// the stack does not list as created.
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <optional>
#include <set>
#include <thread>

#include <gtest/gtest.h>

#include "hoplite/aws/cloudformation.hpp"
#include "hoplite/aws/ssm.hpp"
#include "local_fixture.hpp"

namespace hoplite::local {
namespace {

namespace cf = aws::cloudformation;

/// `n` independent parameters plus a chain, so some resources wait on others.
std::string wide_template(int n) {
  std::string body = R"({"Resources": {)";
  for (int i = 0; i < n; ++i) {
    body +=
        "\"P" + std::to_string(i) + "\": {\"Type\": \"AWS::SSM::Parameter\", \"Properties\": {\"Type\": \"String\", ";
    body += i % 10 == 9 ? "\"Value\": {\"Ref\": \"P" + std::to_string(i - 1) + "\"}" : std::string("\"Value\": \"v\"");
    body += "}}";
    body += i + 1 < n ? "," : "";
  }
  return body + "}}";
}

struct Clients {
  explicit Clients(LocalCloud& cloud) : http(cloud) {}
  aws::ClientConfig config() {
    return aws::ClientConfig{.region = "us-east-1",
                             .credentials = creds,
                             .http = http,
                             .clock = core::system_clock(),
                             .endpoint_url = std::string("http://127.0.0.1:4566"),
                             .retry = &once};
  }
  http::InProcessClient http;
  aws::StaticCredentialsProvider creds{testing::test_credentials()};
  core::RetryStrategy once{core::RetryOptions{.max_attempts = 1}};
};

bool in_progress(cf::Client& cfn, const std::string& stack) {
  auto d = cfn.describe_stacks({.stack_name = stack});
  return d.ok() && !d->stacks.empty() && d->stacks[0].stack_status.ends_with("_IN_PROGRESS");
}

constexpr int kEndedFirst = 5;

/// In a child: opens the cloud, runs `start`, and kills itself (SIGKILL) at the first poll that
/// finds `progress` and the stack still in progress. False when the operation ended before a poll
/// saw it midway (the engine can run a small stack between two polls): the caller tries again.
bool run_and_die(const std::filesystem::path& dir, const std::string& stack,
                 const std::function<void(cf::Client&)>& start, const std::function<bool(cf::Client&)>& progress) {
  pid_t pid = ::fork();
  if (pid == 0) {
    auto cloud = LocalCloud::open({.data_dir = dir});
    if (!cloud) _exit(3);
    Clients c(**cloud);
    cf::Client cfn(c.config());
    start(cfn);
    for (int i = 0; i < 100000; ++i) {
      bool midway = progress(cfn);
      if (!in_progress(cfn, stack)) _exit(kEndedFirst);
      if (midway) ::kill(::getpid(), SIGKILL);
      std::this_thread::sleep_for(std::chrono::microseconds(200));
    }
    _exit(4);
  }
  int status = 0;
  ::waitpid(pid, &status, 0);
  if (WIFEXITED(status) && WEXITSTATUS(status) == kEndedFirst) return false;
  EXPECT_TRUE(WIFSIGNALED(status)) << "the child was not killed (status " << status << ")";
  EXPECT_EQ(WTERMSIG(status), SIGKILL);
  return true;
}

/// Runs `attempt` on a fresh state directory until its kill fell midway (a few tries at most).
void until_killed_midway(std::optional<hoplite::testing::TempDir>& dir,
                         const std::function<bool(const std::filesystem::path&)>& attempt) {
  for (int i = 0; i < 20; ++i) {
    dir.emplace();
    if (attempt(dir->path())) return;
  }
  FAIL() << "the operation ended before the child saw it midway, 20 times";
}

std::size_t count_status(cf::Client& cfn, const std::string& stack, const std::string& status) {
  auto r = cfn.list_stack_resources_all({.stack_name = stack});
  if (!r.ok()) return 0;
  return static_cast<std::size_t>(
      std::count_if(r->begin(), r->end(), [&](const cf::StackResource& x) { return x.resource_status == status; }));
}

cf::Stack settle(cf::Client& cfn, const std::string& stack) {
  for (int i = 0; i < 60000; ++i) {
    auto d = cfn.describe_stacks({.stack_name = stack});
    if (d.ok() && !d->stacks.empty() && !d->stacks[0].stack_status.ends_with("_IN_PROGRESS")) return d->stacks[0];
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  ADD_FAILURE() << "never settled";
  return {};
}

/// Every parameter SSM holds.
std::set<std::string> parameters(aws::ClientConfig config) {
  aws::ssm::Client ssm(config);
  std::set<std::string> out;
  std::optional<std::string> token;
  do {
    auto page = ssm.describe_parameters({.max_results = 50, .next_token = token});
    if (!page.ok()) break;
    for (const auto& p : page->parameters) out.insert(p.name);
    token = page->next_token;
  } while (token);
  return out;
}

TEST(CloudFormationCrash, KilledMidCreateRollsBackWithoutLeaks) {
  std::optional<hoplite::testing::TempDir> dir;
  until_killed_midway(dir, [](const std::filesystem::path& path) {
    return run_and_die(
        path, "wide",
        [](cf::Client& cfn) {
          (void)cfn.create_stack({.stack_name = "wide", .source = {.template_body = wide_template(300)}});
        },
        [](cf::Client& cfn) { return count_status(cfn, "wide", "CREATE_COMPLETE") >= 1; });
  });
  if (::testing::Test::HasFailure()) return;

  auto cloud = LocalCloud::open({.data_dir = dir->path()});
  ASSERT_TRUE(cloud.ok()) << cloud.error().to_string();
  Clients c(**cloud);
  cf::Client cfn(c.config());
  cf::Stack s = settle(cfn, "wide");
  // Killed in the middle: the resources caught mid-create failed and the stack rolled back. (If
  // the kill fell between two steps, none was mid-create and creation simply went on.)
  ASSERT_TRUE(s.stack_status == "ROLLBACK_COMPLETE" || s.stack_status == "CREATE_COMPLETE") << s.stack_status;
  auto resources = cfn.list_stack_resources_all({.stack_name = s.stack_id});
  ASSERT_TRUE(resources.ok());
  std::set<std::string> live;
  for (const auto& r : *resources)
    if (r.resource_status == "CREATE_COMPLETE") live.insert(r.physical_resource_id);
  EXPECT_EQ(parameters(c.config()), live) << "a parameter exists that the stack does not list";
  if (s.stack_status == "ROLLBACK_COMPLETE") {
    EXPECT_TRUE(live.empty());
    auto events = cfn.describe_stack_events_all({.stack_name = s.stack_id});
    ASSERT_TRUE(events.ok());
    bool cancelled = false;
    for (const auto& e : *events) cancelled = cancelled || e.resource_status_reason == "Resource creation cancelled";
    EXPECT_TRUE(cancelled);
  }
  auto integrity = (*cloud)->integrity_check();
  ASSERT_TRUE(integrity.ok());
  EXPECT_EQ(*integrity, "ok");
}

TEST(CloudFormationCrash, KilledMidDeleteFinishesTheDelete) {
  std::optional<hoplite::testing::TempDir> dir;
  until_killed_midway(dir, [](const std::filesystem::path& path) {
    {
      auto cloud = LocalCloud::open({.data_dir = path});
      EXPECT_TRUE(cloud.ok());
      if (!cloud) return true;
      Clients c(**cloud);
      cf::Client cfn(c.config());
      EXPECT_TRUE(cfn.create_stack({.stack_name = "wide", .source = {.template_body = wide_template(300)}}).ok());
      EXPECT_EQ(settle(cfn, "wide").stack_status, "CREATE_COMPLETE");
    }
    return run_and_die(
        path, "wide", [](cf::Client& cfn) { (void)cfn.delete_stack({.stack_name = "wide"}); },
        [](cf::Client& cfn) { return count_status(cfn, "wide", "DELETE_COMPLETE") >= 1; });
  });
  if (::testing::Test::HasFailure()) return;

  auto cloud = LocalCloud::open({.data_dir = dir->path()});
  ASSERT_TRUE(cloud.ok()) << cloud.error().to_string();
  Clients c(**cloud);
  cf::Client cfn(c.config());
  auto listed = cfn.list_stacks({});
  ASSERT_TRUE(listed.ok());
  ASSERT_EQ(listed->summaries.size(), 1u);
  cf::Stack s = settle(cfn, listed->summaries[0].stack_id);
  EXPECT_EQ(s.stack_status, "DELETE_COMPLETE");
  EXPECT_TRUE(parameters(c.config()).empty());
  auto integrity = (*cloud)->integrity_check();
  ASSERT_TRUE(integrity.ok());
  EXPECT_EQ(*integrity, "ok");
}

}  // namespace
}  // namespace hoplite::local
