#include "hoplite/aws/sqs.hpp"

#include <algorithm>
#include <vector>

#include "aws/protocol/response.hpp"
#include "hoplite/aws/protocol_rest_xml.hpp"
#include "hoplite/aws/sqs_wire.hpp"
#include "hoplite/core/base64.hpp"
#include "hoplite/core/hex.hpp"

namespace hoplite::aws::sqs {
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

void append_length_prefixed(std::string& out, std::string_view bytes) {
  auto n = static_cast<std::uint32_t>(bytes.size());
  out += static_cast<char>((n >> 24) & 0xFF);
  out += static_cast<char>((n >> 16) & 0xFF);
  out += static_cast<char>((n >> 8) & 0xFF);
  out += static_cast<char>(n & 0xFF);
  out.append(bytes);
}

}  // namespace

std::string md5_of_body(std::string_view body) {
  return core::to_hex(core::base64_decode(content_md5(body)).value_or(""));
}

std::optional<std::string> md5_of_attributes(const MessageAttributes& attributes) {
  if (attributes.empty()) return std::nullopt;
  // SQS's encoding (the developer guide, "Calculating the MD5 message digest for message
  // attributes"): for each attribute in name order, the length-prefixed name, data type, a
  // transport byte (1 string, 2 binary) and the length-prefixed value. std::map keeps name order.
  std::string bytes;
  for (const auto& [name, value] : attributes) {
    append_length_prefixed(bytes, name);
    append_length_prefixed(bytes, value.data_type);
    if (value.binary_value) {
      bytes += '\x02';
      append_length_prefixed(bytes, *value.binary_value);
    } else {
      bytes += '\x01';
      append_length_prefixed(bytes, value.string_value.value_or(""));
    }
  }
  return md5_of_body(bytes);
}

ServiceInfo service_info() {
  return {.name = "sqs",
          .endpoint_id = "sqs",
          .signing_name = "sqs",
          .protocol = Protocol::query,
          .api_version = std::string(wire::kApiVersion)};
}

Client::Client(const ClientConfig& config) : caller_(service_info(), config) {}

core::Result<QueueUrlResponse> Client::create_queue(const CreateQueueRequest& r) {
  return call(caller_, "CreateQueue", r, wire::decode_queue_url_response);
}
core::Result<void> Client::delete_queue(const DeleteQueueRequest& r) { return call_void(caller_, "DeleteQueue", r); }
core::Result<ListQueuesResponse> Client::list_queues(const ListQueuesRequest& r) {
  return call(caller_, "ListQueues", r, wire::decode_list_queues_response);
}
core::Result<QueueUrlResponse> Client::get_queue_url(const GetQueueUrlRequest& r) {
  return call(caller_, "GetQueueUrl", r, wire::decode_queue_url_response);
}
core::Result<GetQueueAttributesResponse> Client::get_queue_attributes(const GetQueueAttributesRequest& r) {
  return call(caller_, "GetQueueAttributes", r, wire::decode_get_queue_attributes_response);
}
core::Result<void> Client::set_queue_attributes(const SetQueueAttributesRequest& r) {
  return call_void(caller_, "SetQueueAttributes", r);
}
core::Result<SendMessageResponse> Client::send_message(const SendMessageRequest& r) {
  return call(caller_, "SendMessage", r, wire::decode_send_message_response);
}
core::Result<SendMessageBatchResponse> Client::send_message_batch(const SendMessageBatchRequest& r) {
  return call(caller_, "SendMessageBatch", r, wire::decode_send_message_batch_response);
}
core::Result<ReceiveMessageResponse> Client::receive_message(const ReceiveMessageRequest& r) {
  return call(caller_, "ReceiveMessage", r, wire::decode_receive_message_response);
}
core::Result<void> Client::delete_message(const DeleteMessageRequest& r) {
  return call_void(caller_, "DeleteMessage", r);
}
core::Result<DeleteMessageBatchResponse> Client::delete_message_batch(const DeleteMessageBatchRequest& r) {
  return call(caller_, "DeleteMessageBatch", r, wire::decode_delete_message_batch_response);
}
core::Result<void> Client::change_message_visibility(const ChangeMessageVisibilityRequest& r) {
  return call_void(caller_, "ChangeMessageVisibility", r);
}
core::Result<void> Client::purge_queue(const PurgeQueueRequest& r) { return call_void(caller_, "PurgeQueue", r); }
core::Result<void> Client::tag_queue(const TagQueueRequest& r) { return call_void(caller_, "TagQueue", r); }
core::Result<void> Client::untag_queue(const UntagQueueRequest& r) { return call_void(caller_, "UntagQueue", r); }
core::Result<ListQueueTagsResponse> Client::list_queue_tags(const ListQueueTagsRequest& r) {
  return call(caller_, "ListQueueTags", r, wire::decode_list_queue_tags_response);
}

}  // namespace hoplite::aws::sqs
