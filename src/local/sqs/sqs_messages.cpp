// SQS operations on messages: send (one or a batch), receive (visibility timeout, long polling,
// system and message attributes), delete, change visibility.
#include <algorithm>
#include <cctype>
#include <chrono>
#include <cstdio>
#include <set>

#include <nlohmann/json.hpp>

#include "hoplite/core/base64.hpp"
#include "local/ids.hpp"
#include "local/sql_values.hpp"
#include "local/sqs/sqs_service.hpp"
#include "local/sqs/sqs_state.hpp"
#include "local/store/database.hpp"

namespace hoplite::local::sqs {
namespace {

using namespace aws::sqs;

constexpr std::size_t kMaxBatchEntries = 10;
constexpr std::size_t kMaxMessageAttributes = 10;
constexpr std::int64_t kMaxVisibility = 43200;

/// The first code point SQS refuses in a body (`#x9 | #xA | #xD | #x20-#xD7FF | #xE000-#xFFFD |
/// #x10000-#x10FFFF`), or -1 when every one is allowed; malformed UTF-8 counts as U+FFFF.
long first_invalid_character(std::string_view s) {
  std::size_t i = 0;
  while (i < s.size()) {
    auto c = static_cast<unsigned char>(s[i]);
    long cp = 0;
    std::size_t n = 0;
    if (c < 0x80) {
      cp = c;
      n = 1;
    } else if ((c & 0xE0) == 0xC0) {
      cp = c & 0x1F;
      n = 2;
    } else if ((c & 0xF0) == 0xE0) {
      cp = c & 0x0F;
      n = 3;
    } else if ((c & 0xF8) == 0xF0) {
      cp = c & 0x07;
      n = 4;
    } else {
      return 0xFFFF;
    }
    if (i + n > s.size()) return 0xFFFF;
    for (std::size_t k = 1; k < n; ++k) {
      auto cc = static_cast<unsigned char>(s[i + k]);
      if ((cc & 0xC0) != 0x80) return 0xFFFF;
      cp = (cp << 6) | (cc & 0x3F);
    }
    i += n;
    bool ok = cp == 0x9 || cp == 0xA || cp == 0xD || (cp >= 0x20 && cp <= 0xD7FF) || (cp >= 0xE000 && cp <= 0xFFFD) ||
              (cp >= 0x10000 && cp <= 0x10FFFF);
    if (!ok) return cp;
  }
  return -1;
}

std::string hex_code_point(long cp) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "#x%lX", cp);
  return buf;
}

bool is_attribute_name(std::string_view name) {
  if (name.empty() || name.size() > 256 || name.front() == '.' || name.back() == '.' ||
      name.find("..") != std::string_view::npos)
    return false;
  auto lower = [](std::string_view s) {
    std::string out(s.substr(0, 7));
    for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
  };
  if (lower(name).starts_with("aws.") || lower(name).starts_with("amazon.")) return false;
  return std::all_of(name.begin(), name.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-' ||
           c == '.';
  });
}

/// SQS's checks of a message's attributes.
core::Result<void> check_message_attributes(const MessageAttributes& attributes) {
  if (attributes.size() > kMaxMessageAttributes)
    return invalid_parameter_value("Number of message attributes [" + std::to_string(attributes.size()) +
                                   "] exceeds the allowed maximum [10].");
  for (const auto& [name, v] : attributes) {
    if (!is_attribute_name(name))
      return invalid_parameter_value("Message (user) attribute name '" + name.substr(0, 256) +
                                     "' is invalid: it must be 1 to 256 characters of A-Z a-z 0-9 _ - . without "
                                     "'..', not start or end with '.', not start with AWS. or Amazon.");
    std::string_view type = v.data_type;
    std::string_view base = type.substr(0, type.find('.'));
    if (base != "String" && base != "Number" && base != "Binary")
      return invalid_parameter_value("The type of message (user) attribute '" + name +
                                     "' is invalid. You must use "
                                     "only the following supported type prefixes: Binary, Number, String.");
    bool binary = base == "Binary";
    if (binary ? !v.binary_value || v.binary_value->empty() : !v.string_value || v.string_value->empty())
      return invalid_parameter_value("Message (user) attribute '" + name +
                                     "' must contain a non-empty value of type '" + std::string(base) + "'.");
  }
  return core::ok();
}

std::size_t attributes_size(const MessageAttributes& attributes) {
  std::size_t n = 0;
  for (const auto& [name, v] : attributes)
    n += name.size() + v.data_type.size() + v.string_value.value_or("").size() + v.binary_value.value_or("").size();
  return n;
}

std::string attributes_json(const MessageAttributes& attributes) {
  nlohmann::json j = nlohmann::json::object();
  for (const auto& [name, v] : attributes) {
    nlohmann::json a{{"DataType", v.data_type}};
    if (v.string_value) a["StringValue"] = *v.string_value;
    if (v.binary_value) a["BinaryValue"] = core::base64_encode(*v.binary_value);
    j[name] = std::move(a);
  }
  return j.dump();
}

MessageAttributes attributes_from_json(const std::string& text) {
  MessageAttributes out;
  auto j = nlohmann::json::parse(text, nullptr, false);
  if (!j.is_object()) return out;
  for (const auto& [name, a] : j.items()) {
    MessageAttributeValue v;
    v.data_type = a.value("DataType", "");
    if (a.contains("StringValue")) v.string_value = a.value("StringValue", "");
    if (a.contains("BinaryValue")) v.binary_value = core::base64_decode(a.value("BinaryValue", "")).value_or("");
    out[name] = std::move(v);
  }
  return out;
}

/// The attributes `wanted` selects: `All`, `.*`, a name, or `prefix.*`.
MessageAttributes select_message_attributes(const MessageAttributes& all, const std::vector<std::string>& wanted) {
  MessageAttributes out;
  for (const auto& [name, v] : all)
    for (const auto& w : wanted) {
      bool match = w == "All" || w == ".*" || w == name ||
                   (w.size() > 2 && w.ends_with(".*") && name.starts_with(w.substr(0, w.size() - 1)));
      if (match) {
        out[name] = v;
        break;
      }
    }
  return out;
}

std::map<std::string, std::string> system_attributes(const StoredMessage& m, const std::vector<std::string>& wanted) {
  const std::map<std::string, std::string> all = {
      {"SenderId", m.sender_id},
      {"SentTimestamp", std::to_string(m.sent_ms)},
      {"ApproximateReceiveCount", std::to_string(m.receive_count)},
      {"ApproximateFirstReceiveTimestamp", std::to_string(m.first_receive_ms.value_or(0))}};
  std::map<std::string, std::string> out;
  for (const auto& w : wanted) {
    if (w == "All") return all;
    if (auto it = all.find(w); it != all.end()) out.insert(*it);
  }
  return out;
}

/// The checks one message gets before it is sent: body characters and size, delay, attributes.
core::Result<void> check_message(const std::string& body, const std::optional<int>& delay,
                                 const MessageAttributes& attributes, std::int64_t max_size) {
  if (body.empty()) return missing_parameter("MessageBody");
  if (long cp = first_invalid_character(body); cp >= 0)
    return aws_error("InvalidMessageContents",
                     "Invalid binary character '" + hex_code_point(cp) +
                         "' was found in the message body, the set of allowed characters is #x9 | #xA | #xD | #x20 to "
                         "#xD7FF | #xE000 to #xFFFD | #x10000 to #x10FFFF");
  if (delay && (*delay < 0 || *delay > 900))
    return invalid_parameter_value("Value " + std::to_string(*delay) +
                                   " for parameter DelaySeconds is invalid. Reason: DelaySeconds must be >= 0 and <= "
                                   "900.");
  if (auto ok = check_message_attributes(attributes); !ok) return ok;
  std::size_t size = body.size() + attributes_size(attributes);
  if (static_cast<std::int64_t>(size) > max_size)
    return invalid_parameter_value("One or more parameters are invalid. Reason: Message must be shorter than " +
                                   std::to_string(max_size) + " bytes.");
  return core::ok();
}

std::string sender_id(const CallContext& ctx) {
  return ctx.principal.user_id.empty() ? ctx.principal.account_id : ctx.principal.user_id;
}

bool is_batch_id(std::string_view id) {
  return !id.empty() && id.size() <= 80 && std::all_of(id.begin(), id.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
  });
}

/// SQS's checks of a batch's entry ids and count; `kind` names the entry in messages.
template <typename Entry>
core::Result<void> check_batch(const std::vector<Entry>& entries, std::string_view kind) {
  if (entries.empty())
    return aws_error("AWS.SimpleQueueService.EmptyBatchRequest",
                     "There should be at least one " + std::string(kind) + " in the request.");
  if (entries.size() > kMaxBatchEntries)
    return aws_error(
        "AWS.SimpleQueueService.TooManyEntriesInBatchRequest",
        "Maximum number of entries per request are 10. You have sent " + std::to_string(entries.size()) + ".");
  std::set<std::string> seen;
  for (const auto& e : entries) {
    if (!is_batch_id(e.id))
      return aws_error(
          "AWS.SimpleQueueService.InvalidBatchEntryId",
          "A batch entry id can only contain alphanumeric characters, hyphens and underscores. It can be at "
          "most 80 letters long.");
    if (!seen.insert(e.id).second)
      return aws_error("AWS.SimpleQueueService.BatchEntryIdsNotDistinct", "Id " + e.id + " repeated.");
  }
  return core::ok();
}

BatchResultErrorEntry failed_entry(const std::string& id, const core::Error& e) {
  return {.id = id, .sender_fault = e.http_status.value_or(400) < 500, .code = e.code, .message = e.message};
}

}  // namespace

core::Result<SendMessageResponse> SqsService::send_message(const CallContext& ctx, const SendMessageRequest& r) {
  auto ref = parse_queue_url(ctx, r.queue_url);
  if (r.queue_url.empty()) return missing_parameter("QueueUrl");
  if (!ref) return ref.failure();
  return send_to(ctx, *ref, r);
}

core::Result<SendMessageResponse> SqsService::send_message_to_arn(const CallContext& ctx, const std::string& arn,
                                                                  const SendMessageRequest& r) {
  auto ref = parse_queue_arn(arn);
  if (!ref) return queue_does_not_exist();
  return send_to(ctx, *ref, r);
}

core::Result<SendMessageResponse> SqsService::send_to(const CallContext& ctx, const QueueRef& ref,
                                                      const SendMessageRequest& r) {
  const std::int64_t now = to_millis(ctx.now);
  auto out = house_.db.transaction<SendMessageResponse>([&](store::Tx& tx) -> core::Result<SendMessageResponse> {
    QueueTable table(tx);
    auto q = table.queue(ref);
    if (!q) return q.failure();
    if (!*q) return queue_does_not_exist();
    const auto& attributes = (*q)->attributes;
    // FIFO queues exist (CreateQueue, attributes) but their messaging (groups, deduplication,
    // exactly-once) is not emulated: refused rather than delivered with standard semantics.
    if (is_fifo(attributes))
      return aws_error("AWS.SimpleQueueService.UnsupportedOperation",
                       "The local cloud does not deliver messages through FIFO queues yet (queue " + ref.name + ").");
    if (auto ok = check_message(r.message_body, r.delay_seconds, r.message_attributes,
                                int_attribute(attributes, "MaximumMessageSize"));
        !ok)
      return ok.failure();
    if (r.message_group_id || r.message_deduplication_id)
      return invalid_parameter_value(
          "The request include parameter that is not valid for this queue type. Reason: MessageGroupId and "
          "MessageDeduplicationId are only valid for FIFO queues.");
    const std::int64_t delay = r.delay_seconds.value_or(int_attribute(attributes, "DelaySeconds"));
    StoredMessage m{.message_id = request_id(),
                    .body = r.message_body,
                    .message_attributes = attributes_json(r.message_attributes),
                    .sender_id = sender_id(ctx),
                    .sent_ms = now,
                    .visible_ms = now + delay * 1000};
    if (auto id = table.add_message((*q)->id, m); !id) return id.failure();
    return SendMessageResponse{.md5_of_message_body = md5_of_body(r.message_body),
                               .md5_of_message_attributes = md5_of_attributes(r.message_attributes),
                               .message_id = m.message_id};
  });
  if (out) {
    std::lock_guard lock(poll_mutex_);
    ++sends_;
    arrived_.notify_all();
  }
  return out;
}

core::Result<SendMessageBatchResponse> SqsService::send_message_batch(const CallContext& ctx,
                                                                      const SendMessageBatchRequest& r) {
  if (r.queue_url.empty()) return missing_parameter("QueueUrl");
  auto ref = parse_queue_url(ctx, r.queue_url);
  if (!ref) return ref.failure();
  if (auto ok = check_batch(r.entries, "SendMessageBatchRequestEntry"); !ok) return ok.failure();
  std::size_t total = 0;
  for (const auto& e : r.entries) total += e.message_body.size() + attributes_size(e.message_attributes);
  if (total > 1048576)  // a batch may be as large as one message: 1 MiB since August 2025
    return aws_error(
        "AWS.SimpleQueueService.BatchRequestTooLong",
        "Batch requests cannot be longer than 1048576 bytes. You have sent " + std::to_string(total) + " bytes.");
  SendMessageBatchResponse out;
  for (const auto& e : r.entries) {
    auto sent = send_to(ctx, *ref,
                        {.queue_url = r.queue_url,
                         .message_body = e.message_body,
                         .delay_seconds = e.delay_seconds,
                         .message_attributes = e.message_attributes,
                         .message_deduplication_id = e.message_deduplication_id,
                         .message_group_id = e.message_group_id});
    if (!sent) {
      // A queue that is not there fails the whole call, as SQS answers.
      if (sent.error().code == "AWS.SimpleQueueService.NonExistentQueue") return sent.failure();
      out.failed.push_back(failed_entry(e.id, sent.error()));
      continue;
    }
    out.successful.push_back({.id = e.id,
                              .message_id = sent->message_id,
                              .md5_of_message_body = sent->md5_of_message_body,
                              .md5_of_message_attributes = sent->md5_of_message_attributes});
  }
  return out;
}

core::Result<ReceiveMessageResponse> SqsService::receive_message(const CallContext& ctx,
                                                                 const ReceiveMessageRequest& r) {
  if (r.queue_url.empty()) return missing_parameter("QueueUrl");
  auto ref = parse_queue_url(ctx, r.queue_url);
  if (!ref) return ref.failure();
  if (r.max_number_of_messages && (*r.max_number_of_messages < 1 || *r.max_number_of_messages > 10))
    return invalid_parameter_value("Value " + std::to_string(*r.max_number_of_messages) +
                                   " for parameter MaxNumberOfMessages is invalid. Reason: Must be between 1 and 10, "
                                   "if provided.");
  if (r.wait_time_seconds && (*r.wait_time_seconds < 0 || *r.wait_time_seconds > 20))
    return invalid_parameter_value("Value " + std::to_string(*r.wait_time_seconds) +
                                   " for parameter WaitTimeSeconds is invalid. Reason: Must be >= 0 and <= 20, if "
                                   "provided.");
  if (r.visibility_timeout && (*r.visibility_timeout < 0 || *r.visibility_timeout > kMaxVisibility))
    return invalid_parameter_value("Value " + std::to_string(*r.visibility_timeout) +
                                   " for parameter VisibilityTimeout is invalid. Reason: Must be >= 0 and <= 43200, "
                                   "if provided.");
  std::uint64_t seen = 0;
  {
    std::lock_guard lock(poll_mutex_);
    seen = sends_;
  }
  auto first = receive_now(ctx, *ref, r);
  if (!first || !first->messages.empty()) return first;
  // Nothing there: wait (real time) for a send, looking again at least every second so that
  // delayed messages becoming visible are seen too.
  std::int64_t wait = r.wait_time_seconds.value_or(-1);
  if (wait < 0) {
    auto attrs =
        get_queue_attributes(ctx, {.queue_url = r.queue_url, .attribute_names = {"ReceiveMessageWaitTimeSeconds"}});
    if (!attrs) return attrs.failure();
    wait = int_attribute(attrs->attributes, "ReceiveMessageWaitTimeSeconds");
  }
  if (wait == 0) return first;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(wait);
  std::unique_lock lock(poll_mutex_);
  if (polling_ >= kMaxLongPolls) return first;
  ++polling_;
  for (;;) {
    auto slice = std::min(deadline, std::chrono::steady_clock::now() + std::chrono::seconds(1));
    arrived_.wait_until(lock, slice, [&] { return sends_ != seen; });
    seen = sends_;
    lock.unlock();
    CallContext now = ctx;
    now.now = house_.clock.now();
    auto again = receive_now(now, *ref, r);
    lock.lock();
    if (!again || !again->messages.empty() || std::chrono::steady_clock::now() >= deadline) {
      --polling_;
      return again;
    }
  }
}

core::Result<ReceiveMessageResponse> SqsService::receive_now(const CallContext& ctx, const QueueRef& ref,
                                                             const ReceiveMessageRequest& r) {
  const std::int64_t now = to_millis(ctx.now);
  return house_.db.transaction<ReceiveMessageResponse>([&](store::Tx& tx) -> core::Result<ReceiveMessageResponse> {
    QueueTable table(tx);
    auto q = table.queue(ref);
    if (!q) return q.failure();
    if (!*q) return queue_does_not_exist();
    const auto& attributes = (*q)->attributes;
    if (auto ok = table.expire((*q)->id, now - int_attribute(attributes, "MessageRetentionPeriod") * 1000); !ok)
      return ok.failure();
    const std::int64_t visibility = r.visibility_timeout.value_or(int_attribute(attributes, "VisibilityTimeout"));
    auto messages = table.receivable((*q)->id, now, static_cast<std::size_t>(r.max_number_of_messages.value_or(1)));
    if (!messages) return messages.failure();
    ReceiveMessageResponse out;
    for (auto& m : *messages) {
      std::string token = random_hex(32);
      if (auto ok = table.mark_received(m.id, now + visibility * 1000, token, now); !ok) return ok.failure();
      ++m.receive_count;
      if (!m.first_receive_ms) m.first_receive_ms = now;
      auto selected = select_message_attributes(attributes_from_json(m.message_attributes), r.message_attribute_names);
      out.messages.push_back({.message_id = m.message_id,
                              .receipt_handle = receipt_handle({(*q)->id, m.id, token}),
                              .md5_of_body = md5_of_body(m.body),
                              .body = m.body,
                              .attributes = system_attributes(m, r.attribute_names),
                              .md5_of_message_attributes = md5_of_attributes(selected),
                              .message_attributes = std::move(selected)});
    }
    return out;
  });
}

core::Result<void> SqsService::delete_message(const CallContext& ctx, const DeleteMessageRequest& r) {
  if (r.queue_url.empty()) return missing_parameter("QueueUrl");
  if (r.receipt_handle.empty()) return missing_parameter("ReceiptHandle");
  auto ref = parse_queue_url(ctx, r.queue_url);
  if (!ref) return ref.failure();
  return house_.db.transaction([&](store::Tx& tx) -> core::Result<void> {
    QueueTable table(tx);
    auto q = table.queue(*ref);
    if (!q) return q.failure();
    if (!*q) return queue_does_not_exist();
    auto receipt = parse_receipt_handle(r.receipt_handle);
    if (!receipt || receipt->queue_id != (*q)->id) return receipt_handle_invalid(r.receipt_handle);
    // A handle of an earlier receive still deletes, and deleting twice is fine, as in SQS.
    if (auto gone = table.remove_message((*q)->id, receipt->message_id); !gone) return gone.failure();
    return core::ok();
  });
}

core::Result<DeleteMessageBatchResponse> SqsService::delete_message_batch(const CallContext& ctx,
                                                                          const DeleteMessageBatchRequest& r) {
  if (r.queue_url.empty()) return missing_parameter("QueueUrl");
  if (auto ok = check_batch(r.entries, "DeleteMessageBatchRequestEntry"); !ok) return ok.failure();
  DeleteMessageBatchResponse out;
  for (const auto& e : r.entries) {
    auto done = delete_message(ctx, {.queue_url = r.queue_url, .receipt_handle = e.receipt_handle});
    if (done) {
      out.successful.push_back(e.id);
    } else if (done.error().code == "AWS.SimpleQueueService.NonExistentQueue") {
      return done.failure();
    } else {
      out.failed.push_back(failed_entry(e.id, done.error()));
    }
  }
  return out;
}

core::Result<void> SqsService::change_message_visibility(const CallContext& ctx,
                                                         const ChangeMessageVisibilityRequest& r) {
  if (r.queue_url.empty()) return missing_parameter("QueueUrl");
  if (r.receipt_handle.empty()) return missing_parameter("ReceiptHandle");
  if (!r.visibility_timeout) return missing_parameter("VisibilityTimeout");
  if (*r.visibility_timeout < 0 || *r.visibility_timeout > kMaxVisibility)
    return invalid_parameter_value("Value " + std::to_string(*r.visibility_timeout) +
                                   " for parameter VisibilityTimeout is invalid. Reason: Must be >= 0 and <= 43200.");
  auto ref = parse_queue_url(ctx, r.queue_url);
  if (!ref) return ref.failure();
  const std::int64_t now = to_millis(ctx.now);
  return house_.db.transaction([&](store::Tx& tx) -> core::Result<void> {
    QueueTable table(tx);
    auto q = table.queue(*ref);
    if (!q) return q.failure();
    if (!*q) return queue_does_not_exist();
    auto receipt = parse_receipt_handle(r.receipt_handle);
    if (!receipt || receipt->queue_id != (*q)->id) return receipt_handle_invalid(r.receipt_handle);
    auto m = table.message((*q)->id, receipt->message_id);
    if (!m) return m.failure();
    if (!*m || (*m)->visible_ms <= now)
      return aws_error("AWS.SimpleQueueService.MessageNotInflight",
                       "Message does not exist or is not available for visibility timeout change.");
    if ((*m)->receipt_token != receipt->token) return receipt_handle_invalid(r.receipt_handle);
    return table.set_visible((*m)->id, now + static_cast<std::int64_t>(*r.visibility_timeout) * 1000);
  });
}

}  // namespace hoplite::local::sqs
