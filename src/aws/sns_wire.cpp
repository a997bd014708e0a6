#include "hoplite/aws/sns_wire.hpp"

#include "hoplite/core/base64.hpp"

namespace hoplite::aws::sns::wire {
namespace {

/// Most entries read from one list or map: above SNS's limits (50 tags, 10 message attributes).
constexpr std::size_t kMaxEntries = 1000;

void add_tags(QueryParams& p, const std::vector<Tag>& tags) {
  for (std::size_t i = 0; i < tags.size(); ++i) {
    std::string m = QueryParams::member("Tags", i + 1);
    p.add(m + ".Key", tags[i].key).add(m + ".Value", tags[i].value);
  }
}

std::vector<Tag> read_tags(const QueryReader& in) {
  std::vector<Tag> out;
  for (std::size_t i = 1; i <= kMaxEntries; ++i) {
    std::string m = QueryParams::member("Tags", i);
    auto key = in.string(m + ".Key");
    if (!key) break;
    out.push_back({*key, in.string(m + ".Value").value_or("")});
  }
  return out;
}

void write_attributes(XmlWriter& out, const std::map<std::string, std::string>& attributes) {
  out.open("Attributes");
  for (const auto& [k, v] : attributes) out.open("entry").element("key", k).element("value", v).close();
  out.close();
}

std::map<std::string, std::string> read_attributes(const XmlElement& result) {
  std::map<std::string, std::string> out;
  if (const auto* a = result.child("Attributes"))
    for (const auto* e : a->children_named("entry")) out[e->text_at("key")] = e->text_at("value");
  return out;
}

QueryParams one(std::string_view key, const std::string& value) {
  QueryParams p;
  p.add(std::string(key), value);
  return p;
}

}  // namespace

QueryParams encode_request(const CreateTopicRequest& r) {
  QueryParams p;
  p.add("Name", r.name);
  p.add_map("Attributes", r.attributes);
  add_tags(p, r.tags);
  return p;
}

core::Result<CreateTopicRequest> decode_create_topic_request(const QueryParams& params) {
  QueryReader in(params);
  return CreateTopicRequest{
      .name = in.string("Name").value_or(""), .attributes = in.map("Attributes"), .tags = read_tags(in)};
}

void encode_response(const CreateTopicResponse& r, XmlWriter& result) { result.element("TopicArn", r.topic_arn); }
core::Result<CreateTopicResponse> decode_create_topic_response(const XmlElement& result) {
  return CreateTopicResponse{.topic_arn = result.text_at("TopicArn")};
}

QueryParams encode_request(const DeleteTopicRequest& r) { return one("TopicArn", r.topic_arn); }
core::Result<DeleteTopicRequest> decode_delete_topic_request(const QueryParams& params) {
  return DeleteTopicRequest{.topic_arn = QueryReader(params).string("TopicArn").value_or("")};
}

QueryParams encode_request(const ListTopicsRequest& r) {
  QueryParams p;
  p.add("NextToken", r.next_token);
  return p;
}
core::Result<ListTopicsRequest> decode_list_topics_request(const QueryParams& params) {
  return ListTopicsRequest{.next_token = QueryReader(params).string("NextToken")};
}

void encode_response(const ListTopicsResponse& r, XmlWriter& result) {
  result.open("Topics");
  for (const auto& arn : r.topic_arns) result.open("member").element("TopicArn", arn).close();
  result.close().optional_element("NextToken", r.next_token);
}

core::Result<ListTopicsResponse> decode_list_topics_response(const XmlElement& result) {
  ListTopicsResponse out;
  for (const auto* m : result.members("Topics")) out.topic_arns.push_back(m->text_at("TopicArn"));
  out.next_token = result.optional_text("NextToken");
  return out;
}

QueryParams encode_request(const GetTopicAttributesRequest& r) { return one("TopicArn", r.topic_arn); }
core::Result<GetTopicAttributesRequest> decode_get_topic_attributes_request(const QueryParams& params) {
  return GetTopicAttributesRequest{.topic_arn = QueryReader(params).string("TopicArn").value_or("")};
}

void encode_response(const AttributesResponse& r, XmlWriter& result) { write_attributes(result, r.attributes); }
core::Result<AttributesResponse> decode_attributes_response(const XmlElement& result) {
  return AttributesResponse{.attributes = read_attributes(result)};
}

QueryParams encode_request(const SetTopicAttributesRequest& r) {
  QueryParams p = one("TopicArn", r.topic_arn);
  p.add("AttributeName", r.attribute_name).add("AttributeValue", r.attribute_value);
  return p;
}
core::Result<SetTopicAttributesRequest> decode_set_topic_attributes_request(const QueryParams& params) {
  QueryReader in(params);
  return SetTopicAttributesRequest{.topic_arn = in.string("TopicArn").value_or(""),
                                   .attribute_name = in.string("AttributeName").value_or(""),
                                   .attribute_value = in.string("AttributeValue")};
}

QueryParams encode_request(const SubscribeRequest& r) {
  QueryParams p = one("TopicArn", r.topic_arn);
  p.add("Protocol", r.protocol).add("Endpoint", r.endpoint);
  p.add_map("Attributes", r.attributes);
  if (r.return_subscription_arn) p.add("ReturnSubscriptionArn", *r.return_subscription_arn ? "true" : "false");
  return p;
}

core::Result<SubscribeRequest> decode_subscribe_request(const QueryParams& params) {
  QueryReader in(params);
  auto ret = in.boolean("ReturnSubscriptionArn", "returnSubscriptionArn");
  if (!ret) return ret.failure();
  return SubscribeRequest{.topic_arn = in.string("TopicArn").value_or(""),
                          .protocol = in.string("Protocol").value_or(""),
                          .endpoint = in.string("Endpoint"),
                          .attributes = in.map("Attributes"),
                          .return_subscription_arn = *ret};
}

void encode_response(const SubscribeResponse& r, XmlWriter& result) {
  result.element("SubscriptionArn", r.subscription_arn);
}
core::Result<SubscribeResponse> decode_subscribe_response(const XmlElement& result) {
  return SubscribeResponse{.subscription_arn = result.text_at("SubscriptionArn")};
}

QueryParams encode_request(const UnsubscribeRequest& r) { return one("SubscriptionArn", r.subscription_arn); }
core::Result<UnsubscribeRequest> decode_unsubscribe_request(const QueryParams& params) {
  return UnsubscribeRequest{.subscription_arn = QueryReader(params).string("SubscriptionArn").value_or("")};
}

QueryParams encode_request(const ListSubscriptionsRequest& r) {
  QueryParams p;
  p.add("TopicArn", r.topic_arn).add("NextToken", r.next_token);
  return p;
}
core::Result<ListSubscriptionsRequest> decode_list_subscriptions_request(const QueryParams& params) {
  QueryReader in(params);
  return ListSubscriptionsRequest{.topic_arn = in.string("TopicArn"), .next_token = in.string("NextToken")};
}

void encode_response(const ListSubscriptionsResponse& r, XmlWriter& result) {
  result.open("Subscriptions");
  for (const auto& s : r.subscriptions)
    result.open("member")
        .element("SubscriptionArn", s.subscription_arn)
        .element("Owner", s.owner)
        .element("Protocol", s.protocol)
        .element("Endpoint", s.endpoint)
        .element("TopicArn", s.topic_arn)
        .close();
  result.close().optional_element("NextToken", r.next_token);
}

core::Result<ListSubscriptionsResponse> decode_list_subscriptions_response(const XmlElement& result) {
  ListSubscriptionsResponse out;
  for (const auto* m : result.members("Subscriptions"))
    out.subscriptions.push_back({.subscription_arn = m->text_at("SubscriptionArn"),
                                 .owner = m->text_at("Owner"),
                                 .protocol = m->text_at("Protocol"),
                                 .endpoint = m->text_at("Endpoint"),
                                 .topic_arn = m->text_at("TopicArn")});
  out.next_token = result.optional_text("NextToken");
  return out;
}

QueryParams encode_request(const GetSubscriptionAttributesRequest& r) {
  return one("SubscriptionArn", r.subscription_arn);
}
core::Result<GetSubscriptionAttributesRequest> decode_get_subscription_attributes_request(const QueryParams& params) {
  return GetSubscriptionAttributesRequest{.subscription_arn =
                                              QueryReader(params).string("SubscriptionArn").value_or("")};
}

QueryParams encode_request(const SetSubscriptionAttributesRequest& r) {
  QueryParams p = one("SubscriptionArn", r.subscription_arn);
  p.add("AttributeName", r.attribute_name).add("AttributeValue", r.attribute_value);
  return p;
}
core::Result<SetSubscriptionAttributesRequest> decode_set_subscription_attributes_request(const QueryParams& params) {
  QueryReader in(params);
  return SetSubscriptionAttributesRequest{.subscription_arn = in.string("SubscriptionArn").value_or(""),
                                          .attribute_name = in.string("AttributeName").value_or(""),
                                          .attribute_value = in.string("AttributeValue")};
}

QueryParams encode_request(const PublishRequest& r) {
  QueryParams p;
  if (!r.topic_arn.empty()) p.add("TopicArn", r.topic_arn);
  p.add("TargetArn", r.target_arn).add("Message", r.message).add("Subject", r.subject);
  p.add("MessageStructure", r.message_structure);
  std::size_t i = 0;
  for (const auto& [name, value] : r.message_attributes) {
    std::string e = QueryParams::entry("MessageAttributes", ++i);
    p.add(e + ".Name", name).add(e + ".Value.DataType", value.data_type);
    p.add(e + ".Value.StringValue", value.string_value);
    if (value.binary_value) p.add(e + ".Value.BinaryValue", core::base64_encode(*value.binary_value));
  }
  p.add("MessageDeduplicationId", r.message_deduplication_id).add("MessageGroupId", r.message_group_id);
  return p;
}

core::Result<PublishRequest> decode_publish_request(const QueryParams& params) {
  QueryReader in(params);
  PublishRequest out{.topic_arn = in.string("TopicArn").value_or(""),
                     .target_arn = in.string("TargetArn"),
                     .message = in.string("Message").value_or(""),
                     .subject = in.string("Subject"),
                     .message_structure = in.string("MessageStructure")};
  for (std::size_t i = 1; i <= kMaxEntries; ++i) {
    std::string e = QueryParams::entry("MessageAttributes", i);
    auto name = in.string(e + ".Name");
    if (!name) break;
    MessageAttributeValue v{.data_type = in.string(e + ".Value.DataType").value_or(""),
                            .string_value = in.string(e + ".Value.StringValue")};
    if (auto b = in.string(e + ".Value.BinaryValue")) {
      auto bytes = core::base64_decode(*b);
      if (!bytes)
        return core::fail(core::Error{
            "InvalidParameterValue",
            "The message attribute '" + name->substr(0, 256) + "' has an invalid binary value: it is not base64.",
            400,
            false,
            {}});
      v.binary_value = std::move(*bytes);
    }
    out.message_attributes[*name] = std::move(v);
  }
  out.message_deduplication_id = in.string("MessageDeduplicationId");
  out.message_group_id = in.string("MessageGroupId");
  return out;
}

void encode_response(const PublishResponse& r, XmlWriter& result) {
  result.element("MessageId", r.message_id).optional_element("SequenceNumber", r.sequence_number);
}
core::Result<PublishResponse> decode_publish_response(const XmlElement& result) {
  return PublishResponse{.message_id = result.text_at("MessageId"),
                         .sequence_number = result.optional_text("SequenceNumber")};
}

QueryParams encode_request(const TagResourceRequest& r) {
  QueryParams p = one("ResourceArn", r.resource_arn);
  add_tags(p, r.tags);
  return p;
}
core::Result<TagResourceRequest> decode_tag_resource_request(const QueryParams& params) {
  QueryReader in(params);
  return TagResourceRequest{.resource_arn = in.string("ResourceArn").value_or(""), .tags = read_tags(in)};
}

QueryParams encode_request(const UntagResourceRequest& r) {
  QueryParams p = one("ResourceArn", r.resource_arn);
  p.add_list("TagKeys", r.tag_keys);
  return p;
}
core::Result<UntagResourceRequest> decode_untag_resource_request(const QueryParams& params) {
  QueryReader in(params);
  return UntagResourceRequest{.resource_arn = in.string("ResourceArn").value_or(""), .tag_keys = in.list("TagKeys")};
}

QueryParams encode_request(const ListTagsForResourceRequest& r) { return one("ResourceArn", r.resource_arn); }
core::Result<ListTagsForResourceRequest> decode_list_tags_for_resource_request(const QueryParams& params) {
  return ListTagsForResourceRequest{.resource_arn = QueryReader(params).string("ResourceArn").value_or("")};
}

void encode_response(const ListTagsForResourceResponse& r, XmlWriter& result) {
  result.open("Tags");
  for (const auto& t : r.tags) result.open("member").element("Key", t.key).element("Value", t.value).close();
  result.close();
}
core::Result<ListTagsForResourceResponse> decode_list_tags_for_resource_response(const XmlElement& result) {
  ListTagsForResourceResponse out;
  for (const auto* m : result.members("Tags")) out.tags.push_back({m->text_at("Key"), m->text_at("Value")});
  return out;
}

}  // namespace hoplite::aws::sns::wire
