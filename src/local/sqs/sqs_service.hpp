#pragma once
/// \file The local cloud's SQS (standard queues): queues with SQS's attributes, messages with
/// visibility timeouts, delays, message attributes and SQS's MD5s, long polling, batches, tags, per
/// account and region. Typed operations first — what SNS deliveries, Step Functions integrations
/// and the CloudFormation engine's `AWS::SQS::Queue` provider call — and a thin query-protocol
/// handler over them (sqs_service.cpp).
///
/// Long polling holds the request's worker thread while it waits (the house's handlers answer
/// synchronously); at most `kMaxLongPolls` calls wait at once, later ones answer at once with what
/// there is, so waiting receivers can never take every worker.
///
/// What is emulated and what not: docs/local.md ("SQS").

#include <condition_variable>
#include <cstdint>
#include <mutex>

#include "hoplite/aws/sqs.hpp"
#include "local/protocol/query.hpp"
#include "local/service.hpp"
#include "local/sqs/sqs_names.hpp"

namespace hoplite::local::sqs {

/// Most ReceiveMessage calls that wait at the same time (the house has 16 workers).
inline constexpr int kMaxLongPolls = 8;

class SqsService final : public Service {
 public:
  explicit SqsService(ServiceContext& house);

  [[nodiscard]] const ServiceSpec& spec() const override { return spec_; }
  http::Response handle(Call& call) override { return api_.handle(call); }
  nlohmann::json inspect() override;

  // ---- operations (errors: AWS codes and messages, see sqs_names.hpp) ----
  core::Result<aws::sqs::QueueUrlResponse> create_queue(const CallContext& ctx,
                                                        const aws::sqs::CreateQueueRequest& request);
  core::Result<void> delete_queue(const CallContext& ctx, const aws::sqs::DeleteQueueRequest& request);
  core::Result<aws::sqs::ListQueuesResponse> list_queues(const CallContext& ctx,
                                                         const aws::sqs::ListQueuesRequest& request);
  core::Result<aws::sqs::QueueUrlResponse> get_queue_url(const CallContext& ctx,
                                                         const aws::sqs::GetQueueUrlRequest& request);
  core::Result<aws::sqs::GetQueueAttributesResponse> get_queue_attributes(
      const CallContext& ctx, const aws::sqs::GetQueueAttributesRequest& request);
  core::Result<void> set_queue_attributes(const CallContext& ctx, const aws::sqs::SetQueueAttributesRequest& request);
  core::Result<aws::sqs::SendMessageResponse> send_message(const CallContext& ctx,
                                                           const aws::sqs::SendMessageRequest& request);
  /// SendMessage to a queue named by ARN (`arn:aws:sqs:<region>:<account>:<name>`): how SNS
  /// delivers to its `sqs` subscriptions, whatever the region of the call.
  core::Result<aws::sqs::SendMessageResponse> send_message_to_arn(const CallContext& ctx, const std::string& queue_arn,
                                                                  const aws::sqs::SendMessageRequest& request);
  core::Result<aws::sqs::SendMessageBatchResponse> send_message_batch(const CallContext& ctx,
                                                                      const aws::sqs::SendMessageBatchRequest& request);
  /// Waits up to WaitTimeSeconds (real time) for a message when none is there.
  core::Result<aws::sqs::ReceiveMessageResponse> receive_message(const CallContext& ctx,
                                                                 const aws::sqs::ReceiveMessageRequest& request);
  core::Result<void> delete_message(const CallContext& ctx, const aws::sqs::DeleteMessageRequest& request);
  core::Result<aws::sqs::DeleteMessageBatchResponse> delete_message_batch(
      const CallContext& ctx, const aws::sqs::DeleteMessageBatchRequest& request);
  core::Result<void> change_message_visibility(const CallContext& ctx,
                                               const aws::sqs::ChangeMessageVisibilityRequest& request);
  core::Result<void> purge_queue(const CallContext& ctx, const aws::sqs::PurgeQueueRequest& request);
  core::Result<void> tag_queue(const CallContext& ctx, const aws::sqs::TagQueueRequest& request);
  core::Result<void> untag_queue(const CallContext& ctx, const aws::sqs::UntagQueueRequest& request);
  core::Result<aws::sqs::ListQueueTagsResponse> list_queue_tags(const CallContext& ctx,
                                                                const aws::sqs::ListQueueTagsRequest& request);

 private:
  void add_routes();
  /// Sends one message to `queue` (checked already); wakes long polls.
  core::Result<aws::sqs::SendMessageResponse> send_to(const CallContext& ctx, const QueueRef& queue,
                                                      const aws::sqs::SendMessageRequest& request);
  core::Result<aws::sqs::ReceiveMessageResponse> receive_now(const CallContext& ctx, const QueueRef& queue,
                                                             const aws::sqs::ReceiveMessageRequest& request);

  ServiceSpec spec_;
  QueryApi api_;
  ServiceContext& house_;

  std::mutex poll_mutex_;
  std::condition_variable arrived_;
  std::uint64_t sends_ = 0;  ///< bumped by every send: a long poll wakes and looks again
  int polling_ = 0;          ///< calls waiting now
};

}  // namespace hoplite::local::sqs
