#include "hoplite/aws/sns.hpp"

#include "aws/protocol/response.hpp"
#include "hoplite/aws/sns_wire.hpp"

namespace hoplite::aws::sns {
namespace {

template <typename Request, typename Decode>
auto call(Caller& caller, std::string_view operation, const Request& request, Decode decode)
    -> decltype(decode(XmlElement{})) {
  auto r = caller.query(operation, wire::encode_request(request));
  if (!r) return r.failure();
  auto x = detail::query_result(*r, operation);
  if (!x) return x.failure();
  return decode(*x);
}

template <typename Request>
core::Result<void> call_void(Caller& caller, std::string_view operation, const Request& request) {
  auto r = caller.query(operation, wire::encode_request(request));
  if (!r) return r.failure();
  return core::ok();
}

}  // namespace

ServiceInfo service_info() {
  return {.name = "sns",
          .endpoint_id = "sns",
          .signing_name = "sns",
          .protocol = Protocol::query,
          .api_version = std::string(wire::kApiVersion)};
}

Client::Client(const ClientConfig& config) : caller_(service_info(), config) {}

core::Result<std::string> Client::publish(const PublishRequest& r) {
  auto out = call(caller_, "Publish", r, wire::decode_publish_response);
  if (!out) return out.failure();
  return out->message_id;
}

core::Result<CreateTopicResponse> Client::create_topic(const CreateTopicRequest& r) {
  return call(caller_, "CreateTopic", r, wire::decode_create_topic_response);
}
core::Result<void> Client::delete_topic(const DeleteTopicRequest& r) { return call_void(caller_, "DeleteTopic", r); }
core::Result<ListTopicsResponse> Client::list_topics(const ListTopicsRequest& r) {
  return call(caller_, "ListTopics", r, wire::decode_list_topics_response);
}
core::Result<AttributesResponse> Client::get_topic_attributes(const GetTopicAttributesRequest& r) {
  return call(caller_, "GetTopicAttributes", r, wire::decode_attributes_response);
}
core::Result<void> Client::set_topic_attributes(const SetTopicAttributesRequest& r) {
  return call_void(caller_, "SetTopicAttributes", r);
}
core::Result<SubscribeResponse> Client::subscribe(const SubscribeRequest& r) {
  return call(caller_, "Subscribe", r, wire::decode_subscribe_response);
}
core::Result<void> Client::unsubscribe(const UnsubscribeRequest& r) { return call_void(caller_, "Unsubscribe", r); }
core::Result<ListSubscriptionsResponse> Client::list_subscriptions(const ListSubscriptionsRequest& r) {
  return call(caller_, r.topic_arn ? "ListSubscriptionsByTopic" : "ListSubscriptions", r,
              wire::decode_list_subscriptions_response);
}
core::Result<AttributesResponse> Client::get_subscription_attributes(const GetSubscriptionAttributesRequest& r) {
  return call(caller_, "GetSubscriptionAttributes", r, wire::decode_attributes_response);
}
core::Result<void> Client::set_subscription_attributes(const SetSubscriptionAttributesRequest& r) {
  return call_void(caller_, "SetSubscriptionAttributes", r);
}
core::Result<void> Client::tag_resource(const TagResourceRequest& r) { return call_void(caller_, "TagResource", r); }
core::Result<void> Client::untag_resource(const UntagResourceRequest& r) {
  return call_void(caller_, "UntagResource", r);
}
core::Result<ListTagsForResourceResponse> Client::list_tags_for_resource(const ListTagsForResourceRequest& r) {
  return call(caller_, "ListTagsForResource", r, wire::decode_list_tags_for_resource_response);
}

}  // namespace hoplite::aws::sns
