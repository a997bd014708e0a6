#pragma once
/// \file The local cloud's SNS (standard topics): topics with attributes and tags, subscriptions,
/// and Publish, which delivers to `sqs` subscriptions through the local SQS (AWS's JSON envelope,
/// or the bare message with RawMessageDelivery) and keeps the message for /_hoplite/. Typed
/// operations first — what Step Functions' `sns:publish` integration and the CloudFormation
/// engine's `AWS::SNS::*` providers call — and a thin query-protocol handler over them.
///
/// `http`, `https`, `email` and `email-json` subscriptions stay pending confirmation and receive
/// nothing (the local cloud sends no mail and calls no one); `lambda`, `sms`, `application` and
/// `firehose` subscriptions are kept but not delivered to. What else is emulated: docs/local.md.

#include "hoplite/aws/sns.hpp"
#include "local/protocol/query.hpp"
#include "local/service.hpp"

namespace hoplite::local::sqs {
class SqsService;
}

namespace hoplite::local::sns {

class SnsService final : public Service {
 public:
  /// `sqs` receives deliveries; it must outlive this service (both belong to the house).
  SnsService(ServiceContext& house, sqs::SqsService& sqs);

  [[nodiscard]] const ServiceSpec& spec() const override { return spec_; }
  http::Response handle(Call& call) override { return api_.handle(call); }
  nlohmann::json inspect() override;

  // ---- operations (errors: AWS codes and messages) ----
  core::Result<aws::sns::CreateTopicResponse> create_topic(const CallContext& ctx,
                                                           const aws::sns::CreateTopicRequest& request);
  core::Result<void> delete_topic(const CallContext& ctx, const aws::sns::DeleteTopicRequest& request);
  core::Result<aws::sns::ListTopicsResponse> list_topics(const CallContext& ctx,
                                                         const aws::sns::ListTopicsRequest& request);
  core::Result<aws::sns::AttributesResponse> get_topic_attributes(const CallContext& ctx,
                                                                  const aws::sns::GetTopicAttributesRequest& request);
  core::Result<void> set_topic_attributes(const CallContext& ctx, const aws::sns::SetTopicAttributesRequest& request);
  core::Result<aws::sns::SubscribeResponse> subscribe(const CallContext& ctx,
                                                      const aws::sns::SubscribeRequest& request);
  core::Result<void> unsubscribe(const CallContext& ctx, const aws::sns::UnsubscribeRequest& request);
  core::Result<aws::sns::ListSubscriptionsResponse> list_subscriptions(
      const CallContext& ctx, const aws::sns::ListSubscriptionsRequest& request);
  core::Result<aws::sns::AttributesResponse> get_subscription_attributes(
      const CallContext& ctx, const aws::sns::GetSubscriptionAttributesRequest& request);
  core::Result<void> set_subscription_attributes(const CallContext& ctx,
                                                 const aws::sns::SetSubscriptionAttributesRequest& request);
  core::Result<aws::sns::PublishResponse> publish(const CallContext& ctx, const aws::sns::PublishRequest& request);
  core::Result<void> tag_resource(const CallContext& ctx, const aws::sns::TagResourceRequest& request);
  core::Result<void> untag_resource(const CallContext& ctx, const aws::sns::UntagResourceRequest& request);
  core::Result<aws::sns::ListTagsForResourceResponse> list_tags_for_resource(
      const CallContext& ctx, const aws::sns::ListTagsForResourceRequest& request);

 private:
  void add_routes();

  ServiceSpec spec_;
  QueryApi api_;
  ServiceContext& house_;
  sqs::SqsService& sqs_;
};

}  // namespace hoplite::local::sns
