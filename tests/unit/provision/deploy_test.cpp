#include "hoplite/provision/deploy.hpp"

#include <gtest/gtest.h>

#include "fake_cloudformation.hpp"
#include "fakes/fake_http_client.hpp"
#include "hoplite/aws/credentials.hpp"

namespace hoplite::provision {
namespace {

namespace cf = aws::cloudformation;

class DeployTest : public ::testing::Test {
 protected:
  DeployTest()
      : clock_(core::TimePoint{} + std::chrono::hours(24 * 365 * 56)),
        creds_(aws::Credentials{.access_key_id = "AKID", .secret_access_key = "secret"}),
        config_{.region = "us-east-1",
                .credentials = creds_,
                .http = http_,
                .clock = clock_,
                .endpoint_url = std::string("http://127.0.0.1:1")},
        cfn_(config_) {
    http_.handler = [this](const http::Request& r) -> core::Result<http::Response> { return fake_.handle(r); };
    wait_.clock = &clock_;
    wait_.on_event = [this](const cf::StackEvent& e) {
      seen_.push_back(e.logical_resource_id + " " + e.resource_status);
    };
  }

  StackTarget target(std::string body = "{\"Resources\":{}}", std::string image = "repo@sha256:1") {
    return {.stack_name = "Web", .template_body = std::move(body), .parameters = {{"ImageUri", std::move(image)}}};
  }

  // prepare → already deployed? → plan → execute, as provision does.
  Outcome deploy(const StackTarget& t, bool* no_changes = nullptr) {
    auto before = prepare_stack(cfn_, t.stack_name, wait_);
    EXPECT_TRUE(before) << before.error().to_string();
    if (before->stack) {
      auto same = already_deployed(cfn_, *before->stack, t);
      EXPECT_TRUE(same);
      if (*same) {
        if (no_changes) *no_changes = true;
        return {};
      }
    }
    auto p = plan(cfn_, *before, t, wait_);
    EXPECT_TRUE(p) << p.error().to_string();
    if (p->no_changes) {
      if (no_changes) *no_changes = true;
      return {};
    }
    auto out = execute_plan(cfn_, *p, wait_);
    EXPECT_TRUE(out) << out.error().to_string();
    return *out;
  }

  testing::FakeCloudFormation fake_;
  hoplite::testing::FakeHttpClient http_;
  core::FixedClock clock_;
  aws::StaticCredentialsProvider creds_;
  aws::ClientConfig config_;
  cf::Client cfn_;
  WaitOptions wait_;
  std::vector<std::string> seen_;
};

TEST_F(DeployTest, CreateThenNoChangeThenUpdate) {
  Outcome created = deploy(target());
  ASSERT_TRUE(created.succeeded) << failure_text(created);
  EXPECT_EQ(created.stack->stack_status, "CREATE_COMPLETE");
  EXPECT_EQ(seen_, (std::vector<std::string>{"Web CREATE_IN_PROGRESS", "Res CREATE_IN_PROGRESS", "Res CREATE_COMPLETE",
                                             "Web CREATE_COMPLETE"}))
      << "the events of the operation, oldest first (not the change set's REVIEW_IN_PROGRESS)";

  // Same template and image: no change set, no update.
  fake_.calls.clear();
  bool none = false;
  deploy(target(), &none);
  EXPECT_TRUE(none);
  EXPECT_EQ(fake_.calls, (std::vector<std::string>{"DescribeStacks", "GetTemplate"}));

  // A new image: an UPDATE change set.
  Outcome updated = deploy(target("{\"Resources\":{}}", "repo@sha256:2"));
  ASSERT_TRUE(updated.succeeded);
  EXPECT_EQ(updated.stack->stack_status, "UPDATE_COMPLETE");
}

TEST_F(DeployTest, ChangeSetWithoutChangesIsNoChange) {
  ASSERT_TRUE(deploy(target()).succeeded);
  // The stack is UPDATE_ROLLBACK_COMPLETE-free and equal, but ask CloudFormation anyway.
  auto before = prepare_stack(cfn_, "Web", wait_);
  ASSERT_TRUE(before);
  auto p = plan(cfn_, *before, target(), wait_);
  ASSERT_TRUE(p) << p.error().to_string();
  EXPECT_TRUE(p->no_changes);
  EXPECT_TRUE(fake_.change_sets.empty()) << "the empty change set is deleted";
}

TEST_F(DeployTest, FailureNamesTheFirstFailingResourceNotTheCancelledOne) {
  Outcome failed = deploy(target("{\"FAIL\":1}"));
  EXPECT_FALSE(failed.succeeded);
  ASSERT_TRUE(failed.first_failure);
  EXPECT_EQ(failed.first_failure->logical_resource_id, "Res");
  EXPECT_EQ(failure_text(failed),
            "stack ended ROLLBACK_COMPLETE; first failure: Res (AWS::SNS::Topic) CREATE_FAILED: Resource handler "
            "returned message: \"boom\"");

  // The next good provision deletes the ROLLBACK_COMPLETE stack first, then creates it again.
  auto before = prepare_stack(cfn_, "Web", wait_);
  ASSERT_TRUE(before);
  EXPECT_TRUE(before->deleted_failed_create);
  EXPECT_FALSE(before->stack);
  Outcome recovered = deploy(target());
  ASSERT_TRUE(recovered.succeeded) << failure_text(recovered);
  EXPECT_EQ(recovered.stack->stack_status, "CREATE_COMPLETE");
}

TEST_F(DeployTest, ReadOnlyPrepareLeavesAFailedStackAlone) {
  deploy(target("{\"FAIL\":1}"));
  fake_.calls.clear();
  auto before = prepare_stack(cfn_, "Web", wait_, /*read_only=*/true);
  ASSERT_TRUE(before);
  ASSERT_TRUE(before->stack);
  EXPECT_EQ(before->stack->stack_status, "ROLLBACK_COMPLETE");
  for (const auto& c : fake_.calls) EXPECT_TRUE(c.starts_with("Describe")) << c;
}

TEST_F(DeployTest, InterruptedRunReusesItsChangeSet) {
  ASSERT_TRUE(deploy(target()).succeeded);
  auto before = prepare_stack(cfn_, "Web", wait_);
  ASSERT_TRUE(before);
  auto first = plan(cfn_, *before, target("{\"Resources\":{\"X\":1}}"), wait_);
  ASSERT_TRUE(first);
  // kill -9 here; the next run computes the same change set name and finds it.
  const int made = fake_.created_change_sets;
  auto again = plan(cfn_, *before, target("{\"Resources\":{\"X\":1}}"), wait_);
  ASSERT_TRUE(again) << again.error().to_string();
  EXPECT_EQ(again->change_set_id, first->change_set_id);
  EXPECT_EQ(fake_.created_change_sets, made) << "no second change set";
  auto out = execute_plan(cfn_, *again, wait_);
  ASSERT_TRUE(out);
  EXPECT_TRUE(out->succeeded);
}

TEST_F(DeployTest, DeleteFollowsTheStackUntilItIsGone) {
  ASSERT_TRUE(deploy(target()).succeeded);
  seen_.clear();
  auto gone = delete_stack(cfn_, "Web", wait_);
  ASSERT_TRUE(gone) << gone.error().to_string();
  EXPECT_TRUE(gone->succeeded);
  EXPECT_FALSE(gone->stack);
  EXPECT_EQ(seen_, (std::vector<std::string>{"Web DELETE_IN_PROGRESS", "Res DELETE_COMPLETE", "Web DELETE_COMPLETE"}));
  auto again = delete_stack(cfn_, "Web", wait_);
  ASSERT_TRUE(again);
  EXPECT_TRUE(again->succeeded) << "deleting what is not there succeeds";
}

TEST_F(DeployTest, DiscardedCreatePlanLeavesNoStack) {
  auto before = prepare_stack(cfn_, "Web", wait_);
  ASSERT_TRUE(before);
  auto p = plan(cfn_, *before, target(), wait_);
  ASSERT_TRUE(p);
  EXPECT_TRUE(p->create);
  ASSERT_EQ(p->changes.size(), 1u);
  EXPECT_EQ(p->changes[0].action, "Add");
  discard_plan(cfn_, *p);
  auto after = cfn_.find_stack("Web");
  ASSERT_TRUE(after);
  EXPECT_FALSE(*after);
}

TEST(ChangeSetName, DependsOnTemplateAndParameters) {
  StackTarget a{.stack_name = "S", .template_body = "{}", .parameters = {{"ImageUri", "x@sha256:1"}}};
  StackTarget b = a;
  EXPECT_EQ(change_set_name(a), change_set_name(b));
  EXPECT_EQ(change_set_name(a).size(), std::string("hoplite-").size() + 16);
  b.parameters["ImageUri"] = "x@sha256:2";
  EXPECT_NE(change_set_name(a), change_set_name(b));
}

TEST(StackStatus, TerminalAndFailed) {
  EXPECT_TRUE(is_terminal_stack_status("CREATE_COMPLETE"));
  EXPECT_FALSE(is_terminal_stack_status("UPDATE_COMPLETE_CLEANUP_IN_PROGRESS"));
  EXPECT_TRUE(is_failed_stack_status("UPDATE_ROLLBACK_COMPLETE"));
  EXPECT_TRUE(is_failed_stack_status("ROLLBACK_FAILED"));
  EXPECT_FALSE(is_failed_stack_status("UPDATE_COMPLETE"));
}

}  // namespace
}  // namespace hoplite::provision
