// SQS operations on queues: create (idempotent with the same attributes), delete, list, URL,
// attributes, purge, tags.
#include "local/paging.hpp"
#include "local/sql_values.hpp"
#include "local/sqs/sqs_attributes.hpp"
#include "local/sqs/sqs_service.hpp"
#include "local/sqs/sqs_state.hpp"
#include "local/store/database.hpp"

namespace hoplite::local::sqs {
namespace {

using namespace aws::sqs;

constexpr std::size_t kMaxTags = 50;
constexpr std::int64_t kPurgeIntervalMs = 60 * 1000;

/// The queue a URL names, or NonExistentQueue.
core::Result<StoredQueue> existing(QueueTable& table, const CallContext& ctx, const std::string& url) {
  if (url.empty()) return missing_parameter("QueueUrl");
  auto ref = parse_queue_url(ctx, url);
  if (!ref) return ref.failure();
  auto q = table.queue(*ref);
  if (!q) return q.failure();
  if (!*q) return queue_does_not_exist();
  return std::move(**q);
}

core::Result<void> check_tags(const std::map<std::string, std::string>& tags) {
  for (const auto& [key, value] : tags) {
    if (key.empty() || key.size() > 128)
      return invalid_parameter_value("Tag keys must be between 1 and 128 characters in length.");
    if (value.size() > 256) return invalid_parameter_value("Tag values may only be up to 256 characters long.");
  }
  return core::ok();
}

}  // namespace

core::Result<QueueUrlResponse> SqsService::create_queue(const CallContext& ctx, const CreateQueueRequest& r) {
  if (r.queue_name.empty()) return missing_parameter("QueueName");
  if (!is_queue_name(r.queue_name))
    return invalid_parameter_value(
        "Can only include alphanumeric characters, hyphens, or underscores. 1 to 80 in "
        "length");
  // A FIFO queue's name ends with `.fifo`, and only a FIFO queue's does.
  const bool fifo = is_fifo(r.attributes);
  if (r.queue_name.ends_with(".fifo") != fifo)
    return invalid_parameter_value(
        "The name of a FIFO queue can only include alphanumeric characters, hyphens, or "
        "underscores, must end with .fifo suffix and be 1 to 80 in length.");
  if (auto ok = check_tags(r.tags); !ok) return ok.failure();
  if (r.tags.size() > kMaxTags) return invalid_parameter_value("Too many tags added for queue " + r.queue_name + ".");
  auto attributes = apply_attributes(default_attributes(fifo), r.attributes);
  if (!attributes) return attributes.failure();
  const QueueRef ref{ctx.principal.account_id, ctx.region, r.queue_name};
  auto done = house_.db.transaction([&](store::Tx& tx) -> core::Result<void> {
    QueueTable table(tx);
    auto q = table.queue(ref);
    if (!q) return q.failure();
    if (*q) {
      // The same name again is fine when every attribute asked for is what the queue has.
      for (const auto& [name, value] : r.attributes) {
        auto have = (*q)->attributes.find(name);
        if (have == (*q)->attributes.end() || have->second != value)
          return aws_error("QueueAlreadyExists",
                           "A queue already exists with the same name and a different value for attribute " + name);
      }
      return core::ok();
    }
    auto id = table.create(ref, to_millis(ctx.now), *attributes);
    if (!id) return id.failure();
    for (const auto& [key, value] : r.tags)
      if (auto ok = table.put_tag(*id, key, value); !ok) return ok;
    return core::ok();
  });
  if (!done) return done.failure();
  return QueueUrlResponse{.queue_url = queue_url(ctx, ref.account, ref.name)};
}

core::Result<void> SqsService::delete_queue(const CallContext& ctx, const DeleteQueueRequest& r) {
  return house_.db.transaction([&](store::Tx& tx) -> core::Result<void> {
    QueueTable table(tx);
    auto q = existing(table, ctx, r.queue_url);
    if (!q) return q.failure();
    return table.remove(q->id);
  });
}

core::Result<ListQueuesResponse> SqsService::list_queues(const CallContext& ctx, const ListQueuesRequest& r) {
  if (r.max_results && (*r.max_results < 1 || *r.max_results > 1000))
    return invalid_parameter_value("Value " + std::to_string(*r.max_results) +
                                   " for parameter MaxResults is invalid. Reason: MaxResults must be an integer "
                                   "between 1 and 1000.");
  if (r.next_token && !r.max_results)
    return invalid_parameter_value("MaxResults is a mandatory parameter when you provide a value for NextToken.");
  constexpr std::string_view kListing = "sqs.ListQueues";
  std::string after;
  if (r.next_token) {
    auto position = read_page_token(kListing, *r.next_token);
    if (!position) return invalid_parameter_value("Invalid NextToken value.");
    after = *position;
  }
  const std::size_t limit = static_cast<std::size_t>(r.max_results.value_or(1000));
  return house_.db.transaction<ListQueuesResponse>([&](store::Tx& tx) -> core::Result<ListQueuesResponse> {
    QueueTable table(tx);
    auto names = table.names(ctx.principal.account_id, ctx.region, after, r.queue_name_prefix.value_or(""), limit + 1);
    if (!names) return names.failure();
    ListQueuesResponse out;
    for (std::size_t i = 0; i < names->size() && i < limit; ++i)
      out.queue_urls.push_back(queue_url(ctx, ctx.principal.account_id, (*names)[i]));
    // SQS hands out a token only to callers that page (MaxResults).
    if (names->size() > limit && r.max_results) out.next_token = page_token(kListing, (*names)[limit - 1]);
    return out;
  });
}

core::Result<QueueUrlResponse> SqsService::get_queue_url(const CallContext& ctx, const GetQueueUrlRequest& r) {
  if (r.queue_name.empty()) return missing_parameter("QueueName");
  const QueueRef ref{r.queue_owner_aws_account_id.value_or(ctx.principal.account_id), ctx.region, r.queue_name};
  auto found = house_.db.transaction<bool>([&](store::Tx& tx) -> core::Result<bool> {
    QueueTable table(tx);
    auto q = table.queue(ref);
    if (!q) return q.failure();
    return q->has_value();
  });
  if (!found) return found.failure();
  if (!*found) return queue_does_not_exist();
  return QueueUrlResponse{.queue_url = queue_url(ctx, ref.account, ref.name)};
}

core::Result<GetQueueAttributesResponse> SqsService::get_queue_attributes(const CallContext& ctx,
                                                                          const GetQueueAttributesRequest& r) {
  const std::int64_t now = to_millis(house_.clock.now());
  return house_.db.transaction<GetQueueAttributesResponse>(
      [&](store::Tx& tx) -> core::Result<GetQueueAttributesResponse> {
        QueueTable table(tx);
        auto q = existing(table, ctx, r.queue_url);
        if (!q) return q.failure();
        auto counts = table.counts(q->id, now);
        if (!counts) return counts.failure();
        QueueFacts facts{.arn = queue_arn(q->ref.region, q->ref.account, q->ref.name),
                         .visible = (*counts)[0],
                         .in_flight = (*counts)[1],
                         .delayed = (*counts)[2],
                         .created_s = q->created_ms / 1000,
                         .modified_s = q->modified_ms / 1000};
        auto selected = select_attributes(q->attributes, facts, r.attribute_names);
        if (!selected) return selected.failure();
        return GetQueueAttributesResponse{.attributes = std::move(*selected)};
      });
}

core::Result<void> SqsService::set_queue_attributes(const CallContext& ctx, const SetQueueAttributesRequest& r) {
  if (r.attributes.empty()) return missing_parameter("Attribute.Name");
  return house_.db.transaction([&](store::Tx& tx) -> core::Result<void> {
    QueueTable table(tx);
    auto q = existing(table, ctx, r.queue_url);
    if (!q) return q.failure();
    auto attributes = apply_attributes(q->attributes, r.attributes);
    if (!attributes) return attributes.failure();
    return table.set_attributes(q->id, *attributes, to_millis(ctx.now));
  });
}

core::Result<void> SqsService::purge_queue(const CallContext& ctx, const PurgeQueueRequest& r) {
  return house_.db.transaction([&](store::Tx& tx) -> core::Result<void> {
    QueueTable table(tx);
    auto q = existing(table, ctx, r.queue_url);
    if (!q) return q.failure();
    const std::int64_t now = to_millis(ctx.now);
    if (q->purged_ms != 0 && now - q->purged_ms < kPurgeIntervalMs)
      return aws_error("AWS.SimpleQueueService.PurgeQueueInProgress",
                       "Only one PurgeQueue operation on " + q->ref.name + " is allowed every 60 seconds.", 403);
    if (auto ok = table.purge(q->id); !ok) return ok;
    return table.set_purged(q->id, now);
  });
}

core::Result<void> SqsService::tag_queue(const CallContext& ctx, const TagQueueRequest& r) {
  if (r.tags.empty()) return missing_parameter("Tags");
  if (auto ok = check_tags(r.tags); !ok) return ok;
  return house_.db.transaction([&](store::Tx& tx) -> core::Result<void> {
    QueueTable table(tx);
    auto q = existing(table, ctx, r.queue_url);
    if (!q) return q.failure();
    auto current = table.tags(q->id);
    if (!current) return current.failure();
    for (const auto& [key, value] : r.tags) (*current)[key] = value;
    if (current->size() > kMaxTags)
      return invalid_parameter_value("Too many tags added for queue " + q->ref.name + ".");
    for (const auto& [key, value] : r.tags)
      if (auto ok = table.put_tag(q->id, key, value); !ok) return ok;
    return core::ok();
  });
}

core::Result<void> SqsService::untag_queue(const CallContext& ctx, const UntagQueueRequest& r) {
  if (r.tag_keys.empty()) return missing_parameter("TagKeys");
  return house_.db.transaction([&](store::Tx& tx) -> core::Result<void> {
    QueueTable table(tx);
    auto q = existing(table, ctx, r.queue_url);
    if (!q) return q.failure();
    for (const auto& key : r.tag_keys)
      if (auto ok = table.remove_tag(q->id, key); !ok) return ok;
    return core::ok();
  });
}

core::Result<ListQueueTagsResponse> SqsService::list_queue_tags(const CallContext& ctx, const ListQueueTagsRequest& r) {
  return house_.db.transaction<ListQueueTagsResponse>([&](store::Tx& tx) -> core::Result<ListQueueTagsResponse> {
    QueueTable table(tx);
    auto q = existing(table, ctx, r.queue_url);
    if (!q) return q.failure();
    auto tags = table.tags(q->id);
    if (!tags) return tags.failure();
    return ListQueueTagsResponse{.tags = std::move(*tags)};
  });
}

}  // namespace hoplite::local::sqs
