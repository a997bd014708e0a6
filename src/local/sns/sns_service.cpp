// SNS's handler table: each operation decoded and encoded by the shared shapes (sns_wire.hpp).
#include "local/sns/sns_service.hpp"

#include <stdexcept>

#include "hoplite/aws/sns_wire.hpp"
#include "local/protocol/routes.hpp"
#include "local/sns/sns_state.hpp"
#include "local/store/database.hpp"

namespace hoplite::local::sns {

namespace wire = aws::sns::wire;

SnsService::SnsService(ServiceContext& house, sqs::SqsService& sqs)
    : spec_{.signing_name = "sns",
            .protocol = Protocol::query,
            .api_version = std::string(wire::kApiVersion),
            .xml_namespace = std::string(wire::kXmlNamespace)},
      api_(spec_),
      house_(house),
      sqs_(sqs) {
  if (auto m = house_.db.migrate("sns", migrations()); !m)
    throw std::runtime_error("local sns: " + m.error().to_string());
  add_routes();
}

void SnsService::add_routes() {
  auto encode = [](const auto& r, aws::XmlWriter& out) { wire::encode_response(r, out); };
  api_.add("CreateTopic",
           query_route(
               wire::decode_create_topic_request, [this](auto& ctx, auto& r) { return create_topic(ctx, r); }, encode));
  api_.add("DeleteTopic", query_route(
                              wire::decode_delete_topic_request,
                              [this](auto& ctx, auto& r) { return delete_topic(ctx, r); }, NoXmlOutput{}));
  api_.add("ListTopics",
           query_route(
               wire::decode_list_topics_request, [this](auto& ctx, auto& r) { return list_topics(ctx, r); }, encode));
  api_.add("GetTopicAttributes", query_route(
                                     wire::decode_get_topic_attributes_request,
                                     [this](auto& ctx, auto& r) { return get_topic_attributes(ctx, r); }, encode));
  api_.add("SetTopicAttributes",
           query_route(
               wire::decode_set_topic_attributes_request,
               [this](auto& ctx, auto& r) { return set_topic_attributes(ctx, r); }, NoXmlOutput{}));
  api_.add("Subscribe",
           query_route(
               wire::decode_subscribe_request, [this](auto& ctx, auto& r) { return subscribe(ctx, r); }, encode));
  api_.add("Unsubscribe", query_route(
                              wire::decode_unsubscribe_request,
                              [this](auto& ctx, auto& r) { return unsubscribe(ctx, r); }, NoXmlOutput{}));
  api_.add("ListSubscriptions", query_route(
                                    wire::decode_list_subscriptions_request,
                                    [this](auto& ctx, auto r) {
                                      r.topic_arn.reset();  // ListSubscriptions has no TopicArn member
                                      return list_subscriptions(ctx, r);
                                    },
                                    encode));
  api_.add("ListSubscriptionsByTopic", query_route(
                                           wire::decode_list_subscriptions_request,
                                           [this](auto& ctx, auto r) {
                                             if (!r.topic_arn)
                                               r.topic_arn = "";  // required: an empty one is InvalidParameter
                                             return list_subscriptions(ctx, r);
                                           },
                                           encode));
  api_.add("GetSubscriptionAttributes",
           query_route(
               wire::decode_get_subscription_attributes_request,
               [this](auto& ctx, auto& r) { return get_subscription_attributes(ctx, r); }, encode));
  api_.add("SetSubscriptionAttributes",
           query_route(
               wire::decode_set_subscription_attributes_request,
               [this](auto& ctx, auto& r) { return set_subscription_attributes(ctx, r); }, NoXmlOutput{}));
  api_.add("Publish",
           query_route(
               wire::decode_publish_request, [this](auto& ctx, auto& r) { return publish(ctx, r); }, encode));
  api_.add("TagResource", query_route(
                              wire::decode_tag_resource_request,
                              [this](auto& ctx, auto& r) { return tag_resource(ctx, r); }, NoXmlOutput{}));
  api_.add("UntagResource", query_route(
                                wire::decode_untag_resource_request,
                                [this](auto& ctx, auto& r) { return untag_resource(ctx, r); }, NoXmlOutput{}));
  api_.add("ListTagsForResource", query_route(
                                      wire::decode_list_tags_for_resource_request,
                                      [this](auto& ctx, auto& r) { return list_tags_for_resource(ctx, r); }, encode));
}

nlohmann::json SnsService::inspect() {
  auto topics = inspect_topics(house_.db);
  return topics ? *topics : nlohmann::json::object();
}

}  // namespace hoplite::local::sns
