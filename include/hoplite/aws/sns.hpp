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

/// AWS's `Tag` data type: https://docs.aws.amazon.com/sns/latest/api/API_Tag.html
struct Tag {
  std::string key;                              ///< `Key` on the wire
  std::string value;                            ///< `Value` on the wire
  bool operator==(const Tag&) const = default;  ///< member-wise
};

/// The parameters of CreateTopic (Client::create_topic).
struct CreateTopicRequest {
  std::string name;                               ///< 1–256 of A-Za-z0-9_- (FIFO topics: `.fifo`)
  std::map<std::string, std::string> attributes;  ///< DisplayName, Policy, DeliveryPolicy, …
  std::vector<Tag> tags;                          ///< `Tags` on the wire
};
/// What CreateTopic returns.
struct CreateTopicResponse {
  std::string topic_arn;  ///< `TopicArn` on the wire
};

/// The parameters of DeleteTopic (Client::delete_topic).
struct DeleteTopicRequest {
  std::string topic_arn;  ///< `TopicArn` on the wire
};

/// The parameters of ListTopics (Client::list_topics).
struct ListTopicsRequest {
  std::optional<std::string> next_token;  ///< `NextToken` on the wire
};
/// What ListTopics returns.
struct ListTopicsResponse {
  std::vector<std::string> topic_arns;    ///< items named `TopicArn` on the wire
  std::optional<std::string> next_token;  ///< `NextToken` on the wire
};

/// The parameters of GetTopicAttributes (Client::get_topic_attributes).
struct GetTopicAttributesRequest {
  std::string topic_arn;  ///< `TopicArn` on the wire
};
/// What GetTopicAttributes and GetSubscriptionAttributes return.
struct AttributesResponse {  ///< GetTopicAttributes and GetSubscriptionAttributes
  std::map<std::string, std::string> attributes;
};

/// The parameters of SetTopicAttributes (Client::set_topic_attributes).
struct SetTopicAttributesRequest {
  std::string topic_arn;                       ///< `TopicArn` on the wire
  std::string attribute_name;                  ///< `AttributeName` on the wire
  std::optional<std::string> attribute_value;  ///< `AttributeValue` on the wire
};

/// The parameters of Subscribe (Client::subscribe).
struct SubscribeRequest {
  std::string topic_arn;                ///< `TopicArn` on the wire
  std::string protocol;                 ///< sqs, http, https, email, email-json, sms, lambda, application, firehose
  std::optional<std::string> endpoint;  ///< `Endpoint` on the wire
  std::map<std::string, std::string> attributes;  ///< RawMessageDelivery, FilterPolicy, …
  std::optional<bool> return_subscription_arn;    ///< `ReturnSubscriptionArn` on the wire
};
/// What Subscribe returns.
struct SubscribeResponse {
  std::string subscription_arn;  ///< "pending confirmation" for protocols that confirm
};

/// The parameters of Unsubscribe (Client::unsubscribe).
struct UnsubscribeRequest {
  std::string subscription_arn;  ///< `SubscriptionArn` on the wire
};

/// AWS's `Subscription` data type: https://docs.aws.amazon.com/sns/latest/api/API_Subscription.html
struct Subscription {
  std::string subscription_arn;  ///< `SubscriptionArn` on the wire
  std::string owner;             ///< `Owner` on the wire
  std::string protocol;          ///< `Protocol` on the wire
  std::string endpoint;          ///< `Endpoint` on the wire
  std::string topic_arn;         ///< `TopicArn` on the wire
};

/// The parameters of ListSubscriptionsByTopic (Client::list_subscriptions).
struct ListSubscriptionsRequest {
  std::optional<std::string> topic_arn;   ///< ListSubscriptionsByTopic when set
  std::optional<std::string> next_token;  ///< `NextToken` on the wire
};
/// What ListSubscriptionsByTopic returns.
struct ListSubscriptionsResponse {
  std::vector<Subscription> subscriptions;  ///< `Subscriptions` on the wire
  std::optional<std::string> next_token;    ///< `NextToken` on the wire
};

/// The parameters of GetSubscriptionAttributes (Client::get_subscription_attributes).
struct GetSubscriptionAttributesRequest {
  std::string subscription_arn;  ///< `SubscriptionArn` on the wire
};
/// The parameters of SetSubscriptionAttributes (Client::set_subscription_attributes).
struct SetSubscriptionAttributesRequest {
  std::string subscription_arn;                ///< `SubscriptionArn` on the wire
  std::string attribute_name;                  ///< `AttributeName` on the wire
  std::optional<std::string> attribute_value;  ///< `AttributeValue` on the wire
};

/// The parameters of Publish (Client::publish).
struct PublishRequest {
  std::string topic_arn;                                ///< `TopicArn` on the wire
  std::optional<std::string> target_arn;                ///< `TargetArn` on the wire
  std::string message;                                  ///< `Message` on the wire
  std::optional<std::string> subject;                   ///< `Subject` on the wire
  std::optional<std::string> message_structure;         ///< `json`: Message is a JSON object per protocol
  MessageAttributes message_attributes;                 ///< `MessageAttributes` on the wire
  std::optional<std::string> message_group_id;          ///< FIFO topics only
  std::optional<std::string> message_deduplication_id;  ///< FIFO topics only
};
/// What Publish returns.
struct PublishResponse {
  std::string message_id;                      ///< `MessageId` on the wire
  std::optional<std::string> sequence_number;  ///< `SequenceNumber` on the wire
};

/// The parameters of TagResource (Client::tag_resource).
struct TagResourceRequest {
  std::string resource_arn;  ///< `ResourceArn` on the wire
  std::vector<Tag> tags;     ///< `Tags` on the wire
};
/// The parameters of UntagResource (Client::untag_resource).
struct UntagResourceRequest {
  std::string resource_arn;           ///< `ResourceArn` on the wire
  std::vector<std::string> tag_keys;  ///< `TagKeys` on the wire
};
/// The parameters of ListTagsForResource (Client::list_tags_for_resource).
struct ListTagsForResourceRequest {
  std::string resource_arn;  ///< `ResourceArn` on the wire
};
/// What ListTagsForResource returns.
struct ListTagsForResourceResponse {
  std::vector<Tag> tags;  ///< `Tags` on the wire
};

/// The SNS client: one method per action, each signed, sent and retried through a Caller.
class Client {
 public:
  /// A client that signs and sends with `config` (region, credentials, HTTP client, clock, endpoint, retries).
  explicit Client(const ClientConfig& config);

  /// Returns the message id.
  core::Result<std::string> publish(const PublishRequest& request);
  /// Calls CreateTopic: https://docs.aws.amazon.com/sns/latest/api/API_CreateTopic.html
  core::Result<CreateTopicResponse> create_topic(const CreateTopicRequest& request);
  /// Calls DeleteTopic: https://docs.aws.amazon.com/sns/latest/api/API_DeleteTopic.html
  core::Result<void> delete_topic(const DeleteTopicRequest& request);
  /// Calls ListTopics: https://docs.aws.amazon.com/sns/latest/api/API_ListTopics.html
  core::Result<ListTopicsResponse> list_topics(const ListTopicsRequest& request);
  /// Calls GetTopicAttributes: https://docs.aws.amazon.com/sns/latest/api/API_GetTopicAttributes.html
  core::Result<AttributesResponse> get_topic_attributes(const GetTopicAttributesRequest& request);
  /// Calls SetTopicAttributes: https://docs.aws.amazon.com/sns/latest/api/API_SetTopicAttributes.html
  core::Result<void> set_topic_attributes(const SetTopicAttributesRequest& request);
  /// Calls Subscribe: https://docs.aws.amazon.com/sns/latest/api/API_Subscribe.html
  core::Result<SubscribeResponse> subscribe(const SubscribeRequest& request);
  /// Calls Unsubscribe: https://docs.aws.amazon.com/sns/latest/api/API_Unsubscribe.html
  core::Result<void> unsubscribe(const UnsubscribeRequest& request);
  /// ListSubscriptions, or ListSubscriptionsByTopic when the request names a topic.
  core::Result<ListSubscriptionsResponse> list_subscriptions(const ListSubscriptionsRequest& request);
  /// Calls GetSubscriptionAttributes: https://docs.aws.amazon.com/sns/latest/api/API_GetSubscriptionAttributes.html
  core::Result<AttributesResponse> get_subscription_attributes(const GetSubscriptionAttributesRequest& request);
  /// Calls SetSubscriptionAttributes: https://docs.aws.amazon.com/sns/latest/api/API_SetSubscriptionAttributes.html
  core::Result<void> set_subscription_attributes(const SetSubscriptionAttributesRequest& request);
  /// Calls TagResource: https://docs.aws.amazon.com/sns/latest/api/API_TagResource.html
  core::Result<void> tag_resource(const TagResourceRequest& request);
  /// Calls UntagResource: https://docs.aws.amazon.com/sns/latest/api/API_UntagResource.html
  core::Result<void> untag_resource(const UntagResourceRequest& request);
  /// Calls ListTagsForResource: https://docs.aws.amazon.com/sns/latest/api/API_ListTagsForResource.html
  core::Result<ListTagsForResourceResponse> list_tags_for_resource(const ListTagsForResourceRequest& request);

 private:
  Caller caller_;
};

}  // namespace hoplite::aws::sns
