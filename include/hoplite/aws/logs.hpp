#pragma once
/// \file Amazon CloudWatch Logs: reading a task's output.
/// API: https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "hoplite/aws/caller.hpp"
#include "hoplite/core/clock.hpp"

namespace hoplite::aws::logs {

/// JSON 1.1, target prefix Logs_20140328, signing name `logs`.
[[nodiscard]] ServiceInfo service_info();

struct LogEvent {
  std::int64_t timestamp_ms = 0;  ///< when the line was written, ms since the epoch
  std::string message;
  std::int64_t ingestion_time_ms = 0;
  std::string log_stream_name;  ///< FilterLogEvents only
  std::string event_id;         ///< FilterLogEvents only
};

struct GetLogEventsRequest {
  std::string log_group_name;
  std::string log_stream_name;
  std::optional<std::int64_t> start_time_ms;
  std::optional<std::int64_t> end_time_ms;
  /// Read oldest first (true) or newest first (false, the API's default). Default here: true.
  bool start_from_head = true;
  std::optional<int> limit;
  std::optional<std::string> next_token;
};
struct GetLogEventsResponse {
  std::vector<LogEvent> events;
  std::optional<std::string> next_forward_token;
  std::optional<std::string> next_backward_token;
};

struct FilterLogEventsRequest {
  std::string log_group_name;
  std::vector<std::string> log_stream_names;
  std::optional<std::string> log_stream_name_prefix;
  std::optional<std::string> filter_pattern;
  std::optional<std::int64_t> start_time_ms;
  std::optional<std::int64_t> end_time_ms;
  std::optional<int> limit;
  std::optional<std::string> next_token;
};
struct FilterLogEventsResponse {
  std::vector<LogEvent> events;
  std::optional<std::string> next_token;
};

struct LogStream {
  std::string log_stream_name;
  std::string arn;
  std::optional<std::int64_t> creation_time_ms;
  std::optional<std::int64_t> first_event_timestamp_ms;
  std::optional<std::int64_t> last_event_timestamp_ms;
  std::optional<std::int64_t> last_ingestion_time_ms;
};

struct DescribeLogStreamsRequest {
  std::string log_group_name;
  std::optional<std::string> log_stream_name_prefix;
  std::optional<std::string> order_by;  ///< LogStreamName (default) or LastEventTime
  bool descending = false;
  std::optional<int> limit;
  std::optional<std::string> next_token;
};
struct DescribeLogStreamsResponse {
  std::vector<LogStream> log_streams;
  std::optional<std::string> next_token;
};

class Client {
 public:
  explicit Client(const ClientConfig& config);

  core::Result<GetLogEventsResponse> get_log_events(const GetLogEventsRequest& request);
  /// Every event from `request`'s position forwards. GetLogEvents never stops returning a token:
  /// the end is the page whose forward token equals the token that was sent.
  core::Result<std::vector<LogEvent>> get_log_events_all(GetLogEventsRequest request);
  core::Result<FilterLogEventsResponse> filter_log_events(const FilterLogEventsRequest& request);
  core::Result<std::vector<LogEvent>> filter_log_events_all(FilterLogEventsRequest request);
  core::Result<DescribeLogStreamsResponse> describe_log_streams(const DescribeLogStreamsRequest& request);
  core::Result<std::vector<LogStream>> describe_log_streams_all(DescribeLogStreamsRequest request);

 private:
  Caller caller_;
};

}  // namespace hoplite::aws::logs
