// `sns:publish` and `sqs:sendMessage` for the local Step Functions, through the services' typed
// operations. Parameters are the SDK's PascalCase members; a Message/MessageBody that is not a
// string is sent as its JSON text, as AWS does.
#include <nlohmann/json.hpp>

#include "hoplite/core/base64.hpp"
#include "local/sns/sns_service.hpp"
#include "local/sqs/sqs_names.hpp"
#include "local/sqs/sqs_service.hpp"
#include "local/states/integration_output.hpp"
#include "local/states/states_integration.hpp"

namespace hoplite::local::states {
namespace {

using nlohmann::json;

std::optional<std::string> text(const json& params, const char* name) {
  auto it = params.find(name);
  if (it == params.end() || it->is_null()) return std::nullopt;
  return it->is_string() ? it->get<std::string>() : it->dump();
}

// `{"Name": {"DataType": "String", "StringValue": "v"}}`; BinaryValue is base64 text (kept as
// text when it is not base64: the service then answers its own error).
aws::MessageAttributes attributes(const json& params) {
  aws::MessageAttributes out;
  auto it = params.find("MessageAttributes");
  if (it == params.end() || !it->is_object()) return out;
  for (const auto& [name, value] : it->items()) {
    if (!value.is_object()) continue;
    aws::MessageAttributeValue v;
    v.data_type = text(value, "DataType").value_or("");
    v.string_value = text(value, "StringValue");
    if (auto b = text(value, "BinaryValue")) v.binary_value = core::base64_decode(*b).value_or(*b);
    out.emplace(name, std::move(v));
  }
  return out;
}

json parameters(const sfn::TaskRequest& r) {
  json params = json::parse(r.parameters, nullptr, false);
  return params.is_object() ? params : json::object();
}

}  // namespace

void Integrations::publish(const sfn::TaskRequest& r, const sfn::TaskHandle& handle) {
  if (peers_.sns == nullptr) return handle.failed("States.TaskFailed", "The local cloud runs no SNS here.");
  CallContext ctx = call_context(r, house_.clock.now());
  json params = parameters(r);
  aws::sns::PublishRequest call;
  call.topic_arn = text(params, "TopicArn").value_or("");
  call.target_arn = text(params, "TargetArn");
  call.message = text(params, "Message").value_or("");
  call.subject = text(params, "Subject");
  call.message_structure = text(params, "MessageStructure");
  call.message_attributes = attributes(params);
  call.message_group_id = text(params, "MessageGroupId");
  call.message_deduplication_id = text(params, "MessageDeduplicationId");
  const std::string& target = call.topic_arn.empty() ? call.target_arn.value_or("") : call.topic_arn;
  if (auto ok = authorize(r, ctx, kSnsNames, "sns:Publish", target); !ok)
    return fail_with(handle, kSnsNames, ok.error(), ctx.request_id);
  auto sent = peers_.sns->publish(ctx, call);
  if (!sent) return fail_with(handle, kSnsNames, sent.error(), ctx.request_id);
  json out{{"MessageId", sent->message_id}};
  if (sent->sequence_number) out["SequenceNumber"] = *sent->sequence_number;
  add_sdk_metadata(out, kSnsNames, ctx.request_id, out.dump().size(), ctx.now);
  handle.succeeded(out.dump());
}

void Integrations::send_message(const sfn::TaskRequest& r, const sfn::TaskHandle& handle) {
  if (peers_.sqs == nullptr) return handle.failed("States.TaskFailed", "The local cloud runs no SQS here.");
  CallContext ctx = call_context(r, house_.clock.now());
  json params = parameters(r);
  aws::sqs::SendMessageRequest call;
  call.queue_url = text(params, "QueueUrl").value_or("");
  call.message_body = text(params, "MessageBody").value_or("");
  if (auto d = params.find("DelaySeconds"); d != params.end() && d->is_number_integer())
    call.delay_seconds = d->get<int>();
  call.message_attributes = attributes(params);
  call.message_group_id = text(params, "MessageGroupId");
  call.message_deduplication_id = text(params, "MessageDeduplicationId");
  auto queue = sqs::parse_queue_url(ctx, call.queue_url);
  if (!queue) return fail_with(handle, kSqsNames, queue.error(), ctx.request_id);
  if (auto ok =
          authorize(r, ctx, kSqsNames, "sqs:SendMessage", sqs::queue_arn(queue->region, queue->account, queue->name));
      !ok)
    return fail_with(handle, kSqsNames, ok.error(), ctx.request_id);
  auto sent = peers_.sqs->send_message(ctx, call);
  if (!sent) return fail_with(handle, kSqsNames, sent.error(), ctx.request_id);
  json out{{"MD5OfMessageBody", sent->md5_of_message_body}, {"MessageId", sent->message_id}};
  if (sent->md5_of_message_attributes) out["MD5OfMessageAttributes"] = *sent->md5_of_message_attributes;
  if (sent->sequence_number) out["SequenceNumber"] = *sent->sequence_number;
  add_sdk_metadata(out, kSqsNames, ctx.request_id, out.dump().size(), ctx.now);
  handle.succeeded(out.dump());
}

}  // namespace hoplite::local::states
