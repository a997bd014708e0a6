#include "hoplite/aws/logs.hpp"

#include "aws/protocol/json_call.hpp"
#include "aws/protocol/pages.hpp"

namespace hoplite::aws::logs {
namespace {

using nlohmann::json;

LogEvent parse_event(const json& j) {
  return {.timestamp_ms = detail::opt_int(j, "timestamp").value_or(0),
          .message = detail::str(j, "message"),
          .ingestion_time_ms = detail::opt_int(j, "ingestionTime").value_or(0),
          .log_stream_name = detail::str(j, "logStreamName"),
          .event_id = detail::str(j, "eventId")};
}

}  // namespace

ServiceInfo service_info() {
  return {.name = "logs",
          .endpoint_id = "logs",
          .signing_name = "logs",
          .protocol = Protocol::json_1_1,
          .target_prefix = "Logs_20140328"};
}

Client::Client(const ClientConfig& config) : caller_(service_info(), config) {}

core::Result<GetLogEventsResponse> Client::get_log_events(const GetLogEventsRequest& r) {
  json in{{"logGroupName", r.log_group_name}, {"logStreamName", r.log_stream_name}};
  if (r.start_time_ms) in["startTime"] = *r.start_time_ms;
  if (r.end_time_ms) in["endTime"] = *r.end_time_ms;
  if (r.next_token) in["nextToken"] = *r.next_token;
  if (r.limit) in["limit"] = *r.limit;
  in["startFromHead"] = r.start_from_head;
  auto out = detail::json_call(caller_, "GetLogEvents", in);
  if (!out) return out.failure();
  GetLogEventsResponse page;
  for (const auto& e : detail::array_at(*out, "events")) page.events.push_back(parse_event(e));
  page.next_forward_token = detail::opt_str(*out, "nextForwardToken");
  page.next_backward_token = detail::opt_str(*out, "nextBackwardToken");
  return page;
}

core::Result<std::vector<LogEvent>> Client::get_log_events_all(GetLogEventsRequest r) {
  std::vector<LogEvent> all;
  for (;;) {
    auto page = get_log_events(r);
    if (!page) return page.failure();
    all.insert(all.end(), page->events.begin(), page->events.end());
    if (!page->next_forward_token || page->next_forward_token == r.next_token) return all;
    r.next_token = page->next_forward_token;
  }
}

core::Result<FilterLogEventsResponse> Client::filter_log_events(const FilterLogEventsRequest& r) {
  json in{{"logGroupName", r.log_group_name}};
  if (!r.log_stream_names.empty()) in["logStreamNames"] = r.log_stream_names;
  if (r.log_stream_name_prefix) in["logStreamNamePrefix"] = *r.log_stream_name_prefix;
  if (r.start_time_ms) in["startTime"] = *r.start_time_ms;
  if (r.end_time_ms) in["endTime"] = *r.end_time_ms;
  if (r.filter_pattern) in["filterPattern"] = *r.filter_pattern;
  if (r.next_token) in["nextToken"] = *r.next_token;
  if (r.limit) in["limit"] = *r.limit;
  auto out = detail::json_call(caller_, "FilterLogEvents", in);
  if (!out) return out.failure();
  FilterLogEventsResponse page;
  for (const auto& e : detail::array_at(*out, "events")) page.events.push_back(parse_event(e));
  page.next_token = detail::opt_str(*out, "nextToken");
  return page;
}

core::Result<std::vector<LogEvent>> Client::filter_log_events_all(FilterLogEventsRequest r) {
  std::vector<LogEvent> all;
  auto done = detail::each_page(
      r, [this](const FilterLogEventsRequest& req) { return filter_log_events(req); },
      [&](FilterLogEventsResponse& p) { all.insert(all.end(), p.events.begin(), p.events.end()); });
  if (!done) return done.failure();
  return all;
}

core::Result<DescribeLogStreamsResponse> Client::describe_log_streams(const DescribeLogStreamsRequest& r) {
  json in{{"logGroupName", r.log_group_name}};
  if (r.log_stream_name_prefix) in["logStreamNamePrefix"] = *r.log_stream_name_prefix;
  if (r.order_by) in["orderBy"] = *r.order_by;
  if (r.descending) in["descending"] = true;
  if (r.next_token) in["nextToken"] = *r.next_token;
  if (r.limit) in["limit"] = *r.limit;
  auto out = detail::json_call(caller_, "DescribeLogStreams", in);
  if (!out) return out.failure();
  DescribeLogStreamsResponse page;
  for (const auto& s : detail::array_at(*out, "logStreams")) {
    page.log_streams.push_back({.log_stream_name = detail::str(s, "logStreamName"),
                                .arn = detail::str(s, "arn"),
                                .creation_time_ms = detail::opt_int(s, "creationTime"),
                                .first_event_timestamp_ms = detail::opt_int(s, "firstEventTimestamp"),
                                .last_event_timestamp_ms = detail::opt_int(s, "lastEventTimestamp"),
                                .last_ingestion_time_ms = detail::opt_int(s, "lastIngestionTime")});
  }
  page.next_token = detail::opt_str(*out, "nextToken");
  return page;
}

core::Result<std::vector<LogStream>> Client::describe_log_streams_all(DescribeLogStreamsRequest r) {
  std::vector<LogStream> all;
  auto done = detail::each_page(
      r, [this](const DescribeLogStreamsRequest& req) { return describe_log_streams(req); },
      [&](DescribeLogStreamsResponse& p) { all.insert(all.end(), p.log_streams.begin(), p.log_streams.end()); });
  if (!done) return done.failure();
  return all;
}

}  // namespace hoplite::aws::logs
