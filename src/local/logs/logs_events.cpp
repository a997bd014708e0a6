// CloudWatch Logs operations on events: PutLogEvents with AWS's batch rules, GetLogEvents with
// forward and backward tokens, FilterLogEvents across a group's streams.
#include <chrono>
#include <limits>
#include <set>

#include "local/logs/filter_pattern.hpp"
#include "local/logs/logs_names.hpp"
#include "local/logs/logs_service.hpp"
#include "local/logs/logs_state.hpp"
#include "local/paging.hpp"
#include "local/sql_values.hpp"
#include "local/store/database.hpp"

namespace hoplite::local::logs {
namespace {

using namespace aws::logs;

constexpr std::size_t kMaxBatchEvents = 10000;
/// AWS counts each event's message bytes plus 26.
constexpr std::size_t kEventOverhead = 26;
constexpr std::size_t kMaxBatchBytes = 1048576;
constexpr std::size_t kMaxEventBytes = 262144;
constexpr std::int64_t kHourMs = 3600 * 1000;
constexpr std::int64_t kDayMs = 24 * kHourMs;
/// Events older than this are rejected (tooOldLogEventEndIndex); newer than now + 2 h too.
constexpr std::int64_t kTooOldMs = 14 * kDayMs;
constexpr std::int64_t kTooNewMs = 2 * kHourMs;
/// Rows FilterLogEvents examines per call before it answers with a token to continue, as AWS
/// stops a long search early.
constexpr std::size_t kMaxScannedPerFilterCall = 100000;

constexpr EventKey kBeforeAll{std::numeric_limits<std::int64_t>::min(), 0};
constexpr EventKey kAfterAll{std::numeric_limits<std::int64_t>::max(), std::numeric_limits<std::int64_t>::max()};

core::Result<void> check_put(const PutLogEventsRequest& r) {
  Violations v;
  check_group_name(v, "logGroupName", r.log_group_name);
  check_stream_name(v, "logStreamName", r.log_stream_name);
  if (r.log_events.empty()) v.add("logEvents", std::nullopt, "Member must have length greater than or equal to 1");
  if (r.log_events.size() > kMaxBatchEvents)
    v.add("logEvents", std::nullopt, "Member must have length less than or equal to 10000");
  for (std::size_t i = 0; i < r.log_events.size() && i < kMaxBatchEvents; ++i)
    v.length("logEvents." + std::to_string(i + 1) + ".member.message", r.log_events[i].message, 1,
             std::numeric_limits<std::size_t>::max());
  v.length("sequenceToken", r.sequence_token, 1, std::numeric_limits<std::size_t>::max());
  return finish(v);
}

/// AWS's batch rules that refuse the whole batch.
core::Result<void> check_batch(const std::vector<InputLogEvent>& events) {
  std::size_t bytes = 0;
  for (std::size_t i = 0; i < events.size(); ++i) {
    std::size_t size = events[i].message.size() + kEventOverhead;
    if (size > kMaxEventBytes)
      return invalid_parameter("Log event too large: " + std::to_string(size) + " bytes exceeds limit of " +
                               std::to_string(kMaxEventBytes));
    bytes += size;
    if (i > 0 && events[i].timestamp_ms < events[i - 1].timestamp_ms)
      return invalid_parameter("Log events in a single PutLogEvents request must be in chronological order.");
  }
  if (bytes > kMaxBatchBytes)
    return invalid_parameter("Upload too large: " + std::to_string(bytes) + " bytes exceeds limit of " +
                             std::to_string(kMaxBatchBytes));
  if (!events.empty() && events.back().timestamp_ms - events.front().timestamp_ms > kDayMs)
    return invalid_parameter(
        "The batch of log events in a single PutLogEvents request cannot span more than 24 hours.");
  return core::ok();
}

/// A GetLogEvents token: `f/<56 digits>/s` reads forward from after the key, `b/<56 digits>/s`
/// backward from before it (the shape of AWS's tokens).
struct Cursor {
  bool forward = true;
  EventKey key;
};

std::string token_of(Cursor c) { return std::string(c.forward ? "f/" : "b/") + key_digits(c.key) + "/s"; }

std::optional<Cursor> parse_token(std::string_view token) {
  if (token.size() != 60 || (token[0] != 'f' && token[0] != 'b') || token[1] != '/' || !token.ends_with("/s"))
    return std::nullopt;
  auto key = parse_key_digits(token.substr(2, 56));
  if (!key) return std::nullopt;
  return Cursor{token[0] == 'f', *key};
}

/// Keeps the events of `events` that fit the page's byte budget (from the front when reading
/// forward, from the back when reading backward).
void fit_bytes(std::vector<StoredEvent>& events, bool forward) {
  std::size_t bytes = 0;
  std::size_t keep = 0;
  for (; keep < events.size(); ++keep) {
    const auto& e = forward ? events[keep] : events[events.size() - 1 - keep];
    bytes += e.message.size() + kEventOverhead;
    if (bytes > kMaxPageBytes && keep > 0) break;
  }
  if (forward)
    events.resize(keep);
  else
    events.erase(events.begin(), events.end() - static_cast<std::ptrdiff_t>(keep));
}

LogEvent event_shape(const StoredEvent& e) {
  return LogEvent{.timestamp_ms = e.key.timestamp, .message = e.message, .ingestion_time_ms = e.ingestion_ms};
}

}  // namespace

core::Result<PutLogEventsResponse> LogsService::put_log_events(const CallContext& ctx, const PutLogEventsRequest& r) {
  if (auto ok = check_put(r); !ok) return ok.failure();
  if (auto ok = check_batch(r.log_events); !ok) return ok.failure();
  const std::int64_t now = to_millis(ctx.now);
  return house_.db.transaction<PutLogEventsResponse>([&](store::Tx& tx) -> core::Result<PutLogEventsResponse> {
    LogsTable table(tx, ctx.principal.account_id, ctx.region);
    auto group = table.group(r.log_group_name);
    if (!group) return group.failure();
    if (!*group) return group_not_found();
    auto stream = table.stream((*group)->id, r.log_stream_name);
    if (!stream) return stream.failure();
    if (!*stream) return stream_not_found();
    // The batch is in order, so rejected events are a prefix (too old, expired) and a suffix (too
    // new); the rest is stored.
    RejectedLogEventsInfo rejected;
    const auto& events = r.log_events;
    const std::int64_t n = static_cast<std::int64_t>(events.size());
    std::int64_t begin = 0;
    while (begin < n && events[begin].timestamp_ms < now - kTooOldMs) rejected.too_old_log_event_end_index = begin++;
    if (const auto& days = (*group)->retention_days)
      while (begin < n && events[begin].timestamp_ms < now - *days * kDayMs)
        rejected.expired_log_event_end_index = begin++;
    std::int64_t end = n;
    while (end > begin && events[end - 1].timestamp_ms > now + kTooNewMs)
      rejected.too_new_log_event_start_index = --end;
    std::vector<StoredEvent> kept;
    kept.reserve(end - begin);
    for (std::int64_t i = begin; i < end; ++i)
      kept.push_back({.key = {events[i].timestamp_ms, 0}, .message = events[i].message});
    if (auto ok = table.append((*group)->id, **stream, kept, now); !ok) return ok.failure();
    PutLogEventsResponse out;
    out.next_sequence_token = key_digits({now, static_cast<std::int64_t>(kept.size())});
    if (rejected.too_old_log_event_end_index || rejected.expired_log_event_end_index ||
        rejected.too_new_log_event_start_index)
      out.rejected_log_events_info = rejected;
    return out;
  });
}

core::Result<GetLogEventsResponse> LogsService::get_log_events(const CallContext& ctx, const GetLogEventsRequest& r) {
  Violations v;
  check_group_name(v, "logGroupName", r.log_group_name);
  check_stream_name(v, "logStreamName", r.log_stream_name);
  v.range("limit", r.limit, 1, kMaxEventsPerPage);
  v.length("nextToken", r.next_token, 1, 4096);
  if (auto ok = finish(v); !ok) return ok.failure();
  Cursor cursor = r.start_from_head ? Cursor{true, kBeforeAll} : Cursor{false, kAfterAll};
  if (r.next_token) {
    auto parsed = parse_token(*r.next_token);
    if (!parsed) return invalid_parameter("The specified nextToken is invalid.");
    cursor = *parsed;
  }
  const EventRange range{r.start_time_ms, r.end_time_ms};
  const auto limit = static_cast<std::size_t>(r.limit.value_or(kMaxEventsPerPage));
  return house_.db.transaction<GetLogEventsResponse>([&](store::Tx& tx) -> core::Result<GetLogEventsResponse> {
    LogsTable table(tx, ctx.principal.account_id, ctx.region);
    auto group = table.group(r.log_group_name);
    if (!group) return group.failure();
    if (!*group) return group_not_found();
    auto stream = table.stream((*group)->id, r.log_stream_name);
    if (!stream) return stream.failure();
    if (!*stream) return stream_not_found();
    auto events = cursor.forward ? table.events_after((*stream)->id, cursor.key, range, limit)
                                 : table.events_before((*stream)->id, cursor.key, range, limit);
    if (!events) return events.failure();
    fit_bytes(*events, cursor.forward);
    GetLogEventsResponse out;
    for (const auto& e : *events) out.events.push_back(event_shape(e));
    // A forward token reads after its key, a backward one before it. With no events, the token
    // that was followed comes back (the end), and the other direction resumes where this one was.
    if (!events->empty()) {
      out.next_forward_token = token_of({true, events->back().key});
      out.next_backward_token = token_of({false, events->front().key});
    } else if (cursor.forward) {
      out.next_forward_token = token_of(cursor);
      out.next_backward_token =
          token_of({false, {cursor.key.timestamp, cursor.key.id + (cursor.key.id < kAfterAll.id)}});
    } else {
      out.next_backward_token = token_of(cursor);
      out.next_forward_token = token_of({true, {cursor.key.timestamp, cursor.key.id - (cursor.key.id > 0)}});
    }
    return out;
  });
}

core::Result<FilterLogEventsResponse> LogsService::filter_log_events(const CallContext& ctx,
                                                                     const FilterLogEventsRequest& r) {
  Violations v;
  check_group_name(v, "logGroupName", r.log_group_name);
  if (r.log_stream_names.size() > 100)
    v.add("logStreamNames", std::nullopt, "Member must have length less than or equal to 100");
  for (std::size_t i = 0; i < r.log_stream_names.size() && i < 100; ++i)
    check_stream_name(v, "logStreamNames." + std::to_string(i + 1) + ".member", r.log_stream_names[i]);
  if (r.log_stream_name_prefix) check_stream_name(v, "logStreamNamePrefix", *r.log_stream_name_prefix);
  v.range("limit", r.limit, 1, kMaxEventsPerPage);
  v.length("nextToken", r.next_token, 1, 4096);
  if (auto ok = finish(v); !ok) return ok.failure();
  if (!r.log_stream_names.empty() && r.log_stream_name_prefix)
    return invalid_parameter("logStreamNames and logStreamNamePrefix are mutually exclusive parameters.");
  auto pattern = FilterPattern::parse(r.filter_pattern.value_or(""));
  if (!pattern) return pattern.failure();
  const std::string listing = "logs.FilterLogEvents." + r.log_group_name;
  EventKey cursor = kBeforeAll;
  if (r.next_token) {
    auto position = read_page_token(listing, *r.next_token);
    auto key = position ? parse_key_digits(*position) : std::nullopt;
    if (!key) return invalid_parameter("The specified nextToken is invalid.");
    cursor = *key;
  }
  const EventRange range{r.start_time_ms, r.end_time_ms};
  const auto limit = static_cast<std::size_t>(r.limit.value_or(kMaxEventsPerPage));
  return house_.db.transaction<FilterLogEventsResponse>([&](store::Tx& tx) -> core::Result<FilterLogEventsResponse> {
    LogsTable table(tx, ctx.principal.account_id, ctx.region);
    auto group = table.group(r.log_group_name);
    if (!group) return group.failure();
    if (!*group) return group_not_found();
    auto streams = table.streams((*group)->id);
    if (!streams) return streams.failure();
    const std::set<std::string> wanted(r.log_stream_names.begin(), r.log_stream_names.end());
    std::map<std::int64_t, std::string> names;  // the streams searched, by id
    for (const auto& s : *streams)
      if ((wanted.empty() || wanted.contains(s.name)) && s.name.starts_with(r.log_stream_name_prefix.value_or("")))
        names.emplace(s.id, s.name);
    FilterLogEventsResponse out;
    std::size_t bytes = 0;
    std::size_t scanned = 0;
    constexpr std::size_t kBatch = 1000;
    for (;;) {
      auto batch = table.group_events_after((*group)->id, cursor, range, kBatch);
      if (!batch) return batch.failure();
      for (const auto& e : *batch) {
        auto name = names.find(e.stream_id);
        const bool match = name != names.end() && pattern->matches(e.message);
        if (match && (out.events.size() == limit || bytes + e.message.size() + kEventOverhead > kMaxPageBytes)) {
          out.next_token = page_token(listing, key_digits(cursor));
          return out;
        }
        cursor = e.key;
        ++scanned;
        if (!match) continue;
        bytes += e.message.size() + kEventOverhead;
        LogEvent shape = event_shape(e);
        shape.log_stream_name = name->second;
        shape.event_id = key_digits(e.key);
        out.events.push_back(std::move(shape));
      }
      if (batch->size() < kBatch) return out;
      if (scanned >= kMaxScannedPerFilterCall) {
        out.next_token = page_token(listing, key_digits(cursor));
        return out;
      }
    }
  });
}

}  // namespace hoplite::local::logs
