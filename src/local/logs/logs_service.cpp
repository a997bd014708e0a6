// CloudWatch Logs' handler table: each operation decoded and encoded by the shared shapes
// (logs_wire.hpp).
#include "local/logs/logs_service.hpp"
#include "local/inspect_names.hpp"

#include <stdexcept>

#include "hoplite/aws/logs_wire.hpp"
#include "local/logs/logs_names.hpp"
#include "local/logs/logs_state.hpp"
#include "local/protocol/routes.hpp"
#include "local/store/database.hpp"

namespace hoplite::local::logs {

namespace wire = aws::logs::wire;
using namespace aws::logs;

namespace {

/// The group a tagging request by ARN names, or Logs' error for an ARN that is not one.
core::Result<std::string> group_of(const CallContext& ctx, const std::string& arn) {
  auto group = group_of_arn(ctx, arn);
  if (!group) {
    Violations v;
    v.length("resourceArn", arn, 1, 1011);
    if (auto ok = finish(v); !ok) return ok.failure();
    return invalid_parameter("Invalid resourceArn: " + arn.substr(0, 256) +
                             " is not a log group of this account "
                             "and region.");
  }
  return *group;
}

}  // namespace

LogsService::LogsService(ServiceContext& house)
    : spec_{.signing_name = "logs", .protocol = Protocol::json_1_1, .target_prefix = "Logs_20140328"},
      api_(spec_),
      house_(house) {
  if (auto m = house_.db.migrate("logs", migrations()); !m)
    throw std::runtime_error("local logs: " + m.error().to_string());
  add_routes();
}

void LogsService::add_routes() {
  auto encode = [](const auto& r) { return wire::encode_response(r); };
  api_.add("CreateLogGroup", json_route(wire::decode_create_log_group_request,
                                        [this](auto& ctx, auto& r) { return create_log_group(ctx, r); }));
  api_.add("DeleteLogGroup", json_route(wire::decode_delete_log_group_request,
                                        [this](auto& ctx, auto& r) { return delete_log_group(ctx, r); }));
  api_.add("DescribeLogGroups", json_route(
                                    wire::decode_describe_log_groups_request,
                                    [this](auto& ctx, auto& r) { return describe_log_groups(ctx, r); }, encode));
  api_.add("PutRetentionPolicy", json_route(wire::decode_put_retention_policy_request,
                                            [this](auto& ctx, auto& r) { return put_retention_policy(ctx, r); }));
  api_.add("DeleteRetentionPolicy", json_route(wire::decode_delete_retention_policy_request,
                                               [this](auto& ctx, auto& r) { return delete_retention_policy(ctx, r); }));
  api_.add("CreateLogStream", json_route(wire::decode_create_log_stream_request,
                                         [this](auto& ctx, auto& r) { return create_log_stream(ctx, r); }));
  api_.add("DeleteLogStream", json_route(wire::decode_delete_log_stream_request,
                                         [this](auto& ctx, auto& r) { return delete_log_stream(ctx, r); }));
  api_.add("DescribeLogStreams", json_route(
                                     wire::decode_describe_log_streams_request,
                                     [this](auto& ctx, auto& r) { return describe_log_streams(ctx, r); }, encode));
  api_.add("PutLogEvents", json_route(
                               wire::decode_put_log_events_request,
                               [this](auto& ctx, auto& r) { return put_log_events(ctx, r); }, encode));
  api_.add("GetLogEvents", json_route(
                               wire::decode_get_log_events_request,
                               [this](auto& ctx, auto& r) { return get_log_events(ctx, r); }, encode));
  api_.add("FilterLogEvents", json_route(
                                  wire::decode_filter_log_events_request,
                                  [this](auto& ctx, auto& r) { return filter_log_events(ctx, r); }, encode));
  api_.add("TagLogGroup", json_route(wire::decode_tag_log_group_request, [this](auto& ctx, auto& r) {
             return tag_log_group(ctx, r.log_group_name, r.tags);
           }));
  api_.add("UntagLogGroup", json_route(wire::decode_untag_log_group_request, [this](auto& ctx, auto& r) {
             return untag_log_group(ctx, r.log_group_name, r.tags);
           }));
  api_.add("ListTagsLogGroup",
           json_route(
               wire::decode_list_tags_log_group_request,
               [this](auto& ctx, auto& r) { return list_tags_log_group(ctx, r.log_group_name); }, encode));
  api_.add("TagResource",
           json_route(wire::decode_tag_resource_request, [this](auto& ctx, auto& r) -> core::Result<void> {
             auto group = group_of(ctx, r.resource_arn);
             if (!group) return group.failure();
             return tag_log_group(ctx, *group, r.tags);
           }));
  api_.add("UntagResource",
           json_route(wire::decode_untag_resource_request, [this](auto& ctx, auto& r) -> core::Result<void> {
             auto group = group_of(ctx, r.resource_arn);
             if (!group) return group.failure();
             return untag_log_group(ctx, *group, r.tag_keys);
           }));
  api_.add("ListTagsForResource", json_route(
                                      wire::decode_list_tags_for_resource_request,
                                      [this](auto& ctx, auto& r) -> core::Result<ListTagsResponse> {
                                        auto group = group_of(ctx, r.resource_arn);
                                        if (!group) return group.failure();
                                        return list_tags_log_group(ctx, *group);
                                      },
                                      encode));
}

nlohmann::json LogsService::inspect() {
  return inspect_names(house_.db, "SELECT account, region, name FROM logs_groups ORDER BY account, region, name",
                       "logGroups");
}

}  // namespace hoplite::local::logs
