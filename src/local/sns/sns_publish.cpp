// SNS Publish: checks as SNS words them, the message kept for /_hoplite/, delivery to the topic's
// `sqs` subscriptions through the local SQS — in AWS's JSON envelope, or the bare message with its
// attributes as SQS message attributes when RawMessageDelivery is on.
#include <algorithm>

#include <nlohmann/json.hpp>

#include "hoplite/core/base64.hpp"
#include "hoplite/core/log.hpp"
#include "hoplite/core/sha256.hpp"
#include "hoplite/core/time_format.hpp"
#include "local/ids.hpp"
#include "local/sns/sns_names.hpp"
#include "local/sns/sns_service.hpp"
#include "local/sns/sns_state.hpp"
#include "local/sql_values.hpp"
#include "local/sqs/sqs_service.hpp"
#include "local/store/database.hpp"

namespace hoplite::local::sns {
namespace {

using namespace aws::sns;

constexpr std::size_t kMaxMessageBytes = 262144;
constexpr std::size_t kMaxAttributes = 10;

core::Failure parameter_value_invalid(std::string message) {
  return aws_error("ParameterValueInvalid", std::move(message));
}

core::Result<void> check_attributes(const aws::MessageAttributes& attributes) {
  if (attributes.size() > kMaxAttributes)
    return parameter_value_invalid("Number of message attributes [" + std::to_string(attributes.size()) +
                                   "] exceeds the allowed maximum [10].");
  for (const auto& [name, v] : attributes) {
    std::string_view type = v.data_type;
    bool known = type == "String" || type == "String.Array" || type == "Number" || type == "Binary" ||
                 type.starts_with("String.") || type.starts_with("Number.") || type.starts_with("Binary.");
    if (!known)
      return parameter_value_invalid("The message attribute '" + name.substr(0, 256) +
                                     "' has an invalid message attribute type, the set of supported type prefixes is "
                                     "Binary, Number, and String.");
    bool binary = type.starts_with("Binary");
    bool empty = binary ? !v.binary_value || v.binary_value->empty() : !v.string_value || v.string_value->empty();
    if (empty)
      return parameter_value_invalid("The message attribute '" + name.substr(0, 256) +
                                     "' must contain non-empty message attribute value for message attribute type '" +
                                     std::string(type.substr(0, type.find('.'))) + "'.");
  }
  return core::ok();
}

bool valid_subject(std::string_view s) {
  if (s.empty() || s.size() > 100) return false;
  return std::none_of(s.begin(), s.end(), [](char c) { return c == '\n' || c == '\r'; });
}

/// The message an `sqs` subscription gets: with MessageStructure `json`, the `sqs` member or the
/// `default` one.
core::Result<std::string> message_for_sqs(const PublishRequest& r) {
  if (r.message_structure.value_or("") != "json") return r.message;
  auto j = nlohmann::json::parse(r.message, nullptr, false);
  if (!j.is_object()) return invalid_parameter("Message Structure - JSON message body failed to parse");
  if (!j.contains("default") || !j["default"].is_string())
    return invalid_parameter("Message Structure - No default entry in JSON message body");
  if (j.contains("sqs") && j["sqs"].is_string()) return j["sqs"].get<std::string>();
  return j["default"].get<std::string>();
}

std::string envelope(const CallContext& ctx, const std::string& message_id, const std::string& topic,
                     const std::string& subscription, const PublishRequest& r, const std::string& message) {
  nlohmann::ordered_json j;
  j["Type"] = "Notification";
  j["MessageId"] = message_id;
  j["TopicArn"] = topic;
  if (r.subject) j["Subject"] = *r.subject;
  j["Message"] = message;
  j["Timestamp"] = core::format_iso8601_millis(ctx.now);
  j["SignatureVersion"] = "1";
  // Not a signature a client can verify: the local cloud has no SNS signing certificate. It is
  // derived from the message so that it is stable and unique, as a real one would be.
  j["Signature"] = core::base64_encode(core::sha256(message_id + '\n' + topic + '\n' + message));
  j["SigningCertURL"] = "https://sns." + ctx.region + ".amazonaws.com/SimpleNotificationService-local.pem";
  j["UnsubscribeURL"] = "http://" + ctx.host + "/?Action=Unsubscribe&SubscriptionArn=" + subscription;
  if (!r.message_attributes.empty()) {
    nlohmann::ordered_json attributes = nlohmann::ordered_json::object();
    for (const auto& [name, v] : r.message_attributes)
      attributes[name] = {
          {"Type", v.data_type},
          {"Value", v.binary_value ? core::base64_encode(*v.binary_value) : v.string_value.value_or("")}};
    j["MessageAttributes"] = std::move(attributes);
  }
  return j.dump();
}

std::string attributes_json(const aws::MessageAttributes& attributes) {
  nlohmann::json j = nlohmann::json::object();
  for (const auto& [name, v] : attributes)
    j[name] = {{"DataType", v.data_type},
               {"Value", v.binary_value ? core::base64_encode(*v.binary_value) : v.string_value.value_or("")}};
  return j.dump();
}

}  // namespace

core::Result<PublishResponse> SnsService::publish(const CallContext& ctx, const PublishRequest& r) {
  if (!r.topic_arn.empty() && r.target_arn)
    return invalid_parameter("TopicArn or TargetArn Reason: Only one of the two can be specified");
  const std::string arn = r.topic_arn.empty() ? r.target_arn.value_or("") : r.topic_arn;
  if (arn.empty()) return invalid_parameter("TopicArn or TargetArn Reason: no value for required parameter");
  auto ref = parse_topic_arn(arn);
  if (!ref) return ref.failure();
  if (r.message.empty()) return invalid_parameter("Empty message");
  if (r.message.size() > kMaxMessageBytes) return invalid_parameter("Message too long");
  if (r.subject && !valid_subject(*r.subject)) return invalid_parameter("Subject");
  if (r.message_group_id || r.message_deduplication_id)
    return invalid_parameter(
        "MessageGroupId Reason: The request includes MessageGroupId parameter that is not valid "
        "for this topic type");
  if (auto ok = check_attributes(r.message_attributes); !ok) return ok.failure();
  auto for_sqs = message_for_sqs(r);
  if (!for_sqs) return for_sqs.failure();

  const std::string message_id = request_id();
  std::vector<StoredSubscription> targets;
  auto stored = house_.db.transaction([&](store::Tx& tx) -> core::Result<void> {
    TopicTable table(tx);
    auto t = table.topic(ref->account, ref->region, ref->name);
    if (!t) return t.failure();
    if (!*t) return topic_not_found();
    auto subs = table.subscriptions((*t)->id, "", "", "", 100000);
    if (!subs) return subs.failure();
    for (auto& s : *subs)
      if (s.confirmed && s.protocol == "sqs") targets.push_back(std::move(s));
    return table.add_message((*t)->id, {.message_id = message_id,
                                        .subject = r.subject,
                                        .message = r.message,
                                        .message_attributes = attributes_json(r.message_attributes),
                                        .published_ms = to_millis(ctx.now)});
  });
  if (!stored) return stored.failure();

  // Delivery happens after the publish is acknowledged, as in SNS: a queue that is gone or refuses
  // the message loses it (logged), the publish still succeeded.
  CallContext delivery = ctx;
  delivery.principal.account_id = ref->account;
  for (const auto& s : targets) {
    const bool raw = s.attributes.contains("RawMessageDelivery") && s.attributes.at("RawMessageDelivery") == "true";
    aws::sqs::SendMessageRequest m{.message_body = raw ? *for_sqs : envelope(ctx, message_id, arn, s.arn, r, *for_sqs)};
    if (raw) m.message_attributes = r.message_attributes;
    auto sent = sqs_.send_message_to_arn(delivery, s.endpoint, m);
    if (!sent)
      core::log::info("local sns: message {} to {} not delivered: {}", message_id, s.endpoint,
                      sent.error().to_string());
  }
  return PublishResponse{.message_id = message_id};
}

}  // namespace hoplite::local::sns
