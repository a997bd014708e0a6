#include "local/sns/sns_names.hpp"

#include <algorithm>

#include "local/regions.hpp"
#include "local/sqs/sqs_names.hpp"

namespace hoplite::local::sns {
namespace {

bool is_name_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
}

}  // namespace

bool is_topic_name(std::string_view name) {
  std::string_view base = name.ends_with(".fifo") ? name.substr(0, name.size() - 5) : name;
  return !base.empty() && name.size() <= 256 && std::all_of(base.begin(), base.end(), is_name_char);
}

core::Result<TopicRef> parse_topic_arn(std::string_view arn) {
  // arn:<partition>:sns:<region>:<account>:<name>
  std::string_view parts[6];
  std::size_t start = 0;
  for (std::size_t n = 0; n < 5; ++n) {
    auto colon = arn.find(':', start);
    if (colon == std::string_view::npos) return invalid_parameter("TopicArn");
    parts[n] = arn.substr(start, colon - start);
    start = colon + 1;
  }
  parts[5] = arn.substr(start);
  bool account = parts[4].size() == 12 &&
                 std::all_of(parts[4].begin(), parts[4].end(), [](char c) { return c >= '0' && c <= '9'; });
  if (parts[0] != "arn" || parts[1] != partition_of(parts[3]) || parts[2] != "sns" || !is_region_name(parts[3]) ||
      !account || !is_topic_name(parts[5]))
    return invalid_parameter("TopicArn");
  return TopicRef{std::string(parts[4]), std::string(parts[3]), std::string(parts[5])};
}

bool is_sqs_arn(std::string_view arn) { return sqs::parse_queue_arn(arn).has_value(); }

core::Failure invalid_parameter(std::string_view what) {
  return aws_error("InvalidParameter", "Invalid parameter: " + std::string(what.substr(0, 512)));
}

core::Failure topic_not_found() { return aws_error("NotFound", "Topic does not exist", 404); }

}  // namespace hoplite::local::sns
