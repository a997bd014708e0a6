#pragma once
/// \file
/// Amazon CloudWatch Logs: groups, streams, writing and reading a task's output. The request
/// and response shapes are shared with the local cloud's Logs service (logs_wire.hpp encodes and
/// decodes them both ways).
/// API: https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/

#include <cstdint>
#include <map>
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

// ---- log groups ----

struct CreateLogGroupRequest {
  std::string log_group_name;
  std::optional<std::string> kms_key_id;
  std::map<std::string, std::string> tags;  ///< at most 50
};

struct DeleteLogGroupRequest {
  std::string log_group_name;
};

struct LogGroup {
  std::string log_group_name;
  std::string arn;  ///< `arn:aws:logs:<region>:<account>:log-group:<name>:*`, as AWS writes it
  std::int64_t creation_time_ms = 0;
  std::optional<int> retention_in_days;  ///< absent: events never expire
  int metric_filter_count = 0;
  std::int64_t stored_bytes = 0;
  std::optional<std::string> kms_key_id;
};

struct DescribeLogGroupsRequest {
  std::optional<std::string> log_group_name_prefix;
  std::optional<std::string> log_group_name_pattern;  ///< a substring of the name (case-insensitive)
  std::optional<int> limit;                           ///< 1–50, default 50
  std::optional<std::string> next_token;
};
struct DescribeLogGroupsResponse {
  std::vector<LogGroup> log_groups;
  std::optional<std::string> next_token;
};

struct PutRetentionPolicyRequest {
  std::string log_group_name;
  std::optional<int> retention_in_days;  ///< one of AWS's values (1, 3, 5, 7, 14, 30, … 3653)
};

struct DeleteRetentionPolicyRequest {
  std::string log_group_name;
};

// ---- log streams ----

struct CreateLogStreamRequest {
  std::string log_group_name;
  std::string log_stream_name;
};

struct DeleteLogStreamRequest {
  std::string log_group_name;
  std::string log_stream_name;
};

// ---- events ----

/// One event to write.
struct InputLogEvent {
  std::int64_t timestamp_ms = 0;
  std::string message;
};

struct PutLogEventsRequest {
  std::string log_group_name;
  std::string log_stream_name;
  std::vector<InputLogEvent> log_events;      ///< 1–10,000, in chronological order
  std::optional<std::string> sequence_token;  ///< ignored, as AWS now ignores it
};

/// Events AWS accepted the batch without: indexes into the request's events.
struct RejectedLogEventsInfo {
  std::optional<int> too_new_log_event_start_index;  ///< this one and all after: > 2 h in the future
  std::optional<int> too_old_log_event_end_index;    ///< this one and all before: > 14 days old
  std::optional<int> expired_log_event_end_index;    ///< this one and all before: past the retention
};

struct PutLogEventsResponse {
  std::optional<std::string> next_sequence_token;
  std::optional<RejectedLogEventsInfo> rejected_log_events_info;
};

// ---- tags ----

/// TagLogGroup (the older API the CLI still offers) and TagResource share their state.
struct TagLogGroupRequest {
  std::string log_group_name;
  std::map<std::string, std::string> tags;
};
struct UntagLogGroupRequest {
  std::string log_group_name;
  std::vector<std::string> tags;  ///< keys
};
struct ListTagsLogGroupRequest {
  std::string log_group_name;
};
struct TagResourceRequest {
  std::string resource_arn;  ///< a log group's ARN (with or without the trailing `:*`)
  std::map<std::string, std::string> tags;
};
struct UntagResourceRequest {
  std::string resource_arn;
  std::vector<std::string> tag_keys;
};
struct ListTagsForResourceRequest {
  std::string resource_arn;
};
struct ListTagsResponse {
  std::map<std::string, std::string> tags;
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
  std::int64_t stored_bytes = 0;  ///< AWS reports 0 since 2019
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

  core::Result<void> create_log_group(const CreateLogGroupRequest& request);
  core::Result<void> delete_log_group(const DeleteLogGroupRequest& request);
  core::Result<DescribeLogGroupsResponse> describe_log_groups(const DescribeLogGroupsRequest& request);
  core::Result<void> put_retention_policy(const PutRetentionPolicyRequest& request);
  core::Result<void> delete_retention_policy(const DeleteRetentionPolicyRequest& request);
  core::Result<void> create_log_stream(const CreateLogStreamRequest& request);
  core::Result<void> delete_log_stream(const DeleteLogStreamRequest& request);
  core::Result<PutLogEventsResponse> put_log_events(const PutLogEventsRequest& request);
  core::Result<void> tag_resource(const TagResourceRequest& request);
  core::Result<void> untag_resource(const UntagResourceRequest& request);
  core::Result<ListTagsResponse> list_tags_for_resource(const ListTagsForResourceRequest& request);

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
