#include "hoplite/aws/logs_wire.hpp"

#include "hoplite/aws/json_reader.hpp"

namespace hoplite::aws::logs::wire {
namespace {

using nlohmann::json;

constexpr std::string_view kResponseError = "aws.json";

/// Decodes a request shape that has only a log group name.
template <typename T>
core::Result<T> group_only(const json& body) {
  JsonReader r(body);
  T out;
  r.get("logGroupName", out.log_group_name);
  return r.finish(std::move(out));
}

template <typename T>
core::Result<T> group_and_stream(const json& body) {
  JsonReader r(body);
  T out;
  r.get("logGroupName", out.log_group_name);
  r.get("logStreamName", out.log_stream_name);
  return r.finish(std::move(out));
}

json event_json(const LogEvent& e, bool filtered) {
  json j;
  if (filtered) j["logStreamName"] = e.log_stream_name;
  j["timestamp"] = e.timestamp_ms;
  j["message"] = e.message;
  j["ingestionTime"] = e.ingestion_time_ms;
  if (filtered) j["eventId"] = e.event_id;
  return j;
}

void read_event(JsonReader& r, LogEvent& e) {
  r.get("logStreamName", e.log_stream_name);
  r.get("timestamp", e.timestamp_ms);
  r.get("message", e.message);
  r.get("ingestionTime", e.ingestion_time_ms);
  r.get("eventId", e.event_id);
}

json events_json(const std::vector<LogEvent>& events, bool filtered) {
  json out = json::array();
  for (const auto& e : events) out.push_back(event_json(e, filtered));
  return out;
}

}  // namespace

// ---- groups ----

json encode_request(const CreateLogGroupRequest& r) {
  json j{{"logGroupName", r.log_group_name}};
  put_if(j, "kmsKeyId", r.kms_key_id);
  if (!r.tags.empty()) j["tags"] = r.tags;
  return j;
}

core::Result<CreateLogGroupRequest> decode_create_log_group_request(const json& body) {
  JsonReader r(body);
  CreateLogGroupRequest out;
  r.get("logGroupName", out.log_group_name);
  r.get("kmsKeyId", out.kms_key_id);
  r.get("tags", out.tags);
  return r.finish(std::move(out));
}

json encode_request(const DeleteLogGroupRequest& r) { return {{"logGroupName", r.log_group_name}}; }
core::Result<DeleteLogGroupRequest> decode_delete_log_group_request(const json& body) {
  return group_only<DeleteLogGroupRequest>(body);
}

json encode_request(const DescribeLogGroupsRequest& r) {
  json j = json::object();
  put_if(j, "logGroupNamePrefix", r.log_group_name_prefix);
  put_if(j, "logGroupNamePattern", r.log_group_name_pattern);
  put_if(j, "nextToken", r.next_token);
  put_if(j, "limit", r.limit);
  return j;
}

core::Result<DescribeLogGroupsRequest> decode_describe_log_groups_request(const json& body) {
  JsonReader r(body);
  DescribeLogGroupsRequest out;
  r.get("logGroupNamePrefix", out.log_group_name_prefix);
  r.get("logGroupNamePattern", out.log_group_name_pattern);
  r.get("nextToken", out.next_token);
  r.get("limit", out.limit);
  return r.finish(std::move(out));
}

json encode_response(const DescribeLogGroupsResponse& r) {
  json groups = json::array();
  for (const auto& g : r.log_groups) {
    json j{{"logGroupName", g.log_group_name}, {"creationTime", g.creation_time_ms}};
    put_if(j, "retentionInDays", g.retention_in_days);
    j["metricFilterCount"] = g.metric_filter_count;
    j["arn"] = g.arn;
    // The ARN without its `:*`, and the class (only STANDARD here), as AWS answers since 2023.
    j["logGroupArn"] = g.arn.ends_with(":*") ? g.arn.substr(0, g.arn.size() - 2) : g.arn;
    j["logGroupClass"] = "STANDARD";
    j["storedBytes"] = g.stored_bytes;
    put_if(j, "kmsKeyId", g.kms_key_id);
    groups.push_back(std::move(j));
  }
  json j{{"logGroups", std::move(groups)}};
  put_if(j, "nextToken", r.next_token);
  return j;
}

core::Result<DescribeLogGroupsResponse> decode_describe_log_groups_response(const json& body) {
  JsonReader r(body, kResponseError);
  DescribeLogGroupsResponse out;
  r.list("logGroups", out.log_groups, [](JsonReader& g, LogGroup& group) {
    g.get("logGroupName", group.log_group_name);
    g.get("creationTime", group.creation_time_ms);
    g.get("retentionInDays", group.retention_in_days);
    g.get("metricFilterCount", group.metric_filter_count);
    g.get("arn", group.arn);
    g.get("storedBytes", group.stored_bytes);
    g.get("kmsKeyId", group.kms_key_id);
  });
  r.get("nextToken", out.next_token);
  return r.finish(std::move(out));
}

json encode_request(const PutRetentionPolicyRequest& r) {
  json j{{"logGroupName", r.log_group_name}};
  put_if(j, "retentionInDays", r.retention_in_days);
  return j;
}

core::Result<PutRetentionPolicyRequest> decode_put_retention_policy_request(const json& body) {
  JsonReader r(body);
  PutRetentionPolicyRequest out;
  r.get("logGroupName", out.log_group_name);
  r.get("retentionInDays", out.retention_in_days);
  return r.finish(std::move(out));
}

json encode_request(const DeleteRetentionPolicyRequest& r) { return {{"logGroupName", r.log_group_name}}; }
core::Result<DeleteRetentionPolicyRequest> decode_delete_retention_policy_request(const json& body) {
  return group_only<DeleteRetentionPolicyRequest>(body);
}

// ---- streams ----

json encode_request(const CreateLogStreamRequest& r) {
  return {{"logGroupName", r.log_group_name}, {"logStreamName", r.log_stream_name}};
}
core::Result<CreateLogStreamRequest> decode_create_log_stream_request(const json& body) {
  return group_and_stream<CreateLogStreamRequest>(body);
}

json encode_request(const DeleteLogStreamRequest& r) {
  return {{"logGroupName", r.log_group_name}, {"logStreamName", r.log_stream_name}};
}
core::Result<DeleteLogStreamRequest> decode_delete_log_stream_request(const json& body) {
  return group_and_stream<DeleteLogStreamRequest>(body);
}

json encode_request(const DescribeLogStreamsRequest& r) {
  json j{{"logGroupName", r.log_group_name}};
  put_if(j, "logStreamNamePrefix", r.log_stream_name_prefix);
  put_if(j, "orderBy", r.order_by);
  if (r.descending) j["descending"] = true;
  put_if(j, "nextToken", r.next_token);
  put_if(j, "limit", r.limit);
  return j;
}

core::Result<DescribeLogStreamsRequest> decode_describe_log_streams_request(const json& body) {
  JsonReader r(body);
  DescribeLogStreamsRequest out;
  r.get("logGroupName", out.log_group_name);
  r.get("logStreamNamePrefix", out.log_stream_name_prefix);
  r.get("orderBy", out.order_by);
  std::optional<bool> descending;
  r.get("descending", descending);
  out.descending = descending.value_or(false);
  r.get("nextToken", out.next_token);
  r.get("limit", out.limit);
  return r.finish(std::move(out));
}

json encode_response(const DescribeLogStreamsResponse& r) {
  json streams = json::array();
  for (const auto& s : r.log_streams) {
    json j{{"logStreamName", s.log_stream_name}};
    put_if(j, "creationTime", s.creation_time_ms);
    put_if(j, "firstEventTimestamp", s.first_event_timestamp_ms);
    put_if(j, "lastEventTimestamp", s.last_event_timestamp_ms);
    put_if(j, "lastIngestionTime", s.last_ingestion_time_ms);
    j["arn"] = s.arn;
    j["storedBytes"] = s.stored_bytes;
    streams.push_back(std::move(j));
  }
  json j{{"logStreams", std::move(streams)}};
  put_if(j, "nextToken", r.next_token);
  return j;
}

core::Result<DescribeLogStreamsResponse> decode_describe_log_streams_response(const json& body) {
  JsonReader r(body, kResponseError);
  DescribeLogStreamsResponse out;
  r.list("logStreams", out.log_streams, [](JsonReader& s, LogStream& stream) {
    s.get("logStreamName", stream.log_stream_name);
    s.get("arn", stream.arn);
    s.get("storedBytes", stream.stored_bytes);
    s.get("creationTime", stream.creation_time_ms);
    s.get("firstEventTimestamp", stream.first_event_timestamp_ms);
    s.get("lastEventTimestamp", stream.last_event_timestamp_ms);
    s.get("lastIngestionTime", stream.last_ingestion_time_ms);
  });
  r.get("nextToken", out.next_token);
  return r.finish(std::move(out));
}

// ---- events ----

json encode_request(const PutLogEventsRequest& r) {
  json events = json::array();
  for (const auto& e : r.log_events) events.push_back({{"timestamp", e.timestamp_ms}, {"message", e.message}});
  json j{{"logGroupName", r.log_group_name}, {"logStreamName", r.log_stream_name}, {"logEvents", std::move(events)}};
  put_if(j, "sequenceToken", r.sequence_token);
  return j;
}

core::Result<PutLogEventsRequest> decode_put_log_events_request(const json& body) {
  JsonReader r(body);
  PutLogEventsRequest out;
  r.get("logGroupName", out.log_group_name);
  r.get("logStreamName", out.log_stream_name);
  r.list("logEvents", out.log_events, [](JsonReader& e, InputLogEvent& event) {
    e.get("timestamp", event.timestamp_ms);
    e.get("message", event.message);
  });
  r.get("sequenceToken", out.sequence_token);
  return r.finish(std::move(out));
}

json encode_response(const PutLogEventsResponse& r) {
  json j = json::object();
  put_if(j, "nextSequenceToken", r.next_sequence_token);
  if (r.rejected_log_events_info) {
    const auto& info = *r.rejected_log_events_info;
    json rejected = json::object();
    put_if(rejected, "tooNewLogEventStartIndex", info.too_new_log_event_start_index);
    put_if(rejected, "tooOldLogEventEndIndex", info.too_old_log_event_end_index);
    put_if(rejected, "expiredLogEventEndIndex", info.expired_log_event_end_index);
    j["rejectedLogEventsInfo"] = std::move(rejected);
  }
  return j;
}

core::Result<PutLogEventsResponse> decode_put_log_events_response(const json& body) {
  JsonReader r(body, kResponseError);
  PutLogEventsResponse out;
  r.get("nextSequenceToken", out.next_sequence_token);
  r.object("rejectedLogEventsInfo", [&](JsonReader& info) {
    RejectedLogEventsInfo rejected;
    info.get("tooNewLogEventStartIndex", rejected.too_new_log_event_start_index);
    info.get("tooOldLogEventEndIndex", rejected.too_old_log_event_end_index);
    info.get("expiredLogEventEndIndex", rejected.expired_log_event_end_index);
    out.rejected_log_events_info = rejected;
  });
  return r.finish(std::move(out));
}

json encode_request(const GetLogEventsRequest& r) {
  json j{{"logGroupName", r.log_group_name}, {"logStreamName", r.log_stream_name}};
  put_if(j, "startTime", r.start_time_ms);
  put_if(j, "endTime", r.end_time_ms);
  put_if(j, "nextToken", r.next_token);
  put_if(j, "limit", r.limit);
  j["startFromHead"] = r.start_from_head;
  return j;
}

core::Result<GetLogEventsRequest> decode_get_log_events_request(const json& body) {
  JsonReader r(body);
  GetLogEventsRequest out;
  r.get("logGroupName", out.log_group_name);
  r.get("logStreamName", out.log_stream_name);
  r.get("startTime", out.start_time_ms);
  r.get("endTime", out.end_time_ms);
  r.get("nextToken", out.next_token);
  r.get("limit", out.limit);
  std::optional<bool> from_head;
  r.get("startFromHead", from_head);
  out.start_from_head = from_head.value_or(false);
  return r.finish(std::move(out));
}

json encode_response(const GetLogEventsResponse& r) {
  json j{{"events", events_json(r.events, false)}};
  put_if(j, "nextForwardToken", r.next_forward_token);
  put_if(j, "nextBackwardToken", r.next_backward_token);
  return j;
}

core::Result<GetLogEventsResponse> decode_get_log_events_response(const json& body) {
  JsonReader r(body, kResponseError);
  GetLogEventsResponse out;
  r.list("events", out.events, read_event);
  r.get("nextForwardToken", out.next_forward_token);
  r.get("nextBackwardToken", out.next_backward_token);
  return r.finish(std::move(out));
}

json encode_request(const FilterLogEventsRequest& r) {
  json j{{"logGroupName", r.log_group_name}};
  if (!r.log_stream_names.empty()) j["logStreamNames"] = r.log_stream_names;
  put_if(j, "logStreamNamePrefix", r.log_stream_name_prefix);
  put_if(j, "startTime", r.start_time_ms);
  put_if(j, "endTime", r.end_time_ms);
  put_if(j, "filterPattern", r.filter_pattern);
  put_if(j, "nextToken", r.next_token);
  put_if(j, "limit", r.limit);
  return j;
}

core::Result<FilterLogEventsRequest> decode_filter_log_events_request(const json& body) {
  JsonReader r(body);
  FilterLogEventsRequest out;
  r.get("logGroupName", out.log_group_name);
  r.get("logStreamNames", out.log_stream_names);
  r.get("logStreamNamePrefix", out.log_stream_name_prefix);
  r.get("startTime", out.start_time_ms);
  r.get("endTime", out.end_time_ms);
  r.get("filterPattern", out.filter_pattern);
  r.get("nextToken", out.next_token);
  r.get("limit", out.limit);
  return r.finish(std::move(out));
}

json encode_response(const FilterLogEventsResponse& r) {
  // searchedLogStreams is deprecated: AWS answers an empty list.
  json j{{"events", events_json(r.events, true)}, {"searchedLogStreams", json::array()}};
  put_if(j, "nextToken", r.next_token);
  return j;
}

core::Result<FilterLogEventsResponse> decode_filter_log_events_response(const json& body) {
  JsonReader r(body, kResponseError);
  FilterLogEventsResponse out;
  r.list("events", out.events, read_event);
  r.get("nextToken", out.next_token);
  return r.finish(std::move(out));
}

// ---- tags ----

json encode_request(const TagLogGroupRequest& r) { return {{"logGroupName", r.log_group_name}, {"tags", r.tags}}; }
core::Result<TagLogGroupRequest> decode_tag_log_group_request(const json& body) {
  JsonReader r(body);
  TagLogGroupRequest out;
  r.get("logGroupName", out.log_group_name);
  r.get("tags", out.tags);
  return r.finish(std::move(out));
}

json encode_request(const UntagLogGroupRequest& r) { return {{"logGroupName", r.log_group_name}, {"tags", r.tags}}; }
core::Result<UntagLogGroupRequest> decode_untag_log_group_request(const json& body) {
  JsonReader r(body);
  UntagLogGroupRequest out;
  r.get("logGroupName", out.log_group_name);
  r.get("tags", out.tags);
  return r.finish(std::move(out));
}

json encode_request(const ListTagsLogGroupRequest& r) { return {{"logGroupName", r.log_group_name}}; }
core::Result<ListTagsLogGroupRequest> decode_list_tags_log_group_request(const json& body) {
  return group_only<ListTagsLogGroupRequest>(body);
}

json encode_request(const TagResourceRequest& r) { return {{"resourceArn", r.resource_arn}, {"tags", r.tags}}; }
core::Result<TagResourceRequest> decode_tag_resource_request(const json& body) {
  JsonReader r(body);
  TagResourceRequest out;
  r.get("resourceArn", out.resource_arn);
  r.get("tags", out.tags);
  return r.finish(std::move(out));
}

json encode_request(const UntagResourceRequest& r) {
  return {{"resourceArn", r.resource_arn}, {"tagKeys", r.tag_keys}};
}
core::Result<UntagResourceRequest> decode_untag_resource_request(const json& body) {
  JsonReader r(body);
  UntagResourceRequest out;
  r.get("resourceArn", out.resource_arn);
  r.get("tagKeys", out.tag_keys);
  return r.finish(std::move(out));
}

json encode_request(const ListTagsForResourceRequest& r) { return {{"resourceArn", r.resource_arn}}; }
core::Result<ListTagsForResourceRequest> decode_list_tags_for_resource_request(const json& body) {
  JsonReader r(body);
  ListTagsForResourceRequest out;
  r.get("resourceArn", out.resource_arn);
  return r.finish(std::move(out));
}

json encode_response(const ListTagsResponse& r) { return {{"tags", r.tags}}; }
core::Result<ListTagsResponse> decode_list_tags_response(const json& body) {
  JsonReader r(body, kResponseError);
  ListTagsResponse out;
  r.get("tags", out.tags);
  return r.finish(std::move(out));
}

}  // namespace hoplite::aws::logs::wire
