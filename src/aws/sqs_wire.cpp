#include "hoplite/aws/sqs_wire.hpp"

#include "hoplite/core/base64.hpp"

namespace hoplite::aws::sqs::wire {
namespace {

/// Most entries read from one flattened list or map: above every SQS limit (10 per batch, 50
/// tags, 10 message attributes), so a hostile request cannot make the reader loop long.
constexpr std::size_t kMaxEntries = 1000;

std::string at(std::string_view prefix, std::size_t i) { return std::string(prefix) + "." + std::to_string(i); }

// ---- flattened maps and lists, request side ----

void add_flat_map(QueryParams& p, std::string_view prefix, const std::map<std::string, std::string>& m,
                  std::string_view key_name, std::string_view value_name) {
  std::size_t i = 0;
  for (const auto& [k, v] : m) {
    std::string e = at(prefix, ++i);
    p.add(e + "." + std::string(key_name), k).add(e + "." + std::string(value_name), v);
  }
}

std::map<std::string, std::string> read_flat_map(const QueryReader& in, std::string_view prefix,
                                                 std::string_view key_name, std::string_view value_name) {
  std::map<std::string, std::string> out;
  for (std::size_t i = 1; i <= kMaxEntries; ++i) {
    std::string e = at(prefix, i);
    auto k = in.string(e + "." + std::string(key_name));
    if (!k) break;
    out[*k] = in.string(e + "." + std::string(value_name)).value_or("");
  }
  return out;
}

void add_flat_list(QueryParams& p, std::string_view prefix, const std::vector<std::string>& values) {
  for (std::size_t i = 0; i < values.size(); ++i) p.add(at(prefix, i + 1), values[i]);
}

void add_message_attributes(QueryParams& p, std::string_view prefix, const MessageAttributes& attributes) {
  std::size_t i = 0;
  for (const auto& [name, value] : attributes) {
    std::string e = at(prefix, ++i);
    p.add(e + ".Name", name);
    p.add(e + ".Value.StringValue", value.string_value);
    if (value.binary_value) p.add(e + ".Value.BinaryValue", core::base64_encode(*value.binary_value));
    p.add(e + ".Value.DataType", value.data_type);
  }
}

core::Result<MessageAttributes> read_message_attributes(const QueryReader& in, std::string_view prefix) {
  MessageAttributes out;
  for (std::size_t i = 1; i <= kMaxEntries; ++i) {
    std::string e = at(prefix, i);
    auto name = in.string(e + ".Name");
    if (!name) break;
    MessageAttributeValue v;
    v.data_type = in.string(e + ".Value.DataType").value_or("");
    v.string_value = in.string(e + ".Value.StringValue");
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
    out[*name] = std::move(v);
  }
  return out;
}

core::Result<std::optional<int>> read_int(const QueryReader& in, std::string_view key) {
  auto v = in.integer(key, key);
  if (!v) return v.failure();
  if (!*v) return std::optional<int>{};
  if (**v < -2147483648LL || **v > 2147483647LL)
    return core::fail(core::Error{"InvalidParameterValue",
                                  "Value " + std::to_string(**v) + " for parameter " + std::string(key) +
                                      " is invalid. Reason: it is out of range.",
                                  400,
                                  false,
                                  {}});
  return std::optional<int>{static_cast<int>(**v)};
}

// ---- response side ----

void write_flat_map(XmlWriter& out, std::string_view element, const std::map<std::string, std::string>& m,
                    std::string_view key_name, std::string_view value_name) {
  for (const auto& [k, v] : m) out.open(element).element(key_name, k).element(value_name, v).close();
}

std::map<std::string, std::string> read_xml_map(const XmlElement& parent, std::string_view element,
                                                std::string_view key_name, std::string_view value_name) {
  std::map<std::string, std::string> out;
  for (const auto* e : parent.children_named(element)) out[e->text_at(key_name)] = e->text_at(value_name);
  return out;
}

void write_message_attributes(XmlWriter& out, const MessageAttributes& attributes) {
  for (const auto& [name, value] : attributes) {
    out.open("MessageAttribute").element("Name", name).open("Value");
    out.optional_element("StringValue", value.string_value);
    if (value.binary_value) out.element("BinaryValue", core::base64_encode(*value.binary_value));
    out.element("DataType", value.data_type).close().close();
  }
}

MessageAttributes read_xml_message_attributes(const XmlElement& parent) {
  MessageAttributes out;
  for (const auto* e : parent.children_named("MessageAttribute")) {
    MessageAttributeValue v;
    v.data_type = e->text_at("Value/DataType");
    v.string_value = e->optional_text("Value/StringValue");
    if (auto b = e->optional_text("Value/BinaryValue")) v.binary_value = core::base64_decode(*b).value_or("");
    out[e->text_at("Name")] = std::move(v);
  }
  return out;
}

void write_errors(XmlWriter& out, const std::vector<BatchResultErrorEntry>& failed) {
  for (const auto& f : failed) {
    out.open("BatchResultErrorEntry").element("Id", f.id).element("Code", f.code);
    out.optional_element("Message", f.message).boolean("SenderFault", f.sender_fault).close();
  }
}

std::vector<BatchResultErrorEntry> read_errors(const XmlElement& result) {
  std::vector<BatchResultErrorEntry> out;
  for (const auto* e : result.children_named("BatchResultErrorEntry"))
    out.push_back({.id = e->text_at("Id"),
                   .sender_fault = e->text_at("SenderFault") != "false",
                   .code = e->text_at("Code"),
                   .message = e->optional_text("Message")});
  return out;
}

QueryParams queue_url_only(const std::string& url) {
  QueryParams p;
  p.add("QueueUrl", url);
  return p;
}

}  // namespace

// ---- queues ----

QueryParams encode_request(const CreateQueueRequest& r) {
  QueryParams p;
  p.add("QueueName", r.queue_name);
  add_flat_map(p, "Attribute", r.attributes, "Name", "Value");
  add_flat_map(p, "Tag", r.tags, "Key", "Value");
  return p;
}

core::Result<CreateQueueRequest> decode_create_queue_request(const QueryParams& params) {
  QueryReader in(params);
  return CreateQueueRequest{.queue_name = in.string("QueueName").value_or(""),
                            .attributes = read_flat_map(in, "Attribute", "Name", "Value"),
                            .tags = read_flat_map(in, "Tag", "Key", "Value")};
}

void encode_response(const QueueUrlResponse& r, XmlWriter& result) { result.element("QueueUrl", r.queue_url); }

core::Result<QueueUrlResponse> decode_queue_url_response(const XmlElement& result) {
  return QueueUrlResponse{.queue_url = result.text_at("QueueUrl")};
}

QueryParams encode_request(const DeleteQueueRequest& r) { return queue_url_only(r.queue_url); }
core::Result<DeleteQueueRequest> decode_delete_queue_request(const QueryParams& params) {
  return DeleteQueueRequest{.queue_url = QueryReader(params).string("QueueUrl").value_or("")};
}

QueryParams encode_request(const PurgeQueueRequest& r) { return queue_url_only(r.queue_url); }
core::Result<PurgeQueueRequest> decode_purge_queue_request(const QueryParams& params) {
  return PurgeQueueRequest{.queue_url = QueryReader(params).string("QueueUrl").value_or("")};
}

QueryParams encode_request(const ListQueuesRequest& r) {
  QueryParams p;
  p.add("QueueNamePrefix", r.queue_name_prefix).add("NextToken", r.next_token);
  if (r.max_results) p.add("MaxResults", std::to_string(*r.max_results));
  return p;
}

core::Result<ListQueuesRequest> decode_list_queues_request(const QueryParams& params) {
  QueryReader in(params);
  auto max = read_int(in, "MaxResults");
  if (!max) return max.failure();
  return ListQueuesRequest{
      .queue_name_prefix = in.string("QueueNamePrefix"), .max_results = *max, .next_token = in.string("NextToken")};
}

void encode_response(const ListQueuesResponse& r, XmlWriter& result) {
  for (const auto& url : r.queue_urls) result.element("QueueUrl", url);
  result.optional_element("NextToken", r.next_token);
}

core::Result<ListQueuesResponse> decode_list_queues_response(const XmlElement& result) {
  ListQueuesResponse out;
  for (const auto* e : result.children_named("QueueUrl")) out.queue_urls.push_back(e->text);
  out.next_token = result.optional_text("NextToken");
  return out;
}

QueryParams encode_request(const GetQueueUrlRequest& r) {
  QueryParams p;
  p.add("QueueName", r.queue_name).add("QueueOwnerAWSAccountId", r.queue_owner_aws_account_id);
  return p;
}

core::Result<GetQueueUrlRequest> decode_get_queue_url_request(const QueryParams& params) {
  QueryReader in(params);
  return GetQueueUrlRequest{.queue_name = in.string("QueueName").value_or(""),
                            .queue_owner_aws_account_id = in.string("QueueOwnerAWSAccountId")};
}

QueryParams encode_request(const GetQueueAttributesRequest& r) {
  QueryParams p = queue_url_only(r.queue_url);
  add_flat_list(p, "AttributeName", r.attribute_names);
  return p;
}

core::Result<GetQueueAttributesRequest> decode_get_queue_attributes_request(const QueryParams& params) {
  QueryReader in(params);
  return GetQueueAttributesRequest{.queue_url = in.string("QueueUrl").value_or(""),
                                   .attribute_names = in.flat_list("AttributeName")};
}

void encode_response(const GetQueueAttributesResponse& r, XmlWriter& result) {
  write_flat_map(result, "Attribute", r.attributes, "Name", "Value");
}

core::Result<GetQueueAttributesResponse> decode_get_queue_attributes_response(const XmlElement& result) {
  return GetQueueAttributesResponse{.attributes = read_xml_map(result, "Attribute", "Name", "Value")};
}

QueryParams encode_request(const SetQueueAttributesRequest& r) {
  QueryParams p = queue_url_only(r.queue_url);
  add_flat_map(p, "Attribute", r.attributes, "Name", "Value");
  return p;
}

core::Result<SetQueueAttributesRequest> decode_set_queue_attributes_request(const QueryParams& params) {
  QueryReader in(params);
  return SetQueueAttributesRequest{.queue_url = in.string("QueueUrl").value_or(""),
                                   .attributes = read_flat_map(in, "Attribute", "Name", "Value")};
}

// ---- sending ----

QueryParams encode_request(const SendMessageRequest& r) {
  QueryParams p = queue_url_only(r.queue_url);
  p.add("MessageBody", r.message_body);
  if (r.delay_seconds) p.add("DelaySeconds", std::to_string(*r.delay_seconds));
  add_message_attributes(p, "MessageAttribute", r.message_attributes);
  p.add("MessageDeduplicationId", r.message_deduplication_id).add("MessageGroupId", r.message_group_id);
  return p;
}

core::Result<SendMessageRequest> decode_send_message_request(const QueryParams& params) {
  QueryReader in(params);
  SendMessageRequest out{.queue_url = in.string("QueueUrl").value_or(""),
                         .message_body = in.string("MessageBody").value_or("")};
  auto delay = read_int(in, "DelaySeconds");
  if (!delay) return delay.failure();
  out.delay_seconds = *delay;
  auto attributes = read_message_attributes(in, "MessageAttribute");
  if (!attributes) return attributes.failure();
  out.message_attributes = std::move(*attributes);
  out.message_deduplication_id = in.string("MessageDeduplicationId");
  out.message_group_id = in.string("MessageGroupId");
  return out;
}

void encode_response(const SendMessageResponse& r, XmlWriter& result) {
  result.element("MD5OfMessageBody", r.md5_of_message_body);
  result.optional_element("MD5OfMessageAttributes", r.md5_of_message_attributes);
  result.element("MessageId", r.message_id);
  result.optional_element("SequenceNumber", r.sequence_number);
}

core::Result<SendMessageResponse> decode_send_message_response(const XmlElement& result) {
  return SendMessageResponse{.md5_of_message_body = result.text_at("MD5OfMessageBody"),
                             .md5_of_message_attributes = result.optional_text("MD5OfMessageAttributes"),
                             .message_id = result.text_at("MessageId"),
                             .sequence_number = result.optional_text("SequenceNumber")};
}

QueryParams encode_request(const SendMessageBatchRequest& r) {
  QueryParams p = queue_url_only(r.queue_url);
  for (std::size_t i = 0; i < r.entries.size(); ++i) {
    const auto& e = r.entries[i];
    std::string k = at("SendMessageBatchRequestEntry", i + 1);
    p.add(k + ".Id", e.id).add(k + ".MessageBody", e.message_body);
    if (e.delay_seconds) p.add(k + ".DelaySeconds", std::to_string(*e.delay_seconds));
    add_message_attributes(p, k + ".MessageAttribute", e.message_attributes);
    p.add(k + ".MessageDeduplicationId", e.message_deduplication_id).add(k + ".MessageGroupId", e.message_group_id);
  }
  return p;
}

core::Result<SendMessageBatchRequest> decode_send_message_batch_request(const QueryParams& params) {
  QueryReader in(params);
  SendMessageBatchRequest out{.queue_url = in.string("QueueUrl").value_or("")};
  for (std::size_t i = 1; i <= kMaxEntries; ++i) {
    std::string k = at("SendMessageBatchRequestEntry", i);
    auto id = in.string(k + ".Id");
    auto body = in.string(k + ".MessageBody");
    if (!id && !body) break;
    SendMessageBatchEntry e{.id = id.value_or(""), .message_body = body.value_or("")};
    auto delay = read_int(in, k + ".DelaySeconds");
    if (!delay) return delay.failure();
    e.delay_seconds = *delay;
    auto attributes = read_message_attributes(in, k + ".MessageAttribute");
    if (!attributes) return attributes.failure();
    e.message_attributes = std::move(*attributes);
    e.message_deduplication_id = in.string(k + ".MessageDeduplicationId");
    e.message_group_id = in.string(k + ".MessageGroupId");
    out.entries.push_back(std::move(e));
  }
  return out;
}

void encode_response(const SendMessageBatchResponse& r, XmlWriter& result) {
  for (const auto& s : r.successful) {
    result.open("SendMessageBatchResultEntry").element("Id", s.id).element("MessageId", s.message_id);
    result.element("MD5OfMessageBody", s.md5_of_message_body);
    result.optional_element("MD5OfMessageAttributes", s.md5_of_message_attributes);
    result.optional_element("SequenceNumber", s.sequence_number).close();
  }
  write_errors(result, r.failed);
}

core::Result<SendMessageBatchResponse> decode_send_message_batch_response(const XmlElement& result) {
  SendMessageBatchResponse out;
  for (const auto* e : result.children_named("SendMessageBatchResultEntry"))
    out.successful.push_back({.id = e->text_at("Id"),
                              .message_id = e->text_at("MessageId"),
                              .md5_of_message_body = e->text_at("MD5OfMessageBody"),
                              .md5_of_message_attributes = e->optional_text("MD5OfMessageAttributes"),
                              .sequence_number = e->optional_text("SequenceNumber")});
  out.failed = read_errors(result);
  return out;
}

// ---- receiving ----

QueryParams encode_request(const ReceiveMessageRequest& r) {
  QueryParams p = queue_url_only(r.queue_url);
  add_flat_list(p, "AttributeName", r.attribute_names);
  add_flat_list(p, "MessageAttributeName", r.message_attribute_names);
  if (r.max_number_of_messages) p.add("MaxNumberOfMessages", std::to_string(*r.max_number_of_messages));
  if (r.visibility_timeout) p.add("VisibilityTimeout", std::to_string(*r.visibility_timeout));
  if (r.wait_time_seconds) p.add("WaitTimeSeconds", std::to_string(*r.wait_time_seconds));
  return p;
}

core::Result<ReceiveMessageRequest> decode_receive_message_request(const QueryParams& params) {
  QueryReader in(params);
  ReceiveMessageRequest out{.queue_url = in.string("QueueUrl").value_or(""),
                            .attribute_names = in.flat_list("AttributeName"),
                            .message_attribute_names = in.flat_list("MessageAttributeName")};
  auto max = read_int(in, "MaxNumberOfMessages");
  if (!max) return max.failure();
  auto visibility = read_int(in, "VisibilityTimeout");
  if (!visibility) return visibility.failure();
  auto wait = read_int(in, "WaitTimeSeconds");
  if (!wait) return wait.failure();
  out.max_number_of_messages = *max;
  out.visibility_timeout = *visibility;
  out.wait_time_seconds = *wait;
  return out;
}

void encode_response(const ReceiveMessageResponse& r, XmlWriter& result) {
  for (const auto& m : r.messages) {
    result.open("Message")
        .element("MessageId", m.message_id)
        .element("ReceiptHandle", m.receipt_handle)
        .element("MD5OfBody", m.md5_of_body)
        .element("Body", m.body);
    write_flat_map(result, "Attribute", m.attributes, "Name", "Value");
    result.optional_element("MD5OfMessageAttributes", m.md5_of_message_attributes);
    write_message_attributes(result, m.message_attributes);
    result.close();
  }
}

core::Result<ReceiveMessageResponse> decode_receive_message_response(const XmlElement& result) {
  ReceiveMessageResponse out;
  for (const auto* e : result.children_named("Message"))
    out.messages.push_back({.message_id = e->text_at("MessageId"),
                            .receipt_handle = e->text_at("ReceiptHandle"),
                            .md5_of_body = e->text_at("MD5OfBody"),
                            .body = e->text_at("Body"),
                            .attributes = read_xml_map(*e, "Attribute", "Name", "Value"),
                            .md5_of_message_attributes = e->optional_text("MD5OfMessageAttributes"),
                            .message_attributes = read_xml_message_attributes(*e)});
  return out;
}

QueryParams encode_request(const DeleteMessageRequest& r) {
  QueryParams p = queue_url_only(r.queue_url);
  p.add("ReceiptHandle", r.receipt_handle);
  return p;
}

core::Result<DeleteMessageRequest> decode_delete_message_request(const QueryParams& params) {
  QueryReader in(params);
  return DeleteMessageRequest{.queue_url = in.string("QueueUrl").value_or(""),
                              .receipt_handle = in.string("ReceiptHandle").value_or("")};
}

QueryParams encode_request(const DeleteMessageBatchRequest& r) {
  QueryParams p = queue_url_only(r.queue_url);
  for (std::size_t i = 0; i < r.entries.size(); ++i) {
    std::string k = at("DeleteMessageBatchRequestEntry", i + 1);
    p.add(k + ".Id", r.entries[i].id).add(k + ".ReceiptHandle", r.entries[i].receipt_handle);
  }
  return p;
}

core::Result<DeleteMessageBatchRequest> decode_delete_message_batch_request(const QueryParams& params) {
  QueryReader in(params);
  DeleteMessageBatchRequest out{.queue_url = in.string("QueueUrl").value_or("")};
  for (std::size_t i = 1; i <= kMaxEntries; ++i) {
    std::string k = at("DeleteMessageBatchRequestEntry", i);
    auto id = in.string(k + ".Id");
    auto handle = in.string(k + ".ReceiptHandle");
    if (!id && !handle) break;
    out.entries.push_back({.id = id.value_or(""), .receipt_handle = handle.value_or("")});
  }
  return out;
}

void encode_response(const DeleteMessageBatchResponse& r, XmlWriter& result) {
  for (const auto& id : r.successful) result.open("DeleteMessageBatchResultEntry").element("Id", id).close();
  write_errors(result, r.failed);
}

core::Result<DeleteMessageBatchResponse> decode_delete_message_batch_response(const XmlElement& result) {
  DeleteMessageBatchResponse out;
  for (const auto* e : result.children_named("DeleteMessageBatchResultEntry"))
    out.successful.push_back(e->text_at("Id"));
  out.failed = read_errors(result);
  return out;
}

QueryParams encode_request(const ChangeMessageVisibilityRequest& r) {
  QueryParams p = queue_url_only(r.queue_url);
  p.add("ReceiptHandle", r.receipt_handle);
  if (r.visibility_timeout) p.add("VisibilityTimeout", std::to_string(*r.visibility_timeout));
  return p;
}

core::Result<ChangeMessageVisibilityRequest> decode_change_message_visibility_request(const QueryParams& params) {
  QueryReader in(params);
  ChangeMessageVisibilityRequest out{.queue_url = in.string("QueueUrl").value_or(""),
                                     .receipt_handle = in.string("ReceiptHandle").value_or("")};
  auto visibility = read_int(in, "VisibilityTimeout");
  if (!visibility) return visibility.failure();
  out.visibility_timeout = *visibility;
  return out;
}

// ---- tags ----

QueryParams encode_request(const TagQueueRequest& r) {
  QueryParams p = queue_url_only(r.queue_url);
  add_flat_map(p, "Tag", r.tags, "Key", "Value");
  return p;
}

core::Result<TagQueueRequest> decode_tag_queue_request(const QueryParams& params) {
  QueryReader in(params);
  return TagQueueRequest{.queue_url = in.string("QueueUrl").value_or(""),
                         .tags = read_flat_map(in, "Tag", "Key", "Value")};
}

QueryParams encode_request(const UntagQueueRequest& r) {
  QueryParams p = queue_url_only(r.queue_url);
  add_flat_list(p, "TagKey", r.tag_keys);
  return p;
}

core::Result<UntagQueueRequest> decode_untag_queue_request(const QueryParams& params) {
  QueryReader in(params);
  return UntagQueueRequest{.queue_url = in.string("QueueUrl").value_or(""), .tag_keys = in.flat_list("TagKey")};
}

QueryParams encode_request(const ListQueueTagsRequest& r) { return queue_url_only(r.queue_url); }
core::Result<ListQueueTagsRequest> decode_list_queue_tags_request(const QueryParams& params) {
  return ListQueueTagsRequest{.queue_url = QueryReader(params).string("QueueUrl").value_or("")};
}

void encode_response(const ListQueueTagsResponse& r, XmlWriter& result) {
  write_flat_map(result, "Tag", r.tags, "Key", "Value");
}

core::Result<ListQueueTagsResponse> decode_list_queue_tags_response(const XmlElement& result) {
  return ListQueueTagsResponse{.tags = read_xml_map(result, "Tag", "Key", "Value")};
}

}  // namespace hoplite::aws::sqs::wire
