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

struct CreateQueueRequest {
  std::string queue_name;
  std::map<std::string, std::string> attributes;  ///< VisibilityTimeout, DelaySeconds, …
  std::map<std::string, std::string> tags;
};
struct QueueUrlResponse {  ///< CreateQueue and GetQueueUrl
  std::string queue_url;
};

struct DeleteQueueRequest {
  std::string queue_url;
};
struct PurgeQueueRequest {
  std::string queue_url;
};

struct ListQueuesRequest {
  std::optional<std::string> queue_name_prefix;
  std::optional<int> max_results;  ///< 1–1000; without it, up to 1000 URLs and no token
  std::optional<std::string> next_token;
};
struct ListQueuesResponse {
  std::vector<std::string> queue_urls;
  std::optional<std::string> next_token;
};

struct GetQueueUrlRequest {
  std::string queue_name;
  std::optional<std::string> queue_owner_aws_account_id;
};

struct GetQueueAttributesRequest {
  std::string queue_url;
  std::vector<std::string> attribute_names;  ///< `All` for every one; none: no attributes
};
struct GetQueueAttributesResponse {
  std::map<std::string, std::string> attributes;
};

struct SetQueueAttributesRequest {
  std::string queue_url;
  std::map<std::string, std::string> attributes;
};

struct SendMessageRequest {
  std::string queue_url;
  std::string message_body;
  std::optional<int> delay_seconds;  ///< 0–900; default: the queue's DelaySeconds
  MessageAttributes message_attributes;
  std::optional<std::string> message_deduplication_id;  ///< FIFO queues only
  std::optional<std::string> message_group_id;          ///< FIFO queues only
};
struct SendMessageResponse {
  std::string md5_of_message_body;  ///< hex MD5 of the body (the CLI checks it)
  std::optional<std::string> md5_of_message_attributes;
  std::string message_id;
  std::optional<std::string> sequence_number;
};

struct SendMessageBatchEntry {
  std::string id;  ///< the caller's id for the entry (1–80 of A-Za-z0-9_-)
  std::string message_body;
  std::optional<int> delay_seconds;
  MessageAttributes message_attributes;
  std::optional<std::string> message_deduplication_id;
  std::optional<std::string> message_group_id;
};
struct SendMessageBatchRequest {
  std::string queue_url;
  std::vector<SendMessageBatchEntry> entries;  ///< 1–10
};
struct SendMessageBatchResultEntry {
  std::string id;
  std::string message_id;
  std::string md5_of_message_body;
  std::optional<std::string> md5_of_message_attributes;
  std::optional<std::string> sequence_number;
};
/// One entry of a batch that failed (the others succeed).
struct BatchResultErrorEntry {
  std::string id;
  bool sender_fault = true;
  std::string code;
  std::optional<std::string> message;
};
struct SendMessageBatchResponse {
  std::vector<SendMessageBatchResultEntry> successful;
  std::vector<BatchResultErrorEntry> failed;
};

struct ReceiveMessageRequest {
  std::string queue_url;
  std::vector<std::string> attribute_names;          ///< system attributes: `All`, SentTimestamp, …
  std::vector<std::string> message_attribute_names;  ///< `All`, `.*` or names (a `prefix.*` too)
  std::optional<int> max_number_of_messages;         ///< 1–10, default 1
  std::optional<int> visibility_timeout;             ///< 0–43200; default: the queue's
  std::optional<int> wait_time_seconds;              ///< 0–20, long polling; default: ReceiveMessageWaitTimeSeconds
};
struct Message {
  std::string message_id;
  std::string receipt_handle;
  std::string md5_of_body;
  std::string body;
  std::map<std::string, std::string> attributes;
  std::optional<std::string> md5_of_message_attributes;
  MessageAttributes message_attributes;
};
struct ReceiveMessageResponse {
  std::vector<Message> messages;
};

struct DeleteMessageRequest {
  std::string queue_url;
  std::string receipt_handle;
};
struct DeleteMessageBatchEntry {
  std::string id;
  std::string receipt_handle;
};
struct DeleteMessageBatchRequest {
  std::string queue_url;
  std::vector<DeleteMessageBatchEntry> entries;  ///< 1–10
};
struct DeleteMessageBatchResponse {
  std::vector<std::string> successful;  ///< entry ids
  std::vector<BatchResultErrorEntry> failed;
};

struct ChangeMessageVisibilityRequest {
  std::string queue_url;
  std::string receipt_handle;
  std::optional<int> visibility_timeout;  ///< 0–43200 seconds from now
};

struct TagQueueRequest {
  std::string queue_url;
  std::map<std::string, std::string> tags;
};
struct UntagQueueRequest {
  std::string queue_url;
  std::vector<std::string> tag_keys;
};
struct ListQueueTagsRequest {
  std::string queue_url;
};
struct ListQueueTagsResponse {
  std::map<std::string, std::string> tags;
};

/// The MD5 SQS reports for a body: lower-case hex.
[[nodiscard]] std::string md5_of_body(std::string_view body);
/// The MD5 SQS reports for message attributes (its documented encoding: names sorted, each
/// length-prefixed name, data type, transport byte and value); nullopt without attributes.
[[nodiscard]] std::optional<std::string> md5_of_attributes(const MessageAttributes& attributes);

class Client {
 public:
  explicit Client(const ClientConfig& config);

  core::Result<QueueUrlResponse> create_queue(const CreateQueueRequest& request);
  core::Result<void> delete_queue(const DeleteQueueRequest& request);
  core::Result<ListQueuesResponse> list_queues(const ListQueuesRequest& request);
  core::Result<QueueUrlResponse> get_queue_url(const GetQueueUrlRequest& request);
  core::Result<GetQueueAttributesResponse> get_queue_attributes(const GetQueueAttributesRequest& request);
  core::Result<void> set_queue_attributes(const SetQueueAttributesRequest& request);
  core::Result<SendMessageResponse> send_message(const SendMessageRequest& request);
  core::Result<SendMessageBatchResponse> send_message_batch(const SendMessageBatchRequest& request);
  core::Result<ReceiveMessageResponse> receive_message(const ReceiveMessageRequest& request);
  core::Result<void> delete_message(const DeleteMessageRequest& request);
  core::Result<DeleteMessageBatchResponse> delete_message_batch(const DeleteMessageBatchRequest& request);
  core::Result<void> change_message_visibility(const ChangeMessageVisibilityRequest& request);
  core::Result<void> purge_queue(const PurgeQueueRequest& request);
  core::Result<void> tag_queue(const TagQueueRequest& request);
  core::Result<void> untag_queue(const UntagQueueRequest& request);
  core::Result<ListQueueTagsResponse> list_queue_tags(const ListQueueTagsRequest& request);

 private:
  Caller caller_;
};

}  // namespace hoplite::aws::sqs
