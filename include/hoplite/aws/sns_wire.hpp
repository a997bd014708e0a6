#pragma once
/// \file
/// SNS on the wire, both directions (see docs/local.md, "Wire shapes"). Query protocol:
/// maps are `X.entry.N.key/value` (`MessageAttributes.entry.N.Name/Value.*`), lists
/// `X.member.N`.

#include "hoplite/aws/protocol_query.hpp"
#include "hoplite/aws/sns.hpp"
#include "hoplite/aws/xml.hpp"
#include "hoplite/aws/xml_writer.hpp"
#include "hoplite/core/result.hpp"

namespace hoplite::aws::sns::wire {

inline constexpr std::string_view kApiVersion = "2010-03-31";
inline constexpr std::string_view kXmlNamespace = "http://sns.amazonaws.com/doc/2010-03-31/";

[[nodiscard]] QueryParams encode_request(const CreateTopicRequest& request);
core::Result<CreateTopicRequest> decode_create_topic_request(const QueryParams& params);
void encode_response(const CreateTopicResponse& response, XmlWriter& result);
core::Result<CreateTopicResponse> decode_create_topic_response(const XmlElement& result);

[[nodiscard]] QueryParams encode_request(const DeleteTopicRequest& request);
core::Result<DeleteTopicRequest> decode_delete_topic_request(const QueryParams& params);

[[nodiscard]] QueryParams encode_request(const ListTopicsRequest& request);
core::Result<ListTopicsRequest> decode_list_topics_request(const QueryParams& params);
void encode_response(const ListTopicsResponse& response, XmlWriter& result);
core::Result<ListTopicsResponse> decode_list_topics_response(const XmlElement& result);

[[nodiscard]] QueryParams encode_request(const GetTopicAttributesRequest& request);
core::Result<GetTopicAttributesRequest> decode_get_topic_attributes_request(const QueryParams& params);
void encode_response(const AttributesResponse& response, XmlWriter& result);
core::Result<AttributesResponse> decode_attributes_response(const XmlElement& result);

[[nodiscard]] QueryParams encode_request(const SetTopicAttributesRequest& request);
core::Result<SetTopicAttributesRequest> decode_set_topic_attributes_request(const QueryParams& params);

[[nodiscard]] QueryParams encode_request(const SubscribeRequest& request);
core::Result<SubscribeRequest> decode_subscribe_request(const QueryParams& params);
void encode_response(const SubscribeResponse& response, XmlWriter& result);
core::Result<SubscribeResponse> decode_subscribe_response(const XmlElement& result);

[[nodiscard]] QueryParams encode_request(const UnsubscribeRequest& request);
core::Result<UnsubscribeRequest> decode_unsubscribe_request(const QueryParams& params);

/// ListSubscriptions (no TopicArn) and ListSubscriptionsByTopic.
[[nodiscard]] QueryParams encode_request(const ListSubscriptionsRequest& request);
core::Result<ListSubscriptionsRequest> decode_list_subscriptions_request(const QueryParams& params);
void encode_response(const ListSubscriptionsResponse& response, XmlWriter& result);
core::Result<ListSubscriptionsResponse> decode_list_subscriptions_response(const XmlElement& result);

[[nodiscard]] QueryParams encode_request(const GetSubscriptionAttributesRequest& request);
core::Result<GetSubscriptionAttributesRequest> decode_get_subscription_attributes_request(const QueryParams& params);
[[nodiscard]] QueryParams encode_request(const SetSubscriptionAttributesRequest& request);
core::Result<SetSubscriptionAttributesRequest> decode_set_subscription_attributes_request(const QueryParams& params);

[[nodiscard]] QueryParams encode_request(const PublishRequest& request);
core::Result<PublishRequest> decode_publish_request(const QueryParams& params);
void encode_response(const PublishResponse& response, XmlWriter& result);
core::Result<PublishResponse> decode_publish_response(const XmlElement& result);

[[nodiscard]] QueryParams encode_request(const TagResourceRequest& request);
core::Result<TagResourceRequest> decode_tag_resource_request(const QueryParams& params);
[[nodiscard]] QueryParams encode_request(const UntagResourceRequest& request);
core::Result<UntagResourceRequest> decode_untag_resource_request(const QueryParams& params);
[[nodiscard]] QueryParams encode_request(const ListTagsForResourceRequest& request);
core::Result<ListTagsForResourceRequest> decode_list_tags_for_resource_request(const QueryParams& params);
void encode_response(const ListTagsForResourceResponse& response, XmlWriter& result);
core::Result<ListTagsForResourceResponse> decode_list_tags_for_resource_response(const XmlElement& result);

}  // namespace hoplite::aws::sns::wire
