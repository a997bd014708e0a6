#pragma once
/// \file
/// Amazon SNS: topics, subscriptions, publishing. The request and response shapes are shared
/// with the local cloud's SNS (sns_wire.hpp encodes and decodes them both ways).
/// API: https://docs.aws.amazon.com/sns/latest/api/

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "hoplite/aws/caller.hpp"
#include "hoplite/aws/message_attributes.hpp"

namespace hoplite::aws::sns {

/// Query protocol, version 2010-03-31, signing name `sns`.
[[nodiscard]] ServiceInfo service_info();

struct Tag {
  std::string key;
  std::string value;
  bool operator==(const Tag&) const = default;
};

struct CreateTopicRequest {
  std::string name;                               ///< 1–256 of A-Za-z0-9_- (FIFO topics: `.fifo`)
  std::map<std::string, std::string> attributes;  ///< DisplayName, Policy, DeliveryPolicy, …
  std::vector<Tag> tags;
};
struct CreateTopicResponse {
  std::string topic_arn;
};

struct DeleteTopicRequest {
  std::string topic_arn;
};

struct ListTopicsRequest {
  std::optional<std::string> next_token;
};
struct ListTopicsResponse {
  std::vector<std::string> topic_arns;
  std::optional<std::string> next_token;
};

struct GetTopicAttributesRequest {
  std::string topic_arn;
};
struct AttributesResponse {  ///< GetTopicAttributes and GetSubscriptionAttributes
  std::map<std::string, std::string> attributes;
};

struct SetTopicAttributesRequest {
  std::string topic_arn;
  std::string attribute_name;
  std::optional<std::string> attribute_value;
};

struct SubscribeRequest {
  std::string topic_arn;
  std::string protocol;  ///< sqs, http, https, email, email-json, sms, lambda, application, firehose
  std::optional<std::string> endpoint;
  std::map<std::string, std::string> attributes;  ///< RawMessageDelivery, FilterPolicy, …
  std::optional<bool> return_subscription_arn;
};
struct SubscribeResponse {
  std::string subscription_arn;  ///< "pending confirmation" for protocols that confirm
};

struct UnsubscribeRequest {
  std::string subscription_arn;
};

struct Subscription {
  std::string subscription_arn;
  std::string owner;
  std::string protocol;
  std::string endpoint;
  std::string topic_arn;
};

struct ListSubscriptionsRequest {
  std::optional<std::string> topic_arn;  ///< ListSubscriptionsByTopic when set
  std::optional<std::string> next_token;
};
struct ListSubscriptionsResponse {
  std::vector<Subscription> subscriptions;
  std::optional<std::string> next_token;
};

struct GetSubscriptionAttributesRequest {
  std::string subscription_arn;
};
struct SetSubscriptionAttributesRequest {
  std::string subscription_arn;
  std::string attribute_name;
  std::optional<std::string> attribute_value;
};

struct PublishRequest {
  std::string topic_arn;
  std::optional<std::string> target_arn;
  std::string message;
  std::optional<std::string> subject;
  std::optional<std::string> message_structure;  ///< `json`: Message is a JSON object per protocol
  MessageAttributes message_attributes;
  std::optional<std::string> message_group_id;          ///< FIFO topics only
  std::optional<std::string> message_deduplication_id;  ///< FIFO topics only
};
struct PublishResponse {
  std::string message_id;
  std::optional<std::string> sequence_number;
};

struct TagResourceRequest {
  std::string resource_arn;
  std::vector<Tag> tags;
};
struct UntagResourceRequest {
  std::string resource_arn;
  std::vector<std::string> tag_keys;
};
struct ListTagsForResourceRequest {
  std::string resource_arn;
};
struct ListTagsForResourceResponse {
  std::vector<Tag> tags;
};

class Client {
 public:
  explicit Client(const ClientConfig& config);

  /// Returns the message id.
  core::Result<std::string> publish(const PublishRequest& request);
  core::Result<CreateTopicResponse> create_topic(const CreateTopicRequest& request);
  core::Result<void> delete_topic(const DeleteTopicRequest& request);
  core::Result<ListTopicsResponse> list_topics(const ListTopicsRequest& request);
  core::Result<AttributesResponse> get_topic_attributes(const GetTopicAttributesRequest& request);
  core::Result<void> set_topic_attributes(const SetTopicAttributesRequest& request);
  core::Result<SubscribeResponse> subscribe(const SubscribeRequest& request);
  core::Result<void> unsubscribe(const UnsubscribeRequest& request);
  /// ListSubscriptions, or ListSubscriptionsByTopic when the request names a topic.
  core::Result<ListSubscriptionsResponse> list_subscriptions(const ListSubscriptionsRequest& request);
  core::Result<AttributesResponse> get_subscription_attributes(const GetSubscriptionAttributesRequest& request);
  core::Result<void> set_subscription_attributes(const SetSubscriptionAttributesRequest& request);
  core::Result<void> tag_resource(const TagResourceRequest& request);
  core::Result<void> untag_resource(const UntagResourceRequest& request);
  core::Result<ListTagsForResourceResponse> list_tags_for_resource(const ListTagsForResourceRequest& request);

 private:
  Caller caller_;
};

}  // namespace hoplite::aws::sns
