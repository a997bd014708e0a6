// EventBridge shapes both ways: a request decoded and encoded again is the document sent (with a
// target's untyped members kept as written), responses round-trip, and a member of the wrong
// type is the SerializationException AWS answers.
#include "hoplite/aws/events_wire.hpp"

#include <gtest/gtest.h>

namespace hoplite::aws::events::wire {
namespace {

using nlohmann::json;

TEST(EventsWire, PutRuleBothWays) {
  json sent = {{"Name", "nightly"},
               {"ScheduleExpression", "cron(0 1 * * ? *)"},
               {"State", "ENABLED"},
               {"Description", "d"},
               {"Tags", json::array({{{"Key", "k"}, {"Value", "v"}}})}};
  auto r = decode_put_rule_request(sent);
  ASSERT_TRUE(r.ok()) << r.error().to_string();
  EXPECT_EQ(r->name, "nightly");
  EXPECT_EQ(r->schedule_expression, "cron(0 1 * * ? *)");
  EXPECT_FALSE(r->event_pattern);
  ASSERT_EQ(r->tags.size(), 1u);
  EXPECT_EQ(encode_request(*r), sent);

  json answer = {{"RuleArn", "arn:aws:events:us-east-1:000000000000:rule/nightly"}};
  auto out = decode_put_rule_response(answer);
  ASSERT_TRUE(out.ok());
  EXPECT_EQ(encode_response(*out), answer);
}

TEST(EventsWire, TargetsKeepTheirUntypedMembers) {
  json sent = {{"Rule", "r"},
               {"Targets", json::array({{{"Id", "t"},
                                         {"Arn", "arn:aws:sqs:us-east-1:000000000000:q"},
                                         {"Input", "{\"a\":1}"},
                                         {"RetryPolicy", {{"MaximumRetryAttempts", 2}}},
                                         {"DeadLetterConfig", {{"Arn", "arn:aws:sqs:us-east-1:000000000000:dlq"}}}}})}};
  auto r = decode_put_targets_request(sent);
  ASSERT_TRUE(r.ok()) << r.error().to_string();
  ASSERT_EQ(r->targets.size(), 1u);
  EXPECT_EQ(r->targets[0].id, "t");
  EXPECT_EQ(r->targets[0].input, "{\"a\":1}");
  EXPECT_EQ(r->targets[0].other.size(), 2u);
  EXPECT_EQ(encode_request(*r), sent);

  json listed = {{"Targets", sent["Targets"]}, {"NextToken", "n"}};
  auto out = decode_list_targets_by_rule_response(listed);
  ASSERT_TRUE(out.ok()) << out.error().to_string();
  EXPECT_EQ(encode_response(*out), listed);
}

TEST(EventsWire, RulesAndTargetResultsRoundTrip) {
  json rules = {{"Rules", json::array({{{"Name", "a"},
                                        {"Arn", "arn:aws:events:us-east-1:000000000000:rule/a"},
                                        {"EventPattern", "{\"source\":[\"x\"]}"},
                                        {"State", "DISABLED"},
                                        {"EventBusName", "default"}}})}};
  auto out = decode_list_rules_response(rules);
  ASSERT_TRUE(out.ok()) << out.error().to_string();
  EXPECT_EQ(encode_response(*out), rules);

  json result = {
      {"FailedEntryCount", 1},
      {"FailedEntries",
       json::array({{{"TargetId", "t"}, {"ErrorCode", "ConcurrentModificationException"}, {"ErrorMessage", "m"}}})}};
  auto decoded = decode_targets_result(result);
  ASSERT_TRUE(decoded.ok()) << decoded.error().to_string();
  EXPECT_EQ(encode_response(*decoded), result);
}

TEST(EventsWire, AMemberOfTheWrongTypeIsASerializationException) {
  auto r = decode_rule_request({{"Name", 5}});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "SerializationException");
  auto t = decode_put_targets_request({{"Rule", "r"}, {"Targets", json::array({{{"Id", true}}})}});
  ASSERT_FALSE(t.ok());
  EXPECT_EQ(t.error().code, "SerializationException");
}

}  // namespace
}  // namespace hoplite::aws::events::wire
