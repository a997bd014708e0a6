#pragma once
/// \file
/// SQS on the wire, both directions (see docs/local.md, "Wire shapes"): the client encodes
/// requests and decodes responses, the local cloud decodes requests and encodes responses, with the
/// same functions. Query protocol with SQS's flattened lists and maps (`Attribute.1.Name`,
/// `MessageAttribute.1.Value.StringValue`, `SendMessageBatchRequestEntry.2.Id`).
///
/// Decoders check types (a DelaySeconds that is not a number is a 400 `InvalidParameterValue`);
/// the service checks constraints. Response decoders fail with `aws.sqs`.

#include "hoplite/aws/protocol_query.hpp"
#include "hoplite/aws/sqs.hpp"
#include "hoplite/aws/xml.hpp"
#include "hoplite/aws/xml_writer.hpp"
#include "hoplite/core/result.hpp"

namespace hoplite::aws::sqs::wire {

inline constexpr std::string_view kApiVersion = "2012-11-05";
inline constexpr std::string_view kXmlNamespace = "http://queue.amazonaws.com/doc/2012-11-05/";

[[nodiscard]] QueryParams encode_request(const CreateQueueRequest& request);
core::Result<CreateQueueRequest> decode_create_queue_request(const QueryParams& params);
void encode_response(const QueueUrlResponse& response, XmlWriter& result);
core::Result<QueueUrlResponse> decode_queue_url_response(const XmlElement& result);

[[nodiscard]] QueryParams encode_request(const DeleteQueueRequest& request);
core::Result<DeleteQueueRequest> decode_delete_queue_request(const QueryParams& params);
[[nodiscard]] QueryParams encode_request(const PurgeQueueRequest& request);
core::Result<PurgeQueueRequest> decode_purge_queue_request(const QueryParams& params);

[[nodiscard]] QueryParams encode_request(const ListQueuesRequest& request);
core::Result<ListQueuesRequest> decode_list_queues_request(const QueryParams& params);
void encode_response(const ListQueuesResponse& response, XmlWriter& result);
core::Result<ListQueuesResponse> decode_list_queues_response(const XmlElement& result);

[[nodiscard]] QueryParams encode_request(const GetQueueUrlRequest& request);
core::Result<GetQueueUrlRequest> decode_get_queue_url_request(const QueryParams& params);

[[nodiscard]] QueryParams encode_request(const GetQueueAttributesRequest& request);
core::Result<GetQueueAttributesRequest> decode_get_queue_attributes_request(const QueryParams& params);
void encode_response(const GetQueueAttributesResponse& response, XmlWriter& result);
core::Result<GetQueueAttributesResponse> decode_get_queue_attributes_response(const XmlElement& result);

[[nodiscard]] QueryParams encode_request(const SetQueueAttributesRequest& request);
core::Result<SetQueueAttributesRequest> decode_set_queue_attributes_request(const QueryParams& params);

[[nodiscard]] QueryParams encode_request(const SendMessageRequest& request);
core::Result<SendMessageRequest> decode_send_message_request(const QueryParams& params);
void encode_response(const SendMessageResponse& response, XmlWriter& result);
core::Result<SendMessageResponse> decode_send_message_response(const XmlElement& result);

[[nodiscard]] QueryParams encode_request(const SendMessageBatchRequest& request);
core::Result<SendMessageBatchRequest> decode_send_message_batch_request(const QueryParams& params);
void encode_response(const SendMessageBatchResponse& response, XmlWriter& result);
core::Result<SendMessageBatchResponse> decode_send_message_batch_response(const XmlElement& result);

[[nodiscard]] QueryParams encode_request(const ReceiveMessageRequest& request);
core::Result<ReceiveMessageRequest> decode_receive_message_request(const QueryParams& params);
void encode_response(const ReceiveMessageResponse& response, XmlWriter& result);
core::Result<ReceiveMessageResponse> decode_receive_message_response(const XmlElement& result);

[[nodiscard]] QueryParams encode_request(const DeleteMessageRequest& request);
core::Result<DeleteMessageRequest> decode_delete_message_request(const QueryParams& params);

[[nodiscard]] QueryParams encode_request(const DeleteMessageBatchRequest& request);
core::Result<DeleteMessageBatchRequest> decode_delete_message_batch_request(const QueryParams& params);
void encode_response(const DeleteMessageBatchResponse& response, XmlWriter& result);
core::Result<DeleteMessageBatchResponse> decode_delete_message_batch_response(const XmlElement& result);

[[nodiscard]] QueryParams encode_request(const ChangeMessageVisibilityRequest& request);
core::Result<ChangeMessageVisibilityRequest> decode_change_message_visibility_request(const QueryParams& params);

[[nodiscard]] QueryParams encode_request(const TagQueueRequest& request);
core::Result<TagQueueRequest> decode_tag_queue_request(const QueryParams& params);
[[nodiscard]] QueryParams encode_request(const UntagQueueRequest& request);
core::Result<UntagQueueRequest> decode_untag_queue_request(const QueryParams& params);
[[nodiscard]] QueryParams encode_request(const ListQueueTagsRequest& request);
core::Result<ListQueueTagsRequest> decode_list_queue_tags_request(const QueryParams& params);
void encode_response(const ListQueueTagsResponse& response, XmlWriter& result);
core::Result<ListQueueTagsResponse> decode_list_queue_tags_response(const XmlElement& result);

}  // namespace hoplite::aws::sqs::wire
