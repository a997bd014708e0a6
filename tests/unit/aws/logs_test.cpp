#include "hoplite/aws/logs.hpp"

#include <gtest/gtest.h>

#include "unit/aws/client_fixture.hpp"

namespace hoplite::aws::logs {
namespace {

using nlohmann::json;

class LogsTest : public testing::ClientTest {
 protected:
  Client logs{config};
};

TEST_F(LogsTest, GetLogEventsAllStopsWhenTheForwardTokenRepeats) {
  respond_json(R"({"events":[{"timestamp":1764000000000,"message":"hello","ingestionTime":1764000000100}],
      "nextForwardToken":"f/1","nextBackwardToken":"b/0"})");
  respond_json(R"({"events":[{"timestamp":1764000001000,"message":"world","ingestionTime":1764000001100}],
      "nextForwardToken":"f/2","nextBackwardToken":"b/1"})");
  respond_json(R"({"events":[],"nextForwardToken":"f/2","nextBackwardToken":"b/2"})");
  auto r = logs.get_log_events_all({.log_group_name = "/hoplite/web", .log_stream_name = "task/app/abc"});
  ASSERT_TRUE(r.ok()) << r.error().to_string();
  ASSERT_EQ(r->size(), 2u);
  EXPECT_EQ((*r)[0].message, "hello");
  EXPECT_EQ((*r)[1].timestamp_ms, 1764000001000);
  ASSERT_EQ(http.requests.size(), 3u);
  EXPECT_EQ(http.requests[0].headers.get("X-Amz-Target"), "Logs_20140328.GetLogEvents");
  EXPECT_EQ(json_of(http.requests[0]),
            json::parse(R"({"logGroupName":"/hoplite/web","logStreamName":"task/app/abc","startFromHead":true})"));
  EXPECT_EQ(json_of(http.requests[2])["nextToken"], "f/2");
}

TEST_F(LogsTest, FilterLogEventsAll) {
  respond_json(
      R"({"events":[{"logStreamName":"s1","timestamp":1,"message":"ERROR a","eventId":"e1"}],"nextToken":"n"})");
  respond_json(R"({"events":[{"logStreamName":"s2","timestamp":2,"message":"ERROR b","eventId":"e2"}]})");
  auto r = logs.filter_log_events_all(
      {.log_group_name = "g", .log_stream_name_prefix = "task/", .filter_pattern = "ERROR", .start_time_ms = 1});
  ASSERT_TRUE(r.ok()) << r.error().to_string();
  ASSERT_EQ(r->size(), 2u);
  EXPECT_EQ((*r)[1].log_stream_name, "s2");
  EXPECT_EQ((*r)[0].event_id, "e1");
  EXPECT_EQ(json_of(http.requests[0]),
            json::parse(R"({"logGroupName":"g","logStreamNamePrefix":"task/","filterPattern":"ERROR","startTime":1})"));
  EXPECT_EQ(json_of(http.requests[1])["nextToken"], "n");
}

TEST_F(LogsTest, DescribeLogStreamsAll) {
  respond_json(R"({"logStreams":[{"logStreamName":"task/app/1","arn":"arn:1","creationTime":5,
      "lastEventTimestamp":9}],"nextToken":"more"})");
  respond_json(R"({"logStreams":[{"logStreamName":"task/app/2"}]})");
  auto r = logs.describe_log_streams_all({.log_group_name = "g", .order_by = "LastEventTime", .descending = true});
  ASSERT_TRUE(r.ok()) << r.error().to_string();
  ASSERT_EQ(r->size(), 2u);
  EXPECT_EQ((*r)[0].last_event_timestamp_ms, 9);
  EXPECT_EQ((*r)[1].creation_time_ms, std::nullopt);
  EXPECT_EQ(json_of(http.requests[0]),
            json::parse(R"({"logGroupName":"g","orderBy":"LastEventTime","descending":true})"));
}

TEST_F(LogsTest, MissingGroupIsTyped) {
  http.respond(400, R"({"__type":"ResourceNotFoundException","message":"The specified log group does not exist."})");
  auto r = logs.describe_log_streams({.log_group_name = "nope"});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "ResourceNotFoundException");
  EXPECT_EQ(http.requests.size(), 1u);
}

}  // namespace
}  // namespace hoplite::aws::logs
