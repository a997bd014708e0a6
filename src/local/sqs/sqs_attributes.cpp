#include "local/sqs/sqs_attributes.hpp"

#include <algorithm>
#include <charconv>
#include <optional>

#include <nlohmann/json.hpp>

#include "local/service.hpp"

namespace hoplite::local::sqs {
namespace {

struct Range {
  std::int64_t min;
  std::int64_t max;
};

/// Settable integer attributes and their ranges.
const std::map<std::string, Range, std::less<>>& ranges() {
  static const std::map<std::string, Range, std::less<>> kRanges = {
      {"DelaySeconds", {0, 900}},
      {"MaximumMessageSize", {1024, 1048576}},  // 1 MiB since August 2025 (256 KiB before)
      {"MessageRetentionPeriod", {60, 1209600}},
      {"ReceiveMessageWaitTimeSeconds", {0, 20}},
      {"VisibilityTimeout", {0, 43200}},
      {"KmsDataKeyReusePeriodSeconds", {60, 86400}},
  };
  return kRanges;
}

/// Settable attributes whose value is text (a policy document, a key id, a flag).
bool is_text_attribute(std::string_view name) {
  return name == "Policy" || name == "RedrivePolicy" || name == "RedriveAllowPolicy" || name == "KmsMasterKeyId" ||
         name == "SqsManagedSseEnabled";
}

/// Attributes that only FIFO queues have.
bool is_fifo_attribute(std::string_view name) {
  return name == "FifoQueue" || name == "ContentBasedDeduplication" || name == "DeduplicationScope" ||
         name == "FifoThroughputLimit";
}

/// Computed attributes: they can be read, never set.
constexpr std::string_view kComputed[] = {"QueueArn",
                                          "ApproximateNumberOfMessages",
                                          "ApproximateNumberOfMessagesNotVisible",
                                          "ApproximateNumberOfMessagesDelayed",
                                          "CreatedTimestamp",
                                          "LastModifiedTimestamp"};

std::optional<std::int64_t> parse_int(std::string_view s) {
  std::int64_t n = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), n);
  if (ec != std::errc{} || end != s.data() + s.size() || s.empty()) return std::nullopt;
  return n;
}

core::Failure invalid_value(std::string_view name) {
  return aws_error("InvalidAttributeValue", "Invalid value for the parameter " + std::string(name) + ".");
}

core::Failure unknown(std::string_view name) {
  return aws_error("InvalidAttributeName", "Unknown Attribute " + std::string(name.substr(0, 256)) + ".");
}

}  // namespace

Attributes default_attributes(bool fifo) {
  // A new queue takes 1 MiB messages, as on AWS since August 2025 (recorded:
  // cfn-template_engine-implicit_type_conversion, cfn-change_sets-queue_update).
  Attributes out = {{"DelaySeconds", "0"},
                    {"MaximumMessageSize", "1048576"},
                    {"MessageRetentionPeriod", "345600"},
                    {"ReceiveMessageWaitTimeSeconds", "0"},
                    {"VisibilityTimeout", "30"},
                    {"SqsManagedSseEnabled", "true"}};
  if (fifo) {  // recorded: cfn-template_engine-implicit_type_conversion
    out["FifoQueue"] = "true";
    out["ContentBasedDeduplication"] = "false";
    out["DeduplicationScope"] = "queue";
    out["FifoThroughputLimit"] = "perQueue";
  }
  return out;
}

bool is_fifo(const Attributes& attributes) {
  auto it = attributes.find("FifoQueue");
  return it != attributes.end() && it->second == "true";
}

core::Result<Attributes> apply_attributes(Attributes current, const Attributes& changes) {
  for (const auto& [name, value] : changes) {
    if (auto r = ranges().find(name); r != ranges().end()) {
      auto n = parse_int(value);
      if (!n || *n < r->second.min || *n > r->second.max) return invalid_value(name);
    } else if (is_fifo_attribute(name)) {
      // A queue is FIFO from its creation on (default_attributes(true)): FifoQueue cannot change,
      // and a standard queue knows none of the FIFO attributes.
      if (name == "FifoQueue") {
        if (value == (is_fifo(current) ? "true" : "false")) continue;
        return unknown(name);
      }
      if (!is_fifo(current)) return unknown(name);
      if (name == "ContentBasedDeduplication" && value != "true" && value != "false") return invalid_value(name);
      if (name == "DeduplicationScope" && value != "queue" && value != "messageGroup") return invalid_value(name);
      if (name == "FifoThroughputLimit" && value != "perQueue" && value != "perMessageGroupId")
        return invalid_value(name);
    } else if (name == "Policy" || name == "RedrivePolicy" || name == "RedriveAllowPolicy") {
      if (!value.empty() && !nlohmann::json::accept(value)) return invalid_value(name);
    } else if (name == "SqsManagedSseEnabled") {
      if (value != "true" && value != "false") return invalid_value(name);
    } else if (!is_text_attribute(name)) {
      return unknown(name);
    }
    if (value.empty() && !ranges().contains(name))
      current.erase(name);
    else
      current[name] = value;
  }
  return current;
}

std::int64_t int_attribute(const Attributes& attributes, const std::string& name) {
  auto it = attributes.find(name);
  return it == attributes.end() ? 0 : parse_int(it->second).value_or(0);
}

core::Result<Attributes> select_attributes(const Attributes& stored, const QueueFacts& facts,
                                           const std::vector<std::string>& names) {
  Attributes all = stored;
  all["QueueArn"] = facts.arn;
  all["ApproximateNumberOfMessages"] = std::to_string(facts.visible);
  all["ApproximateNumberOfMessagesNotVisible"] = std::to_string(facts.in_flight);
  all["ApproximateNumberOfMessagesDelayed"] = std::to_string(facts.delayed);
  all["CreatedTimestamp"] = std::to_string(facts.created_s);
  all["LastModifiedTimestamp"] = std::to_string(facts.modified_s);
  Attributes out;
  for (const auto& name : names) {
    if (name == "All") return all;
    bool known = ranges().contains(name) || is_text_attribute(name) || is_fifo_attribute(name) ||
                 std::find(std::begin(kComputed), std::end(kComputed), name) != std::end(kComputed);
    if (!known) return unknown(name);
    if (auto it = all.find(name); it != all.end()) out.insert(*it);
  }
  return out;
}

}  // namespace hoplite::local::sqs
