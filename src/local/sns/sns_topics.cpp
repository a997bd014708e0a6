// SNS operations on topics, subscriptions and tags.
#include <algorithm>

#include <nlohmann/json.hpp>

#include "local/ids.hpp"
#include "local/paging.hpp"
#include "local/regions.hpp"
#include "local/sns/sns_names.hpp"
#include "local/sns/sns_service.hpp"
#include "local/sns/sns_state.hpp"
#include "local/sql_values.hpp"
#include "local/store/database.hpp"

namespace hoplite::local::sns {
namespace {

using namespace aws::sns;

constexpr std::size_t kPageSize = 100;
constexpr std::size_t kMaxTags = 50;

/// Topic attributes a caller may set.
bool is_topic_attribute(std::string_view name) {
  static constexpr std::string_view kNames[] = {"DisplayName",          "Policy",        "DeliveryPolicy",
                                                "KmsMasterKeyId",       "TracingConfig", "SignatureVersion",
                                                "DataProtectionPolicy", "ArchivePolicy"};
  return std::find(std::begin(kNames), std::end(kNames), name) != std::end(kNames) ||
         (name.ends_with("FeedbackRoleArn") || name.ends_with("FeedbackSampleRate"));
}

bool is_subscription_attribute(std::string_view name) {
  return name == "RawMessageDelivery" || name == "FilterPolicy" || name == "FilterPolicyScope" ||
         name == "RedrivePolicy" || name == "DeliveryPolicy" || name == "SubscriptionRoleArn";
}

core::Result<void> check_subscription_attribute(std::string_view name, const std::string& value) {
  if (!is_subscription_attribute(name)) return invalid_parameter("AttributeName");
  if (name == "RawMessageDelivery" && value != "true" && value != "false")
    return invalid_parameter("Attributes Reason: RawMessageDelivery: Invalid value [" + value.substr(0, 64) +
                             "]. Must be true or false.");
  if ((name == "FilterPolicy" || name == "RedrivePolicy" || name == "DeliveryPolicy") && !value.empty() &&
      !nlohmann::json::accept(value))
    return invalid_parameter("Attributes Reason: " + std::string(name) + ": failed to parse JSON.");
  return core::ok();
}

std::string default_policy(const std::string& arn, const std::string& account) {
  nlohmann::ordered_json statement{
      {"Sid", "__default_statement_ID"},
      {"Effect", "Allow"},
      {"Principal", {{"AWS", "*"}}},
      {"Action",
       {"SNS:GetTopicAttributes", "SNS:SetTopicAttributes", "SNS:AddPermission", "SNS:RemovePermission",
        "SNS:DeleteTopic", "SNS:Subscribe", "SNS:ListSubscriptionsByTopic", "SNS:Publish"}},
      {"Resource", arn},
      {"Condition", {{"StringEquals", {{"AWS:SourceOwner", account}}}}}};
  nlohmann::ordered_json policy{{"Version", "2008-10-17"},
                                {"Id", "__default_policy_ID"},
                                {"Statement", nlohmann::ordered_json::array({statement})}};
  return policy.dump();
}

constexpr std::string_view kEffectiveDeliveryPolicy =
    R"({"http":{"defaultHealthyRetryPolicy":{"minDelayTarget":20,"maxDelayTarget":20,"numRetries":3,)"
    R"("numMaxDelayRetries":0,"numNoDelayRetries":0,"numMinDelayRetries":0,"backoffFunction":"linear"},)"
    R"("disableSubscriptionOverrides":false,"defaultRequestPolicy":{"headerContentType":"text/plain; charset=UTF-8"}}})";

/// The topic an ARN names, or NotFound.
core::Result<StoredTopic> existing_topic(TopicTable& table, const std::string& arn) {
  auto ref = parse_topic_arn(arn);
  if (!ref) return ref.failure();
  auto t = table.topic(ref->account, ref->region, ref->name);
  if (!t) return t.failure();
  if (!*t) return topic_not_found();
  return std::move(**t);
}

core::Result<StoredSubscription> existing_subscription(TopicTable& table, const std::string& arn) {
  if (arn.empty() || !parse_topic_arn(arn.substr(0, arn.rfind(':')))) return invalid_parameter("SubscriptionArn");
  auto s = table.subscription(arn);
  if (!s) return s.failure();
  if (!*s) return aws_error("NotFound", "Subscription does not exist", 404);
  return std::move(**s);
}

core::Result<void> check_tags(const std::vector<Tag>& tags) {
  for (const auto& t : tags)
    if (t.key.empty() || t.key.size() > 128 || t.value.size() > 256)
      return invalid_parameter("Tags Reason: tag keys must be 1 to 128 characters, values at most 256.");
  if (tags.size() > kMaxTags)
    return aws_error("TagLimitExceeded", "Could not complete request: tag quota of per resource exceeded");
  return core::ok();
}

}  // namespace

core::Result<CreateTopicResponse> SnsService::create_topic(const CallContext& ctx, const CreateTopicRequest& r) {
  if (!is_topic_name(r.name)) return invalid_parameter("Topic Name");
  if (r.name.ends_with(".fifo") || r.attributes.contains("FifoTopic"))
    return invalid_parameter("Attributes Reason: FIFO topics are not supported by the local cloud.");
  for (const auto& [name, value] : r.attributes)
    if (!is_topic_attribute(name))
      return invalid_parameter("Attributes Reason: Unknown attribute " + name.substr(0, 64));
  if (auto ok = check_tags(r.tags); !ok) return ok.failure();
  const std::string arn = topic_arn(ctx.region, ctx.principal.account_id, r.name);
  auto done = house_.db.transaction([&](store::Tx& tx) -> core::Result<void> {
    TopicTable table(tx);
    auto t = table.topic(ctx.principal.account_id, ctx.region, r.name);
    if (!t) return t.failure();
    if (*t) {
      for (const auto& [name, value] : r.attributes) {
        auto have = (*t)->attributes.find(name);
        if (have == (*t)->attributes.end() || have->second != value)
          return invalid_parameter("Attributes Reason: Topic already exists with different attributes");
      }
      return core::ok();
    }
    auto id = table.create(ctx.principal.account_id, ctx.region, r.name, to_millis(ctx.now), r.attributes);
    if (!id) return id.failure();
    for (const auto& tag : r.tags)
      if (auto ok = table.put_tag(*id, tag.key, tag.value); !ok) return ok;
    return core::ok();
  });
  if (!done) return done.failure();
  return CreateTopicResponse{.topic_arn = arn};
}

core::Result<void> SnsService::delete_topic(const CallContext&, const DeleteTopicRequest& r) {
  auto ref = parse_topic_arn(r.topic_arn);
  if (!ref) return ref.failure();
  // Deleting a topic that does not exist is not an error (SNS's documentation says so).
  return house_.db.transaction([&](store::Tx& tx) -> core::Result<void> {
    TopicTable table(tx);
    auto t = table.topic(ref->account, ref->region, ref->name);
    if (!t) return t.failure();
    if (!*t) return core::ok();
    return table.remove((*t)->id);
  });
}

core::Result<ListTopicsResponse> SnsService::list_topics(const CallContext& ctx, const ListTopicsRequest& r) {
  constexpr std::string_view kListing = "sns.ListTopics";
  std::string after;
  if (r.next_token) {
    auto position = read_page_token(kListing, *r.next_token);
    if (!position) return invalid_parameter("NextToken");
    after = *position;
  }
  return house_.db.transaction<ListTopicsResponse>([&](store::Tx& tx) -> core::Result<ListTopicsResponse> {
    TopicTable table(tx);
    auto names = table.names(ctx.principal.account_id, ctx.region, after, kPageSize + 1);
    if (!names) return names.failure();
    ListTopicsResponse out;
    for (std::size_t i = 0; i < names->size() && i < kPageSize; ++i)
      out.topic_arns.push_back(topic_arn(ctx.region, ctx.principal.account_id, (*names)[i]));
    if (names->size() > kPageSize) out.next_token = page_token(kListing, (*names)[kPageSize - 1]);
    return out;
  });
}

core::Result<AttributesResponse> SnsService::get_topic_attributes(const CallContext&,
                                                                  const GetTopicAttributesRequest& r) {
  return house_.db.transaction<AttributesResponse>([&](store::Tx& tx) -> core::Result<AttributesResponse> {
    TopicTable table(tx);
    auto t = existing_topic(table, r.topic_arn);
    if (!t) return t.failure();
    auto subs = table.subscriptions(t->id, "", "", "", 100000);
    if (!subs) return subs.failure();
    auto confirmed = std::count_if(subs->begin(), subs->end(), [](const auto& s) { return s.confirmed; });
    AttributesResponse out{.attributes = t->attributes};
    const std::string arn = topic_arn(t->region, t->account, t->name);
    out.attributes.try_emplace("DisplayName", "");
    out.attributes.try_emplace("Policy", default_policy(arn, t->account));
    out.attributes["TopicArn"] = arn;
    out.attributes["Owner"] = t->account;
    out.attributes["SubscriptionsConfirmed"] = std::to_string(confirmed);
    out.attributes["SubscriptionsPending"] = std::to_string(static_cast<long>(subs->size()) - confirmed);
    out.attributes["SubscriptionsDeleted"] = "0";
    out.attributes["EffectiveDeliveryPolicy"] = std::string(kEffectiveDeliveryPolicy);
    return out;
  });
}

core::Result<void> SnsService::set_topic_attributes(const CallContext&, const SetTopicAttributesRequest& r) {
  if (!is_topic_attribute(r.attribute_name)) return invalid_parameter("AttributeName");
  if (r.attribute_name == "Policy" && r.attribute_value && !nlohmann::json::accept(*r.attribute_value))
    return invalid_parameter("Policy Error: failed to parse JSON.");
  return house_.db.transaction([&](store::Tx& tx) -> core::Result<void> {
    TopicTable table(tx);
    auto t = existing_topic(table, r.topic_arn);
    if (!t) return t.failure();
    auto attributes = t->attributes;
    if (r.attribute_value && !r.attribute_value->empty())
      attributes[r.attribute_name] = *r.attribute_value;
    else
      attributes.erase(r.attribute_name);
    return table.set_attributes(t->id, attributes);
  });
}

core::Result<SubscribeResponse> SnsService::subscribe(const CallContext& ctx, const SubscribeRequest& r) {
  static constexpr std::string_view kProtocols[] = {"sqs", "http",   "https",       "email",   "email-json",
                                                    "sms", "lambda", "application", "firehose"};
  if (std::find(std::begin(kProtocols), std::end(kProtocols), r.protocol) == std::end(kProtocols))
    return invalid_parameter("Amazon SNS does not support this protocol string: " + r.protocol.substr(0, 64));
  const std::string endpoint = r.endpoint.value_or("");
  if (r.protocol == "sqs" && !is_sqs_arn(endpoint)) return invalid_parameter("SQS endpoint ARN");
  if ((r.protocol == "http" || r.protocol == "https") && !endpoint.starts_with(r.protocol + "://"))
    return invalid_parameter("Endpoint must match the specified protocol");
  if ((r.protocol == "email" || r.protocol == "email-json") && endpoint.find('@') == std::string::npos)
    return invalid_parameter("Email address");
  if (endpoint.empty()) return invalid_parameter("Endpoint");
  for (const auto& [name, value] : r.attributes)
    if (auto ok = check_subscription_attribute(name, value); !ok) return ok.failure();
  // Protocols whose endpoint must confirm stay pending: the local cloud sends no confirmation.
  const bool confirms =
      r.protocol == "http" || r.protocol == "https" || r.protocol == "email" || r.protocol == "email-json";
  return house_.db.transaction<SubscribeResponse>([&](store::Tx& tx) -> core::Result<SubscribeResponse> {
    TopicTable table(tx);
    auto t = existing_topic(table, r.topic_arn);
    if (!t) return t.failure();
    auto subs = table.subscriptions(t->id, "", "", "", 100000);
    if (!subs) return subs.failure();
    for (const auto& s : *subs)
      if (s.protocol == r.protocol && s.endpoint == endpoint)
        return SubscribeResponse{.subscription_arn = s.confirmed || r.return_subscription_arn.value_or(false)
                                                         ? s.arn
                                                         : "pending confirmation"};
    StoredSubscription s{.arn = topic_arn(t->region, t->account, t->name) + ":" + request_id(),
                         .topic_id = t->id,
                         .protocol = r.protocol,
                         .endpoint = endpoint,
                         .owner = ctx.principal.account_id,
                         .confirmed = !confirms,
                         .attributes = r.attributes};
    // Who subscribed: GetSubscriptionAttributes shows it (recorded: cfn-sns-update_subscription);
    // read-only, since SetSubscriptionAttributes knows no such name.
    s.attributes["SubscriptionPrincipal"] = ctx.principal.arn;
    if (auto ok = table.add_subscription(s); !ok) return ok.failure();
    return SubscribeResponse{
        .subscription_arn = !confirms || r.return_subscription_arn.value_or(false) ? s.arn : "pending confirmation"};
  });
}

core::Result<void> SnsService::unsubscribe(const CallContext&, const UnsubscribeRequest& r) {
  return house_.db.transaction([&](store::Tx& tx) -> core::Result<void> {
    TopicTable table(tx);
    auto s = existing_subscription(table, r.subscription_arn);
    if (!s) return s.failure();
    if (auto gone = table.remove_subscription(s->arn); !gone) return gone.failure();
    return core::ok();
  });
}

core::Result<ListSubscriptionsResponse> SnsService::list_subscriptions(const CallContext& ctx,
                                                                       const ListSubscriptionsRequest& r) {
  const std::string listing = "sns.ListSubscriptions." + r.topic_arn.value_or("");
  std::string after;
  if (r.next_token) {
    auto position = read_page_token(listing, *r.next_token);
    if (!position) return invalid_parameter("NextToken");
    after = *position;
  }
  return house_.db.transaction<ListSubscriptionsResponse>(
      [&](store::Tx& tx) -> core::Result<ListSubscriptionsResponse> {
        TopicTable table(tx);
        std::int64_t topic_id = 0;
        if (r.topic_arn) {
          auto t = existing_topic(table, *r.topic_arn);
          if (!t) return t.failure();
          topic_id = t->id;
        }
        auto subs = table.subscriptions(topic_id, ctx.principal.account_id, ctx.region, after, kPageSize + 1);
        if (!subs) return subs.failure();
        ListSubscriptionsResponse out;
        for (std::size_t i = 0; i < subs->size() && i < kPageSize; ++i) {
          const auto& s = (*subs)[i];
          out.subscriptions.push_back({.subscription_arn = s.confirmed ? s.arn : "PendingConfirmation",
                                       .owner = s.owner,
                                       .protocol = s.protocol,
                                       .endpoint = s.endpoint,
                                       .topic_arn = s.topic_arn});
        }
        if (subs->size() > kPageSize) out.next_token = page_token(listing, (*subs)[kPageSize - 1].arn);
        return out;
      });
}

core::Result<AttributesResponse> SnsService::get_subscription_attributes(const CallContext&,
                                                                         const GetSubscriptionAttributesRequest& r) {
  return house_.db.transaction<AttributesResponse>([&](store::Tx& tx) -> core::Result<AttributesResponse> {
    TopicTable table(tx);
    auto s = existing_subscription(table, r.subscription_arn);
    if (!s) return s.failure();
    AttributesResponse out{.attributes = s->attributes};
    out.attributes.try_emplace("RawMessageDelivery", "false");
    out.attributes["SubscriptionArn"] = s->arn;
    out.attributes["TopicArn"] = s->topic_arn;
    out.attributes["Owner"] = s->owner;
    out.attributes["Protocol"] = s->protocol;
    out.attributes["Endpoint"] = s->endpoint;
    out.attributes["PendingConfirmation"] = s->confirmed ? "false" : "true";
    out.attributes["ConfirmationWasAuthenticated"] = s->confirmed ? "true" : "false";
    return out;
  });
}

core::Result<void> SnsService::set_subscription_attributes(const CallContext&,
                                                           const SetSubscriptionAttributesRequest& r) {
  if (auto ok = check_subscription_attribute(r.attribute_name, r.attribute_value.value_or("")); !ok) return ok;
  return house_.db.transaction([&](store::Tx& tx) -> core::Result<void> {
    TopicTable table(tx);
    auto s = existing_subscription(table, r.subscription_arn);
    if (!s) return s.failure();
    auto attributes = s->attributes;
    if (r.attribute_value && !r.attribute_value->empty())
      attributes[r.attribute_name] = *r.attribute_value;
    else
      attributes.erase(r.attribute_name);
    return table.set_subscription_attributes(s->arn, attributes);
  });
}

core::Result<void> SnsService::tag_resource(const CallContext&, const TagResourceRequest& r) {
  if (auto ok = check_tags(r.tags); !ok) return ok;
  return house_.db.transaction([&](store::Tx& tx) -> core::Result<void> {
    TopicTable table(tx);
    auto t = existing_topic(table, r.resource_arn);
    if (!t) return aws_error("ResourceNotFound", "Resource does not exist", 404);
    auto current = table.tags(t->id);
    if (!current) return current.failure();
    std::map<std::string, std::string> merged(current->begin(), current->end());
    for (const auto& tag : r.tags) merged[tag.key] = tag.value;
    if (merged.size() > kMaxTags)
      return aws_error("TagLimitExceeded", "Could not complete request: tag quota of per resource exceeded");
    for (const auto& tag : r.tags)
      if (auto ok = table.put_tag(t->id, tag.key, tag.value); !ok) return ok;
    return core::ok();
  });
}

core::Result<void> SnsService::untag_resource(const CallContext&, const UntagResourceRequest& r) {
  return house_.db.transaction([&](store::Tx& tx) -> core::Result<void> {
    TopicTable table(tx);
    auto t = existing_topic(table, r.resource_arn);
    if (!t) return aws_error("ResourceNotFound", "Resource does not exist", 404);
    for (const auto& key : r.tag_keys)
      if (auto ok = table.remove_tag(t->id, key); !ok) return ok;
    return core::ok();
  });
}

core::Result<ListTagsForResourceResponse> SnsService::list_tags_for_resource(const CallContext&,
                                                                             const ListTagsForResourceRequest& r) {
  return house_.db.transaction<ListTagsForResourceResponse>(
      [&](store::Tx& tx) -> core::Result<ListTagsForResourceResponse> {
        TopicTable table(tx);
        auto t = existing_topic(table, r.resource_arn);
        if (!t) return aws_error("ResourceNotFound", "Resource does not exist", 404);
        auto tags = table.tags(t->id);
        if (!tags) return tags.failure();
        ListTagsForResourceResponse out;
        for (auto& [k, v] : *tags) out.tags.push_back({k, v});
        return out;
      });
}

}  // namespace hoplite::local::sns
