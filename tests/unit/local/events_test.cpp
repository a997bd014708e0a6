// The local EventBridge through the production client (aws::events::Client over
// InProcessClient): rules and targets stored, listed, paged and deleted, with AWS's errors.
#include <gtest/gtest.h>

#include "hoplite/aws/events.hpp"
#include "local_fixture.hpp"

namespace hoplite::local {
namespace {

using testing::LocalCloudTest;
namespace eb = aws::events;

class EventsTest : public LocalCloudTest {
 protected:
  eb::Client client(const std::string& region = "us-east-1") { return eb::Client(config(creds, region)); }

  void put(const std::string& name, const std::string& schedule = "rate(5 minutes)") {
    auto r = client().put_rule({.name = name, .schedule_expression = schedule});
    ASSERT_TRUE(r.ok()) << name << ": " << r.error().to_string();
  }

  static void expect_error(const core::Error& e, const std::string& code, const std::string& part) {
    EXPECT_EQ(e.code, code) << e.message;
    EXPECT_EQ(e.http_status, 400);
    EXPECT_NE(e.message.find(part), std::string::npos) << e.message;
  }

  static eb::Target target(const std::string& id, const std::string& arn = "arn:aws:sqs:us-east-1:000000000000:q") {
    return eb::Target{.id = id, .arn = arn};
  }

  aws::StaticCredentialsProvider creds{testing::test_credentials()};
};

TEST_F(EventsTest, PutDescribeUpdateEnableDisable) {
  auto c = client();
  auto made = c.put_rule({.name = "nightly",
                          .schedule_expression = "cron(0 1 * * ? *)",
                          .description = "the nightly job",
                          .tags = {{.key = "team", .value = "a"}}});
  ASSERT_TRUE(made.ok()) << made.error().to_string();
  EXPECT_EQ(made->rule_arn, "arn:aws:events:us-east-1:000000000000:rule/nightly");

  auto rule = c.describe_rule({.name = "nightly"});
  ASSERT_TRUE(rule.ok()) << rule.error().to_string();
  EXPECT_EQ(rule->name, "nightly");
  EXPECT_EQ(rule->arn, made->rule_arn);
  EXPECT_EQ(rule->schedule_expression, "cron(0 1 * * ? *)");
  EXPECT_EQ(rule->state, "ENABLED");
  EXPECT_EQ(rule->description, "the nightly job");
  EXPECT_EQ(rule->event_bus_name, "default");
  EXPECT_EQ(rule->created_by, "000000000000");
  EXPECT_FALSE(rule->event_pattern);

  // PutRule on an existing name replaces it.
  const std::string pattern = R"({"source":["aws.ec2"],"detail":{"state":["running"]}})";
  ASSERT_TRUE(c.put_rule({.name = "nightly", .event_pattern = pattern, .state = "DISABLED"}).ok());
  rule = c.describe_rule({.name = "nightly", .event_bus_name = "default"});
  ASSERT_TRUE(rule.ok()) << rule.error().to_string();
  EXPECT_EQ(rule->event_pattern, pattern);
  EXPECT_FALSE(rule->schedule_expression);
  EXPECT_FALSE(rule->description);
  EXPECT_EQ(rule->state, "DISABLED");

  ASSERT_TRUE(c.enable_rule({.name = "nightly"}).ok());
  EXPECT_EQ(c.describe_rule({.name = "nightly"})->state, "ENABLED");
  ASSERT_TRUE(c.disable_rule({.name = "nightly"}).ok());
  EXPECT_EQ(c.describe_rule({.name = "nightly"})->state, "DISABLED");

  // The default bus by ARN is the same bus.
  EXPECT_TRUE(
      c.describe_rule({.name = "nightly", .event_bus_name = "arn:aws:events:us-east-1:000000000000:event-bus/default"})
          .ok());
  // Rules belong to their region.
  auto elsewhere = client("eu-west-1").describe_rule({.name = "nightly"});
  ASSERT_FALSE(elsewhere.ok());
  expect_error(elsewhere.error(), "ResourceNotFoundException", "Rule nightly does not exist on EventBus default.");
}

TEST_F(EventsTest, PutRuleChecksItsInput) {
  auto c = client();
  auto neither = c.put_rule({.name = "r"});
  ASSERT_FALSE(neither.ok());
  expect_error(neither.error(), "ValidationException", "EventPattern or ScheduleExpression must be specified");

  for (const char* bad :
       {"rate(5 minute)", "rate(1 minutes)", "rate(0 minutes)", "rate(x hours)", "rate(5 weeks)", "cron(0 1 * * * *)",
        "cron(0 1 * * ?)", "cron(0 1 * * ? * *)", "cron(0  1 * * ? *)", "every day", "rate(5 minutes"}) {
    auto r = c.put_rule({.name = "r", .schedule_expression = bad});
    ASSERT_FALSE(r.ok()) << bad;
    expect_error(r.error(), "ValidationException", "Parameter ScheduleExpression is not valid.");
  }
  for (const char* good : {"rate(1 minute)", "rate(2 hours)", "rate(1 day)", "cron(0/15 * ? * MON-FRI *)",
                           "cron(0 10 * * ? 2027)", "cron(0 18 ? * 6L *)"})
    EXPECT_TRUE(c.put_rule({.name = "r", .schedule_expression = good}).ok()) << good;

  for (const char* bad : {"not json", "[1]", R"({"source": "aws.ec2"})", R"({"detail": {"x": 3}})"}) {
    auto r = c.put_rule({.name = "r", .event_pattern = bad});
    ASSERT_FALSE(r.ok()) << bad;
    expect_error(r.error(), "InvalidEventPatternException", "Event pattern is not valid.");
  }

  auto name = c.put_rule({.name = "bad/name", .schedule_expression = "rate(1 day)"});
  ASSERT_FALSE(name.ok());
  expect_error(name.error(), "ValidationException", "failed to satisfy constraint: Member must satisfy regular");
  auto longname = c.put_rule({.name = std::string(65, 'a'), .schedule_expression = "rate(1 day)"});
  ASSERT_FALSE(longname.ok());
  expect_error(longname.error(), "ValidationException", "Member must have length less than or equal to 64");
  auto state = c.put_rule({.name = "r", .schedule_expression = "rate(1 day)", .state = "ON"});
  ASSERT_FALSE(state.ok());
  expect_error(state.error(), "ValidationException", "Member must satisfy enum value set");
  auto bus = c.put_rule({.name = "r", .schedule_expression = "rate(1 day)", .event_bus_name = "custom"});
  ASSERT_FALSE(bus.ok());
  expect_error(bus.error(), "ResourceNotFoundException", "Event bus custom does not exist.");
}

TEST_F(EventsTest, ListRulesPagesByNameWithAPrefix) {
  for (const char* n : {"app-a", "app-b", "app-c", "other"}) put(n);
  auto c = client();
  auto all = c.list_rules({});
  ASSERT_TRUE(all.ok()) << all.error().to_string();
  ASSERT_EQ(all->rules.size(), 4u);
  EXPECT_FALSE(all->next_token);
  EXPECT_FALSE(all->rules[0].created_by);

  auto first = c.list_rules({.name_prefix = "app-", .limit = 2});
  ASSERT_TRUE(first.ok()) << first.error().to_string();
  ASSERT_EQ(first->rules.size(), 2u);
  EXPECT_EQ(first->rules[0].name, "app-a");
  EXPECT_EQ(first->rules[1].name, "app-b");
  ASSERT_TRUE(first->next_token);
  auto second = c.list_rules({.name_prefix = "app-", .next_token = first->next_token, .limit = 2});
  ASSERT_TRUE(second.ok()) << second.error().to_string();
  ASSERT_EQ(second->rules.size(), 1u);
  EXPECT_EQ(second->rules[0].name, "app-c");
  EXPECT_FALSE(second->next_token);

  auto token = c.list_rules({.next_token = "bm90LW91cnM="});
  ASSERT_FALSE(token.ok());
  EXPECT_EQ(token.error().code, "ValidationException");
  auto limit = c.list_rules({.limit = 101});
  ASSERT_FALSE(limit.ok());
  expect_error(limit.error(), "ValidationException", "Member must have value less than or equal to 100");
}

TEST_F(EventsTest, TargetsAreStoredListedAndBlockDeletion) {
  put("r");
  auto c = client();
  eb::Target detailed = target("t1", "arn:aws:states:us-east-1:000000000000:stateMachine:sm");
  detailed.role_arn = "arn:aws:iam::000000000000:role/events";
  detailed.input = R"({"a":1})";
  detailed.other = {{"RetryPolicy", {{"MaximumRetryAttempts", 3}}}};
  auto added = c.put_targets({.rule = "r", .targets = {detailed, target("t2")}});
  ASSERT_TRUE(added.ok()) << added.error().to_string();
  EXPECT_EQ(added->failed_entry_count, 0);
  EXPECT_TRUE(added->failed_entries.empty());

  auto listed = c.list_targets_by_rule({.rule = "r"});
  ASSERT_TRUE(listed.ok()) << listed.error().to_string();
  ASSERT_EQ(listed->targets.size(), 2u);
  EXPECT_EQ(listed->targets[0].id, "t1");
  EXPECT_EQ(listed->targets[0].arn, detailed.arn);
  EXPECT_EQ(listed->targets[0].role_arn, detailed.role_arn);
  EXPECT_EQ(listed->targets[0].input, detailed.input);
  EXPECT_EQ(listed->targets[0].other, detailed.other);
  EXPECT_EQ(listed->targets[1].id, "t2");

  auto page = c.list_targets_by_rule({.rule = "r", .limit = 1});
  ASSERT_TRUE(page.ok()) << page.error().to_string();
  ASSERT_EQ(page->targets.size(), 1u);
  ASSERT_TRUE(page->next_token);
  page = c.list_targets_by_rule({.rule = "r", .next_token = page->next_token, .limit = 1});
  ASSERT_TRUE(page.ok()) << page.error().to_string();
  ASSERT_EQ(page->targets.size(), 1u);
  EXPECT_EQ(page->targets[0].id, "t2");

  auto blocked = c.delete_rule({.name = "r"});
  ASSERT_FALSE(blocked.ok());
  expect_error(blocked.error(), "ValidationException", "Rule can't be deleted since it has targets.");

  // Replacing t2 and adding three more makes five, the limit; a sixth is refused.
  auto five = c.put_targets({.rule = "r", .targets = {target("t2"), target("t3"), target("t4"), target("t5")}});
  ASSERT_TRUE(five.ok()) << five.error().to_string();
  auto six = c.put_targets({.rule = "r", .targets = {target("t6")}});
  ASSERT_FALSE(six.ok());
  expect_error(six.error(), "LimitExceededException", "exceeds the maximum number allowed");

  auto removed = c.remove_targets({.rule = "r", .ids = {"t1", "t2", "t3", "t4", "t5", "never-there"}});
  ASSERT_TRUE(removed.ok()) << removed.error().to_string();
  EXPECT_EQ(removed->failed_entry_count, 0);
  EXPECT_TRUE(c.list_targets_by_rule({.rule = "r"})->targets.empty());
  ASSERT_TRUE(c.delete_rule({.name = "r"}).ok());
  auto gone = c.describe_rule({.name = "r"});
  ASSERT_FALSE(gone.ok());
  expect_error(gone.error(), "ResourceNotFoundException", "Rule r does not exist on EventBus default.");
  // Deleting again succeeds, as AWS answers.
  EXPECT_TRUE(c.delete_rule({.name = "r"}).ok());
}

TEST_F(EventsTest, TargetErrors) {
  auto c = client();
  auto missing = c.put_targets({.rule = "nope", .targets = {target("t")}});
  ASSERT_FALSE(missing.ok());
  expect_error(missing.error(), "ResourceNotFoundException", "Rule nope does not exist on EventBus default.");
  put("r");
  auto none = c.put_targets({.rule = "r", .targets = {}});
  ASSERT_FALSE(none.ok());
  expect_error(none.error(), "ValidationException", "Member must have length greater than or equal to 1");
  std::vector<eb::Target> eleven;
  for (int i = 0; i < 11; ++i) eleven.push_back(target("t" + std::to_string(i)));
  auto many = c.put_targets({.rule = "r", .targets = eleven});
  ASSERT_FALSE(many.ok());
  expect_error(many.error(), "ValidationException", "Member must have length less than or equal to 10");
  auto arn = c.put_targets({.rule = "r", .targets = {target("t", "not-an-arn")}});
  ASSERT_FALSE(arn.ok());
  expect_error(arn.error(), "ValidationException", "Parameter not-an-arn is not valid.");
  auto id = c.put_targets({.rule = "r", .targets = {target("a b")}});
  ASSERT_FALSE(id.ok());
  expect_error(id.error(), "ValidationException", "targets.1.member.id");
  auto list = c.list_targets_by_rule({.rule = "nope"});
  ASSERT_FALSE(list.ok());
  EXPECT_EQ(list.error().code, "ResourceNotFoundException");
  auto enable = c.enable_rule({.name = "nope"});
  ASSERT_FALSE(enable.ok());
  EXPECT_EQ(enable.error().code, "ResourceNotFoundException");
}

TEST_F(EventsTest, UnknownOperationAndBadBodyAreJsonErrors) {
  auto call = [&](const std::string& target, const std::string& body) {
    http::Request req{"POST", "http://127.0.0.1:4566/", {}, body, {}};
    req.headers.set("Content-Type", "application/x-amz-json-1.1");
    req.headers.set("X-Amz-Target", target);
    EXPECT_TRUE(aws::sign_request(req, testing::test_credentials(),
                                  {.service = "events", .region = "us-east-1", .time = clock.now()})
                    .ok());
    return send(req);
  };
  auto bad = call("AWSEvents.DescribeRule", R"({"Name": 5})");
  EXPECT_EQ(bad.status, 400);
  EXPECT_NE(bad.body.find("SerializationException"), std::string::npos) << bad.body;
  auto unknown = call("AWSEvents.PutEvents", "{}");
  EXPECT_EQ(unknown.status, 400);
  EXPECT_NE(unknown.body.find("UnknownOperationException"), std::string::npos) << unknown.body;
}

}  // namespace
}  // namespace hoplite::local
