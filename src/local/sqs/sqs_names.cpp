#include "local/sqs/sqs_names.hpp"

#include <algorithm>
#include <charconv>

#include "hoplite/core/base64.hpp"
#include "local/regions.hpp"

namespace hoplite::local::sqs {
namespace {

bool is_name_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
}

bool is_account(std::string_view s) {
  return s.size() == 12 && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

std::optional<std::int64_t> number(std::string_view s) {
  std::int64_t n = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), n);
  if (ec != std::errc{} || end != s.data() + s.size() || n <= 0) return std::nullopt;
  return n;
}

}  // namespace

bool is_queue_name(std::string_view name) {
  std::string_view base = name.ends_with(".fifo") ? name.substr(0, name.size() - 5) : name;
  return !base.empty() && name.size() <= 80 && std::all_of(base.begin(), base.end(), is_name_char);
}

std::string queue_url(const CallContext& ctx, std::string_view account, std::string_view name) {
  return "http://" + (ctx.host.empty() ? std::string("127.0.0.1:4566") : ctx.host) + "/" + std::string(account) + "/" +
         std::string(name);
}

std::string queue_arn(std::string_view region, std::string_view account, std::string_view name) {
  return "arn:" + partition_of(region) + ":sqs:" + std::string(region) + ":" + std::string(account) + ":" +
         std::string(name);
}

core::Result<QueueRef> parse_queue_url(const CallContext& ctx, std::string_view url) {
  std::string_view path = url;
  if (auto scheme = path.find("://"); scheme != std::string_view::npos) {
    path.remove_prefix(scheme + 3);
    auto slash = path.find('/');
    if (slash == std::string_view::npos) return queue_does_not_exist();
    path.remove_prefix(slash);
  }
  while (path.ends_with('/')) path.remove_suffix(1);
  auto last = path.rfind('/');
  if (last == std::string_view::npos || last == 0) return queue_does_not_exist();
  std::string_view name = path.substr(last + 1);
  std::string_view rest = path.substr(0, last);
  std::string_view account = rest.substr(rest.rfind('/') + 1);
  if (!is_account(account) || !is_queue_name(name)) return queue_does_not_exist();
  return QueueRef{std::string(account), ctx.region, std::string(name)};
}

std::optional<QueueRef> parse_queue_arn(std::string_view arn) {
  // arn:<partition>:sqs:<region>:<account>:<name>
  std::string_view parts[6];
  std::size_t n = 0;
  std::size_t start = 0;
  while (n < 5) {
    auto colon = arn.find(':', start);
    if (colon == std::string_view::npos) return std::nullopt;
    parts[n++] = arn.substr(start, colon - start);
    start = colon + 1;
  }
  parts[5] = arn.substr(start);
  if (parts[0] != "arn" || parts[2] != "sqs" || !is_region_name(parts[3]) || !is_account(parts[4]) ||
      !is_queue_name(parts[5]))
    return std::nullopt;
  return QueueRef{std::string(parts[4]), std::string(parts[3]), std::string(parts[5])};
}

std::string receipt_handle(const Receipt& r) {
  return core::base64_encode(std::to_string(r.queue_id) + ":" + std::to_string(r.message_id) + ":" + r.token);
}

std::optional<Receipt> parse_receipt_handle(std::string_view handle) {
  if (handle.empty() || handle.size() > 1024) return std::nullopt;
  auto plain = core::base64_decode(handle);
  if (!plain) return std::nullopt;
  std::string_view text = *plain;
  auto a = text.find(':');
  auto b = a == std::string_view::npos ? a : text.find(':', a + 1);
  if (b == std::string_view::npos) return std::nullopt;
  auto queue = number(text.substr(0, a));
  auto message = number(text.substr(a + 1, b - a - 1));
  std::string_view token = text.substr(b + 1);
  if (!queue || !message || token.size() != 32) return std::nullopt;
  return Receipt{*queue, *message, std::string(token)};
}

core::Failure queue_does_not_exist() {
  return aws_error("AWS.SimpleQueueService.NonExistentQueue",
                   "The specified queue does not exist for this wsdl version.");
}

core::Failure invalid_parameter_value(std::string message) {
  return aws_error("InvalidParameterValue", std::move(message));
}

core::Failure missing_parameter(std::string_view name) {
  return aws_error("MissingParameter", "The request must contain the parameter " + std::string(name) + ".");
}

core::Failure receipt_handle_invalid(std::string_view handle) {
  return aws_error("ReceiptHandleIsInvalid", "The input receipt handle \"" + std::string(handle.substr(0, 256)) +
                                                 "\" is not a valid receipt handle.");
}

}  // namespace hoplite::local::sqs
