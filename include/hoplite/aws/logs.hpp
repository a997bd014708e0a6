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

/// One log line, as GetLogEvents and FilterLogEvents return it.
struct LogEvent {
  std::int64_t timestamp_ms = 0;       ///< when the line was written, ms since the epoch
  std::string message;                 ///< `message` on the wire
  std::int64_t ingestion_time_ms = 0;  ///< when CloudWatch Logs received it, ms since the epoch
  std::string log_stream_name;         ///< FilterLogEvents only
  std::string event_id;                ///< FilterLogEvents only
};

// ---- log groups ----

/// The parameters of CreateLogGroup (Client::create_log_group).
struct CreateLogGroupRequest {
  std::string log_group_name;               ///< `logGroupName` on the wire
  std::optional<std::string> kms_key_id;    ///< `kmsKeyId` on the wire
  std::map<std::string, std::string> tags;  ///< at most 50
};

/// The parameters of DeleteLogGroup (Client::delete_log_group).
struct DeleteLogGroupRequest {
  std::string log_group_name;  ///< `logGroupName` on the wire
};

/// AWS's `LogGroup` data type: https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_LogGroup.html
struct LogGroup {
  std::string log_group_name;             ///< `logGroupName` on the wire
  std::string arn;                        ///< `arn:aws:logs:<region>:<account>:log-group:<name>:*`, as AWS writes it
  std::int64_t creation_time_ms = 0;      ///< ms since the epoch
  std::optional<int> retention_in_days;   ///< absent: events never expire
  int metric_filter_count = 0;            ///< `metricFilterCount` on the wire
  std::int64_t stored_bytes = 0;          ///< `storedBytes` on the wire
  std::optional<std::string> kms_key_id;  ///< `kmsKeyId` on the wire
};

/// The parameters of DescribeLogGroups (Client::describe_log_groups).
struct DescribeLogGroupsRequest {
  std::optional<std::string> log_group_name_prefix;   ///< `logGroupNamePrefix` on the wire
  std::optional<std::string> log_group_name_pattern;  ///< a substring of the name (case-insensitive)
  std::optional<int> limit;                           ///< 1–50, default 50
  std::optional<std::string> next_token;              ///< `nextToken` on the wire
};
/// What DescribeLogGroups returns.
struct DescribeLogGroupsResponse {
  std::vector<LogGroup> log_groups;       ///< `logGroups` on the wire
  std::optional<std::string> next_token;  ///< `nextToken` on the wire
};

/// The parameters of PutRetentionPolicy (Client::put_retention_policy).
struct PutRetentionPolicyRequest {
  std::string log_group_name;            ///< `logGroupName` on the wire
  std::optional<int> retention_in_days;  ///< one of AWS's values (1, 3, 5, 7, 14, 30, … 3653)
};

/// The parameters of DeleteRetentionPolicy (Client::delete_retention_policy).
struct DeleteRetentionPolicyRequest {
  std::string log_group_name;  ///< `logGroupName` on the wire
};

// ---- log streams ----

/// The parameters of CreateLogStream (Client::create_log_stream).
struct CreateLogStreamRequest {
  std::string log_group_name;   ///< `logGroupName` on the wire
  std::string log_stream_name;  ///< `logStreamName` on the wire
};

/// The parameters of DeleteLogStream (Client::delete_log_stream).
struct DeleteLogStreamRequest {
  std::string log_group_name;   ///< `logGroupName` on the wire
  std::string log_stream_name;  ///< `logStreamName` on the wire
};

// ---- events ----

/// One event to write.
struct InputLogEvent {
  std::int64_t timestamp_ms = 0;  ///< ms since the epoch
  std::string message;            ///< `message` on the wire
};

/// The parameters of PutLogEvents (Client::put_log_events).
struct PutLogEventsRequest {
  std::string log_group_name;                 ///< `logGroupName` on the wire
  std::string log_stream_name;                ///< `logStreamName` on the wire
  std::vector<InputLogEvent> log_events;      ///< 1–10,000, in chronological order
  std::optional<std::string> sequence_token;  ///< ignored, as AWS now ignores it
};

/// Events AWS accepted the batch without: indexes into the request's events.
struct RejectedLogEventsInfo {
  std::optional<int> too_new_log_event_start_index;  ///< this one and all after: > 2 h in the future
  std::optional<int> too_old_log_event_end_index;    ///< this one and all before: > 14 days old
  std::optional<int> expired_log_event_end_index;    ///< this one and all before: past the retention
};

/// What PutLogEvents returns.
struct PutLogEventsResponse {
  std::optional<std::string> next_sequence_token;                 ///< `nextSequenceToken` on the wire
  std::optional<RejectedLogEventsInfo> rejected_log_events_info;  ///< `rejectedLogEventsInfo` on the wire
};

// ---- tags ----

/// TagLogGroup (the older API the CLI still offers) and TagResource share their state.
struct TagLogGroupRequest {
  std::string log_group_name;               ///< `logGroupName` on the wire
  std::map<std::string, std::string> tags;  ///< `tags` on the wire
};
/// The parameters of UntagLogGroup (served by the local cloud's CloudWatch Logs).
struct UntagLogGroupRequest {
  std::string log_group_name;     ///< `logGroupName` on the wire
  std::vector<std::string> tags;  ///< keys
};
/// The parameters of ListTagsLogGroup (served by the local cloud's CloudWatch Logs).
struct ListTagsLogGroupRequest {
  std::string log_group_name;  ///< `logGroupName` on the wire
};
/// The parameters of TagResource (Client::tag_resource).
struct TagResourceRequest {
  std::string resource_arn;                 ///< a log group's ARN (with or without the trailing `:*`)
  std::map<std::string, std::string> tags;  ///< `tags` on the wire
};
/// The parameters of UntagResource (Client::untag_resource).
struct UntagResourceRequest {
  std::string resource_arn;           ///< `resourceArn` on the wire
  std::vector<std::string> tag_keys;  ///< `tagKeys` on the wire
};
/// The parameters of ListTagsForResource (Client::list_tags_for_resource).
struct ListTagsForResourceRequest {
  std::string resource_arn;  ///< `resourceArn` on the wire
};
/// What ListTagsForResource returns.
struct ListTagsResponse {
  std::map<std::string, std::string> tags;  ///< `tags` on the wire
};

/// The parameters of GetLogEvents (Client::get_log_events).
struct GetLogEventsRequest {
  std::string log_group_name;                 ///< `logGroupName` on the wire
  std::string log_stream_name;                ///< `logStreamName` on the wire
  std::optional<std::int64_t> start_time_ms;  ///< ms since the epoch; default: no lower bound
  std::optional<std::int64_t> end_time_ms;    ///< ms since the epoch; default: no upper bound
  /// Read oldest first (true) or newest first (false, the API's default). Default here: true.
  bool start_from_head = true;
  std::optional<int> limit;               ///< `limit` on the wire
  std::optional<std::string> next_token;  ///< `nextToken` on the wire
};
/// What GetLogEvents returns.
struct GetLogEventsResponse {
  std::vector<LogEvent> events;                    ///< `events` on the wire
  std::optional<std::string> next_forward_token;   ///< `nextForwardToken` on the wire
  std::optional<std::string> next_backward_token;  ///< `nextBackwardToken` on the wire
};

/// The parameters of FilterLogEvents (Client::filter_log_events).
struct FilterLogEventsRequest {
  std::string log_group_name;                         ///< `logGroupName` on the wire
  std::vector<std::string> log_stream_names;          ///< `logStreamNames` on the wire
  std::optional<std::string> log_stream_name_prefix;  ///< `logStreamNamePrefix` on the wire
  std::optional<std::string> filter_pattern;          ///< `filterPattern` on the wire
  std::optional<std::int64_t> start_time_ms;          ///< ms since the epoch; default: no lower bound
  std::optional<std::int64_t> end_time_ms;            ///< ms since the epoch; default: no upper bound
  std::optional<int> limit;                           ///< `limit` on the wire
  std::optional<std::string> next_token;              ///< `nextToken` on the wire
};
/// What FilterLogEvents returns.
struct FilterLogEventsResponse {
  std::vector<LogEvent> events;           ///< `events` on the wire
  std::optional<std::string> next_token;  ///< `nextToken` on the wire
};

/// AWS's `LogStream` data type: https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_LogStream.html
struct LogStream {
  std::string log_stream_name;                           ///< `logStreamName` on the wire
  std::string arn;                                       ///< `arn` on the wire
  std::int64_t stored_bytes = 0;                         ///< AWS reports 0 since 2019
  std::optional<std::int64_t> creation_time_ms;          ///< ms since the epoch
  std::optional<std::int64_t> first_event_timestamp_ms;  ///< ms since the epoch; none before the first event
  std::optional<std::int64_t> last_event_timestamp_ms;   ///< ms since the epoch; none before the first event
  std::optional<std::int64_t> last_ingestion_time_ms;    ///< ms since the epoch; none before the first event
};

/// The parameters of DescribeLogStreams (Client::describe_log_streams).
struct DescribeLogStreamsRequest {
  std::string log_group_name;                         ///< `logGroupName` on the wire
  std::optional<std::string> log_stream_name_prefix;  ///< `logStreamNamePrefix` on the wire
  std::optional<std::string> order_by;                ///< LogStreamName (default) or LastEventTime
  bool descending = false;                            ///< `descending` on the wire
  std::optional<int> limit;                           ///< `limit` on the wire
  std::optional<std::string> next_token;              ///< `nextToken` on the wire
};
/// What DescribeLogStreams returns.
struct DescribeLogStreamsResponse {
  std::vector<LogStream> log_streams;     ///< `logStreams` on the wire
  std::optional<std::string> next_token;  ///< `nextToken` on the wire
};

/// The CloudWatch Logs client: one method per action, each signed, sent and retried through a Caller.
class Client {
 public:
  /// A client that signs and sends with `config` (region, credentials, HTTP client, clock, endpoint, retries).
  explicit Client(const ClientConfig& config);

  /// Calls CreateLogGroup: https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_CreateLogGroup.html
  core::Result<void> create_log_group(const CreateLogGroupRequest& request);
  /// Calls DeleteLogGroup: https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_DeleteLogGroup.html
  core::Result<void> delete_log_group(const DeleteLogGroupRequest& request);
  /// Calls DescribeLogGroups:
  /// https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_DescribeLogGroups.html
  core::Result<DescribeLogGroupsResponse> describe_log_groups(const DescribeLogGroupsRequest& request);
  /// Calls PutRetentionPolicy:
  /// https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_PutRetentionPolicy.html
  core::Result<void> put_retention_policy(const PutRetentionPolicyRequest& request);
  /// Calls DeleteRetentionPolicy:
  /// https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_DeleteRetentionPolicy.html
  core::Result<void> delete_retention_policy(const DeleteRetentionPolicyRequest& request);
  /// Calls CreateLogStream:
  /// https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_CreateLogStream.html
  core::Result<void> create_log_stream(const CreateLogStreamRequest& request);
  /// Calls DeleteLogStream:
  /// https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_DeleteLogStream.html
  core::Result<void> delete_log_stream(const DeleteLogStreamRequest& request);
  /// Calls PutLogEvents: https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_PutLogEvents.html
  core::Result<PutLogEventsResponse> put_log_events(const PutLogEventsRequest& request);
  /// Calls TagResource: https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_TagResource.html
  core::Result<void> tag_resource(const TagResourceRequest& request);
  /// Calls UntagResource: https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_UntagResource.html
  core::Result<void> untag_resource(const UntagResourceRequest& request);
  /// Calls ListTagsForResource:
  /// https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_ListTagsForResource.html
  core::Result<ListTagsResponse> list_tags_for_resource(const ListTagsForResourceRequest& request);

  /// Calls GetLogEvents: https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_GetLogEvents.html
  core::Result<GetLogEventsResponse> get_log_events(const GetLogEventsRequest& request);
  /// Every event from `request`'s position forwards. GetLogEvents never stops returning a token:
  /// the end is the page whose forward token equals the token that was sent.
  core::Result<std::vector<LogEvent>> get_log_events_all(GetLogEventsRequest request);
  /// Calls FilterLogEvents:
  /// https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_FilterLogEvents.html
  core::Result<FilterLogEventsResponse> filter_log_events(const FilterLogEventsRequest& request);
  /// Every matching event: filter_log_events page after page.
  core::Result<std::vector<LogEvent>> filter_log_events_all(FilterLogEventsRequest request);
  /// Calls DescribeLogStreams:
  /// https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_DescribeLogStreams.html
  core::Result<DescribeLogStreamsResponse> describe_log_streams(const DescribeLogStreamsRequest& request);
  /// Every stream: describe_log_streams page after page.
  core::Result<std::vector<LogStream>> describe_log_streams_all(DescribeLogStreamsRequest request);

 private:
  Caller caller_;
};

}  // namespace hoplite::aws::logs
