#include "hoplite/aws/logs.hpp"

#include "aws/protocol/json_call.hpp"
#include "aws/protocol/pages.hpp"
#include "hoplite/aws/logs_wire.hpp"

namespace hoplite::aws::logs {
namespace {

/// Encodes `request`, calls `operation`, decodes the answer with `decode`.
template <typename Request, typename Decode>
auto call(Caller& caller, std::string_view operation, const Request& request, Decode decode)
    -> decltype(decode(nlohmann::json{})) {
  auto out = detail::json_call(caller, operation, wire::encode_request(request));
  if (!out) return out.failure();
  return decode(*out);
}

template <typename Request>
core::Result<void> call_void(Caller& caller, std::string_view operation, const Request& request) {
  auto out = detail::json_call(caller, operation, wire::encode_request(request));
  if (!out) return out.failure();
  return core::ok();
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

core::Result<void> Client::create_log_group(const CreateLogGroupRequest& r) {
  return call_void(caller_, "CreateLogGroup", r);
}

core::Result<void> Client::delete_log_group(const DeleteLogGroupRequest& r) {
  return call_void(caller_, "DeleteLogGroup", r);
}

core::Result<DescribeLogGroupsResponse> Client::describe_log_groups(const DescribeLogGroupsRequest& r) {
  return call(caller_, "DescribeLogGroups", r, wire::decode_describe_log_groups_response);
}

core::Result<void> Client::put_retention_policy(const PutRetentionPolicyRequest& r) {
  return call_void(caller_, "PutRetentionPolicy", r);
}

core::Result<void> Client::delete_retention_policy(const DeleteRetentionPolicyRequest& r) {
  return call_void(caller_, "DeleteRetentionPolicy", r);
}

core::Result<void> Client::create_log_stream(const CreateLogStreamRequest& r) {
  return call_void(caller_, "CreateLogStream", r);
}

core::Result<void> Client::delete_log_stream(const DeleteLogStreamRequest& r) {
  return call_void(caller_, "DeleteLogStream", r);
}

core::Result<PutLogEventsResponse> Client::put_log_events(const PutLogEventsRequest& r) {
  return call(caller_, "PutLogEvents", r, wire::decode_put_log_events_response);
}

core::Result<void> Client::tag_resource(const TagResourceRequest& r) { return call_void(caller_, "TagResource", r); }

core::Result<void> Client::untag_resource(const UntagResourceRequest& r) {
  return call_void(caller_, "UntagResource", r);
}

core::Result<ListTagsResponse> Client::list_tags_for_resource(const ListTagsForResourceRequest& r) {
  return call(caller_, "ListTagsForResource", r, wire::decode_list_tags_response);
}

core::Result<GetLogEventsResponse> Client::get_log_events(const GetLogEventsRequest& r) {
  return call(caller_, "GetLogEvents", r, wire::decode_get_log_events_response);
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
  return call(caller_, "FilterLogEvents", r, wire::decode_filter_log_events_response);
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
  return call(caller_, "DescribeLogStreams", r, wire::decode_describe_log_streams_response);
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
