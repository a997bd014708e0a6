#pragma once
/// \file
/// Amazon SQS: queues, sending, receiving and deleting messages. The request and response
/// shapes are shared with the local cloud's SQS (sqs_wire.hpp encodes and decodes them both ways).
/// Query protocol (what the AWS CLI this project tests with sends), version 2012-11-05.
/// API: https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "hoplite/aws/caller.hpp"
#include "hoplite/aws/message_attributes.hpp"

namespace hoplite::aws::sqs {

/// Query protocol, version 2012-11-05, signing name `sqs`.
[[nodiscard]] ServiceInfo service_info();

using aws::MessageAttributes;
using aws::MessageAttributeValue;

/// The parameters of CreateQueue (Client::create_queue).
struct CreateQueueRequest {
  std::string queue_name;                         ///< `QueueName` on the wire
  std::map<std::string, std::string> attributes;  ///< VisibilityTimeout, DelaySeconds, …
  std::map<std::string, std::string> tags;        ///< items named `Tag` on the wire
};
/// What CreateQueue and GetQueueUrl return.
struct QueueUrlResponse {  ///< CreateQueue and GetQueueUrl
  std::string queue_url;
};

/// The parameters of DeleteQueue (Client::delete_queue).
struct DeleteQueueRequest {
  std::string queue_url;  ///< `QueueUrl` on the wire
};
/// The parameters of PurgeQueue (Client::purge_queue).
struct PurgeQueueRequest {
  std::string queue_url;  ///< `QueueUrl` on the wire
};

/// The parameters of ListQueues (Client::list_queues).
struct ListQueuesRequest {
  std::optional<std::string> queue_name_prefix;  ///< `QueueNamePrefix` on the wire
  std::optional<int> max_results;                ///< 1–1000; without it, up to 1000 URLs and no token
  std::optional<std::string> next_token;         ///< `NextToken` on the wire
};
/// What ListQueues returns.
struct ListQueuesResponse {
  std::vector<std::string> queue_urls;    ///< items named `QueueUrl` on the wire
  std::optional<std::string> next_token;  ///< `NextToken` on the wire
};

/// The parameters of GetQueueUrl (Client::get_queue_url).
struct GetQueueUrlRequest {
  std::string queue_name;                                 ///< `QueueName` on the wire
  std::optional<std::string> queue_owner_aws_account_id;  ///< the queue owner's account; default: the caller's
};

/// The parameters of GetQueueAttributes (Client::get_queue_attributes).
struct GetQueueAttributesRequest {
  std::string queue_url;                     ///< `QueueUrl` on the wire
  std::vector<std::string> attribute_names;  ///< `All` for every one; none: no attributes
};
/// What GetQueueAttributes returns.
struct GetQueueAttributesResponse {
  std::map<std::string, std::string> attributes;  ///< items named `Attribute` on the wire
};

/// The parameters of SetQueueAttributes (Client::set_queue_attributes).
struct SetQueueAttributesRequest {
  std::string queue_url;                          ///< `QueueUrl` on the wire
  std::map<std::string, std::string> attributes;  ///< items named `Attribute` on the wire
};

/// The parameters of SendMessage (Client::send_message).
struct SendMessageRequest {
  std::string queue_url;                                ///< `QueueUrl` on the wire
  std::string message_body;                             ///< `MessageBody` on the wire
  std::optional<int> delay_seconds;                     ///< 0–900; default: the queue's DelaySeconds
  MessageAttributes message_attributes;                 ///< items named `MessageAttribute` on the wire
  std::optional<std::string> message_deduplication_id;  ///< FIFO queues only
  std::optional<std::string> message_group_id;          ///< FIFO queues only
};
/// What SendMessage returns.
struct SendMessageResponse {
  std::string md5_of_message_body;                       ///< hex MD5 of the body (the CLI checks it)
  std::optional<std::string> md5_of_message_attributes;  ///< hex MD5 of the attributes, when there are any
  std::string message_id;                                ///< `MessageId` on the wire
  std::optional<std::string> sequence_number;            ///< `SequenceNumber` on the wire
};

/// One message of a SendMessageBatch (AWS's `SendMessageBatchRequestEntry`).
struct SendMessageBatchEntry {
  std::string id;                                       ///< the caller's id for the entry (1–80 of A-Za-z0-9_-)
  std::string message_body;                             ///< `MessageBody` on the wire
  std::optional<int> delay_seconds;                     ///< `DelaySeconds` on the wire
  MessageAttributes message_attributes;                 ///< items named `MessageAttribute` on the wire
  std::optional<std::string> message_deduplication_id;  ///< `MessageDeduplicationId` on the wire
  std::optional<std::string> message_group_id;          ///< `MessageGroupId` on the wire
};
/// The parameters of SendMessageBatch (Client::send_message_batch).
struct SendMessageBatchRequest {
  std::string queue_url;                       ///< `QueueUrl` on the wire
  std::vector<SendMessageBatchEntry> entries;  ///< 1–10
};
/// AWS's `SendMessageBatchResultEntry` data type:
/// https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_SendMessageBatchResultEntry.html
struct SendMessageBatchResultEntry {
  std::string id;                                        ///< `Id` on the wire
  std::string message_id;                                ///< `MessageId` on the wire
  std::string md5_of_message_body;                       ///< hex MD5 of the body
  std::optional<std::string> md5_of_message_attributes;  ///< hex MD5 of the attributes, when there are any
  std::optional<std::string> sequence_number;            ///< `SequenceNumber` on the wire
};
/// One entry of a batch that failed (the others succeed).
struct BatchResultErrorEntry {
  std::string id;                      ///< `Id` on the wire
  bool sender_fault = true;            ///< `SenderFault` on the wire
  std::string code;                    ///< `Code` on the wire
  std::optional<std::string> message;  ///< `Message` on the wire
};
/// What SendMessageBatch returns.
struct SendMessageBatchResponse {
  std::vector<SendMessageBatchResultEntry> successful;  ///< the entries that were sent
  std::vector<BatchResultErrorEntry> failed;            ///< the entries that were not
};

/// The parameters of ReceiveMessage (Client::receive_message).
struct ReceiveMessageRequest {
  std::string queue_url;                             ///< `QueueUrl` on the wire
  std::vector<std::string> attribute_names;          ///< system attributes: `All`, SentTimestamp, …
  std::vector<std::string> message_attribute_names;  ///< `All`, `.*` or names (a `prefix.*` too)
  std::optional<int> max_number_of_messages;         ///< 1–10, default 1
  std::optional<int> visibility_timeout;             ///< 0–43200; default: the queue's
  std::optional<int> wait_time_seconds;              ///< 0–20, long polling; default: ReceiveMessageWaitTimeSeconds
};
/// AWS's `Message` data type: https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_Message.html
struct Message {
  std::string message_id;                                ///< `MessageId` on the wire
  std::string receipt_handle;                            ///< `ReceiptHandle` on the wire
  std::string md5_of_body;                               ///< hex MD5 of the body
  std::string body;                                      ///< `Body` on the wire
  std::map<std::string, std::string> attributes;         ///< items named `Attribute` on the wire
  std::optional<std::string> md5_of_message_attributes;  ///< hex MD5 of the attributes, when there are any
  MessageAttributes message_attributes;                  ///< items named `MessageAttribute` on the wire
};
/// What ReceiveMessage returns.
struct ReceiveMessageResponse {
  std::vector<Message> messages;  ///< items named `Message` on the wire
};

/// The parameters of DeleteMessage (Client::delete_message).
struct DeleteMessageRequest {
  std::string queue_url;       ///< `QueueUrl` on the wire
  std::string receipt_handle;  ///< `ReceiptHandle` on the wire
};
/// One message of a DeleteMessageBatch (AWS's `DeleteMessageBatchRequestEntry`).
struct DeleteMessageBatchEntry {
  std::string id;              ///< `Id` on the wire
  std::string receipt_handle;  ///< `ReceiptHandle` on the wire
};
/// The parameters of DeleteMessageBatch (Client::delete_message_batch).
struct DeleteMessageBatchRequest {
  std::string queue_url;                         ///< `QueueUrl` on the wire
  std::vector<DeleteMessageBatchEntry> entries;  ///< 1–10
};
/// What DeleteMessageBatch returns.
struct DeleteMessageBatchResponse {
  std::vector<std::string> successful;        ///< entry ids
  std::vector<BatchResultErrorEntry> failed;  ///< the entries that were not deleted
};

/// The parameters of ChangeMessageVisibility (Client::change_message_visibility).
struct ChangeMessageVisibilityRequest {
  std::string queue_url;                  ///< `QueueUrl` on the wire
  std::string receipt_handle;             ///< `ReceiptHandle` on the wire
  std::optional<int> visibility_timeout;  ///< 0–43200 seconds from now
};

/// The parameters of TagQueue (Client::tag_queue).
struct TagQueueRequest {
  std::string queue_url;                    ///< `QueueUrl` on the wire
  std::map<std::string, std::string> tags;  ///< items named `Tag` on the wire
};
/// The parameters of UntagQueue (Client::untag_queue).
struct UntagQueueRequest {
  std::string queue_url;              ///< `QueueUrl` on the wire
  std::vector<std::string> tag_keys;  ///< items named `TagKey` on the wire
};
/// The parameters of ListQueueTags (Client::list_queue_tags).
struct ListQueueTagsRequest {
  std::string queue_url;  ///< `QueueUrl` on the wire
};
/// What ListQueueTags returns.
struct ListQueueTagsResponse {
  std::map<std::string, std::string> tags;  ///< items named `Tag` on the wire
};

/// The MD5 SQS reports for a body: lower-case hex.
[[nodiscard]] std::string md5_of_body(std::string_view body);
/// The MD5 SQS reports for message attributes (its documented encoding: names sorted, each
/// length-prefixed name, data type, transport byte and value); nullopt without attributes.
[[nodiscard]] std::optional<std::string> md5_of_attributes(const MessageAttributes& attributes);

/// The SQS client: one method per action, each signed, sent and retried through a Caller.
class Client {
 public:
  /// A client that signs and sends with `config` (region, credentials, HTTP client, clock, endpoint, retries).
  explicit Client(const ClientConfig& config);

  /// Calls CreateQueue: https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_CreateQueue.html
  core::Result<QueueUrlResponse> create_queue(const CreateQueueRequest& request);
  /// Calls DeleteQueue: https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_DeleteQueue.html
  core::Result<void> delete_queue(const DeleteQueueRequest& request);
  /// Calls ListQueues: https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_ListQueues.html
  core::Result<ListQueuesResponse> list_queues(const ListQueuesRequest& request);
  /// Calls GetQueueUrl: https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_GetQueueUrl.html
  core::Result<QueueUrlResponse> get_queue_url(const GetQueueUrlRequest& request);
  /// Calls GetQueueAttributes:
  /// https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_GetQueueAttributes.html
  core::Result<GetQueueAttributesResponse> get_queue_attributes(const GetQueueAttributesRequest& request);
  /// Calls SetQueueAttributes:
  /// https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_SetQueueAttributes.html
  core::Result<void> set_queue_attributes(const SetQueueAttributesRequest& request);
  /// Calls SendMessage: https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_SendMessage.html
  core::Result<SendMessageResponse> send_message(const SendMessageRequest& request);
  /// Calls SendMessageBatch:
  /// https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_SendMessageBatch.html
  core::Result<SendMessageBatchResponse> send_message_batch(const SendMessageBatchRequest& request);
  /// Calls ReceiveMessage:
  /// https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_ReceiveMessage.html
  core::Result<ReceiveMessageResponse> receive_message(const ReceiveMessageRequest& request);
  /// Calls DeleteMessage: https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_DeleteMessage.html
  core::Result<void> delete_message(const DeleteMessageRequest& request);
  /// Calls DeleteMessageBatch:
  /// https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_DeleteMessageBatch.html
  core::Result<DeleteMessageBatchResponse> delete_message_batch(const DeleteMessageBatchRequest& request);
  /// Calls ChangeMessageVisibility:
  /// https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_ChangeMessageVisibility.html
  core::Result<void> change_message_visibility(const ChangeMessageVisibilityRequest& request);
  /// Calls PurgeQueue: https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_PurgeQueue.html
  core::Result<void> purge_queue(const PurgeQueueRequest& request);
  /// Calls TagQueue: https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_TagQueue.html
  core::Result<void> tag_queue(const TagQueueRequest& request);
  /// Calls UntagQueue: https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_UntagQueue.html
  core::Result<void> untag_queue(const UntagQueueRequest& request);
  /// Calls ListQueueTags: https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_ListQueueTags.html
  core::Result<ListQueueTagsResponse> list_queue_tags(const ListQueueTagsRequest& request);

 private:
  Caller caller_;
};

}  // namespace hoplite::aws::sqs
