// The local CloudWatch Logs through the production client (aws::logs::Client over InProcessClient):
// the same shape code encodes on one side and decodes on the other.
#include <gtest/gtest.h>

#include "hoplite/aws/logs.hpp"
#include "local_fixture.hpp"

namespace hoplite::local {
namespace {

using testing::LocalCloudTest;
namespace logs = aws::logs;

class LogsTest : public LocalCloudTest {
 protected:
  logs::Client client() { return logs::Client(config(creds)); }

  std::int64_t now_ms() const {
    return std::chrono::duration_cast<std::chrono::milliseconds>(clock.now().time_since_epoch()).count();
  }

  void make_stream(const std::string& group, const std::string& stream) {
    auto c = client();
    auto g = c.create_log_group({.log_group_name = group});
    ASSERT_TRUE(g.ok() || g.error().code == "ResourceAlreadyExistsException") << g.error().to_string();
    auto s = c.create_log_stream({.log_group_name = group, .log_stream_name = stream});
    ASSERT_TRUE(s.ok()) << s.error().to_string();
  }

  /// Writes `messages` one millisecond apart, starting `start` ms after now.
  void put(const std::string& group, const std::string& stream, const std::vector<std::string>& messages,
           std::int64_t start = 0) {
    logs::PutLogEventsRequest r{.log_group_name = group, .log_stream_name = stream};
    for (std::size_t i = 0; i < messages.size(); ++i)
      r.log_events.push_back({.timestamp_ms = now_ms() + start + static_cast<std::int64_t>(i), .message = messages[i]});
    auto out = client().put_log_events(r);
    ASSERT_TRUE(out.ok()) << out.error().to_string();
    EXPECT_FALSE(out->rejected_log_events_info);
  }

  static std::vector<std::string> messages(const std::vector<logs::LogEvent>& events) {
    std::vector<std::string> out;
    for (const auto& e : events) out.push_back(e.message);
    return out;
  }

  static void expect_error(const core::Error& e, const std::string& code, const std::string& part) {
    EXPECT_EQ(e.code, code) << e.message;
    EXPECT_EQ(e.http_status, 400);
    EXPECT_NE(e.message.find(part), std::string::npos) << e.message;
  }

  aws::StaticCredentialsProvider creds{testing::test_credentials()};
};

TEST_F(LogsTest, GroupsRetentionAndDescribe) {
  auto c = client();
  ASSERT_TRUE(c.create_log_group({.log_group_name = "/app/web", .tags = {{"team", "blue"}}}).ok());
  ASSERT_TRUE(c.create_log_group({.log_group_name = "/app/worker"}).ok());
  ASSERT_TRUE(c.create_log_group({.log_group_name = "/other"}).ok());
  auto again = c.create_log_group({.log_group_name = "/app/web"});
  ASSERT_FALSE(again.ok());
  expect_error(again.error(), "ResourceAlreadyExistsException", "The specified log group already exists");
  auto bad = c.create_log_group({.log_group_name = "no spaces"});
  ASSERT_FALSE(bad.ok());
  expect_error(bad.error(), "InvalidParameterException",
               "Value 'no spaces' at 'logGroupName' failed to satisfy constraint: Member must satisfy regular "
               "expression pattern: [\\.\\-_/#A-Za-z0-9]+");

  ASSERT_TRUE(c.put_retention_policy({.log_group_name = "/app/web", .retention_in_days = 14}).ok());
  auto odd = c.put_retention_policy({.log_group_name = "/app/web", .retention_in_days = 2});
  ASSERT_FALSE(odd.ok());
  expect_error(odd.error(), "InvalidParameterException",
               "Value '2' at 'retentionInDays' failed to satisfy constraint: Member must satisfy enum value set: [1, "
               "3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, "
               "3653]");

  auto page = c.describe_log_groups({.log_group_name_prefix = "/app", .limit = 1});
  ASSERT_TRUE(page.ok()) << page.error().to_string();
  ASSERT_EQ(page->log_groups.size(), 1u);
  const auto& web = page->log_groups[0];
  EXPECT_EQ(web.log_group_name, "/app/web");
  EXPECT_EQ(web.arn, "arn:aws:logs:us-east-1:000000000000:log-group:/app/web:*");
  EXPECT_EQ(web.retention_in_days, 14);
  EXPECT_EQ(web.creation_time_ms, now_ms());
  ASSERT_TRUE(page->next_token);
  auto rest = c.describe_log_groups({.log_group_name_prefix = "/app", .next_token = page->next_token});
  ASSERT_TRUE(rest.ok()) << rest.error().to_string();
  ASSERT_EQ(rest->log_groups.size(), 1u);
  EXPECT_EQ(rest->log_groups[0].log_group_name, "/app/worker");
  EXPECT_FALSE(rest->log_groups[0].retention_in_days);
  EXPECT_FALSE(rest->next_token);

  auto pattern = c.describe_log_groups({.log_group_name_pattern = "WORK"});
  ASSERT_TRUE(pattern.ok());
  ASSERT_EQ(pattern->log_groups.size(), 1u);
  auto forged = c.describe_log_groups({.next_token = "bm90IG91cnM="});
  ASSERT_FALSE(forged.ok());
  expect_error(forged.error(), "InvalidParameterException", "The specified nextToken is invalid.");

  auto tags = c.list_tags_for_resource({.resource_arn = web.arn});
  ASSERT_TRUE(tags.ok()) << tags.error().to_string();
  EXPECT_EQ(tags->tags, (std::map<std::string, std::string>{{"team", "blue"}}));
  ASSERT_TRUE(c.tag_resource(
                   {.resource_arn = "arn:aws:logs:us-east-1:000000000000:log-group:/app/web", .tags = {{"env", "dev"}}})
                  .ok());
  ASSERT_TRUE(c.untag_resource({.resource_arn = web.arn, .tag_keys = {"team"}}).ok());
  tags = c.list_tags_for_resource({.resource_arn = web.arn});
  ASSERT_TRUE(tags.ok());
  EXPECT_EQ(tags->tags, (std::map<std::string, std::string>{{"env", "dev"}}));

  ASSERT_TRUE(c.delete_log_group({.log_group_name = "/app/web"}).ok());
  auto gone = c.delete_log_group({.log_group_name = "/app/web"});
  ASSERT_FALSE(gone.ok());
  expect_error(gone.error(), "ResourceNotFoundException", "The specified log group does not exist.");
}

TEST_F(LogsTest, StreamsAndTheirOrder) {
  make_stream("/g", "b");
  make_stream("/g", "a");
  make_stream("/g", "c");
  auto c = client();
  auto dup = c.create_log_stream({.log_group_name = "/g", .log_stream_name = "a"});
  ASSERT_FALSE(dup.ok());
  expect_error(dup.error(), "ResourceAlreadyExistsException", "The specified log stream already exists");
  auto no_group = c.create_log_stream({.log_group_name = "/nope", .log_stream_name = "a"});
  ASSERT_FALSE(no_group.ok());
  expect_error(no_group.error(), "ResourceNotFoundException", "The specified log group does not exist.");
  auto colon = c.create_log_stream({.log_group_name = "/g", .log_stream_name = "a:b"});
  ASSERT_FALSE(colon.ok());
  expect_error(colon.error(), "InvalidParameterException", "[^:*]*");

  put("/g", "c", {"one"}, 10);
  put("/g", "a", {"two"}, 20);
  auto by_name = c.describe_log_streams_all({.log_group_name = "/g", .limit = 2});
  ASSERT_TRUE(by_name.ok()) << by_name.error().to_string();
  ASSERT_EQ(by_name->size(), 3u);
  EXPECT_EQ((*by_name)[0].log_stream_name, "a");
  EXPECT_EQ((*by_name)[2].log_stream_name, "c");
  EXPECT_EQ((*by_name)[0].arn, "arn:aws:logs:us-east-1:000000000000:log-group:/g:log-stream:a");
  EXPECT_EQ((*by_name)[0].last_event_timestamp_ms, now_ms() + 20);
  EXPECT_EQ((*by_name)[0].last_ingestion_time_ms, now_ms());
  EXPECT_FALSE((*by_name)[1].first_event_timestamp_ms);

  auto by_time =
      c.describe_log_streams_all({.log_group_name = "/g", .order_by = "LastEventTime", .descending = true, .limit = 1});
  ASSERT_TRUE(by_time.ok()) << by_time.error().to_string();
  ASSERT_EQ(by_time->size(), 3u);
  EXPECT_EQ((*by_time)[0].log_stream_name, "a");
  EXPECT_EQ((*by_time)[1].log_stream_name, "c");
  EXPECT_EQ((*by_time)[2].log_stream_name, "b");

  auto mixed =
      c.describe_log_streams({.log_group_name = "/g", .log_stream_name_prefix = "a", .order_by = "LastEventTime"});
  ASSERT_FALSE(mixed.ok());
  expect_error(mixed.error(), "InvalidParameterException", "Cannot order by LastEventTime with a logStreamNamePrefix.");

  ASSERT_TRUE(c.delete_log_stream({.log_group_name = "/g", .log_stream_name = "a"}).ok());
  auto gone = c.delete_log_stream({.log_group_name = "/g", .log_stream_name = "a"});
  ASSERT_FALSE(gone.ok());
  expect_error(gone.error(), "ResourceNotFoundException", "The specified log stream does not exist.");
}

TEST_F(LogsTest, PutLogEventsBatchRules) {
  make_stream("/g", "s");
  auto c = client();
  const std::int64_t t = now_ms();
  auto unordered =
      c.put_log_events({.log_group_name = "/g", .log_stream_name = "s", .log_events = {{t + 5, "b"}, {t, "a"}}});
  ASSERT_FALSE(unordered.ok());
  expect_error(unordered.error(), "InvalidParameterException",
               "Log events in a single PutLogEvents request must be in chronological order.");
  auto span = c.put_log_events(
      {.log_group_name = "/g", .log_stream_name = "s", .log_events = {{t - 25 * 3600000LL, "a"}, {t, "b"}}});
  ASSERT_FALSE(span.ok());
  expect_error(span.error(), "InvalidParameterException", "cannot span more than 24 hours");
  auto empty = c.put_log_events({.log_group_name = "/g", .log_stream_name = "s", .log_events = {{t, ""}}});
  ASSERT_FALSE(empty.ok());
  expect_error(empty.error(), "InvalidParameterException",
               "at 'logEvents.1.member.message' failed to satisfy constraint: Member must have length greater than or "
               "equal to 1");
  auto big =
      c.put_log_events({.log_group_name = "/g", .log_stream_name = "s", .log_events = {{t, std::string(300000, 'x')}}});
  ASSERT_FALSE(big.ok());
  expect_error(big.error(), "InvalidParameterException", "Log event too large: 300026 bytes exceeds limit of 262144");
  auto no_stream = c.put_log_events({.log_group_name = "/g", .log_stream_name = "t", .log_events = {{t, "a"}}});
  ASSERT_FALSE(no_stream.ok());
  expect_error(no_stream.error(), "ResourceNotFoundException", "The specified log stream does not exist.");

  // Too old (15 days) and too new (3 hours ahead) events are rejected; the rest are kept.
  const std::int64_t day = 24 * 3600000LL;
  auto old_new =
      c.put_log_events({.log_group_name = "/g", .log_stream_name = "s", .log_events = {{t - 15 * day, "old"}}});
  ASSERT_TRUE(old_new.ok()) << old_new.error().to_string();
  ASSERT_TRUE(old_new->rejected_log_events_info);
  EXPECT_EQ(old_new->rejected_log_events_info->too_old_log_event_end_index, 0);
  auto future = c.put_log_events(
      {.log_group_name = "/g", .log_stream_name = "s", .log_events = {{t, "now"}, {t + 3 * 3600000LL, "future"}}});
  ASSERT_TRUE(future.ok());
  ASSERT_TRUE(future->rejected_log_events_info);
  EXPECT_EQ(future->rejected_log_events_info->too_new_log_event_start_index, 1);
  EXPECT_FALSE(future->rejected_log_events_info->too_old_log_event_end_index);
  EXPECT_TRUE(future->next_sequence_token);

  // Past the group's retention: expired.
  ASSERT_TRUE(c.put_retention_policy({.log_group_name = "/g", .retention_in_days = 1}).ok());
  auto expired =
      c.put_log_events({.log_group_name = "/g", .log_stream_name = "s", .log_events = {{t - 2 * day, "expired"}}});
  ASSERT_TRUE(expired.ok());
  ASSERT_TRUE(expired->rejected_log_events_info);
  EXPECT_EQ(expired->rejected_log_events_info->expired_log_event_end_index, 0);

  auto all = c.get_log_events_all({.log_group_name = "/g", .log_stream_name = "s"});
  ASSERT_TRUE(all.ok()) << all.error().to_string();
  EXPECT_EQ(messages(*all), (std::vector<std::string>{"now"}));
}

TEST_F(LogsTest, GetLogEventsTokensBothWays) {
  make_stream("/g", "s");
  put("/g", "s", {"e0", "e1", "e2", "e3", "e4"});
  auto c = client();

  // From the head, two at a time, until the forward token repeats.
  auto first = c.get_log_events({.log_group_name = "/g", .log_stream_name = "s", .limit = 2});
  ASSERT_TRUE(first.ok()) << first.error().to_string();
  EXPECT_EQ(messages(first->events), (std::vector<std::string>{"e0", "e1"}));
  ASSERT_TRUE(first->next_forward_token);
  EXPECT_TRUE(first->next_forward_token->starts_with("f/"));
  EXPECT_EQ(first->next_forward_token->size(), 60u);
  auto all = c.get_log_events_all({.log_group_name = "/g", .log_stream_name = "s", .limit = 2});
  ASSERT_TRUE(all.ok());
  EXPECT_EQ(messages(*all), (std::vector<std::string>{"e0", "e1", "e2", "e3", "e4"}));

  // Without startFromHead: the newest events, then backwards.
  auto last = c.get_log_events({.log_group_name = "/g", .log_stream_name = "s", .start_from_head = false, .limit = 2});
  ASSERT_TRUE(last.ok());
  EXPECT_EQ(messages(last->events), (std::vector<std::string>{"e3", "e4"}));
  auto back = c.get_log_events(
      {.log_group_name = "/g", .log_stream_name = "s", .limit = 2, .next_token = last->next_backward_token});
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(messages(back->events), (std::vector<std::string>{"e1", "e2"}));
  auto forward_again = c.get_log_events(
      {.log_group_name = "/g", .log_stream_name = "s", .limit = 10, .next_token = back->next_forward_token});
  ASSERT_TRUE(forward_again.ok());
  EXPECT_EQ(messages(forward_again->events), (std::vector<std::string>{"e3", "e4"}));
  auto end = c.get_log_events(
      {.log_group_name = "/g", .log_stream_name = "s", .next_token = forward_again->next_forward_token});
  ASSERT_TRUE(end.ok());
  EXPECT_TRUE(end->events.empty());
  EXPECT_EQ(end->next_forward_token, forward_again->next_forward_token);
  auto from_end_back = c.get_log_events(
      {.log_group_name = "/g", .log_stream_name = "s", .limit = 1, .next_token = end->next_backward_token});
  ASSERT_TRUE(from_end_back.ok());
  EXPECT_EQ(messages(from_end_back->events), (std::vector<std::string>{"e4"}));

  // A time range: [start, end).
  auto range = c.get_log_events_all(
      {.log_group_name = "/g", .log_stream_name = "s", .start_time_ms = now_ms() + 1, .end_time_ms = now_ms() + 3});
  ASSERT_TRUE(range.ok());
  EXPECT_EQ(messages(*range), (std::vector<std::string>{"e1", "e2"}));

  auto forged = c.get_log_events({.log_group_name = "/g", .log_stream_name = "s", .next_token = "f/1/s"});
  ASSERT_FALSE(forged.ok());
  expect_error(forged.error(), "InvalidParameterException", "The specified nextToken is invalid.");
}

TEST_F(LogsTest, FilterLogEventsAcrossStreams) {
  make_stream("/g", "task/web/1");
  make_stream("/g", "task/web/2");
  make_stream("/g", "other");
  put("/g", "task/web/1", {"INFO start", "ERROR disk full", "WARN slow"});
  put("/g", "task/web/2", {"ERROR timeout retry", "INFO done"}, 1);
  put("/g", "other", {"ERROR elsewhere"}, 2);
  auto c = client();

  auto errors = c.filter_log_events_all({.log_group_name = "/g", .filter_pattern = "ERROR"});
  ASSERT_TRUE(errors.ok()) << errors.error().to_string();
  EXPECT_EQ(messages(*errors), (std::vector<std::string>{"ERROR disk full", "ERROR timeout retry", "ERROR elsewhere"}));
  EXPECT_EQ((*errors)[1].log_stream_name, "task/web/2");
  EXPECT_EQ((*errors)[1].event_id.size(), 56u);

  auto prefixed = c.filter_log_events_all(
      {.log_group_name = "/g", .log_stream_name_prefix = "task/", .filter_pattern = "ERROR -retry", .limit = 1});
  ASSERT_TRUE(prefixed.ok());
  EXPECT_EQ(messages(*prefixed), (std::vector<std::string>{"ERROR disk full"}));
  auto any = c.filter_log_events_all(
      {.log_group_name = "/g", .log_stream_names = {"task/web/1"}, .filter_pattern = "?WARN ?ERROR", .limit = 1});
  ASSERT_TRUE(any.ok());
  EXPECT_EQ(messages(*any), (std::vector<std::string>{"ERROR disk full", "WARN slow"}));
  auto phrase = c.filter_log_events_all({.log_group_name = "/g", .filter_pattern = "\"disk full\""});
  ASSERT_TRUE(phrase.ok());
  EXPECT_EQ(messages(*phrase), (std::vector<std::string>{"ERROR disk full"}));
  auto window =
      c.filter_log_events_all({.log_group_name = "/g", .start_time_ms = now_ms() + 2, .end_time_ms = now_ms() + 3});
  ASSERT_TRUE(window.ok());
  EXPECT_EQ(messages(*window), (std::vector<std::string>{"WARN slow", "INFO done", "ERROR elsewhere"}));

  auto json = c.filter_log_events({.log_group_name = "/g", .filter_pattern = "{ $.level = \"x\" }"});
  ASSERT_FALSE(json.ok());
  expect_error(json.error(), "InvalidParameterException", "not supported");
  auto both = c.filter_log_events({.log_group_name = "/g", .log_stream_names = {"a"}, .log_stream_name_prefix = "a"});
  ASSERT_FALSE(both.ok());
  expect_error(both.error(), "InvalidParameterException", "mutually exclusive");
}

TEST_F(LogsTest, SurvivesARestart) {
  make_stream("/g", "s");
  put("/g", "s", {"before"});
  open_cloud();
  auto all = client().get_log_events_all({.log_group_name = "/g", .log_stream_name = "s"});
  ASSERT_TRUE(all.ok()) << all.error().to_string();
  EXPECT_EQ(messages(*all), (std::vector<std::string>{"before"}));
}

}  // namespace
}  // namespace hoplite::local
