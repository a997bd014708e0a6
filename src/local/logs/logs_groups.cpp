// CloudWatch Logs operations on log groups, their retention and tags, and log streams.
#include <algorithm>
#include <array>

#include "local/logs/logs_names.hpp"
#include "local/logs/logs_service.hpp"
#include "local/logs/logs_state.hpp"
#include "local/paging.hpp"
#include "local/sql_values.hpp"
#include "local/store/database.hpp"

#include "hoplite/core/ascii.hpp"

namespace hoplite::local::logs {
namespace {

using namespace aws::logs;

/// The retention periods AWS accepts, in days.
constexpr std::array<int, 22> kRetentionDays = {1,   3,   5,   7,   14,   30,   60,   90,   120,  150,  180,
                                                365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653};

core::Result<void> check_group(std::string_view name) {
  Violations v;
  check_group_name(v, "logGroupName", name);
  return finish(v);
}

core::Result<void> check_group_and_stream(std::string_view group, std::string_view stream) {
  Violations v;
  check_group_name(v, "logGroupName", group);
  check_stream_name(v, "logStreamName", stream);
  return finish(v);
}

/// The group `name` of the call's account and region, or ResourceNotFoundException.
core::Result<StoredGroup> existing_group(LogsTable& table, const std::string& name) {
  auto g = table.group(name);
  if (!g) return g.failure();
  if (!*g) return group_not_found();
  return std::move(**g);
}

std::string retention_set() {
  std::string out = "[";
  for (std::size_t i = 0; i < kRetentionDays.size(); ++i) {
    if (i > 0) out += ", ";
    out += std::to_string(kRetentionDays[i]);
  }
  return out + "]";
}

LogStream stream_shape(const CallContext& ctx, const std::string& group, const StoredStream& s) {
  return LogStream{.log_stream_name = s.name,
                   .arn = stream_arn(ctx, group, s.name),
                   .stored_bytes = 0,
                   .creation_time_ms = s.created_ms,
                   .first_event_timestamp_ms = s.first_event_ms,
                   .last_event_timestamp_ms = s.last_event_ms,
                   .last_ingestion_time_ms = s.last_ingestion_ms};
}

}  // namespace

core::Result<void> LogsService::create_log_group(const CallContext& ctx, const CreateLogGroupRequest& r) {
  Violations v;
  check_group_name(v, "logGroupName", r.log_group_name);
  v.length("kmsKeyId", r.kms_key_id, 0, 256);
  check_tags(v, "tags", r.tags);
  if (auto ok = finish(v); !ok) return ok.failure();
  if (r.tags.size() > kMaxTags)
    return invalid_parameter(
        "1 validation error detected: Value at 'tags' failed to satisfy constraint: Member must "
        "have length less than or equal to 50");
  return house_.db.transaction([&](store::Tx& tx) -> core::Result<void> {
    LogsTable table(tx, ctx.principal.account_id, ctx.region);
    auto existing = table.group(r.log_group_name);
    if (!existing) return existing.failure();
    if (*existing) return aws_error("ResourceAlreadyExistsException", "The specified log group already exists");
    if (auto ok = table.create_group(r.log_group_name, to_millis(ctx.now), r.kms_key_id); !ok) return ok;
    auto created = existing_group(table, r.log_group_name);
    if (!created) return created.failure();
    for (const auto& [key, value] : r.tags)
      if (auto ok = table.put_tag(created->id, key, value); !ok) return ok;
    return core::ok();
  });
}

core::Result<void> LogsService::delete_log_group(const CallContext& ctx, const DeleteLogGroupRequest& r) {
  if (auto ok = check_group(r.log_group_name); !ok) return ok;
  return house_.db.transaction([&](store::Tx& tx) -> core::Result<void> {
    LogsTable table(tx, ctx.principal.account_id, ctx.region);
    auto group = existing_group(table, r.log_group_name);
    if (!group) return group.failure();
    return table.delete_group(group->id);
  });
}

core::Result<DescribeLogGroupsResponse> LogsService::describe_log_groups(const CallContext& ctx,
                                                                         const DescribeLogGroupsRequest& r) {
  Violations v;
  if (r.log_group_name_prefix) check_group_name(v, "logGroupNamePrefix", *r.log_group_name_prefix);
  v.length("logGroupNamePattern", r.log_group_name_pattern, 0, 512);
  v.range("limit", r.limit, 1, 50);
  v.length("nextToken", r.next_token, 1, 4096);
  if (auto ok = finish(v); !ok) return ok.failure();
  if (r.log_group_name_prefix && r.log_group_name_pattern)
    return invalid_parameter("LogGroup name prefix and LogGroup name pattern are mutually exclusive parameters.");
  constexpr std::string_view kListing = "logs.DescribeLogGroups";
  std::string after;
  if (r.next_token) {
    auto position = read_page_token(kListing, *r.next_token);
    if (!position) return invalid_parameter("The specified nextToken is invalid.");
    after = *position;
  }
  const std::size_t limit = static_cast<std::size_t>(r.limit.value_or(50));
  // A pattern is a case-insensitive substring: scan in name order, keep the matches.
  const std::string pattern = core::ascii_lower(r.log_group_name_pattern.value_or(""));
  return house_.db.transaction<DescribeLogGroupsResponse>(
      [&](store::Tx& tx) -> core::Result<DescribeLogGroupsResponse> {
        LogsTable table(tx, ctx.principal.account_id, ctx.region);
        DescribeLogGroupsResponse out;
        std::string cursor = after;
        for (;;) {
          auto batch = table.groups(cursor, r.log_group_name_prefix.value_or(""), 500);
          if (!batch) return batch.failure();
          for (const auto& g : *batch) {
            cursor = g.name;
            if (!pattern.empty() && core::ascii_lower(g.name).find(pattern) == std::string::npos) continue;
            if (out.log_groups.size() == limit) {
              out.next_token = page_token(kListing, out.log_groups.back().log_group_name);
              return out;
            }
            LogGroup shape{.log_group_name = g.name,
                           .arn = group_arn(ctx, g.name),
                           .creation_time_ms = g.created_ms,
                           .metric_filter_count = 0,
                           .stored_bytes = g.stored_bytes,
                           .kms_key_id = g.kms_key_id};
            if (g.retention_days) shape.retention_in_days = static_cast<int>(*g.retention_days);
            out.log_groups.push_back(std::move(shape));
          }
          if (batch->size() < 500) return out;
        }
      });
}

core::Result<void> LogsService::put_retention_policy(const CallContext& ctx, const PutRetentionPolicyRequest& r) {
  Violations v;
  check_group_name(v, "logGroupName", r.log_group_name);
  v.required("retentionInDays", r.retention_in_days.has_value());
  if (r.retention_in_days &&
      std::find(kRetentionDays.begin(), kRetentionDays.end(), *r.retention_in_days) == kRetentionDays.end())
    v.add("retentionInDays", std::to_string(*r.retention_in_days),
          "Member must satisfy enum value set: " + retention_set());
  if (auto ok = finish(v); !ok) return ok;
  return house_.db.transaction([&](store::Tx& tx) -> core::Result<void> {
    LogsTable table(tx, ctx.principal.account_id, ctx.region);
    auto group = existing_group(table, r.log_group_name);
    if (!group) return group.failure();
    return table.set_retention(group->id, *r.retention_in_days);
  });
}

core::Result<void> LogsService::delete_retention_policy(const CallContext& ctx, const DeleteRetentionPolicyRequest& r) {
  if (auto ok = check_group(r.log_group_name); !ok) return ok;
  return house_.db.transaction([&](store::Tx& tx) -> core::Result<void> {
    LogsTable table(tx, ctx.principal.account_id, ctx.region);
    auto group = existing_group(table, r.log_group_name);
    if (!group) return group.failure();
    return table.set_retention(group->id, std::nullopt);
  });
}

core::Result<void> LogsService::create_log_stream(const CallContext& ctx, const CreateLogStreamRequest& r) {
  if (auto ok = check_group_and_stream(r.log_group_name, r.log_stream_name); !ok) return ok;
  return house_.db.transaction([&](store::Tx& tx) -> core::Result<void> {
    LogsTable table(tx, ctx.principal.account_id, ctx.region);
    auto group = existing_group(table, r.log_group_name);
    if (!group) return group.failure();
    auto existing = table.stream(group->id, r.log_stream_name);
    if (!existing) return existing.failure();
    if (*existing) return aws_error("ResourceAlreadyExistsException", "The specified log stream already exists");
    return table.create_stream(group->id, r.log_stream_name, to_millis(ctx.now));
  });
}

core::Result<void> LogsService::delete_log_stream(const CallContext& ctx, const DeleteLogStreamRequest& r) {
  if (auto ok = check_group_and_stream(r.log_group_name, r.log_stream_name); !ok) return ok;
  return house_.db.transaction([&](store::Tx& tx) -> core::Result<void> {
    LogsTable table(tx, ctx.principal.account_id, ctx.region);
    auto group = existing_group(table, r.log_group_name);
    if (!group) return group.failure();
    auto stream = table.stream(group->id, r.log_stream_name);
    if (!stream) return stream.failure();
    if (!*stream) return stream_not_found();
    return table.delete_stream((*stream)->id);
  });
}

core::Result<DescribeLogStreamsResponse> LogsService::describe_log_streams(const CallContext& ctx,
                                                                           const DescribeLogStreamsRequest& r) {
  Violations v;
  check_group_name(v, "logGroupName", r.log_group_name);
  if (r.log_stream_name_prefix) check_stream_name(v, "logStreamNamePrefix", *r.log_stream_name_prefix);
  v.one_of("orderBy", r.order_by, {"LogStreamName", "LastEventTime"});
  v.range("limit", r.limit, 1, 50);
  v.length("nextToken", r.next_token, 1, 4096);
  if (auto ok = finish(v); !ok) return ok.failure();
  const bool by_time = r.order_by.value_or("LogStreamName") == "LastEventTime";
  if (by_time && r.log_stream_name_prefix)
    return invalid_parameter("Cannot order by LastEventTime with a logStreamNamePrefix.");
  const std::string listing = std::string("logs.DescribeLogStreams.") + (by_time ? "t" : "n") +
                              (r.descending ? "d" : "a") + "." + r.log_group_name;
  std::optional<std::string> after;
  if (r.next_token) {
    after = read_page_token(listing, *r.next_token);
    if (!after) return invalid_parameter("The specified nextToken is invalid.");
  }
  const std::size_t limit = static_cast<std::size_t>(r.limit.value_or(50));
  return house_.db.transaction<DescribeLogStreamsResponse>(
      [&](store::Tx& tx) -> core::Result<DescribeLogStreamsResponse> {
        LogsTable table(tx, ctx.principal.account_id, ctx.region);
        auto group = existing_group(table, r.log_group_name);
        if (!group) return group.failure();
        auto streams = table.streams(group->id);
        if (!streams) return streams.failure();
        const std::string prefix = r.log_stream_name_prefix.value_or("");
        std::erase_if(*streams, [&](const StoredStream& s) { return !s.name.starts_with(prefix); });
        // The order key as text that sorts as the order does: the last event time (20 digits,
        // streams without events first), then the name.
        auto order_key = [&](const StoredStream& s) {
          if (!by_time) return s.name;
          return key_digits({s.last_event_ms.value_or(0), 0}).substr(0, 20) + s.name;
        };
        std::sort(streams->begin(), streams->end(), [&](const StoredStream& a, const StoredStream& b) {
          return r.descending ? order_key(b) < order_key(a) : order_key(a) < order_key(b);
        });
        DescribeLogStreamsResponse out;
        std::string last_key;
        for (const auto& s : *streams) {
          std::string key = order_key(s);
          if (after && (r.descending ? key >= *after : key <= *after)) continue;
          if (out.log_streams.size() == limit) {
            out.next_token = page_token(listing, last_key);
            break;
          }
          out.log_streams.push_back(stream_shape(ctx, r.log_group_name, s));
          last_key = std::move(key);
        }
        return out;
      });
}

core::Result<void> LogsService::tag_log_group(const CallContext& ctx, const std::string& name,
                                              const std::map<std::string, std::string>& tags) {
  Violations v;
  check_group_name(v, "logGroupName", name);
  check_tags(v, "tags", tags);
  if (tags.empty()) v.add("tags", std::nullopt, "Member must have length greater than or equal to 1");
  if (auto ok = finish(v); !ok) return ok;
  return house_.db.transaction([&](store::Tx& tx) -> core::Result<void> {
    LogsTable table(tx, ctx.principal.account_id, ctx.region);
    auto group = existing_group(table, name);
    if (!group) return group.failure();
    auto current = table.tags(group->id);
    if (!current) return current.failure();
    for (const auto& [key, value] : tags) (*current)[key] = value;
    if (current->size() > kMaxTags)
      return aws_error("TooManyTagsException", "A resource can have no more than 50 tags.");
    for (const auto& [key, value] : tags)
      if (auto ok = table.put_tag(group->id, key, value); !ok) return ok;
    return core::ok();
  });
}

core::Result<void> LogsService::untag_log_group(const CallContext& ctx, const std::string& name,
                                                const std::vector<std::string>& keys) {
  Violations v;
  check_group_name(v, "logGroupName", name);
  if (keys.empty()) v.add("tags", std::nullopt, "Member must have length greater than or equal to 1");
  for (const auto& key : keys) v.length("tags.member", key, 1, 128);
  if (auto ok = finish(v); !ok) return ok;
  return house_.db.transaction([&](store::Tx& tx) -> core::Result<void> {
    LogsTable table(tx, ctx.principal.account_id, ctx.region);
    auto group = existing_group(table, name);
    if (!group) return group.failure();
    for (const auto& key : keys)
      if (auto ok = table.remove_tag(group->id, key); !ok) return ok;
    return core::ok();
  });
}

core::Result<ListTagsResponse> LogsService::list_tags_log_group(const CallContext& ctx, const std::string& name) {
  if (auto ok = check_group(name); !ok) return ok.failure();
  return house_.db.transaction<ListTagsResponse>([&](store::Tx& tx) -> core::Result<ListTagsResponse> {
    LogsTable table(tx, ctx.principal.account_id, ctx.region);
    auto group = existing_group(table, name);
    if (!group) return group.failure();
    auto tags = table.tags(group->id);
    if (!tags) return tags.failure();
    return ListTagsResponse{.tags = std::move(*tags)};
  });
}

}  // namespace hoplite::local::logs
